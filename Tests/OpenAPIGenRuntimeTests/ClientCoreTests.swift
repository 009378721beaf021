import Foundation
import OpenAPIGenRuntime
import XCTest

/// ``ClientCore/send(_:operationID:options:)`` with in-process transports: timeouts that
/// must hold whatever the transport does, policy values that must not crash, and what
/// middlewares see of transport failures.
final class ClientCoreTests: XCTestCase {
    private static let ok = HTTPResponse(statusCode: 200, body: Data("{}".utf8))
    private static let unavailable = HTTPResponse(statusCode: 503)
    private static let fast = RetryPolicy(maxAttempts: 3, initialBackoff: 0.01, maxBackoff: 0.02)

    private func core(
        _ transport: any HTTPTransport, middlewares: [any ClientMiddleware] = [], timeout: TimeInterval = 10,
        retries: RetryPolicy = fast
    ) -> ClientCore {
        ClientCore(
            serverURL: URL(string: "https://api.example.com")!, transport: transport, middlewares: middlewares,
            configuration: ClientConfiguration(timeout: timeout, retryPolicy: retries))
    }

    private func get(_ core: ClientCore, options: RequestOptions = RequestOptions()) async throws -> HTTPResponse {
        try await core.send(RequestBuilder(method: .get, path: "/things"), operationID: "listThings", options: options)
    }

    /// Runs `body`, expecting it to throw an `E`, and returns that error.
    private func expectError<E: Error>(
        _ expected: E.Type, file: StaticString = #filePath, line: UInt = #line, _ body: () async throws -> Void
    ) async -> E? {
        do {
            try await body()
            XCTFail("expected \(E.self), nothing was thrown", file: file, line: line)
        } catch let error as E {
            return error
        } catch {
            XCTFail("expected \(E.self), got \(type(of: error)): \(error)", file: file, line: line)
        }
        return nil
    }

    // MARK: Timeouts hold even when the transport ignores cancellation

    func testATransportThatIgnoresCancellationDoesNotHoldTheCallPastItsTimeout() async throws {
        let transport = StubbornTransport(seconds: 2)
        let started = Date()
        let error = await expectError(TimeoutError.self) {
            _ = try await self.get(self.core(transport, timeout: 0.2, retries: .disabled))
        }
        XCTAssertEqual(error?.attempts, 1)
        XCTAssertEqual(transport.calls, 1)
        XCTAssertLessThan(Date().timeIntervalSince(started), 1.5, "the call returns at its timeout, not after 2 s")
    }

    func testAMiddlewareThatIgnoresCancellationDoesNotHoldTheCallPastItsTimeout() async throws {
        let transport = ScriptedTransport([.success(Self.ok)])
        let started = Date()
        let error = await expectError(TimeoutError.self) {
            let core = self.core(transport, middlewares: [StubbornMiddleware()], timeout: 0.2, retries: .disabled)
            _ = try await self.get(core)
        }
        XCTAssertEqual(error?.attempts, 1)
        XCTAssertLessThan(Date().timeIntervalSince(started), 1.5)
    }

    func testCancellingTheCallerDoesNotWaitForATransportThatIgnoresIt() async throws {
        let transport = StubbornTransport(seconds: 2)
        let core = core(transport, timeout: 30)
        let call = Task {
            try await core.send(RequestBuilder(method: .get, path: "/things"), operationID: "listThings")
        }
        try await Task.sleep(for: .milliseconds(100))
        let started = Date()
        call.cancel()
        do {
            _ = try await call.value
            XCTFail("a cancelled call must throw")
        } catch {
            XCTAssertTrue(error is CancellationError, "got \(type(of: error)): \(error)")
        }
        XCTAssertLessThan(Date().timeIntervalSince(started), 1.5)
        XCTAssertEqual(transport.calls, 1)
    }

