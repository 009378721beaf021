import OpenAPIGenDiagnostics
import OpenAPIGenModel
import XCTest

/// OpenAPI 3.2 input: read like 3.1, with the methods, parameters and fields 3.2 added.
final class OpenAPI32Tests: XCTestCase {
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

    func testAQuerystringParameterIsOneValueDescribedByContent() throws {
        let parsed = try parse(
            minimal + """
                paths:
                  /events:
                    get:
                      parameters:
                        - name: criteria
                          in: querystring
                          content:
                            application/x-www-form-urlencoded:
                              schema:
                                type: object
                                properties: {tags: {type: array, items: {type: string}}}
                              encoding: {tags: {explode: false}}
                      responses: {'200': {description: OK}}
                """)
        XCTAssertEqual(parsed.warnings, [])
        let operation = try XCTUnwrap(parsed.document.paths.first?.operations.first)
        let parameter = try parsed.document.resolve(try XCTUnwrap(operation.parameters.first))
        XCTAssertEqual(parameter.location, .querystring)
        XCTAssertEqual(parameter.contentType, "application/x-www-form-urlencoded")
        XCTAssertEqual(parameter.contentEncoding["tags"]?.explode, false)
        XCTAssertEqual(parameter.schema?.properties.map(\.name), ["tags"])
    }

    func testAQuerystringParameterExcludesQueryParameters() {
        XCTAssertEqual(
            error(
                minimal + """
                    paths:
                      /events:
                        parameters:
                          - {name: timezone, in: query, schema: {type: string}}
                        get:
                          parameters:
                            - name: criteria
                              in: querystring
                              content: {application/json: {schema: {type: object}}}
                          responses: {'200': {description: OK}}
                    """),
            """
            spec.yaml:6:9: error: operation 'GET /events' has the 'in: querystring' parameter 'criteria', so it cannot \
            also have the 'in: query' parameter 'timezone'
            spec.yaml:9:11: note: the querystring parameter
            """)
    }

    func testAnOperationHasOneQuerystringParameter() {
        XCTAssertEqual(
            error(
                minimal + """
                    paths:
                      /events:
                        get:
                          parameters:
                            - {name: a, in: querystring, content: {application/json: {schema: {type: object}}}}
                            - {name: b, in: querystring, content: {application/json: {schema: {type: object}}}}
                          responses: {'200': {description: OK}}
                    """),
            """
            spec.yaml:8:11: error: operation 'GET /events' has a second 'in: querystring' parameter, 'b'; the query \
            string is one value
            spec.yaml:7:11: note: the first is 'a'
            """)
    }

    func testAQuerystringParameterNeedsContentAndOpenAPI32() {
        XCTAssertEqual(
            error(
                minimal + """
                    paths:
                      /events:
                        get:
                          parameters:
                            - {name: q, in: querystring, schema: {type: string}}
                          responses: {'200': {description: OK}}
                    """),
            "spec.yaml:7:46: error: parameter 'q' has 'in: querystring', so it must be described with 'content' (one "
                + "media type, such as application/x-www-form-urlencoded or application/json), not 'schema'")
        XCTAssertEqual(
            error(
                """
                openapi: 3.1.0
                info: {title: T, version: '1'}
                paths:
                  /events:
                    get:
                      parameters:
                        - {name: q, in: querystring, content: {application/json: {schema: {type: object}}}}
                      responses: {'200': {description: OK}}
                """),
            "spec.yaml:7:25: error: parameter 'q' has 'in: querystring'; expected path, query, header or cookie")
    }

    func testTagSummaryParentKindNamedServersAndSelfAreAccepted() throws {
        let parsed = try parse(
            """
            openapi: 3.2.0
            $self: https://example.com/specs/pets.yaml
            info: {title: T, version: '1'}
            servers:
              - {url: 'https://api.example.com', name: production}
            tags:
              - {name: pets, summary: Pets, kind: nav}
              - {name: cats, summary: Cats, parent: pets, kind: nav, deprecated: false}
            paths:
              /cats:
                servers: [{url: 'https://cats.example.com', name: cats}]
                get:
                  tags: [cats]
                  responses: {'200': {description: OK, summary: The cats}}
            """)
        XCTAssertEqual(parsed.warnings, [])
        XCTAssertEqual(parsed.document.servers.map(\.url), ["https://api.example.com"])
        XCTAssertEqual(parsed.document.paths.first?.operations.first?.servers?.map(\.url), ["https://cats.example.com"])
    }

