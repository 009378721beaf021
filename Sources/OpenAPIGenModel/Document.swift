import OpenAPIGenDiagnostics

/// An OpenAPI 3.0, 3.1 or 3.2 document, as read from one file. Maps keep the order the spec
/// wrote them in, so everything generated from them is deterministic.
public struct OpenAPIDocument: Sendable {
    public var file: String
    /// The `openapi` field, e.g. `3.1.0`.
    public var openAPIVersion: String
    public var info: Info
    public var servers: [Server]
    public var paths: [PathItem]
    /// OpenAPI 3.1 `webhooks`: requests the API sends, each a path item whose `path` is the
    /// webhook's name.
    public var webhooks: [PathItem] = []
    public var components: Components
    /// Top-level `security`: alternatives, each a set of scheme names that apply together.
    public var security: [SecurityRequirement]?
}

public struct Info: Sendable {
    public var title: String
    public var version: String
    public var summary: String?
    public var description: String?
}

public struct Server: Sendable {
    public var url: String
    public var description: String?
    /// `{name}` placeholders of `url`, in the order the spec lists them.
    public var variables: [ServerVariable] = []
    public var location: SourceLocation
}

public struct ServerVariable: Sendable {
    public var name: String
    public var defaultValue: String
    public var enumValues: [String]?
    public var description: String?
}

public struct SecurityRequirement: Sendable, Hashable {
    public var schemeNames: [String]
    public var location: SourceLocation
}

/// An ordered map from names to values, as OpenAPI's maps are written.
public struct NamedMap<Value: Sendable>: Sendable {
    public private(set) var entries: [(name: String, value: Value)] = []
    private var index: [String: Int] = [:]

    public init() {}

    public subscript(name: String) -> Value? { index[name].map { entries[$0].value } }

    public mutating func append(_ name: String, _ value: Value) {
        index[name] = entries.count
        entries.append((name, value))
    }

    public var isEmpty: Bool { entries.isEmpty }
    @inlinable public var names: [String] { entries.map { $0.name } }
}

public struct Components: Sendable {
    public var schemas = NamedMap<Schema>()
    public var responses = NamedMap<Referenceable<Response>>()
    public var parameters = NamedMap<Referenceable<Parameter>>()
    public var requestBodies = NamedMap<Referenceable<RequestBody>>()
    public var headers = NamedMap<Referenceable<Header>>()
    public var securitySchemes = NamedMap<SecurityScheme>()
    public init() {}
}

/// A `$ref` as written, with where it was written.
public struct Reference: Sendable, Hashable {
    public var target: String
    public var location: SourceLocation
}

/// A value given in place, or a `$ref` to one in `components`.
public enum Referenceable<Value: Sendable>: Sendable {
    case reference(Reference)
    case value(Value)
}

public struct PathItem: Sendable {
    public var path: String
    public var parameters: [Referenceable<Parameter>]
    public var operations: [OpenAPIOperation]
    public var location: SourceLocation
}

public struct OpenAPIOperation: Sendable {
    /// As in the spec: lowercase for the path item's own fields (`get`, `post`, …, `query`),
    /// and as written for an entry of `additionalOperations` (`COPY`), where case matters.
    public var method: String
    public var path: String
    public var operationID: String?
    public var summary: String?
    public var description: String?
    public var tags: [String]
    public var deprecated: Bool
    /// The path item's parameters followed by the operation's own.
    public var parameters: [Referenceable<Parameter>]
    public var requestBody: Referenceable<RequestBody>?
    /// By status key as written: `200`, `4XX`, `default`.
    public var responses: NamedMap<Referenceable<Response>>
    public var security: [SecurityRequirement]?
    /// The operation's own `servers`, or else its path item's; nil when neither has any, so
    /// the document's servers apply.
    public var servers: [Server]? = nil
    public var location: SourceLocation
    /// An entry of the path item's `additionalOperations` (OpenAPI 3.2).
    public var isAdditional = false
    /// The operation's `x-speakeasy-pagination`, read by the translator's pagination.
    public var paginationExtension: SpecValue? = nil

    /// The method as it is sent: `GET`, `QUERY`, or an additional operation's name as written.
    public var httpMethod: String { isAdditional ? method : method.uppercased() }
}

public enum ParameterLocation: String, Sendable {
    case path, query, header, cookie
    /// OpenAPI 3.2: the whole query string, one value described by `content`.
    case querystring
}

public struct Parameter: Sendable {
    public var name: String
    public var location: ParameterLocation
    public var description: String?
    public var required: Bool
    public var deprecated: Bool
    public var schema: Schema?
    public var style: String?
    public var explode: Bool?
    /// The schema came from `content` (a media type, in practice JSON) rather than `schema`:
    /// the value is sent serialised in that media type.
    public var isContent: Bool = false
    /// The parameter's `example` (or the first of its `examples`' values), as written.
    public var example: SpecValue?
    /// With `content`: its media type (`application/json`, `application/x-www-form-urlencoded`…)
    /// and that media type's `encoding`.
    public var contentType: String? = nil
    public var contentEncoding = NamedMap<Encoding>()
    public var sourceLocation: SourceLocation
}

public struct RequestBody: Sendable {
    public var description: String?
    public var required: Bool
    public var content: NamedMap<MediaType>
    public var location: SourceLocation
}

public struct MediaType: Sendable {
    public var schema: Schema?
    /// OpenAPI 3.2's `itemSchema`: the schema of each item of a sequential media type
    /// (`text/event-stream`, `application/jsonl`, `application/json-seq`…).
    public var itemSchema: Schema? = nil
    public var example: SpecValue?
    /// For form and multipart bodies: how each property is written.
    public var encoding: NamedMap<Encoding> = NamedMap()
    public var location: SourceLocation
}

/// An `encoding` entry of a media type.
public struct Encoding: Sendable {
    /// The part's media type; a list (`image/png, image/jpeg`) as written.
    public var contentType: String?
    public var style: String?
    public var explode: Bool?
    /// Where the entry is, for warnings about it.
    public var location: SourceLocation? = nil
}

public struct Response: Sendable {
    public var description: String
    public var headers: NamedMap<Referenceable<Header>>
    public var content: NamedMap<MediaType>
    public var location: SourceLocation
}

public struct Header: Sendable {
    public var description: String?
    public var required: Bool
    public var schema: Schema?
    public var location: SourceLocation
}

public struct SecurityScheme: Sendable {
    public enum Kind: Sendable, Hashable {
        case http(scheme: String, bearerFormat: String?)
        case apiKey(name: String, location: ParameterLocation)
        case oauth2
        case openIDConnect(url: String)
        case mutualTLS
    }
    public var kind: Kind
    public var description: String?
    public var location: SourceLocation
}
