import Foundation
import OpenAPIGenDiagnostics
import OpenAPIGenYAML
import XCTest

@testable import OpenAPIGenModel

/// Swagger 2.0 documents read as the OpenAPI 3.0 documents they amount to, with
/// diagnostics at the Swagger file's lines.
final class Swagger2Tests: XCTestCase {

    private let header = """
        swagger: '2.0'
        info: {title: T, version: '1'}

        """

    private func operation(_ document: OpenAPIDocument, _ method: String, _ path: String) throws -> OpenAPIOperation {
        try XCTUnwrap(document.paths.first { $0.path == path }?.operations.first { $0.method == method })
    }

    func testServersComeFromHostBasePathAndSchemes() throws {
        func urls(_ lines: String) throws -> [String] {
            try parse(header + lines + "paths: {}\n").document.servers.map(\.url)
        }
        XCTAssertEqual(
            try urls("host: api.example.com\nbasePath: /v2/\nschemes: [http, https]\n"),
            ["https://api.example.com/v2", "http://api.example.com/v2"])
        XCTAssertEqual(try urls("host: api.example.com:8080\n"), ["https://api.example.com:8080"])
        XCTAssertEqual(try urls("basePath: /api\n"), ["/api"])
        XCTAssertEqual(try urls(""), [])
        XCTAssertEqual(try urls("host: api.example.com/\nbasePath: /\n"), ["https://api.example.com"])
        let parsed = try parse(header + "host: h.example\nschemes: [ws, http]\npaths: {}\n")
        XCTAssertEqual(parsed.document.servers.map(\.url), ["http://h.example"])
        XCTAssertEqual(parsed.document.servers.first?.location, SourceLocation(file: "spec.yaml", line: 3, column: 7))
        XCTAssertEqual(
            parsed.warnings.map(\.description),
            ["spec.yaml:4:11: warning: scheme 'ws' has no server: only http and https are generated"])
        let withScheme = try parse(header + "host: http://h.example\npaths: {}\n")
        XCTAssertEqual(withScheme.document.servers.map(\.url), ["http://h.example"])
        XCTAssertEqual(
            withScheme.warnings.map(\.description),
            ["spec.yaml:3:7: warning: 'host' must not include a scheme ('http'); 'schemes' gives it"])
    }

    func testParametersGetSchemasAndStylesFromCollectionFormat() throws {
        let parsed = try parse(
            header + """
                paths:
                  /items/{ids}:
                    parameters:
                      - {name: ids, in: path, required: true, type: array, items: {type: integer, format: int64}}
                    get:
                      parameters:
                        - {name: tags, in: query, type: array, items: {type: string}}
                        - name: kinds
                          in: query
                          type: array
                          collectionFormat: multi
                          items: {type: string, enum: [a, b]}
                        - {name: spaced, in: query, type: array, collectionFormat: ssv, items: {type: string}}
                        - {name: piped, in: query, type: array, collectionFormat: pipes, items: {type: string}}
                        - {name: limit, in: query, type: integer, minimum: 1, default: 20, allowEmptyValue: true}
                        - {name: X-Trace, in: header, type: array, items: {type: string}, description: Trace ids}
                      responses: {'200': {description: OK}}
                """)
        XCTAssertEqual(parsed.warnings, [])
        let operation = try operation(parsed.document, "get", "/items/{ids}")
        let parameters = try operation.parameters.map { try parsed.document.resolve($0) }
        XCTAssertEqual(parameters.map(\.name), ["ids", "tags", "kinds", "spaced", "piped", "limit", "X-Trace"])
        XCTAssertEqual(
            parameters.map(\.style), ["simple", "form", "form", "spaceDelimited", "pipeDelimited", nil, "simple"])
        XCTAssertEqual(parameters.map(\.explode), [nil, false, true, nil, nil, nil, nil])
        XCTAssertEqual(parameters[0].location, .path)
        XCTAssertEqual(parameters[0].schema?.types, [.array])
        XCTAssertEqual(parameters[0].schema?.items?.types, [.integer])
        XCTAssertEqual(parameters[0].schema?.items?.format, "int64")
        XCTAssertEqual(parameters[2].schema?.items?.enumValues, [.string("a"), .string("b")])
        XCTAssertEqual(parameters[5].schema?.types, [.integer])
        XCTAssertEqual(parameters[5].schema?.defaultValue?.text, "20")
        XCTAssertEqual(parameters[6].location, .header)
        XCTAssertEqual(parameters[6].description, "Trace ids")
        // The schema a parameter's value keys make points at those keys in the Swagger file.
        XCTAssertEqual(parameters[1].schema?.location, SourceLocation(file: "spec.yaml", line: 9, column: 41))
    }

