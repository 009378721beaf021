import ArgumentParser
import Foundation

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "openapi-gen-bench",
        abstract: "Time openapi-gen against libyaml's event floor and swift-openapi-generator 1.14.3.",
        discussion: """
            For each spec, runs the tools in turn (floor, ours, peer, floor, ...),
            each run in a fresh child process, and prints wall time (median, min,
            max), CPU time, peak resident memory and the size of the generated
            code; then ours/floor, peer/ours and our peak memory against their
            targets, judged on the largest spec.

              floor  read the spec and pull every libyaml event out of it
              ours   openapi-gen end to end: read, parse, resolve, translate,
                     render, write Types.swift and Client.swift to a temp dir
              peer   swift-openapi-generator: types and client modes, each
                     parsing the spec, concurrently as its CLI runs them

            Build it in release:
              swift run -c release --package-path Benchmarks openapi-gen-bench

            """
    )

    @Option(help: "Measured runs of the floor and of openapi-gen per spec.")
    var runs = 5

    @Option(help: "Measured runs of swift-openapi-generator per spec (about 15 s a run on Stripe's 4 MB spec).")
    var peerRuns = 3

    @Flag(help: "Leave swift-openapi-generator out.")
    var noPeer = false

    @Option(help: "The folder whose specs are measured when none are given.")
    var corpus = BenchCommand.defaultCorpus

    @Argument(help: "OpenAPI documents to measure (default: every .yaml, .yml and .json file in the corpus).")
    var specs: [String] = []

    /// The Benchmarks package's folder, from this file's place in it.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `shared/corpus` beside the main package's folder.
    static let defaultCorpus = packageRoot.appendingPathComponent("../../shared/corpus").standardizedFileURL.path

    func validate() throws {
        guard runs >= 1 else { throw ValidationError("--runs must be at least 1") }
        guard peerRuns >= 1 else { throw ValidationError("--peer-runs must be at least 1") }
    }

    func run() throws {
        let specs = try resolvedSpecs()
        if specs.isEmpty { return }
        let plan: [Tool: Int] = noPeer ? [.floor: runs, .ours: runs] : [.floor: runs, .ours: runs, .peer: peerRuns]
        let workRoot = FileManager.default.temporaryDirectory.appendingPathComponent("openapi-gen-bench-\(getpid())")
        defer { try? FileManager.default.removeItem(at: workRoot) }

        print(Machine.describe())
        print("  parallel capacity: \(Machine.parallelCapacity())")
        for tool in Tool.measured where plan[tool] != nil {
            print("  \(tool.rawValue.padding(toLength: 6, withPad: " ", startingAt: 0))\(tool.summary)")
        }
        if let idle = try? ChildProcess.measure(.idle, spec: "-", outputDirectory: "-") {
            print("  a child process that does nothing peaks at \(Report.megabytes(idle.peakRSSBytes)) MB resident")
        }
        print("  times are wall seconds around the work (process start excluded); MB = 10^6 bytes\n")

        var results: [SpecResult] = []
        for spec in specs {
            let result = measure(spec, plan: plan, workRoot: workRoot)
            Report.printSpec(result)
            results.append(result)
        }
        Report.printGrowth(results)
        if let largest = results.max(by: { $0.spec.bytes < $1.spec.bytes }) {
            Report.printTargets(largest)
        }
        print("load average at the end: \(Machine.loadAverage()); parallel capacity \(Machine.parallelCapacity())")
    }

    /// The specs to measure, smallest first; empty (after saying why) when the default
    /// corpus is absent.
    private func resolvedSpecs() throws -> [Spec] {
        var paths = specs
        if paths.isEmpty {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: corpus, isDirectory: &isDirectory), isDirectory.boolValue
            else {
                print(
                    "skipped: no specs given and the corpus folder \(corpus) does not exist; pass spec files or --corpus DIR"
                )
                return []
            }
            let names = try FileManager.default.contentsOfDirectory(atPath: corpus)
            paths = names.filter { ["yaml", "yml", "json"].contains(($0 as NSString).pathExtension.lowercased()) }
                .sorted().map { (corpus as NSString).appendingPathComponent($0) }
            if paths.isEmpty {
                print("skipped: the corpus folder \(corpus) holds no .yaml, .yml or .json file")
                return []
            }
        }
        var specs: [Spec] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw BenchError("spec not found: \(path)")
            }
            guard !isDirectory.boolValue, FileManager.default.isReadableFile(atPath: path) else {
                throw BenchError("spec is not a readable file: \(path)")
            }
            let bytes = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            specs.append(Spec(path: URL(fileURLWithPath: path).standardizedFileURL.path, bytes: bytes))
        }
        return specs.sorted { ($0.bytes, $0.name) < ($1.bytes, $1.name) }
    }

    /// Runs every planned tool on `spec` in alternating rounds.
    private func measure(_ spec: Spec, plan: [Tool: Int], workRoot: URL) -> SpecResult {
        var result = SpecResult(spec: spec, planned: plan)
        let rounds = plan.values.max() ?? 0
        for round in 0..<rounds {
            var progress: [String] = []
            for tool in Tool.measured {
                guard let planned = plan[tool], round < planned, result.failures[tool] == nil else { continue }
                // The last component names our module, so it must be an identifier.
                let runFolder = workRoot.appendingPathComponent("\(tool.rawValue)-\(round)")
                let output = runFolder.appendingPathComponent("BenchSDK").path
                do {
                    let measurement = try ChildProcess.measure(tool, spec: spec.path, outputDirectory: output)
                    result.runs[tool, default: []].append(measurement)
                    progress.append("\(tool.rawValue) \(Report.seconds(measurement.seconds)) s")
                } catch {
                    result.failures[tool] = String(describing: error)
                    progress.append("\(tool.rawValue) failed")
                }
                try? FileManager.default.removeItem(at: runFolder)
            }
            FileHandle.standardError.write(
                Data("[\(spec.name)] round \(round + 1)/\(rounds): \(progress.joined(separator: ", "))\n".utf8))
        }
        return result
    }
}

struct Spec: Sendable {
    var path: String
    var bytes: Int
    var name: String { (path as NSString).lastPathComponent }
}

/// Every measurement of one spec.
struct SpecResult: Sendable {
    var spec: Spec
    var planned: [Tool: Int]
    var runs: [Tool: [RunMeasurement]] = [:]
    var failures: [Tool: String] = [:]
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
