import OpenAPIGenDeclarations
import OpenAPIGenModel
import OpenAPIGenYAML

/// Translates schemas into Swift types: component schemas into top-level declarations,
/// inline object and enum schemas into types nested where they are used.
struct TypeTranslator {
    let document: OpenAPIDocument
    /// Component schema name -> Swift type name.
    private(set) var componentTypeNames: [String: String] = [:]
    private(set) var topLevelNames = NameScope(reserved: TypeTranslator.reservedTopLevelNames)
    var warnings: [Diagnostic] = []

    /// Names a generated top-level type must not take: they would shadow the types the
    /// generated code itself relies on in every file of the module.
    static let reservedTopLevelNames: Set<String> = [
        "Swift", "Foundation", "OpenAPIGenRuntime", "Codable", "Decodable", "Encodable", "Hashable",
        "Sendable", "CodingKey", "Error", "Type", "Protocol", "Self", "Any",
    ]

    init(document: OpenAPIDocument) {
        self.document = document
        for entry in document.components.schemas.entries {
            componentTypeNames[entry.name] = topLevelNames.claim(SwiftNaming.upperCamel(entry.name, fallback: "Schema"))
        }
    }

    /// A fresh top-level type name, unique in the module.
    mutating func claimTopLevelName(_ base: String) -> String { topLevelNames.claim(base) }

    /// Declarations for every component schema, in the order the spec lists them.
    mutating func componentDeclarations() -> [Declaration] {
        document.components.schemas.entries.map { entry in
            declaration(named: componentTypeNames[entry.name]!, for: entry.value)
        }
    }

    /// The declaration of a named type for `schema`: a struct for objects, an enum for
    /// enumerations, a type alias otherwise.
    mutating func declaration(named name: String, for schema: Schema) -> Declaration {
        let documentation = Self.documentation(schema)
        if schema.reference == nil, let enumeration = enumDeclaration(named: name, for: schema) {
            return .enumeration(enumeration)
        }
        if schema.reference == nil, let object = objectShape(schema) {
            return .structure(
                structDeclaration(named: name, path: [name], object, documentation: documentation, schema: schema))
        }
        var nested: [Declaration] = []
        var scope = NameScope(reserved: [name])
        var target = usage(
            for: schema, suggestedName: name + "Value", in: [name], nested: &nested, scope: &scope)
        // A nullable component is used as `Name?` wherever it is referenced, so the alias
        // itself names the non-null type.
        if schema.isNullable, case .optional(let inner) = target { target = inner }
        // A type alias cannot hold nested types, so a nested declaration (an inline enum
        // in an array, say) is lifted to the top level under its own unique name.
        if nested.isEmpty {
            return .typeAlias(TypeAliasDeclaration(name: name, documentation: documentation, target: target))
        }
        let wrapped = StructDeclaration(
            name: name, documentation: documentation,
            properties: [PropertyDeclaration(name: "value", key: "value", type: target, documentation: Documentation())],
            nestedTypes: nested)
        warnings.append(
            Diagnostic(
                .warning, "schema '\(name)' is generated as a struct with one property 'value'", at: schema.location))
        return .structure(wrapped)
    }

    // MARK: Objects

    struct ObjectShape {
        var properties: [(name: String, schema: Schema)]
        var required: Set<String>
    }

    /// The properties of an object schema, merging `allOf` parts; nil when the schema is
    /// not an object with declared properties.
    func objectShape(_ schema: Schema) -> ObjectShape? {
        var properties: [(name: String, schema: Schema)] = []
        var required: Set<String> = []
        var seen: Set<String> = []
        func add(_ part: Schema, depth: Int) {
            guard depth < 32 else { return }
            var part = part
            if let reference = part.reference, let resolved = try? document.resolveSchema(reference) {
                part = resolved.schema
            }
            for property in part.properties where !seen.contains(property.name) {
                seen.insert(property.name)
                properties.append(property)
            }
            required.formUnion(part.required)
            for sub in part.allOf { add(sub, depth: depth + 1) }
        }
        let isObject = schema.types.isEmpty || schema.types == [.object]
        guard isObject, schema.enumValues == nil else { return nil }
        if schema.allOf.isEmpty {
            guard !schema.properties.isEmpty else { return nil }
        } else if schema.allOf.count == 1 && schema.properties.isEmpty {
            return nil  // `allOf: [$ref]` is an alias with its own description
        }
        add(schema, depth: 0)
        return properties.isEmpty ? nil : ObjectShape(properties: properties, required: required)
    }

