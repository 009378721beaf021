import Foundation

/// What every generated client shares: the server, the transport, the middleware chain,
/// timeouts and retries. Generated operations build a request with ``RequestBuilder``,
/// send it here and interpret the ``HTTPResponse``.
public struct ClientCore: Sendable {
    public let serverURL: URL
    public let transport: any HTTPTransport
    public let middlewares: [any ClientMiddleware]
    public let configuration: ClientConfiguration
    /// Credentials by security scheme name, applied per operation (``RequestBuilder/security``).
    public let credentials: [String: Credential]
    /// Where to send the operations that name a server of their own, instead of that server,
    /// keyed by the server's URL as the spec gives it.
    public let serverOverrides: [String: URL]

    public init(
        serverURL: URL, serverOverrides: [String: URL] = [:], transport: any HTTPTransport,
        middlewares: [any ClientMiddleware], configuration: ClientConfiguration = ClientConfiguration(),
        credentials: [String: Credential] = [:]
    ) {
        self.serverURL = serverURL
        self.serverOverrides = serverOverrides
        self.transport = transport
        self.middlewares = middlewares
        self.configuration = configuration
        self.credentials = credentials
    }

    /// Sends `builder`'s request through the middleware chain and the transport, retrying
    /// as the ``RetryPolicy`` allows. Returns the last response, a 429 included (the
    /// operation throws its documented error for it, or ``RateLimitedError`` through
    /// `unexpectedStatus(_:operationID:)`); throws ``TimeoutError`` or ``TransportError``
    /// when no response arrived, and `CancellationError` when the calling task is cancelled.
    ///
    /// The call ends by its deadlines whatever the transport and the middlewares do: each
    /// attempt may take the timeout (``RequestOptions/timeout``, else
    /// ``ClientConfiguration/timeout``) or what is left of ``RetryPolicy/maxTotalTime``,
    /// whichever is less, and when that runs out (or the calling task is cancelled) the
    /// attempt is cancelled and the call goes on at once; a transport or middleware that
    /// ignores cancellation finishes in the background, and its result is dropped.
    /// Middlewares see a transport's errors exactly as it threw them; an error a
    /// middleware throws in place of the transport's is thrown to the caller unchanged
    /// and is not retried.
    ///
    /// A ``RequestBuilder/streamedBody`` (a file upload) is sent from its files by a transport
    /// that can (``HTTPTransport/canStreamRequestBodies``), and read into
    /// ``HTTPRequest/body`` first for any other; a file that cannot be read throws its
    /// error before anything is sent.
    ///
    /// When the operation accepts an idempotency key (``RequestBuilder/idempotencyKeyHeader``),
    /// the call sends one: the caller's (an argument of the generated method, or the header in
    /// ``RequestOptions/headers``) as it is, otherwise a random UUID generated here, once per
    /// call (an empty or blank value counts as none). Every attempt of the call carries that
    /// same key, so a server that honours it acts on the request at most once, and the
    /// request is retried like an idempotent method: a POST or PATCH with a key is sent again
    /// after a 502, 503, 504, a timeout or a dropped connection; without a key it never is.
    ///
    /// - Parameters:
    ///   - builder: The operation's request.
    ///   - operationID: The operation's id, for middlewares and errors.
    ///   - options: Timeout, retries and extra headers for this call.
    ///   - server: The operation's own server (its URL with its variables' defaults), when it
    ///     names one: the request goes there (a relative URL such as `/v2` resolved against
    ///     ``serverURL``), or where ``serverOverrides`` says; otherwise to ``serverURL``.
    public func send(
        _ builder: RequestBuilder, operationID: String, options: RequestOptions = RequestOptions(),
        server: String? = nil
    ) async throws -> HTTPResponse {
        let transport = self.transport
        let middlewares = self.middlewares
        let response = try await perform(
            builder, operationID: operationID, options: options, server: server, returnsRateLimited: true
        ) {
            request, transportErrors in
            var next: @Sendable (HTTPRequest) async throws -> HTTPResponse = { request in
                do {
                    return try await transport.send(request)
                } catch {
                    transportErrors.record(error)
                    throw error
                }
            }
            for middleware in middlewares.reversed() {
                let inner = next
                next = { request in try await middleware.intercept(request, operationID: operationID, next: inner) }
            }
            return try await next(request)
        }
        options.pageExchange?.record(headers: response.headers)
        return response
    }

