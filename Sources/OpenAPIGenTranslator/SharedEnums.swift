import OpenAPIGenDeclarations

/// Declares a string or integer enum once when the spec repeats it: a nested enum with the
/// same name and the same cases (values, Swift names and their docs) as one declared
/// earlier becomes a type alias of that one, so `Charge.Object` stays the name to write
/// and means the same type as `PaymentIntent.Object`.
///
/// Stripe's spec repeats its enums inline hundreds of times (`object: list` 111 times, a
/// list of 300 merchant categories 11 times): 596 of its 988 enums are repeats. Each enum
/// costs the compiler a dozen functions (value witnesses, conformance witnesses, the raw
/// value conversions), so the repeats were a large part of an SDK's build.
///
/// What changes for users: repeated enums are one type, so a value of one can be assigned
/// where another is expected, and an extension of one extends all. Deprecated enums are
/// left as they are (an alias could not say so).
enum SharedEnums {
    static func apply(to declarations: [Declaration]) -> [Declaration] {
        var declared: [EnumDeclaration: [String]] = [:]
        // A component schema's enum keeps its type: nested repeats become aliases of it.
        for case .enumeration(let enumeration) in declarations where !enumeration.isDeprecated {
            declared[key(enumeration)] = declared[key(enumeration)] ?? [enumeration.name]
        }
        func rewrite(_ declaration: Declaration, in parent: [String]) -> Declaration {
            let path = parent + [declaration.name]
            guard case .enumeration(let enumeration) = declaration else {
                return declaration.withNestedTypes(declaration.nestedTypes.map { rewrite($0, in: path) })
            }
            guard !enumeration.isDeprecated else { return declaration }
            guard let first = declared[key(enumeration)], first != path else {
                declared[key(enumeration)] = path
                return declaration
            }
            let note = "The same type as `\(first.joined(separator: "."))`, which has the same values."
            let lines = enumeration.documentation.lines
            return .typeAlias(
                TypeAliasDeclaration(
                    name: enumeration.name, documentation: Documentation(lines + (lines.isEmpty ? [] : [""]) + [note]),
                    target: .named(TypeName(module: nil, path: first))))
        }
        return declarations.map { rewrite($0, in: []) }
    }

    /// What two enums must share to be one: everything but their own documentation.
    private static func key(_ enumeration: EnumDeclaration) -> EnumDeclaration {
        var key = enumeration
        key.documentation = Documentation()
        return key
    }
}
