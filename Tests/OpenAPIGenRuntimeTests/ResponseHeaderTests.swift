import Foundation
import OpenAPIGenRuntime
import XCTest

final class ResponseHeaderTests: XCTestCase {
    enum Tier: String { case free, paid }

    func testHeadersReadAsTypedValuesCaseInsensitively() {
        let response = HTTPResponse(
            statusCode: 200,
            headers: [
                "x-rate-limit-remaining": " 42 ", "X-Expires": "2026-11-25T10:00:00Z", "X-Tier": "paid",
                "X-Flags": "a, b,c", "X-Ids": "1,x", "X-On": "TRUE", "X-Day": "2026-02-29",
            ])
        XCTAssertEqual(response.headerValue("X-Rate-Limit-Remaining", as: Int.self), 42)
        XCTAssertEqual(response.headerValue("X-Expires", as: Date.self), Date(timeIntervalSince1970: 1_795_600_800))
        XCTAssertEqual(response.headerValue("X-Tier", as: Tier.self), .paid)
        XCTAssertEqual(response.headerValue("X-Flags", as: [String].self), ["a", "b", "c"])
        XCTAssertNil(response.headerValue("X-Ids", as: [Int].self), "one bad item makes the list unreadable")
        XCTAssertEqual(response.headerValue("X-On", as: Bool.self), true)
        XCTAssertNil(response.headerValue("X-Day", as: CalendarDate.self), "2026 is not a leap year")
        XCTAssertNil(response.headerValue("X-Missing", as: String.self))
    }
}
