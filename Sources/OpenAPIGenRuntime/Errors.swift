import Foundation

/// A status code the operation documents, with the body it documents for it.
///
/// `body` is nil when the server sent something that does not decode as the documented
/// schema (an HTML page from a proxy, say); `rawBody` always holds what arrived.
public struct APIError<Body: Decodable & Sendable>: Error, CustomStringConvertible {
    public let operationID: String
    public let statusCode: Int
    public let headers: HTTPHeaders
    public let body: Body?
    public let rawBody: Data

    public init(operationID: String, statusCode: Int, headers: HTTPHeaders, body: Body?, rawBody: Data) {
        self.operationID = operationID
        self.statusCode = statusCode
        self.headers = headers
        self.body = body
        self.rawBody = rawBody
    }

    /// `createInvitee failed with HTTP 400 (Bad Request): Invalid Argument: The supplied
    /// parameters are invalid.` — human-readable fields of the body, or an excerpt of it.
    public var description: String {
        "\(operationID) failed with \(HTTPStatus.describe(statusCode)): \(ResponseBodySummary.summarize(rawBody))"
    }
}

/// A status code the operation does not document. Status, headers and body are kept.
public struct UnexpectedStatusError: Error, CustomStringConvertible {
    public let operationID: String
    public let statusCode: Int
    public let headers: HTTPHeaders
    public let body: Data

    public init(operationID: String, statusCode: Int, headers: HTTPHeaders, body: Data) {
        self.operationID = operationID
        self.statusCode = statusCode
        self.headers = headers
        self.body = body
    }

    public var description: String {
        "\(operationID) received an undocumented \(HTTPStatus.describe(statusCode)): \(ResponseBodySummary.summarize(body))"
    }
}

/// A documented response whose body does not match its schema.
public struct ResponseDecodingError: Error, CustomStringConvertible {
    public let operationID: String
    public let statusCode: Int
    /// Where in the body decoding failed, e.g. `resource.status`.
    public let codingPath: String
    /// What went wrong there.
    public let reason: String
    /// The start of the body, at most 512 bytes.
    public let bodyExcerpt: String

    public init(operationID: String, statusCode: Int, decodingError: any Error, body: Data) {
        self.operationID = operationID
        self.statusCode = statusCode
        (codingPath, reason) = ResponseDecodingError.explain(decodingError)
        bodyExcerpt = ResponseBodySummary.excerpt(body, limit: 512)
    }

    public var description: String {
        let place = codingPath.isEmpty ? "the body" : "'\(codingPath)'"
        return
            "\(operationID): the \(HTTPStatus.describe(statusCode)) response does not match its schema at \(place): \(reason) Body: \(bodyExcerpt)"
    }

    static func explain(_ error: any Error) -> (String, String) {
        func path(_ keys: [any CodingKey]) -> String {
            keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
                .joined(separator: ".").replacingOccurrences(of: ".[", with: "[")
        }
        guard let error = error as? DecodingError else { return ("", "\(error)") }
        switch error {
        case .keyNotFound(let key, let context):
            return (path(context.codingPath + [key]), "required key is missing.")
        case .valueNotFound(let type, let context):
            return (path(context.codingPath), "expected \(type), found null.")
        case .typeMismatch(let type, let context):
            return (path(context.codingPath), "expected \(type). \(context.debugDescription)")
        case .dataCorrupted(let context):
            return (path(context.codingPath), context.debugDescription)
        @unknown default:
            return ("", "\(error)")
        }
    }
}

