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
    /// as the ``RetryPolicy`` allows. Returns the last response; throws
    /// ``RateLimitedError`` when it is a 429, ``TimeoutError`` or ``TransportError`` when
    /// no response arrived, and `CancellationError` when the calling task is cancelled.
    ///
    /// - Parameter server: The operation's own server (its URL as the spec gives it), when it
    ///   names one: the request goes there, or where ``serverOverrides`` says; otherwise to
    ///   ``serverURL``.
    public func send(
        _ builder: RequestBuilder, operationID: String, options: RequestOptions = RequestOptions(),
        server: String? = nil
    ) async throws -> HTTPResponse {
        var builder = builder
        try await applyCredentials(to: &builder, operationID: operationID)
        for field in options.headers { builder.headers[field.name] = field.value }
        var base = serverURL
        if let server {
            guard let url = serverOverrides[server] ?? URL(string: server) else {
                throw RequestBuildError.invalidURL(server)
            }
            base = url
        }
        let request = try builder.build(serverURL: base)
        let policy = options.retryPolicy ?? configuration.retryPolicy
        let timeout = options.timeout ?? configuration.timeout
        let idempotent = RetryPolicy.idempotentMethods.contains(request.method)
        let clock = ContinuousClock()
        let started = clock.now
        var attempt = 0
        while true {
            attempt += 1
            try Task.checkCancellation()
            let outcome: Result<HTTPResponse, any Error>
            do {
                outcome = .success(try await sendOnce(request, operationID: operationID, timeout: timeout))
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
                if response.statusCode == 429 {
                    delay = retryAfter.map { $0 <= policy.maxRetryAfter ? $0 : nil } ?? policy.backoff(afterAttempt: attempt)
                } else if idempotent, [502, 503, 504].contains(response.statusCode) {
                    delay = min(retryAfter ?? policy.backoff(afterAttempt: attempt), policy.maxRetryAfter)
                } else {
                    return response
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

            let elapsed = started.duration(to: clock.now)
            let elapsedSeconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            if let delay, attempt < policy.maxAttempts, elapsedSeconds + delay < policy.maxTotalTime {
                try await Task.sleep(for: .milliseconds(Int64(delay * 1000)))
                continue
            }
            switch outcome {
            case .success(let response) where response.statusCode == 429:
                throw RateLimitedError(
                    operationID: operationID, retryAfter: retryAfter, attempts: attempt, headers: response.headers,
                    body: response.body)
            case .success(let response):
                return response
            case .failure(is AttemptTimedOut):
                throw TimeoutError(operationID: operationID, timeout: timeout, attempts: attempt)
            case .failure(let error as FailedInTransport):
                if let urlError = error.underlying as? URLError, urlError.code == .timedOut {
                    throw TimeoutError(operationID: operationID, timeout: timeout, attempts: attempt)
                }
                throw TransportError(operationID: operationID, underlying: error.underlying, attempts: attempt)
            case .failure(let error):
                throw error
            }
        }
    }

    /// One attempt through the middleware chain, bounded by `timeout`.
    private func sendOnce(_ request: HTTPRequest, operationID: String, timeout: TimeInterval) async throws
        -> HTTPResponse
    {
        let transport = self.transport
        var next: @Sendable (HTTPRequest) async throws -> HTTPResponse = { request in
            do {
                return try await transport.send(request)
            } catch {
                throw FailedInTransport(underlying: error)
            }
        }
        for middleware in middlewares.reversed() {
            let inner = next
            next = { request in try await middleware.intercept(request, operationID: operationID, next: inner) }
        }
        let chain = next
        return try await withThrowingTaskGroup(of: HTTPResponse?.self) { group in
            group.addTask { try await chain(request) }
            group.addTask {
                try await Task.sleep(for: .milliseconds(Int64(timeout * 1000)))
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let response = first else { throw AttemptTimedOut() }
            return response
        }
    }

    /// Decodes a documented response's JSON body.
    public func decodeJSON<T: Decodable>(
        _ type: T.Type, from response: HTTPResponse, operationID: String
    ) throws -> T {
        do {
            return try JSONCoding.makeDecoder().decode(type, from: response.body)
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
            body: try? JSONCoding.makeDecoder().decode(type, from: response.body),
            rawBody: response.body)
    }

    /// The error for a status code the operation does not document.
    public func unexpectedStatus(_ response: HTTPResponse, operationID: String) -> UnexpectedStatusError {
        UnexpectedStatusError(
            operationID: operationID, statusCode: response.statusCode, headers: response.headers,
            body: response.body)
    }
}

/// An attempt ran out of time (becomes ``TimeoutError`` once no retry follows).
private struct AttemptTimedOut: Error {}

/// The transport failed (becomes ``TransportError`` once no retry follows); errors a
/// middleware throws are not wrapped and pass through unchanged.
private struct FailedInTransport: Error {
    let underlying: any Error
}
