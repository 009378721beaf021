import ArgumentParser
import Foundation
import OpenAPIGenCore
import OpenAPIGenDiagnostics

@main
struct OpenAPIGenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "openapi-gen",
        abstract: "Generate a Swift SDK (Codable models and an async/await client) from an OpenAPI 3.0/3.1 document.",
        version: "0.1.0",
        subcommands: [Generate.self],
        defaultSubcommand: Generate.self
    )
}

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Generate Types.swift and Client.swift from a spec into a directory.",
        discussion: """
            With no arguments, regenerates this package's Calendly SDK: reads
            spec/calendly-invitees.yaml and writes Generated/CalendlyAPI/.

            Settings come from the command line, then from the configuration file
            (--config, or openapi-gen.yaml beside the spec), then from defaults.
            openapi-gen.yaml keys:
            \(configurationKeysHelp)

            Output is written atomically: on any error nothing in the output directory
            changes; files an earlier run generated and this one does not are removed
            after a successful run.

            Examples:
              openapi-gen
              openapi-gen generate api.yaml --output Sources/ShopAPI
              openapi-gen generate api.yaml -o Shop --client-name Shop --access package
              openapi-gen generate api.yaml -o Shop --tag pets --operation getStore
              openapi-gen generate api.yaml -o Shop --emit types
              openapi-gen --check      # exit 1 with a diff when Generated/ is stale
              openapi-gen --dry-run    # list what would change, write nothing
            """
    )

    /// One line per `openapi-gen.yaml` key, from the list the configuration parser uses.
    static var configurationKeysHelp: String {
        let width = ConfigurationFile.Key.allCases.map(\.rawValue.count).max() ?? 0
        return ConfigurationFile.Key.allCases.map { key in
            "  " + key.rawValue + String(repeating: " ", count: width - key.rawValue.count + 2) + key.summary
        }.joined(separator: "\n")
    }

    @Argument(help: "The OpenAPI document (YAML or JSON).")
    var spec: String = DefaultJob.specPath

    @Option(name: .shortAndLong, help: "The directory to write the generated Swift files into.")
    var output: String = DefaultJob.outputPath

    @Option(help: "The configuration file (default: openapi-gen.yaml beside the spec, if there is one).")
    var config: String?

    @Option(help: "The Swift module the files belong to (default: the output directory's name).")
    var module: String?

    @Option(help: "The client type's name (default: from info.title: 'Calendly API' -> CalendlyClient).")
    var clientName: String?

    @Option(help: "Access level of the generated declarations: public, package or internal.")
    var access: String?

    @Option(help: "Which files get declarations: types, client, or both (repeat or separate with commas).")
    var emit: [String] = []

    @Option(name: .customLong("tag"), help: "Only operations with this tag (repeatable).")
    var tags: [String] = []

    @Option(name: .customLong("operation"), help: "Only the operation with this operationId (repeatable).")
    var operations: [String] = []

    @Option(
        help: """
            Split the SDK into this many files (Part1.swift…) so large SDKs compile in parallel \
            (default: one per 512 KiB of the spec, at most 16; 1 is Types.swift and Client.swift).
            """)
    var files: Int?

    @Flag(help: "Write nothing; exit 1 and print a unified diff if the output directory is not up to date.")
    var check = false

    @Flag(help: "Write nothing; list the files that would be created, updated or removed.")
    var dryRun = false

    @Flag(
        help:
            "Print the names of the files the configuration (or the spec's size) makes, one a line, and exit; the spec is not read."
    )
    var listOutputFiles = false

    @Option(
        help: """
            Fail unless the configuration makes this many files: a build tool that lists the \
            outputs before running the generator (the build plugin) passes the count it expects.
            """)
    var expectedFileCount: Int?

    @Flag(help: "Treat warnings as errors: report them and write nothing.")
    var warningsAsErrors = false

    @Option(help: "The largest spec accepted, in bytes.")
    var maxInputBytes: Int = YAMLLimits.default.maxInputBytes

    @Option(help: "The deepest nesting of YAML collections accepted.")
    var maxDepth: Int = YAMLLimits.default.maxDepth

    mutating func run() throws {
        do {
            try generate()
        } catch let diagnostic as Diagnostic {
            Self.printError(diagnostic.description)
            throw ExitCode.failure
        } catch let list as DiagnosticList {
            Self.printError(list.description)
            throw ExitCode.failure
        }
    }

    /// The configuration file and its path, if there is one.
    private func loadConfiguration() throws -> (ConfigurationFile, path: String?) {
        if let config { return (try ConfigurationFile.load(path: config), config) }
        let folder = (spec as NSString).deletingLastPathComponent
        let name = OutputFiles.configurationFileName
        let beside = folder.isEmpty ? name : (folder as NSString).appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: beside) else { return (ConfigurationFile(), nil) }
        return (try ConfigurationFile.load(path: beside), beside)
    }

    private func generate() throws {
        let (file, filePath) = try loadConfiguration()
        let accessText = access ?? file.access?.rawValue ?? "public"
        guard let accessLevel = AccessLevel(rawValue: accessText) else {
            throw ValidationError("--access must be public, package or internal, not '\(accessText)'")
        }
        var parts = file.emit ?? Set(ConfigurationFile.Part.allCases)
        if !emit.isEmpty {
            parts = []
            for name in emit.flatMap({ $0.split(separator: ",") }) {
                guard let part = ConfigurationFile.Part(rawValue: String(name)) else {
                    throw ValidationError("--emit takes types and client, not '\(name)'")
                }
                parts.insert(part)
            }
        }
        // Without a count, the spec file's size sets it (read before the spec, so
        // --list-output-files needs only the file's size).
        let fileCount = files ?? file.files ?? OutputFiles.automaticFileCount(specByteCount: Self.byteCount(of: spec))
        guard (1...GeneratorConfiguration.maxFileCount).contains(fileCount) else {
            throw ValidationError("--files must be from 1 to \(GeneratorConfiguration.maxFileCount), not \(fileCount)")
        }
        if let expectedFileCount, expectedFileCount != fileCount {
            var message = "the build expects \(expectedFileCount) generated file(s) but "
            if files != nil {
                message += "--files gives \(fileCount)"
            } else if let filePath {
                // The build plugin reads `files:` line by line (see `OutputFiles`).
                message +=
                    "'files' in \(filePath) gives \(fileCount); write 'files: \(fileCount)' at the start of a "
                    + "line of \(OutputFiles.configurationFileName), outside any mapping or list, so that the build "
                    + "plugin reads it too"
            } else {
                message +=
                    "the automatic count for this spec is \(fileCount) (one file per 512 KiB of it, at most "
                    + "\(OutputFiles.maxAutomaticFileCount))"
            }
            throw Diagnostic(.error, message, at: nil)
        }
        let outputURL = URL(fileURLWithPath: output).standardizedFileURL
        // SwiftPM names the module of a target `my-api` `my_api`; so does a module name taken
        // from the output directory. One given explicitly must be an identifier already.
        let moduleName = module ?? file.module ?? Self.c99Name(outputURL.lastPathComponent)
        let client = clientName ?? file.clientName
        for (what, value) in [("module name", Optional(moduleName)), ("client name", client)] {
            if let value, !Self.isIdentifier(value) {
                throw ValidationError(
                    "the \(what) must be a Swift identifier (letters, digits and '_', not starting with a digit), not '\(value)'"
                )
            }
        }
        var configuration = GeneratorConfiguration(
            moduleName: moduleName, clientName: client, accessLevel: accessLevel,
            specDisplayName: Self.displayName(spec), emitTypes: parts.contains(.types),
            emitClient: parts.contains(.client), includeTags: tags.isEmpty ? file.tags : tags,
            includeOperations: operations.isEmpty ? file.operations : operations,
            fileCount: fileCount, idempotencyKey: file.idempotencyKey)
        configuration.nameOverrides = file.nameOverrides ?? []
        configuration.typeOverrides = file.typeOverrides ?? []
        configuration.streamTerminator = file.streamTerminator
        configuration.pagination = file.pagination ?? []
        configuration.modelConformances = file.conformances ?? ModelConformances()
        if listOutputFiles {
            if files == nil && file.files == nil && !FileManager.default.fileExists(atPath: spec) {
                throw ValidationError(
                    "cannot list the output files: the count depends on the size of \(spec), which does not exist")
            }
            for name in configuration.outputFileNames { print(name) }
            return
        }
        let limits = YAMLLimits(maxDepth: maxDepth, maxInputBytes: maxInputBytes)
        // One generation, then the process exits: the last structures are left to the exit.
        let result = try Generator.generate(
            contentsOf: spec, configuration: configuration, limits: limits, teardown: .leaveToExit)
        for warning in result.warnings { Self.printError(warning.description) }
        if warningsAsErrors && !result.warnings.isEmpty {
            throw Diagnostic(
                .error, "\(result.warnings.count) warning(s) treated as errors; nothing was written", at: nil)
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
                "error: \(output) is out of date with \(spec) (\(changes.count) file(s) differ); run `openapi-gen` to regenerate"
            )
            throw ExitCode.failure
        }
        if dryRun {
            if changes.isEmpty { print("\(output) is up to date; nothing would change.") }
            for change in changes { print("would \(change.kind.rawValue) \(output)/\(change.name)") }
            return
        }
        try directory.write(result.files)
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

    /// A module name the way SwiftPM makes one from a target name: each character that
    /// cannot be in an identifier becomes `_`, and a leading digit gets a `_` before it
    /// (`my-api` -> `my_api`, `2fa` -> `_2fa`).
    /// The size of the spec's file in bytes; 0 when it cannot be read (generating then says why).
    static func byteCount(of path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? 0
    }

    static func c99Name(_ text: String) -> String {
        var name = String(
            String.UnicodeScalarView(
                text.unicodeScalars.map { scalar in
                    scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_" ? scalar : "_"
                }))
        if name.isEmpty || ("0"..."9").contains(name.unicodeScalars.first!) { name = "_" + name }
        return name
    }

    static func isIdentifier(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, !("0"..."9").contains(first) else { return false }
        return text.unicodeScalars.allSatisfy {
            $0 == "_" || ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
        }
    }

    static func printError(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}
