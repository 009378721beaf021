import Foundation
import OpenAPIGenRuntime
import TestHTTPServer
import XCTest

/// Streamed responses end to end: ``ClientCore/sendStreaming(_:operationID:options:server:)``
/// over ``URLSessionTransport`` against the local test server, which holds parts of a body
/// back until the test releases them and reports when the client closes the connection.
final class StreamingHTTPTests: XCTestCase {
    struct Number: Codable, Equatable, Sendable { var n: Int }
    struct Problem: Codable, Equatable, Sendable { var message: String }

    private func core(
        _ server: TestHTTPServer, transport: any HTTPTransport = URLSessionTransport(),
        middlewares: [any ClientMiddleware] = [], retries: RetryPolicy = .disabled
    ) -> ClientCore {
        ClientCore(
            serverURL: server.baseURL, transport: transport, middlewares: middlewares,
            configuration: ClientConfiguration(timeout: 30, retryPolicy: retries))
    }

    private static func events(_ core: ClientCore) async throws -> AsyncThrowingStream<
        ServerSentEvent<Number>, any Error
    > {
        let response = try await core.sendStreaming(
            RequestBuilder(method: .get, path: "/events"), operationID: "events")
        XCTAssertEqual(response.statusCode, 200)
        return core.serverSentEvents(of: Number.self, from: response, operationID: "events")
    }

    /// Every event's number until the stream ends, and the error that ended it.
    private static func consume(_ core: ClientCore, firstArrived: ServerSignal) async -> ([Int], (any Error)?) {
        var received: [Int] = []
        do {
            let stream = try await events(core)
            for try await event in stream {
                received.append(event.data.n)
                firstArrived.fire()
            }
            return (received, nil)
        } catch {
            return (received, error)
        }
    }

    func testTheCallReturnsAtTheHeadAndEachEventArrivesWhileTheServerHoldsTheRestBack() async throws {
        let releaseFirst = ServerSignal()
        let releaseRest = ServerSignal()
        let server = try TestHTTPServer { _ in
            .stream(
                status: 200, headers: [("Content-Type", "text/event-stream"), ("X-Stream", "yes")],
                steps: [
                    .wait(releaseFirst), .sendText("data: {\"n\":1}\n\n"), .wait(releaseRest),
                    .sendText("data: {\"n\":2}\n\ndata: {\"n\":3}\n\n"),
                ])
        }
        defer { server.stop() }
        let core = core(server)

        // The head is all the server has sent: the call returns with it.
        let returned = ServerSignal()
        let call = Task {
            let response = try await core.sendStreaming(
                RequestBuilder(method: .get, path: "/events"), operationID: "events")
            returned.fire()
            return response
        }
        let headArrived = await returned.wait()
        XCTAssertTrue(headArrived, "sendStreaming returns as soon as the head arrives, before any of the body")
        XCTAssertFalse(releaseFirst.isFired)
        let response = try await call.value
        XCTAssertEqual(response.statusCode, 200)
        XCTAssertEqual(response.headers["x-stream"], "yes")

        var iterator = core.serverSentEvents(of: Number.self, from: response, operationID: "events").makeAsyncIterator()
        releaseFirst.fire()
        let first = try await iterator.next()
        XCTAssertEqual(first?.data, Number(n: 1))
        XCTAssertFalse(releaseRest.isFired, "the first event arrived while the server was holding the rest back")
        releaseRest.fire()
        let second = try await iterator.next()
        let third = try await iterator.next()
        let end = try await iterator.next()
        XCTAssertEqual([second?.data, third?.data], [Number(n: 2), Number(n: 3)])
        XCTAssertNil(end)
        XCTAssertEqual(server.requests.count, 1)
    }

    func testJSONLinesArriveOneByOneAsTheServerReleasesThem() async throws {
        let gates = (0..<3).map { _ in ServerSignal() }
        let server = try TestHTTPServer { _ in
            .stream(
                status: 200, headers: [("Content-Type", "application/x-ndjson")],
                steps: gates.enumerated().flatMap { index, gate in
                    // Each line split in two chunks, the second half held back behind the gate.
                    [.sendText("{\"n\":"), .wait(gate), .sendText("\(index)}\n")]
                })
        }
        defer { server.stop() }
        let core = core(server)
        let response = try await core.sendStreaming(RequestBuilder(method: .get, path: "/lines"), operationID: "lines")
        var iterator = core.jsonLines(of: Number.self, from: response, operationID: "lines").makeAsyncIterator()
        for (index, gate) in gates.enumerated() {
            gate.fire()
            let item = try await iterator.next()
            XCTAssertEqual(item, Number(n: index))
            XCTAssertEqual(
                gates.filter(\.isFired).count, index + 1, "item \(index) arrived before the next was released")
        }
        let end = try await iterator.next()
        XCTAssertNil(end)
    }

