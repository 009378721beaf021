import Foundation

/// When and how a client sends a request again.
///
/// A request is retried only when it is known not to have been processed, or when
/// sending it twice is harmless:
/// - `429 Too Many Requests`, any method: the server refused it.
/// - a connection that failed before the request was sent (``TransportError/requestWasNotSent(_:)``),
///   any method.
/// - `502`, `503`, `504`, timeouts and dropped connections, idempotent methods only (GET,
///   QUERY, PUT, DELETE, HEAD, OPTIONS, TRACE), and requests with an idempotency key
///   (``RequestBuilder/idempotencyKeyHeader``), whatever their method. A POST, a PATCH or
///   another method without a key is never sent again after one of these: the server may
///   have acted on it. With a key, every attempt of a call carries the same key (the
///   caller's, or a random UUID the client generates once per call), so a server that
///   honours the key acts on the request once and answers the retries with that first result.
///
/// A response with `Retry-After` (seconds or an HTTP date) is never retried earlier than
/// the server asked, whatever its status: the client waits exactly that long, and a
/// `Retry-After` above ``maxRetryAfter``, or one that leaves no time within
/// ``maxTotalTime``, ends the retries (the response, or ``RateLimitedError`` for a 429,
/// is the result). Without `Retry-After`, waits grow exponentially from ``initialBackoff``
/// by ``multiplier`` up to ``maxBackoff``, each with random jitter.
///
/// ``maxTotalTime`` bounds the whole call, waits and attempts together: each attempt may
/// take the client's timeout or what is left of ``maxTotalTime``, whichever is less, and
/// no retry starts when its wait would not end in time.
///
/// No value crashes: `.infinity` means no limit; the initializer clamps the rest (and a
/// client applies the same rules to values set later): a negative or NaN backoff is 0, a
/// multiplier below 1 or NaN is 1, a negative limit is 0 and a NaN limit is its default.
/// A wait longer than ``longestWait`` (or infinite) counts as never: it ends the retries.
public struct RetryPolicy: Sendable, Hashable {
    /// Attempts in all, the first included; 1 turns retries off.
    public var maxAttempts: Int
    /// The wait after the first attempt, before jitter; a negative or NaN value means 0.
    public var initialBackoff: TimeInterval
    /// The longest wait between attempts, before jitter; a negative or NaN value means 0.
    public var maxBackoff: TimeInterval
    /// How much each wait grows over the previous one; below 1 or NaN means 1.
    public var multiplier: Double
    /// The longest `Retry-After` the client waits for; a longer one ends the retries.
    /// `.infinity` honours any; NaN means the default (60 s).
    public var maxRetryAfter: TimeInterval
    /// The most time all attempts and waits may take together; the last attempt gets only
    /// what is left. `.infinity` means no limit; NaN means the default (120 s).
    public var maxTotalTime: TimeInterval

    /// Waits and timeouts longer than this (about 31 years) are treated as unbounded: such a
    /// wait ends the retries, and such a timeout means no timeout.
    public static let longestWait: TimeInterval = 1e9

    public init(
        maxAttempts: Int = 3, initialBackoff: TimeInterval = 0.25, maxBackoff: TimeInterval = 8, multiplier: Double = 2,
        maxRetryAfter: TimeInterval = 60, maxTotalTime: TimeInterval = 120
    ) {
        self.maxAttempts = max(1, maxAttempts)
        self.initialBackoff = Self.wait(initialBackoff)
        self.maxBackoff = Self.wait(maxBackoff)
        self.multiplier = Self.factor(multiplier)
        self.maxRetryAfter = Self.limit(maxRetryAfter, default: 60)
        self.maxTotalTime = Self.limit(maxTotalTime, default: 120)
    }

    public static let `default` = RetryPolicy()
    /// Every request is sent once.
    public static let disabled = RetryPolicy(maxAttempts: 1)

    /// The wait before attempt `attempt + 1` (attempts count from 1): exponential, with
    /// "equal jitter" (half fixed, half random) so that clients do not retry in step.
    /// Infinite when the policy's values make it unbounded.
    func backoff(afterAttempt attempt: Int) -> TimeInterval {
        let initial = Self.wait(initialBackoff)
        guard initial > 0 else { return 0 }
        let growth = pow(Self.factor(multiplier), Double(max(0, attempt - 1)))
        let exponential = min(Self.wait(maxBackoff), initial * growth)
        guard exponential.isFinite else { return .infinity }
        return exponential / 2 + Double.random(in: 0...(exponential / 2))
    }

