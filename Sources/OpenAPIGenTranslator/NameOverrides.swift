import OpenAPIGenDeclarations
import OpenAPIGenDiagnostics
import OpenAPIGenModel

/// The configuration's `nameOverrides`: Swift names chosen by the user in place of the ones
/// the generator derives from the spec. Each key says exactly what it renames:
///
/// - `#/components/schemas/Pet` – the type generated for the component schema `Pet`;
/// - `#/components/schemas/Pet/properties/pet_id` – the property `pet_id` of that type
///   (including properties the type takes from its `allOf` parts);
/// - any other key is an operationId (`getPet`) – the client method, which also names the
///   types made for the operation (`FetchPetResponse`).
///
/// `location` is where the entry is in `openapi-gen.yaml`, for diagnostics.
public struct NameOverride: Sendable, Hashable {
    public enum Target: Sendable, Hashable {
        case schema(String)
        case property(schema: String, property: String)
        case operation(String)
    }

    public var target: Target
    /// The key as written in the configuration.
    public var key: String
    public var swiftName: String
    public var location: SourceLocation?

    public init(key: String, swiftName: String, location: SourceLocation? = nil) throws {
        self.key = key
        self.swiftName = swiftName
        self.location = location
        self.target = try Self.target(of: key)
    }

    static let schemaPrefix = "#/components/schemas/"

    /// Whether `text` is a Swift identifier the generator can use as a name: ASCII letters,
    /// digits and `_`, not starting with a digit.
    public static func isIdentifier(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, !("0"..."9").contains(first) else { return false }
        return text.unicodeScalars.allSatisfy {
            $0 == "_" || ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
        }
    }

    /// What `key` renames; throws a description of the accepted forms for a `#/` key that is
    /// none of them.
    static func target(of key: String) throws -> Target {
        guard key.hasPrefix("#/") else {
            guard !key.isEmpty else { throw NameOverrideError.emptyKey }
            return .operation(key)
        }
        guard key.hasPrefix(schemaPrefix) else { throw NameOverrideError.unsupportedPointer(key) }
        // The pointer's tokens, unescaped (`~1` is `/`, `~0` is `~`).
        let tokens = key.dropFirst(schemaPrefix.count).split(separator: "/", omittingEmptySubsequences: false).map {
            $0.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
        }
        switch tokens.count {
        case 1 where !tokens[0].isEmpty: return .schema(tokens[0])
        case 3 where !tokens[0].isEmpty && tokens[1] == "properties" && !tokens[2].isEmpty:
            return .property(schema: tokens[0], property: tokens[2])
        default: throw NameOverrideError.unsupportedPointer(key)
        }
    }
}

/// Why a `nameOverrides` key is not accepted.
public enum NameOverrideError: Error, CustomStringConvertible {
    case emptyKey
    case unsupportedPointer(String)

    public var description: String {
        switch self {
        case .emptyKey: "a key of 'nameOverrides' must not be empty"
        case .unsupportedPointer(let key):
            "'\(key)' is not a key 'nameOverrides' takes: it takes '#/components/schemas/NAME', "
                + "'#/components/schemas/NAME/properties/PROPERTY' and operationIds"
        }
    }
}

/// The configuration's `typeOverrides`: a component schema that an existing Swift type
/// stands for. No declaration is generated for the schema; every reference to it uses the
/// type, which must have the generated models' conformances: `Codable` and `Sendable`, and
/// `Equatable` or `Hashable` when the configuration asks for it (see ``ModelConformances``).
public struct TypeOverride: Sendable, Hashable {
    /// The component schema's name (the key may be written `#/components/schemas/Name`).
    public var schema: String
    /// The key as written in the configuration.
    public var key: String
    /// The Swift type's dotted name as written (`Foundation.UUID`, `Money`).
    public var swiftType: String
    public var location: SourceLocation?

    public init(key: String, swiftType: String, location: SourceLocation? = nil) {
        self.key = key
        self.schema =
            key.hasPrefix(NameOverride.schemaPrefix) ? String(key.dropFirst(NameOverride.schemaPrefix.count)) : key
        self.swiftType = swiftType
        self.location = location
    }

    /// Whether `text` is a type name the override accepts: identifiers joined by dots.
    public static func isTypeName(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        return !parts.isEmpty && parts.allSatisfy { NameOverride.isIdentifier(String($0)) }
    }

    /// The type as the declarations name it. Its first component is a module unless the
    /// name is a single identifier or starts with the generated module's name (then it is
    /// a type the user declared in the generated module).
    func typeName(moduleName: String) -> TypeName {
        var parts = swiftType.split(separator: ".").map(String.init)
        if parts.count == 1 { return TypeName(module: nil, path: parts) }
        let module = parts.removeFirst()
        return TypeName(module: module == moduleName ? nil : module, path: parts)
    }

    /// The module to import for the type, if any.
    func importedModule(moduleName: String) -> String? {
        typeName(moduleName: moduleName).module
    }
}

/// The overrides of one translation, looked up by what they rename, and their validation
/// against the document: an entry that renames nothing is a warning, one that makes two
/// declarations share a name is an error.
struct Overrides: Sendable {
    let names: [NameOverride]
    let types: [TypeOverride]
    let moduleName: String

    /// Whether any entry renames a property (so structs need to know their schema).
    let renamesProperties: Bool

    init(names: [NameOverride], types: [TypeOverride], moduleName: String) {
        self.names = names
        self.types = types
        self.moduleName = moduleName
        renamesProperties = names.contains { if case .property = $0.target { true } else { false } }
    }

