import Foundation

/// A value that can stand in a path, query or header parameter.
public protocol ParameterValue {
    /// The text sent for this value, before percent-encoding.
    var parameterText: String { get }
}

extension String: ParameterValue { public var parameterText: String { self } }
extension Int: ParameterValue { public var parameterText: String { String(self) } }
extension Int32: ParameterValue { public var parameterText: String { String(self) } }
extension Int64: ParameterValue { public var parameterText: String { String(self) } }
extension Double: ParameterValue { public var parameterText: String { String(self) } }
extension Float: ParameterValue { public var parameterText: String { String(self) } }
extension Bool: ParameterValue { public var parameterText: String { self ? "true" : "false" } }
extension Date: ParameterValue { public var parameterText: String { RFC3339.string(from: self) } }
extension UUID: ParameterValue { public var parameterText: String { uuidString.lowercased() } }

/// Builds one request of an operation; query parameters use OpenAPI's default `form` style.
///
/// What ``build(serverURL:)`` guarantees, whatever the values:
/// - No value can change the path: path values are percent-encoded, and a value that makes
///   its segment `.` or `..` (which servers resolve even as `%2E%2E`) or leaves it empty
///   throws.
/// - No value can add a query parameter, a cookie or a header: query and cookie values (and
///   a whole query string, OpenAPI 3.2's `querystring`) are percent-encoded, and header names
///   that are not tokens or values with a CR, LF or NUL throw before anything is sent.
/// - Credentials never appear in descriptions or errors: errors name a header, never show
///   its value, and show credential query items as `name=<redacted>`.
public struct RequestBuilder: Sendable {
    public var method: HTTPMethod
    private var pathTemplate: String
    /// Path parameter values, already percent-encoded and styled.
    private var pathValues: [String: String] = [:]
    /// `name=value` pairs, already percent-encoded.
    private var query: [String] = []
    /// The whole query string (``setQueryString(form:encoding:)``, ``setQueryString(json:)``),
    /// already percent-encoded; sent before the `query` items.
    private var queryString: String?
    public var headers = HTTPHeaders()
    public var body: Data?
    /// A body read from files while it is sent, in place of ``body``
    /// (`setMultipartBody(_:)` with a file part, ``setBody(file:contentType:)``).
    public var streamedBody: StreamedRequestBody?
    /// The operation's `security` alternatives, each the names of schemes that apply
    /// together; empty when the operation needs no credentials. An empty alternative makes
    /// credentials optional. ``ClientCore`` applies them from its ``ClientCore/credentials``.
    public var security: [[String]] = []
    /// The header that carries the operation's idempotency key (`Idempotency-Key`), when the
    /// operation accepts one; nil otherwise. ``ClientCore/send(_:operationID:options:server:)``
    /// sends every call with a key in it (the caller's, or a random UUID it generates when
    /// the header is absent or empty), the same key on every retry of that call, and so may
    /// retry a POST or PATCH after a 502, 503, 504, a timeout or a dropped connection.
    public var idempotencyKeyHeader: String?
    /// `name=value` cookies, already encoded, for the `Cookie` header.
    private var cookies: [String] = []
    /// Names (encoded) of the query items that hold credentials, whose values errors redact.
    private var credentialQueryNames: Set<String> = []

    /// Where the request goes, in place of the server and the path: a URL the API gave for
    /// it (the next page of a `Link: <…>; rel="next"` header). The URL's own query stays;
    /// query items added to the builder (an API key in the query, say) follow it.
    public private(set) var targetURL: URL?

    public init(method: HTTPMethod, path: String) {
        self.method = method
        self.pathTemplate = path
    }

    /// A request to `url` as it is, in place of a server and a path: the next page that a
    /// `Link` header named (``WebLink/url(rel:in:relativeTo:allowOtherOrigins:)``). Headers,
    /// security and the body are set as for any builder.
    public init(method: HTTPMethod, url: URL) {
        self.init(method: method, path: "")
        targetURL = url
    }

