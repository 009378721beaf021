import Foundation

/// Gathers the warnings of a generation run, in the order the stages give them. One
/// collector is passed through the pipeline; errors are thrown, not collected.
///
/// A stage that can read the same part of a document more than once (a part that YAML
/// aliases or merge keys bring in several times) records with ``emitOnce(_:)``, so that
/// the user sees each warning once; ``emit(_:)`` records every diagnostic it is given.
/// The collector may be shared by work running concurrently.
public final class DiagnosticCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [Diagnostic] = []
    private var given: Set<Diagnostic> = []

    public init() {}

    /// Everything recorded so far, in the order it was recorded.
    public var diagnostics: [Diagnostic] {
        lock.withLock { recorded }
    }

    /// Records `diagnostic`.
    public func emit(_ diagnostic: Diagnostic) {
        lock.withLock {
            given.insert(diagnostic)
            recorded.append(diagnostic)
        }
    }

    /// Records each of `diagnostics`, in order.
    public func emit(contentsOf diagnostics: some Sequence<Diagnostic>) {
        for diagnostic in diagnostics { emit(diagnostic) }
    }

    /// Records `diagnostic` unless an equal one was already recorded.
    public func emitOnce(_ diagnostic: Diagnostic) {
        lock.withLock {
            if given.insert(diagnostic).inserted { recorded.append(diagnostic) }
        }
    }
}
