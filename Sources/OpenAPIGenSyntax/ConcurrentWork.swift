import Dispatch
import Foundation

/// Runs independent pieces of work on every core and waits for all of them. The
/// translator and the printer use it (it lives here, in the module both import, so that
/// the printer needs no other).
public enum ConcurrentWork {
    /// `[body(0), …, body(count - 1)]`, computed concurrently: piece 0 on the calling
    /// thread, the others on the global queue (DispatchQueue.concurrentPerform may run
    /// everything on the calling thread on Linux). The order of the results is the order
    /// of the indices, whatever order the pieces finish in.
    /// How many pieces to cut `count` items into: one for fewer than `minimumCount`, about
    /// `count / itemsPerPiece` otherwise, at most four per core.
    public static func pieceCount(for count: Int, minimumCount: Int, itemsPerPiece: Int) -> Int {
        count < minimumCount ? 1 : min(count / itemsPerPiece, 4 * ProcessInfo.processInfo.activeProcessorCount)
    }

    public static func map<Value>(_ count: Int, _ body: @escaping @Sendable (Int) -> Value) -> [Value] {
        guard count > 1 else { return count == 1 ? [body(0)] : [] }
        let slots = Slots<Value>(count: count)
        let group = DispatchGroup()
        for index in 1..<count {
            DispatchQueue.global(qos: .userInitiated).async(group: group) { slots.set(index, body(index)) }
        }
        slots.set(0, body(0))
        group.wait()
        return slots.values
    }
}

/// One slot per piece of work; each piece writes only its own.
private final class Slots<Value>: @unchecked Sendable {
    private var slots: [Value?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: Value) { lock.withLock { slots[index] = value } }

    var values: [Value] { lock.withLock { slots.map { $0! } } }
}
