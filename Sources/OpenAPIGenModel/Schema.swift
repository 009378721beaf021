import OpenAPIGenDiagnostics

/// The JSON Schema types OpenAPI uses.
public enum JSONType: String, Sendable, Hashable, CaseIterable {
    case string, number, integer, boolean, array, object, null
}

/// A schema object in its 3.0 or 3.1 form. `nullable: true` (3.0) and a `null` in the
/// `type` list (3.1) both set ``isNullable``; `type` keeps the other types.
public final class Schema: Sendable {
    public let location: SourceLocation
    /// Set when the schema is a `$ref`; 3.1 allows `description` and friends beside it.
    public let reference: Reference?
    /// The non-null types; empty when the schema does not restrict the type.
    public let types: [JSONType]
    public let isNullable: Bool
    public let format: String?
    /// JSON Schema's `contentMediaType` (OpenAPI 3.1's way to write binary data:
    /// `application/octet-stream`, `image/png`), as written.
    public let contentMediaType: String?
    /// JSON Schema's `contentEncoding` (`base64`, `base64url`, …), as written.
    public let contentEncoding: String?
    public let title: String?
    public let description: String?
    public let properties: [(name: String, schema: Schema)]
    public let required: [String]
    public let additionalProperties: AdditionalProperties?
    public let items: Schema?
    /// `enum` values (with `null` left out: it sets ``isNullable``).
    public let enumValues: [EnumValue]?
    /// Per ``enumValues`` entry, its documentation, when the spec gives one: set for the
    /// OpenAPI 3.1 idiom of a `oneOf` (or `anyOf`) of `const` values with a `title` or
    /// `description` each, which is read as an enum.
    public let enumDocumentation: [String?]?
    public let constValue: EnumValue?
    public let allOf: [Schema]
    public let oneOf: [Schema]
    public let anyOf: [Schema]
    public let defaultValue: SpecValue?
    public let example: SpecValue?
    public let readOnly: Bool
    public let writeOnly: Bool
    public let deprecated: Bool
    /// For `oneOf` / `anyOf`: the property whose value names the alternative.
    public let discriminator: Discriminator?
    /// `$defs` (or draft-04's `definitions`): schemas referenced as `…/$defs/Name`.
    public let definitions: [(name: String, schema: Schema)]

    public struct Discriminator: Sendable {
        public var propertyName: String
        /// Property value -> schema reference (`#/components/schemas/Cat`) or name (`Cat`).
        public var mapping: [(value: String, target: String)]
        public init(propertyName: String, mapping: [(value: String, target: String)]) {
            self.propertyName = propertyName
            self.mapping = mapping
        }
    }

    public enum AdditionalProperties: Sendable {
        case allowed(Bool)
        case schema(Schema)
    }

    public enum EnumValue: Sendable, Hashable {
        case string(String)
        case integer(Int)
        case number(Double)
        case bool(Bool)
    }

    public init(
        location: SourceLocation, reference: Reference? = nil, types: [JSONType] = [],
        isNullable: Bool = false, format: String? = nil, title: String? = nil,
        description: String? = nil, properties: [(name: String, schema: Schema)] = [],
        required: [String] = [], additionalProperties: AdditionalProperties? = nil,
        items: Schema? = nil, enumValues: [EnumValue]? = nil, enumDocumentation: [String?]? = nil,
        constValue: EnumValue? = nil,
        allOf: [Schema] = [], oneOf: [Schema] = [], anyOf: [Schema] = [],
        defaultValue: SpecValue? = nil, example: SpecValue? = nil, readOnly: Bool = false,
        writeOnly: Bool = false, deprecated: Bool = false, discriminator: Discriminator? = nil,
        definitions: [(name: String, schema: Schema)] = [], contentMediaType: String? = nil,
        contentEncoding: String? = nil
    ) {
        self.definitions = definitions
        self.contentMediaType = contentMediaType
        self.contentEncoding = contentEncoding
        self.location = location
        self.reference = reference
        self.types = types
        self.isNullable = isNullable
        self.format = format
        self.title = title
        self.description = description
        self.properties = properties
        self.required = required
        self.additionalProperties = additionalProperties
        self.items = items
        self.enumValues = enumValues
        self.enumDocumentation = enumDocumentation
        self.constValue = constValue
        self.allOf = allOf
        self.oneOf = oneOf
        self.anyOf = anyOf
        self.defaultValue = defaultValue
        self.example = example
        self.readOnly = readOnly
        self.writeOnly = writeOnly
        self.deprecated = deprecated
        self.discriminator = discriminator
    }

    /// The single non-null type, when there is exactly one.
    public var singleType: JSONType? { types.count == 1 ? types[0] : nil }
}