    func testBodyParametersBecomeRequestBodiesForEachConsumedType() throws {
        let parsed = try parse(
            header + """
                consumes: [application/json, application/xml]
                produces: [application/json]
                paths:
                  /pets:
                    post:
                      parameters:
                        - {name: pet, in: body, required: true, description: Pet, schema: {$ref: '#/definitions/Pet'}}
                      responses:
                        '201': {description: Created, schema: {$ref: '#/definitions/Pet'}}
                    put:
                      consumes: [text/plain]
                      parameters:
                        - {name: name, in: body, schema: {type: string}}
                      responses: {'204': {description: Done}}
                definitions:
                  Pet: {type: object, properties: {name: {type: string}}}
                """)
        XCTAssertEqual(parsed.warnings, [])
        let document = parsed.document
        let post = try operation(document, "post", "/pets")
        XCTAssertEqual(post.parameters.count, 0)
        let body = try document.resolve(try XCTUnwrap(post.requestBody))
        XCTAssertTrue(body.required)
        XCTAssertEqual(body.description, "Pet")
        XCTAssertEqual(body.content.names, ["application/json", "application/xml"])
        let reference = try XCTUnwrap(body.content["application/xml"]?.schema?.reference)
        XCTAssertEqual(reference.target, "#/components/schemas/Pet")
        XCTAssertEqual(reference.location, SourceLocation(file: "spec.yaml", line: 9, column: 82))
        XCTAssertEqual(try document.resolveSchema(reference).name, "Pet")
        let created = try document.resolve(try XCTUnwrap(post.responses["201"]))
        XCTAssertEqual(created.content.names, ["application/json"])
        XCTAssertEqual(created.content["application/json"]?.schema?.reference?.target, "#/components/schemas/Pet")
        let put = try document.resolve(try XCTUnwrap(try operation(document, "put", "/pets").requestBody))
        XCTAssertEqual(put.content.names, ["text/plain"])
        XCTAssertFalse(put.required)
        XCTAssertEqual(put.content["text/plain"]?.schema?.types, [.string])
    }

    func testFormParametersBecomeOneFormOrMultipartBody() throws {
        let parsed = try parse(
            header + """
                paths:
                  /login:
                    post:
                      consumes: [application/x-www-form-urlencoded]
                      parameters:
                        - {name: user, in: formData, type: string, required: true, description: Who}
                        - {name: roles, in: formData, type: array, items: {type: string}}
                        - {name: remember, in: formData, type: boolean, default: false}
                      responses: {'204': {description: Done}}
                  /upload:
                    post:
                      parameters:
                        - {name: file, in: formData, type: file, required: true}
                        - {name: note, in: formData, type: string}
                      responses: {'204': {description: Done}}
                """)
        XCTAssertEqual(parsed.warnings, [])
        let document = parsed.document
        let login = try document.resolve(try XCTUnwrap(try operation(document, "post", "/login").requestBody))
        XCTAssertTrue(login.required)
        XCTAssertEqual(login.content.names, ["application/x-www-form-urlencoded"])
        let form = try XCTUnwrap(login.content["application/x-www-form-urlencoded"])
        let schema = try XCTUnwrap(form.schema)
        XCTAssertEqual(schema.types, [.object])
        XCTAssertEqual(schema.properties.map(\.name), ["user", "roles", "remember"])
        XCTAssertEqual(schema.required, ["user"])
        XCTAssertEqual(schema.properties[0].schema.description, "Who")
        XCTAssertEqual(schema.properties[1].schema.items?.types, [.string])
        // csv, Swagger's default, is an unexploded form list.
        XCTAssertEqual(form.encoding.names, ["roles"])
        XCTAssertEqual(form.encoding["roles"]?.style, "form")
        XCTAssertEqual(form.encoding["roles"]?.explode, false)
        let upload = try document.resolve(try XCTUnwrap(try operation(document, "post", "/upload").requestBody))
        XCTAssertEqual(upload.content.names, ["multipart/form-data"])
        let file = try XCTUnwrap(upload.content["multipart/form-data"]?.schema?.properties.first?.schema)
        XCTAssertEqual(file.types, [.string])
        XCTAssertEqual(file.format, "binary")
    }

