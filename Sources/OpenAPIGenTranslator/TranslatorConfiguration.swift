import OpenAPIGenDeclarations

/// What the translator needs beyond the document.
public struct TranslatorConfiguration: Sendable, Hashable {
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

    public init(
        moduleName: String, clientName: String? = nil, accessLevel: AccessLevel = .public,
        specDisplayName: String, regenerateCommand: String = "swift run openapi-gen"
    ) {
        self.moduleName = moduleName
        self.clientName = clientName
        self.accessLevel = accessLevel
        self.specDisplayName = specDisplayName
        self.regenerateCommand = regenerateCommand
    }
}
