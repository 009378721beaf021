import OpenAPIGenModel
import XCTest

extension XCTestCase {
    /// Parses `yaml` as the spec file `file`.
    func parse(_ yaml: String, file: String = "spec.yaml") throws -> ParsedDocument {
        try DocumentParser.parse(Array(yaml.utf8), file: file)
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
