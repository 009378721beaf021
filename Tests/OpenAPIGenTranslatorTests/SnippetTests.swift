import Foundation
import OpenAPIGenCore
import OpenAPIGenTranslator
import XCTest

/// Snippet tests: each `Snippets/<name>.yaml` (or `.json`) is a small spec for one feature and
/// `Snippets/<name>.swift` the exact Swift it must generate (all files, one after the
/// other). Re-record after an intended change with
/// `OPENAPI_GEN_RECORD=1 swift test --filter SnippetTests`.
final class SnippetTests: XCTestCase {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Snippets")

    static func render(_ specURL: URL) throws -> (String, [String]) {
        let name = specURL.lastPathComponent
        let result = try Generator.generate(
            contentsOf: specURL.path,
            configuration: GeneratorConfiguration(moduleName: "Snippets", specDisplayName: name))
        let text = result.files.map { "// ===== \($0.name) =====\n" + $0.contents }.joined(separator: "\n")
        return (text, result.warnings.map { $0.description.replacingOccurrences(of: specURL.path, with: name) })
    }

    func testEverySnippetGeneratesItsExpectedSwift() throws {
        let specs = try FileManager.default.contentsOfDirectory(at: Self.directory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "yaml" || $0.pathExtension == "json" }.sorted { $0.lastPathComponent < $1.lastPathComponent }
        XCTAssertGreaterThanOrEqual(specs.count, 7, "the snippet corpus went missing")
        let record = ProcessInfo.processInfo.environment["OPENAPI_GEN_RECORD"] == "1"
        for spec in specs {
            let expectedURL = spec.deletingPathExtension().appendingPathExtension("swift")
            let (actual, warnings) = try Self.render(spec)
            let warningsURL = spec.deletingPathExtension().appendingPathExtension("warnings")
            let warningText = warnings.map { $0 + "\n" }.joined()
            if record {
                try actual.write(to: expectedURL, atomically: true, encoding: .utf8)
                if warnings.isEmpty {
                    try? FileManager.default.removeItem(at: warningsURL)
                } else {
                    try warningText.write(to: warningsURL, atomically: true, encoding: .utf8)
                }
                continue
            }
            let expected = (try? String(contentsOf: expectedURL, encoding: .utf8)) ?? ""
            XCTAssertTrue(
                actual == expected,
                "\(spec.lastPathComponent) generates different Swift:\n"
                    + UnifiedDiff.diff(
                        old: expected, new: actual, oldName: "expected/\(expectedURL.lastPathComponent)",
                        newName: "actual"))
            let expectedWarnings = (try? String(contentsOf: warningsURL, encoding: .utf8)) ?? ""
            XCTAssertEqual(warningText, expectedWarnings, "warnings for \(spec.lastPathComponent)")
        }
    }
}