    /// Sends `builder`'s request like ``send(_:operationID:options:server:)`` (credentials,
    /// idempotency key, server, middlewares, retries, timeouts and errors alike) but returns
    /// as soon as the head of a 2xx response has arrived, with its body still streaming in:
    /// pass the response to ``serverSentEvents(of:from:operationID:terminator:)``,
    /// ``jsonLines(of:from:operationID:)`` or ``jsonSequence(of:from:operationID:)``.
    ///
    /// The transport's ``HTTPTransport/sendStreaming(_:)`` carries the request, and each
    /// middleware's ``ClientMiddleware/interceptStreaming(_:operationID:next:)`` sees it.
    /// The timeout bounds each attempt up to the head of the response; the body that
    /// follows has no time limit unless ``ClientConfiguration/streamIdleTimeout`` (or
    /// ``RequestOptions/streamIdleTimeout``) bounds each wait for more of it (cancel the
    /// consuming task to stop waiting). A response with
    /// any status other than 2xx has been read whole (within the timeout) when this returns,
    /// so ``HTTPStreamingResponse/collect(upTo:)`` gives it at once for
    /// `documentedError(_:from:operationID:)` and `unexpectedStatus(_:operationID:)`;
    /// a 429 after the last retry is returned, as ``send(_:operationID:options:server:)``
    /// returns it: the operation throws its documented error for it, or ``RateLimitedError``
    /// through the streamed `unexpectedStatus(_:operationID:)`.
    /// Only attempts that end before a 2xx head are retried: once this has returned,
    /// nothing is sent again.
    public func sendStreaming(
        _ builder: RequestBuilder, operationID: String, options: RequestOptions = RequestOptions(),
        server: String? = nil
    ) async throws -> HTTPStreamingResponse {
        let transport = self.transport
        let middlewares = self.middlewares
        let attempt = try await perform(
            builder, operationID: operationID, options: options, server: server, returnsRateLimited: true
        ) { request, transportErrors in
            var next: @Sendable (HTTPRequest) async throws -> HTTPStreamingResponse = { request in
                do {
                    return try await transport.sendStreaming(request)
                } catch {
                    transportErrors.record(error)
                    throw error
                }
            }
            for middleware in middlewares.reversed() {
                let inner = next
                next = { request in
                    try await middleware.interceptStreaming(request, operationID: operationID, next: inner)
                }
            }
            let response = try await next(request)
            if (200..<300).contains(response.statusCode) { return StreamingAttempt(response: response, body: Data()) }
            // An error status: read it whole now, within the attempt's time, for retries and errors.
            let buffered: HTTPResponse
            do {
                buffered = try await response.collect()
            } catch {
                transportErrors.record(error)
                throw error
            }
            return StreamingAttempt(response: HTTPStreamingResponse(buffered), body: buffered.body)
        }
        var response = attempt.response
        if (200..<300).contains(response.statusCode),
            let idle = options.streamIdleTimeout ?? configuration.streamIdleTimeout, idle <= RetryPolicy.longestWait
        {
            response.body = StreamIdleLimit.limit(response.body, seconds: idle)
        }
        return response
    }

