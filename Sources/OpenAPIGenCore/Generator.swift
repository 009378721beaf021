import Foundation
import OpenAPIGenDiagnostics
import OpenAPIGenModel
import OpenAPIGenRenderer
import OpenAPIGenTranslator
import OpenAPIGenYAML

/// What one generation run produced.
public struct GenerationResult: Sendable {
    public var files: [RenderedFile]
    /// The warnings of every stage, in the order they were given.
    public var warnings: [Diagnostic]
}

/// The whole pipeline: bytes -> YAML nodes -> OpenAPI document -> Swift declarations ->
/// source text. Each stage is its own module; this only connects them, passing each the
/// part of the configuration it reads and one collector for their warnings.
public enum Generator {
    /// Generates from a spec's bytes. `file` names the spec in diagnostics.
    public static func generate(
        _ bytes: [UInt8], file: String, configuration: GeneratorConfiguration, limits: YAMLLimits = .default
    ) throws -> GenerationResult {
        let diagnostics = DiagnosticCollector()
        let document = try DocumentParser.parse(bytes, file: file, limits: limits, diagnostics: diagnostics)
        let translation: Translation
        do {
            translation = try Translator(configuration: configuration.translation)
                .translate(document, diagnostics: diagnostics)
        } catch let errors as DiagnosticList {
            // The warnings given before the errors are reported with them.
            throw DiagnosticList(diagnostics.diagnostics + errors.diagnostics)
        }
        let syntax = SyntaxLowering(
            moduleName: configuration.moduleName, accessLevel: configuration.accessLevel,
            conformances: configuration.modelConformances
        )
        .lower(translation.files)
        let files = SwiftPrinter.print(syntax)
        return GenerationResult(files: files, warnings: diagnostics.diagnostics)
    }

    /// Generates from the spec at `path`.
    public static func generate(
        contentsOf path: String, configuration: GeneratorConfiguration, limits: YAMLLimits = .default
    ) throws -> GenerationResult {
        guard let data = FileManager.default.contents(atPath: path) else {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            let reason = !exists ? "no such file" : isDirectory.boolValue ? "it is a directory" : "permission denied"
            throw Diagnostic(.error, "cannot read '\(path)': \(reason)", at: nil)
        }
        if data.count > limits.maxInputBytes {
            throw Diagnostic(
                .error, "the file is \(data.count) bytes, larger than the limit of \(limits.maxInputBytes) bytes",
                at: SourceLocation(file: path, line: 1, column: 1))
        }
        return try generate([UInt8](data), file: path, configuration: configuration, limits: limits)
    }
}
