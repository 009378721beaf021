import OpenAPIGenCore

/// This package's own job, run by `openapi-gen` with no arguments: the Calendly spec
/// under `spec/` regenerates the checked-in `Generated/CalendlyAPI` SDK. The golden-file
/// test uses the same values, so the test and the command cannot drift apart.
enum DefaultJob {
    static let specPath = "spec/calendly-invitees.yaml"
    static let outputPath = "Generated/CalendlyAPI"

    /// The configuration for a spec and output directory given as paths relative to the
    /// package root.
    static func configuration(specDisplayName: String = specPath, outputPath: String = outputPath)
        -> GeneratorConfiguration
    {
        GeneratorConfiguration(
            moduleName: String(outputPath.split(separator: "/").last ?? "API"), specDisplayName: specDisplayName)
    }
}
