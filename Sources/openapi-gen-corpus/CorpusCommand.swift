import ArgumentParser
import Foundation
import OpenAPIGenConformance
import OpenAPIGenCore

/// Generates an SDK from every OpenAPI description in a folder and compiles it against
/// the runtime module, one line per spec and a total:
///
///     swift run openapi-gen-corpus              # specs under 1 MB in ../shared/corpus
///     swift run openapi-gen-corpus --large      # all of them, Stripe and Box included
///     swift run openapi-gen-corpus --conformance [DIR]   # call every operation against a validator
@main
struct CorpusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "openapi-gen-corpus",
        abstract: "Generate and compile an SDK for every OpenAPI description in a folder.",
        discussion: """
            Prints, per spec: generated files, lines, generation time, warnings and the \
            compile result with the first error; then `N passed, M failed`. Exits non-zero \
            when any spec fails. A missing folder is reported and skipped.
            """)

    @Argument(help: "Folder of .yaml, .yml and .json specs; its subfolders are read too.")
    var directory: String = "../shared/corpus"

    @Flag(help: "Include specs of 1 MB and more (slower to compile).")
    var large = false

    @Flag(help: "List every warning, not only their count.")
    var verbose = false

    @Option(help: "Split each SDK's parts into this many files.")
    var files: Int = 1

    @Option(help: "Keep the generated SDKs in this folder instead of a temporary one.")
    var keep: String?

    @Flag(
        help: """
            Instead of compiling only: generate each SDK and a program that calls every operation \
            once per documented status, and run it against a validating server (Conformance/judge.py, \
            openapi-core; `bash .ci/setup` installs it). One line per spec, one per failing call.
            """)
    var conformance = false

    mutating func run() throws {
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            print("skipped: no corpus folder at '\(directory)'")
            return
        }
        let modules = try Self.runtimeModules()
        let names = try Self.specs(in: directory)
        let output = keep ?? NSTemporaryDirectory() + "openapi-gen-corpus-\(ProcessInfo.processInfo.processIdentifier)"
        defer { if keep == nil { try? fileManager.removeItem(atPath: output) } }
        if conformance {
            try runConformance(names, modules: modules, output: output)
            return
        }
        var passed = 0
        var failed = 0
        var skipped: [String] = []
        for name in names {
            let path = (directory as NSString).appendingPathComponent(name)
            let size = (try? fileManager.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            if size >= 1_000_000 && !large {
                skipped.append(name)
                continue
            }
            let result = Self.check(
                path, name: name,
                into: (output as NSString).appendingPathComponent(name.replacingOccurrences(of: "/", with: "_")),
                files: files, modules: modules)
            print(result.line)
            let shown = verbose ? result.warnings : Array(result.warnings.prefix(3))
            for warning in shown { print("    " + warning) }
            if shown.count < result.warnings.count {
                print("    ... \(result.warnings.count - shown.count) more warning(s); --verbose lists them")
            }
            if result.passed { passed += 1 } else { failed += 1 }
        }
        if !skipped.isEmpty {
            print("not run (1 MB or more; add --large): \(skipped.joined(separator: ", "))")
        }
        print("\(passed) passed, \(failed) failed")
        if failed > 0 { throw ExitCode(1) }
    }

    /// `--conformance`: every spec's SDK called against the judge, one line per spec, a line
    /// per failing call, the spec's warnings (all with `--verbose`), then the total.
    func runConformance(_ names: [String], modules: String, output: String) throws {
        let settings: ConformanceSettings
        do {
            settings = try ConformanceSettings.locate(
                packageRoot: Self.packageRoot(), runtimeModules: modules, workDirectory: output)
        } catch {
            throw ValidationError("\(error)")
        }
        let runner = ConformanceRunner(settings: settings)
        try runner.prepare()
        var passed = 0
        var failed = 0
        var skipped: [String] = []
        var unsupported: [String] = []
        for name in names {
            let path = (directory as NSString).appendingPathComponent(name)
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            if size >= 1_000_000 && !large {
                skipped.append(name)
                continue
            }
            let report = runner.check(path, name: name)
            print(report.line)
            for failure in verbose ? report.failures : Array(report.failures.prefix(20)) { print("    " + failure) }
            if !verbose && report.failures.count > 20 {
                print("    ... \(report.failures.count - 20) more failing call(s); --verbose lists them")
            }
            let warnings = verbose ? report.warnings : Array(report.warnings.prefix(3))
            for warning in warnings { print("    warning: spec: " + warning) }
            if warnings.count < report.warnings.count {
                print(
                    "    ... \(report.warnings.count - warnings.count) more warning(s) about the spec; --verbose lists them"
                )
            }
            switch report.verdict {
            case .passed: passed += 1
            case .failed: failed += 1
            case .unsupported: unsupported.append(name)
            }
        }
        if !skipped.isEmpty {
            print("not run (1 MB or more; add --large): \(skipped.joined(separator: ", "))")
        }
        if !unsupported.isEmpty {
            print("not run (the judge cannot validate them): \(unsupported.joined(separator: ", "))")
        }
        print("\(passed) passed, \(failed) failed")
        if failed > 0 { throw ExitCode(1) }
    }

    /// The package this executable was built from (it holds `Conformance/judge.py` and the
    /// judge's environment), found upwards from the executable, else the current folder.
    static func packageRoot() -> String {
        var url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        while url.path != "/" {
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Conformance/judge.py").path) {
                return url.path
            }
            url.deleteLastPathComponent()
        }
        return FileManager.default.currentDirectoryPath
    }

    /// The specs in `directory` and its subfolders, as paths relative to it, sorted: files
    /// ending in .yaml, .yml or .json with an `openapi` or `swagger` key (parts of a spec
    /// split over files are not specs of their own). Hidden entries are skipped.
    static func specs(in directory: String) throws -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: directory) else {
            throw ValidationError("cannot list '\(directory)'")
        }
        var names: [String] = []
        while let name = enumerator.nextObject() as? String {
            if (name as NSString).lastPathComponent.hasPrefix(".") {
                enumerator.skipDescendants()
                continue
            }
            guard ["yaml", "yml", "json"].contains((name as NSString).pathExtension.lowercased()),
                let data = FileManager.default.contents(atPath: (directory as NSString).appendingPathComponent(name))
            else { continue }
            // A top-level `openapi` or `swagger` key, wherever the file has it (JSON often sorts keys).
            let text = String(decoding: data, as: UTF8.self)
            if text.contains("openapi\"") || text.contains("swagger\"") || text.hasPrefix("openapi:")
                || text.contains("\nopenapi:") || text.hasPrefix("swagger:") || text.contains("\nswagger:")
            {
                names.append(name)
            }
        }
        return names.sorted()
    }

    struct Outcome {
        var line: String
        var warnings: [String]
        var passed: Bool
    }

    static func check(_ path: String, name: String, into output: String, files: Int, modules: String) -> Outcome {
        let clock = ContinuousClock()
        let started = clock.now
        let result: GenerationResult
        do {
            result = try Generator.generate(
                contentsOf: path,
                configuration: GeneratorConfiguration(moduleName: "CorpusSDK", specDisplayName: name, fileCount: files))
        } catch {
            return Outcome(line: "FAIL \(name): generation failed: \(error)", warnings: [], passed: false)
        }
        let generation = clock.now - started
        let warnings = result.warnings.map(\.description)
        do {
            try? FileManager.default.removeItem(atPath: output)
            try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
            for file in result.files {
                try file.contents.write(
                    toFile: (output as NSString).appendingPathComponent(file.name), atomically: false, encoding: .utf8)
            }
        } catch {
            return Outcome(line: "FAIL \(name): cannot write the SDK: \(error)", warnings: warnings, passed: false)
        }
        let lines = result.files.reduce(0) { $0 + $1.contents.utf8.reduce(0) { $0 + ($1 == 10 ? 1 : 0) } }
        let compileStarted = clock.now
        let compile = typecheck(
            result.files.map { (output as NSString).appendingPathComponent($0.name) }, modules: modules)
        let compileTime = clock.now - compileStarted
        let summary =
            "\(name): \(result.files.count) files, \(lines) lines, generated in \(format(generation)), "
            + "\(warnings.count) warning(s), "
        if let error = compile {
            return Outcome(
                line: "FAIL " + summary + "compile failed in \(format(compileTime)): \(error)", warnings: warnings,
                passed: false)
        }
        return Outcome(line: "ok   " + summary + "compiles in \(format(compileTime))", warnings: warnings, passed: true)
    }

    /// Type-checks the files as one module against the runtime; nil when they compile
    /// without errors or warnings, else the first diagnostic.
    static func typecheck(_ files: [String], modules: String) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments =
            [
                "swiftc", "-typecheck", "-swift-version", "6", "-warnings-as-errors", "-parse-as-library",
                "-module-name", "CorpusSDK", "-I", modules,
            ] + files
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        do {
            try process.run()
        } catch {
            return "cannot run swiftc: \(error)"
        }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        if process.terminationStatus == 0 { return nil }
        let text = String(decoding: data, as: UTF8.self)
        let first = text.split(separator: "\n").first { $0.contains("error:") || $0.contains("warning:") }
        return first.map(String.init) ?? "swiftc exited with status \(process.terminationStatus)"
    }

    /// The build folder's `Modules`, beside this executable, where `OpenAPIGenRuntime` is.
    static func runtimeModules() throws -> String {
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        let modules = executable.deletingLastPathComponent().appendingPathComponent("Modules")
        let module = modules.appendingPathComponent("OpenAPIGenRuntime.swiftmodule")
        guard FileManager.default.fileExists(atPath: module.path) else {
            throw ValidationError(
                "no OpenAPIGenRuntime module at \(modules.path); run this through `swift run openapi-gen-corpus`")
        }
        return modules.path
    }

    static func format(_ duration: Duration) -> String {
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        return String(format: "%.2f s", seconds)
    }
}
