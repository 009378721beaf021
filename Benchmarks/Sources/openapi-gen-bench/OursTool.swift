import Foundation
import OpenAPIGenCore
import OpenAPIGenTranslator

/// openapi-gen end to end, as `openapi-gen generate SPEC -o OUTPUT` runs it.
enum OursTool {
    static func run(spec: String, outputDirectory: String) throws -> ToolOutcome {
        let start = Clock.seconds()
        // As the CLI does with no configuration file: the module is named after the
        // output directory, the client after info.title, declarations are public.
        let configuration = TranslatorConfiguration(
            moduleName: URL(fileURLWithPath: outputDirectory).lastPathComponent,
            specDisplayName: (spec as NSString).lastPathComponent)
        let result = try Generator.generate(contentsOf: spec, configuration: configuration)
        let generated = Clock.seconds()
        let directory = OutputDirectory(path: outputDirectory)
        // The CLI computes the changes to list them before writing; keep that cost in.
        _ = directory.changes(for: result.files)
        try directory.write(result.files)
        let written = Clock.seconds()
        return ToolOutcome(
            warnings: result.warnings.count, phases: ["generate": generated - start, "write": written - generated])
    }
}
