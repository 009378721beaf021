import Foundation
import PetShopSDK
import TestHTTPServer
import XCTest

/// `createOrder` declares Stripe's `Idempotency-Key` header, so its POST is retried safely
/// over real HTTP: every attempt of a call carries the same key, and a server that acts once
/// per key books once per call. `createPet` declares no key, so its POST is never sent twice.
final class IdempotencyTests: XCTestCase {
    private static let fast = ClientConfiguration(
        timeout: 5, retryPolicy: RetryPolicy(maxAttempts: 3, initialBackoff: 0.01, maxBackoff: 0.02))

    private func client(_ server: TestHTTPServer) -> PetShopClient {
        PetShopClient(serverURL: server.baseURL, apiKey: "k", configuration: Self.fast)
    }

    func testAKeyedPostIsRetriedOn503WithTheSameKeyAndBooksOnce() async throws {
        let ledger = Ledger()
        let server = try TestHTTPServer { request in ledger.handle(request, firstAttempt: .respond(status: 503)) }
        defer { server.stop() }
        let client = client(server)
        let first = try await client.createOrder(body: CreateOrderRequest(petName: "Tom"))
        XCTAssertEqual(ledger.bookings.count, 1, "one call, one booking")
        let keys = server.requests.map { $0.header("Idempotency-Key") }
        XCTAssertEqual(keys.count, 2, "the 503 was retried")
        let key = try XCTUnwrap(keys.first ?? nil)
        XCTAssertNotNil(UUID(uuidString: key), "a generated key is a UUID: \(key)")
        XCTAssertEqual(keys[1], key, "the retry carries the same key")
        XCTAssertEqual(first.id, "order-1")

        let second = try await client.createOrder(body: CreateOrderRequest(petName: "Rex"))
        XCTAssertEqual(second.id, "order-2")
        XCTAssertEqual(ledger.bookings.count, 2)
        let secondKeys = server.requests.dropFirst(2).map { $0.header("Idempotency-Key") }
        XCTAssertEqual(secondKeys.count, 2)
        XCTAssertEqual(secondKeys[0], secondKeys[1])
        XCTAssertNotEqual(secondKeys[0], key, "a second call has a key of its own")
        XCTAssertEqual(ledger.attempts(for: key), 2)
    }

    func testAKeyedPostIsRetriedWhenTheConnectionDropsAndACallersKeyIsUsedAsItIs() async throws {
        let ledger = Ledger()
        let server = try TestHTTPServer { request in ledger.handle(request, firstAttempt: .closeWithoutResponse) }
        defer { server.stop() }
        let order = try await client(server).createOrder(
            idempotencyKey: "order-key-7", body: CreateOrderRequest(petName: "Kit"))
        XCTAssertEqual(order.id, "order-1")
        XCTAssertEqual(server.requests.map { $0.header("Idempotency-Key") }, ["order-key-7", "order-key-7"])
        XCTAssertEqual(ledger.bookings, ["order-key-7"])
    }

    func testAPostWithoutAKeyIsNotRetriedOn503() async throws {
        let server = try TestHTTPServer { _ in .respond(status: 503) }
        defer { server.stop() }
        do {
            _ = try await client(server).createPet(CreatePetRequest(name: "Tom"))
            XCTFail("expected UnexpectedStatusError")
        } catch let error as UnexpectedStatusError {
            XCTAssertEqual(error.statusCode, 503)
        }
        XCTAssertEqual(server.requestCount(path: "/pets"), 1, "the server may have acted on it")
        XCTAssertNil(server.requests.first?.header("Idempotency-Key"))
    }
}

/// A server's memory of idempotency keys: the first attempt with a key fails as told; the
/// next one books (once per key) and answers with that key's booking.
private final class Ledger: @unchecked Sendable {
    private let lock = NSLock()
    private var attemptsByKey: [String: Int] = [:]
    private var booked: [String] = []

    /// The keys that made a booking, in order.
    var bookings: [String] { lock.withLock { booked } }

    func attempts(for key: String) -> Int { lock.withLock { attemptsByKey[key, default: 0] } }

    func handle(_ request: RecordedRequest, firstAttempt: ServerAction) -> ServerAction {
        guard let key = request.header("Idempotency-Key") else {
            return .respondJSON(status: 400, json: #"{"message": "no Idempotency-Key"}"#)
        }
        let booking: Int? = lock.withLock {
            attemptsByKey[key, default: 0] += 1
            guard attemptsByKey[key]! > 1 else { return nil }
            if !booked.contains(key) { booked.append(key) }
            return booked.firstIndex(of: key)! + 1
        }
        guard let booking else { return firstAttempt }
        return .respondJSON(status: 201, json: #"{"id": "order-\#(booking)"}"#)
    }
}
