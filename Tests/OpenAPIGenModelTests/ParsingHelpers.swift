import OpenAPIGenDiagnostics
import OpenAPIGenModel
import XCTest

/// A parsed document and the warnings given while reading it.
struct Parsed {
    var document: OpenAPIDocument
    var warnings: [Diagnostic]
}

extension XCTestCase {
    /// Parses `yaml` as the spec file `file`.
    func parse(_ yaml: String, file: String = "spec.yaml") throws -> Parsed {
        let diagnostics = DiagnosticCollector()
        let document = try DocumentParser.parse(Array(yaml.utf8), file: file, diagnostics: diagnostics)
        return Parsed(document: document, warnings: diagnostics.diagnostics)
    }

    /// The error `yaml` produces, as the compiler-style text a user sees.
    func error(_ yaml: String, file: StaticString = #filePath, line: UInt = #line) -> String {
        do {
            _ = try parse(yaml)
            XCTFail("expected an error", file: file, line: line)
            return ""
        } catch {
            return "\(error)"
        }
    }
}