    /// Sends the request to `url` in place of the server, the path and the query (which the
    /// URL carries), as the next page of a URL-paged list is; headers, credentials
    /// (a query credential is added to the URL's query) and the body stay.
    mutating func retarget(to url: URL) {
        targetURL = url
        query = []
        queryString = nil
        credentialQueryNames = []
    }

    /// Sets a path parameter, percent-encoded so that no value can change the path:
    /// `simple` (the default) writes the value, `label` `.value`, `matrix` `;name=value`.
    /// ``build(serverURL:)`` also encodes a `.` or `..` segment a value makes, and rejects a
    /// value that would leave its segment empty.
    public mutating func setPathParameter(
        _ name: String, _ value: some ParameterValue, style: PathStyle = .simple, explode: Bool = false
    ) {
        setPathParameter(name, [value], style: style, explode: explode, isList: false)
    }

    public mutating func setPathParameter<T: RawRepresentable>(
        _ name: String, _ value: T, style: PathStyle = .simple, explode: Bool = false
    ) where T.RawValue: ParameterValue {
        setPathParameter(name, value.rawValue, style: style, explode: explode)
    }

    /// Sets an array path parameter: `simple` `a,b`; `label` `.a,b` (exploded `.a.b`);
    /// `matrix` `;name=a,b` (exploded `;name=a;name=b`).
    public mutating func setPathParameter(
        _ name: String, _ values: [some ParameterValue], style: PathStyle = .simple, explode: Bool = false
    ) {
        setPathParameter(name, values, style: style, explode: explode, isList: true)
    }

    public mutating func setPathParameter<T: RawRepresentable>(
        _ name: String, _ values: [T], style: PathStyle = .simple, explode: Bool = false
    ) where T.RawValue: ParameterValue {
        setPathParameter(name, values.map(\.rawValue), style: style, explode: explode)
    }

    private mutating func setPathParameter(
        _ name: String, _ values: [some ParameterValue], style: PathStyle, explode: Bool, isList: Bool
    ) {
        let texts = values.map { Self.percentEncode($0.parameterText) }
        let encodedName = Self.percentEncode(name)
        switch style {
        case .simple:
            pathValues[name] = texts.joined(separator: ",")
        case .label:
            pathValues[name] = "." + texts.joined(separator: explode ? "." : ",")
        case .matrix:
            if explode && isList {
                pathValues[name] = texts.map { ";\(encodedName)=\($0)" }.joined()
            } else {
                pathValues[name] = ";\(encodedName)=" + texts.joined(separator: ",")
            }
        }
    }

    /// Adds `name=value`, or nothing when `value` is nil.
    public mutating func addQueryParameter(_ name: String, _ value: (some ParameterValue)?) {
        if let value { query.append(Self.percentEncode(name) + "=" + Self.percentEncode(value.parameterText)) }
    }

    public mutating func addQueryParameter<T: RawRepresentable>(_ name: String, _ value: T?)
    where T.RawValue: ParameterValue {
        addQueryParameter(name, value?.rawValue)
    }

    /// Adds `name=value` for a credential (an `apiKey` scheme `in: query`): sent like any
    /// query item, but its value is `<redacted>` in every error the builder throws.
    public mutating func addCredentialQueryItem(_ name: String, _ value: String) {
        addQueryParameter(name, value)
        credentialQueryNames.insert(Self.percentEncode(name))
    }

    /// Adds an array as OpenAPI's query styles write it: `form` exploded
    /// (`id=1&id=2`, the default) or not (`id=1,2`), `spaceDelimited` (`id=1%202`) or
    /// `pipeDelimited` (`id=1%7C2`). Each value is percent-encoded on its own, so a value can
    /// never read as a delimiter or as another parameter.
    public mutating func addQueryParameter(
        _ name: String, _ values: [some ParameterValue]?, style: QueryStyle = .form, explode: Bool = true
    ) {
        guard let values else { return }
        let key = Self.percentEncode(name)
        let encoded = values.map { Self.percentEncode($0.parameterText) }
        if explode || encoded.isEmpty {
            for value in encoded { query.append(key + "=" + value) }
            return
        }
        let delimiter: String
        switch style {
        case .form, .deepObject: delimiter = ","
        case .spaceDelimited: delimiter = "%20"
        case .pipeDelimited: delimiter = "%7C"  // `|` is not allowed unencoded in a URL
        }
        query.append(key + "=" + encoded.joined(separator: delimiter))
    }

