/// The Swift a generated SDK is made of, as plain values: the translator builds these
/// from an OpenAPI document and never writes source text; the renderer prints them.
///
/// Names here are already Swift identifiers (the translator makes them); text from the
/// spec (documentation, raw values, URLs, wire names) is kept as written and escaped by
/// the renderer for the place it lands.

/// A type by its full path: `Invitee.Status` in the module being generated, or a type of
/// another module (`Foundation.Date`). The renderer prints the shortest spelling that
/// resolves to it from where it is used.
public struct TypeName: Hashable, Sendable {
    /// nil for the module being generated.
    public var module: String?
    public var path: [String]

    public init(module: String?, path: [String]) {
        self.module = module
        self.path = path
    }

    public static func local(_ path: String...) -> TypeName { TypeName(module: nil, path: path) }
    public static func swift(_ name: String) -> TypeName { TypeName(module: "Swift", path: [name]) }
    public static func foundation(_ name: String) -> TypeName { TypeName(module: "Foundation", path: [name]) }
    public static func runtime(_ name: String) -> TypeName { TypeName(module: "OpenAPIGenRuntime", path: [name]) }

    public static let string = swift("String")
    public static let int = swift("Int")
    public static let int32 = swift("Int32")
    public static let int64 = swift("Int64")
    public static let double = swift("Double")
    public static let float = swift("Float")
    public static let bool = swift("Bool")
    public static let date = foundation("Date")
    public static let data = foundation("Data")
    public static let uuid = foundation("UUID")
    public static let calendarDate = runtime("CalendarDate")
    public static let jsonValue = runtime("JSONValue")
}

/// A type as it is used: `String`, `[Invitee]?`, `[String: JSONValue]`.
public indirect enum TypeUsage: Hashable, Sendable {
    case named(TypeName)
    case optional(TypeUsage)
    case array(TypeUsage)
    case dictionary(TypeUsage)

    public var isOptional: Bool {
        if case .optional = self { return true }
        return false
    }

    /// The type without its outermost `?`.
    public var nonOptionalUsage: TypeUsage {
        if case .optional(let inner) = self { return inner }
        return self
    }

    /// The same shape with `transform` applied to every type name in it.
    public func mappingNames(_ transform: (TypeName) -> TypeName) -> TypeUsage {
        switch self {
        case .named(let name): .named(transform(name))
        case .optional(let inner): .optional(inner.mappingNames(transform))
        case .array(let inner): .array(inner.mappingNames(transform))
        case .dictionary(let inner): .dictionary(inner.mappingNames(transform))
        }
    }

    /// The type made optional (unchanged when it already is).
    public var asOptional: TypeUsage { isOptional ? self : .optional(self) }
}

/// Documentation text as the spec wrote it, one entry per paragraph or line.
public struct Documentation: Hashable, Sendable {
    public var lines: [String]
    public init(_ lines: [String] = []) { self.lines = lines }

    /// `text` split into lines at `\n` (a `\r` before it goes too).
    public init(text: String) {
        // One pass over the bytes (splitting at `\n` never cuts a character).
        var text = text
        lines = text.withUTF8 { bytes in
            var lines: [String] = []
            var start = 0
            func line(upTo end: Int) -> String {
                let end = end > start && bytes[end - 1] == 0x0D ? end - 1 : end
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
            }
            for index in 0..<bytes.count where bytes[index] == 0x0A {
                lines.append(line(upTo: index))
                start = index + 1
            }
            lines.append(line(upTo: bytes.count))
            return lines
        }
    }
    public var isEmpty: Bool { lines.allSatisfy { $0.isEmpty } }
}

public enum AccessLevel: String, Hashable, Sendable {
    case `public`, `package`, `internal`
}

public struct SwiftFile: Hashable, Sendable {
    /// File name, e.g. `Types.swift`.
    public var name: String
    /// Lines of the `//` header (without the slashes).
    public var header: [String]
    public var imports: [String]
    public var declarations: [Declaration]

    public init(name: String, header: [String], imports: [String], declarations: [Declaration]) {
        self.name = name
        self.header = header
        self.imports = imports
        self.declarations = declarations
    }
}

