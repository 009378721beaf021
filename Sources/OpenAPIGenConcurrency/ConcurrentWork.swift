import Dispatch
import Foundation

/// Runs independent pieces of work on every core and waits for all of them: the document
/// reader, the translator, the lowering, the printer and the generator's rendering share
/// their work out with it.
public enum ConcurrentWork {
    /// How many pieces to cut `count` items into: one for fewer than `minimumCount`, about
    /// `count / itemsPerPiece` otherwise, at most four per core.
    public static func pieceCount(for count: Int, minimumCount: Int, itemsPerPiece: Int) -> Int {
        count < minimumCount ? 1 : min(count / itemsPerPiece, 4 * ProcessInfo.processInfo.activeProcessorCount)
    }

    /// `0..<count` cut into `pieces` consecutive ranges of (nearly) equal length, none empty.
    public static func ranges(_ count: Int, pieces: Int) -> [Range<Int>] {
        guard count > 0 else { return [] }
        let pieces = max(1, min(pieces, count))
        let size = (count + pieces - 1) / pieces
        return stride(from: 0, to: count, by: size).map { $0..<min($0 + size, count) }
    }

    /// `[body(0), …, body(count - 1)]`, computed concurrently: the calling thread and one
    /// thread of the global queue per other core each take the next piece not yet taken
    /// until none is left, so a long piece does not hold the others up behind it. The
    /// pieces are taken in the order of `priority` (the longest first balances best; the
    /// indices in order by default). The order of the results is the order of the indices,
    /// whatever order the pieces finish in.
    public static func map<Value>(
        _ count: Int, priority: [Int]? = nil, _ body: @escaping @Sendable (Int) -> Value
    ) -> [Value] {
        guard count > 1 else { return count == 1 ? [body(0)] : [] }
        precondition(priority.map { $0.sorted() == Array(0..<count) } ?? true, "the priority orders every index once")
        let queue = PieceQueue<Value>(count: count, order: priority ?? Array(0..<count), body: body)
        let helpers = min(count, ProcessInfo.processInfo.activeProcessorCount) - 1
        for _ in 0..<helpers {
            DispatchQueue.global(qos: .userInitiated).async {
                ProcessHeap.adviseThisThread()
                queue.work()
            }
        }
        ProcessHeap.adviseThisThread()
        queue.work()
        // Waits for the pieces others took, not for helpers to start: a helper the system
        // starts late (a parked core woken: up to a few ms on a VM) may find nothing left.
        return queue.finishedValues()
    }

    /// `0..<count` in consecutive ranges, one per piece: as many as
    /// ``pieceCount(for:minimumCount:itemsPerPiece:)`` says.
    public static func pieces(_ count: Int, minimumCount: Int, itemsPerPiece: Int) -> [Range<Int>] {
        ranges(count, pieces: pieceCount(for: count, minimumCount: minimumCount, itemsPerPiece: itemsPerPiece))
    }

    /// `(0..<count).map(body)`, computed in pieces of consecutive indices on every core
    /// when there are at least `minimumCount` (see ``pieceCount(for:minimumCount:itemsPerPiece:)``).
    public static func mapIndices<Value>(
        _ count: Int, minimumCount: Int, itemsPerPiece: Int, _ body: @escaping @Sendable (Int) -> Value
    ) -> [Value] {
        let runs = pieces(count, minimumCount: minimumCount, itemsPerPiece: itemsPerPiece)
        return map(runs.count) { runs[$0].map(body) }.flatMap { $0 }
    }

    /// Lets `value` go on a thread of the global queue, so that freeing a large structure
    /// (a parsed document) overlaps the work that follows instead of delaying it. The
    /// caller must hold no other reference for this to help, and waits on the result
    /// before it returns, so that nothing it allocated outlives it (leak checkers such as
    /// the fuzzer's see every allocation freed).
    public static func release<Value>(_ value: consuming sending Value) -> Release {
        let box = ReleaseBox(value)
        let release = Release()
        DispatchQueue.global(qos: .utility).async(group: release.group) { box.empty() }
        return release
    }

    /// A value being freed on another thread (see ``ConcurrentWork/release(_:)``).
    public struct Release: Sendable {
        fileprivate let group = DispatchGroup()

        /// Waits until the value is freed.
        public func wait() { group.wait() }
    }
}

/// The pieces still to take, and one result slot per piece (each written by the thread
/// that took its piece).
final class PieceQueue<Value>: @unchecked Sendable {
    private let order: [Int]
    private var next = 0
    private var finished = 0
    private var slots: [Value?]
    /// The work, until every piece is done: a helper that starts after that takes nothing
    /// and holds nothing of the caller's (the body's captures, the results).
    private var body: (@Sendable (Int) -> Value)?
    private let condition = NSCondition()

    init(count: Int, order: [Int], body: @escaping @Sendable (Int) -> Value) {
        self.order = order
        self.body = body
        slots = Array(repeating: nil, count: count)
    }

    /// Takes pieces and computes them until none is left.
    func work() {
        while let (index, body) = take() {
            let value = body(index)
            condition.withLock {
                slots[index] = value
                finished += 1
                if finished == slots.count { condition.broadcast() }
            }
        }
    }

    private func take() -> (Int, @Sendable (Int) -> Value)? {
        condition.withLock {
            guard next < order.count, let body else { return nil }
            defer { next += 1 }
            return (order[next], body)
        }
    }

    /// The results in index order, once every piece is done (those taken by other threads
    /// included); the queue then lets the body and the results go.
    func finishedValues() -> [Value] {
        condition.withLock {
            while finished < slots.count { condition.wait() }
            let values = slots.map { $0! }
            slots = []
            body = nil
            return values
        }
    }
}

/// Holds the value `release` lets go, until the thread it is sent to empties it.
private final class ReleaseBox<Value>: @unchecked Sendable {
    private var value: Value?

    init(_ value: consuming Value) { self.value = consume value }

    func empty() { value = nil }
}
