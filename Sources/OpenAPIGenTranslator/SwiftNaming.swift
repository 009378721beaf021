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
        var text = text
        return text.withUTF8 { bytes in
            var words: [String] = []
            forEachWord(bytes) {
                words.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[$0]), as: UTF8.self))
            }
            return words
        }
    }

    private static func isUpper(_ c: UInt8) -> Bool { c >= 65 && c <= 90 }
    private static func isLower(_ c: UInt8) -> Bool { c >= 97 && c <= 122 }
    private static func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }

    /// Calls `body` with where each of ``words(_:)``'s words is in `bytes`, in order,
    /// without making a string of each.
    private static func forEachWord(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (Range<Int>) -> Void) {
        var start = -1  // where the current word began; -1 between words
        for i in 0..<bytes.count {
            let c = bytes[i]
            guard isUpper(c) || isLower(c) || isDigit(c) else {
                if start >= 0 { body(start..<i) }
                start = -1
                continue
            }
            if isUpper(c), start >= 0 {
                let last = bytes[i - 1]
                let nextIsLower = i + 1 < bytes.count && isLower(bytes[i + 1])
                if isLower(last) || isDigit(last) || (isUpper(last) && nextIsLower) {
                    body(start..<i)
                    start = i
                }
            }
            if start < 0 { start = i }
        }
        if start >= 0 { body(start..<bytes.count) }
    }

    /// `lowerCamelCase`, for properties, functions, parameters and enum cases.
    public static func lowerCamel(_ text: String, fallback: String = "value") -> String {
        camel(text, upper: false) ?? fallback
    }

    /// `UpperCamelCase`, for types.
    public static func upperCamel(_ text: String, fallback: String = "Value") -> String {
        camel(text, upper: true) ?? fallback
    }

    /// The words of `text` joined in camel case, or nil when it has none. Byte arithmetic,
    /// as `lowercased()` and `uppercased()` would do on ASCII, without their Unicode
    /// machinery, written straight into the string (the name has at most one byte per
    /// byte of `text`, and a leading `_`).
    private static func camel(_ text: String, upper: Bool) -> String? {
        // Read in place (a native string always is): `withUTF8` on a copy would retain it.
        guard
            let name = text.utf8.withContiguousStorageIfAvailable({ bytes -> String? in
                camel(bytes, upper: upper)
            })
        else { return camel(String(decoding: Array(text.utf8), as: UTF8.self), upper: upper) }
        return name
    }

    private static func camel(_ bytes: UnsafeBufferPointer<UInt8>, upper: Bool) -> String? {
        // Whether the whole name is in capitals (`INSTANT_BOOK`): then its words are
        // folded to `instantBook`. Capitals inside a mixed-case name (`Etc/GMT+0`) are kept.
        let shouting = !bytes.contains { isLower($0) }
        let name = String(unsafeUninitializedCapacity: bytes.count + 1) { out in
            var count = 0
            forEachWord(bytes) { range in
                let word = UnsafeBufferPointer(rebasing: bytes[range])
                if count == 0 && !upper {
                    for c in word {
                        out[count] = isUpper(c) ? c + 32 : c
                        count += 1
                    }
                } else {
                    count = writeCapitalized(word, fold: shouting, into: out, at: count)
                }
            }
            // A leading digit would not make an identifier.
            if count > 0 && isDigit(out[0]) {
                var index = count
                while index > 0 {
                    out[index] = out[index - 1]
                    index -= 1
                }
                out[0] = UInt8(ascii: "_")
                count += 1
            }
            return count
        }
        return name.isEmpty ? nil : name
    }

    /// ``initialisms`` as their bytes in a word (the first in the lowest byte): a word of
    /// two to five letters is compared with them without making a string of it or hashing.
    private static let initialismKeys: [UInt64] = initialisms.sorted().map { key(of: $0.utf8) }
    private static let idsKey = key(of: "ids".utf8)
    private static let urlsKey = key(of: "urls".utf8)

    private static func key(of word: some Sequence<UInt8>) -> UInt64 {
        var key: UInt64 = 0
        var shift: UInt64 = 0
        for c in word {
            key |= UInt64(isUpper(c) ? c + 32 : c) << shift
            shift += 8
        }
        return key
    }

    /// Writes `word` (ASCII letters and digits) at `offset` with a capital first letter; an
    /// initialism in capitals (`IDs` and `URLs` with a small `s`). Returns the offset past it.
    private static func writeCapitalized(
        _ word: UnsafeBufferPointer<UInt8>, fold: Bool, into out: UnsafeMutableBufferPointer<UInt8>, at offset: Int
    ) -> Int {
        var offset = offset
        // Every initialism has two to five letters; a string that short is made without
        // allocating.
        if word.count >= 2 && word.count <= 5 {
            let key = key(of: word)
            if initialismKeys.contains(key) {
                let spelled: String? = key == idsKey ? "IDs" : key == urlsKey ? "URLs" : nil
                if let spelled {
                    for c in spelled.utf8 {
                        out[offset] = c
                        offset += 1
                    }
                } else {
                    for c in word {
                        out[offset] = isLower(c) ? c - 32 : c
                        offset += 1
                    }
                }
                return offset
            }
        }
        for (index, c) in word.enumerated() {
            var c = fold && isUpper(c) ? c + 32 : c
            if index == 0 && isLower(c) { c -= 32 }
            out[offset] = c
            offset += 1
        }
        return offset
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
    /// The names taken since the scope was made (the reserved ones not among them), in the
    /// order they were taken: what a copy took after `added.count` was noted is
    /// `added[noted...]`, with no set of every name compared with another.
    private(set) var added: [String] = []

    /// `capacity`: how many names will be claimed besides the reserved ones, when known (the
    /// set then never grows, which rehashes every name in it).
    init(reserved: Set<String> = [], capacity: Int = 0) {
        used = reserved
        if capacity > 0 { used.reserveCapacity(reserved.count + capacity) }
    }

    func isTaken(_ name: String) -> Bool { used.contains(name) }

    /// Marks `name` as taken.
    mutating func reserve(_ name: String) {
        if used.insert(name).inserted { added.append(name) }
    }

    /// Every name taken, reserved ones included.
    var taken: Set<String> { used }

    mutating func claim(_ name: String) -> String {
        // One lookup when the name is free, as most are.
        if used.insert(name).inserted {
            added.append(name)
            return name
        }
        var candidate = name
        var counter = 2
        // `etcGMT0` and `etcGMT0_2`: a digit before the counter would blur the two.
        let separator = name.utf8.last.map { $0 >= 48 && $0 <= 57 } == true ? "_" : ""
        repeat {
            candidate = "\(name)\(separator)\(counter)"
            counter += 1
        } while !used.insert(candidate).inserted
        added.append(candidate)
        return candidate
    }
}