public indirect enum Declaration: Hashable, Sendable {
    case structure(StructDeclaration)
    case enumeration(EnumDeclaration)
    case oneOf(OneOfDeclaration)
    case typeAlias(TypeAliasDeclaration)
    case client(ClientDeclaration)
    /// More operations of the client, in another file: `extension Client { … }`.
    case clientExtension(ClientExtensionDeclaration)

    public var name: String {
        switch self {
        case .structure(let value): value.name
        case .enumeration(let value): value.name
        case .oneOf(let value): value.name
        case .typeAlias(let value): value.name
        case .client(let value): value.name
        case .clientExtension(let value): value.clientName
        }
    }

    /// The declaration with `documentation` in place of its own.
    public func withDocumentation(_ documentation: Documentation) -> Declaration {
        modified(
            structure: { $0.documentation = documentation }, enumeration: { $0.documentation = documentation },
            oneOf: { $0.documentation = documentation }, typeAlias: { $0.documentation = documentation })
    }

    /// The declaration under another name.
    public func withName(_ name: String) -> Declaration {
        modified(
            structure: { $0.name = name }, enumeration: { $0.name = name }, oneOf: { $0.name = name },
            typeAlias: { $0.name = name })
    }

    /// The declaration with `transform` applied to the types it uses itself: property
    /// types, case payloads, an alias's target (nested declarations are left as they are).
    public func mappingOwnTypes(_ transform: (TypeUsage) -> TypeUsage) -> Declaration {
        modified(
            structure: {
                $0.properties = $0.properties.map {
                    var property = $0
                    property.type = transform(property.type)
                    return property
                }
            },
            enumeration: { _ in },
            oneOf: {
                $0.cases = $0.cases.map {
                    var item = $0
                    item.type = transform(item.type)
                    return item
                }
            },
            typeAlias: { $0.target = transform($0.target) })
    }

    /// The declaration with `nested` as the types declared inside it (kinds that cannot
    /// hold types are left as they are).
    public func withNestedTypes(_ nested: [Declaration]) -> Declaration {
        modified(
            structure: { $0.nestedTypes = nested }, enumeration: { _ in }, oneOf: { $0.nestedTypes = nested },
            typeAlias: { _ in })
    }

    /// The declaration with one change made to whichever kind it is (the client is left as it is).
    private func modified(
        structure: (inout StructDeclaration) -> Void, enumeration: (inout EnumDeclaration) -> Void,
        oneOf: (inout OneOfDeclaration) -> Void, typeAlias: (inout TypeAliasDeclaration) -> Void
    ) -> Declaration {
        switch self {
        case .structure(var value):
            structure(&value)
            return .structure(value)
        case .enumeration(var value):
            enumeration(&value)
            return .enumeration(value)
        case .oneOf(var value):
            oneOf(&value)
            return .oneOf(value)
        case .typeAlias(var value):
            typeAlias(&value)
            return .typeAlias(value)
        case .client, .clientExtension:
            return self
        }
    }

    /// The types declared inside this one.
    public var nestedTypes: [Declaration] {
        switch self {
        case .structure(let value): value.nestedTypes
        case .oneOf(let value): value.nestedTypes
        case .enumeration, .typeAlias, .client, .clientExtension: []
        }
    }
}

/// A `Codable` struct for an object schema.
public struct StructDeclaration: Hashable, Sendable {
    public var name: String
    public var documentation: Documentation
    public var isDeprecated: Bool
    public var properties: [PropertyDeclaration]
    public var nestedTypes: [Declaration]
    /// Whether the struct (a multipart body whose files are `MultipartFile`s) also has an
    /// initialiser that takes its files as `Data`, as they were before.
    public var hasDataFileInitializer = false

    public init(
        name: String, documentation: Documentation, isDeprecated: Bool = false,
        properties: [PropertyDeclaration], nestedTypes: [Declaration]
    ) {
        self.name = name
        self.documentation = documentation
        self.isDeprecated = isDeprecated
        self.properties = properties
        self.nestedTypes = nestedTypes
    }
}

public struct PropertyDeclaration: Hashable, Sendable {
    /// The Swift identifier.
    public var name: String
    /// The JSON key, as the spec wrote it.
    public var key: String
    public var type: TypeUsage
    public var documentation: Documentation
    public var isDeprecated: Bool
    /// Stored out of line (`@Indirect`) because the property's type contains the struct
    /// that declares it.
    public var isIndirect: Bool
    /// The spec's `default`, used as the initialiser's default argument.
    public var defaultValue: DefaultValue?

