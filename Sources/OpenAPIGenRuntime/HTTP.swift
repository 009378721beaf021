import Foundation

/// An HTTP method, as an operation in an OpenAPI document names it.
///
/// Method names are case-sensitive (RFC 9110): `HTTPMethod(rawValue: "COPY")` and
/// `HTTPMethod(rawValue: "copy")` are different methods, each sent as written. The names of
/// the standard methods (``get``, ``put``, ``post``, ``delete``, ``options``, ``head``,
/// ``patch``, ``trace`` and ``query``) are the exception: in any case they mean the standard
/// method, sent in upper case, so `HTTPMethod(rawValue: "get")` is ``get``.
public struct HTTPMethod: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) {
        let upper = rawValue.uppercased()
        self.rawValue = Self.standardNames.contains(upper) ? upper : rawValue
    }
    public var description: String { rawValue }

    private static let standardNames: Set<String> = [
        "GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE", "QUERY",
    ]

    public static let get = HTTPMethod(rawValue: "GET")
    public static let put = HTTPMethod(rawValue: "PUT")
    public static let post = HTTPMethod(rawValue: "POST")
    public static let delete = HTTPMethod(rawValue: "DELETE")
    public static let options = HTTPMethod(rawValue: "OPTIONS")
    public static let head = HTTPMethod(rawValue: "HEAD")
    public static let patch = HTTPMethod(rawValue: "PATCH")
    public static let trace = HTTPMethod(rawValue: "TRACE")
    /// `QUERY`: a safe, idempotent request whose body says what to return (OpenAPI 3.2's `query`).
    public static let query = HTTPMethod(rawValue: "QUERY")
}

/// Header fields in the order they were set. Names compare case-insensitively.
///
/// Descriptions and `dump` never show a credential: the values of `Authorization`,
/// `Proxy-Authorization`, `Cookie`, `Set-Cookie` and of fields set with
/// ``setCredential(_:_:)`` (an `apiKey` scheme's header) read `<redacted>`.
public struct HTTPHeaders: Hashable, Sendable, Sequence, ExpressibleByDictionaryLiteral,
    CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable
{
    public private(set) var fields: [(name: String, value: String)] = []
    /// Lowercased names of the fields, besides the well-known ones, whose values are credentials.
    private var credentialNames: Set<String> = []
    /// Fields whose values are always credentials.
    private static let credentialFields: Set<String> = ["authorization", "proxy-authorization", "cookie", "set-cookie"]

    public init() {}
    public init(dictionaryLiteral elements: (String, String)...) {
        for (name, value) in elements { add(name, value) }
    }

    /// The first value for `name`, compared case-insensitively.
    public subscript(name: String) -> String? {
        get { fields.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value }
        set {
            fields.removeAll { $0.name.caseInsensitiveCompare(name) == .orderedSame }
            if let newValue { fields.append((name, newValue)) }
        }
    }

    /// Adds a field, keeping any field of the same name.
    public mutating func add(_ name: String, _ value: String) { fields.append((name, value)) }

    /// Sets a field whose value is a credential: sent as it is, shown as `<redacted>` in
    /// descriptions and `dump`.
    public mutating func setCredential(_ name: String, _ value: String) {
        self[name] = value
        credentialNames.insert(name.lowercased())
    }

    /// Whether the values of the field `name` are credentials, never shown.
    public func isCredential(_ name: String) -> Bool {
        let name = name.lowercased()
        return Self.credentialFields.contains(name) || credentialNames.contains(name)
    }

    /// `[Accept: application/json, Authorization: <redacted>]`.
    public var description: String { "[" + redactedFields.joined(separator: ", ") + "]" }

    public var debugDescription: String { description }

    /// The fields as `name: value` with credentials redacted, so `dump` shows no secret.
    public var customMirror: Mirror { Mirror(self, unlabeledChildren: redactedFields, displayStyle: .collection) }

    private var redactedFields: [String] {
        fields.map { "\($0.name): \(isCredential($0.name) ? Redaction.placeholder : $0.value)" }
    }

    /// Throws unless every field can be sent as it is: each name an RFC 9110 token, no value
    /// with a CR, LF or NUL (which could end the field and add another, or end the head).
    /// The error names the field but never shows a value, which may be a credential.
    /// ``RequestBuilder/build(serverURL:)`` checks every request this way.
    public func validate() throws {
        for field in fields { try Self.validate(name: field.name, value: field.value) }
    }

    /// Throws ``RequestBuildError/invalidHeaderName(_:)`` unless `name` is a token, and
    /// ``RequestBuildError/invalidHeaderValue(name:)`` when `value` holds a CR, LF or NUL.
    static func validate(name: String, value: String) throws {
        guard !name.isEmpty, name.utf8.allSatisfy(isTokenCharacter) else {
            throw RequestBuildError.invalidHeaderName(name)
        }
        for byte in value.utf8 where byte == UInt8(ascii: "\r") || byte == UInt8(ascii: "\n") || byte == 0 {
            throw RequestBuildError.invalidHeaderValue(name: name)
        }
    }

    /// RFC 9110 `tchar`: a letter, a digit or one of ``!#$%&'*+-.^_`|~``.
    private static func isTokenCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        default:
            "!#$%&'*+-.^_`|~".utf8.contains(byte)
        }
    }

    public func makeIterator() -> IndexingIterator<[(name: String, value: String)]> {
        fields.makeIterator()
    }

    public static func == (lhs: HTTPHeaders, rhs: HTTPHeaders) -> Bool {
        lhs.fields.elementsEqual(rhs.fields) { $0.name == $1.name && $0.value == $1.value }
    }

    public func hash(into hasher: inout Hasher) {
        for field in fields {
            hasher.combine(field.name)
            hasher.combine(field.value)
        }
    }
}

