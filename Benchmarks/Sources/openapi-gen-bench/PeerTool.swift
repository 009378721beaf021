import Foundation
import _OpenAPIGeneratorCore

/// apple/swift-openapi-generator 1.14.3 generating types and client, as its CLI does
/// (`swift-openapi-generator generate SPEC --mode types --mode client --access-modifier
/// public`): the document is read once and each mode runs its whole pipeline (parse,
/// validate, translate, render) concurrently with the other; every file is written.
/// Diagnostics are counted rather than printed.
enum PeerTool {
    static let modes: [GeneratorMode] = [.types, .client]

    static func run(spec: String, outputDirectory: String) throws -> ToolOutcome {
        let url = URL(fileURLWithPath: spec)
        let data = try Data(contentsOf: url)
        let output = URL(fileURLWithPath: outputDirectory, isDirectory: true)
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        let counter = CountingDiagnosticCollector()
        let diagnostics = ErrorThrowingDiagnosticCollector(upstream: counter)
        // Each mode's own CPU time: what it would take alone, however the two tasks
        // shared the cores. A mode runs synchronously, so it stays on one thread.
        let modeCPUSeconds = Locked([Double](repeating: 0, count: modes.count))
        let finished = DispatchSemaphore(value: 0)
        let failure = Locked<(any Error)?>(nil)
        // A task group on the cooperative pool, as the CLI's runGenerator(doc:configs:...)
        // does. (DispatchQueue.concurrentPerform ran both modes on one thread here.)
        Task.detached {
            do {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for (index, mode) in modes.enumerated() {
                        group.addTask {
                            let start = ProcessMetrics.threadCPUSeconds()
                            defer {
                                let seconds = ProcessMetrics.threadCPUSeconds() - start
                                modeCPUSeconds.withValue { $0[index] = seconds }
                            }
                            let config = Config(
                                mode: mode, access: .public, namingStrategy: Config.defaultNamingStrategy)
                            let files = try runGenerator(
                                input: InMemoryInputFile(absolutePath: url, contents: data), config: config,
                                diagnostics: diagnostics)
                            for file in files {
                                try file.contents.write(to: output.appendingPathComponent(file.baseName))
                            }
                        }
                    }
                    try await group.waitForAll()
                }
            } catch {
                failure.withValue { $0 = error }
            }
            finished.signal()
        }
        finished.wait()
        if let error = failure.withValue({ $0 }) { throw error }
        let phases = zip(modes, modeCPUSeconds.withValue { $0 }).map { mode, seconds in
            Phase(name: "\(mode.rawValue) mode CPU", seconds: seconds)
        }
        return ToolOutcome(warnings: counter.count, phases: phases)
    }
}

/// Counts diagnostics instead of printing them, so that neither tool pays for output
/// the other doesn't produce.
private final class CountingDiagnosticCollector: DiagnosticCollector, Sendable {
    private let total = Locked(0)
    var count: Int { total.withValue { $0 } }
    func emit(_ diagnostic: Diagnostic) { total.withValue { $0 += 1 } }
}
