import Foundation
import OpenAPIGenRuntime
import XCTest

/// Where `ClientCore.send(_:operationID:options:server:)` sends an operation that names a
/// server of its own.
final class ServerResolutionTests: XCTestCase {
    /// Records the URL of each request and answers 204.
    final class Recorder: HTTPTransport, @unchecked Sendable {
        private let lock = NSLock()
        private var urls: [String] = []
        var sent: [String] {
            lock.lock()
            defer { lock.unlock() }
            return urls
        }
        private func record(_ url: URL) {
            lock.lock()
            urls.append(url.absoluteString)
            lock.unlock()
        }
        func send(_ request: HTTPRequest) async throws -> HTTPResponse {
            record(request.url)
            return HTTPResponse(statusCode: 204)
        }
    }

    func testAbsoluteRelativeAndOverriddenServers() async throws {
        let recorder = Recorder()
        let core = ClientCore(
            serverURL: URL(string: "https://api.example.com/v1")!,
            serverOverrides: ["https://uploads.example.com": URL(string: "http://127.0.0.1:9/test")!],
            transport: recorder, middlewares: [])
        let request = RequestBuilder(method: .get, path: "/files")
        _ = try await core.send(request, operationID: "a")
        _ = try await core.send(request, operationID: "b", server: "https://files.example.com/v2")
        _ = try await core.send(request, operationID: "c", server: "/v2")
        _ = try await core.send(request, operationID: "d", server: "https://uploads.example.com")
        XCTAssertEqual(
            recorder.sent,
            [
                "https://api.example.com/v1/files", "https://files.example.com/v2/files",
                "https://api.example.com/v2/files", "http://127.0.0.1:9/test/files",
            ])
    }
}