    func testMaxTotalTimeBoundsACallWithoutATimeout() async throws {
        let transport = StubbornTransport(seconds: 2)
        let policy = RetryPolicy(maxAttempts: 5, initialBackoff: 0.01, maxBackoff: 0.02, maxTotalTime: 0.3)
        let started = Date()
        let error = await expectError(TimeoutError.self) {
            _ = try await self.get(self.core(transport, timeout: .infinity, retries: policy))
        }
        XCTAssertEqual(error?.attempts, 1, "the only attempt had all of maxTotalTime")
        XCTAssertEqual(transport.calls, 1)
        XCTAssertLessThan(Date().timeIntervalSince(started), 1.5)
    }

    // MARK: Edge values do not crash

    func testAnInfiniteTimeoutMeansNoTimeout() async throws {
        let transport = ScriptedTransport([.success(Self.ok)])
        let response = try await get(core(transport, timeout: .infinity))
        XCTAssertEqual(response.statusCode, 200)
        let again = try await get(core(transport), options: RequestOptions(timeout: .infinity))
        XCTAssertEqual(again.statusCode, 200)
    }

    func testHugeAndNaNTimeoutsDoNotCrash() async throws {
        let transport = ScriptedTransport([.success(Self.ok)])
        for timeout in [1e300, Double.greatestFiniteMagnitude, .nan] {
            let response = try await get(core(transport, timeout: timeout))
            XCTAssertEqual(response.statusCode, 200, "\(timeout)")
            let again = try await get(core(transport), options: RequestOptions(timeout: timeout))
            XCTAssertEqual(again.statusCode, 200, "\(timeout)")
        }
        XCTAssertEqual(ClientConfiguration(timeout: .nan).timeout, 60, "NaN means the default")
        XCTAssertEqual(ClientConfiguration(timeout: -1).timeout, 0)
        XCTAssertNil(RequestOptions(timeout: .nan).timeout, "NaN means the client's timeout")
    }

    func testAHugeRetryAfterWithoutCapsEndsTheRetries() async throws {
        let unbounded = RetryPolicy(maxRetryAfter: .infinity, maxTotalTime: .infinity)
        for status in [503, 429] {
            let transport = ScriptedTransport([
                .success(HTTPResponse(statusCode: status, headers: ["Retry-After": "1e20"])), .success(Self.ok),
            ])
            let started = Date()
            let client = core(transport, retries: unbounded)
            let response = try await get(client)
            XCTAssertEqual(response.statusCode, status)
            if status == 429 {
                // The operation's `default:` makes an undocumented 429 `RateLimitedError`.
                let error = try XCTUnwrap(
                    client.unexpectedStatus(response, operationID: "listThings") as? RateLimitedError)
                XCTAssertEqual(error.attempts, 1)
                XCTAssertEqual(error.retryAfter, 1e20)
            }
            XCTAssertEqual(transport.calls, 1, "HTTP \(status) is not retried")
            XCTAssertLessThan(Date().timeIntervalSince(started), 1.5)
        }
    }

    func testOutOfRangeBackoffsDoNotCrash() async throws {
        let policies = [
            RetryPolicy(initialBackoff: -1), RetryPolicy(initialBackoff: .nan), RetryPolicy(maxBackoff: -1),
            RetryPolicy(maxBackoff: .nan), RetryPolicy(initialBackoff: 0.01, multiplier: .nan),
            RetryPolicy(initialBackoff: 0.01, multiplier: -3),
            RetryPolicy(initialBackoff: 0.01, maxBackoff: 0.02, multiplier: .infinity),
            RetryPolicy(initialBackoff: .infinity, maxBackoff: 0.01),
            RetryPolicy(initialBackoff: 0.01, maxBackoff: 0.02, maxRetryAfter: .nan),
            RetryPolicy(initialBackoff: 0.01, maxBackoff: 0.02, maxRetryAfter: -1),
            RetryPolicy(initialBackoff: 0.01, maxBackoff: 0.02, maxTotalTime: .nan),
        ]
        for policy in policies {
            let transport = ScriptedTransport([
                .success(Self.unavailable), .success(Self.unavailable), .success(Self.ok),
            ])
            let response = try await get(core(transport, retries: policy))
            XCTAssertEqual(response.statusCode, 200, "\(policy)")
            XCTAssertEqual(transport.calls, 3, "\(policy)")
        }
    }

