import Foundation
import PackagePlugin

/// Generates a target's SDK at build time: a target holding `openapi.yaml` (or `.yml`,
/// `.json`) and, optionally, `openapi-gen.yaml` gets `Types.swift` and `Client.swift` (or,
/// with `files: N` in the configuration, `Part1.swift`…`PartN.swift`) in the plugin's work directory, rebuilt only when the spec or the configuration changes.
/// The generated code imports `OpenAPIGenRuntime`, so the target depends on that product.
@main
struct OpenAPIGenPlugin: BuildToolPlugin {
    static let specNames: Set<String> = ["openapi.yaml", "openapi.yml", "openapi.json"]

    func createBuildCommands(context: PluginContext, target: Target) async throws -> [Command] {
        guard let target = target as? SourceModuleTarget else { return [] }
        let files = target.sourceFiles.map(\.url)
        let specs = files.filter { Self.specNames.contains($0.lastPathComponent) }
        guard let spec = specs.first else {
            throw PluginError("target '\(target.name)' uses OpenAPIGenPlugin but has no openapi.yaml, openapi.yml or openapi.json")
        }
        guard specs.count == 1 else {
            throw PluginError("target '\(target.name)' has more than one spec: \(specs.map(\.lastPathComponent).sorted().joined(separator: ", "))")
        }
        let config = files.first { $0.lastPathComponent == "openapi-gen.yaml" }
        let output = context.pluginWorkDirectoryURL.appending(path: "GeneratedSources")
        var arguments = ["generate", spec.path, "--output", output.path, "--module", target.moduleName]
        if let config { arguments += ["--config", config.path] }
        return [
            .buildCommand(
                displayName: "Generating the \(target.name) SDK from \(spec.lastPathComponent)",
                executable: try context.tool(named: "openapi-gen").url,
                arguments: arguments,
                inputFiles: [spec] + (config.map { [$0] } ?? []),
                outputFiles: Self.outputNames(fileCount: try config.map(Self.fileCount) ?? 1).map { output.appending(path: $0) })
        ]
    }

    /// The files `openapi-gen` writes for `files: N` (see `TranslatorConfiguration.fileCount`).
    static func outputNames(fileCount: Int) -> [String] {
        guard fileCount > 1 else { return ["Types.swift", "Client.swift"] }
        return (1...fileCount).map { "Part\($0).swift" }
    }

    /// The `files:` value of the configuration, read line by line (the generator itself
    /// validates the whole file and reports errors with their line).
    static func fileCount(_ config: URL) throws -> Int {
        let text = try String(contentsOf: config, encoding: .utf8)
        for line in text.split(whereSeparator: \.isNewline) where line.hasPrefix("files:") {
            let value = line.dropFirst("files:".count).split(separator: "#").first ?? ""
            return Int(value.trimmingCharacters(in: .whitespaces)) ?? 1
        }
        return 1
    }
}

struct PluginError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