/// A request ready to be sent by an ``HTTPTransport``.
///
/// Its description, debug description and `dump` show no credential, so a middleware or
/// transport may log it: query values read `<redacted>` (any may be an API key), headers
/// are shown as ``HTTPHeaders`` shows them, and the body only as its size. Read ``url``,
/// ``headers`` and ``body`` themselves to see what is sent.
public struct HTTPRequest: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    public var method: HTTPMethod
    public var url: URL
    public var headers: HTTPHeaders
    public var body: Data?
    /// A body sent from files as it is sent, in place of ``body`` (which is then nil): a
    /// transport with ``HTTPTransport/canStreamRequestBodies`` reads it while sending; for
    /// any other, ``ClientCore`` reads it into ``body`` first.
    public var streamedBody: StreamedRequestBody?

    public init(method: HTTPMethod, url: URL, headers: HTTPHeaders = [:], body: Data? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }

    /// `GET https://api.example.com/reports?api_key=<redacted> [Accept: application/json]`.
    public var description: String {
        let size = body.map { " (\($0.count)-byte body)" } ?? (streamedBody != nil ? " (streamed body)" : "")
        return "\(method) \(Redaction.redactURL(url.absoluteString)) \(headers)\(size)"
    }

    public var debugDescription: String { description }

    /// The URL redacted and the body as its size, so `dump` shows no secret.
    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "method": method, "url": Redaction.redactURL(url.absoluteString), "headers": headers,
                "body": body.map { "\($0.count) bytes" } ?? (streamedBody != nil ? "streamed" : "none"),
            ],
            displayStyle: .struct)
    }
}

/// A complete response received by an ``HTTPTransport``.
public struct HTTPResponse: Sendable, Hashable {
    public var statusCode: Int
    public var headers: HTTPHeaders
    public var body: Data
    /// For a 429 that ``ClientCore/send(_:operationID:options:server:)`` returns once its
    /// retries are over, how many attempts the call made (for ``RateLimitedError``); not
    /// part of the response's equality.
    var rateLimitedAttempts: Int?

