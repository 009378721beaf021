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

    func testTextInsideADocLineKeepsItsSpacesAndLosesItsLineBreaks() {
        XCTAssertEqual(SourceEscaping.docCommentText("  - "), "  - ")
        XCTAssertEqual(SourceEscaping.docCommentText("a\nb\u{2029}c\td\u{202E}"), "a b c    dU+202E")
    }
}
