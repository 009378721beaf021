import OpenAPIGenDiagnostics
import OpenAPIGenModel
import OpenAPIGenYAML
import XCTest

final class DocumentParserTests: XCTestCase {

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
            "spec.yaml:6:13: error: unknown type 'strin'; expected one of string, number, integer, boolean, array, object, null"
        )
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
            "spec.yaml:1:10: error: unsupported Swagger version '1.2'; expected 2.0, 3.0.x, 3.1.x or 3.2.x")
        XCTAssertEqual(
            error("openapi: 4.0.0\ninfo: {title: T, version: '1'}\n"),
            "spec.yaml:1:10: error: unsupported OpenAPI version '4.0.0'; expected 3.0.x, 3.1.x or 3.2.x")
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
            parsed.warnings.map(\.description),
            ["spec.yaml:7:7: warning: unknown key 'sumary' in operation 'GET /a' is ignored; did you mean 'summary'?"])
    }

    func testSchemaWrittenWithAMergeKeyGetsTheMergedProperties() throws {
        let parsed = try parse(
            minimal + """
                components:
                  schemas:
                    Base: &base
                      type: object
                      required: [id]
                      properties:
                        id: {type: string}
                    Pet:
                      <<: *base
                      description: A pet
                """)
        XCTAssertEqual(parsed.warnings, [])
        let pet = try XCTUnwrap(parsed.document.components.schemas["Pet"])
        XCTAssertEqual(pet.types, [.object])
        XCTAssertEqual(pet.required, ["id"])
        XCTAssertEqual(pet.properties.map(\.name), ["id"])
        XCTAssertEqual(pet.properties.first?.schema.location, SourceLocation(file: "spec.yaml", line: 9, column: 13))
        XCTAssertEqual(pet.description, "A pet")
    }

    func testUnknownSchemaKeysAreLocatedWarnings() throws {
        let parsed = try parse(
            minimal + """
                components:
                  schemas:
                    Pet:
                      type: object
                      requried: [name]
                      propertes:
                        name: {type: string}
                      properties:
                        tag: {type: string, maxLenght: 3, x-internal: true}
                        code: {id: 1, type: string, Format: uuid}
                """)
        XCTAssertEqual(
            parsed.warnings.map(\.description),
            [
                "spec.yaml:7:7: warning: unknown key 'requried' in a schema is ignored; did you mean 'required'?",
                "spec.yaml:8:7: warning: unknown key 'propertes' in a schema is ignored; did you mean 'properties'?",
                "spec.yaml:11:29: warning: unknown key 'maxLenght' in a schema is ignored; did you mean 'maxLength'?",
                "spec.yaml:12:16: warning: unknown key 'id' in a schema is ignored",
                "spec.yaml:12:37: warning: unknown key 'Format' in a schema is ignored; did you mean 'format'?",
            ])
    }

    func testEverySchemaKeywordIsKnown() throws {
        let parsed = try parse(
            minimal + """
                components:
                  schemas:
                    All:
                      $id: 'https://example.com/all'
                      $schema: 'https://json-schema.org/draft/2020-12/schema'
                      $anchor: all
                      $dynamicAnchor: node
                      $comment: every keyword
                      $vocabulary: {'https://json-schema.org/draft/2020-12/vocab/core': true}
                      $defs: {D: {type: string}}
                      definitions: {E: {type: string}}
                      type: object
                      format: custom
                      title: All
                      description: All of them
                      default: {}
                      example: {}
                      examples: [{}]
                      nullable: true
                      readOnly: false
                      writeOnly: false
                      deprecated: false
                      properties: {a: {type: string, minLength: 1, maxLength: 2, pattern: '^a', const: a}}
                      additionalProperties: false
                      patternProperties: {'^x': {type: string}}
                      propertyNames: {pattern: '^[a-z]+$'}
                      unevaluatedProperties: false
                      required: [a]
                      minProperties: 1
                      maxProperties: 9
                      dependentSchemas: {a: {required: [b]}}
                      dependentRequired: {a: [b]}
                      dependencies: {a: [b]}
                      discriminator: {propertyName: a}
                      xml: {name: all}
                      externalDocs: {url: 'https://example.com'}
                      if: {required: [a]}
                      then: {required: [b]}
                      else: {required: [c]}
                      not: {type: string}
                      allOf: [{type: object}]
                      anyOf: [{type: object}]
                      oneOf: [{type: object}]
                      x-extension: yes
                    List:
                      type: array
                      items: {$dynamicRef: '#node'}
                      prefixItems: [{type: integer}]
                      unevaluatedItems: false
                      contains: {type: integer}
                      minContains: 1
                      maxContains: 2
                      minItems: 1
                      maxItems: 3
                      uniqueItems: true
                    Number:
                      type: number
                      minimum: 0
                      maximum: 10
                      exclusiveMinimum: 0
                      exclusiveMaximum: 10
                      multipleOf: 0.5
                      enum: [1, 2]
                    Content:
                      type: string
                      contentMediaType: application/json
                      contentEncoding: base64
                      contentSchema: {type: object}
                """)
        XCTAssertEqual(parsed.warnings, [])
    }

    func testAWarningInAMergedOrAliasedPartIsGivenOnce() throws {
        let parsed = try parse(
            minimal + """
                components:
                  schemas:
                    Base: &base
                      type: object
                      propertes: {id: {type: string}}
                    Pet:
                      <<: *base
                      title: Pet
                    Dog:
                      <<: *base
                    Copy: *base
                """)
        XCTAssertEqual(
            parsed.warnings.map(\.description),
            ["spec.yaml:7:7: warning: unknown key 'propertes' in a schema is ignored; did you mean 'properties'?"])
    }

    func testWebhooksAreReadAndCallbacksWarnThatTheyAreNotGenerated() throws {
        let parsed = try parse(
            """
            openapi: 3.1.0
            info: {title: T, version: '1'}
            paths:
              /streams:
                post:
                  operationId: subscribe
                  responses: {'201': {description: Created}}
                  callbacks:
                    onData:
                      '{$request.body#/callbackUrl}':
                        post:
                          responses: {'200': {description: OK}}
                    onEnd: {$ref: '#/components/callbacks/End'}
                delete:
                  responses: {'204': {description: Gone}}
                  callbacks:
                    onGone: {}
            webhooks:
              newPet:
                post:
                  responses: {'200': {description: OK}}
              petGone: {$ref: '#/components/pathItems/Gone'}
            components:
              pathItems:
                Gone:
                  post:
                    responses: {'200': {description: OK}}
              callbacks:
                End:
                  '{$request.body#/endUrl}': {}
            """)
        XCTAssertEqual(
            parsed.warnings.map(\.description),
            [
                "spec.yaml:29:5: warning: callback 'End' in 'components' is not generated (callbacks are not supported yet)",
                "spec.yaml:9:9: warning: callback 'onData' of operation 'subscribe' is not generated (callbacks are not supported yet)",
                "spec.yaml:13:9: warning: callback 'onEnd' of operation 'subscribe' is not generated (callbacks are not supported yet)",
                "spec.yaml:17:9: warning: callback 'onGone' of operation 'DELETE /streams' is not generated (callbacks are not supported yet)",
            ])
        XCTAssertEqual(parsed.document.paths.first?.operations.map(\.method), ["post", "delete"])
        // Webhooks are read as path items named by the webhook (one given by `$ref`).
        XCTAssertEqual(parsed.document.webhooks.map(\.path), ["newPet", "petGone"])
        XCTAssertEqual(parsed.document.webhooks.map { $0.operations.map(\.method) }, [["post"], ["post"]])
    }

    func testWebhooksMustBeAMapping() {
        XCTAssertEqual(
            error(minimal + "webhooks: [newPet]\n"),
            "spec.yaml:3:11: error: 'webhooks' must be a mapping, found a list")
    }

    func testYAMLSyntaxErrorsPassThroughLocated() {
        XCTAssertTrue(error("openapi: 3.1.0\ninfo: [\n").hasPrefix("spec.yaml:"), error("openapi: 3.1.0\ninfo: [\n"))
    }

    /// The components and the paths are read on two cores, each part with a collector of
    /// its own: the warnings still come in the order of reading one part after the other
    /// (info, components, paths), and the components' error is the one thrown, without
    /// the paths' warnings, as when nothing is read beside anything else.
    func testComponentsAndPathsReadApartGiveWarningsAndErrorsInOrder() throws {
        func read(_ paths: String, _ schema: String) -> (warnings: [String], error: String?) {
            let yaml = """
                openapi: 3.1.0
                info: {title: T, version: '1', colour: red}
                paths:
                  \(paths)
                components:
                  schemas:
                    A: \(schema)
                """
            let diagnostics = DiagnosticCollector()
            do {
                _ = try DocumentParser.parse(Array(yaml.utf8), file: "spec.yaml", diagnostics: diagnostics)
                return (diagnostics.diagnostics.map(\.description), nil)
            } catch {
                return (diagnostics.diagnostics.map(\.description), "\(error)")
            }
        }
        let info = "spec.yaml:2:32: warning: unknown key 'colour' in 'info' is ignored"
        func component(_ column: Int) -> String {
            "spec.yaml:7:\(column): warning: unknown key 'propertes' in a schema is ignored; did you mean 'properties'?"
        }
        func path(_ column: Int) -> String {
            "spec.yaml:4:\(column): warning: unknown key 'sumary' in operation 'GET /a' is ignored; did you mean 'summary'?"
        }
        let goodPath = "/a: {get: {sumary: x, responses: {'204': {description: none}}}}"
        let goodSchema = "{type: object, propertes: {}}"
        let result = read(goodPath, goodSchema)
        XCTAssertEqual(result.warnings, [info, component(23), path(14)])
        XCTAssertNil(result.error)
        let badPath = "a: {get: {sumary: x, responses: {'204': {description: none}}}}"
        let badSchema = "{type: 7, propertes: {}}"
        XCTAssertEqual(read(badPath, badSchema).warnings, [info, component(18)])
        XCTAssertEqual(
            read(badPath, badSchema).error,
            "spec.yaml:7:15: error: 'type' must be a type name such as string or object, found a number '7'")
        XCTAssertEqual(read(badPath, goodSchema).warnings, [info, component(23)])
        XCTAssertEqual(read(badPath, goodSchema).error, "spec.yaml:4:3: error: path 'a' must begin with '/'")
        // The paths' warnings before their error are given, as they would be.
        let laterBadPath = goodPath + ", b: {}}"
        XCTAssertEqual(read("{" + laterBadPath, goodSchema).warnings, [info, component(23), path(15)])
        XCTAssertEqual(
            read("{" + laterBadPath, goodSchema).error, "spec.yaml:4:69: error: path 'b' must begin with '/'")
    }

    /// Many paths are read in runs on every core: their warnings come in the order of the
    /// paths, the first error is the first bad path's, and no warning of a later path is
    /// given with it.
    func testPathsReadInRunsGiveWarningsAndTheFirstErrorInOrder() throws {
        func read(count: Int, bad: Set<Int>, paths: String? = nil) -> (
            warnings: [String], error: String?, names: [String]
        ) {
            let lines = (0..<count).map { index in
                "  \(bad.contains(index) ? "" : "/")p\(index): {get: {sumary: x, responses: {'204': {description: none}}}}"
            }
            let yaml = """
                openapi: 3.1.0
                info: {title: T, version: '1'}
                paths:\(paths.map { " " + $0 } ?? "\n" + lines.joined(separator: "\n"))
                components:
                  schemas:
                    A: {type: object, propertes: {}}
                """
            let diagnostics = DiagnosticCollector()
            do {
                let document = try DocumentParser.parse(Array(yaml.utf8), file: "spec.yaml", diagnostics: diagnostics)
                return (diagnostics.diagnostics.map(\.description), nil, document.paths.map(\.path))
            } catch {
                return (diagnostics.diagnostics.map(\.description), "\(error)", [])
            }
        }
        let count = 300
        let componentLine = 4 + count + 2
        let component =
            "spec.yaml:\(componentLine):23: warning: unknown key 'propertes' in a schema is ignored; did you mean 'properties'?"
        func path(_ index: Int) -> String {
            let column = 3 + "/p\(index): {get: {".count
            return
                "spec.yaml:\(4 + index):\(column): warning: unknown key 'sumary' in operation 'GET /p\(index)' is ignored; "
                + "did you mean 'summary'?"
        }
        let good = read(count: count, bad: [])
        XCTAssertEqual(good.warnings, [component] + (0..<count).map(path))
        XCTAssertNil(good.error)
        XCTAssertEqual(good.names, (0..<count).map { "/p\($0)" })
        // Bad paths in two runs: the first one's error, the warnings before it and no others.
        let bad = read(count: count, bad: [170, 260])
        XCTAssertEqual(bad.warnings, [component] + (0..<170).map(path))
        XCTAssertEqual(bad.error, "spec.yaml:\(4 + 170):3: error: path 'p170' must begin with '/'")
        // `paths` that is not a mapping fails after the components' warnings.
        let notMapping = read(count: 0, bad: [], paths: "7")
        XCTAssertEqual(notMapping.warnings.count, 1)
        XCTAssertEqual(notMapping.error, "spec.yaml:3:8: error: 'paths' must be a mapping, found a number")
    }
    /// Many schemas are read in runs on every core, the other components beside them: the
    /// warnings come in reading order (the schemas', each with its `$defs` after it, then
    /// the responses'), and the first error is the first bad schema's.
    func testSchemasReadInRunsGiveWarningsAndTheFirstErrorInOrder() throws {
        func read(count: Int, badName: Int? = nil) -> (warnings: [String], error: String?, names: [String]) {
            let lines = (0..<count).map { index in
                "    \(index == badName ? "S \(index)" : "S\(index)"): {type: object, propertes: {}, $defs: {D: {type: string}}}"
            }
            let yaml = """
                openapi: 3.1.0
                info: {title: T, version: '1'}
                paths: {}
                components:
                  schemas:
                \(lines.joined(separator: "\n"))
                  responses:
                    R: {description: r, colour: red}
                """
            let diagnostics = DiagnosticCollector()
            do {
                let document = try DocumentParser.parse(Array(yaml.utf8), file: "spec.yaml", diagnostics: diagnostics)
                return (diagnostics.diagnostics.map(\.description), nil, document.components.schemas.names)
            } catch {
                return (diagnostics.diagnostics.map(\.description), "\(error)", [])
            }
        }
        let count = 400
        func schema(_ index: Int) -> String {
            let column = 5 + "S\(index): {type: object, ".count
            return "spec.yaml:\(6 + index):\(column): warning: unknown key 'propertes' in a schema is ignored; "
                + "did you mean 'properties'?"
        }
        let response = "spec.yaml:\(6 + count + 1):25: warning: unknown key 'colour' in a response is ignored"
        let good = read(count: count)
        XCTAssertEqual(good.warnings, (0..<count).map(schema) + [response])
        XCTAssertNil(good.error)
        XCTAssertEqual(good.names, (0..<count).flatMap { ["S\($0)", "S\($0)/$defs/D"] })
        let bad = read(count: count, badName: 250)
        XCTAssertEqual(bad.warnings, (0..<250).map(schema))
        XCTAssertEqual(
            bad.error,
            "spec.yaml:\(6 + 250):5: error: component name 'S 250' may only contain letters, digits, '.', '-' and '_'")
    }
}