    func testPathItemBodyAndFormFieldsApplyToEachOperationUnlessReplaced() throws {
        let parsed = try parse(
            header + """
                paths:
                  /notes:
                    parameters:
                      - {name: text, in: formData, type: string, allowEmptyValue: true}
                      - {name: lang, in: formData, type: string}
                    post:
                      parameters:
                        - {name: lang, in: formData, type: string, enum: [en, fr], required: true}
                      responses: {'204': {description: Done}}
                    put:
                      responses: {'204': {description: Done}}
                """)
        // Once, though both operations use the field.
        XCTAssertEqual(
            parsed.warnings.map(\.description),
            ["spec.yaml:6:50: warning: 'allowEmptyValue' of a form field has no OpenAPI 3.0 equivalent and is ignored"])
        let document = parsed.document
        let post = try document.resolve(try XCTUnwrap(try operation(document, "post", "/notes").requestBody))
        let postSchema = try XCTUnwrap(post.content["application/x-www-form-urlencoded"]?.schema)
        XCTAssertEqual(postSchema.properties.map(\.name), ["text", "lang"])
        XCTAssertEqual(postSchema.properties[1].schema.enumValues, [.string("en"), .string("fr")])
        XCTAssertEqual(postSchema.required, ["lang"])
        let put = try document.resolve(try XCTUnwrap(try operation(document, "put", "/notes").requestBody))
        let putSchema = try XCTUnwrap(put.content["application/x-www-form-urlencoded"]?.schema)
        XCTAssertEqual(putSchema.properties.map(\.name), ["text", "lang"])
        XCTAssertNil(putSchema.properties[1].schema.enumValues)
        XCTAssertEqual(document.paths[0].parameters.count, 0)
        XCTAssertEqual(
            error(
                header + "paths:\n  /a:\n    post:\n      parameters:\n        - {name: a, in: body, schema: {}}\n"
                    + "        - {name: b, in: body, schema: {}}\n      responses: {}\n"),
            "spec.yaml:8:11: error: operation 'POST /a' has two body parameters; a request has one body\n"
                + "spec.yaml:7:11: note: the other is here")
    }

    func testResponsesGetContentHeadersAndExamples() throws {
        let parsed = try parse(
            header + """
                produces: [application/json, text/csv]
                paths:
                  /report:
                    get:
                      responses:
                        '200':
                          description: The report
                          schema: {type: array, items: {type: string}}
                          headers:
                            X-Rate-Limit: {type: integer, format: int32, description: Calls left}
                          examples:
                            application/json: [a, b]
                            application/xml: <a/>
                        default: {$ref: '#/responses/Error'}
                responses:
                  Error: {description: Failed, schema: {type: object}}
                """)
        XCTAssertEqual(
            parsed.warnings.map(\.description),
            [
                "spec.yaml:15:13: warning: the example for 'application/xml' is ignored: the operation produces "
                    + "'application/json', 'text/csv'"
            ])
        let document = parsed.document
        let get = try operation(document, "get", "/report")
        let ok = try document.resolve(try XCTUnwrap(get.responses["200"]))
        XCTAssertEqual(ok.content.names, ["application/json", "text/csv"])
        guard case .array(let items)? = ok.content["application/json"]?.example?.kind else {
            return XCTFail("the JSON example is a list")
        }
        XCTAssertEqual(items.count, 2)
        XCTAssertNil(ok.content["text/csv"]?.example)
        let rateLimit = try document.resolve(try XCTUnwrap(ok.headers["X-Rate-Limit"]))
        XCTAssertEqual(rateLimit.description, "Calls left")
        XCTAssertEqual(rateLimit.schema?.types, [.integer])
        XCTAssertEqual(rateLimit.schema?.format, "int32")
        guard case .reference(let reference) = try XCTUnwrap(get.responses["default"]) else {
            return XCTFail("expected a reference")
        }
        XCTAssertEqual(reference.target, "#/components/responses/Error")
        XCTAssertEqual(try document.resolve(try XCTUnwrap(get.responses["default"])).description, "Failed")
    }

