import CalendlyAPI
import Foundation
import OpenAPIGenRuntime
import TestHTTPServer
import XCTest

/// `createInvitee` over real HTTP against a server on 127.0.0.1 that the test starts.
final class ClientTests: XCTestCase {
    private let token = "calendly-test-token-7f3a"

    private func request() throws -> CreateInviteeRequest {
        CreateInviteeRequest(
            eventType: "https://api.calendly.com/event_types/AAA",
            startTime: try XCTUnwrap(RFC3339.date(from: "2023-11-07T05:31:56Z")),
            invitee: .init(email: "jsmith@example.com", name: "John Smith", timezone: "Europe/Paris"),
            location: ["kind": "zoom_conference"])
    }

    func testCreateInviteeSendsTheDocumentedRequestAndDecodesThe201() async throws {
        let server = try TestHTTPServer { _ in .respondJSON(status: 201, json: Samples.response) }
        defer { server.stop() }
        let client = CalendlyClient(serverURL: server.baseURL, token: token)

        let created = try await client.createInvitee(try request())

        XCTAssertEqual(created.resource.email, "test@example.com")
        XCTAssertEqual(created.resource.status, .active)
        XCTAssertEqual(created.resource.cancelURL, "https://calendly.com/cancellations/AAAAAAAAAAAAAAAA")
        XCTAssertNil(created.resource.tracking?.salesforceUUID)
        XCTAssertEqual(created.resource.schedulingMethod, .instantBook)
        XCTAssertEqual(created.resource.payment?.amount, 12.5)

        let requests = server.requests
        XCTAssertEqual(requests.count, 1)
        let sent = try XCTUnwrap(requests.first)
        XCTAssertEqual(sent.method, "POST")
        XCTAssertEqual(sent.path, "/invitees")
        XCTAssertNil(sent.query)
        XCTAssertEqual(sent.header("Authorization"), "Bearer \(token)")
        XCTAssertEqual(sent.header("Content-Type"), "application/json")
        XCTAssertEqual(sent.header("Accept"), "application/json")
        XCTAssertEqual(
            try JSONDecoder().decode(JSONValue.self, from: sent.body),
            [
                "event_type": "https://api.calendly.com/event_types/AAA",
                "start_time": "2023-11-07T05:31:56Z",
                "invitee": ["email": "jsmith@example.com", "name": "John Smith", "timezone": "Europe/Paris"],
                "location": ["kind": "zoom_conference"],
            ])
    }

    func testTheTokenProviderIsAskedForEveryRequest() async throws {
        let server = try TestHTTPServer { _ in .respondJSON(status: 201, json: Samples.response) }
        defer { server.stop() }
        let counter = TokenCounter()
        let client = CalendlyClient(serverURL: server.baseURL, tokenProvider: { await counter.next() })
        _ = try await client.createInvitee(try request())
        _ = try await client.createInvitee(try request())
        XCTAssertEqual(server.requests.map { $0.header("Authorization") }, ["Bearer token-1", "Bearer token-2"])
    }

    func testDocumentedErrorsSurfaceAsAPIErrorsWithTitleAndMessage() async throws {
        let cases: [(Int, String, String, String)] = [
            (400, Samples.badRequest, "Invalid Argument", "The supplied parameters are invalid."),
            (401, Samples.unauthenticated, "Unauthenticated", "The access token is invalid"),
            (404, Samples.notFound, "Resource Not Found", "The server could not find the requested resource."),
        ]
        for (status, body, title, message) in cases {
            let server = try TestHTTPServer { _ in .respondJSON(status: status, json: body) }
            defer { server.stop() }
            let client = CalendlyClient(serverURL: server.baseURL, token: token)
            do {
                _ = try await client.createInvitee(try request())
                XCTFail("HTTP \(status) must throw")
            } catch let error as APIError<ErrorResponse> {
                XCTAssertEqual(error.statusCode, status)
                XCTAssertEqual(error.body?.title, title)
                XCTAssertEqual(error.body?.message, message)
                XCTAssertTrue(error.description.contains("HTTP \(status)"), error.description)
                XCTAssertTrue(error.description.contains(title), error.description)
                XCTAssertTrue(error.description.contains(message), error.description)
                XCTAssertFalse(error.description.contains(token))
                XCTAssertFalse(String(reflecting: error).contains(token))
                if status == 400 {
                    XCTAssertEqual(error.body?.details?.first?.parameter, "start_time")
                    XCTAssertEqual(error.body?.details?.first?.message, "is not available")
                }
            }
            XCTAssertEqual(server.requests.count, 1, "HTTP \(status) is not retried")
        }
    }

    func testAnUndocumentedStatusKeepsStatusAndBody() async throws {
        let server = try TestHTTPServer { _ in
            .respond(
                status: 418, headers: [("Content-Type", "text/plain"), ("X-Teapot", "yes")],
                body: Data("short and stout".utf8))
        }
        defer { server.stop() }
        let client = CalendlyClient(serverURL: server.baseURL, token: token)
        do {
            _ = try await client.createInvitee(try request())
            XCTFail("HTTP 418 must throw")
        } catch let error as UnexpectedStatusError {
            XCTAssertEqual(error.statusCode, 418)
            XCTAssertEqual(String(decoding: error.body, as: UTF8.self), "short and stout")
            XCTAssertEqual(error.headers["x-teapot"], "yes")
            XCTAssertEqual(error.description, "createInvitee received an undocumented HTTP 418: short and stout")
        }
    }

    func testA201ThatDoesNotMatchTheSchemaNamesTheField() async throws {
        let broken = Samples.response.replacingOccurrences(of: #""rescheduled": false"#, with: #""rescheduled": "no""#)
        let server = try TestHTTPServer { _ in .respondJSON(status: 201, json: broken) }
        defer { server.stop() }
        let client = CalendlyClient(serverURL: server.baseURL, token: token)
        do {
            _ = try await client.createInvitee(try request())
            XCTFail("a malformed body must throw")
        } catch let error as ResponseDecodingError {
            XCTAssertEqual(error.statusCode, 201)
            XCTAssertEqual(error.codingPath, "resource.rescheduled")
            XCTAssertTrue(error.description.contains("'resource.rescheduled'"), error.description)
        }
    }

    func testAConnectionFailureIsATransportError() async throws {
        let server = try TestHTTPServer { _ in .closeWithoutResponse }
        defer { server.stop() }
        let client = CalendlyClient(serverURL: server.baseURL, token: token)
        do {
            _ = try await client.createInvitee(try request())
            XCTFail("a dropped connection must throw")
        } catch let error as TransportError {
            XCTAssertEqual(error.operationID, "createInvitee")
            XCTAssertFalse(error.description.contains(token))
        }
    }

    func testTheClientNeverShowsItsToken() {
        let client = CalendlyClient(token: token)
        XCTAssertFalse(String(describing: client).contains(token))
        XCTAssertFalse(String(reflecting: client).contains(token))
        var dumped = ""
        dump(client, to: &dumped)
        XCTAssertFalse(dumped.contains(token), dumped)
        XCTAssertEqual(CalendlyClient.defaultServerURL.absoluteString, "https://api.calendly.com")
    }
}

private actor TokenCounter {
    private var count = 0
    func next() -> String {
        count += 1
        return "token-\(count)"
    }
}
