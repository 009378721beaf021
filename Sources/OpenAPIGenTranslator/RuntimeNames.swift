import OpenAPIGenDeclarations
import OpenAPIGenSyntax

/// Every name of `OpenAPIGenRuntime` that generated code uses: the module, its types, and
/// the members generated code calls. No other file of the generator spells one (a test
/// checks each against the runtime's symbols, so a rename there fails it).
enum RuntimeNames {
    static let module: Identifier = "OpenAPIGenRuntime"

    /// A runtime type by name.
    static func type(_ name: Identifier) -> TypeName { TypeName(module: module.name, path: [name.name]) }

    // MARK: Types

    static let apiError = type("APIError")
    static let bearerTokenMiddleware = type("BearerTokenMiddleware")
    static let calendarDate = type("CalendarDate")
    static let clientConfiguration = type("ClientConfiguration")
    static let clientCore = type("ClientCore")
    static let clientMiddleware = type("ClientMiddleware")
    static let credential = type("Credential")
    static let formFieldEncoding = type("FormFieldEncoding")
    static let httpHeaders = type("HTTPHeaders")
    static let httpMethod = type("HTTPMethod")
    static let httpResponse = type("HTTPResponse")
    static let httpTransport = type("HTTPTransport")
    static let indirect = type("Indirect")
    static let jsonValue = type("JSONValue")
    static let alternativeChoice = type("AlternativeChoice")
    static let missingCredentialsError = type("MissingCredentialsError")
    static let rateLimitedError = type("RateLimitedError")
    static let requestBuilder = type("RequestBuilder")
    static let requestOptions = type("RequestOptions")
    static let responseDecodingError = type("ResponseDecodingError")
    static let timeoutError = type("TimeoutError")
    static let transportError = type("TransportError")
    static let unexpectedStatusError = type("UnexpectedStatusError")
    static let urlSessionTransport = type("URLSessionTransport")
    static let webhookDecoding = type("WebhookDecoding")
    static let webhookDecodingError = type("WebhookDecodingError")
    static let webhookVerificationError = type("WebhookVerificationError")
    static let webhookVerifier = type("WebhookVerifier")
    static let pathStyle = type("PathStyle")
    // The coding key of generated models' `init(from:)` and `encode(to:)`.
    static let propertyKey = type("PropertyKey")
    static let queryStyle = type("QueryStyle")
    static let apiKeyLocation = type("APIKeyLocation")
    // Paged lists' companion methods.
    static let pagination = type("Pagination")
    static let page = type("Page")
    // The files of multipart request bodies.
    static let multipartFile = type("MultipartFile")

    /// Every type above (for the test).
    static let allTypes: [TypeName] =
        [
            apiError, bearerTokenMiddleware, calendarDate, clientConfiguration, clientCore, clientMiddleware,
            credential,
            formFieldEncoding, httpHeaders, httpMethod, httpResponse, httpTransport, indirect, jsonValue,
            missingCredentialsError,
            rateLimitedError, requestBuilder, requestOptions, responseDecodingError, timeoutError, transportError,
            unexpectedStatusError, urlSessionTransport, webhookDecoding, webhookDecodingError, webhookVerificationError,
            webhookVerifier, pathStyle, queryStyle, apiKeyLocation, alternativeChoice,
            pagination, page, multipartFile, propertyKey,
        ] + streamingTypes

    // MARK: Members

    /// A member of a runtime type (or of a standard type the runtime extends), by its base
    /// name, with the argument labels generated calls of it pass (`init` for an initialiser).
    struct Member: Hashable, Sendable {
        /// The type that declares it (`Decoder` for the runtime's extension of it).
        let owner: String
        let name: Identifier
        /// Every label generated code passes to it; each is one of its parameters' in the
        /// runtime (some overload's).
        let labels: [Identifier]
        init(_ owner: TypeName, _ name: Identifier, labels: [Identifier] = []) {
            self.owner = owner.path.joined(separator: ".")
            self.name = name
            self.labels = labels
        }
        init(extending owner: String, _ name: Identifier, labels: [Identifier] = []) {
            self.owner = owner
            self.name = name
            self.labels = labels
        }
    }

