import Foundation
import OpenAPIGenCore
import OpenAPIGenDeclarations
import OpenAPIGenDiagnostics
import OpenAPIGenModel
import OpenAPIGenRenderer
import OpenAPIGenTranslator

/// Where the pieces of a conformance run are: the judge's Python, the judge, the built
/// runtime module and a folder to work in.
public struct ConformanceSettings: Sendable {
    /// The virtual environment's `python` (`.build/conformance-venv/bin/python`).
    public var python: String
    /// `Conformance/judge.py`.
    public var judge: String
    /// The build folder's `Modules`, where `OpenAPIGenRuntime.swiftmodule` is; its objects are
    /// in `OpenAPIGenRuntime.build` beside it.
    public var runtimeModules: String
    public var workDirectory: String
    /// The most a spec's caller program may run before it is stopped.
    public var timeout: Duration

    public init(
        python: String, judge: String, runtimeModules: String, workDirectory: String, timeout: Duration = .seconds(600)
    ) {
        self.python = python
        self.judge = judge
        self.runtimeModules = runtimeModules
        self.workDirectory = workDirectory
        self.timeout = timeout
    }

    /// The settings for a package checked out at `packageRoot`, or an error saying what is
    /// missing (the virtual environment `.ci/setup` makes, the built runtime).
    public static func locate(packageRoot: String, runtimeModules: String, workDirectory: String) throws
        -> ConformanceSettings
    {
        let python = (packageRoot as NSString).appendingPathComponent(".build/conformance-venv/bin/python")
        let judge = (packageRoot as NSString).appendingPathComponent("Conformance/judge.py")
        guard FileManager.default.isExecutableFile(atPath: python) else {
            throw ConformanceError(
                "no conformance judge environment at \(python): run `bash .ci/setup` (it installs openapi-core into .build/conformance-venv)"
            )
        }
        guard FileManager.default.fileExists(atPath: judge) else {
            throw ConformanceError("no judge at \(judge)")
        }
        guard
            FileManager.default.fileExists(
                atPath: (runtimeModules as NSString).appendingPathComponent("OpenAPIGenRuntime.swiftmodule"))
        else {
            throw ConformanceError("no OpenAPIGenRuntime module in \(runtimeModules)")
        }
        return ConformanceSettings(
            python: python, judge: judge, runtimeModules: runtimeModules, workDirectory: workDirectory)
    }
}

public struct ConformanceError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// The result of one spec.
public struct ConformanceReport: Sendable {
    public enum Verdict: Sendable { case passed, failed, unsupported }
    public var name: String
    public var verdict: Verdict
    /// `ok   name: …`, `FAIL name: …` or `skip name: …`.
    public var line: String
    /// One per failing call: the operation, the status, what went wrong.
    public var failures: [String]
    /// About the spec (examples that do not match their schemas), not about the SDK.
    public var warnings: [String]
    public var operations = 0
    public var calls = 0
    public var requestsValid = 0
    public var responsesDecoded = 0
}

/// Runs the conformance check of one spec: generates the SDK and its caller program,
/// compiles them, starts the judge, runs the program and puts together what both saw.
public struct ConformanceRunner: Sendable {
    public let settings: ConformanceSettings

    public init(settings: ConformanceSettings) { self.settings = settings }

    /// Compiles the support module once; every spec's program links it.
    public func prepare() throws {
        let folder = supportFolder
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let source = (folder as NSString).appendingPathComponent(SupportSource.fileName)
        try SupportSource.text.write(toFile: source, atomically: true, encoding: .utf8)
        let result = Subprocess.run(
            "/usr/bin/env",
            [
                "swiftc", "-parse-as-library", "-swift-version", "6", "-wmo", "-module-name", SupportSource.moduleName,
                "-I", settings.runtimeModules, "-emit-module", "-emit-module-path",
                (folder as NSString).appendingPathComponent(SupportSource.moduleName + ".swiftmodule"),
                "-c", source, "-o", supportObject,
            ], in: folder, timeout: .seconds(600))
        if result.status != 0 {
            throw ConformanceError("the support module does not compile: " + Self.firstError(result.output))
        }
    }

