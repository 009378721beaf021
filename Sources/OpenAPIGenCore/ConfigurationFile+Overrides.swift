import OpenAPIGenDiagnostics
import OpenAPIGenTranslator
import OpenAPIGenYAML

/// `nameOverrides` and `typeOverrides` of `openapi-gen.yaml`:
///
/// ```yaml
/// nameOverrides:
///   "#/components/schemas/Pet": Animal                     # a component schema's type
///   "#/components/schemas/Pet/properties/pet_id": animalID  # a property of that type
///   getPet: fetchAnimal                                     # an operation, by operationId
/// typeOverrides:
///   Money: MyApp.Money                  # a component schema (or "#/components/schemas/Money")
///   "#/components/schemas/ID": Foundation.UUID
/// ```
extension ConfigurationFile {
    static func nameOverrides(_ value: YAMLNode, file: String) throws -> [NameOverride] {
        let entries = try overrideEntries(value, key: Key.nameOverrides, file: file)
        var overrides: [NameOverride] = []
        for entry in entries {
            let swiftName = try overrideValue(entry.value, for: entry.key, file: file)
            guard NameOverride.isIdentifier(swiftName) else {
                throw Diagnostic(
                    .error,
                    "the Swift name for '\(entry.key)' must be an identifier (letters, digits and '_', not "
                        + "starting with a digit), not '\(swiftName)'",
                    at: location(entry.value, file))
            }
            let override: NameOverride
            do {
                override = try NameOverride(
                    key: entry.key, swiftName: swiftName, location: location(entry.keyNode, file))
            } catch let error as NameOverrideError {
                throw Diagnostic(.error, error.description, at: location(entry.keyNode, file))
            }
            if overrides.contains(where: { $0.target == override.target }) {
                throw Diagnostic(.error, "'\(entry.key)' is renamed twice in 'nameOverrides'", at: override.location)
            }
            overrides.append(override)
        }
        return overrides
    }

    static func typeOverrides(_ value: YAMLNode, file: String) throws -> [TypeOverride] {
        let entries = try overrideEntries(value, key: Key.typeOverrides, file: file)
        var overrides: [TypeOverride] = []
        for entry in entries {
            let swiftType = try overrideValue(entry.value, for: entry.key, file: file)
            guard TypeOverride.isTypeName(swiftType) else {
                throw Diagnostic(
                    .error,
                    "the Swift type for '\(entry.key)' must be a type name: identifiers joined by dots "
                        + "('Foundation.UUID', 'MyApp.Money'), not '\(swiftType)'",
                    at: location(entry.value, file))
            }
            let override = TypeOverride(key: entry.key, swiftType: swiftType, location: location(entry.keyNode, file))
            guard !override.schema.isEmpty, !override.schema.hasPrefix("#"), !override.schema.contains("/") else {
                throw Diagnostic(
                    .error,
                    "'\(entry.key)' is not a key 'typeOverrides' takes: it takes a component schema's name, "
                        + "as 'NAME' or '#/components/schemas/NAME'",
                    at: override.location)
            }
            if overrides.contains(where: { $0.schema == override.schema }) {
                throw Diagnostic(
                    .error, "'\(override.schema)' is replaced twice in 'typeOverrides'", at: override.location)
            }
            overrides.append(override)
        }
        return overrides
    }

    private static func location(_ node: YAMLNode, _ file: String) -> SourceLocation {
        SourceLocation(file: file, line: node.mark.line, column: node.mark.column)
    }

    private static func overrideEntries(
        _ value: YAMLNode, key: Key, file: String
    ) throws -> [(key: String, keyNode: YAMLNode, value: YAMLNode)] {
        guard let pairs = value.mapping else {
            throw Diagnostic(
                .error, "'\(key.rawValue)' must be a mapping, found \(value.kindDescription)", at: location(value, file)
            )
        }
        return try pairs.map { pair in
            guard let scalar = pair.key.scalar, !scalar.isNull, pair.key.kindDescription == "a string" else {
                throw Diagnostic(
                    .error, "a key of '\(key.rawValue)' must be a string, found \(pair.key.kindDescription)",
                    at: location(pair.key, file))
            }
            return (scalar.value, pair.key, pair.value)
        }
    }

    private static func overrideValue(_ node: YAMLNode, for key: String, file: String) throws -> String {
        guard let scalar = node.scalar, !scalar.isNull, node.kindDescription == "a string" else {
            throw Diagnostic(
                .error, "the override of '\(key)' must be a string, found \(node.kindDescription)",
                at: location(node, file))
        }
        return scalar.value
    }
}