    /// `path` is the struct's full path (`["CreateInviteeRequest", "Invitee"]`).
    mutating func structDeclaration(
        named name: String, path: [String], _ shape: ObjectShape, documentation: Documentation, schema: Schema
    ) -> StructDeclaration {
        // A property named `self` would shadow `self` in the initialiser.
        var propertyNames = NameScope(reserved: ["self", "Self"])
        var nestedNames = NameScope(reserved: ["CodingKeys", name])
        var nested: [Declaration] = []
        var properties: [PropertyDeclaration] = []
        for property in shape.properties {
            let swiftName = propertyNames.claim(SwiftNaming.lowerCamel(property.name, fallback: "property"))
            var type = usage(
                for: property.schema, suggestedName: Self.nestedTypeName(property.name),
                in: path, nested: &nested, scope: &nestedNames)
            if !shape.required.contains(property.name) { type = type.asOptional }
            var docs = Self.documentation(property.schema)
            if property.schema.deprecated { docs.lines += ["", "- Warning: Deprecated."] }
            properties.append(
                PropertyDeclaration(
                    name: swiftName, key: property.name, type: type, documentation: docs,
                    isDeprecated: property.schema.deprecated))
        }
        return StructDeclaration(
            name: name, documentation: documentation, isDeprecated: schema.deprecated, properties: properties,
            nestedTypes: nested)
    }

    /// The name of a type nested for property `name`: UpperCamelCase, with `Value` added
    /// to names a nested type cannot have (`type` -> `TypeValue`).
    static func nestedTypeName(_ name: String) -> String {
        let base = SwiftNaming.upperCamel(name, fallback: "Property")
        return ["Type", "Protocol", "Self"].contains(base) ? base + "Value" : base
    }

    // MARK: Enums

    func enumDeclaration(named name: String, for schema: Schema) -> EnumDeclaration? {
        guard let values = schema.enumValues, !values.isEmpty else { return nil }
        var raw: [EnumDeclaration.RawValue] = []
        let rawType: TypeName
        if values.allSatisfy({ if case .string = $0 { true } else { false } }) {
            rawType = .string
        } else if values.allSatisfy({ if case .integer = $0 { true } else { false } }) {
            rawType = .int
        } else {
            return nil
        }
        for value in values {
            let rawValue: EnumDeclaration.RawValue
            switch value {
            case .string(let text): rawValue = .string(text)
            case .integer(let number): rawValue = .integer(number)
            default: continue
            }
            if !raw.contains(rawValue) { raw.append(rawValue) }
        }
        var caseNames = NameScope(reserved: ["unknown", "rawValue", "hashValue", "init", "self", "Type"])
        let cases = raw.map { rawValue -> EnumDeclaration.Case in
            let base: String
            switch rawValue {
            case .string(let text): base = text.isEmpty ? "empty" : SwiftNaming.lowerCamel(text, fallback: "value")
            case .integer(let number): base = number < 0 ? "minus\(-number)" : "_\(number)"
            }
            return EnumDeclaration.Case(name: caseNames.claim(base), rawValue: rawValue)
        }
        return EnumDeclaration(
            name: name, documentation: Self.documentation(schema), isDeprecated: schema.deprecated,
            rawType: rawType, cases: cases, unknownCaseName: "unknown")
    }

    // MARK: Usages