    public mutating func addQueryParameter<T: RawRepresentable>(
        _ name: String, _ values: [T]?, style: QueryStyle = .form, explode: Bool = true
    ) where T.RawValue: ParameterValue {
        addQueryParameter(name, values?.map(\.rawValue), style: style, explode: explode)
    }

    /// Adds a map: `deepObject` style writes `name[key]=value`; `form` exploded writes
    /// `key=value`, not exploded `name=key,value,…`. Keys are sorted, so requests are
    /// deterministic.
    public mutating func addQueryParameter(
        _ name: String, _ object: [String: some ParameterValue]?, style: QueryStyle = .form, explode: Bool = true
    ) {
        guard let object else { return }
        let pairs = object.sorted { $0.key < $1.key }
        switch (style, explode) {
        case (.deepObject, _):
            for (key, value) in pairs {
                query.append(Self.percentEncode("\(name)[\(key)]") + "=" + Self.percentEncode(value.parameterText))
            }
        case (_, true):
            for (key, value) in pairs {
                query.append(Self.percentEncode(key) + "=" + Self.percentEncode(value.parameterText))
            }
        default:
            let flat = pairs.flatMap { [Self.percentEncode($0.key), Self.percentEncode($0.value.parameterText)] }
            query.append(Self.percentEncode(name) + "=" + flat.joined(separator: ","))
        }
    }

    /// Adds an object-valued query parameter: `deepObject` writes `name[key]=value` (nested
    /// members `name[key][inner]=value`, array items `name[key][0]=value`), `form` exploded (the default) `key=value`, not exploded `name=key,value,…`. The
    /// object's JSON members are used, in key order. A value that turns out not to be an
    /// object (a `oneOf` of an object and a number, say) is written as that value.
    public mutating func addQueryObject(
        _ name: String, _ value: (some Encodable)?, style: QueryStyle = .form, explode: Bool = true
    ) throws {
        guard let value else { return }
        let json = try JSONCoding.makeDecoder().decode(JSONValue.self, from: JSONCoding.makeEncoder().encode(value))
        let members: [String: JSONValue]
        switch json {
        case .object(let object): members = object
        case .null: return
        case .array(let items):
            // A `oneOf` whose value is a list: the list's items, as for any array.
            let texts = items.map { item -> String in
                switch item {
                case .string(let text): text
                default: String(decoding: (try? JSONCoding.makeEncoder().encode(item)) ?? Data(), as: UTF8.self)
                }
            }
            addQueryParameter(name, texts, style: style, explode: explode)
            return
        case .string(let text):
            addQueryParameter(name, text)
            return
        case .bool(let flag):
            addQueryParameter(name, flag)
            return
        case .integer(let number):
            addQueryParameter(name, number)
            return
        case .number(let number):
            addQueryParameter(name, number)
            return
        }
        if style == .deepObject {
            // Members that are objects or arrays nest their brackets, as Rails-style servers
            // (Stripe among them) read them: `created[gte]=1`, `status[transitions][gt]=2`,
            // `ids[0]=a`. OpenAPI defines `deepObject` one level deep only.
            var pairs: [String] = []
            for (key, member) in members.sorted(by: { $0.key < $1.key }) {
                Self.flatten(member, prefix: "\(name)[\(key)]", into: &pairs, encode: Self.percentEncode)
            }
            query.append(contentsOf: pairs)
            return
        }
        var flat: [String: String] = [:]
        for (key, member) in members {
            switch member {
            case .null: continue
            case .string(let text): flat[key] = text
            case .bool(let flag): flat[key] = flag ? "true" : "false"
            case .integer(let number): flat[key] = String(number)
            case .number(let number): flat[key] = String(number)
            case .array, .object:
                flat[key] = String(decoding: try JSONCoding.makeEncoder().encode(member), as: UTF8.self)
            }
        }
        addQueryParameter(name, flat, style: style, explode: explode)
    }

