import CalendlyAPI
import Foundation
import OpenAPIGenRuntime
import TestHTTPServer
import XCTest

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Calendly's `invitee.created` and `invitee.canceled` webhooks, as the SDK generated from
/// the spec's `webhooks` receives them: the signature is checked before anything is decoded.
/// Signatures were computed independently with Python's `hmac` module:
/// `hmac.new(key, f"{t}.{body}".encode(), hashlib.sha256).hexdigest()`.
final class WebhookTests: XCTestCase {
    static let signingKey = "calendly-signing-key-for-tests"
    static let timestamp = 1_700_000_000
    static let now = Date(timeIntervalSince1970: TimeInterval(timestamp) + 30)
    static let created = Data(
        #"{"created_at":"2020-11-23T17:51:19.000000Z","created_by":"https://api.calendly.com/users/AAAAAAAAAAAAAAAA","event":"invitee.created","payload":{"uri":"https://api.calendly.com/scheduled_events/ABCDABCDABCDABCD/invitees/ABCDABCDABCDABCD","email":"test@example.com","first_name":"John","last_name":"Smith","name":"John Smith","status":"active","timezone":"America/New_York","event":"https://api.calendly.com/scheduled_events/ABCDABCDABCDABCD","created_at":"2019-01-02T03:04:05.678123Z","updated_at":"2019-08-07T06:05:04.321123Z","tracking":{"utm_campaign":null,"utm_source":null,"utm_medium":null,"utm_content":null,"utm_term":null,"salesforce_uuid":null},"text_reminder_number":null,"rescheduled":false,"old_invitee":null,"new_invitee":null,"cancel_url":"https://calendly.com/cancellations/AAAAAAAAAAAAAAAA","reschedule_url":"https://calendly.com/reschedulings/AAAAAAAAAAAAAAAA","payment":null,"no_show":null,"reconfirmation":null,"scheduling_method":null,"invitee_scheduled_by":null,"scheduled_event":{"uri":"https://api.calendly.com/scheduled_events/ABCDABCDABCDABCD","name":"30 Minute Meeting","status":"active","start_time":"2019-08-24T14:15:22.123456Z","end_time":"2019-08-24T14:45:22.123456Z","event_type":"https://api.calendly.com/event_types/AAAAAAAAAAAAAAAA","location":{"type":"zoom"},"created_at":"2019-01-02T03:04:05.678123Z","updated_at":"2019-01-02T03:04:05.678123Z"}}}"#
            .utf8)
    static let createdSignature = "615d0f7514e5d86c20da39e5e307669ed90e63b73394ca96756f279c0868938c"
    static let canceled = Data(
        #"{"created_at":"2020-11-23T17:51:19.000000Z","created_by":"https://api.calendly.com/users/AAAAAAAAAAAAAAAA","event":"invitee.canceled","payload":{"uri":"https://api.calendly.com/scheduled_events/ABCDABCDABCDABCD/invitees/ABCDABCDABCDABCD","email":"test@example.com","first_name":"John","last_name":"Smith","name":"John Smith","status":"canceled","timezone":"America/New_York","event":"https://api.calendly.com/scheduled_events/ABCDABCDABCDABCD","created_at":"2019-01-02T03:04:05.678123Z","updated_at":"2019-08-07T06:05:04.321123Z","tracking":{"utm_campaign":null,"utm_source":null,"utm_medium":null,"utm_content":null,"utm_term":null,"salesforce_uuid":null},"text_reminder_number":null,"rescheduled":false,"old_invitee":null,"new_invitee":null,"cancel_url":"https://calendly.com/cancellations/AAAAAAAAAAAAAAAA","reschedule_url":"https://calendly.com/reschedulings/AAAAAAAAAAAAAAAA","payment":null,"no_show":null,"reconfirmation":null,"scheduling_method":null,"invitee_scheduled_by":null,"scheduled_event":{"uri":"https://api.calendly.com/scheduled_events/ABCDABCDABCDABCD","name":"30 Minute Meeting","status":"active","start_time":"2019-08-24T14:15:22.123456Z","end_time":"2019-08-24T14:45:22.123456Z","event_type":"https://api.calendly.com/event_types/AAAAAAAAAAAAAAAA","location":{"type":"zoom"},"created_at":"2019-01-02T03:04:05.678123Z","updated_at":"2019-01-02T03:04:05.678123Z"},"cancellation":{"canceled_by":"John Smith","reason":"Conflict","canceler_type":"invitee","created_at":"2019-08-20T10:00:00.000000Z"}}}"#
            .utf8)
    static let canceledSignature = "9cc5a5373c25be7fab1b6ee8923c21e2a6a8906018548056f39de1118c937e22"
    static let unknown = Data(
        #"{"created_at":"2020-11-23T17:51:19.000000Z","created_by":"https://api.calendly.com/users/AAAAAAAAAAAAAAAA","event":"routing_form_submission.created","payload":{"uri":"https://api.calendly.com/scheduled_events/ABCDABCDABCDABCD/invitees/ABCDABCDABCDABCD","email":"test@example.com","first_name":"John","last_name":"Smith","name":"John Smith","status":"active","timezone":"America/New_York","event":"https://api.calendly.com/scheduled_events/ABCDABCDABCDABCD","created_at":"2019-01-02T03:04:05.678123Z","updated_at":"2019-08-07T06:05:04.321123Z","tracking":{"utm_campaign":null,"utm_source":null,"utm_medium":null,"utm_content":null,"utm_term":null,"salesforce_uuid":null},"text_reminder_number":null,"rescheduled":false,"old_invitee":null,"new_invitee":null,"cancel_url":"https://calendly.com/cancellations/AAAAAAAAAAAAAAAA","reschedule_url":"https://calendly.com/reschedulings/AAAAAAAAAAAAAAAA","payment":null,"no_show":null,"reconfirmation":null,"scheduling_method":null,"invitee_scheduled_by":null,"scheduled_event":{"uri":"https://api.calendly.com/scheduled_events/ABCDABCDABCDABCD","name":"30 Minute Meeting","status":"active","start_time":"2019-08-24T14:15:22.123456Z","end_time":"2019-08-24T14:45:22.123456Z","event_type":"https://api.calendly.com/event_types/AAAAAAAAAAAAAAAA","location":{"type":"zoom"},"created_at":"2019-01-02T03:04:05.678123Z","updated_at":"2019-01-02T03:04:05.678123Z"}}}"#
            .utf8)
    static let unknownSignature = "ce8be84a883c715bbc94fc37cba15b9fc6b933da5a7cf01a484b5b33514629f2"

