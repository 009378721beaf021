import Foundation
import OpenAPIGenCore
import XCTest

/// `OutputFiles` is the one list of output names: the build plugin compiles the same file.
/// The generator must write exactly those names, and the plugin's line-by-line reading of
/// `files:` must agree with the configuration parser wherever a line holds the key.
final class OutputFilesTests: XCTestCase {
    private let spec = """
        openapi: 3.1.0
        info: {title: Shop API, version: '1'}
        paths:
          /pets:
            get:
              operationId: listPets
              responses:
                '200':
                  description: OK
                  content: {application/json: {schema: {$ref: '#/components/schemas/Pet'}}}
        components:
          schemas:
            Pet: {type: object, properties: {name: {type: string}}}
        """

    /// The benchmark's stage timer sees every stage once, in order, and changes nothing.
    func testStageDoneIsCalledForEachStageInOrder() throws {
        let configuration = GeneratorConfiguration(moduleName: "Shop", specDisplayName: "api.yaml")
        var stages: [GenerationStage] = []
        let observed = try Generator.generate(Array(spec.utf8), file: "api.yaml", configuration: configuration) {
            stages.append($0)
        }
        XCTAssertEqual(stages, GenerationStage.allCases)
        XCTAssertEqual(stages.map(\.rawValue), ["parse", "translate", "render"])
        let plain = try Generator.generate(Array(spec.utf8), file: "api.yaml", configuration: configuration)
        XCTAssertEqual(observed.files, plain.files)
    }

    func testTheGeneratorWritesTheNamesOutputFilesLists() throws {
        var counts = Array(1...6)
        counts.append(GeneratorConfiguration.maxFileCount)
        for fileCount in counts {
            for (emitTypes, emitClient) in [(true, true), (true, false), (false, true), (false, false)] {
                let configuration = GeneratorConfiguration(
                    moduleName: "Shop", specDisplayName: "api.yaml", emitTypes: emitTypes, emitClient: emitClient,
                    fileCount: fileCount)
                let result = try Generator.generate(Array(spec.utf8), file: "api.yaml", configuration: configuration)
                XCTAssertEqual(result.files.map(\.name), configuration.outputFileNames, "files: \(fileCount)")
                XCTAssertEqual(configuration.outputFileNames, OutputFiles.names(fileCount: fileCount))
            }
        }
        XCTAssertEqual(OutputFiles.names(fileCount: 1), ["Types.swift", "Client.swift"])
        XCTAssertEqual(OutputFiles.names(fileCount: 3), ["Part1.swift", "Part2.swift", "Part3.swift"])
        XCTAssertEqual(GeneratorConfiguration(moduleName: "M", specDisplayName: "s", fileCount: 500).fileCount, 64)
    }

    /// The plugin compiles Core's file itself (a symbolic link), not a copy that could drift.
    func testThePluginCompilesCoresOutputFiles() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let plugin = root.appendingPathComponent("Plugins/OpenAPIGenPlugin/OutputFiles.swift")
        let core = root.appendingPathComponent("Sources/OpenAPIGenCore/OutputFiles.swift")
        let destination = try FileManager.default.destinationOfSymbolicLink(atPath: plugin.path)
        XCTAssertEqual(
            URL(fileURLWithPath: destination, relativeTo: plugin.deletingLastPathComponent()).standardizedFileURL.path,
            core.standardizedFileURL.path)
        let lines = try String(contentsOf: core, encoding: .utf8).split(separator: "\n")
        XCTAssertFalse(lines.contains { $0.hasPrefix("import ") }, "the plugin cannot import Core's modules")
    }

    func testThePluginsReadingOfFilesAgreesWithTheParser() throws {
        let texts = [
            "module: M\n",
            "access: public\n",
            "files: 2\n",
            "files: 8 # split for parallel builds\n",
            "files:   3   \n",
            "files: '4'\n",
            "files: \"5\"\n",
            "access: internal\r\nfiles: 6\r\n",
            "# files: 9\nfiles: 2\n",
            "idempotencyKey:\n  operations: [a]\nfiles: 7\nmodule: M\n",
        ]
        for text in texts {
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("files-\(UUID().uuidString).yaml")
            try text.write(to: file, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(at: file) }
            let parsed = try ConfigurationFile.load(path: file.path).files
            XCTAssertEqual(OutputFiles.fileCount(configurationText: text), parsed, text)
        }
        // Where the line reading cannot see the key, the generator's --expected-file-count
        // check reports the difference (see CommandLineTests).
        XCTAssertEqual(OutputFiles.fileCount(configurationText: "{files: 2}\n"), nil)
    }

    func testWithoutACountTheSpecFileSizeSetsIt() {
        let kib = 1024
        let expected = [
            (0, 1), (1, 1), (512 * kib, 1), (512 * kib + 1, 2), (900 * kib, 2), (1800 * kib, 4),
            (4_172_204, 8), (8 * 1024 * kib, 16), (8 * 1024 * kib + 1, 16), (200 * 1024 * kib, 16),
        ]
        for (bytes, count) in expected {
            XCTAssertEqual(OutputFiles.automaticFileCount(specByteCount: bytes), count, "\(bytes) bytes")
        }
        XCTAssertEqual(
            OutputFiles.names(fileCount: OutputFiles.automaticFileCount(specByteCount: 100)),
            ["Types.swift", "Client.swift"])
    }
}