    private var supportFolder: String { (settings.workDirectory as NSString).appendingPathComponent("support") }
    private var supportObject: String { (supportFolder as NSString).appendingPathComponent("ConformanceSupport.o") }

    /// Checks the spec at `path`. `editSDK` may change the SDK's files before they are
    /// compiled (a test makes a deliberate mistake with it).
    public func check(
        _ path: String, name: String, editSDK: (_ fileName: String, _ contents: String) -> String = { $1 }
    ) -> ConformanceReport {
        // The judge runs in the spec's work folder: it needs the spec by its absolute path.
        let path = URL(fileURLWithPath: path).standardizedFileURL.path
        var report = ConformanceReport(name: name, verdict: .failed, line: "", failures: [], warnings: [])
        func fail(_ text: String) -> ConformanceReport {
            report.line = "FAIL \(name): \(text)"
            return report
        }
        let folder = (settings.workDirectory as NSString).appendingPathComponent(
            name.replacingOccurrences(of: "/", with: "_"))
        try? FileManager.default.removeItem(atPath: folder)
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            return fail("cannot create \(folder): \(error)")
        }
        func file(_ name: String) -> String { (folder as NSString).appendingPathComponent(name) }

        // The judge's argument values first: a spec it cannot read is not run at all.
        let arguments = Subprocess.run(
            settings.python, [settings.judge, "arguments", path], in: folder, timeout: .seconds(600),
            stdoutFile: file("arguments.json"))
        if arguments.status == 3 {
            report.verdict = .unsupported
            report.line = "skip \(name): " + arguments.output.trimmingCharacters(in: .whitespacesAndNewlines)
            return report
        }
        if arguments.status != 0 {
            return fail("the judge cannot make arguments: " + Self.lastLines(arguments.output))
        }
        if let data = FileManager.default.contents(atPath: file("arguments.json")),
            let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let warnings = json["warnings"] as? [String]
        {
            report.warnings += warnings
        }

        // The SDK and its caller.
        let translation: Translation
        do {
            guard let bytes = FileManager.default.contents(atPath: path) else { return fail("cannot read \(path)") }
            let diagnostics = DiagnosticCollector()
            let document = try DocumentParser.parse([UInt8](bytes), file: path, diagnostics: diagnostics)
            translation = try Translator(
                configuration: TranslatorConfiguration(
                    moduleName: "CorpusSDK", specDisplayName: name,
                    fileCount: OutputFiles.automaticFileCount(specByteCount: bytes.count)
                )
            ).translate(document, diagnostics: diagnostics)
        } catch {
            return fail("generation failed: \(error)")
        }
        let caller = CallerGenerator(files: translation.files)
        let calls = caller.calls
        report.operations = caller.operations.count
        report.calls = calls.count
        var sources: [String] = []
        do {
            let sdk = (folder as NSString).appendingPathComponent("sdk")
            try FileManager.default.createDirectory(atPath: sdk, withIntermediateDirectories: true)
            for rendered in SwiftPrinter.print(SyntaxLowering(moduleName: "CorpusSDK").lower(translation.files)) {
                let target = (sdk as NSString).appendingPathComponent(rendered.name)
                try editSDK(rendered.name, rendered.contents).write(toFile: target, atomically: false, encoding: .utf8)
                sources.append(target)
            }
            for program in caller.programFiles() {
                try program.contents.write(toFile: file(program.name), atomically: false, encoding: .utf8)
                sources.append(file(program.name))
            }
        } catch {
            return fail("cannot write the program: \(error)")
        }
        let objects =
            (try? FileManager.default.contentsOfDirectory(atPath: runtimeObjectsFolder))?
            .filter { $0.hasSuffix(".o") }.sorted().map {
                (runtimeObjectsFolder as NSString).appendingPathComponent($0)
            }
            ?? []
        let compile = Subprocess.run(
            "/usr/bin/env",
            [
                "swiftc", "-swift-version", "6", "-module-name", "CorpusSDK", "-I", settings.runtimeModules, "-I",
                supportFolder,
            ]
                + sources + [supportObject] + objects + ["-o", file("caller")],
            in: folder, timeout: .seconds(1800))
        if compile.status != 0 {
            return fail("the SDK and its caller do not compile: " + Self.firstError(compile.output))
        }

