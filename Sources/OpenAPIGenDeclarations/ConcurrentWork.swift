import Dispatch

/// Runs independent pieces of work on every core and waits for all of them. The
/// translator and the renderer use it; each piece writes only its own result slot.
public enum ConcurrentWork {
    /// Calls `body(0)`, …, `body(count - 1)`: piece 0 on the calling thread, the others on
    /// the global queue (DispatchQueue.concurrentPerform may run everything on the calling
    /// thread on Linux).
    public static func run(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
        guard count > 1 else {
            if count == 1 { body(0) }
            return
        }
        let group = DispatchGroup()
        for index in 1..<count {
            DispatchQueue.global(qos: .userInitiated).async(group: group) { body(index) }
        }
        body(0)
        group.wait()
    }
}
