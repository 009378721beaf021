import Foundation
import OpenAPIGenRuntime
import XCTest

final class RFC3339Tests: XCTestCase {
    func testParsesWholeSecondsInUTC() throws {
        let date = try XCTUnwrap(RFC3339.date(from: "2023-11-07T05:31:56Z"))
        XCTAssertEqual(date.timeIntervalSince1970, 1_699_335_116)
    }

    func testParsesFractionalSecondsOfAnyLength() throws {
        XCTAssertEqual(
            try XCTUnwrap(RFC3339.date(from: "2019-08-24T14:15:22.123456Z")).timeIntervalSince1970,
            1_566_656_122.123456, accuracy: 1e-6)
        XCTAssertEqual(
            try XCTUnwrap(RFC3339.date(from: "2019-08-24T14:15:22.5Z")).timeIntervalSince1970,
            1_566_656_122.5, accuracy: 1e-9)
        XCTAssertEqual(
            try XCTUnwrap(RFC3339.date(from: "2019-08-24T14:15:22.123456789z")).timeIntervalSince1970,
            1_566_656_122.123456789, accuracy: 1e-6)
    }

    func testAppliesOffsets() throws {
        let utc = try XCTUnwrap(RFC3339.date(from: "2019-08-24T14:15:22Z"))
        XCTAssertEqual(RFC3339.date(from: "2019-08-24T16:15:22+02:00"), utc)
        XCTAssertEqual(RFC3339.date(from: "2019-08-24T09:45:22-04:30"), utc)
        XCTAssertEqual(RFC3339.date(from: "2019-08-24T14:15:22+0000"), utc)
        XCTAssertEqual(RFC3339.date(from: "2019-08-24 14:15:22Z"), utc)
    }

    func testRejectsMalformedTimestamps() {
        for text in [
            "", "2019-08-24", "2019-08-24T14:15:22", "2019-13-01T00:00:00Z", "2019-02-30T00:00:00Z",
            "2019-08-24T24:00:00Z", "2019-08-24T14:15:22.Z", "2019-08-24T14:15:22Zjunk", "20190824T141522Z",
            "2019-08-24T14:15:22+25:00",
        ] {
            XCTAssertNil(RFC3339.date(from: text), text)
        }
    }

    func testFormatsUTCWithFractionOnlyWhenNonZero() {
        XCTAssertEqual(RFC3339.string(from: Date(timeIntervalSince1970: 1_699_335_116)), "2023-11-07T05:31:56Z")
        XCTAssertEqual(
            RFC3339.string(from: Date(timeIntervalSince1970: 1_566_656_122.123456)), "2019-08-24T14:15:22.123456Z")
        XCTAssertEqual(RFC3339.string(from: Date(timeIntervalSince1970: 1_566_656_122.5)), "2019-08-24T14:15:22.5Z")
        XCTAssertEqual(RFC3339.string(from: Date(timeIntervalSince1970: 0)), "1970-01-01T00:00:00Z")
        XCTAssertEqual(RFC3339.string(from: Date(timeIntervalSince1970: -1)), "1969-12-31T23:59:59Z")
        XCTAssertEqual(RFC3339.string(from: Date(timeIntervalSince1970: 951_782_400)), "2000-02-29T00:00:00Z")
    }

    func testRoundTripsThroughJSONCoding() throws {
        let dates = ["2019-08-24T14:15:22.123456Z", "2023-11-07T05:31:56Z", "2024-02-29T23:59:59.9Z"]
        for text in dates {
            let data = Data("[\"\(text)\"]".utf8)
            let decoded = try JSONCoding.makeDecoder().decode([Date].self, from: data)
            let encoded = try JSONCoding.makeEncoder().encode(decoded)
            XCTAssertEqual(String(decoding: encoded, as: UTF8.self), "[\"\(text)\"]")
        }
    }

    func testDecodingAnInvalidDateNamesTheValue() {
        XCTAssertThrowsError(try JSONCoding.makeDecoder().decode([Date].self, from: Data(#"["yesterday"]"#.utf8))) {
            error in
            guard case DecodingError.dataCorrupted(let context) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(context.debugDescription.contains("\"yesterday\""), context.debugDescription)
        }
    }
}
