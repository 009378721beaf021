import Foundation
import OpenAPIGenRuntime
import TestHTTPServer
import XCTest

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// No header name or value can add a header or end the head: CR, LF and NUL are rejected
/// (and names that are not tokens) before anything is sent, and the error never shows a value.
final class HeaderInjectionTests: XCTestCase {
    private static let injected = "yes\r\nX-Injected: yes"
    private static let secret = "s3cr3t-9f1c"
    private var injected: String { Self.injected }
    private var secret: String { Self.secret }

    private func build(_ configure: (inout RequestBuilder) -> Void) throws -> HTTPRequest {
        var builder = RequestBuilder(method: .get, path: "/reports")
        configure(&builder)
        return try builder.build(serverURL: URL(string: "https://api.example.com")!)
    }

    func testHeaderValuesWithLineBreaksOrNULAreRejectedWithoutShowingThem() {
        let values = ["a\r\nX-Injected: yes", "a\nX-Injected: yes", "a\rb", "a\u{0}b", "\r\n"]
        for value in values {
            XCTAssertThrowsError(try build { $0.setHeader("X-Note", value) }, value.debugDescription) { error in
                let text = "\(error)"
                XCTAssertEqual(text, "the value of the header 'X-Note' contains a line break or NUL")
                XCTAssertFalse(String(reflecting: error).contains("Injected"))
            }
        }
        XCTAssertThrowsError(try build { $0.headers["X-Note"] = "a\r\nb" })
        XCTAssertThrowsError(try build { $0.setHeader("X-List", ["a", "b\nc"]) })
        // Ordinary values, tabs and non-ASCII text are kept.
        XCTAssertEqual(try build { $0.setHeader("X-Note", "a\tb é, c") }.headers["X-Note"], "a\tb é, c")
    }

    func testHeaderNamesMustBeTokens() {
        for name in ["X-A\r\nX-Injected", "X Note", "X-Note:", "", "X-É", "X\u{0}"] {
            XCTAssertThrowsError(try build { $0.setHeader(name, "1") }, name.debugDescription) { error in
                XCTAssertTrue("\(error)".contains("is not a valid header name"), "\(error)")
                XCTAssertFalse("\(error)".contains("\r\n"), "the name is shown escaped")
            }
        }
        XCTAssertNoThrow(try build { $0.setHeader("X-Odd!#$%&'*+.^_`|~1", "1") })
    }

    private func core(_ transport: any HTTPTransport, credentials: [String: Credential] = [:]) -> ClientCore {
        ClientCore(
            serverURL: URL(string: "https://api.example.com")!, transport: transport, middlewares: [],
            configuration: ClientConfiguration(retryPolicy: .disabled), credentials: credentials)
    }

    /// The error `core.send` throws; fails the test when it returns.
    private func sendError(
        _ core: ClientCore, security: [[String]] = [], options: RequestOptions = RequestOptions(),
        line: UInt = #line
    ) async -> (any Error)? {
        var request = RequestBuilder(method: .get, path: "/reports")
        request.security = security
        do {
            _ = try await core.send(request, operationID: "listReports", options: options)
            XCTFail("expected an error", line: line)
            return nil
        } catch {
            return error
        }
    }

    private func assertHidesSecret(_ error: (any Error)?, line: UInt = #line) {
        guard let error else { return }
        var dumped = ""
        dump(error, to: &dumped)
        for text in ["\(error)", String(reflecting: error), dumped] {
            XCTAssertFalse(text.contains(secret) || text.contains("Injected"), text, line: line)
        }
    }

    func testCredentialsAndPerCallHeadersAreCheckedBeforeSending() async {
        let transport = CredentialTests.RecordingTransport()
        let apiKey = core(transport, credentials: ["key": .apiKey(secret + injected, name: "X-API-Key", in: .header)])
        var error = await sendError(apiKey, security: [["key"]])
        XCTAssertEqual(error.map { "\($0)" }, "the value of the header 'X-API-Key' contains a line break or NUL")
        assertHidesSecret(error)

        let bearer = core(transport, credentials: ["bearer": .bearer { Self.secret + Self.injected }])
        error = await sendError(bearer, security: [["bearer"]])
        XCTAssertEqual(error.map { "\($0)" }, "the value of the header 'Authorization' contains a line break or NUL")
        assertHidesSecret(error)

        error = await sendError(core(transport), options: RequestOptions(headers: ["X-Trace": secret + injected]))
        XCTAssertEqual(error.map { "\($0)" }, "the value of the header 'X-Trace' contains a line break or NUL")
        assertHidesSecret(error)

        XCTAssertEqual(transport.requests.count, 0, "nothing was sent")
    }

    func testBearerTokenMiddlewareRejectsATokenWithALineBreak() async throws {
        let middleware = BearerTokenMiddleware(token: { Self.secret + Self.injected })
        let request = HTTPRequest(method: .get, url: URL(string: "https://x.test")!)
        do {
            _ = try await middleware.intercept(request, operationID: "op") { _ in
                XCTFail("the request must not be passed on")
                return HTTPResponse(statusCode: 204)
            }
            XCTFail("expected an error")
        } catch {
            XCTAssertEqual("\(error)", "the value of the header 'Authorization' contains a line break or NUL")
            assertHidesSecret(error)
        }
    }

    /// Over real HTTP (URLSession, libcurl on Linux): no injected header reaches the server,
    /// and no request is sent at all.
    func testNoInjectedHeaderReachesTheServer() async throws {
        let server = try TestHTTPServer { _ in .respond(status: 204) }
        defer { server.stop() }
        let cases: [(String, ClientCore, [[String]], RequestOptions, (inout RequestBuilder) -> Void)] = [
            ("parameter", httpCore(server), [], RequestOptions(), { $0.setHeader("X-Note", self.injected) }),
            ("per-call header", httpCore(server), [], RequestOptions(headers: ["X-Trace": injected]), { _ in }),
            (
                "apiKey", httpCore(server, credentials: ["k": .apiKey(injected, name: "X-API-Key", in: .header)]),
                [["k"]], RequestOptions(), { _ in }
            ),
            ("bearer", httpCore(server, credentials: ["b": .bearer(injected)]), [["b"]], RequestOptions(), { _ in }),
            (
                "middleware", httpCore(server, middlewares: [BearerTokenMiddleware(token: injected)]), [],
                RequestOptions(), { _ in }
            ),
        ]
        for (label, core, security, options, configure) in cases {
            var request = RequestBuilder(method: .get, path: "/reports")
            request.security = security
            configure(&request)
            do {
                _ = try await core.send(request, operationID: "listReports", options: options)
                XCTFail("\(label): expected an error")
            } catch {
                XCTAssertTrue("\(error)".contains("contains a line break or NUL"), "\(label): \(error)")
            }
        }
        let received = server.requests.filter { $0.header("X-Injected") != nil }
        XCTAssertEqual(received.count, 0, "requests with an injected header: \(received.map(\.headers))")
        // Nor is the request sent without the bad header (URLSession on Linux drops such a
        // header silently, so the request would go out without its credential).
        XCTAssertEqual(server.requests.count, 0, "\(server.requests.map(\.headers))")
    }

    private func httpCore(
        _ server: TestHTTPServer, credentials: [String: Credential] = [:], middlewares: [any ClientMiddleware] = []
    ) -> ClientCore {
        ClientCore(
            serverURL: server.baseURL, transport: URLSessionTransport(), middlewares: middlewares,
            configuration: ClientConfiguration(retryPolicy: .disabled), credentials: credentials)
    }
}
