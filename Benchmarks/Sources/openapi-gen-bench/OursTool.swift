import Foundation
import OpenAPIGenCore

/// openapi-gen end to end, as `openapi-gen generate SPEC -o OUTPUT` runs it.
enum OursTool {
    static func run(spec: String, outputDirectory: String) throws -> ToolOutcome {
        let start = Clock.seconds()
        // As the CLI does with no configuration file: the module is named after the
        // output directory, the client after info.title, declarations are public.
        // `OPENAPI_GEN_BENCH_FILES=N` splits the SDK as `--files N` does (compile-time.sh
        // --files N sets it); unset, the count is the CLI's default, from the spec's size.
        let specBytes = ((try? FileManager.default.attributesOfItem(atPath: spec))?[.size] as? Int) ?? 0
        let fileCount =
            ProcessInfo.processInfo.environment["OPENAPI_GEN_BENCH_FILES"].flatMap { Int($0) }
            ?? OutputFiles.automaticFileCount(specByteCount: specBytes)
        let configuration = GeneratorConfiguration(
            moduleName: URL(fileURLWithPath: outputDirectory).lastPathComponent,
            specDisplayName: (spec as NSString).lastPathComponent, fileCount: fileCount)
        // Each stage's wall time, and its CPU time (all threads): the ratio says how well a
        // stage that runs on every core uses them.
        var stages: [Phase] = []
        var stageStart = (wall: start, cpu: ProcessMetrics.cpuSeconds())
        // One generation per child process, left to its exit as the CLI's is.
        let result = try Generator.generate(contentsOf: spec, configuration: configuration, teardown: .leaveToExit) {
            stage in
            let now = (wall: Clock.seconds(), cpu: ProcessMetrics.cpuSeconds())
            stages += [
                Phase(name: stage.rawValue, seconds: now.wall - stageStart.wall),
                Phase(name: stage.rawValue + " CPU", seconds: now.cpu - stageStart.cpu),
            ]
            stageStart = now
        }
        let generated = Clock.seconds()
        let directory = OutputDirectory(path: outputDirectory)
        // The CLI computes the changes (with their diffs) to list them before writing;
        // keep that cost in, and show it apart.
        _ = directory.changes(for: result.files)
        let listed = Clock.seconds()
        try directory.write(result.files)
        let written = Clock.seconds()
        return ToolOutcome(
            warnings: result.warnings.count,
            phases: [Phase(name: "generate", seconds: generated - start)] + stages + [
                Phase(name: "list changes", seconds: listed - generated),
                Phase(name: "write", seconds: written - listed),
            ])
    }
}
