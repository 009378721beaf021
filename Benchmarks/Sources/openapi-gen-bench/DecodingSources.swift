import Foundation
import OpenAPIGenCore
import _OpenAPIGeneratorCore

/// `openapi-gen-bench --decoding-sources SPEC OURS_DIR PEER_DIR`: writes the two modules
/// the decoding benchmark decodes with, from the trimmed spec that
/// `Benchmarks/Decoding/fixtures.py spec` makes. Run by `Benchmarks/Decoding/regenerate.sh`,
/// not meant for direct use.
///
/// - ours: openapi-gen's types (no client: the benchmark decodes, it sends nothing),
///   `Equatable` (the benchmark checks that each decoder gives the same values), otherwise
///   the CLI's defaults: public, module named after the folder.
/// - peer: swift-openapi-generator 1.14.3's `types` mode with its CLI's defaults for
///   everything but the access modifier (public, as its users of a separate module set).
enum DecodingSources {
    static let flag = "--decoding-sources"

    static func main(_ arguments: [String]) -> Never {
        guard arguments.count == 3 else {
            FileHandle.standardError.write(Data("usage: openapi-gen-bench \(flag) SPEC OURS_DIR PEER_DIR\n".utf8))
            exit(64)
        }
        do {
            try run(spec: arguments[0], ours: arguments[1], peer: arguments[2])
            exit(0)
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            exit(1)
        }
    }

    static func run(spec: String, ours: String, peer: String) throws {
        var configuration = GeneratorConfiguration(
            moduleName: URL(fileURLWithPath: ours).lastPathComponent, specDisplayName: "decoding-spec.json",
            regenerateCommand: "bash Benchmarks/Decoding/regenerate.sh", emitClient: false)
        configuration.modelConformances = ModelConformances(.equatable)
        let result = try Generator.generate(contentsOf: spec, configuration: configuration)
        try FileManager.default.createDirectory(atPath: ours, withIntermediateDirectories: true)
        try OutputDirectory(path: ours).write(result.files)
        if !result.warnings.isEmpty {
            FileHandle.standardError.write(Data("ours: \(result.warnings.count) warnings\n".utf8))
        }

        let url = URL(fileURLWithPath: spec)
        let data = try Data(contentsOf: url)
        let output = URL(fileURLWithPath: peer, isDirectory: true)
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        let config = Config(mode: .types, access: .public, namingStrategy: Config.defaultNamingStrategy)
        let files = try runGenerator(
            input: InMemoryInputFile(absolutePath: URL(fileURLWithPath: "/decoding-spec.json"), contents: data),
            config: config, diagnostics: StdErrPrintingDiagnosticCollector())
        for file in files {
            try file.contents.write(to: output.appendingPathComponent(file.baseName))
        }
    }
}