    public init(statusCode: Int, headers: HTTPHeaders = [:], body: Data = Data()) {
        self.statusCode = statusCode
        self.headers = headers
        self.body = body
    }

    public static func == (left: HTTPResponse, right: HTTPResponse) -> Bool {
        left.statusCode == right.statusCode && left.headers == right.headers && left.body == right.body
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(statusCode)
        hasher.combine(headers)
        hasher.combine(body)
    }
}

/// Sends requests over the network. Generated clients use ``URLSessionTransport`` unless
/// given another; any HTTP client (or a test double) can conform in a few lines.
///
/// A transport that can hand on a response body as it arrives implements
/// ``sendStreaming(_:)``; the default implementation is a buffered fallback that calls
/// ``send(_:)`` and yields the whole body at once.
public protocol HTTPTransport: Sendable {
    func send(_ request: HTTPRequest) async throws -> HTTPResponse
    /// Whether the transport sends ``HTTPRequest/streamedBody`` itself (reading its files as
    /// it sends). When false (the default), ``ClientCore`` reads such a body into
    /// ``HTTPRequest/body`` before the request reaches the middlewares and the transport.
    var canStreamRequestBodies: Bool { get }
    /// Sends the request and returns as soon as the head of the response has arrived, its
    /// body streaming in. Ending the body early (dropping it, or cancelling the task that
    /// iterates it) must end the exchange and close the connection.
    func sendStreaming(_ request: HTTPRequest) async throws -> HTTPStreamingResponse
}

/// Reads and may change each request and response passing through a client, in order:
/// the first middleware sees the request first and the response last.
///
/// Streamed calls (``ClientCore/sendStreaming(_:operationID:options:server:)``) go through
/// ``interceptStreaming(_:operationID:next:)`` instead, whose default implementation runs
/// ``intercept(_:operationID:next:)`` without reading a 2xx body (see there).
public protocol ClientMiddleware: Sendable {
    func intercept(
        _ request: HTTPRequest,
        operationID: String,
        next: @Sendable (HTTPRequest) async throws -> HTTPResponse
    ) async throws -> HTTPResponse

    /// Reads and may change a streamed call's request and response.
    func interceptStreaming(
        _ request: HTTPRequest,
        operationID: String,
        next: @Sendable (HTTPRequest) async throws -> HTTPStreamingResponse
    ) async throws -> HTTPStreamingResponse
}

/// Adds `Authorization: Bearer <token>`, asking the provider for the token on every
/// request so a rotated token is used without rebuilding the client. A token holding a CR,
/// LF or NUL is never sent: ``intercept(_:operationID:next:)`` throws
/// ``RequestBuildError/invalidHeaderValue(name:)`` instead, without showing the token.
public struct BearerTokenMiddleware: ClientMiddleware, CustomStringConvertible {
    private let token: @Sendable () async throws -> String

    public init(token: @escaping @Sendable () async throws -> String) { self.token = token }
    public init(token: String) { self.token = { token } }

    public func intercept(
        _ request: HTTPRequest,
        operationID: String,
        next: @Sendable (HTTPRequest) async throws -> HTTPResponse
    ) async throws -> HTTPResponse {
        var request = request
        let value = "Bearer \(try await token())"
        try HTTPHeaders.validate(name: "Authorization", value: value)
        request.headers["Authorization"] = value
        return try await next(request)
    }

    /// The same for a streamed call: the body streams through untouched.
    public func interceptStreaming(
        _ request: HTTPRequest,
        operationID: String,
        next: @Sendable (HTTPRequest) async throws -> HTTPStreamingResponse
    ) async throws -> HTTPStreamingResponse {
        var request = request
        let value = "Bearer \(try await token())"
        try HTTPHeaders.validate(name: "Authorization", value: value)
        request.headers["Authorization"] = value
        return try await next(request)
    }

    /// Never shows the token.
    public var description: String { "BearerTokenMiddleware(token: <redacted>)" }
}

extension BearerTokenMiddleware: CustomReflectable {
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}
