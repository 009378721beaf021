import Foundation
import OpenAPIGenRuntime
import XCTest

final class CredentialTests: XCTestCase {
    /// Answers 204 and keeps the requests it saw.
    final class RecordingTransport: HTTPTransport, @unchecked Sendable {
        private let lock = NSLock()
        private var seen: [HTTPRequest] = []
        var requests: [HTTPRequest] { lock.withLock { seen } }
        func send(_ request: HTTPRequest) async throws -> HTTPResponse {
            lock.withLock { seen.append(request) }
            return HTTPResponse(statusCode: 204)
        }
    }

    private func send(_ security: [[String]], credentials: [String: Credential]) async throws -> HTTPRequest {
        let transport = RecordingTransport()
        let core = ClientCore(
            serverURL: URL(string: "https://api.example.com")!, transport: transport, middlewares: [],
            credentials: credentials)
        var request = RequestBuilder(method: .get, path: "/reports")
        request.addCookie("theme", "dark; admin=1")
        request.security = security
        _ = try await core.send(request, operationID: "listReports")
        return try XCTUnwrap(transport.requests.first)
    }

    func testTheFirstSatisfiedAlternativeIsApplied() async throws {
        let credentials: [String: Credential] = [
            "basic": .basic(username: "ada", password: "s3cret:x"),
            "key": .apiKey("k&1", name: "api_key", in: .query),
            "session": .apiKey("abc", name: "sid", in: .cookie),
        ]
        let request = try await send([["bearer"], ["basic", "key", "session"]], credentials: credentials)
        XCTAssertEqual(request.headers["Authorization"], "Basic " + Data("ada:s3cret:x".utf8).base64EncodedString())
        XCTAssertEqual(request.url.absoluteString, "https://api.example.com/reports?api_key=k%261")
        XCTAssertEqual(request.headers["Cookie"], "theme=dark%3B%20admin%3D1; sid=abc")
    }

    func testBearerAndHeaderKeys() async throws {
        let request = try await send(
            [["bearer", "header"]],
            credentials: ["bearer": .bearer { "tok" }, "header": .apiKey("xyz", name: "X-API-Key", in: .header)])
        XCTAssertEqual(request.headers["Authorization"], "Bearer tok")
        XCTAssertEqual(request.headers["X-API-Key"], "xyz")
    }

    func testMissingCredentialsFailBeforeSendingUnlessOptional() async throws {
        do {
            _ = try await send(
                [["bearer"], ["basic", "key"]], credentials: ["key": .apiKey("1", name: "k", in: .header)])
            XCTFail("expected MissingCredentialsError")
        } catch let error as MissingCredentialsError {
            XCTAssertEqual(
                error.description,
                "operation 'listReports' needs credentials for 'bearer', or 'basic' and 'key'; pass them when creating the client"
            )
        }
        let anonymous = try await send([["bearer"], []], credentials: [:])
        XCTAssertNil(anonymous.headers["Authorization"])
    }

    /// `security: [{}, {apiKey: []}]` (optional authentication, anonymous listed first): a client
    /// that has the key sends it; only a client without credentials goes anonymous.
    func testAnAnonymousAlternativeIsTheLastResortWhateverItsPlace() async throws {
        let key: [String: Credential] = ["key": .apiKey("k1", name: "api_key", in: .query)]
        let keyed = try await send([[], ["key"]], credentials: key)
        XCTAssertEqual(keyed.url.query, "api_key=k1")
        let bearer = try await send([[], ["bearer"], ["key"]], credentials: key)
        XCTAssertEqual(bearer.url.query, "api_key=k1", "the first alternative the client can satisfy")
        let anonymous = try await send([[], ["key"]], credentials: [:])
        XCTAssertNil(anonymous.url.query)
        let partial = try await send([[], ["key", "bearer"]], credentials: key)
        XCTAssertNil(partial.url.query, "an alternative is applied whole or not at all")
    }

    func testCredentialsNeverPrintTheirSecret() {
        let all: [Credential] = [
            .bearer("t0k3n"), .basic(username: "u", password: "p4ss"), .apiKey("k3y", name: "k", in: .query),
        ]
        for credential in all {
            var dumped = ""
            dump(credential, to: &dumped)
            for text in [
                credential.description, String(describing: credential), String(reflecting: credential), dumped,
            ] {
                XCTAssertFalse(text.contains("t0k3n") || text.contains("p4ss") || text.contains("k3y"), text)
            }
        }
    }
}