    func testSecurityDefinitionsBecomeSecuritySchemes() throws {
        let parsed = try parse(
            header + """
                security: [{key: []}]
                paths:
                  /a:
                    get:
                      security: [{basicAuth: []}, {oauth: [read]}]
                      responses: {'200': {description: OK}}
                securityDefinitions:
                  key: {type: apiKey, name: X-API-Key, in: header}
                  basicAuth: {type: basic, description: User and password}
                  oauth:
                    type: oauth2
                    flow: accessCode
                    authorizationUrl: https://example.com/authorize
                    tokenUrl: https://example.com/token
                    scopes: {read: Read things}
                  implicit:
                    type: oauth2
                    flow: implicit
                    authorizationUrl: https://example.com/authorize
                    tokenUrl: https://example.com/token
                    scopes: {}
                """)
        let document = parsed.document
        XCTAssertEqual(document.components.securitySchemes.names, ["key", "basicAuth", "oauth", "implicit"])
        XCTAssertEqual(document.components.securitySchemes["key"]?.kind, .apiKey(name: "X-API-Key", location: .header))
        XCTAssertEqual(
            document.components.securitySchemes["basicAuth"]?.kind, .http(scheme: "basic", bearerFormat: nil))
        XCTAssertEqual(document.components.securitySchemes["basicAuth"]?.description, "User and password")
        XCTAssertEqual(document.components.securitySchemes["oauth"]?.kind, .oauth2)
        XCTAssertEqual(document.security?.first?.schemeNames, ["key"])
        XCTAssertEqual(try operation(document, "get", "/a").security?.map(\.schemeNames), [["basicAuth"], ["oauth"]])
        XCTAssertEqual(
            parsed.warnings.map(\.description),
            ["spec.yaml:22:5: warning: 'tokenUrl' does not apply to the oauth2 flow 'implicit' and is ignored"])
    }

    /// The oauth2 flows as OpenAPI 3.0 writes them, read from the converted tree.
    func testOAuth2FlowsAreRenamed() throws {
        func converted(_ yaml: String) throws -> YAMLNode {
            let reader = NodeReader(files: ["spec.yaml"], collector: DiagnosticCollector())
            var converter = Swagger2Converter(reader: reader)
            return try converter.convert(YAMLParser.parse(Array(yaml.utf8), file: "spec.yaml"))
        }
        for (flow, name, urls) in [
            ("implicit", "implicit", "authorizationUrl: https://a"),
            ("password", "password", "tokenUrl: https://t"),
            ("application", "clientCredentials", "tokenUrl: https://t"),
            ("accessCode", "authorizationCode", "authorizationUrl: https://a, tokenUrl: https://t"),
        ] {
            let parsed = try parse(
                header + "paths: {}\nsecurityDefinitions:\n  o: {type: oauth2, flow: \(flow), \(urls), scopes: {}}\n")
            XCTAssertEqual(parsed.warnings, [], flow)
            XCTAssertEqual(parsed.document.components.securitySchemes["o"]?.kind, .oauth2, flow)
            let scheme = try XCTUnwrap(
                try converted(
                    header
                        + "paths: {}\nsecurityDefinitions:\n  o: {type: oauth2, flow: \(flow), \(urls), scopes: {}}\n")[
                        "components"]?["securitySchemes"]?["o"])
            XCTAssertNil(scheme["flow"], flow)
            let flows = try XCTUnwrap(scheme["flows"]?.mapping)
            XCTAssertEqual(flows.map(\.key.scalar?.value), [name])
            XCTAssertEqual(
                flows[0].value.mapping?.map(\.key.scalar?.value),
                (urls.contains("authorizationUrl") ? ["authorizationUrl"] : [])
                    + (urls.contains("tokenUrl") ? ["tokenUrl"] : [])
                    + ["scopes"], flow)
        }
        XCTAssertEqual(
            error(header + "paths: {}\nsecurityDefinitions:\n  o: {type: oauth2, flow: magic, scopes: {}}\n"),
            "spec.yaml:5:27: error: unknown oauth2 flow 'magic'; expected implicit, password, application or accessCode"
        )
        XCTAssertEqual(
            error(header + "paths: {}\nsecurityDefinitions:\n  o: {type: oauth2, flow: password, scopes: {}}\n"),
            "spec.yaml:5:6: error: a security definition is missing its required field 'tokenUrl'")
    }

