import Foundation
import OpenAPIGenRuntime
import TestHTTPServer
import XCTest

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A path parameter's value never adds, removes or changes a path segment: a value that
/// makes a `.` or `..` segment (which servers resolve, even as `%2E%2E`) or leaves its
/// segment empty is an error, before anything is sent.
final class PathSegmentTests: XCTestCase {
    private let server = URL(string: "https://api.example.com/v2")!

    private func build(_ template: String, _ configure: (inout RequestBuilder) -> Void) throws -> URL {
        var builder = RequestBuilder(method: .get, path: template)
        configure(&builder)
        return try builder.build(serverURL: server).url
    }

    private func assertDotSegment(
        _ template: String, file: StaticString = #filePath, line: UInt = #line,
        _ configure: (inout RequestBuilder) -> Void
    ) {
        XCTAssertThrowsError(try build(template, configure), template, file: file, line: line) { error in
            XCTAssertTrue("\(error)".contains("makes a '.' or '..' path segment"), "\(error)", file: file, line: line)
        }
    }

    func testDotSegmentsFromSimpleValuesAreErrors() throws {
        assertDotSegment("/users/{id}/profile") { $0.setPathParameter("id", "..") }
        assertDotSegment("/users/{id}/profile") { $0.setPathParameter("id", ".") }
        assertDotSegment("/users/{id}") { $0.setPathParameter("id", [".."]) }
        // Longer runs of dots are names, not dot segments: sent, encoded.
        let dots = try build("/users/{id}") { $0.setPathParameter("id", "...") }
        XCTAssertEqual(dots.path(percentEncoded: true), "/v2/users/%2E%2E%2E")
    }

    func testDotSegmentsMadeOfSeveralPiecesAreErrors() throws {
        // Label style writes `.` before the value: `.` + `.` is `..`, and `.` + `` is `.`.
        assertDotSegment("/users/{id}/profile") { $0.setPathParameter("id", ".", style: .label) }
        assertDotSegment("/users/{id}/profile") { $0.setPathParameter("id", "", style: .label) }
        // Two parameters in one segment.
        assertDotSegment("/a/{x}{y}/b") {
            $0.setPathParameter("x", ".")
            $0.setPathParameter("y", ".")
        }
        // A value next to literal text of the template is a segment of its own text.
        let file = try build("/files/{name}.json") { $0.setPathParameter("name", ".") }
        XCTAssertEqual(file.path(percentEncoded: true), "/v2/files/..json")
        assertDotSegment("/files/{name}.") { $0.setPathParameter("name", ".") }
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

    func testNothingIsSentForADotSegmentOrAnEmptyValue() async throws {
        let server = try TestHTTPServer { _ in .respond(status: 204) }
        defer { server.stop() }
        let core = ClientCore(
            serverURL: server.baseURL, transport: URLSessionTransport(), middlewares: [],
            configuration: ClientConfiguration(retryPolicy: .disabled))
        var request = RequestBuilder(method: .get, path: "/users/{id}/profile")
        request.setPathParameter("id", "..")
        do {
            _ = try await core.send(request, operationID: "getUser")
            XCTFail("a '..' path segment must not be sent")
        } catch RequestBuildError.dotPathSegment(let name) {
            XCTAssertEqual(name, "id")
        }
        var fine = RequestBuilder(method: .get, path: "/users/{id}/profile")
        fine.setPathParameter("id", "a.b")
        _ = try await core.send(fine, operationID: "getUser")
        XCTAssertEqual(server.requests.map(\.path), ["/users/a.b/profile"])

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
