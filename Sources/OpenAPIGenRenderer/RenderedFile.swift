/// A rendered file: its name and its complete source text.
public struct RenderedFile: Hashable, Sendable {
    public var name: String
    public var contents: String

    public init(name: String, contents: String) {
        self.name = name
        self.contents = contents
    }
}

/// Part of a file's source text, printed on its own (see ``SwiftPrinter/text(of:)``);
/// ``SwiftPrinter/join(_:_:name:)`` makes a file of parts.
public struct PrintedText: Sendable {
    let printer: CodePrinter

    init(_ printer: CodePrinter) { self.printer = printer }
}
