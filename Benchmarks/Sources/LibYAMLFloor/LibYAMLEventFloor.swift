import CLibYAML
import Foundation

/// The least work any libyaml-based generator must do: read the spec and pull every
/// event out of libyaml's parser, keeping none of them.
public enum LibYAMLEventFloor {
    public struct ParseError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Reads the file at `path` and parses it into libyaml events, discarding each one.
    /// Returns how many events there were (stream start and end included).
    public static func countEvents(inFileAt path: String) throws -> Int {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ParseError(description: "cannot read '\(path)'")
        }
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            throw ParseError(description: "libyaml could not allocate a parser")
        }
        defer { yaml_parser_delete(&parser) }
        return try data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) -> Int in
            let bytes = buffer.bindMemory(to: UInt8.self)
            yaml_parser_set_input_string(&parser, bytes.baseAddress, bytes.count)
            var count = 0
            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else {
                    let problem = parser.problem.map { String(cString: $0) } ?? "invalid YAML"
                    let mark = parser.problem_mark
                    throw ParseError(description: "\(path):\(mark.line + 1):\(mark.column + 1): \(problem)")
                }
                let type = event.type
                yaml_event_delete(&event)
                count += 1
                if type == YAML_STREAM_END_EVENT { return count }
            }
        }
    }
}
