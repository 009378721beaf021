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
/// How large and how deeply nested an input may be.
public typealias YAMLLimits = OpenAPIGenYAML.YAMLLimits

/// What a generation run needs beyond the spec: the pipeline's configuration. Each stage
/// gets the part it reads (the translator which files and operations, the renderer the
/// module name and access level); tools that generate need only this module.
public struct GeneratorConfiguration: Sendable, Hashable {
    /// The Swift module the generated files form, e.g. `CalendlyAPI`.
    public var moduleName: String
    /// The client type's name; derived from `info.title` when nil (`Calendly API` ->
    /// `CalendlyClient`).
    public var clientName: String?
    public var accessLevel: AccessLevel
    /// How the spec is named in the generated files' headers (a relative path, so output
    /// does not depend on where the generator ran).
    public var specDisplayName: String
    /// The command that regenerates the files, quoted in their headers.
    public var regenerateCommand: String
    /// Whether `Types.swift` and `Client.swift` get declarations; a file left out still
    /// exists (its header says why), so build systems always find the same outputs.
    public var emitTypes: Bool
    public var emitClient: Bool
    /// When either is set, only operations with one of these tags or operationIds.
    public var includeTags: [String]?
    public var includeOperations: [String]?
    /// How many files the SDK is split into (see ``OutputFiles``), from 1 to
    /// ``maxFileCount``.
    public var fileCount: Int
    /// Operations that accept an idempotency key although their spec declares no
    /// `Idempotency-Key` header parameter (those that declare one always do).
    public var idempotencyKey: IdempotencyKeyConfiguration?
    /// Swift names in place of derived ones, and Swift types in place of component schemas.
    public var nameOverrides: [NameOverride] = []
    public var typeOverrides: [TypeOverride] = []
    /// The data of the server-sent event that ends every `text/event-stream` response (the
    /// configuration file's `streamTerminator`, OpenAI's `[DONE]`); nil: streams end with the body.
    public var streamTerminator: String?
    /// Operations the configuration's `pagination` declares paged.
    public var pagination: [ConfiguredPagination] = []

    public static let maxFileCount = OutputFiles.maxFileCount

    public init(
        moduleName: String, clientName: String? = nil, accessLevel: AccessLevel = .public,
        specDisplayName: String, regenerateCommand: String = "swift run openapi-gen", emitTypes: Bool = true,
        emitClient: Bool = true, includeTags: [String]? = nil, includeOperations: [String]? = nil,
        fileCount: Int = 1, idempotencyKey: IdempotencyKeyConfiguration? = nil
    ) {
        self.moduleName = moduleName
        self.clientName = clientName
        self.accessLevel = accessLevel
        self.specDisplayName = specDisplayName
        self.regenerateCommand = regenerateCommand
        self.emitTypes = emitTypes
        self.emitClient = emitClient
        self.includeTags = includeTags
        self.includeOperations = includeOperations
        self.fileCount = min(max(fileCount, 1), Self.maxFileCount)
        self.idempotencyKey = idempotencyKey
    }

    /// The names of the files a run with this configuration writes, whatever the spec holds.
    public var outputFileNames: [String] { OutputFiles.names(fileCount: fileCount) }

    /// The part of the configuration the translator reads.
    var translatorConfiguration: TranslatorConfiguration {
        // `moduleName` and `accessLevel` are the renderer's; the translator's configuration
        // still has them (its initialiser requires a module name), so they are passed on.
        var configuration = TranslatorConfiguration(
            moduleName: moduleName, clientName: clientName, accessLevel: accessLevel,
            specDisplayName: specDisplayName, regenerateCommand: regenerateCommand, emitTypes: emitTypes,
            emitClient: emitClient, includeTags: includeTags, includeOperations: includeOperations,
            fileCount: fileCount)
        configuration.idempotencyKey = idempotencyKey
        configuration.nameOverrides = nameOverrides
        configuration.typeOverrides = typeOverrides
        configuration.streamTerminator = streamTerminator
        configuration.pagination = pagination
        return configuration
    }
}
