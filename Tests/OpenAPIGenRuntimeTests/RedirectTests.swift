import Foundation
import OpenAPIGenRuntime
import TestHTTPServer
import XCTest

/// `URLSessionTransport` follows a redirect within the request's origin and returns one to
/// another origin as it came (the conformance run found Box's documented 302 to a download
/// host followed, with the request's credentials, instead of returned).
final class RedirectTests: XCTestCase {
    final class Hits: @unchecked Sendable {
        private let lock = NSLock()
        private var paths: [String] = []
        private var authorizations: [String?] = []
        func record(_ request: RecordedRequest) {
            lock.withLock {
                paths.append(request.path)
                authorizations.append(request.header("Authorization"))
            }
        }
        var recorded: [(path: String, authorization: String?)] {
            lock.withLock { Array(zip(paths, authorizations)).map { (path: $0.0, authorization: $0.1) } }
        }
    }

    func testARedirectToTheSameOriginIsFollowedAndOneToAnotherOriginIsReturned() async throws {
        let elsewhereHits = Hits()
        let elsewhere = try TestHTTPServer { request in
            elsewhereHits.record(request)
            return .respond(status: 200, body: Data("elsewhere".utf8))
        }
        defer { elsewhere.stop() }
        let away = elsewhere.baseURL.appendingPathComponent("download").absoluteString
        let server = try TestHTTPServer { request in
            switch request.path {
            case "/same": .respond(status: 302, headers: [("Location", "/final")])
            case "/final": .respond(status: 200, body: Data("final".utf8))
            default: .respond(status: 302, headers: [("Location", away)])
            }
        }
        defer { server.stop() }
        let transport = URLSessionTransport()
        let headers: HTTPHeaders = ["Authorization": "Bearer secret"]

        let followed = try await transport.send(
            HTTPRequest(method: .get, url: server.baseURL.appendingPathComponent("same"), headers: headers))
        XCTAssertEqual(followed.statusCode, 200)
        XCTAssertEqual(String(decoding: followed.body, as: UTF8.self), "final")

        let returned = try await transport.send(
            HTTPRequest(method: .get, url: server.baseURL.appendingPathComponent("away"), headers: headers))
        XCTAssertEqual(returned.statusCode, 302)
        XCTAssertEqual(returned.headers["Location"], away)

        let streamed = try await transport.sendStreaming(
            HTTPRequest(method: .get, url: server.baseURL.appendingPathComponent("away"), headers: headers))
        XCTAssertEqual(streamed.statusCode, 302)
        XCTAssertEqual(streamed.headers["Location"], away)

        // The other origin never saw the request, nor its credentials.
        XCTAssertTrue(elsewhereHits.recorded.isEmpty, "\(elsewhereHits.recorded)")
    }

    /// A declined redirect (a `307` to another origin) keeps its body, on Linux too, where
    /// FoundationNetworking gives a completion handler an empty one: Twilio documents a
    /// `307` whose JSON body says where to go.
    func testADeclinedRedirectKeepsItsBody() async throws {
        let json = Data(#"{"redirect_to": "http://example.com"}"#.utf8)
        let server = try TestHTTPServer { _ in
            .respond(
                status: 307, headers: [("Content-Type", "application/json"), ("Location", "http://example.com/x")],
                body: json)
        }
        defer { server.stop() }
        let transport = URLSessionTransport()
        let response = try await transport.send(
            HTTPRequest(method: .get, url: server.baseURL.appendingPathComponent("a")))
        XCTAssertEqual(response.statusCode, 307)
        XCTAssertEqual(response.body, json)
        let streamed = try await transport.sendStreaming(
            HTTPRequest(method: .get, url: server.baseURL.appendingPathComponent("a")))
        XCTAssertEqual(streamed.statusCode, 307)
        var body = Data()
        for try await piece in streamed.body { body += piece }
        XCTAssertEqual(body, json)
    }

    /// A `307` without `Location` but with a body: FoundationNetworking never delivers that
    /// body, so on Linux the transport says so rather than return an empty one.
    func testARedirectWithoutLocationSaysWhenItsBodyIsLost() async throws {
        let json = Data(#"{"redirect_to": "http://example.com"}"#.utf8)
        let server = try TestHTTPServer { _ in
            .respond(status: 307, headers: [("Content-Type", "application/json")], body: json)
        }
        defer { server.stop() }
        let transport = URLSessionTransport()
        #if canImport(FoundationNetworking)
            do {
                let response = try await transport.send(
                    HTTPRequest(method: .get, url: server.baseURL.appendingPathComponent("a")))
                XCTFail("expected an error, got \(response.statusCode) with \(response.body.count) bytes")
            } catch let error as URLError {
                XCTAssertEqual(error.code, .cannotParseResponse)
                XCTAssertTrue("\(error.localizedDescription)".contains("FoundationNetworking"), "\(error)")
            }
        #else
            let response = try await transport.send(
                HTTPRequest(method: .get, url: server.baseURL.appendingPathComponent("a")))
            XCTAssertEqual(response.body, json)
        #endif
    }
}
