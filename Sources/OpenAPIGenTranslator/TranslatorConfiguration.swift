import OpenAPIGenDeclarations

/// What the translator reads beyond the document: exactly that, no more (the access level
/// of the generated declarations is the lowering's, in the pipeline's configuration).
public struct TranslatorConfiguration: Sendable, Hashable {
    /// The Swift module the generated files form, e.g. `CalendlyAPI`: a `typeOverrides`
    /// type in this module is one of the SDK's own, not an import.
    public var moduleName: String
    /// The client type's name; derived from `info.title` when nil (`Calendly API` ->
    /// `CalendlyClient`).
    public var clientName: String?
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
    /// How many files the SDK is split into (from 1 to ``maxFileCount``), so a large SDK compiles in parallel: 1 gives
    /// `Types.swift` and `Client.swift`; N gives `Part1.swift`…`PartN.swift`, each with a
    /// similar share of the types and of the operations, whatever the spec holds (the set
    /// of file names depends only on N, so build systems can list them in advance).
    public var fileCount: Int
    /// Operations that accept an idempotency key although their spec declares no
    /// `Idempotency-Key` header parameter (those that declare one always do).
    public var idempotencyKey: IdempotencyKeyConfiguration?
    /// The configuration's `nameOverrides` and `typeOverrides` (see ``NameOverride`` and
    /// ``TypeOverride``).
    public var nameOverrides: [NameOverride] = []
    public var typeOverrides: [TypeOverride] = []
    /// The data of the server-sent event that ends a stream (OpenAI's `[DONE]`), if any.
    public var streamTerminator: String?
    /// Operations declared paged by the configuration's `pagination` (in place of any
    /// `x-speakeasy-pagination` of theirs).
    public var pagination: [ConfiguredPagination] = []
    /// The conformances of the generated models (the configuration's `conformances`).
    public var modelConformances = ModelConformances()

    public static let maxFileCount = 64

    public init(
        moduleName: String, clientName: String? = nil, specDisplayName: String,
        regenerateCommand: String = "swift run openapi-gen", emitTypes: Bool = true, emitClient: Bool = true,
        includeTags: [String]? = nil, includeOperations: [String]? = nil, fileCount: Int = 1,
        idempotencyKey: IdempotencyKeyConfiguration? = nil
    ) {
        self.fileCount = min(max(fileCount, 1), Self.maxFileCount)
        self.moduleName = moduleName
        self.clientName = clientName
        self.specDisplayName = specDisplayName
        self.regenerateCommand = regenerateCommand
        self.emitTypes = emitTypes
        self.emitClient = emitClient
        self.includeTags = includeTags
        self.includeOperations = includeOperations
        self.idempotencyKey = idempotencyKey
    }
}

/// The configuration's `idempotencyKey`: operations that accept an idempotency key in
/// `header`. Their generated methods send a key on every call (the caller's, or a random
/// UUID), the same on each retry, so the client retries them safely whatever their method.
public struct IdempotencyKeyConfiguration: Sendable, Hashable {
    /// The header's name, `Idempotency-Key` unless the API uses another.
    public var header: String
    /// The operationIds of the operations that accept the key.
    public var operations: [String]

    public init(header: String = "Idempotency-Key", operations: [String]) {
        self.header = header
        self.operations = operations
    }
}

/// The conformances of the generated models, structs and enums: always `Codable` and
/// `Sendable`; `Equatable`, or `Hashable` (and so `Equatable`), only when the
/// configuration's `conformances` asks for it. Synthesising `==` for every model is about a
/// tenth of a large SDK's build time and `hash(into:)` about a sixth more (Stripe's, measured
/// in `Benchmarks/RESULTS.md`), so neither is paid for unless a project compares or hashes
/// its models.
public struct ModelConformances: Sendable, Hashable {
    /// How the models compare: not at all, `Equatable`, or `Hashable`.
    public enum Comparison: String, Sendable, Hashable, CaseIterable {
        case none
        case equatable = "Equatable"
        case hashable = "Hashable"
    }

    /// Conformances every model has, whatever the configuration says.
    public static let always = ["Codable", "Sendable"]
    /// Conformances the configuration's `conformances` may add.
    public static let optional = ["Equatable", "Hashable"]
    /// The names `conformances` accepts.
    public static let accepted = always + optional

    /// How the models compare (``Comparison/none`` unless asked for).
    public var comparison: Comparison

    public init(_ comparison: Comparison = .none) { self.comparison = comparison }

    /// The conformances from the names a configuration lists (each one of ``accepted``):
    /// `Hashable` wins over `Equatable`, which it implies.
    public init(names: [String]) {
        self.init(names.contains("Hashable") ? .hashable : names.contains("Equatable") ? .equatable : .none)
    }

    /// Whether the models are `Hashable` (and so `Equatable`).
    public var hashable: Bool { comparison == .hashable }

    /// `Equatable` or `Hashable` when asked for, else nil.
    public var comparisonName: String? { comparison == .none ? nil : comparison.rawValue }

    /// The conformances of a generated model, in the order they are written.
    public var names: [String] { ["Codable"] + uncodedNames }

    /// The conformances of a generated type that is never coded (the webhook enum).
    public var uncodedNames: [String] { (comparisonName.map { [$0] } ?? []) + ["Sendable"] }

    /// The conformances of an enum of values: at least `Equatable`, whatever the
    /// configuration. It compares by raw value through the standard library's `==` for
    /// `RawRepresentable` types, so the conformance adds no generated code to check (unlike a
    /// struct's or a choice's derived `==`), and `status == .active` is what every user of
    /// such an enum writes.
    public var valueEnumNames: [String] {
        var atLeastEquatable = self
        if comparison == .none { atLeastEquatable.comparison = .equatable }
        return atLeastEquatable.names + ["RawRepresentable"]
    }
}
