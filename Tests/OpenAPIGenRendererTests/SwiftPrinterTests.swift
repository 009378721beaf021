import OpenAPIGenRenderer
import OpenAPIGenSyntax
import XCTest

/// The printer alone: syntax in, Swift text out (no OpenAPI anywhere).
final class SwiftPrinterTests: XCTestCase {
    private let string = TypeSyntax.named("String")

    func testAFileHasItsHeaderABlankLineAndItsImports() {
        let file = SourceFile(
            name: "A.swift", header: ["Generated.", "two\nlines"], imports: ["Foundation"],
            declarations: [.blankLine, .typealias(TypealiasDescription(access: .public, name: "ID", target: string))])
        XCTAssertEqual(
            SwiftPrinter.print(file),
            """
            // Generated.
            // two lines

            import Foundation

            public typealias ID = String

            """)
    }

    func testAPrintedFileKeepsItsBytesAndEqualsTheSameText() {
        let file = SourceFile(
            name: "A.swift", header: ["Généré ✓ from spec.yaml."], imports: [],
            declarations: [.typealias(TypealiasDescription(access: .public, name: "ID", target: string))])
        let printed = SwiftPrinter.print([file])[0]
        let text = "// Généré ✓ from spec.yaml.\n\npublic typealias ID = String\n"
        let fromText = RenderedFile(name: "A.swift", contents: text)
        XCTAssertEqual(printed.contents, text)
        XCTAssertEqual(printed.byteCount, text.utf8.count)
        XCTAssertEqual(printed.withUTF8 { Array($0) }, Array(text.utf8))
        XCTAssertEqual(printed, fromText)
        XCTAssertEqual(printed.hashValue, fromText.hashValue)
        XCTAssertNotEqual(printed, RenderedFile(name: "B.swift", contents: text))
        XCTAssertNotEqual(printed, RenderedFile(name: "A.swift", contents: text + " "))
        var changed = printed
        changed.contents = "x"
        XCTAssertEqual(changed.withUTF8 { Array($0) }, Array("x".utf8))
        XCTAssertEqual(printed.contents, text)
    }

    func testAStructWithPropertiesAnInitialiserAndANestedEnum() {
        let structure = TypeDescription(
            access: .public, name: "Pet", conformances: [.named("Hashable"), .named("Sendable")],
            members: [
                .commented(
                    DocComment(text: ["The pet's name."]),
                    .variable(VariableDescription(access: .public, kind: .var, name: "name", type: string))),
                .variable(
                    VariableDescription(
                        attributes: [.propertyWrapper(.named("Indirect"))], access: .public, kind: .var,
                        name: "default",
                        type: .optional(.named("Pet")))),
                .blankLine,
                .function(
                    FunctionDescription(
                        access: .public, kind: .initializer,
                        parameters: [
                            ParameterDescription(name: "name", type: string),
                            ParameterDescription(
                                name: "default", type: .optional(.named("Pet")), defaultValue: .literal(.nil)),
                        ],
                        body: [
                            .expression(.assignment(Expression.selfReference.dot("name"), .identifier("name"))),
                            .expression(.assignment(Expression.selfReference.dot("default"), .identifier("default"))),
                        ])),
                .blankLine,
                .enum(
                    TypeDescription(
                        name: "CodingKeys", conformances: [string, .named("CodingKey")],
                        members: [
                            .enumCase(EnumCaseDescription(name: "name")),
                            .enumCase(EnumCaseDescription(name: "default", rawValue: .string("default-pet"))),
                        ])),
            ])
        XCTAssertEqual(
            SwiftPrinter.print([.struct(structure)]),
            """
            public struct Pet: Hashable, Sendable {
                /// The pet's name.
                public var name: String
                @Indirect public var `default`: Pet?

                public init(name: String, `default`: Pet? = nil) {
                    self.name = name
                    self.`default` = `default`
                }

                enum CodingKeys: String, CodingKey {
                    case name
                    case `default` = "default-pet"
                }
            }

            """)
    }

