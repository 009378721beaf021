import OpenAPIGenDeclarations
import OpenAPIGenSyntax

/// Lower-case `UUID`s in encoded models. Foundation's `UUID` encodes itself in upper case
/// (`uuidString`); RFC 9562 asks for lower case on output, and a server that compares
/// identifiers as text (Box's metadata `$id`s) reads the upper-case form as another value.
/// A file whose structs have `UUID`, `UUID?`, `[UUID]` or `[UUID]?` properties gets a
/// `fileprivate` extension of `KeyedEncodingContainer` with those four overloads: the
/// synthesised `encode(to:)` of its structs picks them over the generic `encode`, so the
/// models' API stays `UUID`. Being `fileprivate`, the extension changes nothing outside
/// the file, neither a user's own types nor a second SDK in the same module.
struct UUIDEncodingLowering {
    let context: LoweringContext

    /// Whether a struct among `declarations` (nested ones included) has a `UUID` property.
    static func isNeeded(_ declarations: [OpenAPIGenDeclarations.Declaration]) -> Bool {
        declarations.contains { declaration in
            if case .structure(let structure) = declaration,
                structure.properties.contains(where: { holdsUUID($0.type) })
            {
                return true
            }
            return isNeeded(declaration.nestedTypes)
        }
    }

    private static func holdsUUID(_ type: TypeUsage) -> Bool {
        switch type.nonOptionalUsage {
        case .named(let name): name == .uuid
        case .array(.named(let name)): name == .uuid
        default: false
        }
    }

    /// `fileprivate extension KeyedEncodingContainer { … }`.
    func extensionDeclaration() -> OpenAPIGenSyntax.Declaration {
        let uuid = context.spell(.uuid, [])
        let key: TypeSyntax = .named("Key")
        let lowercased = Expression.type(context.spell(RuntimeNames.uuidText, [])).dot(RuntimeNames.uuidLowercased.name)
        func encode(_ type: TypeSyntax) -> OpenAPIGenSyntax.Declaration {
            .function(
                FunctionDescription(
                    isMutating: true, kind: .function("encode"),
                    parameters: [
                        ParameterDescription(label: .none, name: "value", type: type),
                        ParameterDescription(label: .named("forKey"), name: "key", type: key),
                    ],
                    throwing: true,
                    body: [
                        .expression(
                            .try(
                                .call(
                                    .name("encode"),
                                    [
                                        Argument(nil, .call(lowercased, [Argument(nil, .name("value"))])),
                                        Argument("forKey", .name("key")),
                                    ])))
                    ]))
        }
        func encodeIfPresent(_ type: TypeSyntax) -> OpenAPIGenSyntax.Declaration {
            .function(
                FunctionDescription(
                    isMutating: true, kind: .function("encodeIfPresent"),
                    parameters: [
                        ParameterDescription(label: .none, name: "value", type: .optional(type)),
                        ParameterDescription(label: .named("forKey"), name: "key", type: key),
                    ],
                    throwing: true,
                    body: [
                        .if(
                            IfDescription(
                                .optionalBinding("value", nil),
                                body: [
                                    .expression(
                                        .try(
                                            .call(
                                                .name("encode"),
                                                [Argument(nil, .name("value")), Argument("forKey", .name("key"))])))
                                ]))
                    ]))
        }
        let declaration = OpenAPIGenSyntax.Declaration.extension(
            ExtensionDescription(
                access: .fileprivate, type: context.spell(.swift("KeyedEncodingContainer"), []),
                members: [
                    encode(uuid), encodeIfPresent(uuid), encode(.array(uuid)), encodeIfPresent(.array(uuid)),
                ]))
        return context.commented(
            [
                "`UUID` properties encode in lower case (RFC 9562), where Foundation writes upper case.",
                "The structs of this file use these overloads rather than the generic `encode`.",
            ], declaration)
    }
}
