import OpenAPIGenDeclarations
import OpenAPIGenDiagnostics
import OpenAPIGenModel

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
    /// A struct's property named `self` would shadow `self` in the initialiser.
    static let reservedPropertyNames: Set<String> = ["self", "Self"]
    /// Names an enum's cases must not take (members every enum has, or its unknown case).
    static let reservedEnumCaseNames: Set<String> = ["unknown", "rawValue", "hashValue", "init", "self", "Type"]
    /// Names a choice's cases must not take (its members).
    static let reservedChoiceCaseNames: Set<String> = ["self", "Self", "Type", "init", "encode"]

    static let reservedTopLevelNames: Set<String> = [
        "Swift", "Foundation", RuntimeNames.module.name, "Codable", "Decodable", "Encodable", "Hashable",
        "Sendable", "CodingKey", "Error", "Type", "Protocol", "Self", "Any",
    ]

    /// The configuration's `nameOverrides` and `typeOverrides`.
    let overrides: Overrides
    /// Errors the overrides of component names cause (two types with one name), found once
    /// when the names are given out.
    private(set) var overrideErrors: [Diagnostic] = []

    init(document: OpenAPIDocument, overrides: Overrides = Overrides(names: [], types: [], moduleName: "")) {
        self.document = document
        self.overrides = overrides
        let entries = document.components.schemas.entries.filter { overrides.type(forSchema: $0.name) == nil }
        let renamed = entries.compactMap { overrides.schemaName($0.name) }
        if !renamed.isEmpty {
            overrideErrors = NameOverrideCollisions.components(
                entries.map(\.name), overrides: overrides, reserved: Self.reservedTopLevelNames,
                naturalName: Self.naturalComponentName)
            for override in renamed { topLevelNames.reserve(override.swiftName) }
        }
        for entry in entries {
            if let override = overrides.schemaName(entry.name) {
                componentTypeNames[entry.name] = override.swiftName
            } else {
                componentTypeNames[entry.name] = topLevelNames.claim(Self.naturalComponentName(entry.name))
            }
        }
    }

    /// The type name a component schema gets unless the configuration renames it.
    static func naturalComponentName(_ name: String) -> String {
        // `Problem/$defs/Reason` is `ProblemReason`.
        // (`$` is in no other component name: only `$defs` are named so.)
        let words = name.utf8.contains(UInt8(ascii: "$")) ? name.replacingOccurrences(of: "/$defs/", with: " ") : name
        return SwiftNaming.upperCamel(words, fallback: "Schema")
    }

    /// Takes on the names `other` claimed and the warnings it gave, after this translator's
    /// own (used when component schemas and operations were translated apart): the names
    /// it took after the first `noted` of its scope's ``NameScope/added``.
    mutating func adopt(namesAndWarningsOf other: TypeTranslator, takenAfter noted: Int) {
        for name in other.topLevelNames.added[noted...] { topLevelNames.reserve(name) }
        warnings += other.warnings
    }

    /// A fresh top-level type name, unique in the module.
    mutating func claimTopLevelName(_ base: String) -> String { topLevelNames.claim(base) }

    /// Declarations for every component schema (or those in `range`, by position), in the
    /// order the spec lists them.
    mutating func componentDeclarations(_ range: Range<Int>? = nil) -> [Declaration] {
        var declarations: [Declaration] = []
        let entries = document.components.schemas.entries
        for entry in entries[range ?? entries.indices] {
            // A schema the configuration replaces with a type of the user's has no declaration.
            guard let name = componentTypeNames[entry.name] else { continue }
            declarations.append(declaration(named: name, for: entry.value))
            declarations += takeLiftedDeclarations()
        }
        return declarations
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
        if schema.reference == nil, isChoice(schema), let (alternatives, _) = composite(schema) {
            return .oneOf(oneOfDeclaration(named: name, path: [name], for: schema, alternatives: alternatives))
        }
        if schema.reference == nil, let (alternatives, _) = composite(schema), alternatives.count == 1,
            alternatives[0].reference == nil
        {
            // `oneOf` with a single inline choice is that choice.
            let declaration = declaration(named: name, for: alternatives[0])
            return documentation.isEmpty ? declaration : declaration.withDocumentation(documentation)
        }
        // A type alias cannot hold nested types, so a nested declaration (an inline enum
        // in an array, say) becomes a top-level type of its own, named after the alias.
        var target = topLevelUsageOfAlias(schema, named: name)
        // A nullable component is used as `Name?` wherever it is referenced, so the alias
        // itself names the non-null type.
        if case .optional(let inner) = target, isNullable(schema) { target = inner }
        return .typeAlias(TypeAliasDeclaration(name: name, documentation: documentation, target: target))
    }

    /// Top-level declarations made while translating others (the item type of an array
    /// alias); whoever places declarations takes them with ``takeLiftedDeclarations()``.
    private var liftedDeclarations: [Declaration] = []

    mutating func takeLiftedDeclarations() -> [Declaration] {
        defer { liftedDeclarations = [] }
        return liftedDeclarations
    }

    // MARK: Objects

    struct ObjectShape {
        var properties: [(name: String, schema: Schema)]
        var required: Set<String>
        /// Required names no part declares in `properties` (generated all the same), with
        /// the schema that requires them.
        var undeclared: [(name: String, part: Schema)] = []
    }

    /// The properties of an object schema, merging `allOf` parts; nil when the schema is
    /// not an object with declared properties.
    func objectShape(_ schema: Schema) -> ObjectShape? {
        var properties: [(name: String, schema: Schema)] = []
        var required: Set<String> = []
        var seen: Set<String> = []
        // Required names no part declares in `properties`, with the part that requires them.
        var undeclared: [(name: String, part: Schema)] = []
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
            for name in part.required where !undeclared.contains(where: { $0.name == name }) {
                undeclared.append((name, part))
            }
            for sub in part.allOf { add(sub, depth: depth + 1) }
        }
        let isObject = schema.types.isEmpty || schema.types == [.object]
        guard isObject, schema.enumValues == nil else { return nil }
        if schema.allOf.isEmpty {
            guard !schema.properties.isEmpty else { return nil }
        } else if schema.allOf.count == 1 && schema.properties.isEmpty && schema.allOf[0].reference != nil {
            return nil  // `allOf: [$ref]` is an alias with its own description
        }
        add(schema, depth: 0)
        guard !properties.isEmpty else { return nil }
        // A required property the schema does not declare is still sent and returned: it
        // becomes a property of the `additionalProperties` schema's type, else any JSON value.
        var generated: [(name: String, part: Schema)] = []
        for (name, part) in undeclared where !seen.contains(name) {
            seen.insert(name)
            generated.append((name, part))
            let note = "Required by the schema but not declared in its `properties`."
            if case .schema(let additional)? = part.additionalProperties {
                properties.append((name, Self.undeclared(additional, note: note)))
            } else {
                properties.append((name, Schema(location: part.location, description: note)))
            }
        }
        return ObjectShape(properties: properties, required: required, undeclared: generated)
    }

    /// `.string` for a schema with no `type` that has a `contentMediaType` or
    /// `contentEncoding` (OpenAPI 3.1's binary data: a string in JSON); nil otherwise.
    static func contentType(_ schema: Schema) -> JSONType? {
        schema.types.isEmpty && (schema.contentMediaType != nil || schema.contentEncoding != nil) ? .string : nil
    }

    /// Whether a string schema with no `format` holds bytes (`Data`), in OpenAPI 3.1's
    /// words: `contentEncoding: base64` (what `Data` reads and writes in JSON), or a
    /// non-text `contentMediaType` (`application/octet-stream`, `image/png`) with no
    /// encoding, as `format: binary` is. `base64url` and other encodings stay text (the
    /// model warns about them); a text media type (`text/plain`, `application/json`) is text.
    static func holdsBytes(_ schema: Schema) -> Bool {
        switch schema.contentEncoding?.lowercased() {
        case "base64"?: return true
        case nil, "7bit"?, "8bit"?, "binary"?:
            guard let mediaType = schema.contentMediaType else { return false }
            return OperationTranslator.kind(of: mediaType) == .binary
        default: return false
        }
    }

    /// `schema` (an `additionalProperties` schema) documented as an undeclared property.
    private static func undeclared(_ schema: Schema, note: String) -> Schema {
        guard schema.reference == nil else { return schema }
        return Schema(
            location: schema.location, types: schema.types, isNullable: schema.isNullable, format: schema.format,
            title: schema.title, description: schema.description.map { $0 + "\n\n" + note } ?? note,
            properties: schema.properties, required: schema.required,
            additionalProperties: schema.additionalProperties, items: schema.items, enumValues: schema.enumValues,
            enumDocumentation: schema.enumDocumentation, constValue: schema.constValue, allOf: schema.allOf,
            oneOf: schema.oneOf, anyOf: schema.anyOf, defaultValue: schema.defaultValue, example: schema.example,
            readOnly: schema.readOnly, writeOnly: schema.writeOnly, deprecated: schema.deprecated,
            discriminator: schema.discriminator, definitions: schema.definitions,
            contentMediaType: schema.contentMediaType, contentEncoding: schema.contentEncoding)
    }

    /// `path` is the struct's full path (`["CreateInviteeRequest", "Invitee"]`).
    mutating func structDeclaration(
        named name: String, path: [String], _ shape: ObjectShape, documentation: Documentation, schema: Schema
    ) -> StructDeclaration {
        var propertyNames = NameScope(reserved: Self.reservedPropertyNames, capacity: shape.properties.count)
        var nestedNames = NameScope(reserved: ["CodingKeys", name])
        var nested: [Declaration] = []
        var properties: [PropertyDeclaration] = []
        // The configuration renames properties of component schemas' structs.
        let component =
            path.count == 1 && overrides.renamesProperties
            ? componentTypeNames.first(where: { $0.value == name })?.key : nil
        var renamed: [String: NameOverride] = [:]
        if let component {
            for property in shape.properties {
                renamed[property.name] = overrides.propertyName(schema: component, property: property.name)
            }
        }
        if !renamed.isEmpty {
            warnings += NameOverrideCollisions.properties(
                shape.properties.map(\.name), renamed: renamed, reserved: propertyNames.taken,
                naturalName: { SwiftNaming.lowerCamel($0, fallback: "property") })
            for override in renamed.values { propertyNames.reserve(override.swiftName) }
        }
        for (name, part) in shape.undeclared {
            let type =
                if case .schema = part.additionalProperties { "its `additionalProperties` type" } else {
                    "any JSON value"
                }
            warnings.append(
                Diagnostic(
                    .warning,
                    "'\(name)' is required but not declared in `properties`: generated as a required property of \(type)",
                    at: part.location))
        }
        for property in shape.properties {
            let swiftName =
                renamed[property.name]?.swiftName
                ?? propertyNames.claim(SwiftNaming.lowerCamel(property.name, fallback: "property"))
            var type = usage(
                for: property.schema, suggestedName: Self.nestedTypeName(property.name),
                in: path, nested: &nested, scope: &nestedNames)
            // A property only one direction carries is optional: requests leave out
            // `readOnly` ones, responses `writeOnly` ones.
            let oneWay = property.schema.readOnly || property.schema.writeOnly
            if !shape.required.contains(property.name) || oneWay { type = type.asOptional }
            var docs = Self.documentation(property.schema)
            if property.schema.readOnly { docs.lines += ["", "Read-only: set by the server, not sent in requests."] }
            if property.schema.writeOnly { docs.lines += ["", "Write-only: sent in requests, not returned."] }
            if property.schema.deprecated { docs.lines += ["", "- Warning: Deprecated."] }
            properties.append(
                PropertyDeclaration(
                    name: swiftName, key: property.name, type: type, documentation: docs,
                    isDeprecated: property.schema.deprecated,
                    defaultValue: defaultValue(property.schema, type: type, nested: nested)))
        }
        return StructDeclaration(
            name: name, documentation: documentation, isDeprecated: schema.deprecated, properties: properties,
            nestedTypes: nested)
    }

    /// The spec's `default` as an initialiser default, when it is a scalar of the
    /// property's type (or a case of its inline enum); nil otherwise.
    private func defaultValue(_ schema: Schema, type: TypeUsage, nested: [Declaration]) -> PropertyDeclaration
        .DefaultValue?
    {
        guard let scalar = schema.defaultValue?.scalar, !scalar.isNull else { return nil }
        var base = type
        if case .optional(let inner) = base { base = inner }
        guard case .named(let name) = base else { return nil }
        switch name {
        case .string where scalar.boolValue == nil: return .string(scalar.value)
        case .int, .int64, .int32: return scalar.intValue.map { .integer($0) }
        case .double, .float: return scalar.doubleValue.map { .number($0) }
        case .bool: return scalar.boolValue.map { .bool($0) }
        default:
            guard name.module == nil, let last = name.path.last else { return nil }
            for case .enumeration(let enumeration) in nested where enumeration.name == last {
                let match = enumeration.cases.first { item in
                    switch item.rawValue {
                    case .string(let text): text == scalar.value
                    case .integer(let number): scalar.intValue == number
                    }
                }
                return match.map { .enumCase($0.name) }
            }
            return nil
        }
    }

    /// The name of a type nested for property `name`: UpperCamelCase, with `Value` added
    /// to names a nested type cannot have (`type` -> `TypeValue`).
    static func nestedTypeName(_ name: String) -> String {
        let base = SwiftNaming.upperCamel(name, fallback: "Property")
        return ["Type", "Protocol", "Self"].contains(base) ? base + "Value" : base
    }

    // MARK: Enums

    func enumDeclaration(named name: String, for schema: Schema) -> EnumDeclaration? {
        // `const` is an enum of one value.
        guard let values = schema.enumValues ?? schema.constValue.map({ [$0] }), !values.isEmpty else { return nil }
        var raw: [EnumDeclaration.RawValue] = []
        let rawType: TypeName
        if values.allSatisfy({ if case .string = $0 { true } else { false } }) {
            rawType = .string
        } else if values.allSatisfy({ if case .integer = $0 { true } else { false } }) {
            rawType = .int
        } else {
            return nil
        }
        var seen: Set<EnumDeclaration.RawValue> = []
        var docs: [EnumDeclaration.RawValue: Documentation] = [:]
        for (index, value) in values.enumerated() {
            let rawValue: EnumDeclaration.RawValue
            switch value {
            case .string(let text): rawValue = .string(text)
            case .integer(let number): rawValue = .integer(number)
            default: continue
            }
            if seen.insert(rawValue).inserted {
                raw.append(rawValue)
                if let documentation = schema.enumDocumentation, index < documentation.count,
                    let text = documentation[index]
                {
                    docs[rawValue] = Documentation(text: text)
                }
            }
        }
        var caseNames = NameScope(reserved: Self.reservedEnumCaseNames, capacity: raw.count)
        let cases = raw.map { rawValue -> EnumDeclaration.Case in
            let base: String
            switch rawValue {
            // `+` is a word, so `Etc/GMT+0` and `Etc/GMT-0` stay apart: `etcGMTPlus0`, `etcGMT0`.
            case .string(let text):
                let words =
                    text.utf8.contains(UInt8(ascii: "+")) ? text.replacingOccurrences(of: "+", with: " plus ") : text
                base = text.isEmpty ? "empty" : SwiftNaming.lowerCamel(words, fallback: "value")
            case .integer(let number): base = number < 0 ? "minus\(number.magnitude)" : "_\(number)"
            }
            return EnumDeclaration.Case(
                name: caseNames.claim(base), rawValue: rawValue, documentation: docs[rawValue] ?? Documentation([]))
        }
        return EnumDeclaration(
            name: name, documentation: Self.documentation(schema), isDeprecated: schema.deprecated,
            rawType: rawType, cases: cases, unknownCaseName: "unknown")
    }

    // MARK: oneOf and anyOf

    /// The alternatives of a `oneOf` / `anyOf` schema other than `null`, and whether `null`
    /// is one of them; nil for other schemas. A schema with properties of its own is an
    /// object, not a choice.
    func composite(_ schema: Schema) -> (alternatives: [Schema], hasNull: Bool)? {
        if schema.types.count > 1, schema.oneOf.isEmpty, schema.anyOf.isEmpty, schema.enumValues == nil {
            // 3.1's `type: [string, integer]` is a choice of one schema per type.
            let alternatives = schema.types.map { type in
                Schema(
                    location: schema.location, types: [type], format: schema.format,
                    properties: type == .object ? schema.properties : [],
                    required: type == .object ? schema.required : [],
                    additionalProperties: type == .object ? schema.additionalProperties : nil,
                    items: type == .array ? schema.items : nil,
                    contentMediaType: type == .string ? schema.contentMediaType : nil,
                    contentEncoding: type == .string ? schema.contentEncoding : nil)
            }
            return (alternatives, schema.isNullable)
        }
        let all = schema.oneOf.isEmpty ? schema.anyOf : schema.oneOf
        guard !all.isEmpty, schema.properties.isEmpty, schema.allOf.isEmpty, schema.enumValues == nil else {
            return nil
        }
        let nonNull = all.filter { !Self.isNullOnly($0) }
        return (nonNull, nonNull.count < all.count || schema.isNullable)
    }

    /// `{type: 'null'}` and its spellings: a schema that only allows `null`.
    static func isNullOnly(_ schema: Schema) -> Bool {
        schema.reference == nil && schema.types.isEmpty && schema.isNullable && schema.properties.isEmpty
            && schema.oneOf.isEmpty && schema.anyOf.isEmpty && schema.allOf.isEmpty
    }

    /// Whether uses of `schema` (a component, say) are optional: `nullable`, or `null` among
    /// its alternatives.
    func isNullable(_ schema: Schema) -> Bool {
        schema.isNullable || (composite(schema)?.hasNull ?? false)
    }

    mutating func oneOfDeclaration(
        named name: String, path: [String], for schema: Schema, alternatives: [Schema]
    ) -> OneOfDeclaration {
        var nested: [Declaration] = []
        var nestedNames = NameScope(reserved: [name])
        var caseNames = NameScope(reserved: Self.reservedChoiceCaseNames, capacity: alternatives.count)
        var cases: [OneOfDeclaration.Case] = []
        var everyCaseMapped = schema.discriminator != nil
        for (index, alternative) in alternatives.enumerated() {
            let suggested = alternative.title.map { Self.nestedTypeName($0) } ?? "Variant\(index + 1)"
            var type = usage(for: alternative, suggestedName: suggested, in: path, nested: &nested, scope: &nestedNames)
            // `null` is a choice of the enum's users (`Choice?`), not a case.
            if case .optional(let inner) = type { type = inner }
            // The same Swift type twice (two string formats, say): the first always wins.
            if cases.contains(where: { $0.type == type }) { continue }
            var values: [String] = []
            if let discriminator = schema.discriminator, let reference = alternative.reference,
                let resolved = try? document.resolveSchema(reference)
            {
                values = discriminator.mapping
                    .filter { $0.target == reference.target || $0.target == resolved.name }
                    .map(\.value)
                if values.isEmpty { values = [resolved.name] }
            }
            if values.isEmpty { everyCaseMapped = false }
            cases.append(
                OneOfDeclaration.Case(
                    name: caseNames.claim(Self.caseName(for: type)), type: type, discriminatorValues: values))
        }
        if !everyCaseMapped {
            cases = cases.map { OneOfDeclaration.Case(name: $0.name, type: $0.type) }
        }
        var documentation = Self.documentation(schema)
        if schema.discriminator == nil || !everyCaseMapped {
            let note =
                schema.oneOf.isEmpty
                ? [
                    "Decoding tries every case (`anyOf`) and keeps the one the value fits best: fewest",
                    "unknown enum or const values, dropped members and values of another kind when encoded",
                    "back; among equals, the first listed.",
                ]
                : [
                    "Decoding tries every case (`oneOf`) and keeps the one the value fits best: fewest",
                    "unknown enum or const values, dropped members and values of another kind when encoded",
                    "back. Equals that encode back alike (they differ only in checks the SDK does not make)",
                    "take the first listed; equals that keep different parts of the value are ambiguous,",
                    "and decoding fails rather than guess.",
                ]
            documentation.lines += documentation.isEmpty ? note : [""] + note
        }
        let discriminatorProperty = everyCaseMapped ? schema.discriminator?.propertyName : nil
        return OneOfDeclaration(
            name: name, documentation: documentation, isDeprecated: schema.deprecated, cases: cases,
            discriminatorProperty: discriminatorProperty,
            unknownCaseName: discriminatorProperty == nil ? nil : caseNames.claim("unknown"), nestedTypes: nested,
            isExclusive: !schema.oneOf.isEmpty)
    }

    /// A case name from the case's type: `Cat` -> `cat`, `[String]` -> `stringArray`.
    static func caseName(for type: TypeUsage) -> String {
        switch type {
        case .named(let name): SwiftNaming.lowerCamel(name.path.last ?? "value", fallback: "value")
        case .optional(let inner): caseName(for: inner)
        case .array(let inner): caseName(for: inner) + "Array"
        case .dictionary(let inner): caseName(for: inner) + "Dictionary"
        }
    }

    // MARK: Usages

    /// The Swift type for `schema` where it is used. Inline objects and enums become types
    /// appended to `nested`, named after `suggestedName` and unique in `scope`, nested in
    /// the type at `container` (empty for the top level).
    mutating func usage(
        for schema: Schema, suggestedName: String, in container: [String], nested: inout [Declaration],
        scope: inout NameScope
    ) -> TypeUsage {
        declare(assignment(for: schema, suggestedName: suggestedName), in: container, nested: &nested, scope: &scope)
    }

    /// The type an ``TypeAssignment`` stands for, declaring the inline type it needs (if
    /// any) in `nested`, named after its suggested name and unique in `scope`, nested in the
    /// type at `container`.
    mutating func declare(
        _ assignment: TypeAssignment, in container: [String], nested: inout [Declaration], scope: inout NameScope
    ) -> TypeUsage {
        assignment.usage { inline in
            let name = scope.claim(inline.suggestedName)
            let path = container + [name]
            nested.append(declaration(for: inline, named: name, path: path))
            return TypeName(module: nil, path: path)
        }
    }

    /// The declaration of an inline type, named `name`, at `path`.
    private mutating func declaration(for inline: InlineType, named name: String, path: [String]) -> Declaration {
        switch inline.shape {
        case .choice(let alternatives):
            return .oneOf(oneOfDeclaration(named: name, path: path, for: inline.schema, alternatives: alternatives))
        case .enumeration(var enumeration):
            enumeration.name = name
            return .enumeration(enumeration)
        case .structure(let shape):
            return .structure(
                structDeclaration(
                    named: name, path: path, shape, documentation: Self.documentation(inline.schema),
                    schema: inline.schema))
        }
    }

    /// The type for a schema an operation uses (a body, a parameter, a stream's items),
    /// declared at the top level: an inline object, enumeration or choice becomes a
    /// top-level type named `name` (unique in the module), and so does an inline type
    /// inside an array; references and primitives are used as they are. The declarations
    /// are taken with ``takeLiftedDeclarations()``.
    mutating func topLevelUsage(for schema: Schema, named name: String) -> TypeUsage {
        if schema.reference == nil, declaresOwnType(schema) {
            let claimed = topLevelNames.claim(name)
            let lifted = takeLiftedDeclarations()
            let declaration = declaration(named: claimed, for: schema)
            liftedDeclarations = lifted + [declaration] + liftedDeclarations
            let type = TypeUsage.named(TypeName(module: nil, path: [claimed]))
            return isNullable(schema) ? .optional(type) : type
        }
        return topLevelUsageOfAlias(schema, named: name)
    }

    /// The type for `schema` at the top level, its inline type (if any) declared there,
    /// named after `name` and unique in the module.
    private mutating func topLevelUsageOfAlias(_ schema: Schema, named name: String) -> TypeUsage {
        var nested: [Declaration] = []
        var scope = topLevelNames
        let type = usage(for: schema, suggestedName: name, in: [], nested: &nested, scope: &scope)
        topLevelNames = scope
        liftedDeclarations += nested
        return type
    }

    /// Whether an inline schema an operation uses declares a type of its own rather than
    /// naming one: an object with properties, an enumeration (or `const`), a choice of
    /// several types.
    private func declaresOwnType(_ schema: Schema) -> Bool {
        objectShape(schema) != nil || (schema.enumValues.map { !$0.isEmpty } ?? false) || schema.constValue != nil
            || isChoice(schema)
    }

    /// Whether `schema` is a choice (`oneOf`, `anyOf`, several `type`s) of more than one
    /// type other than `null`.
    func isChoice(_ schema: Schema) -> Bool {
        (composite(schema)?.alternatives.count ?? 0) > 1
    }

    /// Whether `schema`, or the schema it refers to, is an object with properties (a
    /// generated struct) or a choice that may be one.
    func isObjectOrChoice(_ schema: Schema) -> Bool {
        let schema = document.followingReference(schema)
        return objectShape(schema) != nil || isChoice(schema)
    }

    /// Which Swift type `schema` is where it is used, decided without naming or declaring
    /// anything: see ``TypeAssignment``. `suggestedName` is the name an inline type would
    /// take (an array's items take its singular, a dictionary's values `…Value`).
    func assignment(for schema: Schema, suggestedName: String) -> TypeAssignment {
        let type = nonNullAssignment(for: schema, suggestedName: suggestedName)
        return schema.isNullable ? type.asOptional : type
    }

    private func nonNullAssignment(for schema: Schema, suggestedName: String) -> TypeAssignment {
        if let reference = schema.reference {
            guard let resolved = try? document.resolveSchema(reference) else {
                return .existing(.named(RuntimeNames.jsonValue))  // the validator has reported it
            }
            let type: TypeAssignment
            if let replacement = overrides.type(forSchema: resolved.name) {
                type = .existing(.named(replacement))
            } else if let name = componentTypeNames[resolved.name] {
                type = .existing(.named(.local(name)))
            } else {
                return .existing(.named(RuntimeNames.jsonValue))
            }
            return isNullable(resolved.schema) ? type.asOptional : type
        }
        if schema.allOf.count == 1, schema.properties.isEmpty {
            return assignment(for: schema.allOf[0], suggestedName: suggestedName)
        }
        if let (alternatives, hasNull) = composite(schema) {
            let type: TypeAssignment
            if alternatives.isEmpty {
                type = .existing(.named(RuntimeNames.jsonValue))
            } else if alternatives.count == 1 {
                type = assignment(for: alternatives[0], suggestedName: suggestedName)
            } else {
                type = .inline(InlineType(shape: .choice(alternatives), schema: schema, suggestedName: suggestedName))
            }
            return hasNull ? type.asOptional : type
        }
        if let enumeration = enumDeclaration(named: suggestedName, for: schema) {
            return .inline(InlineType(shape: .enumeration(enumeration), schema: schema, suggestedName: suggestedName))
        }
        if let shape = objectShape(schema) {
            return .inline(InlineType(shape: .structure(shape), schema: schema, suggestedName: suggestedName))
        }
        let type = schema.singleType ?? (schema.items != nil ? .array : Self.contentType(schema))
        switch type {
        case .string?:
            switch schema.format {
            case "date-time": return .existing(.named(.date))
            case "date": return .existing(.named(RuntimeNames.calendarDate))
            case "uuid": return .existing(.named(.uuid))
            case "byte", "binary": return .existing(.named(.data))
            default: return .existing(.named(Self.holdsBytes(schema) ? .data : .string))
            }
        case .integer?:
            switch schema.format {
            case "int32": return .existing(.named(.int32))
            case "int64": return .existing(.named(.int64))
            default: return .existing(.named(.int))
            }
        case .number?:
            return .existing(.named(schema.format == "float" ? .float : .double))
        case .boolean?:
            return .existing(.named(.bool))
        case .array?:
            guard let items = schema.items else { return .array(.existing(.named(RuntimeNames.jsonValue))) }
            return .array(assignment(for: items, suggestedName: SwiftNaming.singular(suggestedName)))
        case .object?:
            if case .schema(let values)? = schema.additionalProperties {
                return .dictionary(assignment(for: values, suggestedName: suggestedName + "Value"))
            }
            return .existing(.named(RuntimeNames.jsonValue))
        case .null?, nil:
            return .existing(.named(RuntimeNames.jsonValue))
        }
    }

    static func documentation(_ schema: Schema) -> Documentation {
        var lines: [String] = []
        if let text = schema.description ?? schema.title, !text.isEmpty { lines = Documentation(text: text).lines }
        if let example = ExampleValues.value(schema.example) {
            let json = ExampleValues.json(example)
            if json.count == 1, json[0].count <= 72, !json[0].contains("`") {
                lines += (lines.isEmpty ? [] : [""]) + ["Example: `\(json[0])`"]
            } else if !json.contains(where: { $0.contains("```") }) {
                lines += (lines.isEmpty ? [] : [""]) + ["Example:", "```json"] + json + ["```"]
            }
        }
        return Documentation(lines)
    }
}
