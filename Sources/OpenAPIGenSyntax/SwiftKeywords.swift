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
        mayBeReserved(name) && reserved.contains(name) ? "`\(name)`" : name
    }

    /// For each first byte, bit `n` is set when a reserved word of `n` bytes starts with it:
    /// most names are ruled out without hashing them.
    private static let firstByteLengths: [UInt64] = {
        var table = [UInt64](repeating: 0, count: 256)
        for word in reserved { table[Int(word.utf8.first!)] |= 1 << UInt64(word.utf8.count) }
        return table
    }()

    private static func mayBeReserved(_ name: String) -> Bool {
        guard let first = name.utf8.first else { return reserved.contains(name) }
        let count = name.utf8.count
        return count < 64 && firstByteLengths[Int(first)] & (1 << UInt64(count)) != 0
    }

    /// `name` as an argument label in a call: keywords need no backticks there, but for
    /// `inout`, `var` and `let`.
    public static func argumentLabel(_ name: String) -> String {
        reservedInArgumentLabels.contains(name) ? "`\(name)`" : name
    }

    /// The keywords that need backticks even as argument labels.
    public static let reservedInArgumentLabels: Set<String> = ["inout", "var", "let"]
}