    func testBackoffsChangedAfterInitDoNotCrash() async throws {
        var policy = RetryPolicy()
        policy.initialBackoff = -1
        policy.maxBackoff = .nan
        policy.multiplier = -2
        let transport = ScriptedTransport([.success(Self.unavailable), .success(Self.ok)])
        let response = try await get(core(transport, retries: policy))
        XCTAssertEqual(response.statusCode, 200)
        XCTAssertEqual(transport.calls, 2)
    }

    func testAnInfiniteBackoffEndsTheRetries() async throws {
        let policy = RetryPolicy(initialBackoff: .infinity, maxBackoff: .infinity, maxTotalTime: .infinity)
        let transport = ScriptedTransport([.success(Self.unavailable), .success(Self.ok)])
        let response = try await get(core(transport, retries: policy))
        XCTAssertEqual(response.statusCode, 503)
        XCTAssertEqual(transport.calls, 1)
    }

    func testThePolicyInitializerClampsOutOfRangeValues() {
        let clamped = RetryPolicy(
            maxAttempts: -5, initialBackoff: -1, maxBackoff: .nan, multiplier: 0.5, maxRetryAfter: -2,
            maxTotalTime: .nan)
        XCTAssertEqual(clamped.maxAttempts, 1)
        XCTAssertEqual(clamped.initialBackoff, 0)
        XCTAssertEqual(clamped.maxBackoff, 0)
        XCTAssertEqual(clamped.multiplier, 1)
        XCTAssertEqual(clamped.maxRetryAfter, 0)
        XCTAssertEqual(clamped.maxTotalTime, 120)
        XCTAssertEqual(RetryPolicy(multiplier: .nan).multiplier, 1)
        XCTAssertEqual(RetryPolicy(maxRetryAfter: .nan).maxRetryAfter, 60)
        let unbounded = RetryPolicy(maxBackoff: .infinity, maxRetryAfter: .infinity, maxTotalTime: .infinity)
        XCTAssertEqual(unbounded.maxBackoff, .infinity)
        XCTAssertEqual(unbounded.maxRetryAfter, .infinity)
        XCTAssertEqual(unbounded.maxTotalTime, .infinity)
    }

    // MARK: Middlewares see transport errors as the transport threw them

    func testAMiddlewareCanCatchTheTransportsURLError() async throws {
        let transport = ScriptedTransport([.failure(URLError(.notConnectedToInternet))])
        let offline = OfflineFallback()
        let response = try await get(core(transport, middlewares: [offline]))
        XCTAssertEqual(response.statusCode, 299)
        XCTAssertEqual(String(decoding: response.body, as: UTF8.self), "cached")
        XCTAssertEqual(transport.calls, 1)
    }

    func testATransportErrorAMiddlewareRethrowsIsStillRetriedAndReported() async throws {
        let transport = ScriptedTransport([.failure(URLError(.cannotConnectToHost))])
        let log = ErrorLog()
        let error = await expectError(TransportError.self) {
            _ = try await self.get(self.core(transport, middlewares: [ErrorObserver(log: log)]))
        }
        XCTAssertEqual(error?.attempts, 3)
        XCTAssertEqual((error?.underlying as? URLError)?.code, .cannotConnectToHost)
        XCTAssertEqual(transport.calls, 3)
        XCTAssertEqual(log.entries, ["URLError", "URLError", "URLError"])
    }

    func testTransportErrorsOfEveryKindAreKnownAfterAMiddlewareRethrowsThem() async throws {
        let errors: [any Error] = [
            ConnectionFailedError(reason: "refused"), NSError(domain: "Socket", code: 61), CocoaError(.fileNoSuchFile),
        ]
        for thrown in errors {
            let transport = ScriptedTransport([.failure(thrown)])
            let log = ErrorLog()
            let error = await expectError(TransportError.self) {
                _ = try await self.get(self.core(transport, middlewares: [ErrorObserver(log: log)]))
            }
            XCTAssertEqual(error?.attempts, 3, "\(thrown)")
            XCTAssertEqual(error.map { "\(type(of: $0.underlying))" }, "\(type(of: thrown))")
            XCTAssertEqual(log.entries.count, 3, "\(thrown)")
        }
    }

