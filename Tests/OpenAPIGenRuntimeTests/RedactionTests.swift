import Foundation
import OpenAPIGenRuntime
import TestHTTPServer
import XCTest

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `NSURLErrorFailingURLStringErrorKey` (deprecated, so named by its value), which
/// `URLError`s thrown by URLSession carry along with `NSURLErrorFailingURLErrorKey`.
private let failingURLStringKey = "NSErrorFailingURLStringKey"

/// Credentials never appear in an error's description, debug description or `dump`, even
/// when the error carries the request's URL with an API key in its query.
final class RedactionTests: XCTestCase {
    fileprivate static let staticSecret = "k3y-5ecret-77"
    private let secret = RedactionTests.staticSecret

    private func assertHidesSecret(_ value: Any, file: StaticString = #filePath, line: UInt = #line) {
        var dumped = ""
        dump(value, to: &dumped)
        for text in [String(describing: value), String(reflecting: value), dumped] {
            XCTAssertFalse(text.contains(secret), text, file: file, line: line)
        }
    }

    private var urlWithKey: String { "https://api.example.com/reports?limit=5&api_key=\(secret)" }

    private func urlError(_ code: URLError.Code) -> URLError {
        URLError(
            code,
            userInfo: [
                failingURLStringKey: urlWithKey,
                NSURLErrorFailingURLErrorKey: URL(string: urlWithKey)!,
            ])
    }

    func testTransportErrorHidesTheQueryOfAURLErrorsURL() {
        let error = TransportError(operationID: "listReports", underlying: urlError(.timedOut), attempts: 2)
        assertHidesSecret(error)
        XCTAssertEqual(
            error.description,
            "listReports: the request failed after 2 attempts: URLError -1001 (timed out) "
                + "for https://api.example.com/reports?limit=<redacted>&api_key=<redacted>")
        XCTAssertEqual(String(reflecting: error), error.description)
        // The underlying error is kept as it was, for callers that inspect it.
        XCTAssertEqual((error.underlying as? URLError)?.userInfo[failingURLStringKey] as? String, urlWithKey)
    }

    func testTransportErrorHidesQueriesInOtherErrors() {
        struct Failure: Error, CustomStringConvertible {
            let url: String
            var description: String { "could not reach \(url) (host down)" }
        }
        let error = TransportError(operationID: "listReports", underlying: Failure(url: urlWithKey))
        assertHidesSecret(error)
        XCTAssertEqual(
            error.description,
            "listReports: the request failed: could not reach "
                + "https://api.example.com/reports?limit=<redacted>&api_key=<redacted> (host down)")

        let nsError = NSError(
            domain: NSURLErrorDomain, code: NSURLErrorCannotConnectToHost,
            userInfo: [
                failingURLStringKey: urlWithKey, NSLocalizedDescriptionKey: "Failed to connect to \(urlWithKey)",
            ])
        let fromNSError = TransportError(operationID: "listReports", underlying: nsError)
        assertHidesSecret(fromNSError)
        XCTAssertEqual(
            fromNSError.description,
            "listReports: the request failed: URLError -1004 (Failed to connect to "
                + "https://api.example.com/reports?limit=<redacted>&api_key=<redacted>) "
                + "for https://api.example.com/reports?limit=<redacted>&api_key=<redacted>")

        let userInfo = NSError(domain: "Custom", code: 1, userInfo: ["url": "http://u:\(secret)@x.test/a#\(secret)"])
        let fromUserInfo = TransportError(operationID: "listReports", underlying: userInfo)
        assertHidesSecret(fromUserInfo)
        XCTAssertTrue(
            fromUserInfo.description.contains("http://<redacted>@x.test/a#<redacted>"), fromUserInfo.description)

        struct Prose: Error, CustomStringConvertible {
            var description: String { "see /a?token=\(RedactionTests.staticSecret), or https://x.test/b." }
        }
        XCTAssertEqual(
            TransportError(operationID: "op", underlying: Prose()).description,
            "op: the request failed: see /a?token=<redacted>, or https://x.test/b.")
        XCTAssertEqual(
            TransportError(operationID: "op", underlying: ConnectionFailedError(reason: "refused? yes")).description,
            "op: the request failed: could not connect: refused? yes", "text without a URL or query is kept")
    }

    /// A transport that fails with a `URLError` naming the request's URL, query and all.
    struct FailingTransport: HTTPTransport {
        let code: URLError.Code
        func send(_ request: HTTPRequest) async throws -> HTTPResponse {
            throw URLError(
                code,
                userInfo: [
                    failingURLStringKey: request.url.absoluteString,
                    NSURLErrorFailingURLErrorKey: request.url,
                ])
        }
    }

    func testErrorsFromAClientWithAQueryKeyHideTheKey() async {
        for code in [URLError.Code.timedOut, .cannotConnectToHost, .networkConnectionLost] {
            let core = ClientCore(
                serverURL: URL(string: "https://api.example.com")!, transport: FailingTransport(code: code),
                middlewares: [], configuration: ClientConfiguration(retryPolicy: .disabled),
                credentials: ["key": .apiKey(secret, name: "api_key", in: .query)])
            var request = RequestBuilder(method: .get, path: "/reports")
            request.security = [["key"]]
            do {
                _ = try await core.send(request, operationID: "listReports")
                XCTFail("expected an error")
            } catch {
                assertHidesSecret(error)
            }
        }
    }

