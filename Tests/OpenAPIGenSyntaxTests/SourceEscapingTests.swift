import OpenAPIGenSyntax
import XCTest

final class SourceEscapingTests: XCTestCase {
    func testStringLiteralsEscapeEverythingThatCouldEndOrChangeThem() {
        XCTAssertEqual(SourceEscaping.stringLiteral(#"a"b\c"#), #""a\"b\\c""#)
        XCTAssertEqual(SourceEscaping.stringLiteral("line\nbreak\r\ttab"), #""line\nbreak\r\ttab""#)
        XCTAssertEqual(SourceEscaping.stringLiteral("\\(injected)"), #""\\(injected)""#)
        XCTAssertEqual(SourceEscaping.stringLiteral("rtl\u{202E}mark\u{0}nul"), #""rtl\u{202E}mark\u{0}nul""#)
        XCTAssertEqual(SourceEscaping.stringLiteral("café"), #""café""#)
    }

    func testDocCommentsSplitLinesAndShowInvisibleCharacters() {
        XCTAssertEqual(
            SourceEscaping.docCommentLines("one\ntwo\r\nthree\rfour\u{2028}five"),
            ["one", "two", "three", "four", "five"])
        XCTAssertEqual(SourceEscaping.docCommentLines("*/ code(); /*"), ["*/ code(); /*"])
        XCTAssertEqual(SourceEscaping.docCommentLines("a\u{202E}b\u{7}c  "), ["aU+202EbU+7c"])
        XCTAssertEqual(SourceEscaping.docCommentLines("tab\there"), ["tab    here"])
    }

    func testStringLiteralsOfPlainTextAreTheTextQuotedAndOthersAreEscaped() {
        // The eight-bytes-at-a-time check against the plain one, with a character to escape
        // at every position of a word and past it.
        let plain = "0123456789abcdefghijklmnopqrstuvwxyz ~!"
        for length in 0..<plain.count {
            let text = String(plain.prefix(length))
            XCTAssertEqual(SourceEscaping.stringLiteral(text), "\"" + text + "\"")
            for position in 0...length {
                for special in ["\\", "\"", "\n", "\u{7F}", "\u{1F}", "\u{202E}", "é"] {
                    var characters = Array(text)
                    characters.insert(Character(special), at: position)
                    let literal = SourceEscaping.stringLiteral(String(characters))
                    // Printable non-ASCII text is kept as it is; the others are escaped.
                    XCTAssertEqual(
                        literal == "\"" + String(characters) + "\"", special == "é",
                        "\(special.debugDescription) at \(position)")
                    XCTAssertTrue(literal.hasPrefix("\"") && literal.hasSuffix("\""))
                }
            }
        }
    }

    func testDocCommentLinesMatchTheCharacterByCharacterReading() {
        // The byte-wise reading against the plain one it replaced, on texts built from pieces
        // that exercise each path: word-sized runs of printable ASCII, every kind of line
        // break (CR LF as one), tabs, controls, bidirectional and zero-width characters,
        // other non-ASCII text, and trailing spaces, also after a prepended character.
        let pieces = [
            "a", "word", "12345678", "eight by", "sixteen bytes!!!", " ", "  ", "\n", "\r", "\r\n", "\u{0B}",
            "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}", "\t", "\u{7}", "\u{7F}", "\u{0}", "\u{202E}", "\u{200B}",
            "café", "naïve", "日本語", "𝄞", "👩‍💻", "\u{D4E}", "\u{600}", "e\u{301}", "*/", "\\",
        ]
        var generator = SplitMix64(seed: 15)  // the same texts on every run
        var texts = pieces + ["", " ", "\n", "a ", "\u{D4E} ", "x\u{D4E}  \ny \u{301} "]
        for _ in 0..<3000 {
            texts.append((0..<Int.random(in: 1...12, using: &generator)).map { _ in pieces.randomElement()! }.joined())
        }
        for text in texts {
            XCTAssertEqual(
                SourceEscaping.docCommentLines(text), Self.referenceDocCommentLines(text), "\(text.debugDescription)")
        }
    }

    /// The reading `docCommentLines` is held to: scalar by scalar, trimming by characters.
    private static func referenceDocCommentLines(_ text: String) -> [String] {
        func trimmed(_ line: String) -> String {
            var line = line
            while line.last == " " { line.removeLast() }
            return line
        }
        func isSafe(_ scalar: Unicode.Scalar) -> Bool {
            if scalar.isASCII { return scalar.value >= 0x20 && scalar.value < 0x7F }
            switch scalar.properties.generalCategory {
            case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .privateUse, .unassigned:
                return false
            default:
                return true
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

    func testTextInsideADocLineKeepsItsSpacesAndLosesItsLineBreaks() {
        XCTAssertEqual(SourceEscaping.docCommentText("  - "), "  - ")
        XCTAssertEqual(SourceEscaping.docCommentText("a\nb\u{2029}c\td\u{202E}"), "a b c    dU+202E")
    }
}

/// A small seeded generator, so that generated test inputs are the same on every run.
private struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
