import OpenAPIGenModel
import OpenAPIGenYAML
import XCTest

final class DocumentParserTests: XCTestCase {
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
        openapi: 3.1.0
        info: {title: T, version: '1'}

        """

    func testReadsOperationsSchemasAndSecurity() throws {
        let parsed = try parse(
            minimal + """
                servers: [{url: 'https://api.example.com'}]
                security: [{bearer: []}]
                paths:
                  /items/{id}:
                    get:
                      operationId: getItem
                      parameters:
                        - {name: id, in: path, required: true, schema: {type: string}}
                      responses:
                        '200':
                          description: OK
                          content:
                            application/json:
                              schema: {$ref: '#/components/schemas/Item'}
                components:
                  securitySchemes:
                    bearer: {type: http, scheme: bearer}
                  schemas:
                    Item:
                      type: [object, 'null']
                      required: [name]
                      properties:
                        name: {type: string}
                        kind: {type: string, enum: [a, b, null]}
                        count: {type: integer, nullable: true}
                """)
        let document = parsed.document
        XCTAssertEqual(parsed.warnings, [])
        XCTAssertEqual(document.openAPIVersion, "3.1.0")
        XCTAssertEqual(document.servers.map(\.url), ["https://api.example.com"])
        XCTAssertEqual(document.security?.first?.schemeNames, ["bearer"])
        let operation = try XCTUnwrap(document.paths.first?.operations.first)
        XCTAssertEqual(operation.method, "get")
        XCTAssertEqual(operation.operationID, "getItem")
        XCTAssertEqual(operation.location, SourceLocation(file: "spec.yaml", line: 8, column: 7))
        XCTAssertEqual(operation.responses.names, ["200"])
        let item = try XCTUnwrap(document.components.schemas["Item"])
        XCTAssertEqual(item.types, [.object])
        XCTAssertTrue(item.isNullable)
        XCTAssertEqual(item.required, ["name"])
        XCTAssertEqual(item.properties.map(\.name), ["name", "kind", "count"])
        XCTAssertEqual(item.properties[1].schema.enumValues, [.string("a"), .string("b")])
        XCTAssertTrue(item.properties[1].schema.isNullable)
        XCTAssertTrue(item.properties[2].schema.isNullable)
        let response = try document.resolve(operation.responses.entries[0].value)
        let reference = try XCTUnwrap(response.content["application/json"]?.schema?.reference)
        XCTAssertEqual(try document.resolveSchema(reference).name, "Item")
    }

    func testMissingRequiredFieldIsLocated() {
        XCTAssertEqual(
            error("openapi: 3.1.0\ninfo:\n  version: '1'\npaths: {}\n"),
            "spec.yaml:3:3: error: 'info' is missing its required field 'title'")
    }

    func testWrongFieldTypeIsLocated() {
        XCTAssertEqual(
            error(minimal + "paths:\n  /a:\n    get:\n      tags: {a: b}\n      responses: {}\n"),
            "spec.yaml:6:13: error: 'tags' must be a list, found a mapping")
    }

    func testUnknownTypeIsLocated() {
        XCTAssertEqual(
            error(minimal + "components:\n  schemas:\n    A:\n      type: strin\n"),
            "spec.yaml:6:13: error: unknown type 'strin'; expected one of string, number, integer, boolean, array, object, null")
    }

    func testDanglingReferenceSuggestsTheClosestName() {
        XCTAssertEqual(
            error(
                minimal + """
                    components:
                      schemas:
                        Invitee: {type: object}
                        Booking:
                          properties:
                            who: {$ref: '#/components/schemas/Invite'}
                    """),
            "spec.yaml:8:21: error: '$ref: #/components/schemas/Invite' points to nothing: there is no 'schemas' component by that name; did you mean 'Invitee'?"
        )
    }

    func testReferenceCycleIsReportedWithItsChain() {
        XCTAssertEqual(
            error(
                minimal + """
                    components:
                      schemas:
                        A: {$ref: '#/components/schemas/B'}
                        B: {$ref: '#/components/schemas/A'}
                        C:
                          properties:
                            x: {$ref: '#/components/schemas/A'}
                    """),
            """
            spec.yaml:5:15: error: '$ref: #/components/schemas/B' is part of a reference cycle that never reaches a definition
            spec.yaml:6:15: note: which refers to '#/components/schemas/A'
            spec.yaml:5:15: note: which refers to '#/components/schemas/B'
            spec.yaml:9:19: error: '$ref: #/components/schemas/A' is part of a reference cycle that never reaches a definition
            spec.yaml:5:15: note: which refers to '#/components/schemas/B'
            spec.yaml:6:15: note: which refers to '#/components/schemas/A'
            """)
    }

    func testAMissingReferencedFileIsALocatedError() {
        XCTAssertEqual(
            error(minimal + "components:\n  schemas:\n    A: {$ref: 'other.yaml#/B'}\n"),
            "spec.yaml:5:15: error: '$ref: other.yaml#/B': cannot read 'other.yaml': no such file"
        )
    }

    func testOldSwaggerAndUnsupportedVersionsAreRejected() {
        XCTAssertEqual(
            error("swagger: '1.2'\ninfo: {title: T, version: '1'}\n"),
            "spec.yaml:1:10: error: unsupported Swagger version '1.2'; expected 2.0, 3.0.x or 3.1.x")
        XCTAssertEqual(
            error("openapi: 4.0.0\ninfo: {title: T, version: '1'}\n"),
            "spec.yaml:1:10: error: unsupported OpenAPI version '4.0.0'; expected 3.0.x or 3.1.x")
    }

    func testPathParametersMustMatchTheTemplate() {
        XCTAssertEqual(
            error(
                minimal + """
                    paths:
                      /items/{id}:
                        get:
                          responses: {'200': {description: OK}}
                    """),
            "spec.yaml:6:7: error: path '/items/{id}' has '{id}' but GET declares no path parameter 'id'")
    }

    func testInvalidResponseStatusIsLocated() {
        XCTAssertEqual(
            error(minimal + "paths:\n  /a:\n    get:\n      responses:\n        '20':\n          description: x\n"),
            "spec.yaml:7:9: error: '20' is not a response status; expected a code such as 200, a range such as 4XX, or 'default'"
        )
    }

    func testDuplicateOperationIDsAreReportedWithBothPlaces() {
        XCTAssertEqual(
            error(
                minimal + """
                    paths:
                      /a:
                        get: {operationId: same, responses: {}}
                      /b:
                        get: {operationId: same, responses: {}}
                    """),
            "spec.yaml:7:10: error: operationId 'same' is used twice\nspec.yaml:5:10: note: first used here")
    }

    func testUnknownKeysAreWarnings() throws {
        let parsed = try parse(minimal + "paths:\n  /a:\n    get:\n      responses: {}\n      sumary: typo\n")
        XCTAssertEqual(
            parsed.warnings.map(\.description), ["spec.yaml:7:7: warning: unknown key 'sumary' in operation 'GET /a' is ignored"])
    }

    func testYAMLSyntaxErrorsPassThroughLocated() {
        XCTAssertTrue(error("openapi: 3.1.0\ninfo: [\n").hasPrefix("spec.yaml:"), error("openapi: 3.1.0\ninfo: [\n"))
    }
}