    func testSchemasGetNullableBinaryAndDiscriminatorIn30Form() throws {
        let parsed = try parse(
            header + """
                paths: {}
                definitions:
                  Pet:
                    type: object
                    discriminator: petType
                    required: [petType]
                    properties:
                      petType: {type: string}
                      nickname: {type: string, x-nullable: true}
                      photo: {type: file}
                      tags: {type: array, items: {$ref: '#/definitions/Tag'}}
                      extra: {type: object, additionalProperties: {$ref: '#/definitions/Tag', x-nullable: true}}
                  Cat:
                    allOf:
                      - $ref: '#/definitions/Pet'
                      - {type: object, properties: {lives: {type: integer}}}
                  Tag: {type: string}
                """)
        XCTAssertEqual(parsed.warnings, [])
        let schemas = parsed.document.components.schemas
        XCTAssertEqual(schemas.names, ["Pet", "Cat", "Tag"])
        let pet = try XCTUnwrap(schemas["Pet"])
        XCTAssertEqual(pet.discriminator?.propertyName, "petType")
        let properties = Dictionary(uniqueKeysWithValues: pet.properties.map { ($0.name, $0.schema) })
        XCTAssertEqual(properties["nickname"]?.isNullable, true)
        XCTAssertEqual(properties["petType"]?.isNullable, false)
        XCTAssertEqual(properties["photo"]?.types, [.string])
        XCTAssertEqual(properties["photo"]?.format, "binary")
        XCTAssertEqual(properties["tags"]?.items?.reference?.target, "#/components/schemas/Tag")
        guard case .schema(let extra) = properties["extra"]?.additionalProperties else {
            return XCTFail("expected additionalProperties to be a schema")
        }
        XCTAssertEqual(extra.reference?.target, "#/components/schemas/Tag")
        XCTAssertTrue(extra.isNullable)
        XCTAssertEqual(schemas["Cat"]?.allOf.first?.reference?.target, "#/components/schemas/Pet")
    }

    func testReferencedParametersGoToComponentsOrRequestBodies() throws {
        let parsed = try parse(
            header + """
                consumes: [application/json]
                paths:
                  /pets:
                    parameters:
                      - $ref: '#/parameters/Limit'
                    post:
                      parameters:
                        - $ref: '#/parameters/NewPet'
                        - $ref: '#/parameters/Token'
                      responses: {'200': {description: OK}}
                  /forms:
                    post:
                      parameters:
                        - $ref: '#/parameters/Field'
                      responses: {'200': {description: OK}}
                parameters:
                  Limit: {name: limit, in: query, type: integer}
                  NewPet: {name: pet, in: body, required: true, schema: {$ref: '#/definitions/Pet'}}
                  Token: {name: token, in: header, type: string}
                  Field: {name: field, in: formData, type: string}
                  Alias: {$ref: '#/parameters/NewPet'}
                definitions:
                  Pet: {type: object}
                """)
        XCTAssertEqual(parsed.warnings, [])
        let document = parsed.document
        XCTAssertEqual(document.components.parameters.names, ["Limit", "Token"])
        XCTAssertEqual(document.components.requestBodies.names, ["NewPet", "Alias"])
        XCTAssertEqual(try document.resolve(try XCTUnwrap(document.components.requestBodies["Alias"])).required, true)
        let post = try operation(document, "post", "/pets")
        guard case .reference(let bodyReference) = try XCTUnwrap(post.requestBody) else {
            return XCTFail("expected a reference to the request body")
        }
        XCTAssertEqual(bodyReference.target, "#/components/requestBodies/NewPet")
        XCTAssertEqual(bodyReference.location, SourceLocation(file: "spec.yaml", line: 10, column: 17))
        let body = try document.resolve(try XCTUnwrap(post.requestBody))
        XCTAssertTrue(body.required)
        XCTAssertEqual(body.content["application/json"]?.schema?.reference?.target, "#/components/schemas/Pet")
        let names = try post.parameters.map { try document.resolve($0).name }
        XCTAssertEqual(names, ["limit", "token"])
        let form = try document.resolve(try XCTUnwrap(try operation(document, "post", "/forms").requestBody))
        XCTAssertEqual(form.content["application/x-www-form-urlencoded"]?.schema?.properties.map(\.name), ["field"])
    }

