import XCTest

@testable import OpenAPIGenModel

/// RFC 6901 in a URI fragment: percent-decoding first, then `~1` -> `/`, then `~0` -> `~`.
final class JSONPointerTests: XCTestCase {
    func testTildeEscapesAreUndoneOneAfterTheOther() {
        XCTAssertEqual(JSONPointer.unescape("a~1b"), "a/b")
        XCTAssertEqual(JSONPointer.unescape("a~0b"), "a~b")
        // `~01` is an escaped `~` followed by `1`: undoing `~0` first would give `/`.
        XCTAssertEqual(JSONPointer.unescape("~01"), "~1")
        XCTAssertEqual(JSONPointer.unescape("~10"), "/0")
        XCTAssertEqual(JSONPointer.unescape("~0~1~00"), "~/~0")
        XCTAssertEqual(JSONPointer.unescape("Pet"), "Pet")
    }

    func testPercentEscapesAreDecodedBeforeTildeEscapes() {
        XCTAssertEqual(JSONPointer.unescape("%7Bid%7D"), "{id}")
        // A percent-encoded `~1` is still the escape for `/`: the fragment is decoded first.
        XCTAssertEqual(JSONPointer.unescape("a%7E1b"), "a/b")
        XCTAssertEqual(JSONPointer.unescape("%7E01"), "~1")
        // A percent-encoded `%` does not start a second round of decoding.
        XCTAssertEqual(JSONPointer.unescape("%257E1"), "%7E1")
        // Escapes that are not valid are taken as written.
        XCTAssertEqual(JSONPointer.unescape("100%~1"), "100%/")
    }

    func testEscapingIsUndoneByUnescaping() {
        for name in ["Pet", "a/b", "a~b", "~1", "~0/~1", "/"] {
            XCTAssertEqual(JSONPointer.unescape(JSONPointer.escape(name)), name)
        }
        XCTAssertEqual(JSONPointer.escape("~/"), "~0~1")
    }

    func testAPathItemReferenceWithAPercentEncodedTildeEscape() throws {
        let parsed = try parse(
            """
            openapi: 3.1.0
            info: {title: T, version: '1'}
            paths:
              /pets: {$ref: '#/components/pathItems/shared%7E1pets'}
            components:
              pathItems:
                shared/pets:
                  get:
                    operationId: listPets
                    responses: {'204': {description: none}}
            """)
        XCTAssertEqual(parsed.document.paths.first?.operations.first?.operationID, "listPets")
    }
}
