import Foundation
import OpenAPIGenRuntime
import XCTest

/// OpenAPI 3.2's methods: `QUERY`, and any other method name, which is case-sensitive.
final class HTTPMethodTests: XCTestCase {
    func testStandardMethodNamesInAnyCaseAreTheStandardMethods() {
        XCTAssertEqual(HTTPMethod(rawValue: "get"), .get)
        XCTAssertEqual(HTTPMethod(rawValue: "Patch"), .patch)
        XCTAssertEqual(HTTPMethod(rawValue: "query"), .query)
        XCTAssertEqual(HTTPMethod.query.rawValue, "QUERY")
    }

    func testOtherMethodNamesAreSentAsWritten() throws {
        XCTAssertEqual(HTTPMethod(rawValue: "COPY").rawValue, "COPY")
        XCTAssertEqual(HTTPMethod(rawValue: "copy").rawValue, "copy")
        XCTAssertNotEqual(HTTPMethod(rawValue: "copy"), HTTPMethod(rawValue: "COPY"))
        let request = try RequestBuilder(method: HTTPMethod(rawValue: "mkCalendar"), path: "/calendars")
            .build(serverURL: URL(string: "https://api.example.com")!)
        XCTAssertEqual(request.method.rawValue, "mkCalendar")
    }

    func testQueryIsRetriedLikeGetAndACustomMethodLikePost() async throws {
        for (method, attempts) in [(HTTPMethod.query, 2), (.get, 2), (HTTPMethod(rawValue: "PURGE"), 1), (.post, 1)] {
            let transport = CountingTransport(first: HTTPResponse(statusCode: 503))
            let core = ClientCore(
                serverURL: URL(string: "https://api.example.com")!, transport: transport, middlewares: [],
                configuration: ClientConfiguration(
                    retryPolicy: RetryPolicy(maxAttempts: 2, initialBackoff: 0.001, maxBackoff: 0.002)))
            let response = try await core.send(RequestBuilder(method: method, path: "/things"), operationID: "op")
            XCTAssertEqual(transport.calls, attempts, "\(method)")
            XCTAssertEqual(response.statusCode, attempts == 2 ? 200 : 503, "\(method)")
        }
    }
}

/// Answers `first`, then 200.
private final class CountingTransport: HTTPTransport, @unchecked Sendable {
    private let lock = NSLock()
    private let first: HTTPResponse
    private var count = 0

    init(first: HTTPResponse) { self.first = first }

    var calls: Int { lock.withLock { count } }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let call = lock.withLock {
            count += 1
            return count
        }
        return call == 1 ? first : HTTPResponse(statusCode: 200)
    }
}