    /// The Swift type for `schema` where it is used. Inline objects and enums become types
    /// appended to `nested`, named after `suggestedName` and unique in `scope`, nested in
    /// the type at `container` (empty for the top level).
    mutating func usage(
        for schema: Schema, suggestedName: String, in container: [String], nested: inout [Declaration],
        scope: inout NameScope
    ) -> TypeUsage {
        var type = nonNullUsage(
            for: schema, suggestedName: suggestedName, in: container, nested: &nested, scope: &scope)
        if schema.isNullable { type = type.asOptional }
        return type
    }

    private mutating func nonNullUsage(
        for schema: Schema, suggestedName: String, in container: [String], nested: inout [Declaration],
        scope: inout NameScope
    ) -> TypeUsage {
        if let reference = schema.reference {
            guard let resolved = try? document.resolveSchema(reference),
                let name = componentTypeNames[resolved.name]
            else { return .named(.jsonValue) }  // the validator has reported it
            let type = TypeUsage.named(.local(name))
            return resolved.schema.isNullable ? .optional(type) : type
        }
        if schema.allOf.count == 1, schema.properties.isEmpty {
            return usage(
                for: schema.allOf[0], suggestedName: suggestedName, in: container, nested: &nested, scope: &scope)
        }
        let alternatives = schema.oneOf.isEmpty ? schema.anyOf : schema.oneOf
        if !alternatives.isEmpty {
            let nonNull = alternatives.filter { !($0.types.isEmpty && $0.isNullable && $0.reference == nil) }
            if nonNull.count == 1 {
                let inner = usage(
                    for: nonNull[0], suggestedName: suggestedName, in: container, nested: &nested, scope: &scope)
                return nonNull.count < alternatives.count ? inner.asOptional : inner
            }
            warnings.append(
                Diagnostic(
                    .warning,
                    "'\(schema.oneOf.isEmpty ? "anyOf" : "oneOf")' with \(alternatives.count) alternatives is generated as JSONValue",
                    at: schema.location))
            return .named(.jsonValue)
        }
        if var enumeration = enumDeclaration(named: suggestedName, for: schema) {
            enumeration.name = scope.claim(suggestedName)
            nested.append(.enumeration(enumeration))
            return .named(TypeName(module: nil, path: container + [enumeration.name]))
        }
        if let shape = objectShape(schema) {
            let name = scope.claim(suggestedName)
            nested.append(
                .structure(
                    structDeclaration(
                        named: name, path: container + [name], shape, documentation: Self.documentation(schema),
                        schema: schema)))
            return .named(TypeName(module: nil, path: container + [name]))
        }
        let type = schema.singleType ?? (schema.items != nil ? .array : nil)
        switch type {
        case .string?:
            switch schema.format {
            case "date-time": return .named(.date)
            case "byte": return .named(.data)
            default: return .named(.string)
            }
        case .integer?:
            switch schema.format {
            case "int32": return .named(.int32)
            case "int64": return .named(.int64)
            default: return .named(.int)
            }
        case .number?:
            return .named(schema.format == "float" ? .float : .double)
        case .boolean?:
            return .named(.bool)
        case .array?:
            guard let items = schema.items else { return .array(.named(.jsonValue)) }
            return .array(
                usage(
                    for: items, suggestedName: SwiftNaming.singular(suggestedName), in: container, nested: &nested,
                    scope: &scope))
        case .object?:
            if case .schema(let values)? = schema.additionalProperties {
                return .dictionary(
                    usage(
                        for: values, suggestedName: suggestedName + "Value", in: container, nested: &nested,
                        scope: &scope))
            }
            return .named(.jsonValue)
        case .null?, nil:
            return .named(.jsonValue)
        }
    }

    static func documentation(_ schema: Schema) -> Documentation {
        let text = schema.description ?? schema.title
        guard let text, !text.isEmpty else { return Documentation() }
        return Documentation(text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
    }
}
