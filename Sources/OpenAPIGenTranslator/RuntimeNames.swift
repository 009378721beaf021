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
    static let queryStyle = type("QueryStyle")
    static let apiKeyLocation = type("APIKeyLocation")
    // Paged lists' companion methods.
    static let pagination = type("Pagination")
    static let page = type("Page")

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
            pagination, page,
        ] + streamingTypes

    // MARK: Members

    /// A member of a runtime type (or of a standard type the runtime extends), by its base name.
    struct Member: Hashable, Sendable {
        /// The type that declares it (`Decoder` for the runtime's extension of it).
        let owner: String
        let name: Identifier
        init(_ owner: TypeName, _ name: Identifier) {
            self.owner = owner.path.joined(separator: ".")
            self.name = name
        }
        init(extending owner: String, _ name: Identifier) {
            self.owner = owner
            self.name = name
        }
    }

    // `RequestBuilder`.
    static let setPathParameter = Member(requestBuilder, "setPathParameter")
    static let addQueryParameter = Member(requestBuilder, "addQueryParameter")
    static let addQueryObject = Member(requestBuilder, "addQueryObject")
    static let setHeader = Member(requestBuilder, "setHeader")
    static let addCookie = Member(requestBuilder, "addCookie")
    static let setQueryString = Member(requestBuilder, "setQueryString")
    static let setJSONBody = Member(requestBuilder, "setJSONBody")
    static let setFormBody = Member(requestBuilder, "setFormBody")
    static let setMultipartBody = Member(requestBuilder, "setMultipartBody")
    static let setBody = Member(requestBuilder, "setBody")
    static let setTextBody = Member(requestBuilder, "setTextBody")
    static let idempotencyKeyHeader = Member(requestBuilder, "idempotencyKeyHeader")
    static let security = Member(requestBuilder, "security")
    static let headers = Member(requestBuilder, "headers")
    // `ClientCore`.
    static let send = Member(clientCore, "send")
    static let decodeJSON = Member(clientCore, "decodeJSON")
    static let documentedError = Member(clientCore, "documentedError")
    static let unexpectedStatus = Member(clientCore, "unexpectedStatus")
    // The response `ClientCore.send` returns.
    static let statusCode = Member(httpResponse, "statusCode")
    static let responseBody = Member(httpResponse, "body")
    static let headerValue = Member(httpResponse, "headerValue")
    // `Credential`.
    static let bearerCredential = Member(credential, "bearer")
    static let basicCredential = Member(credential, "basic")
    static let apiKeyCredential = Member(credential, "apiKey")
    // `FormFieldEncoding`.
    static let deepObjectEncoding = Member(formFieldEncoding, "deepObject")
    // Webhooks.
    static let verify = Member(webhookVerifier, "verify")
    static let decodeWebhook = Member(webhookDecoding, "decode")
    static let webhookProperty = Member(webhookDecoding, "string")
    static let unknownWebhook = Member(webhookDecoding, "unknownWebhook")
    // The runtime's extension of `Decoder`, for `oneOf`.
    static let decodeDiscriminator = Member(extending: "Decoder", "decodeDiscriminator")
    static let unknownDiscriminator = Member(extending: "Decoder", "unknownDiscriminator")
    static let noAlternativeMatched = Member(extending: "Decoder", "noAlternativeMatched")
    // `AlternativeChoice`, for `oneOf` and `anyOf` without a discriminator.
    static let considerAlternative = Member(alternativeChoice, "consider")
    static let chosenAlternative = Member(alternativeChoice, "chosen")
    // Paged lists.
    static let paginationItems = Member(pagination, "items")

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
            considerAlternative, chosenAlternative,
            paginationItems,
        ] + streamingMembers
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
    static let sendStreaming = Member(clientCore, "sendStreaming")
    static let serverSentEvents = Member(clientCore, "serverSentEvents")
    static let jsonLines = Member(clientCore, "jsonLines")
    static let jsonSequence = Member(clientCore, "jsonSequence")
    // The response `ClientCore.sendStreaming` returns.
    static let streamingStatusCode = Member(httpStreamingResponse, "statusCode")
    static let streamingMembers = [sendStreaming, serverSentEvents, jsonLines, jsonSequence, streamingStatusCode]
}
