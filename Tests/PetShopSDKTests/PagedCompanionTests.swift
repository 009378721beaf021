import Foundation
import PetShopSDK
import TestHTTPServer
import XCTest

/// The generated companions of paged operations, over HTTP: `listOwnersItems` (a page token
/// declared by the spec's `x-speakeasy-pagination`) and `listVisitsItems` (offset and limit,
/// declared by `openapi-gen.yaml`'s `pagination`).
final class PagedCompanionTests: XCTestCase {
    /// Three pages of owners: `a b`, `c`, `d e`, the last without a next token.
    private static func ownerPages(failing: Bool = false) throws -> TestHTTPServer {
        try TestHTTPServer { request in
            switch request.query {
            case "count=2":
                .respondJSON(status: 200, json: #"{"collection":["a","b"],"pagination":{"next_page_token":"p2"}}"#)
            case "page_token=p2&count=2":
                failing
                    ? .respondJSON(status: 500, json: #"{"message":"down"}"#)
                    : .respondJSON(status: 200, json: #"{"collection":["c"],"pagination":{"next_page_token":"p3"}}"#)
            case "page_token=p3&count=2": .respondJSON(status: 200, json: #"{"collection":["d","e"],"pagination":{}}"#)
            default: .respondJSON(status: 400, json: #"{"message":"unexpected query"}"#)
            }
        }
    }

    func testEveryPageIsFetchedOnceInOrderAndTheWalkStopsAtTheLast() async throws {
        let server = try Self.ownerPages()
        defer { server.stop() }
        let client = PetShopClient(serverURL: server.baseURL, apiKey: "k")
        var owners: [String] = []
        for try await owner in client.listOwnersItems(count: 2) { owners.append(owner) }
        XCTAssertEqual(owners, ["a", "b", "c", "d", "e"])
        XCTAssertEqual(
            server.requests.map { $0.query ?? "" }, ["count=2", "page_token=p2&count=2", "page_token=p3&count=2"])
    }

    func testAPageIsFetchedOnlyWhenTheLoopReachesIt() async throws {
        let server = try Self.ownerPages()
        defer { server.stop() }
        let client = PetShopClient(serverURL: server.baseURL, apiKey: "k")
        let stream = client.listOwnersItems(count: 2)
        XCTAssertEqual(server.requests.count, 0, "making the stream fetches nothing")
        var iterator = stream.makeAsyncIterator()
        let first = try await iterator.next()
        XCTAssertEqual(first, "a")
        XCTAssertEqual(server.requests.count, 1)
        let second = try await iterator.next()
        XCTAssertEqual(second, "b")
        XCTAssertEqual(server.requests.count, 1, "the second item is on the first page")
        let third = try await iterator.next()
        XCTAssertEqual(third, "c")
        XCTAssertEqual(server.requests.count, 2)
    }

    func testBreakingOutFetchesNoFurtherPage() async throws {
        let server = try Self.ownerPages()
        defer { server.stop() }
        let client = PetShopClient(serverURL: server.baseURL, apiKey: "k")
        for try await owner in client.listOwnersItems(count: 2) where owner == "b" { break }
        XCTAssertEqual(server.requests.count, 1)
    }

    func testAFailingPageThrowsAfterTheItemsBeforeIt() async throws {
        let server = try Self.ownerPages(failing: true)
        defer { server.stop() }
        let client = PetShopClient(serverURL: server.baseURL, apiKey: "k")
        var owners: [String] = []
        do {
            for try await owner in client.listOwnersItems(count: 2) { owners.append(owner) }
            XCTFail("the second page fails")
        } catch {
            XCTAssertFalse(error is CancellationError, "\(error)")
        }
        XCTAssertEqual(owners, ["a", "b"])
        XCTAssertEqual(server.requests.count, 2, "no page after the failing one")
    }

    func testOffsetPagesStopAtAShortPage() async throws {
        let server = try TestHTTPServer { request in
            switch request.query {
            case "limit=2": .respondJSON(status: 200, json: #"["v1","v2"]"#)
            case "offset=2&limit=2": .respondJSON(status: 200, json: #"["v3","v4"]"#)
            case "offset=4&limit=2": .respondJSON(status: 200, json: #"["v5"]"#)
            default: .respondJSON(status: 400, json: #"{"message":"unexpected query"}"#)
            }
        }
        defer { server.stop() }
        let client = PetShopClient(serverURL: server.baseURL, apiKey: "k")
        var visits: [String] = []
        for try await visit in client.listVisitsItems(limit: 2) { visits.append(visit) }
        XCTAssertEqual(visits, ["v1", "v2", "v3", "v4", "v5"])
        XCTAssertEqual(server.requests.map { $0.query ?? "" }, ["limit=2", "offset=2&limit=2", "offset=4&limit=2"])
    }

    func testOffsetPagesWithoutALimitStopAtAnEmptyPage() async throws {
        let server = try TestHTTPServer { request in
            switch request.query {
            case nil, "": .respondJSON(status: 200, json: #"["v1","v2"]"#)
            case "offset=2": .respondJSON(status: 200, json: #"[]"#)
            default: .respondJSON(status: 400, json: #"{"message":"unexpected query"}"#)
            }
        }
        defer { server.stop() }
        let client = PetShopClient(serverURL: server.baseURL, apiKey: "k")
        var visits: [String] = []
        for try await visit in client.listVisitsItems() { visits.append(visit) }
        XCTAssertEqual(visits, ["v1", "v2"])
        XCTAssertEqual(server.requests.count, 2)
    }

    // MARK: Link headers

    /// Three pages of toys, each naming the next in a `Link` header: `t1 t2` (a link relative to
    /// the request), `t3` (a path), `t4` (none). Anything else is a 400.
    private static func toyPages() throws -> TestHTTPServer {
        try TestHTTPServer { request in
            switch request.target {
            case "/shops/s1/toys?per_page=2":
                .respondJSON(
                    status: 200, json: #"["t1","t2"]"#,
                    headers: [("Link", #"<toys?per_page=2&page=2>; rel="next", <toys?page=9>; rel="last""#)])
            case "/shops/s1/toys?per_page=2&page=2":
                .respondJSON(
                    status: 200, json: #"["t3"]"#, headers: [("Link", #"</shops/s1/toys?per_page=2&page=3>; rel=next"#)]
                )
            case "/shops/s1/toys?per_page=2&page=3": .respondJSON(status: 200, json: #"["t4"]"#)
            default: .respondJSON(status: 400, json: #"{"message":"unexpected request"}"#)
            }
        }
    }

    func testLinkPagesAreFetchedLazilyOnceEachWithTheSameCredentialsAndHeaders() async throws {
        let server = try Self.toyPages()
        defer { server.stop() }
        let client = PetShopClient(serverURL: server.baseURL, apiKey: "k")
        let stream = client.listToysItems(shop: "s1", perPage: 2, xLocale: "fr")
        XCTAssertEqual(server.requests.count, 0, "making the stream fetches nothing")
        var iterator = stream.makeAsyncIterator()
        var toys: [String] = []
        for expectedRequests in [1, 1, 2, 3] {
            let toy = try await iterator.next()
            toys.append(try XCTUnwrap(toy))
            XCTAssertEqual(server.requests.count, expectedRequests, "after \(toys)")
        }
        let end = try await iterator.next()
        XCTAssertNil(end)
        XCTAssertEqual(toys, ["t1", "t2", "t3", "t4"])
        XCTAssertEqual(
            server.requests.map(\.target),
            ["/shops/s1/toys?per_page=2", "/shops/s1/toys?per_page=2&page=2", "/shops/s1/toys?per_page=2&page=3"],
            "each page once, in order, at the linked URL")
        for request in server.requests {
            XCTAssertEqual(request.header("X-API-Key"), "k")
            XCTAssertEqual(request.header("X-Locale"), "fr")
        }
    }

    func testBreakingOutOfALinkWalkFetchesNoFurtherPage() async throws {
        let server = try Self.toyPages()
        defer { server.stop() }
        let client = PetShopClient(serverURL: server.baseURL, apiKey: "k")
        for try await toy in client.listToysItems(shop: "s1", perPage: 2) where toy == "t3" { break }
        XCTAssertEqual(server.requests.count, 2)
    }

    /// A `Link` to another origin (here the same host on another port) would carry the API
    /// key there: the walk ends with `PaginationLinkError` after the page's items instead.
    func testALinkToAnotherOriginIsRefused() async throws {
        let elsewhere = try TestHTTPServer { _ in .respondJSON(status: 200, json: #"["stolen"]"#) }
        defer { elsewhere.stop() }
        let target = elsewhere.baseURL.absoluteString + "/shops/s1/toys?page=2"
        let server = try TestHTTPServer { _ in
            .respondJSON(status: 200, json: #"["t1"]"#, headers: [("Link", "<\(target)>; rel=\"next\"")])
        }
        defer { server.stop() }
        let client = PetShopClient(serverURL: server.baseURL, apiKey: "k")
        var toys: [String] = []
        do {
            for try await toy in client.listToysItems(shop: "s1") { toys.append(toy) }
            XCTFail("the walk must not follow the link")
        } catch let error as PaginationLinkError {
            XCTAssertEqual(error.link.absoluteString, target)
        }
        XCTAssertEqual(toys, ["t1"])
        XCTAssertEqual(server.requests.count, 1)
        XCTAssertEqual(elsewhere.requests.count, 0, "no request, and no API key, went to the other origin")
    }

    /// Another host name for the same server (`localhost` for `127.0.0.1`) or another scheme
    /// is another origin too: not followed, so the server sees one request each time.
    func testALinkToAnotherHostNameOrSchemeIsRefused() async throws {
        for (host, scheme) in [("localhost", "http"), ("127.0.0.1", "https")] {
            let server = try TestHTTPServer { request in
                let port = request.header("Host")?.split(separator: ":").last ?? ""
                return .respondJSON(
                    status: 200, json: #"["t1"]"#,
                    headers: [("Link", "<\(scheme)://\(host):\(port)/shops/s1/toys?page=2>; rel=\"next\"")])
            }
            defer { server.stop() }
            let client = PetShopClient(serverURL: server.baseURL, apiKey: "k")
            var toys: [String] = []
            do {
                for try await toy in client.listToysItems(shop: "s1") { toys.append(toy) }
                XCTFail("the walk must not follow a link to \(scheme)://\(host)")
            } catch let error as PaginationLinkError {
                XCTAssertEqual(error.link.host, host)
                XCTAssertEqual(error.link.scheme, scheme)
            }
            XCTAssertEqual(toys, ["t1"])
            XCTAssertEqual(server.requests.count, 1, "\(scheme)://\(host)")
        }
    }

    func testALinkWalkThroughAFakeEndsAfterTheFirstPage() async throws {
        let fake = ClientProtocolTests.FakePetShop()
        var toys: [String] = []
        for try await toy in fake.listToysItems(shop: "s1") { toys.append(toy) }
        XCTAssertEqual(toys, ["fake toy"])
        XCTAssertEqual(fake.recorded, ["listToys shop=s1"])
    }

    /// Receipts: the next page's URL is in the body (`nextUrl: $.next`), relative, then
    /// absolute on the same server, then null.
    func testNextURLsInTheBodyAreFollowedLazilyOnceEach() async throws {
        let server = try TestHTTPServer { request in
            switch request.target {
            case "/shops/s1/receipts":
                .respondJSON(status: 200, json: #"{"receipts":["r1","r2"],"next":"receipts?after=r2"}"#)
            case "/shops/s1/receipts?after=r2":
                .respondJSON(
                    status: 200,
                    json:
                        #"{"receipts":["r3"],"next":"http://\#(request.header("Host") ?? "")/shops/s1/receipts?after=r3"}"#
                )
            case "/shops/s1/receipts?after=r3": .respondJSON(status: 200, json: #"{"receipts":["r4"],"next":null}"#)
            default: .respondJSON(status: 400, json: #"{"message":"unexpected request"}"#)
            }
        }
        defer { server.stop() }
        let client = PetShopClient(serverURL: server.baseURL, apiKey: "k")
        var iterator = client.listReceiptsItems(shop: "s1").makeAsyncIterator()
        var receipts: [String] = []
        for expectedRequests in [1, 1, 2, 3] {
            let receipt = try await iterator.next()
            receipts.append(try XCTUnwrap(receipt))
            XCTAssertEqual(server.requests.count, expectedRequests)
        }
        let end = try await iterator.next()
        XCTAssertNil(end)
        XCTAssertEqual(receipts, ["r1", "r2", "r3", "r4"])
        XCTAssertEqual(server.requests.map { $0.header("X-API-Key") }, ["k", "k", "k"])
        // A fake has no request to follow a URL from: its first page only.
        var faked: [String] = []
        for try await receipt in ClientProtocolTests.FakePetShop().listReceiptsItems(shop: "s1") {
            faked.append(receipt)
        }
        XCTAssertEqual(faked, ["fake receipt"])
    }

    func testANextURLInTheBodyToAnotherOriginIsRefused() async throws {
        let elsewhere = try TestHTTPServer { _ in .respondJSON(status: 200, json: #"{"receipts":["stolen"]}"#) }
        defer { elsewhere.stop() }
        let server = try TestHTTPServer { _ in
            .respondJSON(
                status: 200, json: #"{"receipts":["r1"],"next":"\#(elsewhere.baseURL.absoluteString)/receipts"}"#)
        }
        defer { server.stop() }
        let client = PetShopClient(serverURL: server.baseURL, apiKey: "k")
        var receipts: [String] = []
        do {
            for try await receipt in client.listReceiptsItems(shop: "s1") { receipts.append(receipt) }
            XCTFail("the walk must not follow the URL")
        } catch is PaginationLinkError {}
        XCTAssertEqual(receipts, ["r1"])
        XCTAssertEqual(elsewhere.requests.count, 0)
    }

    /// The README's `Link` pagination example.
    func testTheREADMELinkPaginationExample() async throws {
        let server = try Self.toyPages()
        defer { server.stop() }
        let client = PetShopClient(serverURL: server.baseURL, apiKey: "k")
        var toys: [String] = []
        // README link: begin
        do {
            for try await toy in client.listToysItems(shop: "s1", perPage: 2) {
                toys.append(toy)  // each page at the URL of the last one's `Link: <…>; rel="next"`
            }
        } catch let error as PaginationLinkError {
            print("not followed: \(error)")  // a next link to another host (or scheme, or port)
        }
        // README link: end
        XCTAssertEqual(toys, ["t1", "t2", "t3", "t4"])
        XCTAssertEqual(server.requests.count, 3)
        try assertTheREADMEShowsTheExample(marker: "README link")
    }

    /// A fake of the protocol has the companion too, which walks the fake's pages.
    func testAFakeOfTheProtocolIsPagedToo() async throws {
        let fake = ClientProtocolTests.FakePetShop()
        var owners: [String] = []
        for try await owner in fake.listOwnersItems() { owners.append(owner) }
        XCTAssertEqual(owners, ["x", "y"])
        XCTAssertEqual(fake.recorded, ["listOwners pageToken=nil", "listOwners pageToken=2"])
    }

    /// The README's pagination example.
    func testTheREADMEPaginationExample() async throws {
        let server = try Self.ownerPages()
        defer { server.stop() }
        var owners: [String] = []
        // README: begin
        let client = PetShopClient(serverURL: server.baseURL, apiKey: "k")
        for try await owner in client.listOwnersItems(count: 2) {
            owners.append(owner)  // the next page is fetched when the loop gets there
        }
        // README: end
        XCTAssertEqual(owners, ["a", "b", "c", "d", "e"])
        XCTAssertEqual(server.requests.count, 3)
        try assertTheREADMEShowsTheExample()
    }

    /// The lines between `// README: begin` and `// README: end` in this file, unindented by
    /// eight spaces, must appear in the README as they are.
    private func assertTheREADMEShowsTheExample(marker: String = "README", file: String = #filePath) throws {
        let source = try String(contentsOf: URL(fileURLWithPath: file), encoding: .utf8)
        let example = source.components(separatedBy: "// \(marker): begin\n")[1].components(
            separatedBy: "        // \(marker): end")[0]
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