    /// The retry loop shared by ``send(_:operationID:options:server:)`` and
    /// ``sendStreaming(_:operationID:options:server:)``; `attempt` runs the middleware chain
    /// and the transport once.
    /// A 429 after the last retry throws ``RateLimitedError``, or, with `returnsRateLimited`,
    /// is returned (with the attempts made) for the operation's own handling of its statuses.
    private func perform<Response: AttemptResponse>(
        _ builder: RequestBuilder, operationID: String, options: RequestOptions, server: String?,
        returnsRateLimited: Bool = false,
        attempt runAttempt: @escaping @Sendable (HTTPRequest, TransportErrors) async throws -> Response
    ) async throws -> Response {
        var builder = builder
        // The next page of a URL-paged list goes to the URL the last page gave.
        if let next = options.pageExchange?.url { builder.retarget(to: next) }
        try await applyCredentials(to: &builder, operationID: operationID)
        for field in options.headers { builder.headers[field.name] = field.value }
        // One key per call, set before the first attempt, so every retry carries the same key.
        let hasIdempotencyKey = builder.idempotencyKeyHeader.map { !$0.isEmpty } ?? false
        if let header = builder.idempotencyKeyHeader, hasIdempotencyKey,
            builder.headers[header].map({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) ?? true
        {
            builder.headers[header] = UUID().uuidString.lowercased()
        }
        var base = serverURL
        if let server {
            if let override = serverOverrides[server] {
                base = override
            } else if let url = URL(string: server), url.scheme != nil {
                base = url
            } else if let url = URL(string: server, relativeTo: serverURL)?.absoluteURL {
                base = url  // `/v2` against `https://api.example.com/v1` is `https://api.example.com/v2`
            } else {
                throw RequestBuildError.invalidURL(server)
            }
        }
        // Only ever to the origin of the operation's server: the credentials stay with it.
        // (`Pagination` has checked it against the request that gave the URL already.)
        if let next = options.pageExchange?.url, !WebLink.sameOrigin(next, base) {
            throw PaginationLinkError(link: next, origin: base)
        }
        var request = try builder.build(serverURL: base)
        options.pageExchange?.record(requestURL: request.url)
        if let streamed = request.streamedBody {
            if transport.canStreamRequestBodies {
                _ = try streamed.length()  // a missing file fails here, before anything is sent
            } else {
                request.body = try streamed.collect()
                request.streamedBody = nil
            }
        }
        let policy = options.retryPolicy ?? configuration.retryPolicy
        let requestedTimeout = options.timeout.flatMap { $0.isNaN ? nil : $0 } ?? configuration.timeout
        let timeout = RetryPolicy.limit(requestedTimeout, default: 60)
        let maxRetryAfter = policy.retryAfterLimit
        let maxTotalTime = policy.totalTimeLimit
        // A request with an idempotency key is as safe to send twice as an idempotent method.
        let idempotent = RetryPolicy.idempotentMethods.contains(request.method) || hasIdempotencyKey
        let clock = ContinuousClock()
        let started = clock.now
        /// What is left of `maxTotalTime`, in seconds.
        func remaining() -> TimeInterval {
            let elapsed = started.duration(to: clock.now).components
            return maxTotalTime - (Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18)
        }
        var attempt = 0
        while true {
            attempt += 1
            try Task.checkCancellation()
            let attemptTimeout = min(timeout, max(0, remaining()))
            let outcome: Result<Response, any Error>
            do {
                outcome = .success(try await sendOnce(request, timeout: attemptTimeout, attempt: runAttempt))
            } catch {
                if Task.isCancelled || error is CancellationError { throw CancellationError() }
                outcome = .failure(error)
            }

            // How long to wait before trying again, or nil when this outcome is final.
            var delay: TimeInterval?
            var retryAfter: TimeInterval?
            switch outcome {
            case .success(let response):
                retryAfter = RetryPolicy.retryAfter(response.headers["Retry-After"])
                let retriable =
                    response.statusCode == 429 || (idempotent && [502, 503, 504].contains(response.statusCode))
                guard retriable else { return response }
                if let retryAfter {
                    // Never earlier than the server asked: a longer wait than allowed ends the retries.
                    delay = retryAfter <= maxRetryAfter ? retryAfter : nil
                } else {
                    delay = policy.backoff(afterAttempt: attempt)
                }
            case .failure(let error as AttemptTimedOut):
                _ = error
                if idempotent { delay = policy.backoff(afterAttempt: attempt) }
            case .failure(let error as FailedInTransport):
                if idempotent || TransportError.requestWasNotSent(error.underlying) {
                    delay = policy.backoff(afterAttempt: attempt)
                }
            case .failure(let error):
                throw error  // thrown by a middleware: not ours to retry
            }

            if let delay, attempt < policy.attempts, delay <= RetryPolicy.longestWait, delay < remaining() {
                try await Task.sleep(for: .seconds(delay))
                if remaining() > 0 { continue }
            }
            switch outcome {
            case .success(let response) where response.statusCode == 429 && returnsRateLimited:
                return response.rateLimited(afterAttempts: attempt)
            case .success(let response) where response.statusCode == 429:
                throw RateLimitedError(
                    operationID: operationID, retryAfter: retryAfter, attempts: attempt, headers: response.headers,
                    body: response.bufferedBody)
            case .success(let response):
                return response
            case .failure(is AttemptTimedOut):
                throw TimeoutError(operationID: operationID, timeout: attemptTimeout, attempts: attempt)
            case .failure(let error as FailedInTransport):
                if let urlError = error.underlying as? URLError, urlError.code == .timedOut {
                    throw TimeoutError(operationID: operationID, timeout: attemptTimeout, attempts: attempt)
                }
                throw TransportError(operationID: operationID, underlying: error.underlying, attempts: attempt)
            case .failure(let error):
                throw error
            }
        }
    }

    /// One attempt through the middleware chain, bounded by `timeout` (none above
    /// ``RetryPolicy/longestWait``). Returns as soon as the chain finishes, the time is up
    /// or the calling task is cancelled, without waiting for a chain that ignores its
    /// cancellation. Throws `AttemptTimedOut`, `FailedInTransport` when the chain
    /// threw the transport's error, or the chain's own error.
    private func sendOnce<Response: Sendable>(
        _ request: HTTPRequest, timeout: TimeInterval,
        attempt: @escaping @Sendable (HTTPRequest, TransportErrors) async throws -> Response
    ) async throws -> Response {
        let transportErrors = TransportErrors()
        let chain: @Sendable (HTTPRequest) async throws -> Response = { try await attempt($0, transportErrors) }
        let outcome = FirstOutcome<Response>()
        let work = Task {
            do {
                outcome.settle(.success(try await chain(request)))
            } catch {
                outcome.settle(.failure(error))
            }
        }
        let timer: Task<Void, Never>? =
            timeout <= RetryPolicy.longestWait
            ? Task {
                guard (try? await Task.sleep(for: .seconds(timeout))) != nil else { return }
                outcome.settle(.failure(AttemptTimedOut()))
            } : nil
        defer {
            work.cancel()
            timer?.cancel()
        }
        let result = await withTaskCancellationHandler {
            await outcome.value()
        } onCancel: {
            outcome.settle(.failure(CancellationError()))
        }
        switch result {
        case .success(let response):
            return response
        case .failure(let error):
            if let underlying = transportErrors.recorded(matching: error) {
                throw FailedInTransport(underlying: underlying)
            }
            throw error
        }
    }

    /// Decodes a documented response's JSON body.
    public func decodeJSON<T: Decodable>(
        _ type: T.Type, from response: HTTPResponse, operationID: String
    ) throws -> T {
        do {
            return try JSONCoding.decode(type, from: response.body)
        } catch {
            throw ResponseDecodingError(
                operationID: operationID, statusCode: response.statusCode, decodingError: error,
                body: response.body)
        }
    }

    /// The error for a documented error status, with its body decoded when it can be.
    public func documentedError<Body: Decodable & Sendable>(
        _ type: Body.Type, from response: HTTPResponse, operationID: String
    ) -> APIError<Body> {
        APIError(
            operationID: operationID, statusCode: response.statusCode, headers: response.headers,
            body: try? JSONCoding.decode(type, from: response.body),
            rawBody: response.body)
    }

    /// The error for a status code the operation does not document: ``RateLimitedError``
    /// for a 429 (the server still refused after the retries), ``UnexpectedStatusError``
    /// for any other.
    public func unexpectedStatus(_ response: HTTPResponse, operationID: String) -> any Error {
        if response.statusCode == 429 {
            return RateLimitedError(
                operationID: operationID, retryAfter: RetryPolicy.retryAfter(response.headers["Retry-After"]),
                attempts: response.rateLimitedAttempts ?? 1, headers: response.headers, body: response.body)
        }
        return unexpectedStatusError(response, operationID: operationID)
    }

    func unexpectedStatusError(_ response: HTTPResponse, operationID: String) -> UnexpectedStatusError {
        UnexpectedStatusError(
            operationID: operationID, statusCode: response.statusCode, headers: response.headers,
            body: response.body)
    }
}

/// What the retry loop needs to see of an attempt's response.
protocol AttemptResponse: Sendable {
    var statusCode: Int { get }
    var headers: HTTPHeaders { get }
    /// The body, for ``RateLimitedError``.
    var bufferedBody: Data { get }
    /// The response returned for a 429 once `attempts` attempts are over.
    func rateLimited(afterAttempts attempts: Int) -> Self
}

extension HTTPResponse: AttemptResponse {
    var bufferedBody: Data { body }
    func rateLimited(afterAttempts attempts: Int) -> HTTPResponse {
        var response = self
        response.rateLimitedAttempts = attempts
        return response
    }
}

/// A streamed attempt: the response, and its body when its status is an error (read whole).
private struct StreamingAttempt: AttemptResponse {
    var response: HTTPStreamingResponse
    var body: Data
    var statusCode: Int { response.statusCode }
    var headers: HTTPHeaders { response.headers }
    var bufferedBody: Data { body }
    func rateLimited(afterAttempts attempts: Int) -> StreamingAttempt {
        var attempt = self
        attempt.response.rateLimitedAttempts = attempts
        return attempt
    }
}

/// An attempt ran out of time (becomes ``TimeoutError`` once no retry follows).
private struct AttemptTimedOut: Error {}

/// The transport failed (becomes ``TransportError`` once no retry follows). Middlewares see
/// the transport's error itself; this marks it only once it has come out of the chain.
private struct FailedInTransport: Error {
    let underlying: any Error
}

/// The first of an attempt's possible ends (a result, the timeout, cancellation); later
/// ones are dropped.
private final class FirstOutcome<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var outcome: Result<Value, any Error>?
    private var waiter: CheckedContinuation<Result<Value, any Error>, Never>?

