import Foundation

/// What one measured run reports back to the parent, as one JSON line on stdout.
struct RunMeasurement: Codable, Sendable {
    /// Wall time around the work alone: process start-up and exit are not in it.
    var seconds: Double
    /// CPU time (user + system, all threads) spent during the work.
    var cpuSeconds: Double
    /// The child process's peak resident set size, start-up included.
    var peakRSSBytes: Int
    var files: Int
    var lines: Int
    var bytes: Int
    var events: Int?
    var warnings: Int?
    var phases: [Phase]?
}

/// What the child prints: a measurement, or why the tool failed.
struct ChildReport: Codable, Sendable {
    var measurement: RunMeasurement?
    var error: String?

    static let marker = "openapi-gen-bench-report: "
}

/// `openapi-gen-bench --child TOOL SPEC OUTDIR`: runs one tool once and reports.
enum ChildMode {
    static let flag = "--child"

    static func main(_ arguments: [String]) -> Never {
        guard arguments.count == 3, let tool = Tool(rawValue: arguments[0]) else {
            let tools = Tool.allCases.map(\.rawValue).joined(separator: "|")
            FileHandle.standardError.write(Data("usage: openapi-gen-bench \(flag) \(tools) SPEC OUTDIR\n".utf8))
            exit(64)
        }
        let (spec, outputDirectory) = (arguments[1], arguments[2])
        var report = ChildReport()
        let startCPU = ProcessMetrics.cpuSeconds()
        let start = Clock.seconds()
        do {
            let outcome = try tool.run(spec: spec, outputDirectory: outputDirectory)
            let seconds = Clock.seconds() - start
            let cpuSeconds = ProcessMetrics.cpuSeconds() - startCPU
            let peak = ProcessMetrics.peakResidentBytes()
            // Counted after the measurement, so it costs the tool nothing.
            let size = tool == .ours || tool == .peer ? OutputSize.of(directory: outputDirectory) : OutputSize()
            report.measurement = RunMeasurement(
                seconds: seconds, cpuSeconds: cpuSeconds, peakRSSBytes: peak, files: size.files,
                lines: size.lines, bytes: size.bytes, events: outcome.events, warnings: outcome.warnings,
                phases: outcome.phases)
        } catch {
            report.error = String(describing: error)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = (try? encoder.encode(report)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        print(ChildReport.marker + json)
        exit(report.error == nil ? 0 : 1)
    }
}
