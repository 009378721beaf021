/// A rendered file: its name and its complete source text.
///
/// The renderer keeps a file's text as the UTF-8 bytes it printed: a `String` made of
/// them would have every byte checked again (about 50 million instructions for Stripe's
/// 5.7 MB SDK), and writing a file needs only the bytes. ``contents`` makes the `String`
/// when it is asked for.
public struct RenderedFile: Hashable, Sendable {
    public var name: String
    private var text: Text

    private enum Text: Sendable {
        case string(String)
        /// Valid UTF-8: the printer writes only bytes of `String`s.
        case utf8([UInt8])
    }

    public init(name: String, contents: String) {
        self.name = name
        self.text = .string(contents)
    }

    /// A file of the printer's bytes, which are valid UTF-8.
    init(name: String, printedUTF8 bytes: [UInt8]) {
        self.name = name
        self.text = .utf8(bytes)
    }

    /// The source text.
    public var contents: String {
        get {
            switch text {
            case .string(let string): string
            case .utf8(let bytes): String(decoding: bytes, as: UTF8.self)
            }
        }
        set { text = .string(newValue) }
    }

    /// Calls `body` with the text's UTF-8 bytes, in place.
    public func withUTF8<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        switch text {
        case .string(var string): try string.withUTF8(body)
        case .utf8(let bytes): try bytes.withUnsafeBufferPointer(body)
        }
    }

    /// The text's size in UTF-8 bytes.
    public var byteCount: Int {
        switch text {
        case .string(let string): string.utf8.count
        case .utf8(let bytes): bytes.count
        }
    }

    /// Files are equal when their names and texts are, however each text is kept.
    public static func == (lhs: RenderedFile, rhs: RenderedFile) -> Bool {
        lhs.name == rhs.name && lhs.byteCount == rhs.byteCount
            && lhs.withUTF8 { left in rhs.withUTF8 { right in left.elementsEqual(right) } }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}

/// Part of a file's source text, printed on its own (see ``SwiftPrinter/text(of:)``);
/// ``SwiftPrinter/join(_:_:name:)`` makes a file of parts.
public struct PrintedText: Sendable {
    let printer: CodePrinter

    init(_ printer: CodePrinter) { self.printer = printer }

    /// How many bytes of text it is.
    public var byteCount: Int { printer.byteCount }
}
