/// Makes text from a spec safe for the place it lands in Swift source, so no spec can
/// inject code: string literals escape everything but printable characters, doc comments
/// become `///` lines with no control or bidirectional-formatting characters.
public enum SourceEscaping {
    /// `text` as a Swift string literal, quotes included.
    public static func stringLiteral(_ text: String) -> String {
        // Most spec text is printable ASCII with nothing to escape.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != 0x5C && $0 != 0x22 }) {
            return "\"" + text + "\""
        }
        var out = "\""
        out.reserveCapacity(text.utf8.count + 2)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if isSafe(scalar) {
                    out.unicodeScalars.append(scalar)
                } else {
                    out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
                }
            }
        }
        return out + "\""
    }

    /// The lines of a `///` comment for `text`: split at every kind of line break,
    /// unsafe characters shown as `U+XXXX`, trailing spaces removed.
    public static func docCommentLines(_ text: String) -> [String] {
        if let lines = printableASCIILines(text) { return lines }
        var lines: [String] = []
        var current = ""
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            if scalar == "\n" && previousWasCR {
                previousWasCR = false
                continue
            }
            previousWasCR = scalar == "\r"
            switch scalar {
            case "\n", "\r", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}":
                lines.append(trimmed(current))
                current = ""
            case "\t":
                current += "    "
            default:
                if isSafe(scalar) {
                    current.unicodeScalars.append(scalar)
                } else {
                    current += "U+" + String(scalar.value, radix: 16, uppercase: true)
                }
            }
        }
        lines.append(trimmed(current))
        return lines
    }

    /// The fast path of ``docCommentLines(_:)``: printable ASCII split at `\n` only, trailing
    /// spaces removed, in one pass over the bytes; nil when the text has any other byte.
    private static func printableASCIILines(_ text: String) -> [String]? {
        var text = text
        return text.withUTF8 { bytes -> [String]? in
            var lines: [String] = []
            var start = 0
            // Just past the last byte of the current line that is not a space.
            var end = 0
            for index in 0..<bytes.count {
                let byte = bytes[index]
                if byte == 0x0A {
                    lines.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self))
                    start = index + 1
                    end = start
                } else if byte >= 0x20 && byte < 0x7F {
                    if byte != 0x20 { end = index + 1 }
                } else {
                    return nil
                }
            }
            lines.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self))
            return lines
        }
    }

    private static func trimmed(_ line: String) -> String {
        var line = line
        while line.last == " " { line.removeLast() }
        return line
    }

    /// Printable and not able to change how surrounding source reads: no controls, no
    /// format characters (bidirectional overrides, zero-width joiners), no separators
    /// that a reader or tool might treat as a line break, no unassigned code points.
    static func isSafe(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return scalar.value >= 0x20 && scalar.value < 0x7F }
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .privateUse, .unassigned:
            return false
        default:
            return true
        }
    }
}

extension SourceEscaping {
    /// `text` for a place inside one `///` line: line breaks become spaces, unsafe
    /// characters `U+XXXX`, tabs four spaces; other spaces are kept.
    public static func docCommentText(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n", "\r", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}": out += " "
            case "\t": out += "    "
            default:
                if isSafe(scalar) {
                    out.unicodeScalars.append(scalar)
                } else {
                    out += "U+" + String(scalar.value, radix: 16, uppercase: true)
                }
            }
        }
        return out
    }
}
