import OpenAPIGenDeclarations
import OpenAPIGenRenderer
import OpenAPIGenSyntax
import OpenAPIGenTranslator
import XCTest

/// The lowering alone: declarations in, syntax out (printed only to read it easily).
final class SyntaxLoweringTests: XCTestCase {
    private func lower(_ declarations: [OpenAPIGenDeclarations.Declaration], access: AccessLevel = .public)
        -> [OpenAPIGenSyntax.Declaration]
    {
        let file = SwiftFile(name: "A.swift", header: [], imports: [], declarations: declarations)
        return SyntaxLowering(moduleName: "Pets", accessLevel: access).lower([file])[0].declarations
    }

    private func operation(
        parameters: [OperationDeclaration.Parameter] = [], body: OperationDeclaration.Body? = nil,
        outcomes: [OperationDeclaration.Outcome] = [], method: String = "GET", isDeprecated: Bool = false
    ) -> OperationDeclaration {
        OperationDeclaration(
            functionName: "getPet", operationID: "get\"Pet", summary: nil, documentation: Documentation(),
            isDeprecated: isDeprecated, method: method, path: "/pets/{id}", parameters: parameters, body: body,
            outcomes: outcomes, defaultOutcome: nil, returnType: nil)
    }

    private func client(_ operations: [OperationDeclaration]) -> OpenAPIGenDeclarations.Declaration {
        .client(
            ClientDeclaration(
                name: "PetsClient", documentation: Documentation(), defaultServerURL: nil, authentication: .none,
                operations: operations))
    }

    /// The statements of the client's first method.
    private func methodBody(_ declarations: [OpenAPIGenSyntax.Declaration]) throws -> [Statement] {
        guard case .struct(let client) = declarations[1] else { throw NoMethod() }
        for member in client.members {
            if case .commented(_, .function(let function)) = member, case .function = function.kind,
                let body = function.body
            {
                return body
            }
        }
        throw NoMethod()
    }

    private struct NoMethod: Error {}

    func testEveryTopLevelDeclarationFollowsABlankLine() {
        let alias = TypeAliasDeclaration(name: "ID", documentation: Documentation(), target: .named(.string))
        let lowered = lower([.typeAlias(alias), .typeAlias(alias)])
        XCTAssertEqual(lowered.count, 4)
        XCTAssertEqual(lowered[0], .blankLine)
        XCTAssertEqual(
            lowered[1], .typealias(TypealiasDescription(access: .public, name: "ID", target: .named("String"))))
    }

    func testATypeHiddenByANestedOneIsQualified() {
        let nested = OpenAPIGenDeclarations.Declaration.structure(
            StructDeclaration(name: "Date", documentation: Documentation(), properties: [], nestedTypes: []))
        let structure = StructDeclaration(
            name: "Event", documentation: Documentation(),
            properties: [
                PropertyDeclaration(name: "at", key: "at", type: .named(.date), documentation: Documentation())
            ],
            nestedTypes: [nested])
        guard case .struct(let event) = lower([.structure(structure)], access: .internal)[1],
            case .variable(let property) = event.members[0]
        else { return XCTFail("no struct") }
        XCTAssertEqual(event.access, .internal)
        XCTAssertEqual(property.type, .named(["Foundation", "Date"]))
    }

    func testParametersAreSentByTheRuntimeCallForTheirLocationAndStyle() throws {
        let parameters = [
            OperationDeclaration.Parameter(
                name: "id", wireName: "id", location: .path, type: .named(.string), explode: false, style: "label",
                isObject: false, isJSON: false, documentation: nil),
            OperationDeclaration.Parameter(
                name: "filter", wireName: "filter[]", location: .query, type: .optional(.named(.local("Filter"))),
                explode: true, style: "deepObject", isObject: true, isJSON: false, documentation: nil),
            OperationDeclaration.Parameter(
                name: "trace", wireName: "X-Trace", location: .header, type: .optional(.named(.string)), explode: false,
                style: nil, isObject: false, isJSON: false, documentation: nil),
        ]
        let body = try methodBody(lower([client([operation(parameters: parameters, method: "COPY")])]))
        XCTAssertEqual(
            SwiftPrinter.print(Array(body.dropLast(2))),
            """
            var request = RequestBuilder(method: HTTPMethod(rawValue: "COPY"), path: "/pets/{id}")
            request.setPathParameter("id", id, style: .label, explode: false)
            try request.addQueryObject("filter[]", filter, style: .deepObject, explode: true)
            request.setHeader("X-Trace", trace)

            """)
    }

