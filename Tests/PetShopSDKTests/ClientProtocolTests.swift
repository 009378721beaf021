import Foundation
import PetShopSDK
import TestHTTPServer
import XCTest

/// Code that depends on `PetShopClientProtocol` takes the real client or a hand-written
/// fake; calls through the protocol get the client's default arguments.
final class ClientProtocolTests: XCTestCase {
    /// A fake that answers from memory and records what it was asked.
    final class FakePetShop: PetShopClientProtocol, @unchecked Sendable {
        private let lock = NSLock()
        private var calls: [String] = []
        var recorded: [String] { lock.withLock { calls } }
        private func record(_ call: String) { lock.withLock { calls.append(call) } }

        func listPets(tags: [String]?, filter: PetFilter?, session: String?, options: RequestOptions) async throws
            -> ListPetsOutput
        {
            record("listPets tags=\(tags ?? []) timeout=\(options.timeout.map { "\($0)" } ?? "default")")
            return ListPetsOutput(body: [.cat(Cat(kind: "cat", name: "Fake"))], xTotal: 1)
        }
        func createPet(_ body: CreatePetRequest, options: RequestOptions) async throws -> Pet {
            record("createPet \(body.name)")
            return .cat(Cat(kind: "cat", name: body.name))
        }
        func uploadPhoto(id: UUID, body: UploadPhotoRequest, options: RequestOptions) async throws {}
        func getPhoto(id: UUID, options: RequestOptions) async throws -> Data { Data() }
        func getUser(name: String, verbose: Int?, options: RequestOptions) async throws -> Owner { Owner(id: name) }
        func exportPets(options: RequestOptions) async throws -> String { "" }
        func postNote(day: CalendarDate, body: String, options: RequestOptions) async throws -> String { body }
        func createOrder(idempotencyKey: String?, body: CreateOrderRequest, options: RequestOptions) async throws
            -> CreateOrderResponse
        {
            throw CancellationError()
        }
        /// Two pages: `x` (next token `2`), then `y`.
        func listOwners(pageToken: String?, count: Int?, options: RequestOptions) async throws -> ListOwnersResponse {
            record("listOwners pageToken=\(pageToken ?? "nil")")
            return pageToken == nil
                ? ListOwnersResponse(collection: ["x"], pagination: .init(nextPageToken: "2"))
                : ListOwnersResponse(collection: ["y"], pagination: .init(nextPageToken: nil))
        }
        func listVisits(offset: Int?, limit: Int?, options: RequestOptions) async throws -> [String] { [] }
        func listToys(shop: String, perPage: Int?, xLocale: String?, options: RequestOptions) async throws
            -> [String]
        {
            record("listToys shop=\(shop)")
            return ["fake toy"]
        }
        func listReceipts(shop: String, options: RequestOptions) async throws -> ListReceiptsResponse {
            ListReceiptsResponse(receipts: ["fake receipt"], next: "https://elsewhere.example/next")
        }
    }

    /// App code written against the protocol.
    private func adoptFirstCat(_ shop: some PetShopClientProtocol) async throws -> String? {
        let page = try await shop.listPets(tags: ["cute"])  // `filter`, `session` and `options` defaulted
        guard case .cat(let cat)? = page.body.first else { return nil }
        _ = try await shop.createPet(CreatePetRequest(name: cat.name + " Jr"))
        return cat.name
    }

    func testAFakeStandsInForTheClient() async throws {
        let fake = FakePetShop()
        let adopted = try await adoptFirstCat(fake)
        XCTAssertEqual(adopted, "Fake")
        XCTAssertEqual(fake.recorded, ["listPets tags=[\"cute\"] timeout=default", "createPet Fake Jr"])
    }

    func testTheRealClientConformsAndCallsThroughTheProtocolGoOverHTTP() async throws {
        let server = try TestHTTPServer { request in
            request.method == "GET"
                ? .respondJSON(status: 200, json: #"[{"kind": "cat", "name": "Tom"}]"#, headers: [("X-Total", "1")])
                : .respondJSON(status: 201, json: #"{"kind": "cat", "name": "Tom Jr"}"#)
        }
        defer { server.stop() }
        let client: any PetShopClientProtocol = PetShopClient(serverURL: server.baseURL, apiKey: "k")
        let adopted = try await adoptFirstCat(client)
        XCTAssertEqual(adopted, "Tom")
        XCTAssertEqual(server.requests.map { "\($0.method) \($0.path)" }, ["GET /pets", "POST /pets"])
        XCTAssertEqual(server.requests.first?.query, "tags=cute")
    }
}
