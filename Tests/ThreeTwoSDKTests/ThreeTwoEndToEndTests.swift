import Foundation
import TestHTTPServer
import ThreeTwoSDK
import XCTest

/// An SDK the build plugin generates from the OpenAPI 3.2 spec
/// `Tests/Support/ThreeTwoSDK/openapi.yaml` (the QUERY method, `additionalOperations`,
/// `in: querystring` as a form and as JSON), called over real HTTP against a server on
/// 127.0.0.1 that the test starts.
final class ThreeTwoEndToEndTests: XCTestCase {
    static let document = #"{"id": "d2", "title": "Notes (copy)"}"#

    func testTheQueryMethodSendsItsBodyAndDecodesTheResponse() async throws {
        let server = try TestHTTPServer { _ in .respondJSON(status: 200, json: #"[{"line": 3, "text": "a needle"}]"#) }
        defer { server.stop() }
        let client = DocumentsClient(serverURL: server.baseURL)
        let matches = try await client.searchDocument(id: "d 1", body: SearchDocumentRequest(text: "needle"))
        XCTAssertEqual(matches, [Match(line: 3, text: "a needle")])
        let sent = try XCTUnwrap(server.requests.first)
        XCTAssertEqual(sent.method, "QUERY")
        XCTAssertEqual(sent.path, "/documents/d%201")
        XCTAssertNil(sent.query)
        XCTAssertEqual(sent.header("Content-Type"), "application/json")
        let body = try JSONSerialization.jsonObject(with: sent.body) as? [String: String]
        XCTAssertEqual(body, ["text": "needle"])
    }

    func testAQueryIsRetriedLikeAGet() async throws {
        let calls = Counter()
        let server = try TestHTTPServer { _ in
            calls.increment() == 1 ? .respond(status: 503) : .respondJSON(status: 200, json: "[]")
        }
        defer { server.stop() }
        let client = DocumentsClient(
            serverURL: server.baseURL,
            configuration: ClientConfiguration(retryPolicy: RetryPolicy(initialBackoff: 0.01, maxBackoff: 0.02)))
        let matches = try await client.searchDocument(id: "d1", body: SearchDocumentRequest(text: "x"))
        XCTAssertEqual(matches, [])
        XCTAssertEqual(server.requests.map(\.method), ["QUERY", "QUERY"])
    }

    func testAdditionalOperationsAreSentWithTheirMethodNamesAsWritten() async throws {
        let server = try TestHTTPServer { request in
            request.method == "COPY" ? .respondJSON(status: 201, json: Self.document) : .respond(status: 204)
        }
        defer { server.stop() }
        let client = DocumentsClient(serverURL: server.baseURL)
        let copy = try await client.copyDocument(id: "d1", destination: "/documents/d2")
        XCTAssertEqual(copy, Document(id: "d2", title: "Notes (copy)"))
        try await client.purgeDocument(id: "d1")
        XCTAssertEqual(server.requests.map(\.method), ["COPY", "purge"])
        XCTAssertEqual(server.requests.map(\.path), ["/documents/d1", "/documents/d1"])
        XCTAssertEqual(server.requests.first?.header("Destination"), "/documents/d2")
    }

    func testAFormQuerystringIsTheWholeQueryString() async throws {
        let server = try TestHTTPServer { _ in .respondJSON(status: 200, json: "[\(Self.document)]") }
        defer { server.stop() }
        let client = DocumentsClient(serverURL: server.baseURL)
        let documents = try await client.listDocuments(
            filter: ListDocumentsFilter(owner: "ann & bob", tags: ["a", "b/c"], limit: 5))
        XCTAssertEqual(documents, [Document(id: "d2", title: "Notes (copy)")])
        let sent = try XCTUnwrap(server.requests.first)
        XCTAssertEqual(sent.method, "GET")
        XCTAssertEqual(sent.path, "/documents")
        XCTAssertEqual(sent.query, "limit=5&owner=ann%20%26%20bob&tags=a,b%2Fc")
        XCTAssertTrue(sent.body.isEmpty)
    }

    func testAJSONQuerystringIsThePercentEncodedJSONText() async throws {
        let server = try TestHTTPServer { _ in .respondJSON(status: 200, json: "[]") }
        defer { server.stop() }
        let client = DocumentsClient(serverURL: server.baseURL)
        let found = try await client.findDocuments(criteria: Criteria(title: "a?b#c", owners: ["ann"]))
        XCTAssertEqual(found, [])
        _ = try await client.findDocuments()
        let sent = server.requests
        XCTAssertEqual(sent.map(\.path), ["/documents/search", "/documents/search"])
        XCTAssertEqual(sent[0].query, "%7B%22owners%22%3A%5B%22ann%22%5D%2C%22title%22%3A%22a%3Fb%23c%22%7D")
        XCTAssertEqual(sent[0].query?.removingPercentEncoding, #"{"owners":["ann"],"title":"a?b#c"}"#)
        XCTAssertNil(sent[1].query, "no criteria, no query string")
    }

    // MARK: Streamed responses (`itemSchema`)

    /// The first event reaches the loop while the server holds the rest back (it sends more
    /// only once the test has seen that event), and the `[DONE]` terminator of the
    /// configuration's `streamTerminator` ends the loop although the body goes on.
    func testServerSentEventsArriveOneByOneAndTheTerminatorEndsTheLoop() async throws {
        let firstSeen = ServerSignal()
        let server = try TestHTTPServer { _ in
            .stream(
                status: 200, headers: [("Content-Type", "text/event-stream")],
                steps: [
                    .sendText("event: change\ndata: {\"revision\": 1}\n\n"), .wait(firstSeen),
                    .sendText(": keep-alive\r\n\r\nevent: change\r\ndata: {\"revision\":\r\ndata:  2}\r\n\r\n"),
                    .sendText("data: [DONE]\n\n"), .sendText("data: {\"revision\": 99}\n\n"),
                ])
        }
        defer { server.stop() }
        let client = DocumentsClient(serverURL: server.baseURL)
        var revisions: [Int] = []
        for try await event in try await client.watchDocument(id: "d1") {
            XCTAssertEqual(event.event, "change")
            revisions.append(event.data.revision)
            if revisions.count == 1 {
                XCTAssertFalse(firstSeen.isFired, "the server is still holding the second event back")
                firstSeen.fire()
            }
        }
        XCTAssertEqual(revisions, [1, 2])
        let sent = try XCTUnwrap(server.requests.first)
        XCTAssertEqual(sent.path, "/documents/d1/changes")
        XCTAssertEqual(sent.header("Accept"), "text/event-stream")
    }

    func testADocumentedErrorStatusOfAStreamThrowsAPIError() async throws {
        let server = try TestHTTPServer { _ in .respondJSON(status: 404, json: #"{"title": "no document d9"}"#) }
        defer { server.stop() }
        let client = DocumentsClient(serverURL: server.baseURL)
        do {
            _ = try await client.watchDocument(id: "d9")
            XCTFail("a 404 must throw")
        } catch let error as APIError<Problem> {
            XCTAssertEqual(error.statusCode, 404)
            XCTAssertEqual(error.body, Problem(title: "no document d9"))
        }
    }

    /// JSON Lines: each document is yielded as soon as its line arrives.
    func testJSONLinesArriveOneByOne() async throws {
        let firstSeen = ServerSignal()
        let server = try TestHTTPServer { _ in
            .stream(
                status: 200, headers: [("Content-Type", "application/jsonl")],
                steps: [
                    .sendText(#"{"id": "d1", "title": "One"}"# + "\n"), .wait(firstSeen),
                    .sendText(#"{"id": "d2", "#), .sendText(#""title": "Two"}"#),
                ])
        }
        defer { server.stop() }
        let client = DocumentsClient(serverURL: server.baseURL)
        var documents: [Document] = []
        for try await document in try await client.exportDocuments() {
            documents.append(document)
            if documents.count == 1 {
                XCTAssertFalse(firstSeen.isFired)
                firstSeen.fire()
            }
        }
        XCTAssertEqual(documents, [Document(id: "d1", title: "One"), Document(id: "d2", title: "Two")])
        XCTAssertEqual(server.requests.first?.header("Accept"), "application/jsonl")
    }

    /// The README's streaming example, run against a server that streams both kinds.
    func testTheREADMEStreamingExample() async throws {
        let server = try TestHTTPServer { request in
            request.path == "/documents/export"
                ? .stream(
                    status: 200, headers: [("Content-Type", "application/jsonl")],
                    steps: [
                        .sendText(#"{"id": "d1", "title": "One"}"# + "\n" + #"{"id": "d2", "title": "Two"}"# + "\n")
                    ])
                : .stream(
                    status: 200, headers: [("Content-Type", "text/event-stream")],
                    steps: [
                        .sendText(
                            "event: change\ndata: {\"revision\": 1}\n\ndata: {\"revision\": 2}\n\ndata: [DONE]\n\n")
                    ])
        }
        defer { server.stop() }
        var revisions: [Int] = []
        var titles: [String] = []
        // README: begin
        let client = DocumentsClient(serverURL: server.baseURL)
        for try await event in try await client.watchDocument(id: "d1") {
            revisions.append(event.data.revision)  // event.event, event.id, event.retry too
        }
        for try await document in try await client.exportDocuments() {
            titles.append(document.title)
        }
        // README: end
        XCTAssertEqual(revisions, [1, 2])
        XCTAssertEqual(titles, ["One", "Two"])
        try assertTheREADMEShowsTheExample()
    }

    /// The lines between `// README: begin` and `// README: end` in this file, unindented by
    /// eight spaces, must appear in the README as they are.
    private func assertTheREADMEShowsTheExample(file: String = #filePath) throws {
        let source = try String(contentsOf: URL(fileURLWithPath: file), encoding: .utf8)
        let example = source.components(separatedBy: "// README: begin\n")[1].components(
            separatedBy: "        // README: end")[0]
        let unindented = example.split(separator: "\n", omittingEmptySubsequences: false)
            .map { line -> String in "\(line.dropFirst(min(8, line.prefix { $0 == " " }.count)))" }.joined(
                separator: "\n")
        let readme = try String(
            contentsOf: URL(fileURLWithPath: file).deletingLastPathComponent().appendingPathComponent(
                "../../README.md"),
            encoding: .utf8)
        XCTAssertTrue(readme.contains(unindented), "the README shows this example:\n\(unindented)")
    }
}

/// Counts calls from the server's threads.
private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    /// The count after this call.
    func increment() -> Int {
        lock.withLock {
            count += 1
            return count
        }
    }
}
