/// A Swift identifier: ASCII letters, digits and `_`, not starting with a digit. Keywords
/// are allowed and printed in backticks, so an identifier can never be read as code.
/// Text that is not an identifier (spec text) cannot become one: it reaches source only
/// as a string literal or as doc text.
public struct Identifier: Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// The name as written in the spec of the language, without backticks.
    public let name: String
    /// Whether ``escaped`` puts the name in backticks (it is a keyword): found once, as the
    /// printer asks for every use of the identifier.
    public let needsBackticks: Bool

    /// Traps when `name` is not an identifier: callers make names with the translator's
    /// naming rules or from allow-lists, so anything else is a bug, not input.
    public init(_ name: String) {
        precondition(Self.isValid(name), "not a Swift identifier: \(name.debugDescription)")
        self.name = name
        needsBackticks = SwiftKeywords.isReserved(name)
    }

    public init(stringLiteral value: String) { self.init(value) }

    /// Whether `name` is an identifier this model accepts.
    public static func isValid(_ name: String) -> Bool {
        // Read in place (a native string always is): `withUTF8` on a copy would retain it.
        name.utf8.withContiguousStorageIfAvailable { bytes in
            guard let first = bytes.first, !(first >= 0x30 && first <= 0x39) else { return false }
            // One bit per ASCII byte allowed: `0`-`9` in the low word; `A`-`Z`, `_` and
            // `a`-`z` in the high one.
            let low: UInt64 = 0x03FF_0000_0000_0000
            let high: UInt64 = 0x07FF_FFFE_87FF_FFFE
            for byte in bytes {
                let allowed = byte < 64 ? low >> UInt64(byte) : byte < 128 ? high >> UInt64(byte &- 64) : 0
                if allowed & 1 == 0 { return false }
            }
            return true
        } ?? isValid(String(decoding: Array(name.utf8), as: UTF8.self))
    }

    /// Where an identifier is expected (a declaration, a reference, after a `.`):
    /// keywords in backticks.
    public var escaped: String { needsBackticks ? "`\(name)`" : name }

    /// As an argument label in a call: keywords need no backticks there, but for `inout`,
    /// `var` and `let`.
    public var argumentLabel: String { SwiftKeywords.argumentLabel(name) }

    public var description: String { escaped }
}
