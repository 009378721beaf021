import Foundation

/// JSON pointers (RFC 6901) as `$ref`s write them, in the fragment of a URI
/// (`#/components/schemas/Pet`).
enum JSONPointer {
    /// One reference token of a pointer written in a URI fragment, unescaped. The fragment
    /// is percent-decoded first (RFC 6901 §6), then `~1` becomes `/` and, after it, `~0`
    /// becomes `~` (§4): `~01` is `~1`, `%7E1` is `/`. A token whose percent escapes are
    /// not valid UTF-8 (`100%`) is taken as written.
    static func unescape(_ token: some StringProtocol) -> String {
        let text = String(token)
        // Most names have nothing to unescape.
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: "~") }) else { return text }
        return (text.removingPercentEncoding ?? text)
            .replacingOccurrences(of: "~1", with: "/")
            .replacingOccurrences(of: "~0", with: "~")
    }

    /// `name` as one reference token: `~` becomes `~0` and `/` becomes `~1`.
    static func escape(_ name: String) -> String {
        name.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }
}
