/// Makes text from a spec safe for the place it lands in Swift source, so no spec can
/// inject code: string literals escape everything but printable characters, doc comments
/// become `///` lines with no control or bidirectional-formatting characters.
public enum SourceEscaping {
    /// `text` as a Swift string literal, quotes included.
    public static func stringLiteral(_ text: String) -> String {
        // Most spec text is printable ASCII with nothing to escape.
        if let literal = plainLiteral(text) { return literal }
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

    /// `text` in quotes when every byte of it is printable ASCII other than `\\` and `"`
    /// (checked eight bytes at a time), written in one piece; nil otherwise.
    private static func plainLiteral(_ text: String) -> String? {
        var text = text
        return text.withUTF8 { bytes -> String? in
            guard isPlainLiteralText(bytes) else { return nil }
            return String(unsafeUninitializedCapacity: bytes.count + 2) { buffer in
                buffer[0] = UInt8(ascii: "\"")
                if let source = bytes.baseAddress {
                    UnsafeMutableRawPointer(buffer.baseAddress! + 1).copyMemory(from: source, byteCount: bytes.count)
                }
                buffer[bytes.count + 1] = UInt8(ascii: "\"")
                return bytes.count + 2
            }
        }
    }

    private static func isPlainLiteralText(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        if let base = bytes.baseAddress {
            while index &+ 8 <= bytes.count {
                let word = UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
                let ones: UInt64 = 0x0101_0101_0101_0101
                let highs: UInt64 = 0x8080_8080_8080_8080
                let below20 = (word &- 0x20 &* ones) & ~word & highs
                let atLeast7F = ((word &+ ones) | word) & highs
                let backslash = word ^ (0x5C &* ones)
                let quote = word ^ (0x22 &* ones)
                let hasBackslash = (backslash &- ones) & ~backslash & highs
                let hasQuote = (quote &- ones) & ~quote & highs
                if below20 | atLeast7F | hasBackslash | hasQuote != 0 { return false }
                index &+= 8
            }
        }
        while index < bytes.count {
            let byte = bytes[index]
            guard byte >= 0x20 && byte < 0x7F && byte != 0x5C && byte != 0x22 else { return false }
            index += 1
        }
        return true
    }

    /// The lines of a `///` comment for `text`: split at every kind of line break,
    /// unsafe characters shown as `U+XXXX`, trailing spaces removed.
    ///
    /// One pass over the UTF-8 bytes, eight at a time while they are printable ASCII; a
    /// line is copied out of the text as it is unless a tab or an unsafe character in it
    /// has to be rewritten, and a text of one line that needs nothing is returned itself.
    public static func docCommentLines(_ text: String) -> [String] {
        let original = text
        var text = text
        return text.withUTF8 { bytes -> [String] in
            guard let base = bytes.baseAddress, !bytes.isEmpty else { return [""] }
            let count = bytes.count
            var lines: [String] = []
            // The current line is `buffer` (when `usesBuffer`) followed by bytes[pending..<index].
            var buffer: [UInt8] = []
            var usesBuffer = false
            var lineStart = 0
            var pending = 0
            var index = 0

            func finishLine(at end: Int) {
                if usesBuffer {
                    buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[pending..<end]))
                    lines.append(buffer.withUnsafeBufferPointer { trimmedLine($0) })
                    buffer.removeAll(keepingCapacity: true)
                    usesBuffer = false
                } else if lineStart == 0 && end == count && bytes[end - 1] != 0x20 {
                    lines.append(original)  // one line, nothing to change
                } else {
                    lines.append(trimmedLine(UnsafeBufferPointer(rebasing: bytes[lineStart..<end])))
                }
            }
            func replace(_ length: Int, with replacement: String) {
                usesBuffer = true
                buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[pending..<index]))
                buffer.append(contentsOf: replacement.utf8)
                index += length
                pending = index
            }
            func breakLine(_ length: Int) {
                finishLine(at: index)
                index += length
                lineStart = index
                pending = index
            }

            while index < count {
                // Printable ASCII, a word at a time: no byte below 0x20, none 0x7F or above.
                while index &+ 8 <= count {
                    let word = UInt64(
                        littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
                    let below20 = (word &- 0x2020_2020_2020_2020) & ~word & 0x8080_8080_8080_8080
                    let atLeast7F = ((word &+ 0x0101_0101_0101_0101) | word) & 0x8080_8080_8080_8080
                    if below20 | atLeast7F != 0 { break }
                    index &+= 8
                }
                guard index < count else { break }
                let byte = bytes[index]
                if byte >= 0x20 && byte < 0x7F {
                    index &+= 1
                    continue
                }
                switch byte {
                case 0x0A, 0x0B, 0x0C:
                    breakLine(1)
                case 0x0D:
                    breakLine(index + 1 < count && bytes[index + 1] == 0x0A ? 2 : 1)
                case 0x09:
                    replace(1, with: "    ")
                case 0x80...:
                    // Valid UTF-8 (a String's): the lead byte gives the length.
                    let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
                    var value = UInt32(byte) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
                    for offset in 1..<length { value = value << 6 | UInt32(bytes[index + offset] & 0x3F) }
                    let scalar = Unicode.Scalar(value)!
                    if value == 0x85 || value == 0x2028 || value == 0x2029 {
                        breakLine(length)
                    } else if isSafe(scalar) {
                        index += length
                    } else {
                        replace(length, with: "U+" + String(value, radix: 16, uppercase: true))
                    }
                default:
                    replace(1, with: "U+" + String(byte, radix: 16, uppercase: true))
                }
            }
            finishLine(at: count)
            return lines
        }
    }

    /// `line` without its trailing spaces. A space after a non-ASCII character is removed
    /// as ``trimmed(_:)`` removes it, by characters (a space can join the character before it).
    private static func trimmedLine(_ line: UnsafeBufferPointer<UInt8>) -> String {
        var end = line.count
        while end > 0 && line[end - 1] == 0x20 { end -= 1 }
        if end < line.count && end > 0 && line[end - 1] >= 0x80 {
            return trimmed(String(decoding: line, as: UTF8.self))
        }
        return String(decoding: UnsafeBufferPointer(rebasing: line[..<end]), as: UTF8.self)
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
