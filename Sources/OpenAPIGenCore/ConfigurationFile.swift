import Foundation
import OpenAPIGenDiagnostics
import OpenAPIGenYAML

/// `openapi-gen.yaml`: the settings a project keeps beside its spec. Every key is
/// optional; command-line options override them; unknown keys are errors, located.
/// ``Key`` lists the keys; the parser handles each of them and the CLI's help lists them.
///
/// ```yaml
/// module: ShopAPI            # the Swift module name (default: the target's or output's)
/// clientName: ShopClient     # default: from info.title
/// access: public             # public, package or internal
/// emit: [types, client]      # which files to generate
/// tags: [pets]               # only operations with one of these tags…
/// operations: [getPet]       # …or one of these operationIds
/// files: 4                   # split the SDK into Part1.swift…Part4.swift
/// idempotencyKey:            # operations that accept an idempotency key (besides those
///   header: Idempotency-Key  #   whose spec has an Idempotency-Key header parameter);
///   operations: [createPet]  #   header is optional, Idempotency-Key by default
/// nameOverrides:             # Swift names in place of derived ones (see
///   getPet: fetchPet         #   ConfigurationFile+Overrides.swift for the key forms)
/// typeOverrides:             # existing Swift types in place of component schemas
///   Money: MyApp.Money
/// streamTerminator: "[DONE]" # the data of the server-sent event that ends a stream
/// pagination:                # paged operations, as x-speakeasy-pagination declares them
///   listPets: {type: cursor, inputs: [{name: page_token, in: parameters, type: cursor}],
///              outputs: {results: $.items, nextCursor: $.next_page_token}}
/// conformances: [Equatable]  # models Equatable (or Hashable) too (costs build time)
/// ```
public struct ConfigurationFile: Sendable, Equatable {
    public enum Part: String, Sendable, CaseIterable { case types, client }

    /// The keys of the file, in the order the help lists them.
    public enum Key: String, Sendable, CaseIterable {
        case module, clientName, access, emit, tags, operations, files, idempotencyKey
        case nameOverrides, typeOverrides
        case streamTerminator
        case pagination
        case conformances

        /// What the key sets, for the help.
        public var summary: String {
            switch self {
            case .module: "the Swift module name"
            case .clientName: "the client type's name"
            case .access: "public, package or internal"
            case .emit: "which files get declarations: " + Part.allCases.map(\.rawValue).joined(separator: ", ")
            case .tags: "only operations with one of these tags"
            case .operations: "only operations with one of these operationIds"
            case .files: "split the SDK into this many files (1 to \(OutputFiles.maxFileCount))"
            case .idempotencyKey:
                "operations that send an idempotency key (\(ConfigurationFile.idempotencyKeyKeys.joined(separator: ", ")))"
            case .nameOverrides:
                "Swift names for spec names: '#/components/schemas/NAME', '#/components/schemas/NAME/properties/P', operationIds"
            case .typeOverrides:
                "existing Swift types (with the models' conformances) for component schemas: NAME: Module.Type"
            case .streamTerminator: "the data of the server-sent event that ends a stream (OpenAI's [DONE])"
            case .pagination: "paged operations by operationId, each as x-speakeasy-pagination declares it"
            case .conformances:
                "the models' conformances: always "
                    + ModelConformances.always.joined(separator: ", ") + "; add "
                    + ModelConformances.optional.joined(separator: " or ") + " (slower to build)"
            }
        }
    }

    public var module: String?
    public var clientName: String?
    public var access: AccessLevel?
    public var emit: Set<Part>?
    public var tags: [String]?
    public var operations: [String]?
    public var files: Int?
    public var idempotencyKey: IdempotencyKeyConfiguration?
    public var nameOverrides: [NameOverride]?
    public var typeOverrides: [TypeOverride]?
    public var streamTerminator: String?
    public var pagination: [ConfiguredPagination]?
    public var conformances: ModelConformances?

    public init() {}

    public static let keys = Key.allCases.map(\.rawValue)
    /// The keys of `idempotencyKey`.
    public static let idempotencyKeyKeys = ["header", "operations"]

