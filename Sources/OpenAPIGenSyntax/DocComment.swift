/// A `///` comment. Its text is escaped by the printer for a doc comment (see
/// `SourceEscaping.docCommentLines`): nothing in it can end the comment or hide code.
/// Leading and trailing empty lines are left out; a comment with no text is not printed.
public struct DocComment: Hashable, Sendable {
    public enum Line: Hashable, Sendable {
        /// Text whose line breaks start new `///` lines, trailing spaces removed from each.
        case text(String)
        /// One `///` line made of pieces.
        case joined([Piece])
    }

    /// A piece of a `joined` line.
    public enum Piece: Hashable, Sendable {
        /// Text as it is (spaces kept); a line break in it becomes a space.
        case text(String)
        /// Text whose lines, trailing spaces removed, are joined with `separator`: spec text
        /// that must stay on the line, like a URL in backticks.
        case lines(String, separator: String)
    }

    public var lines: [Line]

    public init(_ lines: [Line]) { self.lines = lines }

    /// A comment of text lines.
    public init(text lines: [String]) { self.lines = lines.map(Line.text) }

    /// The comment followed by `other`'s lines.
    public static func + (lhs: DocComment, rhs: DocComment) -> DocComment { DocComment(lhs.lines + rhs.lines) }
}