    private func headers(_ signature: String, timestamp: Int = WebhookTests.timestamp) -> HTTPHeaders {
        ["Calendly-Webhook-Signature": "t=\(timestamp),v1=\(signature)", "Content-Type": "application/json"]
    }

    private let verifier = WebhookVerifier.calendly(signingKey: WebhookTests.signingKey)

    func testASignedWebhookIsVerifiedThenDecodedByItsEvent() throws {
        let webhook = try CalendlyWebhook(
            body: Self.created, headers: headers(Self.createdSignature), verifier: verifier, now: Self.now)
        guard case .inviteeCreated(let created) = webhook else { return XCTFail("\(webhook)") }
        XCTAssertEqual(webhook.name, .inviteeCreated)
        XCTAssertEqual(created.payload.email, "test@example.com")
        XCTAssertEqual(created.payload.scheduledEvent.name, "30 Minute Meeting")
        XCTAssertEqual(created.createdBy, "https://api.calendly.com/users/AAAAAAAAAAAAAAAA")

        let canceled = try CalendlyWebhook(
            body: Self.canceled, headers: headers(Self.canceledSignature), verifier: verifier, now: Self.now)
        guard case .inviteeCanceled(let payload) = canceled else { return XCTFail("\(canceled)") }
        XCTAssertEqual(payload.payload.status, .canceled)
        XCTAssertEqual(payload.payload.cancellation?.cancelerType, .invitee)
        XCTAssertEqual(payload.payload.cancellation?.reason, "Conflict")

        // At an endpoint registered for one webhook.
        let named = try CalendlyWebhook(
            .inviteeCreated, body: Self.created, headers: headers(Self.createdSignature), verifier: verifier,
            now: Self.now)
        guard case .inviteeCreated(let namedCreated) = named else { return XCTFail("\(named)") }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        XCTAssertEqual(try encoder.encode(namedCreated), try encoder.encode(created))
    }

    func testATamperedBodyAWrongKeyAnOldTimestampOrNoSignatureIsRejectedBeforeDecoding() {
        func reason(
            _ body: Data, _ headers: HTTPHeaders, verifier: WebhookVerifier? = nil, now: Date = WebhookTests.now
        )
            -> WebhookVerificationError.Reason?
        {
            do {
                _ = try CalendlyWebhook(body: body, headers: headers, verifier: verifier ?? self.verifier, now: now)
                XCTFail("expected the webhook to be rejected")
                return nil
            } catch let error as WebhookVerificationError {
                XCTAssertFalse("\(error)".contains(Self.signingKey))
                return error.reason
            } catch {
                XCTFail("expected WebhookVerificationError, got \(error)")
                return nil
            }
        }
        var tampered = Self.created
        tampered.replaceSubrange(
            tampered.range(of: Data("test@example.com".utf8))!, with: Data("evil@example.com".utf8))
        XCTAssertEqual(reason(tampered, headers(Self.createdSignature)), .signatureMismatch)
        XCTAssertEqual(
            reason(Self.created, headers(Self.createdSignature), verifier: .calendly(signingKey: "another-key")),
            .signatureMismatch)
        XCTAssertEqual(
            reason(Self.created, headers(Self.createdSignature), now: Self.now.addingTimeInterval(3600)),
            .timestampOutsideTolerance(age: 3630, tolerance: 180))
        XCTAssertEqual(
            reason(Self.created, headers(Self.createdSignature, timestamp: Self.timestamp + 1)), .signatureMismatch)
        XCTAssertEqual(
            reason(Self.created, ["Content-Type": "application/json"]), .missingHeader("Calendly-Webhook-Signature"))
    }