/// The request could not be sent or its response not received.
///
/// Its description, debug description and `dump` output never show a credential: the
/// underlying error is described with every URL's query values, fragment and user info
/// replaced by `<redacted>` (`?limit=<redacted>&api_key=<redacted>`), since a query may hold
/// an API key and this type cannot know which names are credentials. For a `URLError` it
/// shows the code and the redacted failing URL. ``underlying`` itself is kept unchanged
/// for callers that inspect it: do not log it as it is.
public struct TransportError: Error, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public let operationID: String
    public let underlying: any Error
    /// How many times the request was tried.
    public let attempts: Int

    public init(operationID: String, underlying: any Error, attempts: Int = 1) {
        self.operationID = operationID
        self.underlying = underlying
        self.attempts = attempts
    }

    /// Whether the failure happened before any of the request reached the server (no
    /// connection could be made), so sending it again cannot do anything twice. Custom
    /// transports signal this by throwing ``ConnectionFailedError``.
    public static func requestWasNotSent(_ error: any Error) -> Bool {
        if error is ConnectionFailedError { return true }
        if let error = error as? URLError {
            switch error.code {
            case .cannotConnectToHost, .cannotFindHost, .dnsLookupFailed, .notConnectedToInternet,
                .secureConnectionFailed:
                return true
            default:
                return false
            }
        }
        return false
    }

    /// `listReports: the request failed: URLError -1001 (timed out) for
    /// https://api.example.com/reports?api_key=<redacted>`; no query value is shown. The
    /// reason in parentheses is the error's localized description when it has one.
    public var description: String {
        let after = attempts > 1 ? " after \(attempts) attempts" : ""
        return "\(operationID): the request failed\(after): \(underlyingDescription)"
    }

    public var debugDescription: String { description }

    /// The underlying error only as its redacted description, so `dump` shows no secret.
    public var customMirror: Mirror {
        Mirror(
            self,
            children: ["operationID": operationID, "underlying": underlyingDescription, "attempts": attempts],
            displayStyle: .struct)
    }

    /// ``underlying`` described with every URL's query values redacted.
    var underlyingDescription: String {
        // A `URLError`, or an `NSError` of its domain (which Linux does not bridge to one).
        let error = underlying as NSError
        guard underlying is URLError || error.domain == NSURLErrorDomain else {
            return Redaction.redactURLs(in: String(describing: underlying))
        }
        let url =
            (error.userInfo[NSURLErrorFailingURLErrorKey] as? URL)?.absoluteString
            ?? error.userInfo[Redaction.failingURLStringKey] as? String
        // The transport's own words when it gave some (libcurl's, on Linux), redacted too.
        let reason =
            (error.userInfo[NSLocalizedDescriptionKey] as? String).map(Redaction.redactURLs(in:))
            ?? Redaction.urlErrorNames[error.code]
        let name = reason.map { " (\($0))" } ?? ""
        return "URLError \(error.code)\(name)" + (url.map { " for " + Redaction.redactURL($0) } ?? "")
    }
}

/// Keeps credentials out of error text: URL query values may be API keys, user info may be
/// a password, a fragment may be a token.
enum Redaction {
    static let placeholder = "<redacted>"
    /// The value of the deprecated `NSURLErrorFailingURLStringErrorKey`, which errors still carry.
    static let failingURLStringKey = "NSErrorFailingURLStringKey"

    /// `url` with each query item's value (a whole item when it has no `=`), the fragment and
    /// any user info replaced with `<redacted>`: `https://x.test/a?limit=<redacted>`.
    static func redactURL(_ url: some StringProtocol) -> String {
        var rest = Substring(url)
        var fragment = ""
        if let hash = rest.firstIndex(of: "#") {
            fragment = "#" + placeholder
            rest = rest[..<hash]
        }
        var query = ""
        if let question = rest.firstIndex(of: "?") {
            query = "?" + redactQuery(rest[rest.index(after: question)...])
            rest = rest[..<question]
        }
        var head = String(rest)
        if let scheme = head.range(of: "://") {
            let authorityEnd = head[scheme.upperBound...].firstIndex(of: "/") ?? head.endIndex
            if let at = head[scheme.upperBound..<authorityEnd].lastIndex(of: "@") {
                head.replaceSubrange(scheme.upperBound..<at, with: placeholder)
            }
        }
        return head + query + fragment
    }

    /// `a=1&b` as `a=<redacted>&<redacted>`.
    static func redactQuery(_ query: Substring) -> String {
        query.split(separator: "&", omittingEmptySubsequences: false).map { item in
            guard !item.isEmpty else { return "" }
            guard let equals = item.firstIndex(of: "=") else { return placeholder }
            return item[...equals] + placeholder
        }.joined(separator: "&")
    }

    /// `text` with every URL in it (`scheme://…`) redacted as ``redactURL(_:)`` does, and
    /// any other `?name=value…` query's values redacted too.
    static func redactURLs(in text: String) -> String {
        guard let pattern = try? Regex(#"[A-Za-z][A-Za-z0-9+.\-]*://[^\s"'<>{}\\]+|\?[^\s"'<>{}\\]*="#) else {
            return placeholder
        }
        var out = ""
        var rest = Substring(text)
        while let match = rest.firstMatch(of: pattern) {
            out += rest[..<match.range.lowerBound]
            var end = match.range.upperBound
            if rest[match.range].first == "?" {
                // A bare query: runs to the next space or quote.
                end = rest[end...].firstIndex { $0.isWhitespace || "\"'<>{}".contains($0) } ?? rest.endIndex
            }
            var found = rest[match.range.lowerBound..<end]
            // Punctuation after a URL in prose is not part of it.
            while let last = found.last, ",;.)".contains(last) { found = found.dropLast() }
            end = found.endIndex
            out += found.first == "?" ? "?" + redactQuery(found.dropFirst()) : redactURL(found)
            rest = rest[end...]
        }
        return out + rest
    }

