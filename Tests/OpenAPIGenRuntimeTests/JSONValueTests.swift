import Foundation
import OpenAPIGenRuntime
import XCTest

final class JSONValueTests: XCTestCase {
    func testRoundTripsEveryKindOfJSON() throws {
        let text = #"{"a":null,"b":true,"c":42,"d":-1.5,"e":"text","f":[1,"two",{"g":false}],"h":{}}"#
        let value = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        XCTAssertEqual(
            value,
            .object([
                "a": .null, "b": .bool(true), "c": .integer(42), "d": .number(-1.5), "e": .string("text"),
                "f": .array([.integer(1), .string("two"), .object(["g": .bool(false)])]), "h": .object([:]),
            ]))
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        XCTAssertEqual(String(decoding: try encoder.encode(value), as: UTF8.self), text)
    }

    func testLiteralsAndAccessors() {
        let value: JSONValue = ["kind": "zoom", "count": 3, "ratio": 0.5, "on": true, "none": nil, "list": [1, 2]]
        XCTAssertEqual(value["kind"]?.stringValue, "zoom")
        XCTAssertEqual(value["count"]?.intValue, 3)
        XCTAssertEqual(value["ratio"]?.doubleValue, 0.5)
        XCTAssertEqual(value["on"]?.boolValue, true)
        XCTAssertEqual(value["none"]?.isNull, true)
        XCTAssertEqual(value["list"]?[1], .integer(2))
        XCTAssertNil(value["missing"])
        XCTAssertNil(value["list"]?[5])
    }
}