    /// What a logging middleware or transport prints of a request shows no credential.
    func testARequestsDescriptionHidesItsCredentials() async throws {
        let transport = CredentialTests.RecordingTransport()
        let core = ClientCore(
            serverURL: URL(string: "https://api.example.com")!, transport: transport, middlewares: [],
            credentials: [
                "query": .apiKey(secret + "q", name: "api_key", in: .query),
                "header": .apiKey(secret + "h", name: "X-API-Key", in: .header),
                "cookie": .apiKey(secret + "c", name: "sid", in: .cookie),
                "bearer": .bearer(secret + "b"),
            ])
        var builder = RequestBuilder(method: .post, path: "/reports")
        builder.setHeader("X-Trace", "t-1")
        try builder.setJSONBody(["password": secret])
        builder.security = [["query", "header", "cookie", "bearer"]]
        _ = try await core.send(builder, operationID: "createReport")
        let request = try XCTUnwrap(transport.requests.first)
        XCTAssertEqual(request.headers["X-API-Key"], secret + "h", "sent as it is")
        assertHidesSecret(request)
        assertHidesSecret(request.headers)
        XCTAssertEqual(
            String(describing: request),
            "POST https://api.example.com/reports?api_key=<redacted> [X-Trace: t-1, "
                + "Content-Type: application/json, X-API-Key: <redacted>, Authorization: <redacted>, "
                + "Accept: application/json, Cookie: <redacted>] (\(request.body?.count ?? 0)-byte body)")
        let response: HTTPHeaders = ["Proxy-Authorization": secret, "Set-Cookie": secret, "ETag": "1"]
        XCTAssertEqual(
            String(describing: response), "[Proxy-Authorization: <redacted>, Set-Cookie: <redacted>, ETag: 1]")
    }

    func testABuildersDescriptionHidesItsCredentials() {
        var builder = RequestBuilder(method: .get, path: "/reports/{id}")
        builder.setPathParameter("id", 7)
        builder.addQueryParameter("limit", 5)
        builder.addCredentialQueryItem("api_key", secret)
        builder.headers.setCredential("X-API-Key", secret)
        builder.headers["Authorization"] = "Bearer " + secret
        builder.addCookie("sid", secret)
        assertHidesSecret(builder)
        var dumped = ""
        dump(builder, to: &dumped)
        XCTAssertTrue(dumped.contains("limit=5") && dumped.contains("api_key=<redacted>"), dumped)
    }

    func testCredentialQueryItemsAreSentButRedactedInBuildErrors() throws {
        var builder = RequestBuilder(method: .get, path: "//a b/reports")
        builder.addQueryParameter("limit", 5)
        builder.addCredentialQueryItem("api key", secret)
        let request = try builder.build(serverURL: URL(string: "https://api.example.com")!)
        XCTAssertEqual(request.url.query, "limit=5&api%20key=\(secret)")
        // `x:` + `//a b/reports` makes an authority with a space: not a URL.
        XCTAssertThrowsError(try builder.build(serverURL: URL(string: "x:")!)) { error in
            assertHidesSecret(error)
            XCTAssertEqual("\(error)", "'x://a b/reports?limit=5&api%20key=<redacted>' is not a valid URL")
        }
    }

    /// URLSession's own error for a dropped connection names the URL, key and all.
    func testAConnectionDroppedOverHTTPIsReportedWithoutTheKey() async throws {
        let server = try TestHTTPServer { _ in .closeWithoutResponse }
        defer { server.stop() }
        let core = ClientCore(
            serverURL: server.baseURL, transport: URLSessionTransport(), middlewares: [],
            configuration: ClientConfiguration(retryPolicy: .disabled),
            credentials: ["key": .apiKey(secret, name: "api_key", in: .query)])
        var request = RequestBuilder(method: .get, path: "/reports")
        request.security = [["key"]]
        do {
            _ = try await core.send(request, operationID: "listReports")
            XCTFail("expected an error")
        } catch let error as TransportError {
            assertHidesSecret(error)
            // The code and reason vary by platform (Linux: -1011, "Empty reply from server").
            XCTAssertTrue(error.description.hasPrefix("listReports: the request failed: URLError "), error.description)
            XCTAssertTrue(error.description.hasSuffix("/reports?api_key=<redacted>"), error.description)
        }
        XCTAssertEqual(server.requests.first?.query, "api_key=\(secret)", "the key itself was sent")
    }

    func testAnInvalidURLErrorHidesCredentialQueryValues() async {
        // `x:` + `//x y/reports` makes an authority with a space: not a URL.
        let core = ClientCore(
            serverURL: URL(string: "x:")!, transport: FailingTransport(code: .badURL), middlewares: [],
            credentials: ["key": .apiKey(secret, name: "api_key", in: .query)])
        var request = RequestBuilder(method: .get, path: "//x y/reports")
        request.addQueryParameter("limit", 5)
        request.security = [["key"]]
        do {
            _ = try await core.send(request, operationID: "listReports")
            XCTFail("expected an error")
        } catch {
            assertHidesSecret(error)
            XCTAssertEqual("\(error)", "'x://x y/reports?limit=5&api_key=<redacted>' is not a valid URL")
        }
    }
}