    public enum DefaultValue: Hashable, Sendable {
        case string(String)
        case integer(Int)
        case number(Double)
        case bool(Bool)
        /// A case of the property's enum type.
        case enumCase(String)
    }

    public init(
        name: String, key: String, type: TypeUsage, documentation: Documentation, isDeprecated: Bool = false,
        isIndirect: Bool = false, defaultValue: DefaultValue? = nil
    ) {
        self.defaultValue = defaultValue
        self.name = name
        self.key = key
        self.type = type
        self.documentation = documentation
        self.isDeprecated = isDeprecated
        self.isIndirect = isIndirect
    }
}

/// An enum for a schema's `enum` values, open to values added after generation: unknown
/// raw values decode into ``unknownCaseName`` instead of failing.
public struct EnumDeclaration: Hashable, Sendable {
    public enum RawValue: Hashable, Sendable {
        case string(String)
        case integer(Int)
    }

    public struct Case: Hashable, Sendable {
        public var name: String
        public var rawValue: RawValue
        /// The value's own docs (a `oneOf` of `const`s gives each a `title`/`description`).
        public var documentation: Documentation
        public init(name: String, rawValue: RawValue, documentation: Documentation = Documentation([])) {
            self.name = name
            self.rawValue = rawValue
            self.documentation = documentation
        }
    }

    public var name: String
    public var documentation: Documentation
    public var isDeprecated: Bool
    /// `String` or `Int`.
    public var rawType: TypeName
    public var cases: [Case]
    public var unknownCaseName: String

    public init(
        name: String, documentation: Documentation, isDeprecated: Bool = false, rawType: TypeName, cases: [Case],
        unknownCaseName: String
    ) {
        self.name = name
        self.documentation = documentation
        self.isDeprecated = isDeprecated
        self.rawType = rawType
        self.cases = cases
        self.unknownCaseName = unknownCaseName
    }
}

public struct TypeAliasDeclaration: Hashable, Sendable {
    public var name: String
    public var documentation: Documentation
    public var target: TypeUsage

    public init(name: String, documentation: Documentation, target: TypeUsage) {
        self.name = name
        self.documentation = documentation
        self.target = target
    }
}

/// An enum with one case per alternative of a `oneOf` or `anyOf` schema, each carrying
/// the alternative's value. Decoding uses the discriminator property when there is one,
/// and otherwise tries the alternatives in order.
public struct OneOfDeclaration: Hashable, Sendable {
    public struct Case: Hashable, Sendable {
        public var name: String
        public var type: TypeUsage
        /// Discriminator values that select this case (empty without a discriminator).
        public var discriminatorValues: [String]
        public init(name: String, type: TypeUsage, discriminatorValues: [String] = []) {
            self.name = name
            self.type = type
            self.discriminatorValues = discriminatorValues
        }
    }

    public var name: String
    public var documentation: Documentation
    public var isDeprecated: Bool
    public var cases: [Case]
    /// The JSON property whose value selects the case, if the spec names one.
    public var discriminatorProperty: String?
    /// With a discriminator: the case that keeps, as raw JSON, a value whose discriminator
    /// names no known alternative (a subtype newer than the SDK), so decoding goes on.
    public var unknownCaseName: String?
    /// Types of inline alternatives, nested in the enum.
    public var nestedTypes: [Declaration]
    /// The enum contains itself through a case, so it is `indirect`.
    public var isIndirect: Bool
    /// From a `oneOf` (exactly one alternative may match), not an `anyOf`: without a
    /// discriminator, a value that fits several alternatives equally and differently fails
    /// to decode instead of taking the first.
    public var isExclusive: Bool

    public init(
        name: String, documentation: Documentation, isDeprecated: Bool = false, cases: [Case],
        discriminatorProperty: String? = nil, unknownCaseName: String? = nil, nestedTypes: [Declaration] = [],
        isIndirect: Bool = false, isExclusive: Bool = true
    ) {
        self.name = name
        self.documentation = documentation
        self.isDeprecated = isDeprecated
        self.cases = cases
        self.discriminatorProperty = discriminatorProperty
        self.unknownCaseName = unknownCaseName
        self.nestedTypes = nestedTypes
        self.isIndirect = isIndirect
        self.isExclusive = isExclusive
    }
}
