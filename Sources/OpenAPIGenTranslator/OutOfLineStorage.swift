import OpenAPIGenDeclarations

/// Stores every generated model that holds another one out of line, so no model holds a
/// tree of others inline:
/// - a struct property whose type is a generated struct (optional or not) is `@Indirect`;
/// - a `oneOf` enum with a struct or `oneOf` payload is `indirect`.
///
/// Nothing changes in the API or the JSON: `@Indirect` is a transparent property wrapper
/// and an `indirect` enum is matched and built as before. What changes is the layout:
/// without it, a struct such as Stripe's `Invoice` holds dozens of nested structs inline
/// (each with its own), and the compiler writes out copying and destroying every one of
/// those fields, in every function that copies an `Invoice` and in its value witnesses.
/// That was over 60% of the machine code of a large SDK and most of its build time; out
/// of line, each model's copy is one reference count per nested model. Arrays and
/// dictionaries already store their elements out of line and are left as they are, as
/// are string enums and `oneOf` enums of scalars (small, no nested models).
///
/// Runs after ``RecursionBreaker``, which has already marked the properties and enums
/// that close a cycle; this pass only adds to them.
enum OutOfLineStorage {
    private enum Kind {
        case structure
        /// A `oneOf` enum, and whether it holds a struct or another `oneOf` (and so is made `indirect`).
        case choice(holdsModels: Bool)
    }

    static func apply(to declarations: [Declaration]) -> [Declaration] {
        var kinds: [[String]: Kind] = [:]
        var aliases: [[String]: TypeUsage] = [:]
        var choices: [([String], OneOfDeclaration)] = []
        func collect(_ declaration: Declaration, in parent: [String]) {
            let path = parent + [declaration.name]
            switch declaration {
            case .structure: kinds[path] = .structure
            case .oneOf(let choice):
                kinds[path] = .choice(holdsModels: false)
                choices.append((path, choice))
            case .typeAlias(let alias):
                aliases[path] = alias.target
                return
            default: return
            }
            for nested in declaration.nestedTypes { collect(nested, in: path) }
        }
        for declaration in declarations { collect(declaration, in: []) }

        /// The generated struct or enum a type names directly (through `?` and aliases,
        /// not through arrays or dictionaries).
        func directPath(_ type: TypeUsage, depth: Int = 0) -> [String]? {
            switch type {
            case .optional(let inner): return directPath(inner, depth: depth)
            case .named(let name) where name.module == nil:
                if kinds[name.path] != nil { return name.path }
                guard depth < 64, let target = aliases[name.path] else { return nil }
                return directPath(target, depth: depth + 1)
            default: return nil
            }
        }
        for (path, choice) in choices where choice.cases.contains(where: { directPath($0.type) != nil }) {
            kinds[path] = .choice(holdsModels: true)
        }

        func rewrite(_ declaration: Declaration, in parent: [String]) -> Declaration {
            let path = parent + [declaration.name]
            switch declaration {
            case .structure(var structure):
                for index in structure.properties.indices {
                    guard let target = directPath(structure.properties[index].type),
                        case .structure = kinds[target]
                    else { continue }
                    structure.properties[index].isIndirect = true
                }
                structure.nestedTypes = structure.nestedTypes.map { rewrite($0, in: path) }
                return .structure(structure)
            case .oneOf(var choice):
                if case .choice(holdsModels: true) = kinds[path] { choice.isIndirect = true }
                choice.nestedTypes = choice.nestedTypes.map { rewrite($0, in: path) }
                return .oneOf(choice)
            default:
                return declaration
            }
        }
        return declarations.map { rewrite($0, in: []) }
    }
}
