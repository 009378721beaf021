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
        reserved.contains(name) ? "`\(name)`" : name
    }

    /// `name` as an argument label in a call: keywords need no backticks there, but for
    /// `inout`, `var` and `let`.
    public static func argumentLabel(_ name: String) -> String {
        reservedInArgumentLabels.contains(name) ? "`\(name)`" : name
    }

    /// The keywords that need backticks even as argument labels.
    public static let reservedInArgumentLabels: Set<String> = ["inout", "var", "let"]
}
