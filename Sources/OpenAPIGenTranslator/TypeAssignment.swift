import OpenAPIGenDeclarations
import OpenAPIGenModel

/// Which Swift type a schema is where it is used, as ``TypeTranslator/assignment(for:suggestedName:)``
/// decides it without naming or declaring anything: a type that exists (a component's, a
/// configured replacement, a standard or runtime type), or an inline type still to be
/// declared, possibly inside optionals, arrays and dictionaries. A schema needs at most one
/// inline type where it is used (the inline type's own members are its business).
indirect enum TypeAssignment {
    /// A type that exists already; never `.optional` (that is ``optional(_:)``).
    case existing(TypeUsage)
    /// A type to declare from an inline schema.
    case inline(InlineType)
    case optional(TypeAssignment)
    case array(TypeAssignment)
    case dictionary(TypeAssignment)

    /// The assignment as an optional (unchanged when it is one).
    var asOptional: TypeAssignment {
        if case .optional = self { return self }
        return .optional(self)
    }

    /// The inline type to declare, if any.
    var inlineType: InlineType? {
        switch self {
        case .existing: nil
        case .inline(let inline): inline
        case .optional(let inner), .array(let inner), .dictionary(let inner): inner.inlineType
        }
    }

    /// The type used, with the inline type (if any) named by `declare`, which is called
    /// once for it.
    func usage(declaring declare: (InlineType) -> TypeName) -> TypeUsage {
        switch self {
        case .existing(let type): type
        case .inline(let inline): .named(declare(inline))
        case .optional(let inner): inner.usage(declaring: declare).asOptional
        case .array(let inner): .array(inner.usage(declaring: declare))
        case .dictionary(let inner): .dictionary(inner.usage(declaring: declare))
        }
    }
}

/// An inline schema that becomes a type of its own where it is used.
struct InlineType {
    enum Shape {
        /// An object with properties: a struct.
        case structure(TypeTranslator.ObjectShape)
        /// An enumeration (or `const`): an enum, named after the suggested name until it is
        /// declared.
        case enumeration(EnumDeclaration)
        /// A choice of these alternatives (`null` left out): a `oneOf` enum.
        case choice([Schema])
    }

    var shape: Shape
    /// The schema the type is declared from (its documentation, its discriminator).
    var schema: Schema
    /// The name the type takes unless the scope it is declared in has that name already.
    var suggestedName: String
}