    /// The argument labels of runtime calls (`operationID:` of `ClientCore.send`); the
    /// members above list which of them they take, and the test checks those against the
    /// runtime's signatures.
    enum Label {
        static let body: Identifier = "body"
        static let configuration: Identifier = "configuration"
        static let contentType: Identifier = "contentType"
        static let contentTypes: Identifier = "contentTypes"
        static let credentials: Identifier = "credentials"
        static let encoding: Identifier = "encoding"
        static let errors: Identifier = "errors"
        static let exclusive: Identifier = "exclusive"
        static let explode: Identifier = "explode"
        static let forKey: Identifier = "forKey"
        static let form: Identifier = "form"
        static let from: Identifier = "from"
        static let headers: Identifier = "headers"
        static let `in`: Identifier = "in"
        static let items: Identifier = "items"
        static let json: Identifier = "json"
        static let method: Identifier = "method"
        static let middlewares: Identifier = "middlewares"
        static let name: Identifier = "name"
        static let nextCursor: Identifier = "nextCursor"
        static let now: Identifier = "now"
        static let of: Identifier = "of"
        static let operationID: Identifier = "operationID"
        static let options: Identifier = "options"
        static let password: Identifier = "password"
        static let path: Identifier = "path"
        static let property: Identifier = "property"
        static let rawValue: Identifier = "rawValue"
        static let server: Identifier = "server"
        static let serverOverrides: Identifier = "serverOverrides"
        static let serverURL: Identifier = "serverURL"
        static let style: Identifier = "style"
        static let terminator: Identifier = "terminator"
        static let token: Identifier = "token"
        static let transport: Identifier = "transport"
        static let username: Identifier = "username"
        static let webhook: Identifier = "webhook"
    }
    private typealias L = Label

    // Initialisers generated code calls.
    static let httpMethodInit = Member(httpMethod, "init", labels: [L.rawValue])
    static let requestBuilderInit = Member(requestBuilder, "init", labels: [L.method, L.path])
    static let formFieldEncodingInit = Member(formFieldEncoding, "init", labels: [L.style, L.explode])
    static let bearerTokenMiddlewareInit = Member(bearerTokenMiddleware, "init", labels: [L.token])
    static let clientCoreInit = Member(
        clientCore, "init",
        labels: [L.serverURL, L.serverOverrides, L.transport, L.middlewares, L.configuration, L.credentials])
    static let pageInit = Member(page, "init", labels: [L.items, L.nextCursor])

