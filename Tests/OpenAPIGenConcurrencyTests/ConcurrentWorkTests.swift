import Foundation
import XCTest

@testable import OpenAPIGenConcurrency

/// The pieces of work every parallel stage shares out: results in index order whatever
/// order they run in, every piece run exactly once, ranges that cover the items.
final class ConcurrentWorkTests: XCTestCase {
    func testResultsComeBackInIndexOrderWhateverThePriority() {
        let count = 50
        let reversed = Array((0..<count).reversed())
        XCTAssertEqual(ConcurrentWork.map(count, priority: reversed) { $0 * $0 }, (0..<count).map { $0 * $0 })
        XCTAssertEqual(ConcurrentWork.map(count) { "\($0)" }, (0..<count).map { "\($0)" })
        XCTAssertEqual(ConcurrentWork.map(1) { $0 + 7 }, [7])
        XCTAssertEqual(ConcurrentWork.map(0) { $0 }, [])
    }

    func testEveryPieceRunsOnceAndTheyRunInPriorityOrder() {
        let started = StartOrder()
        let priority = [3, 0, 4, 1, 2]
        // Each piece waits a little, so a helper thread, if one starts, takes the next.
        _ = ConcurrentWork.map(priority.count, priority: priority) { index in
            started.append(index)
            usleep(2_000)
            return index
        }
        let order = started.values
        XCTAssertEqual(order.sorted(), [0, 1, 2, 3, 4], "each piece once")
        // Pieces are taken in priority order; two threads may record neighbours swapped.
        for (position, index) in order.enumerated() {
            XCTAssertLessThanOrEqual(abs(priority.firstIndex(of: index)! - position), 1, "\(order)")
        }
    }

    func testRangesCoverTheItemsInEvenConsecutiveRuns() {
        XCTAssertEqual(ConcurrentWork.ranges(10, pieces: 3), [0..<4, 4..<8, 8..<10])
        XCTAssertEqual(ConcurrentWork.ranges(3, pieces: 8), [0..<1, 1..<2, 2..<3])
        XCTAssertEqual(ConcurrentWork.ranges(5, pieces: 0), [0..<5])
        XCTAssertEqual(ConcurrentWork.ranges(0, pieces: 4), [])
        // Below the minimum, one piece; above it, about one per `itemsPerPiece`.
        XCTAssertEqual(ConcurrentWork.pieces(50, minimumCount: 64, itemsPerPiece: 16), [0..<50])
        XCTAssertEqual(ConcurrentWork.pieces(64, minimumCount: 64, itemsPerPiece: 32), [0..<32, 32..<64])
        XCTAssertEqual(
            ConcurrentWork.mapIndices(1000, minimumCount: 64, itemsPerPiece: 16) { $0 * 2 }, (0..<1000).map { $0 * 2 })
    }

    /// A map's caller waits for the pieces other threads took, not for helpers to start: one
    /// that starts after every piece is done takes none, and by then the queue has let go of
    /// the body's captures and the results.
    func testTheCallerWaitsForPiecesTakenNotForHelpersThatHaveNotStarted() {
        let freedOn = FreedOn()
        let ran = StartOrder()
        var captured: Tracked? = Tracked { freedOn.record() }
        let queue = PieceQueue<Int>(count: 3, order: [2, 0, 1]) { [captured] index in
            withExtendedLifetime(captured) { ran.append(index) }
            return index * 10
        }
        captured = nil
        queue.work()  // the caller alone: no helper has started
        XCTAssertEqual(queue.finishedValues(), [0, 10, 20])
        XCTAssertEqual(freedOn.threads.count, 1, "the body's captures are let go once the values are taken")
        queue.work()  // a helper that starts late
        XCTAssertEqual(ran.values, [2, 0, 1], "each piece once, in priority order")
    }

    func testTheCallerWaitsForAPieceAnotherThreadTook() {
        let taken = DispatchSemaphore(value: 0)
        let mayFinish = DispatchSemaphore(value: 0)
        let finishedAt = StartOrder()
        let queue = PieceQueue<Int>(count: 3, order: [0, 1, 2]) { index in
            if index == 0 {
                taken.signal()
                mayFinish.wait()
                finishedAt.append(0)
            }
            return index + 100
        }
        let helper = Thread { queue.work() }
        helper.start()
        taken.wait()
        queue.work()  // takes pieces 1 and 2 while the helper holds piece 0
        DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(50)) { mayFinish.signal() }
        XCTAssertEqual(queue.finishedValues(), [100, 101, 102])
        XCTAssertEqual(finishedAt.values, [0], "returned only once the helper's piece was done")
    }

    func testReleaseFreesTheValueOnAnotherThreadAndWaitWaitsForIt() {
        let freedOn = FreedOn()
        var value: Tracked? = Tracked { freedOn.record() }
        let release = ConcurrentWork.release(value.take()!)
        XCTAssertNil(value)
        release.wait()
        XCTAssertEqual(freedOn.threads.count, 1, "freed once, before wait() returns")
        XCTAssertEqual(freedOn.threads.first, false, "not on the calling (main) thread")
    }
}

private final class StartOrder: @unchecked Sendable {
    private var order: [Int] = []
    private let lock = NSLock()

    func append(_ index: Int) { lock.withLock { order.append(index) } }
    var values: [Int] { lock.withLock { order } }
}

/// Whether each free happened on the main thread.
private final class FreedOn: @unchecked Sendable {
    private var recorded: [Bool] = []
    private let lock = NSLock()

    func record() { lock.withLock { recorded.append(Thread.isMainThread) } }
    var threads: [Bool] { lock.withLock { recorded } }
}

private final class Tracked: @unchecked Sendable {
    let onDeinit: () -> Void

    init(_ onDeinit: @escaping () -> Void) { self.onDeinit = onDeinit }

    deinit { onDeinit() }
}
