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

    func testKeywordsAreBacktickedButNotAsMostArgumentLabels() {
        XCTAssertEqual(Identifier("class").escaped, "`class`")
        XCTAssertEqual(Identifier("Self").escaped, "`Self`")
        XCTAssertEqual(Identifier("Pet").escaped, "Pet")
        // One list of keywords: an identifier backticks exactly the words it has.
        for word in SwiftKeywords.reserved { XCTAssertEqual(Identifier(word).escaped, "`\(word)`") }
        XCTAssertEqual(Identifier("in").argumentLabel, "in")
        XCTAssertEqual(Identifier("inout").argumentLabel, "`inout`")
        XCTAssertEqual(Identifier("in").argumentLabel, "in")
        XCTAssertEqual(Identifier("inout").argumentLabel, "`inout`")
    }
}
