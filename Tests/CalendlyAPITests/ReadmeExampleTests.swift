import CalendlyAPI
import Foundation
import OpenAPIGenRuntime
import TestHTTPServer
import XCTest

/// The README's "Retries, timeouts, middleware and transports" example, run for real.
final class ReadmeExampleTests: XCTestCase {
    struct LoggingMiddleware: ClientMiddleware {
        let lines: Log
        func intercept(
            _ request: HTTPRequest, operationID: String,
            next: @Sendable (HTTPRequest) async throws -> HTTPResponse
        ) async throws -> HTTPResponse {
            var request = request
            request.headers["X-Request-ID"] = UUID().uuidString
            lines.append("-> \(operationID) \(request.method) \(request.url.path)")
            let response = try await next(request)
            lines.append("<- \(operationID) \(response.statusCode)")
            return response
        }
    }

    actor TokenStore {
        func currentToken() -> String { "rotating-token" }
    }

    func testTheReadmeExampleRuns() async throws {
        let server = try TestHTTPServer { _ in .respondJSON(status: 201, json: Samples.response) }
        defer { server.stop() }
        let lines = Log()
        let tokenStore = TokenStore()
        let request = CreateInviteeRequest(
            eventType: "https://api.calendly.com/event_types/AAA", startTime: Date(),
            invitee: .init(email: "jsmith@example.com", name: "John Smith", timezone: "Europe/Paris"))

        let client = CalendlyClient(
            serverURL: server.baseURL,
            tokenProvider: { await tokenStore.currentToken() },
            middlewares: [LoggingMiddleware(lines: lines)],
            configuration: ClientConfiguration(
                timeout: 15,
                retryPolicy: RetryPolicy(
                    maxAttempts: 4, initialBackoff: 0.5, maxBackoff: 8, maxRetryAfter: 30, maxTotalTime: 60)))
        let created = try await client.createInvitee(
            request, options: RequestOptions(timeout: 5, retryPolicy: .disabled, headers: ["X-Debug": "1"]))

        XCTAssertEqual(created.resource.status, .active)
        XCTAssertEqual(lines.entries, ["-> createInvitee POST /invitees", "<- createInvitee 201"])
        let sent = try XCTUnwrap(server.requests.first)
        XCTAssertEqual(sent.header("X-Debug"), "1")
        XCTAssertNotNil(sent.header("X-Request-ID"))
        XCTAssertEqual(sent.header("Authorization"), "Bearer rotating-token")
    }
}