    public static func load(path: String) throws -> ConfigurationFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Diagnostic(.error, "cannot read the configuration file '\(path)'", at: nil)
        }
        let root = try YAMLParser.parse([UInt8](data), file: path)
        func location(_ node: YAMLNode) -> SourceLocation {
            SourceLocation(file: path, line: node.mark.line, column: node.mark.column)
        }
        func string(_ node: YAMLNode, _ key: String) throws -> String {
            guard let scalar = node.scalar, !scalar.isNull, node.kindDescription == "a string" else {
                throw Diagnostic(.error, "'\(key)' must be a string, found \(node.kindDescription)", at: location(node))
            }
            return scalar.value
        }
        func strings(_ node: YAMLNode, _ key: String) throws -> [String] {
            guard let items = node.sequence else {
                throw Diagnostic(
                    .error, "'\(key)' must be a list of strings, found \(node.kindDescription)", at: location(node))
            }
            return try items.map { try string($0, key) }
        }
        guard let pairs = root.mapping else {
            throw Diagnostic(
                .error, "the configuration must be a mapping, found \(root.kindDescription)", at: location(root))
        }
        var configuration = ConfigurationFile()
        for pair in pairs {
            let name = try string(pair.key, "a key")
            guard let key = Key(rawValue: name) else {
                throw Diagnostic(
                    .error, "unknown key '\(name)'; the keys are \(keys.joined(separator: ", "))",
                    at: location(pair.key))
            }
            let value = pair.value
            switch key {
            case .module:
                configuration.module = try string(value, name)
            case .clientName:
                configuration.clientName = try string(value, name)
            case .access:
                let text = try string(value, name)
                guard let access = AccessLevel(rawValue: text) else {
                    throw Diagnostic(
                        .error, "'access' must be public, package or internal, not '\(text)'", at: location(value))
                }
                configuration.access = access
            case .emit:
                var parts: Set<Part> = []
                for item in value.sequence ?? [value] {
                    let text = try string(item, name)
                    guard let part = Part(rawValue: text) else {
                        throw Diagnostic(.error, "'emit' takes types and client, not '\(text)'", at: location(item))
                    }
                    parts.insert(part)
                }
                configuration.emit = parts
            case .tags:
                configuration.tags = try strings(value, name)
            case .operations:
                configuration.operations = try strings(value, name)
            case .files:
                guard let scalar = value.scalar, let count = Int(scalar.value),
                    (1...GeneratorConfiguration.maxFileCount).contains(count)
                else {
                    throw Diagnostic(
                        .error, "'files' must be a whole number from 1 to \(GeneratorConfiguration.maxFileCount)",
                        at: location(value))
                }
                configuration.files = count
            case .streamTerminator:
                let text = try string(value, name)
                // An event's data never holds a line break, and empty data is an ordinary event.
                guard !text.isEmpty, !text.contains(where: { $0 == "\n" || $0 == "\r" }) else {
                    throw Diagnostic(
                        .error,
                        "'streamTerminator' must be the non-empty, one-line data of an event, such as \"[DONE]\"",
                        at: location(value))
                }
                configuration.streamTerminator = text
            case .idempotencyKey:
                guard let entries = value.mapping else {
                    throw Diagnostic(
                        .error,
                        "'idempotencyKey' must be a mapping with 'operations' (and optionally 'header'), found "
                            + value.kindDescription,
                        at: location(value))
                }
                var header = "Idempotency-Key"
                var operations: [String]?
                for entry in entries {
                    let entryName = try string(entry.key, "a key")
                    switch entryName {
                    case "header":
                        header = try string(entry.value, "idempotencyKey.header")
                        guard Self.isToken(header) else {
                            throw Diagnostic(
                                .error, "'idempotencyKey.header' must be a header name, not '\(header)'",
                                at: location(entry.value))
                        }
                    case "operations":
                        operations = try strings(entry.value, "idempotencyKey.operations")
                    default:
                        throw Diagnostic(
                            .error,
                            "unknown key '\(entryName)' in 'idempotencyKey'; its keys are "
                                + idempotencyKeyKeys.joined(separator: ", "),
                            at: location(entry.key))
                    }
                }
                guard let operations else {
                    throw Diagnostic(
                        .error, "'idempotencyKey' needs 'operations', the operationIds that accept the key",
                        at: location(value))
                }
                configuration.idempotencyKey = IdempotencyKeyConfiguration(header: header, operations: operations)
            case .nameOverrides:
                configuration.nameOverrides = try Self.nameOverrides(value, file: path)
            case .typeOverrides:
                configuration.typeOverrides = try Self.typeOverrides(value, file: path)
            case .pagination:
                configuration.pagination = try pagination(value, file: path)
            case .conformances:
                var names: [String] = []
                for item in value.sequence ?? [value] {
                    let text = try string(item, name)
                    guard ModelConformances.accepted.contains(text) else {
                        throw Diagnostic(
                            .error,
                            "'conformances' takes " + ModelConformances.accepted.joined(separator: ", ")
                                + ", not '\(text)'",
                            at: location(item))
                    }
                    names.append(text)
                }
                configuration.conformances = ModelConformances(names: names)
            }
        }
        return configuration
    }

    /// Whether `name` is an RFC 9110 token, as a header's name must be.
    static func isToken(_ name: String) -> Bool {
        let symbols = "!#$%&'*+-.^_`|~".unicodeScalars
        return !name.isEmpty
            && name.unicodeScalars.allSatisfy { scalar in
                scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || symbols.contains(scalar))
            }
    }
}