    func testATransportTimeoutAMiddlewareRethrowsIsATimeoutError() async throws {
        let transport = ScriptedTransport([.failure(URLError(.timedOut))])
        let log = ErrorLog()
        let error = await expectError(TimeoutError.self) {
            _ = try await self.get(self.core(transport, middlewares: [ErrorObserver(log: log)], retries: .disabled))
        }
        XCTAssertEqual(error?.attempts, 1)
        XCTAssertEqual(log.entries, ["URLError"])
    }

    func testAnErrorAMiddlewareThrowsInsteadOfTheTransportsIsNotRetried() async throws {
        let transport = ScriptedTransport([.failure(URLError(.cannotConnectToHost))])
        let error = await expectError(ReplacedError.self) {
            _ = try await self.get(self.core(transport, middlewares: [ErrorReplacer()]))
        }
        XCTAssertNotNil(error)
        XCTAssertEqual(transport.calls, 1)
    }
}

/// Answers with its script in turn (the last step repeats) and counts the calls.
private final class ScriptedTransport: HTTPTransport, @unchecked Sendable {
    private let lock = NSLock()
    private let script: [Result<HTTPResponse, any Error>]
    private var count = 0

    init(_ script: [Result<HTTPResponse, any Error>]) { self.script = script }

    var calls: Int { lock.withLock { count } }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let step = lock.withLock {
            count += 1
            return script[min(count, script.count) - 1]
        }
        return try step.get()
    }
}

/// Waits `seconds` in a way cancellation cannot cut short, then answers 200.
private final class StubbornTransport: HTTPTransport, @unchecked Sendable {
    private let lock = NSLock()
    private let seconds: Double
    private var count = 0

    init(seconds: Double) { self.seconds = seconds }

    var calls: Int { lock.withLock { count } }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        lock.withLock { count += 1 }
        await ignoringCancellation(seconds: seconds)
        return HTTPResponse(statusCode: 200)
    }
}

/// Suspends for `seconds` whether or not the task is cancelled.
private func ignoringCancellation(seconds: Double) async {
    await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
        DispatchQueue.global().asyncAfter(deadline: .now() + seconds) { continuation.resume() }
    }
}

/// Waits 2 s before passing the request on, whatever cancellation says.
private struct StubbornMiddleware: ClientMiddleware {
    func intercept(
        _ request: HTTPRequest, operationID: String, next: @Sendable (HTTPRequest) async throws -> HTTPResponse
    ) async throws -> HTTPResponse {
        await ignoringCancellation(seconds: 2)
        return try await next(request)
    }
}

/// Answers from a cache when the device is offline.
private struct OfflineFallback: ClientMiddleware {
    func intercept(
        _ request: HTTPRequest, operationID: String, next: @Sendable (HTTPRequest) async throws -> HTTPResponse
    ) async throws -> HTTPResponse {
        do {
            return try await next(request)
        } catch let error as URLError where error.code == .notConnectedToInternet {
            return HTTPResponse(statusCode: 299, body: Data("cached".utf8))
        }
    }
}

private final class ErrorLog: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []
    var entries: [String] { lock.withLock { stored } }
    func append(_ entry: String) { lock.withLock { stored.append(entry) } }
}

/// Logs the type of every error from `next`, then rethrows it.
private struct ErrorObserver: ClientMiddleware {
    let log: ErrorLog

    func intercept(
        _ request: HTTPRequest, operationID: String, next: @Sendable (HTTPRequest) async throws -> HTTPResponse
    ) async throws -> HTTPResponse {
        do {
            return try await next(request)
        } catch {
            log.append("\(type(of: error))")
            throw error
        }
    }
}

private struct ReplacedError: Error {}

/// Throws its own error in place of any error from `next`.
private struct ErrorReplacer: ClientMiddleware {
    func intercept(
        _ request: HTTPRequest, operationID: String, next: @Sendable (HTTPRequest) async throws -> HTTPResponse
    ) async throws -> HTTPResponse {
        do {
            return try await next(request)
        } catch {
            throw ReplacedError()
        }
    }
}
