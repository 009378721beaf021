/// Accumulates source text line by line with four-space indentation.
struct CodePrinter {
    private(set) var text = ""
    /// The current depth, in levels of four spaces.
    private(set) var indentation = 0

    init(capacity: Int = 16_384) { text.reserveCapacity(capacity) }

    mutating func line(_ content: String = "") {
        if content.isEmpty {
            text += "\n"
            return
        }
        text += indentation < Self.indents.count ? Self.indents[indentation] : String(repeating: " ", count: indentation * 4)
        text += content
        text += "\n"
    }

    /// Each line of `content` at the current indentation.
    mutating func lines(_ content: String) {
        for part in content.split(separator: "\n", omittingEmptySubsequences: false) { line(String(part)) }
    }

    private static let indents = (0..<16).map { String(repeating: " ", count: $0 * 4) }

    /// Adds text another printer made (at indentation 0).
    mutating func append(_ other: CodePrinter) { text += other.text }

    mutating func indent() { indentation += 1 }
    mutating func outdent() { indentation -= 1 }

    /// `opening {`, the body indented, `}`.
    mutating func block(_ opening: String, closing: String = "}", _ body: (inout CodePrinter) -> Void) {
        line(opening + " {")
        indent()
        body(&self)
        outdent()
        line(closing)
    }

    /// Removes a trailing blank line, so blocks do not end with one.
    mutating func trimTrailingBlankLine() {
        while text.hasSuffix("\n\n") { text.removeLast() }
    }
}
