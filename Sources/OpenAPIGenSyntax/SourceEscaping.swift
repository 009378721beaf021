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
        // Fast path: printable ASCII split at `\n` only.
        if text.utf8.allSatisfy({ ($0 >= 0x20 && $0 < 0x7F) || $0 == 0x0A }) {
            return text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).map { line in
                var end = line.endIndex
                while end > line.startIndex, line[line.index(before: end)] == 0x20 { end = line.index(before: end) }
                return String(Substring(line[line.startIndex..<end]))
            }
        }
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
