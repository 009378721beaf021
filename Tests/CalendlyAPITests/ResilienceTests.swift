import CalendlyAPI
import Foundation
import OpenAPIGenRuntime
import TestHTTPServer
import XCTest

/// The generated client against a server that misbehaves on purpose. Each test checks
/// what the caller sees and, from the server's log, how often the request was sent.
final class ResilienceTests: XCTestCase {
    private let token = "resilience-token-9c1d"
    /// Fast retries so the tests stay quick.
    private let fastRetries = RetryPolicy(maxAttempts: 3, initialBackoff: 0.02, maxBackoff: 0.1)

    private func client(_ server: TestHTTPServer, timeout: TimeInterval = 10, retries: RetryPolicy? = nil)
        -> CalendlyClient
    {
        CalendlyClient(
            serverURL: server.baseURL, token: token,
            configuration: ClientConfiguration(timeout: timeout, retryPolicy: retries ?? fastRetries))
    }

    private static func booking(_ email: String = "jsmith@example.com") -> CreateInviteeRequest {
        CreateInviteeRequest(
            eventType: "https://api.calendly.com/event_types/AAA",
            startTime: Date(timeIntervalSince1970: 1_699_335_116),
            invitee: .init(email: email, name: "John Smith", timezone: "Europe/Paris"))
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

    // MARK: Rate limits

    func test429IsRetriedAfterRetryAfterSeconds() async throws {
        let counter = Counter()
        let server = try TestHTTPServer { _ in
            counter.next() == 1
                ? .respondJSON(
                    status: 429, json: #"{"title":"Too Many Requests","message":"slow down"}"#,
                    headers: [("Retry-After", "1")])
                : .respondJSON(status: 201, json: Samples.response)
        }
        defer { server.stop() }
        let started = Date()
        let created = try await client(server).createInvitee(Self.booking())
        XCTAssertEqual(created.resource.status, .active)
        XCTAssertEqual(server.requestCount(path: "/invitees"), 2)
        XCTAssertGreaterThanOrEqual(Date().timeIntervalSince(started), 0.95, "Retry-After: 1 is honoured")
    }

    func test429AfterTheLastAttemptIsRateLimitedWithTheRetryAfterSeen() async throws {
        let server = try TestHTTPServer { _ in .respond(status: 429, headers: [("Retry-After", "0")]) }
        defer { server.stop() }
        let error = await expectError(RateLimitedError.self) {
            _ = try await self.client(server).createInvitee(Self.booking())
        }
        XCTAssertEqual(error?.attempts, 3)
        XCTAssertEqual(error?.retryAfter, 0)
        XCTAssertEqual(server.requestCount(path: "/invitees"), 3)
        XCTAssertEqual(
            error?.description,
            "createInvitee was rate limited (HTTP 429) after 3 attempts; the server asks to retry after 0.0 s")
    }

    func testARetryAfterBeyondTheCapEndsTheRetries() async throws {
        let server = try TestHTTPServer { _ in .respond(status: 429, headers: [("Retry-After", "3600")]) }
        defer { server.stop() }
        let error = await expectError(RateLimitedError.self) {
            _ = try await self.client(server).createInvitee(Self.booking())
        }
        XCTAssertEqual(error?.retryAfter, 3600)
        XCTAssertEqual(server.requestCount(path: "/invitees"), 1)
    }

    func testRetriesCanBeTurnedOff() async throws {
        let server = try TestHTTPServer { _ in .respond(status: 429, headers: [("Retry-After", "0")]) }
        defer { server.stop() }
        _ = await expectError(RateLimitedError.self) {
            _ = try await self.client(server, retries: .disabled).createInvitee(Self.booking())
        }
        XCTAssertEqual(server.requestCount(path: "/invitees"), 1)
    }

    func testRetryAfterAcceptsSecondsAndHTTPDates() {
        let now = Date(timeIntervalSince1970: 1_445_412_480)  // Wed, 21 Oct 2015 07:28:00 GMT
        XCTAssertEqual(RetryPolicy.retryAfter("120", now: now), 120)
        XCTAssertEqual(RetryPolicy.retryAfter("Wed, 21 Oct 2015 07:28:30 GMT", now: now), 30)
        XCTAssertEqual(RetryPolicy.retryAfter("Wed, 21 Oct 2015 07:00:00 GMT", now: now), 0)
        XCTAssertNil(RetryPolicy.retryAfter("soon", now: now))
        XCTAssertNil(RetryPolicy.retryAfter(nil, now: now))
    }

    // MARK: Never send a booking twice

    func testAPOSTIsNotRetriedAfterA503() async throws {
        let server = try TestHTTPServer { _ in .respond(status: 503, body: Data("maintenance".utf8)) }
        defer { server.stop() }
        let error = await expectError(UnexpectedStatusError.self) {
            _ = try await self.client(server).createInvitee(Self.booking())
        }
        XCTAssertEqual(error?.statusCode, 503)
        XCTAssertEqual(server.requestCount(path: "/invitees"), 1)
    }

    func testAPOSTIsNotRetriedWhenTheConnectionClosesBeforeAResponse() async throws {
        let server = try TestHTTPServer { _ in .closeWithoutResponse }
        defer { server.stop() }
        let error = await expectError(TransportError.self) {
            _ = try await self.client(server).createInvitee(Self.booking())
        }
        XCTAssertEqual(error?.attempts, 1)
        XCTAssertEqual(server.requestCount(path: "/invitees"), 1)
    }

    func testAPOSTIsNotRetriedWhenTheConnectionClosesMidBody() async throws {
        let server = try TestHTTPServer { _ in
            .closeMidBody(
                status: 201, headers: [("Content-Type", "application/json")], body: Data(Samples.response.utf8),
                sendBytes: 40)
        }
        defer { server.stop() }
        let error = await expectError(TransportError.self) {
            _ = try await self.client(server).createInvitee(Self.booking())
        }
        XCTAssertEqual(error?.attempts, 1)
        XCTAssertEqual(server.requestCount(path: "/invitees"), 1)
    }

    func testAPOSTThatTimesOutIsNotRetried() async throws {
        let server = try TestHTTPServer { _ in .hang }
        defer { server.stop() }
        let started = Date()
        let error = await expectError(TimeoutError.self) {
            _ = try await self.client(server, timeout: 0.5).createInvitee(Self.booking())
        }
        XCTAssertEqual(error?.attempts, 1)
        XCTAssertEqual(error?.description, "createInvitee timed out after 0.5 s")
        XCTAssertLessThan(Date().timeIntervalSince(started), 5)
        XCTAssertEqual(server.requestCount(path: "/invitees"), 1)
    }

    func testAFailedConnectionIsRetriedBecauseNothingWasSent() async throws {
        let closed = try TestHTTPServer { _ in .respond(status: 200) }
        let url = closed.baseURL
        closed.stop()
        let client = CalendlyClient(
            serverURL: url, token: token, configuration: ClientConfiguration(retryPolicy: fastRetries))
        let error = await expectError(TransportError.self) { _ = try await client.createInvitee(Self.booking()) }
        XCTAssertEqual(error?.attempts, 3)
        XCTAssertFalse(error?.description.contains(token) ?? true)
    }

    // MARK: Idempotent requests

    private func core(_ server: TestHTTPServer, timeout: TimeInterval = 10, retries: RetryPolicy? = nil)
        -> ClientCore
    {
        ClientCore(
            serverURL: server.baseURL, transport: URLSessionTransport(), middlewares: [],
            configuration: ClientConfiguration(timeout: timeout, retryPolicy: retries ?? fastRetries))
    }

    func testAGETIsRetriedAfter503And502() async throws {
        let counter = Counter()
        let server = try TestHTTPServer { _ in
            switch counter.next() {
            case 1: .respond(status: 503)
            case 2: .respond(status: 502)
            default: .respondJSON(status: 200, json: "{}")
            }
        }
        defer { server.stop() }
        let response = try await core(server).send(
            RequestBuilder(method: .get, path: "/things"), operationID: "listThings")
        XCTAssertEqual(response.statusCode, 200)
        XCTAssertEqual(server.requestCount(path: "/things"), 3)
    }

    func testA503RetryAfterBeyondTheCapIsNotRetried() async throws {
        let server = try TestHTTPServer { _ in .respond(status: 503, headers: [("Retry-After", "5")]) }
        defer { server.stop() }
        let policy = RetryPolicy(maxAttempts: 3, initialBackoff: 0.02, maxBackoff: 0.1, maxRetryAfter: 1)
        let started = Date()
        let response = try await core(server, retries: policy).send(
            RequestBuilder(method: .get, path: "/things"), operationID: "listThings")
        XCTAssertEqual(response.statusCode, 503)
        XCTAssertEqual(response.headers["Retry-After"], "5")
        XCTAssertEqual(server.requestCount(path: "/things"), 1, "never sent again before the server's time")
        XCTAssertLessThan(Date().timeIntervalSince(started), 1.5)
    }

    func testA503IsRetriedAfterTheServersRetryAfter() async throws {
        let counter = Counter()
        let server = try TestHTTPServer { _ in
            counter.next() == 1
                ? .respond(status: 503, headers: [("Retry-After", "0.5")]) : .respondJSON(status: 200, json: "{}")
        }
        defer { server.stop() }
        let started = Date()
        let response = try await core(server).send(
            RequestBuilder(method: .get, path: "/things"), operationID: "listThings")
        XCTAssertEqual(response.statusCode, 200)
        XCTAssertEqual(server.requestCount(path: "/things"), 2)
        XCTAssertGreaterThanOrEqual(Date().timeIntervalSince(started), 0.45, "Retry-After: 0.5 is honoured")
    }

    func testMaxTotalTimeCutsTheLastAttemptShort() async throws {
        let counter = Counter()
        let server = try TestHTTPServer { _ in
            counter.next() == 1 ? .respond(status: 503, headers: [("Retry-After", "0.3")]) : .hang
        }
        defer { server.stop() }
        let policy = RetryPolicy(maxAttempts: 3, initialBackoff: 0.02, maxBackoff: 0.1, maxTotalTime: 0.8)
        let started = Date()
        let error = await expectError(TimeoutError.self) {
            _ = try await self.core(server, timeout: 10, retries: policy).send(
                RequestBuilder(method: .get, path: "/slow"), operationID: "slow")
        }
        XCTAssertEqual(error?.attempts, 2)
        XCTAssertEqual(server.requestCount(path: "/slow"), 2)
        XCTAssertLessThan(Date().timeIntervalSince(started), 1.5, "maxTotalTime 0.8 s bounds the call, not timeout 10")
    }

    func testAGETThatTimesOutIsRetriedUpToTheLimit() async throws {
        let server = try TestHTTPServer { _ in .hang }
        defer { server.stop() }
        let error = await expectError(TimeoutError.self) {
            _ = try await self.core(server, timeout: 0.3).send(
                RequestBuilder(method: .get, path: "/slow"), operationID: "slow")
        }
        XCTAssertEqual(error?.attempts, 3)
        XCTAssertEqual(server.requestCount(path: "/slow"), 3)
    }

    func testThePerRequestTimeoutOverridesTheClients() async throws {
        let server = try TestHTTPServer { _ in .delayed(seconds: 1, .respondJSON(status: 201, json: Samples.response)) }
        defer { server.stop() }
        let calendly = client(server, timeout: 0.2)
        let created = try await calendly.createInvitee(Self.booking(), options: RequestOptions(timeout: 5))
        XCTAssertEqual(created.resource.email, "test@example.com")
    }

    // MARK: Bodies that are not what the spec says

    func testAnHTMLBodyOn201IsADecodingErrorWithAnExcerpt() async throws {
        let html = "<html><body><h1>502 Bad Gateway</h1></body></html>"
        let server = try TestHTTPServer { _ in
            .respond(status: 201, headers: [("Content-Type", "text/html")], body: Data(html.utf8))
        }
        defer { server.stop() }
        let error = await expectError(ResponseDecodingError.self) {
            _ = try await self.client(server).createInvitee(Self.booking())
        }
        XCTAssertEqual(error?.bodyExcerpt, html)
        XCTAssertTrue(error?.description.contains("<h1>502 Bad Gateway</h1>") ?? false)
    }

    func testAnHTMLBodyOnADocumentedErrorKeepsTheStatus() async throws {
        let server = try TestHTTPServer { _ in .respond(status: 400, body: Data("<html>bad</html>".utf8)) }
        defer { server.stop() }
        let error = await expectError(APIError<ErrorResponse>.self) {
            _ = try await self.client(server).createInvitee(Self.booking())
        }
        XCTAssertEqual(error?.statusCode, 400)
        XCTAssertNil(error?.body)
        XCTAssertEqual(error?.description, "createInvitee failed with HTTP 400 (Bad Request): <html>bad</html>")
    }

    func testAMissingRequiredFieldNamesItsPath() async throws {
        let broken = Samples.response.replacingOccurrences(of: #""email": "test@example.com","#, with: "")
        let server = try TestHTTPServer { _ in .respondJSON(status: 201, json: broken) }
        defer { server.stop() }
        let error = await expectError(ResponseDecodingError.self) {
            _ = try await self.client(server).createInvitee(Self.booking())
        }
        XCTAssertEqual(error?.codingPath, "resource.email")
        XCTAssertEqual(error?.reason, "required key is missing.")
        XCTAssertEqual(server.requestCount(path: "/invitees"), 1)
    }

    func testAnUnknownEnumValueDecodes() async throws {
        let future = Samples.response.replacingOccurrences(
            of: #""scheduling_method": "instant_book""#, with: #""scheduling_method": "api_v3""#)
        let server = try TestHTTPServer { _ in .respondJSON(status: 201, json: future) }
        defer { server.stop() }
        let created = try await client(server).createInvitee(Self.booking())
        XCTAssertEqual(created.resource.schedulingMethod, .unknown("api_v3"))
    }

    // MARK: Cancellation and middleware

    func testCancellingTheTaskCancelsTheRequestPromptly() async throws {
        let server = try TestHTTPServer { _ in .hang }
        defer { server.stop() }
        let calendly = client(server, timeout: 30)
        let request = Self.booking()
        let task = Task { try await calendly.createInvitee(request) }
        try await Task.sleep(for: .milliseconds(300))
        let started = Date()
        task.cancel()
        do {
            _ = try await task.value
            XCTFail("a cancelled call must throw")
        } catch {
            XCTAssertTrue(error is CancellationError, "got \(type(of: error)): \(error)")
        }
        XCTAssertLessThan(Date().timeIntervalSince(started), 2)
        XCTAssertEqual(server.requestCount(path: "/invitees"), 1)
    }

    func testMiddlewaresRunInOrderAndNeverSeeTheToken() async throws {
        let server = try TestHTTPServer { request in
            .respondJSON(status: 201, json: Samples.response, headers: [("X-Echo", request.header("X-Trace") ?? "")])
        }
        defer { server.stop() }
        let log = Log()
        let client = CalendlyClient(
            serverURL: server.baseURL, token: token,
            middlewares: [Recorder(name: "outer", log: log), Recorder(name: "inner", log: log)])
        _ = try await client.createInvitee(Self.booking())
        XCTAssertEqual(
            log.entries,
            [
                "outer request POST /invitees auth=none", "inner request POST /invitees auth=none",
                "inner response 201 echo=outer,inner", "outer response 201 echo=outer,inner",
            ])
        XCTAssertEqual(server.requests.first?.header("X-Trace"), "outer,inner")
        XCTAssertEqual(server.requests.first?.header("Authorization"), "Bearer \(token)")
    }

    func testACustomTransportPlugsIn() async throws {
        struct CannedTransport: HTTPTransport {
            func send(_ request: HTTPRequest) async throws -> HTTPResponse {
                HTTPResponse(
                    statusCode: 201, headers: ["Content-Type": "application/json"], body: Data(Samples.response.utf8))
            }
        }
        let client = CalendlyClient(token: token, transport: CannedTransport())
        let created = try await client.createInvitee(Self.booking())
        XCTAssertEqual(created.resource.name, "John Smith")
    }

    // MARK: Load

    func testAThousandConcurrentBookingsEachArriveOnceWithoutGrowingMemory() async throws {
        let server = try TestHTTPServer { _ in .respondJSON(status: 201, json: Samples.response) }
        defer { server.stop() }
        let calendly = client(server)
        func batch(_ range: Range<Int>) async throws {
            try await withThrowingTaskGroup(of: Void.self) { group in
                var next = range.lowerBound
                func add() {
                    let index = next
                    next += 1
                    let request = Self.booking("guest\(index)@example.com")
                    group.addTask { _ = try await calendly.createInvitee(request) }
                }
                while next < min(range.lowerBound + 50, range.upperBound) { add() }
                while try await group.next() != nil {
                    if next < range.upperBound { add() }
                }
            }
        }
        try await batch(0..<500)
        let afterFirst = residentMemory()
        try await batch(500..<1000)
        let afterSecond = residentMemory()
        let emails = server.requests.compactMap { request -> String? in
            let body = try? JSONDecoder().decode(JSONValue.self, from: request.body)
            return body?["invitee"]?["email"]?.stringValue
        }
        XCTAssertEqual(emails.count, 1000)
        XCTAssertEqual(Set(emails).count, 1000, "every booking recorded exactly once")
        if let afterFirst, let afterSecond {
            XCTAssertLessThan(
                afterSecond - afterFirst, 32 << 20, "memory grew by \((afterSecond - afterFirst) >> 20) MiB")
        }
    }

    private func residentMemory() -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return nil }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return nil }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }
}

/// A thread-safe counter for scripting a server's answers by attempt.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func next() -> Int {
        lock.lock()
        defer { lock.unlock() }
        value += 1
        return value
    }
}

final class Log: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []
    var entries: [String] {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }
    func append(_ entry: String) {
        lock.lock()
        stored.append(entry)
        lock.unlock()
    }
}

/// Appends its name to `X-Trace` and logs what it sees.
struct Recorder: ClientMiddleware {
    let name: String
    let log: Log

    func intercept(
        _ request: HTTPRequest, operationID: String, next: @Sendable (HTTPRequest) async throws -> HTTPResponse
    ) async throws -> HTTPResponse {
        var request = request
        request.headers["X-Trace"] = [request.headers["X-Trace"], name].compactMap { $0 }.joined(separator: ",")
        log.append(
            "\(name) request \(request.method) \(request.url.path) auth=\(request.headers["Authorization"] == nil ? "none" : "present")"
        )
        let response = try await next(request)
        log.append("\(name) response \(response.statusCode) echo=\(response.headers["X-Echo"] ?? "")")
        return response
    }
}