    /// Adds a parameter whose spec gives `content: application/json`: the value as JSON text.
    public mutating func addQueryParameter(_ name: String, json value: (some Encodable)?) throws {
        guard let value else { return }
        addQueryParameter(name, String(decoding: try JSONCoding.makeEncoder().encode(value), as: UTF8.self))
    }

    /// Sets the whole query string from a value whose spec gives `in: querystring` with
    /// `content: application/x-www-form-urlencoded` (OpenAPI 3.2): its properties as
    /// ``setFormBody(_:encoding:)`` writes them (`a=1&b=x`, in key order, `null` left out),
    /// each name and value percent-encoded, brackets too, so no value can end the query or
    /// start a fragment. Nothing is set when `value` is nil; a value that is not an object
    /// throws. Query items added otherwise (an `apiKey` credential) follow it.
    public mutating func setQueryString(
        form value: (some Encodable)?, encoding: [String: FormFieldEncoding] = [:]
    ) throws {
        guard let value else { return }
        queryString = try Self.formPairs(value, encoding: encoding, encode: Self.percentEncode).joined(separator: "&")
    }

    /// Sets the whole query string from a value whose spec gives `in: querystring` with
    /// `content: application/json` (OpenAPI 3.2): the value's JSON text, percent-encoded
    /// (`?%7B%22a%22%3A1%7D`). Nothing is set when `value` is nil.
    public mutating func setQueryString(json value: (some Encodable)?) throws {
        guard let value else { return }
        queryString = Self.percentEncode(String(decoding: try JSONCoding.makeEncoder().encode(value), as: UTF8.self))
    }

    public mutating func setHeader(_ name: String, json value: (some Encodable)?) throws {
        guard let value else { return }
        setHeader(name, String(decoding: try JSONCoding.makeEncoder().encode(value), as: UTF8.self))
    }

    public mutating func setPathParameter(_ name: String, json value: some Encodable) throws {
        setPathParameter(name, String(decoding: try JSONCoding.makeEncoder().encode(value), as: UTF8.self))
    }

    /// Sets a header; arrays use the `simple` style (`a,b`).
    public mutating func setHeader(_ name: String, _ values: [some ParameterValue]?) {
        if let values { headers[name] = values.map(\.parameterText).joined(separator: ",") }
    }

    public mutating func setHeader(_ name: String, _ value: (some ParameterValue)?) {
        if let value { headers[name] = value.parameterText }
    }

    public mutating func setHeader<T: RawRepresentable>(_ name: String, _ value: T?) where T.RawValue: ParameterValue {
        setHeader(name, value?.rawValue)
    }

    /// Adds a cookie parameter (`Cookie: name=value`), or nothing when `value` is nil. The
    /// value is percent-encoded, so it cannot end the cookie or start another.
    public mutating func addCookie(_ name: String, _ value: (some ParameterValue)?) {
        guard let value else { return }
        cookies.append(Self.percentEncode(name) + "=" + Self.percentEncode(value.parameterText))
    }

    public mutating func addCookie<T: RawRepresentable>(_ name: String, _ value: T?) where T.RawValue: ParameterValue {
        addCookie(name, value?.rawValue)
    }

    /// Adds an array cookie parameter, its items joined with commas (`form`, not exploded).
    public mutating func addCookie(_ name: String, _ values: [some ParameterValue]?) {
        guard let values else { return }
        cookies.append(
            Self.percentEncode(name) + "=" + values.map { Self.percentEncode($0.parameterText) }.joined(separator: ","))
    }

    /// Adds a cookie whose value is sent as JSON text.
    public mutating func addCookie(_ name: String, json value: (some Encodable)?) throws {
        guard let value else { return }
        addCookie(name, String(decoding: try JSONCoding.makeEncoder().encode(value), as: UTF8.self))
    }

    /// Encodes `value` as the JSON body and sets `Content-Type: application/json`.
    public mutating func setJSONBody(_ value: some Encodable) throws {
        try setJSONBody(value, contentType: "application/json")
    }

