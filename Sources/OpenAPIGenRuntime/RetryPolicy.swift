import Foundation

/// When and how a client sends a request again.
///
/// A request is retried only when it is known not to have been processed, or when
/// sending it twice is harmless:
/// - `429 Too Many Requests`, any method: the server refused it. `Retry-After` (seconds or
///   an HTTP date) is honoured up to ``maxRetryAfter``.
/// - a connection that failed before the request was sent (``TransportError/requestWasNotSent(_:)``),
///   any method.
/// - `502`, `503`, `504` and timeouts, idempotent methods only (GET, PUT, DELETE, HEAD,
///   OPTIONS, TRACE). A POST or PATCH is never sent again after one of these: the server
///   may have acted on it.
///
/// Waits grow exponentially from ``initialBackoff`` by ``multiplier`` up to ``maxBackoff``,
/// each with random jitter, and all attempts together stay within ``maxTotalTime``.
public struct RetryPolicy: Sendable, Hashable {
    /// Attempts in all, the first included; 1 turns retries off.
    public var maxAttempts: Int
    public var initialBackoff: TimeInterval
    public var maxBackoff: TimeInterval
    public var multiplier: Double
    /// The longest `Retry-After` the client waits for; a longer one ends the retries.
    public var maxRetryAfter: TimeInterval
    /// The most time all attempts and waits may take together.
    public var maxTotalTime: TimeInterval

    public init(
        maxAttempts: Int = 3, initialBackoff: TimeInterval = 0.25, maxBackoff: TimeInterval = 8, multiplier: Double = 2,
        maxRetryAfter: TimeInterval = 60, maxTotalTime: TimeInterval = 120
    ) {
        self.maxAttempts = max(1, maxAttempts)
        self.initialBackoff = initialBackoff
        self.maxBackoff = maxBackoff
        self.multiplier = multiplier
        self.maxRetryAfter = maxRetryAfter
        self.maxTotalTime = maxTotalTime
    }

    public static let `default` = RetryPolicy()
    /// Every request is sent once.
    public static let disabled = RetryPolicy(maxAttempts: 1)

    /// The wait before attempt `attempt + 1` (attempts count from 1): exponential, with
    /// "equal jitter" (half fixed, half random) so that clients do not retry in step.
    func backoff(afterAttempt attempt: Int) -> TimeInterval {
        let exponential = min(maxBackoff, initialBackoff * pow(multiplier, Double(attempt - 1)))
        return exponential / 2 + Double.random(in: 0...(exponential / 2))
    }

    static let idempotentMethods: Set<HTTPMethod> = [.get, .put, .delete, .head, .options, .trace]

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
    /// How long one attempt may take, from sending to the last byte of the response.
    public var timeout: TimeInterval
    public var retryPolicy: RetryPolicy

    public init(timeout: TimeInterval = 60, retryPolicy: RetryPolicy = .default) {
        self.timeout = timeout
        self.retryPolicy = retryPolicy
    }
}

/// Settings for one call, overriding the client's.
public struct RequestOptions: Sendable, Hashable {
    public var timeout: TimeInterval?
    public var retryPolicy: RetryPolicy?
    /// Extra header fields for this call only.
    public var headers: HTTPHeaders

    public init(timeout: TimeInterval? = nil, retryPolicy: RetryPolicy? = nil, headers: HTTPHeaders = [:]) {
        self.timeout = timeout
        self.retryPolicy = retryPolicy
        self.headers = headers
    }
}