    func testComponentNamesOpenAPIDoesNotAllowAreRenamedWithAWarning() throws {
        let parsed = try parse(
            header + """
                paths:
                  /a:
                    get:
                      responses: {'200': {description: OK, schema: {$ref: '#/definitions/Page«Pet»'}}}
                definitions:
                  Page«Pet»: {type: object}
                """)
        XCTAssertEqual(parsed.document.components.schemas.names, ["Page_Pet_"])
        XCTAssertEqual(
            parsed.warnings.map(\.description),
            [
                "spec.yaml:8:3: warning: 'Page«Pet»' is not a valid OpenAPI 3.0 component name (letters, digits, "
                    + "'.', '-', '_'); it is read as 'Page_Pet_'"
            ])
        let response = try parsed.document.resolve(
            try XCTUnwrap(parsed.document.paths[0].operations[0].responses["200"]))
        XCTAssertEqual(
            response.content["application/json"]?.schema?.reference?.target, "#/components/schemas/Page_Pet_")
    }

    func testDiagnosticsPointAtTheSwaggerFile() {
        XCTAssertEqual(
            error("swagger: '1.2'\ninfo: {title: T, version: '1'}\n"),
            "spec.yaml:1:10: error: unsupported Swagger version '1.2'; expected 2.0, 3.0.x, 3.1.x or 3.2.x")
        XCTAssertEqual(
            error(
                header
                    + "paths:\n  /a/{id}:\n    get:\n      parameters:\n        - {name: id, in: path, type: string}\n"
                    + "      responses: {'200': {description: OK}}\n"),
            "spec.yaml:7:11: error: path parameter 'id' must have 'required: true'")
        XCTAssertEqual(
            error(header + "paths:\n  /a:\n    get:\n      responses: {'200': {schema: {type: string}}}\n"),
            "spec.yaml:6:26: error: a response is missing its required field 'description'")
        XCTAssertEqual(
            error(
                header + "paths:\n  /a:\n    get:\n"
                    + "      responses: {'200': {description: OK, schema: {$ref: '#/definitions/Nope'}}}\n"),
            "spec.yaml:6:59: error: '$ref: #/components/schemas/Nope' points to nothing: "
                + "there is no 'schemas' component by that name"
        )
        XCTAssertEqual(
            error(
                header + "paths:\n  /a:\n    post:\n      parameters:\n        - {name: a, in: body, schema: {}}\n"
                    + "        - {name: f, in: formData, type: string}\n      responses: {}\n"),
            "spec.yaml:7:11: error: operation 'POST /a' has both a body parameter and form parameters; "
                + "a request has one body\nspec.yaml:8:11: note: form parameter here")
    }

    func testWhatIsNotConvertedIsWarnedAbout() throws {
        let parsed = try parse(
            header + """
                host: example.com
                paths:
                  /a:
                    get:
                      parameters:
                        - {name: ids, in: query, type: array, collectionFormat: tsv, items: {type: string}}
                        - {name: p, in: header, type: array, collectionFormat: multi, items: {type: string}}
                        - {name: h, in: header, type: string, allowEmptyValue: true}
                      responses: {'200': {description: OK}}
                      callbacks: {}
                unknownTopLevel: 1
                """)
        XCTAssertEqual(
            parsed.warnings.map(\.description),
            [
                "spec.yaml:13:1: warning: unknown key 'unknownTopLevel' in the Swagger document is ignored",
                "spec.yaml:12:7: warning: unknown key 'callbacks' in operation 'GET /a' is ignored",
                "spec.yaml:8:65: warning: 'collectionFormat: tsv' has no OpenAPI 3.0 equivalent; the values are "
                    + "sent comma-separated",
                "spec.yaml:9:64: warning: 'collectionFormat: multi' applies only to query and form parameters; the "
                    + "values are sent comma-separated",
                "spec.yaml:10:47: warning: 'allowEmptyValue' applies only to query parameters and is ignored",
            ])
        let parameters = try operation(parsed.document, "get", "/a").parameters.map { try parsed.document.resolve($0) }
        XCTAssertEqual(parameters.map(\.style), ["form", "simple", nil])
        XCTAssertEqual(parameters.map(\.explode), [false, nil, nil])
    }