    func testCancellingTheConsumingTaskClosesTheConnection() async throws {
        let closed = ServerSignal()
        let server = try TestHTTPServer { _ in
            .stream(
                status: 200, headers: [("Content-Type", "text/event-stream")],
                steps: [.sendText("data: {\"n\":1}\n\n"), .awaitClientClose(closed)])
        }
        defer { server.stop() }
        let client = core(server)
        let firstArrived = ServerSignal()
        let consumer = Task { await StreamingHTTPTests.consume(client, firstArrived: firstArrived) }
        let first = await firstArrived.wait()
        XCTAssertTrue(first)
        XCTAssertFalse(closed.isFired)
        consumer.cancel()
        let sawClose = await closed.wait()
        XCTAssertTrue(sawClose, "the server sees the connection close when the consumer is cancelled")
        let (received, error) = await consumer.value
        XCTAssertEqual(received, [1])
        // Cancelled while waiting for an event the loop throws CancellationError; cancelled
        // before asking for the next one, it just ends (AsyncThrowingStream's way).
        XCTAssertTrue(error == nil || error is CancellationError, "\(String(describing: error))")
    }

    func testBreakingOutOfTheLoopClosesTheConnection() async throws {
        let closed = ServerSignal()
        let server = try TestHTTPServer { _ in
            .stream(
                status: 200, headers: [("Content-Type", "text/event-stream")],
                steps: [.sendText("data: {\"n\":1}\n\ndata: {\"n\":2}\n\n"), .awaitClientClose(closed)])
        }
        defer { server.stop() }
        let core = core(server)
        var received: [Int] = []
        for try await event in try await Self.events(core) {
            received.append(event.data.n)
            break
        }
        XCTAssertEqual(received, [1])
        let sawClose = await closed.wait()
        XCTAssertTrue(sawClose, "the server sees the connection close once the loop is left")
    }

    func testADroppedConnectionIsThrownFromTheLoopWithThePositionReached() async throws {
        let server = try TestHTTPServer { _ in
            .stream(
                status: 200, headers: [("Content-Type", "application/jsonl")],
                steps: [.sendText("{\"n\":0}\n{\"n\":1}\n{\"n\""), .dropConnection])
        }
        defer { server.stop() }
        let core = core(server)
        let response = try await core.sendStreaming(RequestBuilder(method: .get, path: "/lines"), operationID: "lines")
        var received: [Int] = []
        do {
            for try await item in core.jsonLines(of: Number.self, from: response, operationID: "lines") {
                received.append(item.n)
            }
            XCTFail("a body that breaks off must throw")
        } catch let error as StreamInterruptedError {
            XCTAssertEqual(error.itemIndex, 2)
            XCTAssertEqual(error.operationID, "lines")
        }
        XCTAssertEqual(received, [0, 1])
        XCTAssertEqual(server.requests.count, 1, "a stream is never retried once it has begun")
    }

    func testAnUndecodableItemIsThrownFromTheLoopWithItsPosition() async throws {
        let server = try TestHTTPServer { _ in
            .stream(
                status: 200, headers: [("Content-Type", "application/json-seq")],
                steps: [.sendText("\u{1E}{\"n\":0}\n"), .sendText("\u{1E}{\"m\":1}\n"), .sendText("\u{1E}{\"n\":2}\n")])
        }
        defer { server.stop() }
        let core = core(server)
        let response = try await core.sendStreaming(RequestBuilder(method: .get, path: "/seq"), operationID: "seq")
        var received: [Int] = []
        do {
            for try await item in core.jsonSequence(of: Number.self, from: response, operationID: "seq") {
                received.append(item.n)
            }
            XCTFail("an undecodable item must throw")
        } catch let error as StreamItemDecodingError {
            XCTAssertEqual(error.itemIndex, 1)
            XCTAssertEqual(error.codingPath, "n")
        }
        XCTAssertEqual(received, [0])
    }

