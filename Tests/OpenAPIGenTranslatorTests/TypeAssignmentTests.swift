import OpenAPIGenDeclarations
import OpenAPIGenDiagnostics
import OpenAPIGenModel
import XCTest

@testable import OpenAPIGenTranslator

/// `TypeTranslator.assignment(for:suggestedName:)`, the pure "which Swift type is this
/// schema" step, apart from declaring the inline types it finds.
final class TypeAssignmentTests: XCTestCase {
    static let spec = """
        openapi: 3.1.0
        info: {title: T, version: '1'}
        paths: {}
        components:
          schemas:
            Pet:
              type: object
              properties:
                name: {type: string}
                tags: {type: array, items: {type: object, properties: {label: {type: string}}}}
                status: {type: string, enum: [sold, available]}
                nickname: {type: [string, 'null']}
                choice: {oneOf: [{type: string}, {type: integer}]}
                scores: {type: object, additionalProperties: {type: integer, format: int64}}
                owner: {$ref: '#/components/schemas/Owner'}
            Owner:
              type: [object, 'null']
              properties:
                name: {type: string}
        """

    private func translator() throws -> (TypeTranslator, [String: Schema]) {
        let document = try DocumentParser.parse(
            Array(Self.spec.utf8), file: "pets.yaml", diagnostics: DiagnosticCollector())
        let pet = try XCTUnwrap(document.components.schemas["Pet"])
        return (TypeTranslator(document: document), Dictionary(uniqueKeysWithValues: pet.properties))
    }

    /// The type with inline types named after their suggested names.
    private func spelled(_ assignment: TypeAssignment) -> TypeUsage {
        assignment.usage { TypeName(module: nil, path: [$0.suggestedName]) }
    }

    func testExistingTypes() throws {
        let (types, properties) = try translator()
        let name = types.assignment(for: try XCTUnwrap(properties["name"]), suggestedName: "Name")
        XCTAssertNil(name.inlineType)
        XCTAssertEqual(spelled(name), .named(.string))
        let nickname = types.assignment(for: try XCTUnwrap(properties["nickname"]), suggestedName: "Nickname")
        XCTAssertEqual(spelled(nickname), .optional(.named(.string)))
        let scores = types.assignment(for: try XCTUnwrap(properties["scores"]), suggestedName: "Scores")
        XCTAssertEqual(spelled(scores), .dictionary(.named(.int64)))
        // A reference names the component's type, optional when the component is nullable.
        let owner = types.assignment(for: try XCTUnwrap(properties["owner"]), suggestedName: "Owner")
        XCTAssertNil(owner.inlineType)
        XCTAssertEqual(spelled(owner), .optional(.named(.local("Owner"))))
    }

    func testInlineTypesAreDescribedNotDeclared() throws {
        let (types, properties) = try translator()
        let namesBefore = types.topLevelNames.taken

        let tags = types.assignment(for: try XCTUnwrap(properties["tags"]), suggestedName: "Tags")
        let tag = try XCTUnwrap(tags.inlineType)
        XCTAssertEqual(tag.suggestedName, "Tag")  // an array's items take the singular
        guard case .structure(let shape) = tag.shape else { return XCTFail("\(tag.shape)") }
        XCTAssertEqual(shape.properties.map(\.name), ["label"])
        XCTAssertEqual(spelled(tags), .array(.named(.local("Tag"))))

        let status = types.assignment(for: try XCTUnwrap(properties["status"]), suggestedName: "Status")
        guard case .enumeration(let enumeration)? = status.inlineType?.shape else { return XCTFail("\(status)") }
        XCTAssertEqual(enumeration.cases.map(\.name), ["sold", "available"])

        let choice = types.assignment(for: try XCTUnwrap(properties["choice"]), suggestedName: "Choice")
        guard case .choice(let alternatives)? = choice.inlineType?.shape else { return XCTFail("\(choice)") }
        XCTAssertEqual(alternatives.count, 2)

        // Deciding declared nothing and took no name: asking twice gives the same answer.
        XCTAssertEqual(types.topLevelNames.taken, namesBefore)
        let again = types.assignment(for: try XCTUnwrap(properties["tags"]), suggestedName: "Tags")
        XCTAssertEqual(spelled(again), spelled(tags))
    }

    func testDeclaringNamesTheInlineTypeInItsScope() throws {
        var (types, properties) = try translator()
        var nested: [Declaration] = []
        var scope = NameScope(reserved: ["Tag"])
        let assignment = types.assignment(for: try XCTUnwrap(properties["tags"]), suggestedName: "Tags")
        let type = types.declare(assignment, in: ["Pet"], nested: &nested, scope: &scope)
        XCTAssertEqual(type, .array(.named(TypeName(module: nil, path: ["Pet", "Tag2"]))))
        XCTAssertEqual(nested.map(\.name), ["Tag2"])
    }
}
