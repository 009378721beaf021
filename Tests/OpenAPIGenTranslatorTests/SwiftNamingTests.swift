import OpenAPIGenTranslator
import XCTest

final class SwiftNamingTests: XCTestCase {
    func testPropertyNamesFollowTheAPIDesignGuidelines() {
        let cases: [(String, String)] = [
            ("start_time", "startTime"), ("cancel_url", "cancelURL"), ("salesforce_uuid", "salesforceUUID"),
            ("uri", "uri"), ("id", "id"), ("user_id", "userID"), ("user-id", "userID"), ("userId", "userID"),
            ("HTTPServer", "httpServer"), ("utm_campaign", "utmCampaign"), ("first_name", "firstName"),
            ("ACTIVE", "active"), ("instant_book", "instantBook"), ("2fa_enabled", "_2faEnabled"),
            ("Etc/GMT+0", "etcGMT0"), ("$ref", "ref"), ("page[size]", "pageSize"), ("invitee_ids", "inviteeIDs"),
        ]
        for (input, expected) in cases {
            XCTAssertEqual(SwiftNaming.lowerCamel(input), expected, input)
        }
        XCTAssertEqual(SwiftNaming.lowerCamel("!!!"), "value")
        XCTAssertEqual(SwiftNaming.lowerCamel(""), "value")
    }

    func testTypeNamesAreUpperCamelCase() {
        let cases: [(String, String)] = [
            ("no_show", "NoShow"), ("CreateInviteeRequest", "CreateInviteeRequest"), ("uuid", "UUID"),
            ("scheduling_method", "SchedulingMethod"), ("error-response", "ErrorResponse"), ("3ds", "_3ds"),
        ]
        for (input, expected) in cases {
            XCTAssertEqual(SwiftNaming.upperCamel(input), expected, input)
        }
    }

    func testSingularNamesForArrayItems() {
        XCTAssertEqual(SwiftNaming.singular("Details"), "Detail")
        XCTAssertEqual(SwiftNaming.singular("Categories"), "Category")
        XCTAssertEqual(SwiftNaming.singular("Addresses"), "Address")
        XCTAssertEqual(SwiftNaming.singular("Status"), "StatusItem")
        XCTAssertEqual(SwiftNaming.singular("Data"), "DataItem")
    }
}
