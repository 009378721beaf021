/// Turns names from a spec into Swift names following the API Design Guidelines:
/// `start_time` -> `startTime`, `cancel_url` -> `cancelURL`, `salesforce_uuid` ->
/// `salesforceUUID`, `no_show` -> `NoShow`. Only ASCII letters and digits survive; every
/// other character separates words, so the result is always a plain identifier.
public enum SwiftNaming {
    /// Words written all in capitals when they are not the first word of a lowerCamelCase
    /// name (and always in UpperCamelCase).
    public static let initialisms: Set<String> = [
        "api", "id", "ids", "uri", "url", "urls", "uuid", "http", "https", "json", "xml", "html", "ip", "sms",
        "sql", "ssl", "tls", "ui", "utc", "jwt", "pdf", "csv", "sku", "vat", "ssn", "dns", "tcp", "udp",
    ]

    /// The words of `text`: split at non-alphanumerics and at case changes
    /// (`firstName`, `HTTPServer`, `user-id_2`).
    public static func words(_ text: String) -> [String] {
        var words: [String] = []
        var current: [UInt8] = []
        let bytes = Array(text.utf8)
        func isUpper(_ c: UInt8) -> Bool { c >= 65 && c <= 90 }
        func isLower(_ c: UInt8) -> Bool { c >= 97 && c <= 122 }
        func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
        func flush() {
            if !current.isEmpty { words.append(String(decoding: current, as: UTF8.self)) }
            current.removeAll()
        }
        for (i, c) in bytes.enumerated() {
            guard isUpper(c) || isLower(c) || isDigit(c) else {
                flush()
                continue
            }
            if isUpper(c), let last = current.last {
                let nextIsLower = i + 1 < bytes.count && isLower(bytes[i + 1])
                if isLower(last) || isDigit(last) || (isUpper(last) && nextIsLower) { flush() }
            }
            current.append(c)
        }
        flush()
        return words
    }

    /// `lowerCamelCase`, for properties, functions, parameters and enum cases.
    public static func lowerCamel(_ text: String, fallback: String = "value") -> String {
        let parts = words(text)
        guard let first = parts.first else { return fallback }
        let shouting = isShouting(text)
        var name = asciiLowercased(first)
        for word in parts.dropFirst() { name += capitalized(word, fold: shouting) }
        return leadingDigitSafe(name)
    }

    /// `UpperCamelCase`, for types.
    public static func upperCamel(_ text: String, fallback: String = "Value") -> String {
        let parts = words(text)
        guard !parts.isEmpty else { return fallback }
        let shouting = isShouting(text)
        return leadingDigitSafe(parts.map { capitalized($0, fold: shouting) }.joined())
    }

    /// Whether the whole name is in capitals (`INSTANT_BOOK`): then its words are folded
    /// to `instantBook`. Capitals inside a mixed-case name (`Etc/GMT+0`) are kept.
    private static func isShouting(_ text: String) -> Bool {
        !text.utf8.contains { $0 >= 97 && $0 <= 122 }
    }

    /// `word`, one of ``words(_:)``'s (ASCII letters and digits), with a capital first
    /// letter; an initialism in capitals. Byte arithmetic, as `lowercased()` and
    /// `uppercased()` would do on ASCII, without their Unicode machinery.
    private static func capitalized(_ word: String, fold: Bool) -> String {
        let lower = asciiLowercased(word)
        if initialisms.contains(lower) {
            return lower == "ids" ? "IDs" : lower == "urls" ? "URLs" : lower.uppercased()
        }
        var bytes = Array((fold ? lower : word).utf8)
        if let first = bytes.first, first >= 97 && first <= 122 { bytes[0] = first - 32 }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// An ASCII word in lower case (other bytes as they are).
    private static func asciiLowercased(_ word: String) -> String {
        guard word.utf8.contains(where: { $0 >= 65 && $0 <= 90 }) else { return word }
        return String(decoding: word.utf8.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }, as: UTF8.self)
    }

    private static func leadingDigitSafe(_ name: String) -> String {
        guard let first = name.utf8.first, first >= 48, first <= 57 else { return name }
        return "_" + name
    }

    /// The singular of a plural property name, for naming the items of an array:
    /// `details` -> `Detail`, `categories` -> `Category`; otherwise `<name>Item`.
    public static func singular(_ typeName: String) -> String {
        if typeName.hasSuffix("ies"), typeName.count > 3 { return String(typeName.dropLast(3)) + "y" }
        if typeName.hasSuffix("sses") || typeName.hasSuffix("xes") || typeName.hasSuffix("ches")
            || typeName.hasSuffix("shes")
        {
            return String(typeName.dropLast(2))
        }
        if typeName.hasSuffix("s"), !typeName.hasSuffix("ss"), !typeName.hasSuffix("us"), typeName.count > 1 {
            return String(typeName.dropLast())
        }
        return typeName + "Item"
    }
}

/// Hands out names that are unique within one scope, deterministically: the second
/// `userID` becomes `userID2`, the third `userID3`.
struct NameScope {
    private var used: Set<String>

    init(reserved: Set<String> = []) { used = reserved }

    func isTaken(_ name: String) -> Bool { used.contains(name) }

    /// Marks `name` as taken.
    mutating func reserve(_ name: String) { used.insert(name) }

    /// Every name taken, reserved ones included.
    var taken: Set<String> { used }

    mutating func claim(_ name: String) -> String {
        var candidate = name
        var counter = 2
        // `etcGMT0` and `etcGMT0_2`: a digit before the counter would blur the two.
        let separator = name.utf8.last.map { $0 >= 48 && $0 <= 57 } == true ? "_" : ""
        while used.contains(candidate) {
            candidate = "\(name)\(separator)\(counter)"
            counter += 1
        }
        used.insert(candidate)
        return candidate
    }
}
