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
        let failures = Locked<[String]>([])
        DispatchQueue.concurrentPerform(iterations: modes.count) { index in
            let mode = modes[index]
            do {
                let config = Config(
                    mode: mode, access: .public, namingStrategy: Config.defaultNamingStrategy)
                let files = try runGenerator(
                    input: InMemoryInputFile(absolutePath: url, contents: data), config: config,
                    diagnostics: diagnostics)
                for file in files {
                    try file.contents.write(to: output.appendingPathComponent(file.baseName))
                }
            } catch {
                failures.withValue { $0.append("\(mode.rawValue) mode: \(error)") }
            }
        }
        if let failure = failures.withValue({ $0.first }) { throw ToolError(failure) }
        return ToolOutcome(warnings: counter.count)
    }
}

/// Counts diagnostics instead of printing them, so that neither tool pays for output
/// the other doesn't produce.
private final class CountingDiagnosticCollector: DiagnosticCollector, Sendable {
    private let total = Locked(0)
    var count: Int { total.withValue { $0 } }
    func emit(_ diagnostic: Diagnostic) { total.withValue { $0 += 1 } }
}
