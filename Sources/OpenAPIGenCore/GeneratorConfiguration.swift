import OpenAPIGenDeclarations
import OpenAPIGenTranslator
import OpenAPIGenYAML

/// Access levels the generated declarations can have: `public`, `package` or `internal`.
public typealias AccessLevel = OpenAPIGenDeclarations.AccessLevel
/// Operations that accept an idempotency key (the configuration file's `idempotencyKey`).
public typealias IdempotencyKeyConfiguration = OpenAPIGenTranslator.IdempotencyKeyConfiguration
/// The configuration file's `nameOverrides` and `typeOverrides` entries.
public typealias NameOverride = OpenAPIGenTranslator.NameOverride
public typealias TypeOverride = OpenAPIGenTranslator.TypeOverride
/// The conformances of the generated models (the configuration file's `conformances`).
public typealias ModelConformances = OpenAPIGenTranslator.ModelConformances
/// How large and how deeply nested an input may be.
public typealias YAMLLimits = OpenAPIGenYAML.YAMLLimits

/// What a generation run needs beyond the spec: the pipeline's configuration. Each stage
/// gets the part it reads: the translator ``translation`` (which files, operations and
/// names), the lowering the module name and ``accessLevel``; tools that generate need only
/// this module. The translator's settings read and write through this configuration
/// (`configuration.clientName`), so each is declared once, in `TranslatorConfiguration`.
@dynamicMemberLookup
public struct GeneratorConfiguration: Sendable, Hashable {
    /// What the translator reads, the module name included.
    public var translation: TranslatorConfiguration
    /// The access level of the generated declarations (the lowering's).
    public var accessLevel: AccessLevel

    public static let maxFileCount = OutputFiles.maxFileCount

    public init(
        moduleName: String, clientName: String? = nil, accessLevel: AccessLevel = .public,
        specDisplayName: String, regenerateCommand: String = "swift run openapi-gen", emitTypes: Bool = true,
        emitClient: Bool = true, includeTags: [String]? = nil, includeOperations: [String]? = nil,
        fileCount: Int = 1, idempotencyKey: IdempotencyKeyConfiguration? = nil
    ) {
        translation = TranslatorConfiguration(
            moduleName: moduleName, clientName: clientName, specDisplayName: specDisplayName,
            regenerateCommand: regenerateCommand, emitTypes: emitTypes, emitClient: emitClient,
            includeTags: includeTags, includeOperations: includeOperations,
            fileCount: min(max(fileCount, 1), Self.maxFileCount), idempotencyKey: idempotencyKey)
        self.accessLevel = accessLevel
    }

    /// A setting of the translator's (see `TranslatorConfiguration`).
    public subscript<Value>(dynamicMember keyPath: WritableKeyPath<TranslatorConfiguration, Value>) -> Value {
        get { translation[keyPath: keyPath] }
        set { translation[keyPath: keyPath] = newValue }
    }

    /// The names of the files a run with this configuration writes, whatever the spec holds.
    public var outputFileNames: [String] { OutputFiles.names(fileCount: translation.fileCount) }
}
