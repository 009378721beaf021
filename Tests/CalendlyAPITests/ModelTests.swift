import CalendlyAPI
import Foundation
import OpenAPIGenRuntime
import XCTest

/// The generated types against the documentation's samples.
final class ModelTests: XCTestCase {
    private func json(_ text: String) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }

    func testEncodesTheDocumentationRequestSample() throws {
        let request = CreateInviteeRequest(
            eventType: "https://api.calendly.com/event_types/AAAAAAAAAAAAAAAA",
            startTime: try XCTUnwrap(RFC3339.date(from: "2019-08-07T06:05:04.321123Z")),
            invitee: .init(
                email: "test@example.com", name: "John Smith", firstName: "John", lastName: "Smith",
                timezone: "America/New_York"),
            customQuestions: [],
            location: ["kind": "physical", "location": "123 Main St"],
            tracking: ["utm_source": "newsletter"])
        let encoded = try JSONCoding.makeEncoder().encode(request)
        XCTAssertEqual(try JSONDecoder().decode(JSONValue.self, from: encoded), try json(Samples.request))
    }

    func testOmitsOptionalRequestFieldsThatAreNotSet() throws {
        let request = CreateInviteeRequest(
            eventType: "https://api.calendly.com/event_types/AAA",
            startTime: Date(timeIntervalSince1970: 1_699_335_116),
            invitee: .init(email: "jsmith@example.com", name: "John Smith", timezone: "Europe/Paris"))
        let encoded = String(decoding: try JSONCoding.makeEncoder().encode(request), as: UTF8.self)
        XCTAssertEqual(
            encoded,
            #"{"event_type":"https://api.calendly.com/event_types/AAA","invitee":{"email":"jsmith@example.com","name":"John Smith","timezone":"Europe/Paris"},"start_time":"2023-11-07T05:31:56Z"}"#
        )
    }

    func testDecodesEveryFieldOfTheDocumentationResponseSample() throws {
        let response = try JSONCoding.makeDecoder().decode(
            CreateInviteeResponse.self, from: Data(Samples.response.utf8))
        let invitee = response.resource
        XCTAssertEqual(
            invitee.uri, "https://api.calendly.com/scheduled_events/ABCDABCDABCDABCD/invitees/ABCDABCDABCDABCD")
        XCTAssertEqual(invitee.email, "test@example.com")
        XCTAssertEqual(invitee.firstName, "John")
        XCTAssertEqual(invitee.lastName, "Smith")
        XCTAssertEqual(invitee.name, "John Smith")
        XCTAssertEqual(invitee.status, .active)
        XCTAssertEqual(invitee.timezone, "America/New_York")
        XCTAssertEqual(invitee.event, "https://api.calendly.com/scheduled_events/ABCDABCDABCDABCD")
        XCTAssertEqual(invitee.createdAt, RFC3339.date(from: "2019-01-02T03:04:05.678123Z"))
        XCTAssertEqual(invitee.updatedAt, RFC3339.date(from: "2019-08-07T06:05:04.321123Z"))
        XCTAssertEqual(invitee.tracking?.utmCampaign, "spring")
        XCTAssertEqual(invitee.tracking?.utmSource, "facebook")
        XCTAssertEqual(invitee.tracking?.utmMedium, "email")
        XCTAssertEqual(invitee.tracking?.utmContent, "original")
        XCTAssertEqual(invitee.tracking?.utmTerm, "spring")
        XCTAssertNil(invitee.tracking?.salesforceUUID)
        XCTAssertEqual(invitee.textReminderNumber, "+1 404-555-1234")
        XCTAssertEqual(invitee.rescheduled, false)
        XCTAssertNil(invitee.oldInvitee)
        XCTAssertNil(invitee.newInvitee)
        XCTAssertEqual(invitee.cancelURL, "https://calendly.com/cancellations/AAAAAAAAAAAAAAAA")
        XCTAssertEqual(invitee.rescheduleURL, "https://calendly.com/reschedulings/AAAAAAAAAAAAAAAA")
        XCTAssertEqual(invitee.payment?.externalID, "ch_AAAAAAAAAAAAAAAAAAAAAAAA")
        XCTAssertEqual(invitee.payment?.provider, .stripe)
        XCTAssertEqual(invitee.payment?.amount, 12.5)
        XCTAssertEqual(invitee.payment?.currency, .usd)
        XCTAssertEqual(invitee.payment?.terms, "sample terms of payment (up to 1,024 characters)")
        XCTAssertEqual(invitee.payment?.successful, true)
        XCTAssertNil(invitee.noShow)
        XCTAssertNil(invitee.reconfirmation)
        XCTAssertEqual(invitee.schedulingMethod, .instantBook)
        XCTAssertNil(invitee.inviteeScheduledBy)
    }

    func testAFullInviteeRoundTrips() throws {
        let invitee = Invitee(
            uri: "https://api.calendly.com/scheduled_events/E/invitees/I", email: "a@example.com", firstName: nil,
            lastName: "Lovelace", name: "Ada Lovelace", status: .canceled, timezone: "Europe/London",
            event: "https://api.calendly.com/scheduled_events/E",
            createdAt: try XCTUnwrap(RFC3339.date(from: "2023-11-07T05:31:56Z")),
            updatedAt: try XCTUnwrap(RFC3339.date(from: "2023-11-07T05:31:56.5Z")),
            tracking: .init(utmCampaign: "c", utmSource: nil, salesforceUUID: "sf-1"),
            textReminderNumber: nil, rescheduled: true, oldInvitee: "https://api.calendly.com/old",
            newInvitee: nil, cancelURL: "https://calendly.com/c", rescheduleURL: "https://calendly.com/r",
            payment: .init(
                externalID: "x", provider: .paypal, amount: 99.99, currency: .eur, terms: nil, successful: false),
            noShow: .init(
                uri: "https://api.calendly.com/invitee_no_shows/N", createdAt: Date(timeIntervalSince1970: 0)),
            reconfirmation: ["created_at": "2023-11-07T05:31:56Z", "confirmed_at": nil],
            schedulingMethod: .unknown("future_method"), inviteeScheduledBy: "https://api.calendly.com/users/U")
        // The models are not Equatable (the default conformances): a round trip must give
        // back the same JSON, with every field decoded.
        let encoder = JSONCoding.makeEncoder()
        encoder.outputFormatting.insert(.sortedKeys)
        let data = try encoder.encode(invitee)
        let decoded = try JSONCoding.makeDecoder().decode(Invitee.self, from: data)
        let text = String(decoding: data, as: UTF8.self)
        XCTAssertEqual(String(decoding: try encoder.encode(decoded), as: UTF8.self), text)
        XCTAssertTrue(text.contains(#""scheduling_method":"future_method""#), text)
        XCTAssertTrue(text.contains(#""updated_at":"2023-11-07T05:31:56.5Z""#), text)
    }

    func testUnknownEnumValuesKeepTheirRawValue() throws {
        var sample = Samples.response.replacingOccurrences(of: #""status": "active""#, with: #""status": "paused""#)
        sample = sample.replacingOccurrences(of: #""currency": "USD""#, with: #""currency": "JPY""#)
        let invitee = try JSONCoding.makeDecoder().decode(CreateInviteeResponse.self, from: Data(sample.utf8)).resource
        XCTAssertEqual(invitee.status, .unknown("paused"))
        XCTAssertEqual(invitee.status.rawValue, "paused")
        XCTAssertEqual(invitee.payment?.currency, .unknown("JPY"))
        XCTAssertEqual(Invitee.Status(rawValue: "canceled"), .canceled)
    }

    func testDatesWithOffsetsAndWithoutFractionsDecode() throws {
        let sample = Samples.response.replacingOccurrences(
            of: #""created_at": "2019-01-02T03:04:05.678123Z""#, with: #""created_at": "2019-01-02T05:04:05+02:00""#)
        let invitee = try JSONCoding.makeDecoder().decode(CreateInviteeResponse.self, from: Data(sample.utf8)).resource
        XCTAssertEqual(invitee.createdAt, RFC3339.date(from: "2019-01-02T03:04:05Z"))
    }

    func testAMissingRequiredFieldFailsDecoding() {
        let sample = Samples.response.replacingOccurrences(of: #""email": "test@example.com","#, with: "")
        XCTAssertThrowsError(try JSONCoding.makeDecoder().decode(CreateInviteeResponse.self, from: Data(sample.utf8)))
    }
}