    func testJSONSwaggerIsReadToo() throws {
        let parsed = try parse(
            #"{"swagger": "2.0", "info": {"title": "T", "version": "1"}, "host": "x.example", "basePath": "/", "#
                + #""paths": {"/a": {"get": {"responses": {"200": {"description": "OK"}}}}}}"#,
            file: "spec.json")
        XCTAssertEqual(parsed.warnings, [])
        XCTAssertEqual(parsed.document.servers.map(\.url), ["https://x.example"])
        XCTAssertEqual(parsed.document.paths.map(\.path), ["/a"])
    }

    /// A Swagger spec split over files: the other file's definitions, parameters and
    /// responses are bundled in and converted like the document's own, without taking
    /// the names of the document's own.
    func testMultiFileSwaggerIsBundledThenConverted() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("swagger2-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try """
        definitions:
          Pet:
            type: object
            properties:
              owner: {$ref: '#/definitions/Owner'}
              name: {type: string, x-nullable: true}
          Owner: {type: object}
        parameters:
          NewPet: {name: pet, in: body, schema: {$ref: '#/definitions/Pet'}}
          Page: {name: page, in: query, type: integer}
        responses:
          Gone: {description: Gone, schema: {$ref: '#/definitions/Pet'}}
        """.write(to: directory.appendingPathComponent("common.yaml"), atomically: true, encoding: .utf8)
        let spec =
            header + """
                paths:
                  /pets:
                    post:
                      parameters:
                        - $ref: 'common.yaml#/parameters/NewPet'
                        - $ref: '#/parameters/Page'
                      responses:
                        '200': {description: OK, schema: {$ref: 'common.yaml#/definitions/Pet'}}
                        '410': {$ref: '#/responses/Gone'}
                parameters:
                  Page: {$ref: 'common.yaml#/parameters/Page'}
                responses:
                  Gone: {$ref: 'common.yaml#/responses/Gone'}
                definitions:
                  Pet: {type: object, description: Not the other file's Pet}
                """
        let path = directory.appendingPathComponent("spec.yaml").path
        try spec.write(toFile: path, atomically: true, encoding: .utf8)
        let parsed = try parse(spec, file: path)
        XCTAssertEqual(parsed.warnings, [])
        let document = parsed.document
        XCTAssertEqual(document.components.schemas.names, ["Pet", "Owner", "Pet2"])
        XCTAssertEqual(document.components.requestBodies.names, ["NewPet"])
        XCTAssertEqual(document.components.parameters.names, ["Page", "Page2"])
        XCTAssertEqual(document.components.responses.names, ["Gone", "Gone2"])
        XCTAssertEqual(document.components.schemas["Pet"]?.description, "Not the other file's Pet")
        let pet = try XCTUnwrap(document.components.schemas["Pet2"])
        XCTAssertEqual(pet.properties[0].schema.reference?.target, "#/components/schemas/Owner")
        XCTAssertTrue(pet.properties[1].schema.isNullable)
        XCTAssertTrue(pet.location.file.hasSuffix("common.yaml"))
        let post = try operation(document, "post", "/pets")
        let body = try document.resolve(try XCTUnwrap(post.requestBody))
        XCTAssertEqual(body.content["application/json"]?.schema?.reference?.target, "#/components/schemas/Pet2")
        XCTAssertEqual(try post.parameters.map { try document.resolve($0).name }, ["page"])
        let gone = try document.resolve(try XCTUnwrap(post.responses["410"]))
        XCTAssertEqual(gone.content["application/json"]?.schema?.reference?.target, "#/components/schemas/Pet2")
    }
}
