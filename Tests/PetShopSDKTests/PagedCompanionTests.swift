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