    func testAnErrorStatusIsReadWholeForTheDocumentedError() async throws {
        let server = try TestHTTPServer { request in
            request.path == "/chat"
                ? .respondJSON(status: 400, json: #"{"message":"bad model"}"#)
                : .respondJSON(status: 418, json: #"{"message":"teapot"}"#)
        }
        defer { server.stop() }
        let core = core(server)
        let response = try await core.sendStreaming(RequestBuilder(method: .post, path: "/chat"), operationID: "chat")
        XCTAssertEqual(response.statusCode, 400)
        let error = await core.documentedError(Problem.self, from: response, operationID: "chat")
        XCTAssertEqual(error.body, Problem(message: "bad model"))
        XCTAssertEqual(error.statusCode, 400)
        XCTAssertEqual(error.rawBody, Data(#"{"message":"bad model"}"#.utf8))

        let other = try await core.sendStreaming(RequestBuilder(method: .post, path: "/tea"), operationID: "tea")
        let otherError = await core.unexpectedStatus(other, operationID: "tea")
        let unexpected = try XCTUnwrap(otherError as? UnexpectedStatusError)
        XCTAssertEqual(unexpected.statusCode, 418)
        XCTAssertEqual(unexpected.body, Data(#"{"message":"teapot"}"#.utf8))
    }

    func testAJSONResponseOfAStreamingOperationIsDecodedWhole() async throws {
        let release = ServerSignal()
        let server = try TestHTTPServer { _ in
            .stream(
                status: 200, headers: [("Content-Type", "application/json")],
                steps: [.sendText(#"{"mess"#), .wait(release), .sendText(#"age":"whole"}"#)])
        }
        defer { server.stop() }
        let core = core(server)
        let response = try await core.sendStreaming(RequestBuilder(method: .post, path: "/chat"), operationID: "chat")
        release.fire()
        let problem = try await core.decodeJSON(Problem.self, from: response, operationID: "chat")
        XCTAssertEqual(problem, Problem(message: "whole"))
    }

    func testAnUnavailableServerIsRetriedBeforeTheStreamBegins() async throws {
        let server = try TestHTTPServer { _ in .respond(status: 503, body: Data("busy".utf8)) }
        defer { server.stop() }
        let retrying = RetryPolicy(maxAttempts: 3, initialBackoff: 0.01, maxBackoff: 0.02)
        let flaky = try TestHTTPServer { [attempts = Counter()] _ in
            attempts.increment() < 2
                ? .respond(status: 503, body: Data("busy".utf8))
                : .stream(
                    status: 200, headers: [("Content-Type", "text/event-stream")],
                    steps: [.sendText("data: {\"n\":7}\n\n")])
        }
        defer { flaky.stop() }
        var received: [Int] = []
        for try await event in try await Self.events(core(flaky, retries: retrying)) { received.append(event.data.n) }
        XCTAssertEqual(received, [7])
        XCTAssertEqual(flaky.requests.count, 3)

        // Out of attempts: the 503 comes back read whole.
        let response = try await core(server, retries: retrying).sendStreaming(
            RequestBuilder(method: .get, path: "/events"), operationID: "events")
        XCTAssertEqual(response.statusCode, 503)
        let buffered = try await response.collect()
        XCTAssertEqual(buffered.body, Data("busy".utf8))
        XCTAssertEqual(server.requests.count, 3)
    }

    /// As for buffered calls, a 429 after the last retry reaches the operation's own
    /// handling: its documented error if it documents 429, else `RateLimitedError` through
    /// `unexpectedStatus`, with the body, Retry-After and the attempts made.
    func testTooManyRequestsReachesTheOperationAndBecomesRateLimitedErrorWhenUndocumented() async throws {
        let server = try TestHTTPServer { _ in
            .respond(status: 429, headers: [("Retry-After", "3600")], body: Data("slow down".utf8))
        }
        defer { server.stop() }
        let core = core(server)
        let response = try await core.sendStreaming(
            RequestBuilder(method: .get, path: "/events"), operationID: "events")
        XCTAssertEqual(response.statusCode, 429)
        let error = await core.unexpectedStatus(response, operationID: "events")
        let rateLimited = try XCTUnwrap(error as? RateLimitedError, "\(error)")
        XCTAssertEqual(rateLimited.body, Data("slow down".utf8))
        XCTAssertEqual(rateLimited.retryAfter, 3600)
        XCTAssertEqual(rateLimited.attempts, 1)

        let documented = try await core.sendStreaming(
            RequestBuilder(method: .get, path: "/events"), operationID: "events")
        let apiError = await core.documentedError(String.self, from: documented, operationID: "events")
        XCTAssertEqual(apiError.statusCode, 429)
        XCTAssertEqual(apiError.rawBody, Data("slow down".utf8))
    }

    func testATransportThatCannotStreamFallsBackToTheWholeBody() async throws {
        let server = try TestHTTPServer { request in
            .respond(
                status: 200, headers: [("Content-Type", "text/event-stream")],
                body: Data("data: {\"n\":1}\n\ndata: {\"n\":2}\n\n: \(request.header("X-Seen") ?? "none")\n".utf8))
        }
        defer { server.stop() }
        let middleware = HeaderMiddleware()
        let core = core(server, transport: BufferedOnlyTransport(), middlewares: [middleware])
        var received: [Int] = []
        for try await event in try await Self.events(core) { received.append(event.data.n) }
        XCTAssertEqual(received, [1, 2])
        XCTAssertEqual(
            server.requests.first?.header("X-Seen"), "yes", "a buffered-only middleware still adds its header")
        XCTAssertEqual(middleware.statuses, [200], "and sees the status of the streamed response")
    }

    func testAMiddlewareThatImplementsStreamingSeesTheBodyAsItArrives() async throws {
        let server = try TestHTTPServer { _ in
            .stream(
                status: 200, headers: [("Content-Type", "application/x-ndjson")],
                steps: [.sendText("{\"n\":1}\n"), .sendText("{\"n\":2}\n")])
        }
        defer { server.stop() }
        let counter = ByteCountingMiddleware()
        let core = core(server, middlewares: [counter])
        let response = try await core.sendStreaming(RequestBuilder(method: .get, path: "/lines"), operationID: "lines")
        var received: [Int] = []
        for try await item in core.jsonLines(of: Number.self, from: response, operationID: "lines") {
            received.append(item.n)
        }
        XCTAssertEqual(received, [1, 2])
        XCTAssertEqual(counter.bytes, 16)
    }
    func testABufferedMiddlewareSeesAnErrorBodyWholeAndCanReplaceABody() async throws {
        let server = try TestHTTPServer { request in
            request.path == "/fail"
                ? .respondJSON(status: 404, json: #"{"message":"gone"}"#)
                : .stream(
                    status: 200, headers: [("Content-Type", "application/x-ndjson")], steps: [.sendText("{\"n\":1}\n")])
        }
        defer { server.stop() }
        let observer = BodyObservingMiddleware(replacement: nil)
        let failing = try await core(server, middlewares: [observer]).sendStreaming(
            RequestBuilder(method: .get, path: "/fail"), operationID: "fail")
        XCTAssertEqual(failing.statusCode, 404)
        XCTAssertEqual(observer.bodies, [#"{"message":"gone"}"#], "an error status is read whole for the middleware")
        let failingBody = try await failing.collect().body
        XCTAssertEqual(failingBody, Data(#"{"message":"gone"}"#.utf8), "and still reaches the caller")

        let replacing = BodyObservingMiddleware(replacement: Data("{\"n\":42}\n".utf8))
        let core = core(server, middlewares: [replacing])
        let response = try await core.sendStreaming(RequestBuilder(method: .get, path: "/lines"), operationID: "lines")
        XCTAssertEqual(replacing.bodies, [""], "a 2xx body is not read for a buffered middleware")
        var received: [Int] = []
        for try await item in core.jsonLines(of: Number.self, from: response, operationID: "lines") {
            received.append(item.n)
        }
        XCTAssertEqual(received, [42], "a body the middleware returns replaces the stream")
    }

    func testAStreamIdleLongerThanItsLimitThrowsAndClosesTheConnection() async throws {
        let closed = ServerSignal()
        let server = try TestHTTPServer { _ in
            .stream(
                status: 200, headers: [("Content-Type", "text/event-stream")],
                steps: [.sendText("data: {\"n\":1}\n\n"), .awaitClientClose(closed)])
        }
        defer { server.stop() }
        let core = ClientCore(
            serverURL: server.baseURL, transport: URLSessionTransport(), middlewares: [],
            configuration: ClientConfiguration(timeout: 30, retryPolicy: .disabled, streamIdleTimeout: 3600))
        let builder = RequestBuilder(method: .get, path: "/events")
        let response = try await core.sendStreaming(
            builder, operationID: "events", options: RequestOptions(streamIdleTimeout: 0.3))
        var received: [Int] = []
        do {
            for try await event in core.serverSentEvents(of: Number.self, from: response, operationID: "events") {
                received.append(event.data.n)
            }
            XCTFail("a stream idle past its limit must throw")
        } catch let error as StreamInterruptedError {
            XCTAssertEqual(error.itemIndex, 1)
            XCTAssertEqual((error.underlying as? StreamIdleTimeoutError)?.timeout, 0.3)
        }
        XCTAssertEqual(received, [1])
        let sawClose = await closed.wait()
        XCTAssertTrue(sawClose, "the idle stream's connection is closed")
    }

    func testTheTimeoutBoundsTheWaitForTheHead() async throws {
        let server = try TestHTTPServer { _ in .hang }
        defer { server.stop() }
        let core = ClientCore(
            serverURL: server.baseURL, transport: URLSessionTransport(), middlewares: [],
            configuration: ClientConfiguration(timeout: 0.2, retryPolicy: .disabled))
        do {
            _ = try await core.sendStreaming(RequestBuilder(method: .get, path: "/events"), operationID: "events")
            XCTFail("no head must time out")
        } catch let error as TimeoutError {
            XCTAssertEqual(error.attempts, 1)
        }
    }
}

/// A middleware written for complete responses that records each body it sees and may
/// return a body of its own for a 2xx.
private final class BodyObservingMiddleware: ClientMiddleware, @unchecked Sendable {
    private let lock = NSLock()
    private var seen: [String] = []
    private let replacement: Data?

    init(replacement: Data?) { self.replacement = replacement }

    var bodies: [String] { lock.withLock { seen } }

    func intercept(
        _ request: HTTPRequest, operationID: String, next: @Sendable (HTTPRequest) async throws -> HTTPResponse
    ) async throws -> HTTPResponse {
        var response = try await next(request)
        lock.withLock { seen.append(String(decoding: response.body, as: UTF8.self)) }
        if let replacement, response.statusCode == 200 { response.body = replacement }
        return response
    }
}

/// Only ``HTTPTransport/send(_:)``: streamed calls take the buffered fallback.
private struct BufferedOnlyTransport: HTTPTransport {
    func send(_ request: HTTPRequest) async throws -> HTTPResponse { try await URLSessionTransport().send(request) }
}

/// A middleware written for complete responses: adds a header, records the status.
private final class HeaderMiddleware: ClientMiddleware, @unchecked Sendable {
    private let lock = NSLock()
    private var seen: [Int] = []

    var statuses: [Int] {
        lock.lock()
        defer { lock.unlock() }
        return seen
    }

    func intercept(
        _ request: HTTPRequest, operationID: String, next: @Sendable (HTTPRequest) async throws -> HTTPResponse
    ) async throws -> HTTPResponse {
        var request = request
        request.headers["X-Seen"] = "yes"
        let response = try await next(request)
        lock.withLock { seen.append(response.statusCode) }
        return response
    }
}

/// A middleware that counts a streamed body's bytes as they pass.
private final class ByteCountingMiddleware: ClientMiddleware, @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    var bytes: Int {
        lock.lock()
        defer { lock.unlock() }
        return count
    }

    func intercept(
        _ request: HTTPRequest, operationID: String, next: @Sendable (HTTPRequest) async throws -> HTTPResponse
    ) async throws -> HTTPResponse {
        try await next(request)
    }

    func interceptStreaming(
        _ request: HTTPRequest, operationID: String,
        next: @Sendable (HTTPRequest) async throws -> HTTPStreamingResponse
    ) async throws -> HTTPStreamingResponse {
        var response = try await next(request)
        let body = BodyIterator(response.body.makeAsyncIterator())
        response.body = AsyncThrowingStream(unfolding: { [self] in
            let chunk = try await body.next()
            if let chunk { lock.withLock { count += chunk.count } }
            return chunk
        })
        return response
    }
}

/// A thread-safe counter; `increment()` returns the value before.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    func increment() -> Int {
        lock.lock()
        defer { lock.unlock() }
        value += 1
        return value - 1
    }
}

/// A body's iterator, advanced by one consumer at a time.
private final class BodyIterator: @unchecked Sendable {
    private var iterator: AsyncThrowingStream<Data, any Error>.AsyncIterator
    init(_ iterator: AsyncThrowingStream<Data, any Error>.AsyncIterator) { self.iterator = iterator }
    func next() async throws -> Data? { try await iterator.next() }
}
