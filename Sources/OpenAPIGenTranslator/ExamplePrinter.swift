import OpenAPIGenDeclarations
import OpenAPIGenSyntax

/// Lays out usage examples as the lines of code they are in the docs: on one line when it
/// fits, broken at arguments, array items and dictionary pairs otherwise. Spec text is
/// written as escaped string literals; the printer escapes the lines again as doc text.
enum ExamplePrinter {
    static func oneLine(_ expression: ExampleExpression) -> String {
        switch expression {
        case .code(let text): text
        case .string(let text): SourceEscaping.stringLiteral(text)
        case .call(let function, let arguments):
            function + "("
                + arguments.map { ($0.label.map { "\($0): " } ?? "") + oneLine($0.expression) }
                .joined(separator: ", ") + ")"
        case .array(let items): "[" + items.map(oneLine).joined(separator: ", ") + "]"
        case .dictionary(let pairs):
            pairs.isEmpty
                ? "[:]" : "[" + pairs.map { "\(oneLine($0.key)): \(oneLine($0.value))" }.joined(separator: ", ") + "]"
        }
    }

    /// `expression` after `prefix`, in lines of at most `width` characters where it can be.
    static func lines(_ expression: ExampleExpression, prefix: String, width: Int, indent: String = "") -> [String] {
        let single = indent + prefix + oneLine(expression)
        if single.count <= width { return [single] }
        let inner = indent + "    "
        var result: [String]
        let parts: [(prefix: String, value: ExampleExpression)]
        let closing: String
        switch expression {
        case .code, .string:
            return [single]
        case .call(let function, let arguments):
            result = [indent + prefix + function + "("]
            parts = arguments.map { (($0.label.map { "\($0): " } ?? ""), $0.expression) }
            closing = ")"
        case .array(let items):
            result = [indent + prefix + "["]
            parts = items.map { ("", $0) }
            closing = "]"
        case .dictionary(let pairs):
            result = [indent + prefix + "["]
            parts = pairs.map { (oneLine($0.key) + ": ", $0.value) }
            closing = "]"
        }
        for (index, part) in parts.enumerated() {
            var lines = lines(part.value, prefix: part.prefix, width: width, indent: inner)
            if index < parts.count - 1 { lines[lines.count - 1] += "," }
            result += lines
        }
        return result + [indent + closing]
    }
}