    func testATagParentMustNameATagOutsideACycle() throws {
        let parsed = try parse(
            minimal + """
                tags:
                  - {name: a, parent: b}
                  - {name: b, parent: a}
                  - {name: c, parent: d, sumary: typo}
                paths: {}
                """)
        XCTAssertEqual(
            parsed.warnings.map(\.description),
            [
                "spec.yaml:6:26: warning: unknown key 'sumary' in a tag is ignored; did you mean 'summary'?",
                "spec.yaml:4:23: warning: tag 'a' is its own ancestor through 'parent'",
                "spec.yaml:5:23: warning: tag 'b' is its own ancestor through 'parent'",
                "spec.yaml:6:23: warning: tag 'c' has 'parent: d', which is not a tag in 'tags'",
            ])
    }

    func testOther32FieldsAreAcceptedAndThoseThatChangeTheClientAreWarnedAbout() throws {
        let parsed = try parse(
            minimal + """
                paths:
                  /events:
                    get:
                      responses:
                        '200':
                          description: A stream.
                          content:
                            application/jsonl:
                              itemSchema: {$ref: '#/components/schemas/Pet'}
                            application/xml:
                              $ref: '#/components/mediaTypes/PetXML'
                            application/json:
                              schema: {$ref: '#/components/schemas/Pet'}
                              examples:
                                one: {dataValue: {name: a}, serializedValue: '{"name":"a"}'}
                components:
                  schemas:
                    Pet:
                      type: object
                      properties: {name: {type: string}}
                      discriminator: {propertyName: name, defaultMapping: '#/components/schemas/Pet'}
                  securitySchemes:
                    oauth:
                      type: oauth2
                      oauth2MetadataUrl: https://auth.example.com/.well-known/oauth-authorization-server
                      deprecated: true
                      flows:
                        deviceAuthorization:
                          deviceAuthorizationUrl: https://auth.example.com/device
                          tokenUrl: https://auth.example.com/token
                          scopes: {}
                """)
        XCTAssertEqual(
            parsed.warnings.map(\.description),
            [
                "spec.yaml:23:43: warning: 'defaultMapping' of a discriminator is not generated (OpenAPI 3.2); a value "
                    + "the mapping does not name is not decoded as its schema",
                "spec.yaml:13:15: warning: '$ref' of media type 'application/xml' is not generated (OpenAPI 3.2); the "
                    + "media type is read as having no schema",
            ])
        // `itemSchema` is read: streamed responses take their items' type from it.
        let response = try parsed.document.resolve(parsed.document.paths[0].operations[0].responses.entries[0].value)
        XCTAssertEqual(response.content["application/jsonl"]?.itemSchema?.reference?.target, "#/components/schemas/Pet")
        XCTAssertNil(response.content["application/json"]?.itemSchema)
    }

    func testAnItemSchemaIsValidatedLikeOtherSchemas() {
        let message = error(
            minimal
                + "paths:\n  /events:\n    get:\n      responses:\n        '200':\n          description: A stream.\n"
                + "          content:\n            application/jsonl:\n"
                + "              itemSchema: {$ref: '#/components/schemas/Nope'}\n")
        XCTAssertEqual(
            message,
            "spec.yaml:11:34: error: '$ref: #/components/schemas/Nope' points to nothing: "
                + "there is no 'schemas' component by that name")
    }

    func testSelfIsNotTheBaseOfReferencesToOtherFiles() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("openapi32-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "Pet: {type: object, properties: {name: {type: string}}}\n".write(
            to: folder.appendingPathComponent("pets.yaml"), atomically: true, encoding: .utf8)
        let spec = folder.appendingPathComponent("openapi.yaml").path
        let parsed = try parse(
            """
            openapi: 3.2.0
            $self: https://example.com/elsewhere/openapi.yaml
            info: {title: T, version: '1'}
            paths: {}
            components:
              schemas:
                Pet: {$ref: 'pets.yaml#/Pet'}
            """,
            file: spec)
        XCTAssertNotNil(parsed.document.components.schemas["Pet"])
        XCTAssertEqual(
            parsed.warnings.map(\.description),
            [
                "\(spec):2:8: warning: '$self: https://example.com/elsewhere/openapi.yaml' is not the base of relative "
                    + "'$ref's here: references to other files are read relative to the folder of the file that "
                    + "holds them"
            ])
    }
}