    // `RequestBuilder`.
    static let setPathParameter = Member(requestBuilder, "setPathParameter", labels: [L.json, L.style, L.explode])
    static let addQueryParameter = Member(requestBuilder, "addQueryParameter", labels: [L.json, L.style, L.explode])
    static let addQueryObject = Member(requestBuilder, "addQueryObject", labels: [L.style, L.explode])
    static let setHeader = Member(requestBuilder, "setHeader", labels: [L.json])
    static let addCookie = Member(requestBuilder, "addCookie", labels: [L.json])
    static let setQueryString = Member(requestBuilder, "setQueryString", labels: [L.json, L.form, L.encoding])
    static let setJSONBody = Member(requestBuilder, "setJSONBody", labels: [L.contentType])
    static let setFormBody = Member(requestBuilder, "setFormBody", labels: [L.encoding])
    static let setMultipartBody = Member(requestBuilder, "setMultipartBody", labels: [L.contentTypes])
    static let setBody = Member(requestBuilder, "setBody", labels: [L.contentType])
    static let setTextBody = Member(requestBuilder, "setTextBody", labels: [L.contentType])
    static let idempotencyKeyHeader = Member(requestBuilder, "idempotencyKeyHeader")
    static let security = Member(requestBuilder, "security")
    static let headers = Member(requestBuilder, "headers")
    // `ClientCore`.
    static let send = Member(clientCore, "send", labels: [L.operationID, L.options, L.server])
    static let decodeJSON = Member(clientCore, "decodeJSON", labels: [L.from, L.operationID])
    static let documentedError = Member(clientCore, "documentedError", labels: [L.from, L.operationID])
    static let unexpectedStatus = Member(clientCore, "unexpectedStatus", labels: [L.operationID])
    // The response `ClientCore.send` returns.
    static let statusCode = Member(httpResponse, "statusCode")
    static let responseBody = Member(httpResponse, "body")
    static let headerValue = Member(httpResponse, "headerValue")
    // `Credential`.
    static let bearerCredential = Member(credential, "bearer")
    static let basicCredential = Member(credential, "basic", labels: [L.username, L.password])
    static let apiKeyCredential = Member(credential, "apiKey", labels: [L.name, L.in])
    // `FormFieldEncoding`.
    static let deepObjectEncoding = Member(formFieldEncoding, "deepObject")
    // Webhooks.
    static let verify = Member(webhookVerifier, "verify", labels: [L.body, L.headers, L.now])
    static let decodeWebhook = Member(webhookDecoding, "decode", labels: [L.from, L.webhook])
    static let webhookProperty = Member(webhookDecoding, "string", labels: [L.property, L.in])
    static let unknownWebhook = Member(webhookDecoding, "unknownWebhook", labels: [L.property])
    // The runtime's extension of `Decoder`, for `oneOf`.
    static let decodeDiscriminator = Member(extending: "Decoder", "decodeDiscriminator")
    static let unknownDiscriminator = Member(extending: "Decoder", "unknownDiscriminator", labels: [L.property, L.of])
    static let noAlternativeMatched = Member(extending: "Decoder", "noAlternativeMatched", labels: [L.errors])
    // `AlternativeChoice`, for `oneOf` and `anyOf` without a discriminator.
    static let alternativeChoiceInit = Member(alternativeChoice, "init", labels: [L.exclusive])
    static let considerAlternative = Member(alternativeChoice, "consider")
    static let chosenAlternative = Member(alternativeChoice, "chosen")
    // Paged lists.
    static let paginationItems = Member(pagination, "items")
    static let paginationLinkedItems = Member(pagination, "linkedItems", labels: [L.options])
    // `MultipartFile`'s conversions from `Data`, for a multipart body's initialiser that takes bytes.
    static let multipartFileFromData = Member(multipartFile, "data")
    static let multipartFilesFromData = Member(multipartFile, "files")
    static let paginationNextURLItems = Member(pagination, "nextURLItems", labels: [L.options])
    /// The methods of the runtime's extensions of `KeyedDecodingContainer` and
    /// `KeyedEncodingContainer` that models' `init(from:)` and `encode(to:)` call for a
    /// property: `decodeString(forKey:)` and kin for a standard type, `decodeValue(_:forKey:)`
    /// and kin for any other (`PropertyCoding.swift` in the runtime).
    /// A class: lowering looks one up for each property, and a struct of four members would
    /// be copied (a dozen references retained) at each look-up.
    final class PropertyCoder: Sendable {
        let decode, decodeIfPresent, encode, encodeIfPresent: Member
        /// Whether the decoding methods take the type (`decodeValue(Charge.self, forKey:)`);
        /// a standard type's own (`decodeInt(forKey:)`) do not.
        let decodingTakesType: Bool

        /// `decodeInt(forKey:)`, `decodeIntIfPresent(forKey:)`, `encodeInt(_:forKey:)`…;
        /// `decodeValue(_:forKey:)` and its kin without a `decodedName`.
        init(decoding decodedName: String?, encoding encodedName: String) {
            decodingTakesType = decodedName == nil
            let decoded = decodedName ?? "Value"
            decode = Member(extending: "KeyedDecodingContainer", Identifier("decode" + decoded), labels: [L.forKey])
            decodeIfPresent = Member(
                extending: "KeyedDecodingContainer", Identifier("decode" + decoded + "IfPresent"), labels: [L.forKey])
            encode = Member(extending: "KeyedEncodingContainer", Identifier("encode" + encodedName), labels: [L.forKey])
            encodeIfPresent = Member(
                extending: "KeyedEncodingContainer", Identifier("encode" + encodedName + "IfPresent"),
                labels: [L.forKey])
        }
    }