        // The judge, then the program against it; the judge stops when its stdin closes.
        let log = file("judge.log")
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        let judge: Subprocess.Running
        do {
            judge = try Subprocess.start(
                settings.python, [settings.judge, "serve", path, "--log", log], in: folder,
                stdoutFile: file("judge.out"), stderrFile: file("judge.err"))
        } catch {
            return fail("cannot start the judge: \(error)")
        }
        defer { judge.stop() }
        guard let port = judge.waitForLine(prefix: "port ", in: file("judge.out"), timeout: .seconds(600)) else {
            judge.stop()
            let errors = String(
                decoding: FileManager.default.contents(atPath: file("judge.err")) ?? Data(), as: UTF8.self)
            return fail("the judge did not start: " + Self.lastLines(errors))
        }
        var environment = ProcessInfo.processInfo.environment
        environment["CONFORMANCE_PORT"] = port
        environment["CONFORMANCE_ARGUMENTS"] = file("arguments.json")
        let run = Subprocess.run(
            file("caller"), [], in: folder, timeout: settings.timeout, environment: environment,
            stdoutFile: file("caller.out"))
        judge.stop()

        // What the program saw, and what the judge saw, by call.
        var observed: [Int: [String: Any]] = [:]
        for line in Self.lines(file("caller.out")) {
            if let call = line["call"] as? Int { observed[call] = line }
        }
        var judged: [Int: [String: Any]] = [:]
        for line in Self.lines(log) {
            if let warning = line["warning"] as? String {
                if !report.warnings.contains(warning) { report.warnings.append(warning) }
            } else if let call = (line["call"] as? String).flatMap(Int.init) {
                judged[call] = line
            }
        }
        let functionNames = Dictionary(
            calls.map { ($0.operation, $0.functionName) }, uniquingKeysWith: { first, _ in first })
        for call in calls {
            let label = "\(functionNames[call.operation] ?? "?") (\(call.operation)) \(call.status) \(call.variant)"
            var problems: [String] = []
            if let entry = judged[call.number] {
                let requestErrors = entry["request_errors"] as? [String] ?? []
                if requestErrors.isEmpty {
                    report.requestsValid += 1
                } else {
                    problems += requestErrors.map { "request invalid: " + $0 }
                }
                for error in entry["response_errors"] as? [String] ?? [] {
                    problems.append("the judge's own response is invalid (a harness or spec problem): " + error)
                }
            } else {
                problems.append("no request reached the judge")
            }
            if let entry = observed[call.number] {
                if let problem = entry["problem"] as? String {
                    problems.append(problem)
                } else {
                    report.responsesDecoded += 1
                }
            } else {
                problems.append(
                    run.timedOut
                        ? "not reached: the program ran out of time"
                        : "not reached: the program stopped (status \(run.status)) " + Self.lastLines(run.output))
            }
            if !problems.isEmpty {
                report.failures.append("\(label): " + problems.joined(separator: "; "))
            }
        }
        let counts =
            "\(report.operations) operations, \(report.calls) calls, \(report.requestsValid) requests valid, "
            + "\(report.responsesDecoded) responses decoded"
        if report.failures.isEmpty {
            report.verdict = .passed
            report.line = "ok   \(name): " + counts
        } else {
            report.line = "FAIL \(name): " + counts
        }
        return report
    }

    private var runtimeObjectsFolder: String {
        ((settings.runtimeModules as NSString).deletingLastPathComponent as NSString)
            .appendingPathComponent("OpenAPIGenRuntime.build")
    }

    static func lines(_ path: String) -> [[String: Any]] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        return data.split(separator: 10).compactMap {
            try? JSONSerialization.jsonObject(with: Data($0)) as? [String: Any]
        }
    }

    static func firstError(_ output: String) -> String {
        let first = output.split(separator: "\n").first { $0.contains("error:") }
        return first.map(String.init) ?? lastLines(output)
    }

    static func lastLines(_ output: String) -> String {
        output.split(separator: "\n").suffix(3).joined(separator: " | ")
    }
}
