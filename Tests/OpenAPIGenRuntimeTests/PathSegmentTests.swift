import Foundation
import OpenAPIGenRuntime
import TestHTTPServer
import XCTest

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A path parameter's value never adds, removes or changes a path segment: `.` and `..`
/// segments are sent as `%2E` and `%2E%2E`, and an empty value that would leave an empty
/// segment is an error.
final class PathSegmentTests: XCTestCase {
    private let server = URL(string: "https://api.example.com/v2")!

    private func build(_ template: String, _ configure: (inout RequestBuilder) -> Void) throws -> URL {
        var builder = RequestBuilder(method: .get, path: template)
        configure(&builder)
        return try builder.build(serverURL: server).url
    }

    func testDotSegmentsFromSimpleValuesAreEncoded() throws {
        let up = try build("/users/{id}/profile") { $0.setPathParameter("id", "..") }
        XCTAssertEqual(up.absoluteString, "https://api.example.com/v2/users/%2E%2E/profile")
        XCTAssertEqual(up.path(percentEncoded: true), "/v2/users/%2E%2E/profile")
        XCTAssertEqual(up.standardized.path(percentEncoded: true), "/v2/users/%2E%2E/profile")
        let here = try build("/users/{id}/profile") { $0.setPathParameter("id", ".") }
        XCTAssertEqual(here.path(percentEncoded: true), "/v2/users/%2E/profile")
        let dots = try build("/users/{id}") { $0.setPathParameter("id", "...") }
        XCTAssertEqual(dots.path(percentEncoded: true), "/v2/users/%2E%2E%2E")
        let list = try build("/users/{id}") { $0.setPathParameter("id", [".."]) }
        XCTAssertEqual(list.path(percentEncoded: true), "/v2/users/%2E%2E")
    }

    func testDotSegmentsMadeOfSeveralPiecesAreEncoded() throws {
        // Label style writes `.` before the value: `.` + `.` is `..`, and `.` + `` is `.`.
        let label = try build("/users/{id}/profile") { $0.setPathParameter("id", ".", style: .label) }
        XCTAssertEqual(label.path(percentEncoded: true), "/v2/users/%2E%2E/profile")
        let emptyLabel = try build("/users/{id}/profile") { $0.setPathParameter("id", "", style: .label) }
        XCTAssertEqual(emptyLabel.path(percentEncoded: true), "/v2/users/%2E/profile")
        // Two parameters in one segment.
        let pair = try build("/a/{x}{y}/b") {
            $0.setPathParameter("x", ".")
            $0.setPathParameter("y", ".")
        }
        XCTAssertEqual(pair.path(percentEncoded: true), "/v2/a/%2E%2E/b")
        // A value next to literal text of the template is a segment of its own text.
        let file = try build("/files/{name}.json") { $0.setPathParameter("name", ".") }
        XCTAssertEqual(file.path(percentEncoded: true), "/v2/files/..json")
        let trailingDot = try build("/files/{name}.") { $0.setPathParameter("name", ".") }
        XCTAssertEqual(trailingDot.path(percentEncoded: true), "/v2/files/%2E%2E")
        // The template's own dot segments are left alone: only values are policed.
        let literal = try build("/./{id}") { $0.setPathParameter("id", "x") }
        XCTAssertEqual(literal.path(percentEncoded: true), "/v2/./x")
    }

    func testAnEmptyValueThatWouldLeaveAnEmptySegmentIsAnError() throws {
        for template in ["/users/{id}/profile", "/users/{id}", "/{id}"] {
            XCTAssertThrowsError(try build(template) { $0.setPathParameter("id", "") }, template) { error in
                XCTAssertEqual("\(error)", "the path parameter 'id' is empty, so its path segment would be missing")
            }
        }
        XCTAssertThrowsError(try build("/users/{id}") { $0.setPathParameter("id", [String]()) }) { error in
            XCTAssertTrue("\(error)".contains("'id'"), "\(error)")
        }
        XCTAssertThrowsError(
            try build("/a/{x}{y}/b") {
                $0.setPathParameter("x", "")
                $0.setPathParameter("y", "")
            }
        ) { error in
            XCTAssertTrue("\(error)".contains("'x'"), "\(error)")
        }
        // Empty values that leave their segment non-empty do not change the path.
        let half = try build("/a/{x}{y}/b") {
            $0.setPathParameter("x", "")
            $0.setPathParameter("y", "1")
        }
        XCTAssertEqual(half.path(percentEncoded: true), "/v2/a/1/b")
        let file = try build("/files/{name}.json") { $0.setPathParameter("name", "") }
        XCTAssertEqual(file.path(percentEncoded: true), "/v2/files/.json")
        let matrix = try build("/users/{id}") { $0.setPathParameter("id", "", style: .matrix) }
        XCTAssertEqual(matrix.path(percentEncoded: true), "/v2/users/;id=")
    }

    func testAnUnclosedBraceIsLiteralTextAndWrittenOnce() throws {
        let url = try build("/reports/{id") { _ in }
        XCTAssertEqual(url.path(percentEncoded: true), "/v2/reports/%7Bid")
        let after = try build("/r/{a}/{b") { $0.setPathParameter("a", "1") }
        XCTAssertEqual(after.path(percentEncoded: true), "/v2/r/1/%7Bb")
    }

    func testTheServerReceivesTheEncodedDotSegment() async throws {
        let server = try TestHTTPServer { _ in .respond(status: 204) }
        defer { server.stop() }
        let core = ClientCore(
            serverURL: server.baseURL, transport: URLSessionTransport(), middlewares: [],
            configuration: ClientConfiguration(retryPolicy: .disabled))
        var request = RequestBuilder(method: .get, path: "/users/{id}/profile")
        request.setPathParameter("id", "..")
        _ = try await core.send(request, operationID: "getUser")
        XCTAssertEqual(server.requests.map(\.path), ["/users/%2E%2E/profile"])

        var empty = RequestBuilder(method: .get, path: "/users/{id}/profile")
        empty.setPathParameter("id", "")
        do {
            _ = try await core.send(empty, operationID: "getUser")
            XCTFail("an empty path parameter must not be sent")
        } catch let error as RequestBuildError {
            XCTAssertTrue(error.description.contains("'id'"), error.description)
        }
        XCTAssertEqual(server.requests.count, 1, "nothing was sent for the empty value")
    }
}
