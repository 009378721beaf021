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

    func testQueryAndAdditionalOperationsAreOperations() throws {
        let parsed = try parse(
            minimal + """
                paths:
                  /files/{id}:
                    parameters:
                      - {name: id, in: path, required: true, schema: {type: string}}
                    query:
                      operationId: searchFile
                      responses: {'200': {description: OK}}
                    get:
                      responses: {'200': {description: OK}}
                    additionalOperations:
                      COPY:
                        operationId: copyFile
                        responses: {'204': {description: Copied}}
                      purge:
                        responses: {'204': {description: Purged}}
                """)
        XCTAssertEqual(parsed.warnings, [])
        let operations = try XCTUnwrap(parsed.document.paths.first?.operations)
        XCTAssertEqual(operations.map(\.method), ["query", "get", "COPY", "purge"])
        XCTAssertEqual(operations.map(\.httpMethod), ["QUERY", "GET", "COPY", "purge"])
        XCTAssertEqual(operations.map(\.isAdditional), [false, false, true, true])
        XCTAssertEqual(operations.map(\.parameters.count), [1, 1, 1, 1], "the path item's parameters apply")
        XCTAssertEqual(operations[2].operationID, "copyFile")
        XCTAssertEqual(operations[2].location, SourceLocation(file: "spec.yaml", line: 14, column: 9))
    }

    func testQueryAndAdditionalOperationsAreUnknownKeysBefore32() throws {
        let parsed = try parse(
            """
            openapi: 3.1.0
            info: {title: T, version: '1'}
            paths:
              /files:
                query:
                  responses: {'200': {description: OK}}
                additionalOperations:
                  COPY:
                    responses: {'204': {description: Copied}}
            """)
        XCTAssertEqual(parsed.document.paths.first?.operations.count, 0)
        XCTAssertEqual(
            parsed.warnings.map(\.description),
            [
                "spec.yaml:5:5: warning: unknown key 'query' in path '/files' is ignored",
                "spec.yaml:7:5: warning: unknown key 'additionalOperations' in path '/files' is ignored",
            ])
    }

    func testAnAdditionalOperationsKeyMustBeAMethodToken() {
        XCTAssertEqual(
            error(
                minimal + """
                    paths:
                      /files:
                        additionalOperations:
                          'MOVE IT':
                            responses: {'204': {description: Moved}}
                    """),
            "spec.yaml:6:7: error: 'MOVE IT' in 'additionalOperations' of path '/files' is not an HTTP method name "
                + "(letters, digits and !#$%&'*+-.^_`|~ only)")
        XCTAssertEqual(
            error(
                minimal + """
                    paths:
                      /files:
                        additionalOperations:
                          "COPY\\r\\nX-Injected: 1":
                            responses: {'204': {description: Copied}}
                    """),
            "spec.yaml:6:7: error: 'COPY\\r\\nX-Injected: 1' in 'additionalOperations' of path '/files' is not an HTTP "
                + "method name (letters, digits and !#$%&'*+-.^_`|~ only)")
    }

    func testAnAdditionalOperationMayNotRepeatAFixedMethod() {
        XCTAssertEqual(
            error(
                minimal + """
                    paths:
                      /files:
                        additionalOperations:
                          POST:
                            responses: {'204': {description: Posted}}
                    """),
            "spec.yaml:6:7: error: 'POST' in 'additionalOperations' of path '/files' is a method the path item names "
                + "itself; write it as 'post' there")
    }
}