    func testAFittingSignatureBreaksAtEveryParameterOnlyWhenTooLong() {
        func function(_ names: [Identifier], width: Int) -> Declaration {
            .function(
                FunctionDescription(
                    access: .public, kind: .function("run"),
                    parameters: names.map { ParameterDescription(name: $0, type: .named("Int")) },
                    isAsync: true, throwing: true, returnType: string, body: [.return(.string("done"))],
                    layout: .fitting(LineWidth(width, countsIndentation: false))))
        }
        // `public func run(a: Int, b: Int) async throws -> String {` is 56 characters.
        XCTAssertEqual(
            SwiftPrinter.print([function(["a", "b"], width: 56)], indentation: 3),
            """
                        public func run(a: Int, b: Int) async throws -> String {
                            return "done"
                        }

            """)
        XCTAssertEqual(
            SwiftPrinter.print([function(["a", "b"], width: 55)]),
            """
            public func run(
                a: Int,
                b: Int
            ) async throws -> String {
                return "done"
            }

            """)
    }

    func testAFittingStatementCountsItsIndentationWhenAsked() {
        let call = Expression.call(
            Expression.identifier("request").dot("send"),
            [
                Argument(nil, .identifier("body")),
                Argument(
                    "encoding",
                    .dictionary(
                        [DictionaryElement(.string("a"), .member(nil, "deepObject"))], .wrappedWithTrailingCommas)),
            ], .onePerLine(2))
        let statement = Statement.if(IfDescription(.optionalBinding("body", nil), body: [.expression(.try(call))]))
        let line = #"if let body { try request.send(body, encoding: ["a": .deepObject]) }"#
        XCTAssertEqual(
            SwiftPrinter.print(
                [.fitting(LineWidth(line.count + 4, countsIndentation: true), statement)], indentation: 1),
            "    " + line + "\n")
        XCTAssertEqual(
            SwiftPrinter.print(
                [.fitting(LineWidth(line.count + 3, countsIndentation: true), statement)], indentation: 1),
            """
                if let body {
                    try request.send(
                        body,
                        encoding: [
                            "a": .deepObject,
                        ])
                }

            """)
    }

    func testSwitchCasesOnTheirLineOrIndented() {
        let statement = Statement.switch(
            SwitchDescription(
                subject: .identifier("code"),
                cases: [
                    SwitchCaseDescription(
                        .patterns([.literal(.integer(200)), .literal(.integer(201))]),
                        body: [.return(.literal(.bool(true)))],
                        sameLine: true),
                    SwitchCaseDescription(
                        .patterns([.binary(.literal(.integer(400)), .halfOpenRange, .literal(.integer(500)))]),
                        body: [.throw(.call(.identifier("failure"), [Argument(nil, .identifier("code"))]))]),
                    SwitchCaseDescription(
                        .patterns([.binding("value")]), body: [.return(.literal(.nil))], sameLine: true),
                    SwitchCaseDescription(.default, body: [.return(nil)]),
                ]))
        XCTAssertEqual(
            SwiftPrinter.print([statement]),
            """
            switch code {
            case 200, 201: return true
            case 400..<500:
                throw failure(code)
            case let value: return nil
            default:
                return
            }

            """)
    }

    func testCallsBreakIntoTheLinesTheModelAsksFor() {
        let arguments = ["a", "b", "c", "d"].map { Argument(Identifier($0), .identifier(Identifier($0))) }
        let call = Expression.call(.type(.named("Core")), arguments, .lines([1, 2, 1]))
        XCTAssertEqual(
            SwiftPrinter.print([.expression(.assignment(.identifier("core"), call))]),
            """
            core = Core(
                a: a,
                b: b, c: c,
                d: d)

            """)
        XCTAssertEqual(SwiftPrinter.inline(call), "Core(a: a, b: b, c: c, d: d)")
        XCTAssertEqual(
            SwiftPrinter.inline(
                .call(.memberInit(.selfReference), [Argument("token", .closure([.expression(.identifier("token"))]))])),
            "self.init(token: { token })")
    }

