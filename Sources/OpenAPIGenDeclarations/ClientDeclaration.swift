/// The client type: one async method per operation.
public struct ClientDeclaration: Hashable, Sendable {
    public enum Authentication: Hashable, Sendable {
        case none
        /// `Authorization: Bearer <token>` on every request.
        case bearer
        /// A credential per scheme, taken at init and applied per operation.
        case schemes([SecuritySchemeDeclaration])
    }

    public struct SecuritySchemeDeclaration: Hashable, Sendable {
        public enum Kind: Hashable, Sendable {
            case bearer
            case basic
            /// `location` is `header`, `query` or `cookie`.
            case apiKey(name: String, location: String)
        }
        /// The init parameter's name.
        public var parameterName: String
        /// The scheme's name in the spec (the key operations' `security` uses).
        public var schemeName: String
        public var kind: Kind
        public var documentation: String?

        public init(parameterName: String, schemeName: String, kind: Kind, documentation: String?) {
            self.parameterName = parameterName
            self.schemeName = schemeName
            self.kind = kind
            self.documentation = documentation
        }
    }

    public var name: String
    public var documentation: Documentation
    /// The first server's URL as the spec wrote it, when there is one.
    public var defaultServerURL: String?
    public var authentication: Authentication
    public var operations: [OperationDeclaration]
    /// The first server's URL template and variables, when it has `{variables}`.
    public var serverTemplate: ServerTemplate?
    /// Other files extend the client with more operations, so its `core` cannot be private.
    public var hasExtensions = false
    /// Every operation of the client, also those that other files' extensions declare: the
    /// requirements of the protocol ``protocolName``.
    public var protocolOperations: [OperationDeclaration] = []
    /// The protocol the client conforms to (`<name>Protocol`, unless a type has that name).
    public var protocolName: String = ""
    /// The webhooks the spec describes, decoded by a generated enum beside the client.
    public var webhooks: WebhookDeclaration?
    /// The servers that operations name themselves (path-item or operation `servers`), as
    /// their URLs, in order of first use; the client can send each elsewhere.
    public var operationServers: [String] = []
    /// Operations declared paged: each gets a companion method that walks its items.
    public var pagedOperations: [PagedOperationDeclaration] = []

    public init(
        name: String, documentation: Documentation, defaultServerURL: String?, authentication: Authentication,
        operations: [OperationDeclaration], serverTemplate: ServerTemplate? = nil
    ) {
        self.serverTemplate = serverTemplate
        self.name = name
        self.documentation = documentation
        self.defaultServerURL = defaultServerURL
        self.authentication = authentication
        self.operations = operations
    }
}

public struct OperationDeclaration: Hashable, Sendable {
    public enum ParameterLocation: String, Hashable, Sendable {
        case path, query, header, cookie
        /// The whole query string (OpenAPI 3.2's `in: querystring`): a form (`a=1&b=x`), or
        /// JSON text when `isJSON`.
        case querystring
    }

    public struct Parameter: Hashable, Sendable {
        /// The Swift argument label and name.
        public var name: String
        /// The name on the wire.
        public var wireName: String
        public var location: ParameterLocation
        public var type: TypeUsage
        /// `explode` for arrays and maps in the query.
        public var explode: Bool
        /// The query `style` when it is not `form`: `spaceDelimited`, `pipeDelimited`, `deepObject`.
        public var style: String?
        /// An object, sent member by member (`addQueryObject`).
        public var isObject: Bool
        /// Sent as JSON text (the parameter has `content: application/json`).
        public var isJSON: Bool
        public var documentation: String?
        /// The spec's example value, for the operation's usage example.
        public var example: ExampleValue?
        /// For a form query string: the properties whose `encoding` differs from `form`, exploded.
        public var formFields: [FormField]

        public init(
            name: String, wireName: String, location: ParameterLocation, type: TypeUsage, explode: Bool,
            style: String? = nil, isObject: Bool = false, isJSON: Bool = false, documentation: String?,
            formFields: [FormField] = []
        ) {
            self.formFields = formFields
            self.isJSON = isJSON
            self.isObject = isObject
            self.style = style
            self.name = name
            self.wireName = wireName
            self.location = location
            self.type = type
            self.explode = explode
            self.documentation = documentation
        }
    }

    public struct Body: Hashable, Sendable {
        public var type: TypeUsage
        public var format: BodyFormat
        public var documentation: String?
        /// For a JSON body, the media type to send when it is not `application/json`
        /// (`application/vnd.api+json`, `application/merge-patch+json`).
        public var jsonContentType: String?
        /// The spec's example body, for the operation's usage example.
        public var example: ExampleValue?
        public init(type: TypeUsage, format: BodyFormat = .json, documentation: String?, jsonContentType: String? = nil)
        {
            self.type = type
            self.format = format
            self.documentation = documentation
            self.jsonContentType = jsonContentType
        }
    }