    /// Encodes `value` as the JSON body sent as `contentType`, a JSON media type such as
    /// `application/vnd.api+json` that the server may require.
    public mutating func setJSONBody(_ value: some Encodable, contentType: String) throws {
        body = try JSONCoding.makeEncoder().encode(value)
        streamedBody = nil
        headers["Content-Type"] = contentType
    }

    /// The request against `serverURL`, whose own path (if any) prefixes the operation's.
    ///
    /// Errors never show a credential: an ``RequestBuildError/invalidURL(_:)`` carries the
    /// URL with the values of credential query items replaced by `<redacted>`.
    ///
    /// No header can add another or end the head: every field (parameters, credentials,
    /// per-call headers) is checked, and a name that is not a token or a value with a CR, LF
    /// or NUL throws ``RequestBuildError/invalidHeaderName(_:)`` or
    /// ``RequestBuildError/invalidHeaderValue(name:)``, whose text never shows a value.
    ///
    /// No parameter value can change the path: values are percent-encoded (a `/` in a value
    /// is sent as `%2F`), a segment that a value makes `.` or `..` throws
    /// ``RequestBuildError/dotPathSegment(_:)`` (servers resolve dot segments even encoded
    /// as `%2E%2E`; longer runs of dots are sent as `%2E`s), and a value that would leave its
    /// segment empty (`/users//profile`) throws ``RequestBuildError/emptyPathParameter(_:)``,
    /// so nothing is sent.
    public func build(serverURL: URL) throws -> HTTPRequest {
        var text: String
        let items = [queryString].compactMap { $0 }.filter { !$0.isEmpty } + query
        if let targetURL {
            text = targetURL.absoluteString
            if let hash = text.firstIndex(of: "#") { text = String(text[..<hash]) }  // never sent
            if !items.isEmpty {
                let separator = !text.contains("?") ? "?" : text.hasSuffix("?") || text.hasSuffix("&") ? "" : "&"
                text += separator + items.joined(separator: "&")
            }
        } else {
            let path = try substitutedPath()
            var base = serverURL.absoluteString
            while base.hasSuffix("/") { base.removeLast() }
            text = base + path
            if !items.isEmpty { text += "?" + items.joined(separator: "&") }
        }
        guard let url = URL(string: text) else { throw RequestBuildError.invalidURL(redactingCredentials(text)) }
        var headers = self.headers
        if headers["Accept"] == nil { headers["Accept"] = "application/json" }
        if !cookies.isEmpty {
            headers["Cookie"] = ([headers["Cookie"]].compactMap { $0 } + cookies).joined(separator: "; ")
        }
        try headers.validate()
        var request = HTTPRequest(method: method, url: url, headers: headers, body: body)
        request.streamedBody = streamedBody
        return request
    }

    /// The path template with the parameters' values in place. Checks every segment that
    /// holds a value: a dot segment (`.` or `..`), which URL libraries and servers resolve
    /// (encoded or not), throws, and so does an empty one, which would remove a segment.
    private func substitutedPath() throws -> String {
        var path = ""
        var segment = ""
        var parameterInSegment: String?  // the first parameter whose value is in `segment`
        func endSegment() throws {
            if let name = parameterInSegment {
                if segment.isEmpty { throw RequestBuildError.emptyPathParameter(name) }
                // `.` and `..` are dot segments: servers resolve them even percent-encoded
                // (`%2E%2E`, RFC 3986 6.2.2.2), so no value may make one. Longer runs of dots
                // are names, sent encoded all the same.
                if segment == "." || segment == ".." { throw RequestBuildError.dotPathSegment(name) }
                if segment.allSatisfy({ $0 == "." }) { segment = String(repeating: "%2E", count: segment.count) }
            }
            path += segment
            segment = ""
            parameterInSegment = nil
        }
        func appendLiteral(_ text: Substring) throws {
            let pieces = text.split(separator: "/", omittingEmptySubsequences: false)
            segment += pieces[0]
            for piece in pieces.dropFirst() {
                try endSegment()
                path += "/"
                segment = String(piece)
            }
        }
        var rest = Substring(pathTemplate)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            try appendLiteral(rest[..<open])
            let name = String(rest[rest.index(after: open)..<close])
            guard let value = pathValues[name] else { throw RequestBuildError.missingPathParameter(name) }
            segment += value  // encoded when it was set, so it holds no `/`
            if parameterInSegment == nil { parameterInSegment = name }
            rest = rest[rest.index(after: close)...]
        }
        try appendLiteral(rest)
        try endSegment()
        return path
    }

    /// `url` with the values of credential query items (``addCredentialQueryItem(_:_:)``)
    /// replaced by `<redacted>`.
    private func redactingCredentials(_ url: String) -> String {
        guard !credentialQueryNames.isEmpty, let question = url.firstIndex(of: "?") else { return url }
        let items = url[url.index(after: question)...].split(separator: "&", omittingEmptySubsequences: false)
        return url[...question] + items.map { redactingCredential(String($0)) }.joined(separator: "&")
    }

    /// `name=value` as `name=<redacted>` when `name` is a credential query item's.
    private func redactingCredential(_ item: String) -> String {
        let name = item.prefix { $0 != "=" }
        return credentialQueryNames.contains(String(name)) ? name + "=" + Redaction.placeholder : item
    }

    /// Percent-encodes everything but RFC 3986's unreserved characters.
    public static func percentEncode(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF".unicodeScalars)
                out.unicodeScalars.append("%")
                out.unicodeScalars.append(hex[Int(byte >> 4)])
                out.unicodeScalars.append(hex[Int(byte & 0xF)])
            }
        }
        return out
    }
}

