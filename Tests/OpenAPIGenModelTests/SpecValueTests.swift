import OpenAPIGenDiagnostics
import OpenAPIGenModel
import XCTest

/// `example` and `default` values reach the model as ``SpecValue``s: JSON's kinds of value
/// read the way YAML 1.2's core schema reads scalars, each with its text and location.
final class SpecValueTests: XCTestCase {
    private func example(_ yaml: String) throws -> SpecValue {
        let parsed = try parse(
            """
            openapi: 3.1.0
            info: {title: T, version: '1'}
            paths: {}
            components:
              schemas:
                Thing:
                  example: \(yaml)
            """)
        return try XCTUnwrap(parsed.document.components.schemas["Thing"]?.example)
    }

    func testPlainScalarsAreReadByTheCoreSchemaAndKeepTheirText() throws {
        let cases: [(String, SpecValue.Kind, String)] = [
            ("~", .null, "~"),
            ("null", .null, "null"),
            ("True", .bool(true), "True"),
            ("0x1F", .integer(31), "0x1F"),
            ("-12", .integer(-12), "-12"),
            ("1.50", .number(1.5), "1.50"),
            ("1e3", .number(1000), "1e3"),
            ("hello", .string("hello"), "hello"),
        ]
        for (yaml, kind, text) in cases {
            let value = try example(yaml)
            XCTAssertEqual(value.kind, kind, yaml)
            XCTAssertEqual(value.text, text, yaml)
        }
    }

    func testQuotedAndTaggedScalarsAreStrings() throws {
        XCTAssertEqual(try example("'42'").kind, .string("42"))
        XCTAssertEqual(try example("\"true\"").kind, .string("true"))
        XCTAssertEqual(try example("!!str 7").kind, .string("7"))
        XCTAssertEqual(try example("'null'").kind, .string("null"))
    }

    func testScalarReadings() throws {
        let integer = try XCTUnwrap(try example("0x0C").scalar)
        XCTAssertEqual(integer.value, "0x0C")
        XCTAssertEqual(integer.intValue, 12)
        XCTAssertEqual(integer.doubleValue, 12)
        XCTAssertNil(integer.boolValue)
        XCTAssertFalse(integer.isNull)
        let number = try XCTUnwrap(try example("2.5").scalar)
        XCTAssertNil(number.intValue)
        XCTAssertEqual(number.doubleValue, 2.5)
        XCTAssertEqual(try example("false").scalar?.boolValue, false)
        let quoted = try XCTUnwrap(try example("'3'").scalar)
        XCTAssertNil(quoted.intValue, "a quoted number is a string")
        XCTAssertNil(quoted.doubleValue)
        XCTAssertEqual(quoted.value, "3")
        XCTAssertEqual(try example("~").scalar?.isNull, true)
        XCTAssertEqual(try example("'~'").scalar?.isNull, false)
        XCTAssertNil(try example("[1]").scalar, "a list is not a scalar")
    }

    func testCollectionsKeepOrderAndLocations() throws {
        let value = try example("{b: [1, two], a: {c: null}}")
        XCTAssertNil(value.text)
        XCTAssertEqual(value.location, SourceLocation(file: "spec.yaml", line: 7, column: 16))
        guard case .object(let members) = value.kind else { return XCTFail("an object: \(value)") }
        XCTAssertEqual(members.map(\.key), ["b", "a"])
        guard case .array(let items) = members[0].value.kind else { return XCTFail("a list") }
        XCTAssertEqual(items.map(\.kind), [.integer(1), .string("two")])
        XCTAssertEqual(items[1].location, SourceLocation(file: "spec.yaml", line: 7, column: 24))
        guard case .object(let inner) = members[1].value.kind else { return XCTFail("an object") }
        XCTAssertEqual(inner.map(\.key), ["c"])
        XCTAssertEqual(inner[0].value.kind, .null)
    }

    func testDefaultsAndParameterAndMediaTypeExamplesAreRead() throws {
        let parsed = try parse(
            """
            openapi: 3.1.0
            info: {title: T, version: '1'}
            paths:
              /things:
                get:
                  parameters:
                    - {name: limit, in: query, schema: {type: integer, default: 20}, example: 5}
                    - name: q
                      in: query
                      schema: {type: string}
                      examples: {first: {value: cats}, second: {value: dogs}}
                  requestBody:
                    content:
                      application/json: {schema: {type: object}, example: {name: Rex}}
                  responses:
                    '204': {description: done}
            """)
        let operation = try XCTUnwrap(parsed.document.paths.first?.operations.first)
        let parameters = try operation.parameters.map { try parsed.document.resolve($0) }
        XCTAssertEqual(parameters[0].schema?.defaultValue?.scalar?.intValue, 20)
        XCTAssertEqual(parameters[0].example?.scalar?.intValue, 5)
        XCTAssertEqual(parameters[1].example?.kind, .string("cats"), "the first of `examples`")
        let body = try parsed.document.resolve(try XCTUnwrap(operation.requestBody))
        XCTAssertEqual(
            body.content["application/json"]?.example?.kind,
            .object([
                SpecValue.Member(
                    key: "name",
                    value: SpecValue(
                        .string("Rex"), text: "Rex", at: SourceLocation(file: "spec.yaml", line: 14, column: 70)))
            ]))
    }
}
