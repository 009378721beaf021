/// Words that must be written in backticks to be used as identifiers: the one list, used by
/// ``Identifier`` and by code that spells Swift text itself (usage examples in docs).
public enum SwiftKeywords {
    public static let reserved: Set<String> = [
        "associatedtype", "borrowing", "class", "consuming", "deinit", "enum", "extension", "fileprivate",
        "func", "import", "init", "inout", "internal", "let", "nonisolated", "open", "operator", "private",
        "precedencegroup", "protocol", "public", "rethrows", "static", "struct", "subscript", "typealias",
        "var", "break", "case", "catch", "continue", "default", "defer", "do", "else", "fallthrough", "for",
        "guard", "if", "in", "repeat", "return", "throw", "switch", "where", "while", "Any", "as", "await",
        "false", "is", "nil", "self", "Self", "super", "throws", "true", "try", "_", "package",
    ]

    /// `name` as it must be written where an identifier is expected.
    public static func escaped(_ name: String) -> String {
        isReserved(name) ? "`\(name)`" : name
    }

    /// The reserved words by first byte and length (`first * 16 + length`, words under 16
    /// bytes): a name is compared with the few words it could be, without hashing it
    /// (small strings compare in one step).
    private static let buckets: [[String]] = {
        var table = [[String]](repeating: [], count: 256 * 16)
        for word in reserved.sorted() {
            precondition(word.utf8.count < 16, "a reserved word of 16 bytes or more: \(word)")
            table[Int(word.utf8.first!) &* 16 &+ word.utf8.count].append(word)
        }
        return table
    }()

    /// For each first byte, bit `n` is set when a reserved word of `n` bytes starts with it:
    /// most names are ruled out by one look at a table.
    private static let firstByteLengths: [UInt16] = {
        var table = [UInt16](repeating: 0, count: 256)
        for word in reserved { table[Int(word.utf8.first!)] |= 1 << UInt16(word.utf8.count) }
        return table
    }()

    /// Whether `name` is one of ``reserved``.
    static func isReserved(_ name: String) -> Bool {
        let count = name.utf8.count
        guard count < 16, let first = name.utf8.first,
            firstByteLengths[Int(first)] & (1 << UInt16(count)) != 0
        else { return false }
        return buckets[Int(first) &* 16 &+ count].contains(name)
    }

    /// `name` as an argument label in a call: keywords need no backticks there, but for
    /// `inout`, `var` and `let`.
    public static func argumentLabel(_ name: String) -> String {
        name == "inout" || name == "var" || name == "let" ? "`\(name)`" : name
    }
}