    /// How a request body is sent.
    public enum BodyFormat: Hashable, Sendable {
        case json
        /// `application/x-www-form-urlencoded`, with the properties whose `encoding`
        /// differs from `form`, exploded.
        case form([FormField])
        /// `multipart/form-data`, with the `Content-Type` of the files of the properties the
        /// spec gives one (`encoding`, `contentMediaType`), sent when a file has none.
        case multipart(fileContentTypes: [FileContentType])
        /// Bytes as they are, with this content type.
        case binary(contentType: String)
        case text(contentType: String)
    }

    /// A multipart property's default file `Content-Type`.
    public struct FileContentType: Hashable, Sendable {
        /// The property's name in the body.
        public var key: String
        public var contentType: String
        public init(key: String, contentType: String) {
            self.key = key
            self.contentType = contentType
        }
    }

    public struct FormField: Hashable, Sendable {
        public var key: String
        /// `form`, `spaceDelimited`, `pipeDelimited` or `deepObject`.
        public var style: String
        public var explode: Bool
        public init(key: String, style: String, explode: Bool) {
            self.key = key
            self.style = style
            self.explode = explode
        }
    }

    /// How a response body is read.
    public enum ResponseFormat: Hashable, Sendable {
        case json, binary, text
    }

    /// How the client handles one documented status (or range).
    public struct Outcome: Hashable, Sendable {
        public enum Kind: Hashable, Sendable {
            /// Return the decoded body (or nothing when `type` is nil).
            case success(TypeUsage?)
            /// Throw `APIError<type>`; `type` nil means the body is kept undecoded.
            case failure(TypeUsage?)
        }
        /// Status codes this outcome covers; nil for `default` / ranges handled by `statusRange`.
        public var statusCodes: [Int]
        /// 1...5 for `1XX`...`5XX`.
        public var statusRange: Int?
        public var kind: Kind
        public var format: ResponseFormat
        public var description: String

        public init(
            statusCodes: [Int], statusRange: Int? = nil, kind: Kind, format: ResponseFormat = .json,
            description: String
        ) {
            self.statusCodes = statusCodes
            self.statusRange = statusRange
            self.kind = kind
            self.format = format
            self.description = description
        }
    }

    public var functionName: String
    public var operationID: String
    public var summary: String?
    public var documentation: Documentation
    public var isDeprecated: Bool
    /// Upper-case HTTP method.
    public var method: String
    public var path: String
    public var parameters: [Parameter]
    public var body: Body?
    /// Documented statuses, most specific first.
    public var outcomes: [Outcome]
    /// What a status no outcome covers does: `default` response, if any.
    public var defaultOutcome: Outcome?
    /// The success type the method returns; nil for `Void`.
    public var returnType: TypeUsage?
    /// The `Accept` header when the success responses are not JSON.
    public var accept: String?
    /// When the success responses declare headers: the struct the method returns instead
    /// of the bare body, holding the body and the typed headers.
    public var output: Output?

    public struct Output: Hashable, Sendable {
        public struct Header: Hashable, Sendable {
            public var propertyName: String
            public var wireName: String
            public init(propertyName: String, wireName: String) {
                self.propertyName = propertyName
                self.wireName = wireName
            }
        }
        public var typeName: String
        /// The `body` property, when the responses have one.
        public var hasBody: Bool
        public var headers: [Header]
        public init(typeName: String, hasBody: Bool, headers: [Header]) {
            self.typeName = typeName
            self.hasBody = hasBody
            self.headers = headers
        }
    }

    /// With ``ClientDeclaration/Authentication/schemes(_:)``: the operation's security
    /// alternatives, each the scheme names that apply together.
    public var security: [[String]] = []
    /// A call of the operation for its documentation (built from the spec's examples, or
    /// from the types where there are none); empty when none can be made.
    public var example: [ExampleStatement] = []
    /// The operation's own server (its path item's or its own `servers`), when it differs
    /// from the document's: the URL with its variables' defaults.
    public var server: String?
    /// The header that carries the operation's idempotency key (an `Idempotency-Key` header
    /// parameter, or the configuration's `idempotencyKey`), when it accepts one: every call
    /// sends a key (the caller's, or a random one), the same on each retry, so the client
    /// may retry it like an idempotent method.
    public var idempotencyKeyHeader: String?
    /// When the operation streams its success body: how (``returnType`` is then one item's type).
    public var streaming: StreamingResponse?

