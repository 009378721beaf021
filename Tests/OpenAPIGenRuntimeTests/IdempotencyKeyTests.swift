import Foundation
import OpenAPIGenRuntime
import XCTest

/// ``ClientCore/send(_:operationID:options:server:)`` with ``RequestBuilder/idempotencyKeyHeader``:
/// one key per call, the same on every retry, which makes a POST or PATCH safe to send again.
final class IdempotencyKeyTests: XCTestCase {
    private static let ok = HTTPResponse(statusCode: 200, body: Data("{}".utf8))
    private static let unavailable = HTTPResponse(statusCode: 503)
    private static let fast = RetryPolicy(maxAttempts: 3, initialBackoff: 0.01, maxBackoff: 0.02)

    private func core(_ transport: any HTTPTransport, timeout: TimeInterval = 10) -> ClientCore {
        ClientCore(
            serverURL: URL(string: "https://api.example.com")!, transport: transport, middlewares: [],
            configuration: ClientConfiguration(timeout: timeout, retryPolicy: Self.fast))
    }

    /// `POST /orders`, with an idempotency key in `Idempotency-Key` unless `keyed` is false.
    private func createOrder(keyed: Bool = true, key: String? = nil, method: HTTPMethod = .post) -> RequestBuilder {
        var request = RequestBuilder(method: method, path: "/orders")
        request.setHeader("Idempotency-Key", key)
        if keyed { request.idempotencyKeyHeader = "Idempotency-Key" }
        return request
    }

    func testAPostWithAKeyIsRetriedOn503WithTheSameKey() async throws {
        let transport = RecordingTransport([.success(Self.unavailable), .success(Self.ok)])
        let response = try await core(transport).send(createOrder(), operationID: "createOrder")
        XCTAssertEqual(response.statusCode, 200)
        let keys = transport.requests.map { $0.headers["Idempotency-Key"] }
        XCTAssertEqual(keys.count, 2, "the 503 is retried")
        let key = try XCTUnwrap(keys[0])
        XCTAssertNotNil(UUID(uuidString: key), "a generated key is a UUID: \(key)")
        XCTAssertEqual(keys[1], key, "the retry carries the first attempt's key")
    }

    func testAPostWithAKeyIsRetriedAfterATimeoutAndADroppedConnection() async throws {
        let dropped = RecordingTransport([.failure(URLError(.networkConnectionLost)), .success(Self.ok)])
        let response = try await core(dropped).send(createOrder(), operationID: "createOrder")
        XCTAssertEqual(response.statusCode, 200)
        XCTAssertEqual(dropped.requests.count, 2)
        XCTAssertEqual(Set(dropped.requests.map { $0.headers["Idempotency-Key"] }).count, 1)

        let slow = RecordingTransport([.success(Self.ok)], hangFirst: true)
        let answer = try await core(slow, timeout: 0.1).send(createOrder(), operationID: "createOrder")
        XCTAssertEqual(answer.statusCode, 200)
        XCTAssertEqual(slow.requests.count, 2, "the attempt that timed out is retried")
        XCTAssertEqual(Set(slow.requests.map { $0.headers["Idempotency-Key"] }).count, 1)
    }

    func testAPatchWithAKeyIsRetriedLikeAPost() async throws {
        let transport = RecordingTransport([.success(HTTPResponse(statusCode: 502)), .success(Self.ok)])
        let response = try await core(transport).send(createOrder(method: .patch), operationID: "updateOrder")
        XCTAssertEqual(response.statusCode, 200)
        XCTAssertEqual(transport.requests.count, 2)
    }

    func testAPostWithoutAKeyIsNotRetriedAndGetsNoKey() async throws {
        let transport = RecordingTransport([.success(Self.unavailable), .success(Self.ok)])
        let response = try await core(transport).send(createOrder(keyed: false), operationID: "createOrder")
        XCTAssertEqual(response.statusCode, 503, "the server may have acted on it")
        XCTAssertEqual(transport.requests.count, 1)
        XCTAssertNil(transport.requests[0].headers["Idempotency-Key"])

        let dropped = RecordingTransport([.failure(URLError(.networkConnectionLost)), .success(Self.ok)])
        do {
            _ = try await core(dropped).send(createOrder(keyed: false), operationID: "createOrder")
            XCTFail("expected TransportError")
        } catch let error as TransportError {
            XCTAssertEqual(error.attempts, 1)
        }
        XCTAssertEqual(dropped.requests.count, 1)
    }

    func testACallersKeyIsUsedAsItIs() async throws {
        let transport = RecordingTransport([.success(Self.unavailable), .success(Self.ok)])
        _ = try await core(transport).send(createOrder(key: "order-42"), operationID: "createOrder")
        XCTAssertEqual(transport.requests.map { $0.headers["Idempotency-Key"] }, ["order-42", "order-42"])

        // Given in the call's options instead, under any spelling of the header's name.
        let viaOptions = RecordingTransport([.success(Self.unavailable), .success(Self.ok)])
        let options = RequestOptions(headers: ["idempotency-key": "order-43"])
        _ = try await core(viaOptions).send(createOrder(), operationID: "createOrder", options: options)
        XCTAssertEqual(viaOptions.requests.map { $0.headers["Idempotency-Key"] }, ["order-43", "order-43"])
        let keyFields = viaOptions.requests[0].headers.fields.filter { $0.name.lowercased() == "idempotency-key" }
        XCTAssertEqual(keyFields.count, 1, "the caller's key replaces none and is not doubled")
    }

    func testAnEmptyKeyIsReplacedByAGeneratedOne() async throws {
        let transport = RecordingTransport([.success(Self.ok)])
        _ = try await core(transport).send(createOrder(key: " "), operationID: "createOrder")
        let key = try XCTUnwrap(transport.requests.first?.headers["Idempotency-Key"])
        XCTAssertNotNil(UUID(uuidString: key), key)
    }

    func testTwoCallsGetTwoKeys() async throws {
        let transport = RecordingTransport([.success(Self.ok)])
        let core = core(transport)
        let request = createOrder()
        _ = try await core.send(request, operationID: "createOrder")
        _ = try await core.send(request, operationID: "createOrder")
        let keys = transport.requests.compactMap { $0.headers["Idempotency-Key"] }
        guard keys.count == 2 else { return XCTFail("each call sends a key: \(keys)") }
        XCTAssertNotEqual(keys[0], keys[1], "each call has a key of its own, even from the same builder")
    }
}

/// Answers with its script in turn (the last step repeats) and records every request; with
/// `hangFirst`, the first attempt never answers (until it is cancelled).
private final class RecordingTransport: HTTPTransport, @unchecked Sendable {
    private let lock = NSLock()
    private let script: [Result<HTTPResponse, any Error>]
    private let hangFirst: Bool
    private var recorded: [HTTPRequest] = []

    init(_ script: [Result<HTTPResponse, any Error>], hangFirst: Bool = false) {
        self.script = script
        self.hangFirst = hangFirst
    }

    var requests: [HTTPRequest] { lock.withLock { recorded } }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let step = lock.withLock { () -> Result<HTTPResponse, any Error>? in
            recorded.append(request)
            let index = recorded.count - (hangFirst ? 1 : 0)
            return index == 0 ? nil : script[min(index, script.count) - 1]
        }
        guard let step else {
            try await Task.sleep(for: .seconds(30))
            throw CancellationError()
        }
        return try step.get()
    }
}
