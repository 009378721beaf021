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

final class JSONValueNumberTests: XCTestCase {
    private func decode(_ text: String) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }

    private func encode(_ value: JSONValue) throws -> String {
        String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
    }

    /// Decoding, encoding and decoding again gives an equal value with the same number.
    func testNumbersRoundTrip() throws {
        let numbers: [(text: String, value: Double)] = [
            ("1.0", 1), ("1e2", 100), ("2.0", 2), ("-0.0", -0.0), ("0", 0), ("-0", -0.0),
            ("9007199254740993", Double(9_007_199_254_740_993 as Int64)), ("9223372036854775807", Double(Int64.max)),
            ("-9223372036854775808", -9_223_372_036_854_775_808), ("1.5", 1.5), ("1e300", 1e300),
            ("-2.5e-300", -2.5e-300),
        ]
        for (text, number) in numbers {
            let value = try decode(text)
            let again = try decode(try encode(value))
            XCTAssertEqual(again, value, text)
            XCTAssertEqual(value.doubleValue, number, text)
            XCTAssertEqual(again.doubleValue?.sign, number.sign, "\(text) keeps its sign")
        }
    }

    func testIntegersKeepEveryDigit() throws {
        let integers = [
            "0", "42", "-7", "9007199254740993", "-9007199254740993", "9223372036854775807", "-9223372036854775808",
        ]
        for text in integers {
            let value = try decode(text)
            XCTAssertEqual(value, .integer(Int64(text)!), text)
            if case .integer = value {} else { XCTFail("\(text) decodes as \(value)") }
            XCTAssertEqual(try encode(value), text)
            XCTAssertEqual(try decode(try encode(value)).intValue, Int64(text), text)
        }
    }

    func testNegativeZeroKeepsItsSign() throws {
        for text in ["-0", "-0.0", "-0e5"] {
            let value = try decode(text)
            XCTAssertEqual(value.doubleValue?.sign, .minus, text)
            XCTAssertEqual(try decode(try encode(value)).doubleValue?.sign, .minus, text)
        }
        XCTAssertEqual(try decode("0").doubleValue?.sign, .plus)
        XCTAssertEqual(try encode(.number(-0.0)), "-0")
    }

    /// JSONDecoder reports `2.0` and `2` as the same number, so an integral `.number`
    /// comes back as an `.integer`: the two are equal, and hash alike.
    func testAnIntegralNumberEqualsTheIntegerItDecodesAs() throws {
        for number in [2.0, 0, 1e2, -3, 9_007_199_254_740_992] {
            let value = JSONValue.number(number)
            let again = try decode(try encode(value))
            XCTAssertEqual(again, value, "\(number)")
            XCTAssertEqual(again.hashValue, value.hashValue, "\(number)")
            XCTAssertEqual(again.doubleValue, number)
        }
        XCTAssertEqual(JSONValue.number(2.0), .integer(2))
        XCTAssertEqual(Set<JSONValue>([.number(2.0), .integer(2)]).count, 1)
        XCTAssertNotEqual(JSONValue.number(2.5), .integer(2))
        XCTAssertNotEqual(JSONValue.number(9_007_199_254_740_992), .integer(9_007_199_254_740_993))
        XCTAssertNotEqual(JSONValue.integer(1), .bool(true))
        XCTAssertNotEqual(JSONValue.number(1), .string("1"))
        XCTAssertNotEqual(JSONValue.number(.nan), .number(.nan))
    }

    func testNumbersInsideContainersCompareByValue() throws {
        let decoded = try decode(#"{"ratio":2.0,"list":[1.0,-0.0]}"#)
        XCTAssertEqual(decoded, ["ratio": .number(2), "list": [.number(1), .number(-0.0)]])
        XCTAssertEqual(try decode(try encode(decoded)), decoded)
    }
}