    func testAnOptionalBodyIsSetOnlyWhenPresentAndSpecTextStaysInLiterals() throws {
        let body = try methodBody(
            lower([
                client([
                    operation(
                        body: OperationDeclaration.Body(
                            type: .optional(.named(.data)), format: .binary(contentType: "image/png\"); evil(\""),
                            documentation: nil))
                ])
            ]))
        XCTAssertEqual(
            SwiftPrinter.print(Array(body.dropLast())),
            #"""
            var request = RequestBuilder(method: .get, path: "/pets/{id}")
            if let body { request.setBody(body, contentType: "image/png\"); evil(\"") }
            let response = try await core.send(request, operationID: "get\"Pet", options: options)

            """#)
    }

    func testStatusesHandledAlikeShareACaseAndUndocumentedOnesThrow() throws {
        let outcomes = [
            OperationDeclaration.Outcome(statusCodes: [200], kind: .success(nil), description: "OK"),
            OperationDeclaration.Outcome(statusCodes: [204], kind: .success(nil), description: "No content"),
            OperationDeclaration.Outcome(statusCodes: [], statusRange: 4, kind: .failure(nil), description: "Bad"),
        ]
        let body = try methodBody(lower([client([operation(outcomes: outcomes)])]))
        XCTAssertEqual(
            SwiftPrinter.print([body.last!]),
            """
            switch response.statusCode {
            case 200, 204:
                return
            case 400..<500:
                throw core.documentedError(JSONValue.self, from: response, operationID: "get\\"Pet")
            default:
                throw core.unexpectedStatus(response, operationID: "get\\"Pet")
            }

            """)
    }

    func testADeprecatedOperationIsMarkedAndItsDocsNameTheRuntimeErrors() {
        guard case .struct(let client) = lower([client([operation(isDeprecated: true)])])[1],
            case .commented(let docs, .function(let function)) = client.members.last
        else { return XCTFail("no method") }
        XCTAssertEqual(function.attributes, [.deprecated])
        XCTAssertTrue(
            docs.lines.contains(.text("  - `UnexpectedStatusError` for a status the spec does not document.")))
        XCTAssertTrue(docs.lines.contains(.text(#"`GET /pets/{id}` (`get"Pet`)."#)))
    }

    func testTheProtocolDeclaresEveryOperationAndItsExtensionPassesTheDefaultOptions() {
        var declaration = ClientDeclaration(
            name: "PetsClient", documentation: Documentation(), defaultServerURL: nil, authentication: .none,
            operations: [operation()])
        declaration.protocolOperations = declaration.operations
        declaration.protocolName = "PetsClientProtocol"
        let lowered = lower([.client(declaration)])
        guard lowered.count == 8, case .commented(_, .protocol(let requirements)) = lowered[3],
            case .extension(let defaults) = lowered[5], case .extension(let conformance) = lowered[7]
        else { return XCTFail("no protocol, defaults and conformance: \(lowered)") }
        guard case .commented(let docs, .function(let requirement)) = requirements.members[0] else {
            return XCTFail("no requirement")
        }
        XCTAssertNil(requirement.body)
        XCTAssertNil(requirement.access)
        // The path and the operation ID are spec text: escaped by the printer, on one line.
        XCTAssertEqual(
            docs,
            DocComment([
                .joined([
                    .text("`GET "), .lines("/pets/{id}", separator: ""), .text("` (`"),
                    .lines("get\"Pet", separator: ""),
                    .text("`)."),
                ])
            ]))
        XCTAssertEqual(
            SwiftPrinter.print(Array(defaults.members)),
            """
            /// `get"Pet` with the client's default `RequestOptions`.
            public func getPet() async throws {
                try await getPet(options: RequestOptions())
            }

            """)
        XCTAssertEqual(conformance.conformances, [.named("PetsClientProtocol")])
        XCTAssertTrue(conformance.members.isEmpty)
    }

    func testAWebhookIsVerifiedBeforeItsBodyIsDecodedAndDispatchedByItsProperty() {
        let webhooks = WebhookDeclaration(
            name: "PetsWebhook", documentation: Documentation(),
            cases: [
                WebhookDeclaration.Case(
                    name: "petAdded", webhookName: "pet.added", method: "POST", payload: .named(.local("Pet")),
                    summary: nil,
                    documentation: Documentation(), dispatchValue: "pet.added")
            ], dispatchProperty: "type")
        var declaration = ClientDeclaration(
            name: "PetsClient", documentation: Documentation(), defaultServerURL: nil, authentication: .none,
            operations: [])
        declaration.webhooks = webhooks
        guard case .enum(let webhookEnum) = lower([.client(declaration)]).last,
            case .commented(_, .function(let dispatching)) = webhookEnum.members.last
        else { return XCTFail("no webhook enum") }
        XCTAssertEqual(dispatching.parameters.map(\.name), ["body", "headers", "verifier", "now"])
        XCTAssertTrue(dispatching.throwing)
        // `Pet` is declared in no file here, so it is spelled with the module name.
        XCTAssertEqual(
            SwiftPrinter.print(dispatching.body ?? []),
            """
            try verifier.verify(body: body, headers: headers, now: now)
            switch try WebhookDecoding.string(property: "type", in: body) {
            case "pet.added":
                self = .petAdded(
                    try WebhookDecoding.decode(Pets.Pet.self, from: body, webhook: "pet.added"))
            case let value:
                throw WebhookDecoding.unknownWebhook(value, property: "type")
            }

            """)
    }
}