    /// For any type without a method of its own: `decodeValue(T.self, forKey:)`, `encodeValue`.
    static let valueCoder = PropertyCoder(decoding: nil, encoding: "Value")
    /// The standard types `KeyedDecodingContainer` has an overload of `decode` for, that
    /// models use: each has methods of its own, which call that overload.
    static let standardCoders: [TypeName: PropertyCoder] = Dictionary(
        uniqueKeysWithValues: [TypeName.string, .bool, .int, .int32, .int64, .double, .float].map {
            ($0, PropertyCoder(decoding: $0.path[0], encoding: $0.path[0]))
        })
    /// `UUID` and `[UUID]` encode in lower case (`encodeUUID`, `encodeUUIDs`) and decode as
    /// any other value.
    static let uuidCoder = PropertyCoder(decoding: nil, encoding: "UUID")
    static let uuidArrayCoder = PropertyCoder(decoding: nil, encoding: "UUIDs")

    /// `.get`…: the methods `HTTPMethod` has a constant for, by their upper-case names.
    static let httpMethods: [String: Member] = Dictionary(
        uniqueKeysWithValues: ["get", "put", "post", "delete", "options", "head", "patch", "trace", "query"].map {
            ($0.uppercased(), Member(httpMethod, Identifier($0)))
        })

    /// The cases of `PathStyle` generated code passes (`simple` is the default).
    static let pathStyles: [String: Member] = members(of: pathStyle, ["label", "matrix"])
    /// The cases of `QueryStyle`.
    static let queryStyles: [String: Member] = members(
        of: queryStyle, ["form", "spaceDelimited", "pipeDelimited", "deepObject"])
    /// The cases of `APIKeyLocation`.
    static let apiKeyLocations: [String: Member] = members(of: apiKeyLocation, ["header", "query", "cookie"])

    private static func members(of owner: TypeName, _ names: [String]) -> [String: Member] {
        Dictionary(uniqueKeysWithValues: names.map { ($0, Member(owner, Identifier($0))) })
    }

    /// Every member above (for the test).
    static var allMembers: [Member] {
        [
            setPathParameter, addQueryParameter, addQueryObject, setHeader, addCookie, setQueryString, setJSONBody,
            setFormBody, setMultipartBody, setBody, setTextBody, idempotencyKeyHeader, security, headers, send,
            decodeJSON, documentedError, unexpectedStatus, statusCode, responseBody, headerValue, bearerCredential,
            basicCredential, apiKeyCredential, deepObjectEncoding, verify, decodeWebhook, webhookProperty,
            unknownWebhook, decodeDiscriminator, unknownDiscriminator, noAlternativeMatched,
            alternativeChoiceInit, considerAlternative, chosenAlternative,
            paginationItems, paginationLinkedItems, paginationNextURLItems, multipartFileFromData,
            multipartFilesFromData, httpMethodInit, requestBuilderInit,
            formFieldEncodingInit, bearerTokenMiddlewareInit, clientCoreInit, pageInit,
        ] + streamingMembers
            + ([valueCoder, uuidCoder, uuidArrayCoder] + standardCoders.values).flatMap {
                [$0.decode, $0.decodeIfPresent, $0.encode, $0.encodeIfPresent]
            }
            + [httpMethods, pathStyles, queryStyles, apiKeyLocations].flatMap {
                $0.values.sorted { $0.name.name < $1.name.name }
            }
    }

    // MARK: Streaming responses

    static let httpStreamingResponse = type("HTTPStreamingResponse")
    static let serverSentEvent = type("ServerSentEvent")
    static let streamItemDecodingError = type("StreamItemDecodingError")
    static let streamInterruptedError = type("StreamInterruptedError")
    static let streamingTypes = [
        httpStreamingResponse, serverSentEvent, streamItemDecodingError, streamInterruptedError,
    ]
    // `ClientCore`.
    static let sendStreaming = Member(clientCore, "sendStreaming", labels: [L.operationID, L.options, L.server])
    static let serverSentEvents = Member(
        clientCore, "serverSentEvents", labels: [L.of, L.from, L.operationID, L.terminator])
    static let jsonLines = Member(clientCore, "jsonLines", labels: [L.of, L.from, L.operationID])
    static let jsonSequence = Member(clientCore, "jsonSequence", labels: [L.of, L.from, L.operationID])
    // The response `ClientCore.sendStreaming` returns.
    static let streamingStatusCode = Member(httpStreamingResponse, "statusCode")
    static let streamingMembers = [sendStreaming, serverSentEvents, jsonLines, jsonSequence, streamingStatusCode]
}