    public init(
        functionName: String, operationID: String, summary: String?, documentation: Documentation,
        isDeprecated: Bool, method: String, path: String, parameters: [Parameter], body: Body?,
        outcomes: [Outcome], defaultOutcome: Outcome?, returnType: TypeUsage?, accept: String? = nil
    ) {
        self.accept = accept
        self.functionName = functionName
        self.operationID = operationID
        self.summary = summary
        self.documentation = documentation
        self.isDeprecated = isDeprecated
        self.method = method
        self.path = path
        self.parameters = parameters
        self.body = body
        self.outcomes = outcomes
        self.defaultOutcome = defaultOutcome
        self.returnType = returnType
    }
}

/// A server URL with `{variables}`: the client gets a function that fills them in.
public struct ServerTemplate: Hashable, Sendable {
    public struct Variable: Hashable, Sendable {
        /// The Swift parameter name.
        public var name: String
        /// The placeholder's name in the URL.
        public var wireName: String
        public var defaultValue: String
        public var enumValues: [String]?
        public var documentation: String?
        public init(name: String, wireName: String, defaultValue: String, enumValues: [String]?, documentation: String?)
        {
            self.name = name
            self.wireName = wireName
            self.defaultValue = defaultValue
            self.enumValues = enumValues
            self.documentation = documentation
        }
    }
    public var url: String
    public var variables: [Variable]
    public init(url: String, variables: [Variable]) {
        self.url = url
        self.variables = variables
    }
}

/// Operations of a client declared in another file.
public struct ClientExtensionDeclaration: Hashable, Sendable {
    public var clientName: String
    public var operations: [OperationDeclaration]
    public init(clientName: String, operations: [OperationDeclaration]) {
        self.clientName = clientName
        self.operations = operations
    }
}

/// OpenAPI 3.1 `webhooks`: an enum with a case per webhook, carrying its decoded payload,
/// made from a received request only after its signature is verified.
public struct WebhookDeclaration: Hashable, Sendable {
    public struct Case: Hashable, Sendable {
        /// The Swift case name.
        public var name: String
        /// The webhook's name in the spec (`invitee.created`).
        public var webhookName: String
        /// `POST`, as the spec gives it.
        public var method: String
        public var payload: TypeUsage
        public var summary: String?
        public var documentation: Documentation
        /// The value of ``WebhookDeclaration/dispatchProperty`` that marks this webhook.
        public var dispatchValue: String?

        public init(
            name: String, webhookName: String, method: String, payload: TypeUsage, summary: String?,
            documentation: Documentation, dispatchValue: String? = nil
        ) {
            self.name = name
            self.webhookName = webhookName
            self.method = method
            self.payload = payload
            self.summary = summary
            self.documentation = documentation
            self.dispatchValue = dispatchValue
        }
    }

    public var name: String
    public var documentation: Documentation
    public var cases: [Case]
    /// A required JSON property whose value (a `const` in each payload's schema) tells the
    /// webhooks apart, so a body can be decoded without knowing which webhook it is.
    public var dispatchProperty: String?

    public init(name: String, documentation: Documentation, cases: [Case], dispatchProperty: String? = nil) {
        self.name = name
        self.documentation = documentation
        self.cases = cases
        self.dispatchProperty = dispatchProperty
    }
}

/// A JSON value the spec gives as an example, for usage examples in the docs.
public indirect enum ExampleValue: Hashable, Sendable {
    case null
    case bool(Bool)
    case integer(Int)
    case number(Double)
    case string(String)
    case array([ExampleValue])
    /// Members in the order the spec wrote them.
    case object([Member])

    public struct Member: Hashable, Sendable {
        public var key: String
        public var value: ExampleValue
        public init(key: String, value: ExampleValue) {
            self.key = key
            self.value = value
        }
    }

    /// The member `key` of an object.
    public subscript(key: String) -> ExampleValue? {
        if case .object(let members) = self { return members.first { $0.key == key }?.value }
        return nil
    }
}

/// A statement of a usage example in the docs: `let name = value`, or `value` alone.
public struct ExampleStatement: Hashable, Sendable {
    public var resultName: String?
    public var value: ExampleExpression
    public init(resultName: String?, value: ExampleExpression) {
        self.resultName = resultName
        self.value = value
    }
}

/// A Swift expression of a usage example. Spec text appears only in `string` (the renderer
/// writes it as an escaped literal); `code` and call names are made of identifiers.
public indirect enum ExampleExpression: Hashable, Sendable {
    case code(String)
    case string(String)
    case call(String, [Argument])
    case array([ExampleExpression])
    case dictionary([Pair])

    public struct Argument: Hashable, Sendable {
        public var label: String?
        public var expression: ExampleExpression
        public init(label: String?, expression: ExampleExpression) {
            self.label = label
            self.expression = expression
        }
    }

    public struct Pair: Hashable, Sendable {
        public var key: ExampleExpression
        public var value: ExampleExpression
        public init(key: ExampleExpression, value: ExampleExpression) {
            self.key = key
            self.value = value
        }
    }
}