    func settle(_ result: Result<Value, any Error>) {
        lock.lock()
        guard outcome == nil else {
            lock.unlock()
            return
        }
        outcome = result
        let waiter = self.waiter
        self.waiter = nil
        lock.unlock()
        waiter?.resume(returning: result)
    }

    func value() async -> Result<Value, any Error> {
        await withCheckedContinuation { continuation in
            lock.lock()
            if let outcome {
                lock.unlock()
                continuation.resume(returning: outcome)
            } else {
                waiter = continuation
                lock.unlock()
            }
        }
    }
}

/// The errors the transport threw during one attempt, so that the same error coming out of
/// the middleware chain is known for a transport failure.
final class TransportErrors: @unchecked Sendable {
    private let lock = NSLock()
    private var errors: [any Error] = []

    func record(_ error: any Error) {
        lock.lock()
        errors.append(error)
        lock.unlock()
    }

    /// The recorded error that `error` is, passed on unchanged by the middlewares, or nil.
    func recorded(matching error: any Error) -> (any Error)? {
        lock.lock()
        defer { lock.unlock() }
        return errors.last { Self.isSame(error, $0) }
    }

    /// The same instance for a class, an equal value for an `Equatable` type, otherwise the
    /// same type with the same description.
    private static func isSame(_ error: any Error, _ recorded: any Error) -> Bool {
        guard ObjectIdentifier(type(of: error)) == ObjectIdentifier(type(of: recorded)) else { return false }
        if type(of: error) is AnyObject.Type { return (error as AnyObject) === (recorded as AnyObject) }
        if let error = (error as Any) as? any Equatable { return isEqual(error, recorded) }
        return String(reflecting: error) == String(reflecting: recorded)
    }

    private static func isEqual<Value: Equatable>(_ value: Value, _ other: any Error) -> Bool {
        (other as? Value) == value
    }
}
