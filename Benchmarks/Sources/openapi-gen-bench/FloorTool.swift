import LibYAMLFloor

/// libyaml's event stream for the spec: the floor for any libyaml-based generator.
enum FloorTool {
    static func run(spec: String) throws -> ToolOutcome {
        ToolOutcome(events: try LibYAMLEventFloor.countEvents(inFileAt: spec))
    }
}