    /// Short names of the `URLError` codes a transport commonly throws.
    static let urlErrorNames: [Int: String] = [
        URLError.Code.timedOut.rawValue: "timed out",
        URLError.Code.cannotConnectToHost.rawValue: "cannot connect to host",
        URLError.Code.cannotFindHost.rawValue: "cannot find host",
        URLError.Code.dnsLookupFailed.rawValue: "DNS lookup failed",
        URLError.Code.networkConnectionLost.rawValue: "network connection lost",
        URLError.Code.notConnectedToInternet.rawValue: "not connected to the internet",
        URLError.Code.secureConnectionFailed.rawValue: "secure connection failed",
        URLError.Code.badServerResponse.rawValue: "bad server response",
        URLError.Code.badURL.rawValue: "bad URL",
        URLError.Code.cancelled.rawValue: "cancelled",
    ]
}

/// Thrown by a transport when it could not connect, so nothing was sent.
public struct ConnectionFailedError: Error, CustomStringConvertible {
    public let reason: String
    public init(reason: String) { self.reason = reason }
    public var description: String { "could not connect: \(reason)" }
}

/// An attempt took longer than its timeout.
public struct TimeoutError: Error, CustomStringConvertible {
    public let operationID: String
    public let timeout: TimeInterval
    public let attempts: Int

    public init(operationID: String, timeout: TimeInterval, attempts: Int) {
        self.operationID = operationID
        self.timeout = timeout
        self.attempts = attempts
    }

    public var description: String {
        "\(operationID) timed out after \(timeout) s\(attempts > 1 ? " (\(attempts) attempts)" : "")"
    }
}

/// The server answered `429 Too Many Requests` to the last attempt.
public struct RateLimitedError: Error, CustomStringConvertible {
    public let operationID: String
    /// The last `Retry-After`, in seconds, if the server sent one.
    public let retryAfter: TimeInterval?
    public let attempts: Int
    public let headers: HTTPHeaders
    public let body: Data

    public init(operationID: String, retryAfter: TimeInterval?, attempts: Int, headers: HTTPHeaders, body: Data) {
        self.operationID = operationID
        self.retryAfter = retryAfter
        self.attempts = attempts
        self.headers = headers
        self.body = body
    }

    public var description: String {
        let wait = retryAfter.map { "; the server asks to retry after \($0) s" } ?? ""
        return "\(operationID) was rate limited (HTTP 429) after \(attempts) attempt\(attempts == 1 ? "" : "s")\(wait)"
    }
}

enum HTTPStatus {
    static func describe(_ code: Int) -> String {
        let phrase: String? =
            switch code {
            case 400: "Bad Request"
            case 401: "Unauthorized"
            case 403: "Forbidden"
            case 404: "Not Found"
            case 405: "Method Not Allowed"
            case 409: "Conflict"
            case 410: "Gone"
            case 415: "Unsupported Media Type"
            case 422: "Unprocessable Content"
            case 424: "Failed Dependency"
            case 429: "Too Many Requests"
            case 500: "Internal Server Error"
            case 502: "Bad Gateway"
            case 503: "Service Unavailable"
            case 504: "Gateway Timeout"
            default: nil
            }
        return phrase.map { "HTTP \(code) (\($0))" } ?? "HTTP \(code)"
    }
}

/// Makes a short, readable account of an error body for error descriptions.
enum ResponseBodySummary {
    /// Fields APIs commonly use for a human-readable error, in the order they are shown.
    private static let messageKeys = [
        "title", "error", "code", "message", "error_description", "detail", "description",
    ]

    static func summarize(_ body: Data) -> String {
        if body.isEmpty { return "(empty body)" }
        if let object = try? JSONDecoder().decode([String: JSONValue].self, from: body) {
            let parts = messageKeys.compactMap { key -> String? in
                switch object[key] {
                case .string(let text)?: return text
                case .object(let nested)?: return nested["message"]?.stringValue
                default: return nil
                }
            }
            if !parts.isEmpty { return clip(parts.joined(separator: ": "), limit: 512) }
        }
        return excerpt(body, limit: 512)
    }

    static func excerpt(_ body: Data, limit: Int) -> String {
        if body.isEmpty { return "(empty body)" }
        let text = String(decoding: body.prefix(limit), as: UTF8.self)
        return clip(text, limit: limit) + (body.count > limit ? "… (\(body.count) bytes)" : "")
    }

    private static func clip(_ text: String, limit: Int) -> String {
        let flat = text.replacingOccurrences(of: "\n", with: " ")
        return flat.count > limit ? String(flat.prefix(limit)) + "…" : flat
    }
}
