import ArgumentParser
import Foundation
import OpenAPIGenCore
import OpenAPIGenDeclarations
import OpenAPIGenModel
import OpenAPIGenTranslator
import OpenAPIGenYAML

#if canImport(Glibc)
    import Glibc
#endif

@main
struct OpenAPIGenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "openapi-gen",
        abstract: "Generate a Swift SDK (Codable models and an async/await client) from an OpenAPI 3.0/3.1 document.",
        discussion: """
            With no arguments, regenerates this package's Calendly SDK: reads
            spec/calendly-invitees.yaml and writes Generated/CalendlyAPI/.

            Examples:
              openapi-gen
              openapi-gen api.yaml --output Sources/MyAPI --module MyAPI
              openapi-gen --check        # exit 1 with a diff when Generated/ is out of date
            """,
        version: "0.1.0"
    )

    @Argument(help: "The OpenAPI document (YAML or JSON).")
    var spec: String = DefaultJob.specPath

    @Option(name: .shortAndLong, help: "The directory to write the generated Swift files into.")
    var output: String = DefaultJob.outputPath

    @Option(help: "The Swift module the generated files belong to (default: the output directory's name).")
    var module: String?

    @Option(help: "The client type's name (default: from info.title, e.g. 'Calendly API' -> CalendlyClient).")
    var clientName: String?

    @Option(help: "Access level of the generated declarations: public, package or internal.")
    var access: String = "public"

    @Flag(help: "Write nothing; exit 1 and print a unified diff if the output directory is not up to date.")
    var check = false

    @Option(help: "The largest spec accepted, in bytes.")
    var maxInputBytes: Int = YAMLLimits.default.maxInputBytes

    @Option(help: "The deepest nesting of YAML collections accepted.")
    var maxDepth: Int = YAMLLimits.default.maxDepth

    @Flag(help: "Treat warnings as errors.")
    var warningsAsErrors = false

    mutating func run() throws {
        guard let accessLevel = AccessLevel(rawValue: access) else {
            throw ValidationError("--access must be public, package or internal, not '\(access)'")
        }
        for (flag, value) in [("--module", module), ("--client-name", clientName)] {
            if let value, !Self.isIdentifier(value) {
                throw ValidationError("\(flag) must be a Swift identifier (letters, digits and '_', not starting with a digit), not '\(value)'")
            }
        }
        let outputURL = URL(fileURLWithPath: output).standardizedFileURL
        let moduleName = module ?? outputURL.lastPathComponent
        guard Self.isIdentifier(moduleName) else {
            throw ValidationError("the output directory's name '\(moduleName)' is not a Swift module name; pass --module")
        }
        let configuration = TranslatorConfiguration(
            moduleName: moduleName, clientName: clientName, accessLevel: accessLevel,
            specDisplayName: Self.displayName(spec))
        let result: GenerationResult
        do {
            let limits = YAMLLimits(maxDepth: maxDepth, maxInputBytes: maxInputBytes)
            result = try Generator.generate(contentsOf: spec, configuration: configuration, limits: limits)
        } catch let diagnostic as Diagnostic {
            Self.printError(diagnostic.description)
            throw ExitCode.failure
        } catch let list as DiagnosticList {
            Self.printError(list.description)
            throw ExitCode.failure
        }
        for warning in result.warnings { Self.printError(warning.description) }
        if warningsAsErrors && !result.warnings.isEmpty {
            Self.printError("error: \(result.warnings.count) warning(s) treated as errors; nothing was written")
            throw ExitCode.failure
        }
        let directory = OutputDirectory(path: output)
        let changes = directory.changes(for: result.files)
        if check {
            if changes.isEmpty {
                print("\(output) is up to date with \(spec).")
                return
            }
            for change in changes { print(change.diff, terminator: "") }
            Self.printError(
                "error: \(output) is out of date with \(spec) (\(changes.count) file(s) differ); run `openapi-gen` to regenerate")
            throw ExitCode.failure
        }
        do {
            try directory.write(result.files)
        } catch let diagnostic as Diagnostic {
            Self.printError(diagnostic.description)
            throw ExitCode.failure
        }
        if changes.isEmpty {
            print("\(output) is up to date (\(result.files.count) files).")
        } else {
            for change in changes { print("\(change.kind.rawValue) \(output)/\(change.name)") }
        }
    }

    /// The spec's path relative to the current directory when it is inside it, so the
    /// generated headers do not depend on where the repository is checked out.
    static func displayName(_ path: String) -> String {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        let current = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL.path
        if absolute.hasPrefix(current + "/") { return String(absolute.dropFirst(current.count + 1)) }
        return (path as NSString).lastPathComponent
    }

    static func isIdentifier(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, !("0"..."9").contains(first) else { return false }
        return text.unicodeScalars.allSatisfy { $0 == "_" || ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) }
    }

    static func printError(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}
