import OpenAPIGenDeclarations
import OpenAPIGenSyntax

/// Spells a type the shortest way that means the right type from where it is written.
/// Swift looks a name up in the enclosing types from the innermost out, then in the
/// module, then in imported modules; a nested `Invitee` hides the top-level one, and a
/// generated `Date` hides Foundation's, so such uses are qualified.
struct TypeSpeller {
    let moduleName: String
    /// Names of the types declared directly in each type (the module's top level is `[]`).
    private let children: [[String]: Set<String>]

    init(moduleName: String, files: [SwiftFile]) {
        self.moduleName = moduleName
        var children: [[String]: Set<String>] = [:]
        func visit(_ declaration: OpenAPIGenDeclarations.Declaration, in parent: [String]) {
            children[parent, default: []].insert(declaration.name)
            for nested in declaration.nestedTypes { visit(nested, in: parent + [declaration.name]) }
        }
        for file in files { for declaration in file.declarations { visit(declaration, in: []) } }
        self.children = children
    }

    /// The local type `name` refers to from `scope`, or nil when it is not a local type.
    private func lookUp(_ name: String, from scope: [String]) -> [String]? {
        var depth = scope.count
        while depth >= 0 {
            let parent = Array(scope[0..<depth])
            if children[parent]?.contains(name) == true { return parent + [name] }
            depth -= 1
        }
        return nil
    }

    func spell(_ type: TypeName, from scope: [String]) -> TypeSyntax {
        .named(path(type, from: scope).map { Identifier($0) })
    }

    private func path(_ type: TypeName, from scope: [String]) -> [String] {
        if let module = type.module {
            return lookUp(type.path[0], from: scope) == nil ? type.path : [module] + type.path
        }
        for length in 1...type.path.count {
            let suffix = type.path.suffix(length)
            if lookUp(suffix.first!, from: scope) == Array(type.path.prefix(type.path.count - length + 1)) {
                return Array(suffix)
            }
        }
        return [moduleName] + type.path
    }

    func spell(_ type: TypeUsage, from scope: [String]) -> TypeSyntax {
        switch type {
        case .named(let name): spell(name, from: scope)
        case .optional(let inner): .optional(spell(inner, from: scope))
        case .array(let inner): .array(spell(inner, from: scope))
        case .dictionary(let inner): .dictionary(key: spell(.string, from: scope), value: spell(inner, from: scope))
        }
    }
}
