import OpenAPIGenTranslator

/// This package's own job, run by `openapi-gen` with no arguments: the Calendly spec
/// under `spec/` regenerates the checked-in `Generated/CalendlyAPI` SDK. The golden-file
/// test uses the same values, so the test and the command cannot drift apart.
public enum DefaultJob {
    public static let specPath = "spec/calendly-invitees.yaml"
    public static let outputPath = "Generated/CalendlyAPI"

    /// The translator configuration for a spec and output directory given as paths
    /// relative to the package root.
    public static func configuration(specDisplayName: String = specPath, outputPath: String = outputPath)
        -> TranslatorConfiguration
    {
        TranslatorConfiguration(
            moduleName: String(outputPath.split(separator: "/").last ?? "API"), specDisplayName: specDisplayName)
    }
}
