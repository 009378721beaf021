import Foundation
import OpenAPIGenRuntime
import TestHTTPServer
import XCTest

/// A 429 that is still there after the retries reaches the operation's own handling of its
/// statuses: a documented 429 throws `APIError` with its body decoded, an undocumented one
/// `RateLimitedError`. The calls below switch as generated methods do.
final class RateLimitedStatusTests: XCTestCase {
    struct Problem: Codable, Hashable, Sendable {
        var message: String
    }

    private func core(_ server: TestHTTPServer) -> ClientCore {
        ClientCore(
            serverURL: server.baseURL, transport: URLSessionTransport(), middlewares: [],
            configuration: ClientConfiguration(
                timeout: 10, retryPolicy: RetryPolicy(maxAttempts: 2, initialBackoff: 0.01, maxBackoff: 0.02)))
    }

    /// A generated method whose spec documents 429 (`documents429`) or not.
    private func listThings(_ core: ClientCore, documents429: Bool) async throws {
        let response = try await core.send(RequestBuilder(method: .get, path: "/things"), operationID: "listThings")
        switch response.statusCode {
        case 200:
            return
        case 429 where documents429:
            throw core.documentedError(Problem.self, from: response, operationID: "listThings")
        default:
            throw core.unexpectedStatus(response, operationID: "listThings")
        }
    }

    private static func server() throws -> TestHTTPServer {
        try TestHTTPServer { _ in
            .respondJSON(status: 429, json: #"{"message":"slow down"}"#, headers: [("Retry-After", "0")])
        }
    }

    func testADocumented429AfterTheRetriesThrowsTheDocumentedError() async throws {
        let server = try Self.server()
        defer { server.stop() }
        do {
            try await listThings(core(server), documents429: true)
            XCTFail("a 429 must throw")
        } catch let error as APIError<Problem> {
            XCTAssertEqual(error.statusCode, 429)
            XCTAssertEqual(error.body, Problem(message: "slow down"))
        } catch {
            XCTFail("expected APIError<Problem>, got \(type(of: error)): \(error)")
        }
        XCTAssertEqual(server.requestCount(path: "/things"), 2, "the 429 is retried as before")
    }

    func testAnUndocumented429AfterTheRetriesThrowsRateLimitedError() async throws {
        let server = try Self.server()
        defer { server.stop() }
        do {
            try await listThings(core(server), documents429: false)
            XCTFail("a 429 must throw")
        } catch let error as RateLimitedError {
            XCTAssertEqual(error.attempts, 2)
            XCTAssertEqual(error.retryAfter, 0)
            XCTAssertEqual(error.body, Data(#"{"message":"slow down"}"#.utf8))
        } catch {
            XCTFail("expected RateLimitedError, got \(type(of: error)): \(error)")
        }
        XCTAssertEqual(server.requestCount(path: "/things"), 2, "the 429 is retried as before")
    }
}
