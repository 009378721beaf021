import OpenAPIGenModel
import OpenAPIGenYAML
import XCTest

/// OpenAPI 3.2 input: read like 3.1, with the methods, parameters and fields 3.2 added.
final class OpenAPI32Tests: XCTestCase {
    private func parse(_ yaml: String) throws -> ParsedDocument {
        try DocumentParser.parse(Array(yaml.utf8), file: "spec.yaml")
    }

    /// The error `yaml` produces, as the compiler-style text a user sees.
    private func error(_ yaml: String, file: StaticString = #filePath, line: UInt = #line) -> String {
        do {
            _ = try parse(yaml)
            XCTFail("expected an error", file: file, line: line)
            return ""
        } catch {
            return "\(error)"
        }
    }

    private let minimal = """
        openapi: 3.2.0
        info: {title: T, version: '1'}

        """

    func testVersion32IsReadLike31() throws {
        let parsed = try parse(
            minimal + """
                paths:
                  /items:
                    get:
                      operationId: listItems
                      responses: {'200': {description: OK}}
                """)
        XCTAssertEqual(parsed.warnings, [])
        XCTAssertEqual(parsed.document.openAPIVersion, "3.2.0")
        XCTAssertEqual(parsed.document.paths.first?.operations.map(\.operationID), ["listItems"])
    }
}
