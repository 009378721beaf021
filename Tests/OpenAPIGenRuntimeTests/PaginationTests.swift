import Foundation
import OpenAPIGenRuntime
import TestHTTPServer
import XCTest

/// ``Pagination/items(startingAt:fetchPage:)`` over HTTP against a server that counts the
/// requests for each page, and ``WebLink`` parsing.
final class PaginationTests: XCTestCase {
    struct Listing: Codable, Sendable {
        var items: [Int]
        var next: String?
    }

    /// Pages of `pageSize` items from 0..<total; the cursor is the index of the first item.
    private func pagedServer(total: Int, pageSize: Int, failAt failingCursor: String? = nil) throws -> TestHTTPServer {
        try TestHTTPServer { request in
            let cursor =
                request.query?.split(separator: "&").first { $0.hasPrefix("cursor=") }
                .map { String($0.dropFirst("cursor=".count)) } ?? "0"
            if cursor == failingCursor { return .respondJSON(status: 500, json: #"{"message":"boom"}"#) }
            let start = Int(cursor) ?? 0
            let items = Array(start..<min(start + pageSize, total))
            let next = start + pageSize < total ? "\"\(start + pageSize)\"" : "null"
            return .respondJSON(status: 200, json: #"{"items":\#(items),"next":\#(next)}"#)
        }
    }

    /// What a generated companion method does: one call of the list operation per page.
    private func items(_ server: TestHTTPServer) -> AsyncThrowingStream<Int, any Error> {
        let core = ClientCore(
            serverURL: server.baseURL, transport: URLSessionTransport(), middlewares: [],
            configuration: ClientConfiguration(timeout: 30, retryPolicy: .disabled))
        return Pagination.items { (cursor: String?) in
            var builder = RequestBuilder(method: .get, path: "/items")
            builder.addQueryParameter("cursor", cursor)
            let response = try await core.send(builder, operationID: "listItems")
            guard response.statusCode == 200 else { throw core.unexpectedStatus(response, operationID: "listItems") }
            let listing = try core.decodeJSON(Listing.self, from: response, operationID: "listItems")
            return Page(items: listing.items, nextCursor: listing.next)
        }
    }

    func testPagesAreFetchedOnlyWhenTheConsumerReachesThem() async throws {
        let server = try pagedServer(total: 7, pageSize: 3)
        defer { server.stop() }
        XCTAssertEqual(server.requests.count, 0, "nothing is fetched before the first item is asked for")
        var iterator = items(server).makeAsyncIterator()
        var received: [Int] = []
        for expectedRequests in [1, 1, 1, 2, 2, 2, 3] {
            let item = try await iterator.next()
            received.append(try XCTUnwrap(item))
            XCTAssertEqual(server.requests.count, expectedRequests, "after item \(received.count - 1)")
        }
        let end = try await iterator.next()
        XCTAssertNil(end)
        let afterEnd = try await iterator.next()
        XCTAssertNil(afterEnd)
        XCTAssertEqual(received, Array(0..<7))
        XCTAssertEqual(
            server.requests.map { $0.query ?? "" }, ["", "cursor=3", "cursor=6"], "each page once, in order")
    }

    func testStoppingEarlyFetchesNoFurtherPage() async throws {
        let server = try pagedServer(total: 100, pageSize: 5)
        defer { server.stop() }
        var received: [Int] = []
        for try await item in items(server) {
            received.append(item)
            if received.count == 6 { break }
        }
        XCTAssertEqual(received, Array(0..<6))
        XCTAssertEqual(server.requests.count, 2)
    }

    func testAFailingPageIsThrownAfterTheItemsBeforeIt() async throws {
        let server = try pagedServer(total: 10, pageSize: 4, failAt: "4")
        defer { server.stop() }
        var received: [Int] = []
        do {
            for try await item in items(server) { received.append(item) }
            XCTFail("the failing page must throw")
        } catch let error as UnexpectedStatusError {
            XCTAssertEqual(error.statusCode, 500)
        }
        XCTAssertEqual(received, [0, 1, 2, 3])
        XCTAssertEqual(server.requests.count, 2, "no page after the failing one, and no retry of it")
    }

    func testEmptyPagesWithANextCursorAreSkippedAndARepeatedCursorEndsTheWalk() async throws {
        let pages: [String?: Page<Int, String>] = [
            nil: Page(items: [], nextCursor: "a"), "a": Page(items: [1], nextCursor: "b"),
            "b": Page(items: [], nextCursor: "c"), "c": Page(items: [2], nextCursor: "a"),
        ]
        let fetched = Fetches()
        var received: [Int] = []
        do {
            for try await item in Pagination.items(fetchPage: { (cursor: String?) in
                fetched.record(cursor)
                return pages[cursor]!
            }) {
                received.append(item)
            }
            XCTFail("a cursor loop must throw")
        } catch let error as PaginationLoopError {
            XCTAssertEqual(error.pagesFetched, 4)
        }
        XCTAssertEqual(received, [1, 2])
        XCTAssertEqual(fetched.cursors, [nil, "a", "b", "c"], "no page twice")
    }

    func testCancellingTheConsumerStopsTheWalk() async throws {
        let fetched = Fetches()
        let stream = Pagination.items(startingAt: 0) { (cursor: Int?) in
            fetched.record(cursor.map(String.init))
            return Page(items: [cursor ?? -1], nextCursor: (cursor ?? 0) + 1)
        }
        let consumer = Task {
            var count = 0
            do {
                for try await _ in stream {
                    count += 1
                    if count == 2 { withUnsafeCurrentTask { $0?.cancel() } }
                }
                return nil as (any Error)?
            } catch {
                return error
            }
        }
        let error = await consumer.value
        // Cancelled between items, the stream just ends (AsyncThrowingStream's way); a fetch
        // that sees the cancellation throws it.
        XCTAssertTrue(error == nil || error is CancellationError, "\(String(describing: error))")
        XCTAssertEqual(fetched.cursors, ["0", "1"], "no page after the consumer was cancelled")
    }

    func testLinkHeaderPaginationOverHTTP() async throws {
        let server = try TestHTTPServer { request in
            let page =
                request.query?.split(separator: "&").first { $0.hasPrefix("page=") }
                .flatMap { Int($0.dropFirst("page=".count)) } ?? 1
            var headers: [(String, String)] = [("Link", #"</items?page=1>; rel="first""#)]
            if page < 3 {
                headers.append(("Link", "</items?page=\(page + 1)>; rel=\"next\"; title=\"page, \(page + 1)\""))
            }
            return .respondJSON(status: 200, json: "[\(page * 10), \(page * 10 + 1)]", headers: headers)
        }
        defer { server.stop() }
        let core = ClientCore(
            serverURL: server.baseURL, transport: URLSessionTransport(), middlewares: [],
            configuration: ClientConfiguration(timeout: 30, retryPolicy: .disabled),
            credentials: ["key": .apiKey("k1", name: "api_key", in: .query)])
        let stream = Pagination.items { (next: URL?) in
            // The first page from the operation's path, the next ones from the link's URL.
            var builder =
                next.map { RequestBuilder(method: .get, url: $0) } ?? RequestBuilder(method: .get, path: "/items")
            builder.security = [["key"]]
            let response = try await core.send(builder, operationID: "listItems")
            let items = try core.decodeJSON([Int].self, from: response, operationID: "listItems")
            let base = next ?? server.baseURL.appendingPathComponent("items")
            return Page(items: items, nextCursor: WebLink.url(rel: "next", in: response.headers, relativeTo: base))
        }
        var received: [Int] = []
        for try await item in stream { received.append(item) }
        XCTAssertEqual(received, [10, 11, 20, 21, 30, 31])
        XCTAssertEqual(
            server.requests.map(\.target),
            ["/items?api_key=k1", "/items?page=2&api_key=k1", "/items?page=3&api_key=k1"],
            "the link's URL as it is, the API key in the query after it")
    }

    func testARequestToAGivenURLKeepsItsQueryAndDropsItsFragment() throws {
        var builder = RequestBuilder(method: .get, url: URL(string: "https://api.example.com/v1/items?page=2#top")!)
        XCTAssertEqual(
            try builder.build(serverURL: URL(string: "https://other.example")!).url.absoluteString,
            "https://api.example.com/v1/items?page=2")
        builder.addCredentialQueryItem("key", "s3cret")
        let request = try builder.build(serverURL: URL(string: "https://other.example")!)
        XCTAssertEqual(request.url.absoluteString, "https://api.example.com/v1/items?page=2&key=s3cret")
        XCTAssertFalse(String(describing: builder).contains("s3cret"))
        var bare = RequestBuilder(method: .get, url: URL(string: "https://api.example.com/items")!)
        bare.addQueryParameter("limit", 5)
        XCTAssertEqual(
            try bare.build(serverURL: URL(string: "https://x.example")!).url.absoluteString,
            "https://api.example.com/items?limit=5")
    }

    // MARK: Pagination.linkedItems

    /// What a generated `Link`-paged operation does: its own path, query and header, a
    /// credential in the query; the companion passes the page's options through.
    private static func listItems(_ core: ClientCore, options: RequestOptions) async throws -> [Int] {
        var builder = RequestBuilder(method: .get, path: "/shops/{shop}/items")
        builder.setPathParameter("shop", "s1")
        builder.addQueryParameter("per_page", 2)
        builder.setHeader("X-Locale", "fr")
        builder.security = [["key"]]
        let response = try await core.send(builder, operationID: "listItems", options: options)
        guard response.statusCode == 200 else { throw core.unexpectedStatus(response, operationID: "listItems") }
        return try core.decodeJSON([Int].self, from: response, operationID: "listItems")
    }

    private static func core(_ server: TestHTTPServer) -> ClientCore {
        ClientCore(
            serverURL: server.baseURL.appendingPathComponent("v1"), transport: URLSessionTransport(), middlewares: [],
            configuration: ClientConfiguration(timeout: 30, retryPolicy: .disabled),
            credentials: ["key": .apiKey("k1", name: "api_key", in: .query)])
    }

    func testLinkedItemsFollowTheNextLinksLazilyEachOnce() async throws {
        let server = try TestHTTPServer { request in
            switch request.query ?? "" {
            case "per_page=2&api_key=k1":
                // Relative to the request's URL, not the server's.
                .respondJSON(
                    status: 200, json: "[1, 2]",
                    headers: [("Link", #"<items?per_page=2&page=2>; rel="next", </v1/shops/s1/items>; rel=first"#)])
            case "per_page=2&page=2&api_key=k1":
                .respondJSON(
                    status: 200, json: "[3]",
                    headers: [("link", #"</v1/shops/s1/items?per_page=2&page=3#frag>; rel="last next""#)])
            case "per_page=2&page=3&api_key=k1": .respondJSON(status: 200, json: "[4]")
            default: .respondJSON(status: 400, json: #"{"message":"unexpected"}"#)
            }
        }
        defer { server.stop() }
        let core = Self.core(server)
        let stream = Pagination.linkedItems(options: RequestOptions(headers: ["X-Trace": "t"])) { options in
            try await Self.listItems(core, options: options)
        }
        XCTAssertEqual(server.requests.count, 0)
        var iterator = stream.makeAsyncIterator()
        var received: [Int] = []
        for expectedRequests in [1, 1, 2, 3] {
            let item = try await iterator.next()
            received.append(try XCTUnwrap(item))
            XCTAssertEqual(server.requests.count, expectedRequests)
        }
        let end = try await iterator.next()
        XCTAssertNil(end)
        XCTAssertEqual(received, [1, 2, 3, 4])
        XCTAssertEqual(
            server.requests.map(\.target),
            [
                "/v1/shops/s1/items?per_page=2&api_key=k1", "/v1/shops/s1/items?per_page=2&page=2&api_key=k1",
                "/v1/shops/s1/items?per_page=2&page=3&api_key=k1",
            ], "the link's query in place of the operation's; the credential after it; no fragment")
        for request in server.requests {
            XCTAssertEqual(request.header("X-Locale"), "fr", "the operation's headers on every page")
            XCTAssertEqual(request.header("X-Trace"), "t", "the caller's options on every page")
        }
    }

    func testALinkToAnotherOriginIsNotFollowed() async throws {
        let elsewhere = try TestHTTPServer { _ in .respondJSON(status: 200, json: "[666]") }
        defer { elsewhere.stop() }
        let evil = elsewhere.baseURL.absoluteString + "/v1/shops/s1/items?page=2"
        let server = try TestHTTPServer { request in
            .respondJSON(status: 200, json: "[1, 2]", headers: [("Link", "<\(evil)>; rel=next")])
        }
        defer { server.stop() }
        let core = Self.core(server)
        var received: [Int] = []
        do {
            for try await item in Pagination.linkedItems(
                options: RequestOptions(), fetchPage: { try await Self.listItems(core, options: $0) })
            {
                received.append(item)
            }
            XCTFail("the walk ends with an error")
        } catch let error as PaginationLinkError {
            XCTAssertEqual(error.link.absoluteString, evil)
            XCTAssertEqual(error.origin, server.baseURL.absoluteString, "no path, and no credential from the query")
            XCTAssertFalse(String(describing: error).contains("k1"))
            XCTAssertTrue(String(describing: error).contains("another origin"), "\(error)")
            XCTAssertFalse(String(describing: error).contains("page=2"), "no query in the message")
        }
        XCTAssertEqual(received, [1, 2], "the page's items come before the error")
        XCTAssertEqual(server.requests.count, 1)
        XCTAssertEqual(elsewhere.requests.count, 0, "nothing, and no credential, went to the other origin")
    }

    func testASameOriginNextLinkIsPreferredAndALinkBackToTheFirstPageEndsTheWalk() async throws {
        let server = try TestHTTPServer { request in
            request.query == "per_page=2&api_key=k1"
                ? .respondJSON(
                    status: 200, json: "[1]",
                    headers: [("Link", #"<https://evil.example/x>; rel=next, <items?page=2>; rel=next"#)])
                : .respondJSON(
                    status: 200, json: "[2]", headers: [("Link", #"<items?per_page=2&api_key=k1>; rel=next"#)])
        }
        defer { server.stop() }
        let core = Self.core(server)
        var received: [Int] = []
        do {
            for try await item in Pagination.linkedItems(
                options: RequestOptions(), fetchPage: { try await Self.listItems(core, options: $0) })
            {
                received.append(item)
            }
            XCTFail("the walk ends with an error")
        } catch let error as PaginationLoopError {
            XCTAssertEqual(error.pagesFetched, 2)
        }
        XCTAssertEqual(received, [1, 2])
        XCTAssertEqual(
            server.requests.map(\.target),
            ["/v1/shops/s1/items?per_page=2&api_key=k1", "/v1/shops/s1/items?page=2&api_key=k1"],
            "the first page is not fetched twice")
    }

    /// `nextURLItems`: the next page's URL in the body (relative, then absolute, then to
    /// another origin, which is not followed).
    func testNextURLsInTheBodyAreFollowedOnTheSameOriginOnly() async throws {
        let elsewhere = try TestHTTPServer { _ in .respondJSON(status: 200, json: #"{"items":[666]}"#) }
        defer { elsewhere.stop() }
        let server = try TestHTTPServer { request in
            switch request.query ?? "" {
            case "per_page=2&api_key=k1": .respondJSON(status: 200, json: #"{"items":[1,2],"next":"items?c=2"}"#)
            case "c=2&api_key=k1":
                .respondJSON(
                    status: 200,
                    json:
                        #"{"items":[3],"next":"http://127.0.0.1:\#(request.header("Host")?.split(separator: ":").last ?? "")/v1/shops/s1/items?c=3"}"#
                )
            case "c=3&api_key=k1":
                .respondJSON(
                    status: 200, json: #"{"items":[4],"next":"\#(elsewhere.baseURL.absoluteString)/steal?c=4"}"#)
            default: .respondJSON(status: 400, json: #"{"message":"unexpected"}"#)
            }
        }
        defer { server.stop() }
        struct Listing: Decodable, Sendable {
            var items: [Int]
            var next: String?
        }
        let core = Self.core(server)
        let stream = Pagination.nextURLItems(options: RequestOptions()) { options in
            var builder = RequestBuilder(method: .get, path: "/shops/{shop}/items")
            builder.setPathParameter("shop", "s1")
            builder.addQueryParameter("per_page", 2)
            builder.security = [["key"]]
            let response = try await core.send(builder, operationID: "listItems", options: options)
            let listing = try core.decodeJSON(Listing.self, from: response, operationID: "listItems")
            return Page(items: listing.items, nextCursor: listing.next)
        }
        var iterator = stream.makeAsyncIterator()
        var received: [Int] = []
        for expectedRequests in [1, 1, 2, 3] {
            let item = try await iterator.next()
            received.append(try XCTUnwrap(item))
            XCTAssertEqual(server.requests.count, expectedRequests)
        }
        do {
            _ = try await iterator.next()
            XCTFail("the link to another origin is not followed")
        } catch is PaginationLinkError {}
        XCTAssertEqual(received, [1, 2, 3, 4])
        XCTAssertEqual(
            server.requests.map(\.target),
            [
                "/v1/shops/s1/items?per_page=2&api_key=k1", "/v1/shops/s1/items?c=2&api_key=k1",
                "/v1/shops/s1/items?c=3&api_key=k1",
            ])
        XCTAssertEqual(elsewhere.requests.count, 0)
    }

    func testWithoutAClientTheWalkEndsAfterTheFirstPage() async throws {
        let fetched = Fetches()
        var received: [String] = []
        for try await item in Pagination.linkedItems(
            options: RequestOptions(),
            fetchPage: { _ in
                fetched.record("page")
                return ["a", "b"]
            })
        {
            received.append(item)
        }
        XCTAssertEqual(received, ["a", "b"])
        XCTAssertEqual(fetched.cursors.count, 1)
    }

    // MARK: Link headers (RFC 8288)

    func testLinkParsing() {
        let links = WebLink.parse(
            #"<https://api.example.com/items?page=2&x=a,b>; rel="next"; title="a; b, c", </items?page=9>;rel=last;  type=text/html , <x>; REL="Prev Previous"; rel=ignored; title*=UTF-8'en'%E2%82%AC; flag"#
        )
        XCTAssertEqual(links.map(\.target), ["https://api.example.com/items?page=2&x=a,b", "/items?page=9", "x"])
        XCTAssertEqual(links[0].parameter("title"), "a; b, c")
        XCTAssertEqual(links[0].relations, ["next"])
        XCTAssertEqual(links[1].relations, ["last"])
        XCTAssertEqual(links[1].parameter("type"), "text/html")
        XCTAssertEqual(
            links[2].relations, ["prev", "previous"], "the first rel counts; relation types are case-insensitive")
        XCTAssertEqual(links[2].parameter("title*"), "UTF-8'en'%E2%82%AC")
        XCTAssertEqual(links[2].parameter("flag"), "")
        XCTAssertEqual(
            WebLink.parse(#"<a>; title="quote \" and \\ backslash""#).first?.parameter("title"),
            #"quote " and \ backslash"#)
    }

    func testMalformedLinksKeepTheLinksBeforeThem() {
        XCTAssertEqual(WebLink.parse(#"<a>; rel=next, garbage, <b>; rel=prev"#).map(\.target), ["a"])
        XCTAssertEqual(WebLink.parse(#"<a>; rel=next, <b>; title="unterminated"#).map(\.target), ["a"])
        XCTAssertEqual(WebLink.parse(""), [])
        XCTAssertEqual(WebLink.parse(" , <a>").map(\.target), ["a"])
    }

    func testTheNextURLFromHeaders() throws {
        var headers = HTTPHeaders()
        headers.add("Link", #"</items?page=1>; rel="prev first""#)
        headers.add("link", #"<https://evil.example/steal>; rel=next, <items?page=3>; rel="last next""#)
        let base = URL(string: "https://api.example.com/v1/items?page=2")!
        XCTAssertEqual(
            WebLink.url(rel: "next", in: headers, relativeTo: base)?.absoluteString,
            "https://api.example.com/v1/items?page=3", "relative to the request; another origin passed over")
        XCTAssertEqual(
            WebLink.url(rel: "NEXT", in: headers, relativeTo: base, allowOtherOrigins: true)?.absoluteString,
            "https://evil.example/steal")
        XCTAssertEqual(
            WebLink.url(rel: "first", in: headers, relativeTo: base)?.absoluteString,
            "https://api.example.com/items?page=1")
        XCTAssertNil(
            WebLink.url(rel: "next", in: ["Link": #"<https://api.example.com:8443/x>; rel=next"#], relativeTo: base))
        XCTAssertNil(WebLink.url(rel: "next", in: HTTPHeaders(), relativeTo: base))
    }
}

/// The cursors a fetch closure was called with.
private final class Fetches: @unchecked Sendable {
    private let lock = NSLock()
    private var log: [String?] = []

    func record(_ cursor: String?) {
        lock.lock()
        log.append(cursor)
        lock.unlock()
    }

    var cursors: [String?] {
        lock.lock()
        defer { lock.unlock() }
        return log
    }
}
