import Foundation
import OpenAPIGenRuntime
import XCTest

final class CalendarDateTests: XCTestCase {
    func testParsesOnlyRealFullDates() {
        XCTAssertEqual(CalendarDate("2024-02-29")?.description, "2024-02-29")
        XCTAssertEqual(CalendarDate("0001-01-01")?.year, 1)
        for text in [
            "2023-02-29", "1900-02-29", "2024-13-01", "2024-04-31", "2024-1-01", "24-01-01", "2024-01-01T00:00:00Z",
            "２０２４-01-01", "",
        ] {
            XCTAssertNil(CalendarDate(text), text)
        }
        XCTAssertNotNil(CalendarDate("2000-02-29"))
    }

    func testCodesAsAStringAndReportsBadValues() throws {
        let value = try XCTUnwrap(CalendarDate(year: 2026, month: 11, day: 5))
        let data = try JSONCoding.makeEncoder().encode([value])
        XCTAssertEqual(String(decoding: data, as: UTF8.self), #"["2026-11-05"]"#)
        XCTAssertEqual(try JSONCoding.makeDecoder().decode([CalendarDate].self, from: data), [value])
        XCTAssertThrowsError(
            try JSONCoding.makeDecoder().decode([CalendarDate].self, from: Data(#"["2026-11-31"]"#.utf8))
        ) {
            guard case DecodingError.dataCorrupted(let context) = $0 else { return XCTFail("\($0)") }
            XCTAssertEqual(context.debugDescription, #"Expected a date as YYYY-MM-DD, found "2026-11-31"."#)
        }
    }

    func testOrderAndConversionFromADate() throws {
        XCTAssertLessThan(CalendarDate("2026-01-31")!, CalendarDate("2026-02-01")!)
        XCTAssertEqual(CalendarDate(Date(timeIntervalSince1970: 86_399)).description, "1970-01-01")
        XCTAssertEqual(
            CalendarDate(Date(timeIntervalSince1970: 86_399), in: TimeZone(secondsFromGMT: 3600)!).description,
            "1970-01-02")
    }
}