    func testExpressions() {
        XCTAssertEqual(
            SwiftPrinter.inline(.forceUnwrap(.call(.type(.named("URL")), [Argument("string", .string("https://x"))]))),
            #"URL(string: "https://x")!"#)
        XCTAssertEqual(SwiftPrinter.inline(.metatype(.selfType)), "Self.self")
        XCTAssertEqual(SwiftPrinter.inline(.metatype(.named(["Swift", "String"]))), "Swift.String.self")
        XCTAssertEqual(SwiftPrinter.inline(.dictionary([], .wrappedWithTrailingCommas)), "[:]")
        XCTAssertEqual(
            SwiftPrinter.inline(.array([.array([.string("a")], .inline), .array([], .inline)], .inline)),
            #"[["a"], []]"#)
        XCTAssertEqual(
            SwiftPrinter.inline(.subscript(.identifier("headers"), [.string("Accept")])), #"headers["Accept"]"#)
        XCTAssertEqual(
            SwiftPrinter.inline(.call(.identifier("f"), [Argument("errors", .inOut(.identifier("errors")))])),
            "f(errors: &errors)")
        XCTAssertEqual(SwiftPrinter.inline(.binary(.identifier("a"), .plus, .array([], .inline))), "a + []")
        XCTAssertEqual(SwiftPrinter.inline(.literal(.double(1.5))), "1.5")
        // Argument labels need backticks only for `inout`, `var` and `let`; references always.
        XCTAssertEqual(
            SwiftPrinter.inline(
                .call(.identifier("f"), [Argument("in", .identifier("in")), Argument("let", .identifier("let"))])),
            "f(in: `in`, `let`: `let`)")
        XCTAssertEqual(SwiftPrinter.inline(.try(.await(.call(.identifier("run"), [])))), "try await run()")
    }

    func testTypes() {
        XCTAssertEqual(TypeSyntax.optional(.existential(.named("Error"))).description, "(any Error)?")
        XCTAssertEqual(
            TypeSyntax.optional(.tuple([TupleElement("username", string), TupleElement("password", string)]))
                .description,
            "(username: String, password: String)?")
        XCTAssertEqual(
            TypeSyntax.attributed(
                ["escaping", "Sendable"], .function(parameters: [], isAsync: true, throwing: true, returnType: string)
            )
            .description,
            "@escaping @Sendable () async throws -> String")
        XCTAssertEqual(
            TypeSyntax.dictionary(key: string, value: .array(.named(["M", "Self"]))).description, "[String: [M.`Self`]]"
        )
    }

    /// Spec text in a string literal or a doc comment cannot end it or hide code.
    func testSpecTextIsEscapedWhereItLands() {
        let hostile = "\"); evil() //\n*/ \u{202E}"
        XCTAssertEqual(SwiftPrinter.inline(.string(hostile)), #""\"); evil() //\n*/ \u{202E}""#)
        let comment = DocComment([
            .text(""), .text("Line one\nline two  "),
            .joined([.text("Server `"), .lines("https://a\n.b  \nc", separator: ""), .text("`, tab:\there")]),
            .text(hostile), .text(""),
        ])
        XCTAssertEqual(
            SwiftPrinter.print([.commented(comment, .enumCase(EnumCaseDescription(name: "a")))]),
            """
            /// Line one
            /// line two
            /// Server `https://a.bc`, tab:    here
            /// "); evil() //
            /// */ U+202E
            case a

            """)
        // A comment without text is left out.
        XCTAssertEqual(
            SwiftPrinter.print([.commented(DocComment(text: ["", " "]), .enumCase(EnumCaseDescription(name: "a")))]),
            "case a\n")
    }

    func testEmptyBodiesAndExtensions() {
        XCTAssertEqual(
            SwiftPrinter.print([
                .extension(
                    ExtensionDescription(type: .named("Client"), conformances: [.named("ClientProtocol")], members: [])),
                .function(FunctionDescription(access: .public, kind: .initializer, body: [])),
                .protocol(
                    TypeDescription(
                        name: "P",
                        members: [
                            .function(
                                FunctionDescription(
                                    attributes: [.deprecated], kind: .function("f"), isAsync: true, throwing: true,
                                    body: nil))
                        ])),
            ]),
            """
            extension Client: ClientProtocol {}
            public init() {}
            protocol P {
                @available(*, deprecated)
                func f() async throws
            }

            """)
    }

    func testAFileprivateExtensionWithAMutatingFunction() {
        XCTAssertEqual(
            SwiftPrinter.print([
                .extension(
                    ExtensionDescription(
                        access: .fileprivate, type: .named("Box"),
                        members: [
                            .function(
                                FunctionDescription(
                                    isMutating: true, kind: .function("reset"), throwing: true,
                                    body: [.expression(.assignment(.name("count"), .literal(.integer(0))))]))
                        ]))
            ]),
            """
            fileprivate extension Box {
                mutating func reset() throws {
                    count = 0
                }
            }

            """)
    }
}
