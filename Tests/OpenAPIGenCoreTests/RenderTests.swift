import OpenAPIGenDiagnostics
import OpenAPIGenModel
import OpenAPIGenRenderer
import OpenAPIGenTranslator
import XCTest

@testable import OpenAPIGenCore

/// The generator lowers and prints piece by piece on every core; the text must be what
/// lowering every file and then printing every file gives, byte for byte.
final class RenderTests: XCTestCase {
    /// 240 schemas and 60 operations in 3 files: every file is cut into many pieces, and
    /// the client (the largest piece, taken first) sits in the middle of the first.
    private var spec: String {
        var lines = ["openapi: 3.1.0", "info: {title: Big API, version: '1'}", "paths:"]
        for index in 0..<60 {
            lines += [
                "  /things\(index)/{id}:", "    get:", "      operationId: getThing\(index)",
                "      parameters: [{name: id, in: path, required: true, schema: {type: string}}]",
                "      responses:", "        '200':", "          description: OK",
                "          content: {application/json: {schema: {$ref: '#/components/schemas/Thing\(index)'}}}",
            ]
        }
        lines += ["components:", "  schemas:"]
        for index in 0..<240 {
            lines.append(
                "    Thing\(index): {type: object, required: [id], properties: {id: {type: string}, "
                    + "count: {type: integer}, kind: {type: string, enum: [a\(index), b]}}}")
        }
        return lines.joined(separator: "\n")
    }

    func testPiecesOnEveryCoreGiveTheTextOfWholeFiles() throws {
        let configuration = GeneratorConfiguration(moduleName: "Big", specDisplayName: "big.yaml", fileCount: 3)
        let diagnostics = DiagnosticCollector()
        let document = try DocumentParser.parse(Array(spec.utf8), file: "big.yaml", diagnostics: diagnostics)
        let files = try Translator(configuration: configuration.translation).translate(
            document, diagnostics: diagnostics
        ).files
        XCTAssertEqual(files.count, 3)
        XCTAssertGreaterThan(files.map(\.declarations.count).min() ?? 0, 64, "each file is cut into pieces")
        let lowering = SyntaxLowering(moduleName: "Big")
        let whole = SwiftPrinter.print(lowering.lower(files))
        let pieces = Generator.render(files, lowering: lowering)
        XCTAssertEqual(pieces.map(\.name), whole.map(\.name))
        for (piece, file) in zip(pieces, whole) {
            XCTAssertEqual(piece.contents, file.contents, piece.name)
        }
        let generated = try Generator.generate(Array(spec.utf8), file: "big.yaml", configuration: configuration)
        XCTAssertEqual(generated.files, whole)
        // Left to the process's exit (as the CLI leaves them), the pieces give the same text.
        let leftToExit = try Generator.generate(
            Array(spec.utf8), file: "big.yaml", configuration: configuration, teardown: .leaveToExit)
        XCTAssertEqual(leftToExit.files, whole)
        XCTAssertEqual(leftToExit.warnings, generated.warnings)
    }
}