    func schemaName(_ schema: String) -> NameOverride? {
        names.last { $0.target == .schema(schema) }
    }

    func propertyName(schema: String, property: String) -> NameOverride? {
        names.last { $0.target == .property(schema: schema, property: property) }
    }

    func operationName(_ operationID: String) -> NameOverride? {
        names.last { $0.target == .operation(operationID) }
    }

    /// The Swift type standing for component `schema`, if overridden.
    func type(forSchema schema: String) -> TypeName? {
        types.last { $0.schema == schema }?.typeName(moduleName: moduleName)
    }

    /// Modules the overriding types come from, to import (besides Foundation and the runtime).
    var importedModules: [String] {
        var modules: [String] = []
        for override in types {
            guard let module = override.importedModule(moduleName: moduleName),
                !["Swift", "Foundation", RuntimeNames.module.name].contains(module), !modules.contains(module)
            else { continue }
            modules.append(module)
        }
        return modules
    }

    /// A header line for the generated files, so a reader knows where the overridden
    /// schemas went and what their types must be.
    func headerLines(_ conformances: ModelConformances) -> [String] {
        guard !types.isEmpty else { return [] }
        let list = types.map { "\($0.schema) -> \($0.swiftType)" }.joined(separator: ", ")
        let required = conformances.names
        return [
            "Type overrides (openapi-gen.yaml): \(list). These types are the user's and must be "
                + required.dropLast().joined(separator: ", ") + " and " + required[required.count - 1] + "."
        ]
    }

    /// Entries that rename nothing in `document` (warnings), and name overrides of schemas
    /// that a type override replaces (errors).
    func check(_ document: OpenAPIDocument, objectShape: (Schema) -> TypeTranslator.ObjectShape?) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let schemas = document.components.schemas
        let operationIDs = Set((document.paths.flatMap(\.operations)).compactMap(\.operationID))
        for override in names {
            let what: String?
            switch override.target {
            case .schema(let name):
                what = schemas[name] == nil ? "no component schema '\(name)'" : nil
                if type(forSchema: name) != nil {
                    diagnostics.append(
                        Diagnostic(
                            .error,
                            "'\(override.key)' is renamed and also replaced by a type override; remove one of the two",
                            at: override.location))
                }
            case .property(let schema, let property):
                if let component = schemas[schema] {
                    let shape = objectShape(component)
                    what =
                        shape?.properties.contains(where: { $0.name == property }) == true
                        ? nil : "component schema '\(schema)' generates no property '\(property)'"
                } else {
                    what = "no component schema '\(schema)'"
                }
            case .operation(let id):
                what = operationIDs.contains(id) ? nil : "no operation has the operationId '\(id)'"
            }
            if let what {
                diagnostics.append(
                    Diagnostic(
                        .warning, "nameOverrides '\(override.key)' renames nothing: \(what)", at: override.location))
            }
        }
        for override in types where schemas[override.schema] == nil {
            diagnostics.append(
                Diagnostic(
                    .warning,
                    "typeOverrides '\(override.key)' replaces nothing: no component schema '\(override.schema)'",
                    at: override.location))
        }
        return diagnostics
    }

    static func collision(_ override: NameOverride, with other: String) -> Diagnostic {
        Diagnostic(
            .error, "nameOverrides '\(override.key)' names it '\(override.swiftName)', which \(other) already has",
            at: override.location)
    }
}

/// Finds the renames that make two declarations share a name: a rename to a name another
/// declaration of the same scope takes (by its derived name or by another rename), or to a
/// name the scope reserves. Each is an error at the rename's entry in the configuration.
enum NameOverrideCollisions {
    /// Component schemas `names` (in spec order), some renamed by `overrides`.
    static func components(
        _ names: [String], overrides: Overrides, reserved: Set<String>, naturalName: (String) -> String
    ) -> [Diagnostic] {
        let renamed = Dictionary(names.compactMap { name in overrides.schemaName(name).map { (name, $0) } }) { $1 }
        return check(
            names, renamed: renamed, reserved: reserved, naturalName: naturalName,
            describe: { "the type of component schema '\($0)'" }, reservedDescription: "a type the generated code uses")
    }

    /// Properties `names` of one struct (in order), some renamed.
    static func properties(
        _ names: [String], renamed: [String: NameOverride], reserved: Set<String>, naturalName: (String) -> String
    ) -> [Diagnostic] {
        check(
            names, renamed: renamed, reserved: reserved, naturalName: naturalName,
            describe: { "property '\($0)'" }, reservedDescription: "the struct itself")
    }

    /// Operations by their operationIds (in order), some renamed.
    static func operations(
        _ names: [String], renamed: [String: NameOverride], reserved: Set<String>, naturalName: (String) -> String
    ) -> [Diagnostic] {
        check(
            names, renamed: renamed, reserved: reserved, naturalName: naturalName,
            describe: { "operation '\($0)'" }, reservedDescription: "the client itself")
    }

    private static func check(
        _ names: [String], renamed: [String: NameOverride], reserved: Set<String>, naturalName: (String) -> String,
        describe: (String) -> String, reservedDescription: String
    ) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for name in names {
            guard let override = renamed[name] else { continue }
            if reserved.contains(override.swiftName) {
                diagnostics.append(Overrides.collision(override, with: reservedDescription))
                continue
            }
            let other = names.first { other in
                guard other != name else { return false }
                let otherName = renamed[other]?.swiftName ?? naturalName(other)
                return otherName == override.swiftName
            }
            if let other { diagnostics.append(Overrides.collision(override, with: describe(other))) }
        }
        return diagnostics
    }
}
