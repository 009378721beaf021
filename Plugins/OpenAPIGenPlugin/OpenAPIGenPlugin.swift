import Foundation
import PackagePlugin

/// Generates a target's SDK at build time: a target holding `openapi.yaml` (or `.yml`,
/// `.json`) and, optionally, `openapi-gen.yaml` gets `Types.swift` and `Client.swift` (or,
/// for a spec over 512 KiB or with `files: N` in the configuration, `Part1.swift`…
/// `PartN.swift`) in the plugin's work directory, rebuilt only when the spec or the
/// configuration changes. The generated code imports `OpenAPIGenRuntime`, so the target
/// depends on that product.
///
/// A build command must name its outputs before it runs, and a plugin cannot link the
/// generator's libraries, so the names come from `OutputFiles.swift`, a symbolic link to
/// the file OpenAPIGenCore compiles: the plugin and the generator share one definition.
/// The plugin reads `files:` from the configuration's text without a YAML parser
/// (``OutputFiles/fileCount(configurationText:)``), or without one takes the automatic
/// count from the spec file's size, and passes the count as
/// `--expected-file-count`; the generator, which parses the file fully, fails with a clear
/// error when the two readings differ, rather than letting the build compile other files
/// than it declared.
@main
struct OpenAPIGenPlugin: BuildToolPlugin {
    static let specNames: Set<String> = ["openapi.yaml", "openapi.yml", "openapi.json"]

    func createBuildCommands(context: PluginContext, target: Target) async throws -> [Command] {
        guard let target = target as? SourceModuleTarget else { return [] }
        let files = target.sourceFiles.map(\.url)
        let specs = files.filter { Self.specNames.contains($0.lastPathComponent) }
        guard let spec = specs.first else {
            throw PluginError(
                "target '\(target.name)' uses OpenAPIGenPlugin but has no openapi.yaml, openapi.yml or openapi.json")
        }
        guard specs.count == 1 else {
            throw PluginError(
                "target '\(target.name)' has more than one spec: \(specs.map(\.lastPathComponent).sorted().joined(separator: ", "))"
            )
        }
        let config = files.first { $0.lastPathComponent == OutputFiles.configurationFileName }
        let configured = try config.flatMap {
            OutputFiles.fileCount(configurationText: try String(contentsOf: $0, encoding: .utf8))
        }
        let specSize = try FileManager.default.attributesOfItem(atPath: spec.path)[.size] as? Int ?? 0
        let fileCount = configured ?? OutputFiles.automaticFileCount(specByteCount: specSize)
        let output = context.pluginWorkDirectoryURL.appending(path: "GeneratedSources")
        var arguments = [
            "generate", spec.path, "--output", output.path, "--module", target.moduleName,
            "--expected-file-count", String(fileCount),
        ]
        if let config { arguments += ["--config", config.path] }
        return [
            .buildCommand(
                displayName: "Generating the \(target.name) SDK from \(spec.lastPathComponent)",
                executable: try context.tool(named: "openapi-gen").url,
                arguments: arguments,
                inputFiles: [spec] + (config.map { [$0] } ?? []),
                outputFiles: OutputFiles.names(fileCount: fileCount).map { output.appending(path: $0) })
        ]
    }
}

struct PluginError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
