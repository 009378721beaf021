import Foundation

/// What a measured run does. `idle` starts and exits, measuring the process itself.
enum Tool: String, CaseIterable, Codable, Sendable {
    case idle, floor, ours, peer

    /// The tools a benchmark round runs, in the order it runs them.
    static let measured: [Tool] = [.floor, .ours, .peer]

    var summary: String {
        switch self {
        case .idle: return "process start and exit, no work"
        case .floor: return "libyaml events (read + yaml_parser_parse, discard)"
        case .ours: return "openapi-gen: read, parse, resolve, translate, render, write"
        case .peer: return "swift-openapi-generator 1.14.3: types + client, write"
        }
    }

    /// Does the work on `spec`, writing any generated files into `outputDirectory`.
    func run(spec: String, outputDirectory: String) throws -> ToolOutcome {
        switch self {
        case .idle: return ToolOutcome()
        case .floor: return try FloorTool.run(spec: spec)
        case .ours: return try OursTool.run(spec: spec, outputDirectory: outputDirectory)
        case .peer: return try PeerTool.run(spec: spec, outputDirectory: outputDirectory)
        }
    }
}

/// What a tool reports beyond time and memory.
struct ToolOutcome: Sendable {
    var events: Int?
    var warnings: Int?
    /// Time spent in each stage, in order, when the tool can tell them apart.
    var phases: [Phase]?
}

/// Wall time spent in one named stage of a run.
struct Phase: Codable, Sendable {
    var name: String
    var seconds: Double
}

struct ToolError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