extension RequestBuilder: CustomReflectable {
    /// What `dump` and `String(describing:)` show: no credential. Credential query items
    /// read `name=<redacted>`, cookies `name=<redacted>`, headers as ``HTTPHeaders`` shows them.
    public var customMirror: Mirror {
        let query = [queryString].compactMap { $0 } + query.map(redactingCredential)
        let cookies = cookies.map { $0.prefix { $0 != "=" } + "=" + Redaction.placeholder }
        return Mirror(
            self,
            children: [
                "method": method, "path": targetURL.map { Redaction.redactURL($0.absoluteString) } ?? pathTemplate,
                "pathValues": pathValues, "query": query,
                "headers": headers, "cookies": cookies, "security": security,
                "body": body.map { "\($0.count) bytes" } ?? (streamedBody != nil ? "streamed" : "none"),
            ],
            displayStyle: .struct)
    }
}

/// How a path parameter is written (OpenAPI's `style`).
public enum PathStyle: String, Sendable {
    case simple, label, matrix
}

/// How a query parameter's array or map is written (OpenAPI's `style`).
public enum QueryStyle: String, Sendable {
    case form, spaceDelimited, pipeDelimited, deepObject
}

/// A request that cannot be built; thrown by ``RequestBuilder/build(serverURL:)`` before
/// anything is sent.
public enum RequestBuildError: Error, CustomStringConvertible {
    case missingPathParameter(String)
    /// The text is not a URL. It is the URL with credential query values `<redacted>`.
    case invalidURL(String)
    /// The named path parameter's value is empty and would leave its path segment empty
    /// (`/users//profile`), which would make it address another resource.
    case emptyPathParameter(String)
    /// A path parameter's value makes its segment `.` or `..`, which would change the path.
    case dotPathSegment(String)
    /// A header name that is not an RFC 9110 token (a space, a colon, a line break…).
    case invalidHeaderName(String)
    /// The named header's value holds a CR, LF or NUL, which could add a header or end the
    /// head. The value is not kept: it may be a credential.
    case invalidHeaderValue(name: String)

    public var description: String {
        switch self {
        case .missingPathParameter(let name): "no value for the path parameter '\(name)'"
        case .emptyPathParameter(let name):
            "the path parameter '\(name)' is empty, so its path segment would be missing"
        case .dotPathSegment(let name):
            "the path parameter '\(name)' makes a '.' or '..' path segment, which would change the path"
        case .invalidURL(let url): "'\(url)' is not a valid URL"
        case .invalidHeaderName(let name): "\(name.debugDescription) is not a valid header name"
        case .invalidHeaderValue(let name): "the value of the header '\(name)' contains a line break or NUL"
        }
    }
}
