import OpenAPIGenDiagnostics
import OpenAPIGenYAML
import XCTest

@testable import OpenAPIGenModel

/// The validator checks runs of schemas and of operations on every core: the errors must
/// be those of checking everything in one run, in the same order (which decides the one
/// error kept for a reference cycle, and the order of errors at one place).
final class DocumentValidatorPiecesTests: XCTestCase {
    /// 300 schemas and 120 operations with errors in many runs: dangling references, a
    /// reference cycle whose members fall in different runs (each member finds it), an
    /// `operationId` repeated across runs, path parameters that do not match.
    private var spec: String {
        var lines = ["openapi: 3.1.0", "info: {title: T, version: '1'}", "paths:"]
        for index in 0..<120 {
            let id = index == 97 ? "op3" : "op\(index)"
            let path = index % 41 == 5 ? "/things\(index)/{id}" : "/things\(index)"
            lines.append("  \(path): {get: {operationId: \(id), responses: {'200': {description: OK}}}}")
        }
        lines += ["components:", "  schemas:"]
        for index in 0..<300 {
            switch index {
            case 7, 151, 298: lines.append("    S\(index): {$ref: '#/components/schemas/Missing\(index)'}")
            case 20: lines.append("    S20: {$ref: '#/components/schemas/S260'}")
            case 260: lines.append("    S260: {$ref: '#/components/schemas/S20'}")
            case 140: lines.append("    S140: {properties: {x: {$ref: '#/components/schemas/S20'}}}")
            default: lines.append("    S\(index): {type: object, properties: {a: {type: string}}}")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func errors(schemasPerPiece: Int, operationsPerPiece: Int) throws -> String {
        let root = try YAMLParser.parse(Array(spec.utf8), file: "spec.yaml")
        let reader = NodeReader(files: ["spec.yaml"], collector: DiagnosticCollector())
        let document = try DocumentReader(reader: reader).document(root)
        do {
            try DocumentValidator(document: document, reader: reader).validate(
                schemasPerPiece: schemasPerPiece, operationsPerPiece: operationsPerPiece)
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    func testPiecesGiveTheErrorsOfOneRun() throws {
        let oneRun = try errors(schemasPerPiece: 1 << 40, operationsPerPiece: 1 << 40)
        // Every kind of error is there, the cycle once for S20/S260 and once through S140.
        XCTAssertEqual(oneRun.components(separatedBy: "points to nothing").count - 1, 3, oneRun)
        XCTAssertEqual(oneRun.components(separatedBy: "reference cycle").count - 1, 2, oneRun)
        XCTAssertEqual(oneRun.components(separatedBy: "operationId 'op3' is used twice").count - 1, 1, oneRun)
        XCTAssertEqual(oneRun.components(separatedBy: "declares no path parameter").count - 1, 3, oneRun)
        for (schemas, operations) in [(1, 1), (7, 5), (64, 32), (100, 13)] {
            XCTAssertEqual(
                try errors(schemasPerPiece: schemas, operationsPerPiece: operations), oneRun,
                "\(schemas) schemas and \(operations) operations a piece")
        }
    }
}