    /// The policy's ``maxAttempts`` as the client applies it.
    var attempts: Int { max(1, maxAttempts) }
    /// The policy's ``maxRetryAfter`` as the client applies it.
    var retryAfterLimit: TimeInterval { Self.limit(maxRetryAfter, default: 60) }
    /// The policy's ``maxTotalTime`` as the client applies it.
    var totalTimeLimit: TimeInterval { Self.limit(maxTotalTime, default: 120) }

    /// A wait: negative or NaN is 0.
    static func wait(_ value: TimeInterval) -> TimeInterval { value.isNaN || value < 0 ? 0 : value }
    /// A growth factor: below 1 or NaN is 1.
    static func factor(_ value: Double) -> Double { value.isNaN || value < 1 ? 1 : value }
    /// A limit: negative is 0, NaN is `defaultValue`.
    static func limit(_ value: TimeInterval, default defaultValue: TimeInterval) -> TimeInterval {
        value.isNaN ? defaultValue : max(0, value)
    }

    static let idempotentMethods: Set<HTTPMethod> = [.get, .query, .put, .delete, .head, .options, .trace]

    /// Seconds from a `Retry-After` value: delay-seconds or an HTTP date.
    public static func retryAfter(_ value: String?, now: Date = Date()) -> TimeInterval? {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        if let seconds = Double(value), seconds >= 0 { return seconds }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        for format in ["EEE, dd MMM yyyy HH:mm:ss zzz", "EEEE, dd-MMM-yy HH:mm:ss zzz", "EEE MMM d HH:mm:ss yyyy"] {
            formatter.dateFormat = format
            if let date = formatter.date(from: value) { return max(0, date.timeIntervalSince(now)) }
        }
        return nil
    }
}

/// Settings a client applies to every request unless a request's ``RequestOptions``
/// says otherwise.
public struct ClientConfiguration: Sendable, Hashable {
    /// How long one attempt may take, from sending to the last byte of the response (and
    /// never more than what is left of the policy's ``RetryPolicy/maxTotalTime``).
    /// `.infinity` means no timeout; a negative value is 0 and NaN is the default (60 s).
    public var timeout: TimeInterval
    public var retryPolicy: RetryPolicy
    /// How long a streamed response body (``ClientCore/sendStreaming(_:operationID:options:server:)``)
    /// may go without a byte arriving before the loop over it throws
    /// ``StreamInterruptedError`` (its underlying error a ``StreamIdleTimeoutError``) and
    /// the connection is closed; nil (the default) waits as long as the server takes. A
    /// server that sends keep-alive comments keeps the stream alive.
    public var streamIdleTimeout: TimeInterval?

    public init(timeout: TimeInterval = 60, retryPolicy: RetryPolicy = .default, streamIdleTimeout: TimeInterval? = nil)
    {
        self.timeout = RetryPolicy.limit(timeout, default: 60)
        self.retryPolicy = retryPolicy
        self.streamIdleTimeout = streamIdleTimeout.flatMap { $0.isNaN ? nil : max(0, $0) }
    }
}

/// Settings for one call, overriding the client's.
public struct RequestOptions: Sendable, Hashable {
    /// This call's ``ClientConfiguration/timeout``; nil (or NaN) means the client's.
    public var timeout: TimeInterval?
    public var retryPolicy: RetryPolicy?
    /// Extra header fields for this call only.
    public var headers: HTTPHeaders
    /// This call's ``ClientConfiguration/streamIdleTimeout``; nil (or NaN) means the client's.
    public var streamIdleTimeout: TimeInterval?
    /// Set only by `Pagination.linkedItems` and `Pagination.nextURLItems`: the next page's
    /// URL, and where the request's URL and the response's headers are recorded.
    var pageExchange: PageExchange?

    public init(
        timeout: TimeInterval? = nil, retryPolicy: RetryPolicy? = nil, headers: HTTPHeaders = [:],
        streamIdleTimeout: TimeInterval? = nil
    ) {
        self.timeout = timeout.flatMap { $0.isNaN ? nil : max(0, $0) }
        self.retryPolicy = retryPolicy
        self.headers = headers
        self.streamIdleTimeout = streamIdleTimeout.flatMap { $0.isNaN ? nil : max(0, $0) }
    }
}
