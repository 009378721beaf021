import OpenAPIGenSyntax
import XCTest

final class IdentifierTests: XCTestCase {
    func testOnlyIdentifiersAreAccepted() {
        XCTAssertTrue(Identifier.isValid("_private9"))
        XCTAssertTrue(Identifier.isValid("Zz"))
        XCTAssertFalse(Identifier.isValid("9lives"))
        XCTAssertFalse(Identifier.isValid("a-b"))
        XCTAssertFalse(Identifier.isValid("a b"))
        XCTAssertFalse(Identifier.isValid("a.b"))
        XCTAssertFalse(Identifier.isValid("a`"))
        XCTAssertFalse(Identifier.isValid("café"))
        XCTAssertFalse(Identifier.isValid(""))
        XCTAssertFalse(Identifier.isValid("x\"); evil(\""))
        // `@`, `[` and `{` sit right before and after the letters in ASCII.
        XCTAssertFalse(Identifier.isValid("a@"))
        XCTAssertFalse(Identifier.isValid("a["))
        XCTAssertFalse(Identifier.isValid("a{"))
    }

    func testEveryASCIICharacterIsJudgedAfterALetterAndFirst() {
        for value in UInt8(0)..<128 {
            let character = String(UnicodeScalar(value))
            let isDigit = (0x30...0x39).contains(value)
            let isLetter = (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value)
            let allowed = isDigit || isLetter || value == 0x5F
            XCTAssertEqual(Identifier.isValid("a" + character), allowed, "after a letter: \(value)")
            XCTAssertEqual(Identifier.isValid(character), allowed && !isDigit, "first: \(value)")
        }
        XCTAssertFalse(Identifier.isValid("a\u{80}"))
        XCTAssertFalse(Identifier.isValid("a\u{FF}"))
        XCTAssertFalse(Identifier.isValid("aΩ"))
    }

    func testKeywordsAreBacktickedButNotAsMostArgumentLabels() {
        XCTAssertEqual(Identifier("class").escaped, "`class`")
        XCTAssertEqual(Identifier("Self").escaped, "`Self`")
        XCTAssertEqual(Identifier("Pet").escaped, "Pet")
        // One list of keywords: an identifier backticks exactly the words it has.
        for word in SwiftKeywords.reserved { XCTAssertEqual(Identifier(word).escaped, "`\(word)`") }
        // Words that share a keyword's first letter and length, or differ from one by a
        // letter's case or one more letter, are not keywords.
        for word in ["id", "iF", "ix", "sel", "Some", "selF", "statics", "structs", "typealiases", "var_", "let2", "x"]
        {
            XCTAssertEqual(Identifier(word).escaped, word)
        }
        XCTAssertEqual(Identifier("in").argumentLabel, "in")
        XCTAssertEqual(Identifier("self").argumentLabel, "self")
        XCTAssertEqual(Identifier("inout").argumentLabel, "`inout`")
        XCTAssertEqual(Identifier("var").argumentLabel, "`var`")
        XCTAssertEqual(Identifier("let").argumentLabel, "`let`")
        XCTAssertEqual(Identifier("lets").argumentLabel, "lets")
    }
}
