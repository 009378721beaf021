import XCTest

@testable import OpenAPIGenModel

/// The `{name}`s of a path template, which its path parameters must match.
final class PathTemplateTests: XCTestCase {
    func testTemplateNamesAreReadBetweenBraces() {
        XCTAssertEqual(DocumentValidator.templateNames("/v1/customers/{customer}/sources/{id}"), ["customer", "id"])
        XCTAssertEqual(DocumentValidator.templateNames("/plain"), [])
        XCTAssertEqual(DocumentValidator.templateNames("/{}"), [""])
        // The first `}` closes; a `{` inside is part of the name; an unclosed `{` ends the reading.
        XCTAssertEqual(DocumentValidator.templateNames("/{a{b}/x}/{c}/{d"), ["a{b", "c"])
        XCTAssertEqual(DocumentValidator.templateNames("/}{a}"), ["a"])
    }

    func testTemplateNamesOfNonASCIIPathsAreReadByCharacters() {
        XCTAssertEqual(DocumentValidator.templateNames("/café/{naïve}/{id}"), ["naïve", "id"])
        // A brace followed by a combining mark is another character, not a brace.
        XCTAssertEqual(DocumentValidator.templateNames("/{\u{301}a}/{b}"), ["b"])
    }
}