    func testAnEventTheSDKDoesNotKnowIsATypedErrorAfterVerification() {
        XCTAssertThrowsError(
            try CalendlyWebhook(
                body: Self.unknown, headers: headers(Self.unknownSignature), verifier: verifier, now: Self.now)
        ) { error in
            let decoding = error as? WebhookDecodingError
            XCTAssertEqual(decoding?.codingPath, "event")
            XCTAssertTrue("\(error)".contains("'routing_form_submission.created' names no webhook"), "\(error)")
        }
        // A body that does not match the webhook's schema says where.
        let body = Data(
            #"{"event":"invitee.created","created_at":"2020-11-23T17:51:19Z","created_by":"u","payload":{}}"#.utf8)
        XCTAssertThrowsError(
            try CalendlyWebhook(.inviteeCreated, body: body, headers: [:], verifier: .insecureNoVerification)
        ) { error in
            XCTAssertEqual((error as? WebhookDecodingError)?.webhook, "invitee.created")
            XCTAssertTrue((error as? WebhookDecodingError)?.codingPath.hasPrefix("payload.") ?? false, "\(error)")
        }
    }

    /// The README's webhook example, run on a delivery signed now.
    func testTheREADMEExample() throws {
        let signingKey = Self.signingKey
        let body = Self.created
        let timestamp = Int(Date().timeIntervalSince1970)
        let code = HMACSHA256.authenticationCode(for: Data("\(timestamp).".utf8) + body, key: Data(signingKey.utf8))
        let headers: HTTPHeaders = [
            "Calendly-Webhook-Signature": "t=\(timestamp),v1=" + code.map { String(format: "%02x", $0) }.joined()
        ]
        var seen: [String] = []
        func print(_ items: Any...) { seen.append(items.map { "\($0)" }.joined(separator: " ")) }

        // README: begin
        let verifier = WebhookVerifier.calendly(signingKey: signingKey)  // the subscription's signing key
        // In your HTTP handler, with the body and headers exactly as received:
        switch try CalendlyWebhook(body: body, headers: headers, verifier: verifier) {
        case .inviteeCreated(let created): print("booked:", created.payload.email)
        case .inviteeCanceled(let canceled): print("canceled:", canceled.payload.cancellation?.reason ?? "")
        }
        // README: end

        XCTAssertEqual(seen, ["booked: test@example.com"])
        let readme = try String(
            contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
                "../../README.md"),
            encoding: .utf8)
        let source = try String(contentsOf: URL(fileURLWithPath: #filePath), encoding: .utf8)
        let example = source.components(separatedBy: "// README: begin\n")[1].components(
            separatedBy: "        // README: end")[0]
        let unindented = example.split(separator: "\n").map { String($0.dropFirst(8)) }.joined(separator: "\n")
        XCTAssertTrue(readme.contains(unindented), "the README shows this example:\n\(unindented)")
    }

    /// Over real HTTP: a webhook endpoint (a local server whose handler uses the SDK)
    /// receives deliveries that URLSession posts, answers 200 to a signed one it decoded and
    /// 401 to a tampered one, which it never decodes.
    func testAWebhookEndpointOverHTTPAcceptsSignedDeliveriesOnly() async throws {
        let verifier = WebhookVerifier.calendly(signingKey: Self.signingKey)
        let now = Self.now
        let server = try TestHTTPServer { request in
            var headers = HTTPHeaders()
            for (name, value) in request.headers { headers.add(name, value) }
            do {
                let webhook = try CalendlyWebhook(body: request.body, headers: headers, verifier: verifier, now: now)
                guard case .inviteeCreated(let created) = webhook else { return .respond(status: 422) }
                return .respondJSON(status: 200, json: "{\"booked\": \"\(created.payload.email)\"}")
            } catch is WebhookVerificationError {
                return .respond(status: 401)
            } catch {
                return .respond(status: 400)
            }
        }
        defer { server.stop() }
        func deliver(_ body: Data, signature: String) async throws -> (Int, String) {
            var request = URLRequest(url: server.baseURL.appendingPathComponent("calendly"))
            request.httpMethod = "POST"
            request.httpBody = body
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            request.setValue("t=\(Self.timestamp),v1=\(signature)", forHTTPHeaderField: "Calendly-Webhook-Signature")
            let (data, response) = try await URLSession.shared.data(for: request)
            return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
        }
        let accepted = try await deliver(Self.created, signature: Self.createdSignature)
        XCTAssertEqual(accepted.0, 200)
        XCTAssertEqual(accepted.1, #"{"booked": "test@example.com"}"#)
        var tampered = Self.created
        tampered.replaceSubrange(tampered.range(of: Data("active".utf8))!, with: Data("ACTIVE".utf8))
        let refused = try await deliver(tampered, signature: Self.createdSignature)
        XCTAssertEqual(refused.0, 401)
        XCTAssertEqual(server.requests.count, 2)
    }
}
