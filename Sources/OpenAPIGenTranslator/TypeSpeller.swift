import OpenAPIGenDeclarations
import OpenAPIGenSyntax

/// Spells a type the shortest way that means the right type from where it is written.
/// Swift looks a name up in the enclosing types from the innermost out, then in the
/// module, then in imported modules; a nested `Invitee` hides the top-level one, and a
/// generated `Date` hides Foundation's, so such uses are qualified.
struct TypeSpeller {
    let moduleName: String
    /// The declared types as a tree: for each type (by index; the module's top level is 0),
    /// the types declared directly in it, by name. Types of the same name in the same
    /// place share an entry, as they share a path.
    private let children: [[String: Int]]
    /// The names of the types declared inside other types: any other name can only mean
    /// a top-level type (or none), wherever it is written.
    private let nestedNames: Set<String>

    init(moduleName: String, files: [SwiftFile]) {
        self.moduleName = moduleName
        var children: [[String: Int]] = [[:]]
        var nestedNames: Set<String> = []
        func visit(_ declaration: OpenAPIGenDeclarations.Declaration, in parent: Int) {
            if parent != 0 { nestedNames.insert(declaration.name) }
            let index: Int
            if let existing = children[parent][declaration.name] {
                index = existing
            } else {
                index = children.count
                children.append([:])
                children[parent][declaration.name] = index
            }
            for nested in declaration.nestedTypes { visit(nested, in: index) }
        }
        for file in files { for declaration in file.declarations { visit(declaration, in: 0) } }
        self.children = children
        self.nestedNames = nestedNames
    }

    /// The entries of `scope` and of each of its enclosing types that are declared types:
    /// element `d` is the type at `scope[0..<d]` (0 is the top level).
    private func chain(_ scope: [String]) -> [Int] {
        var chain = [0]
        chain.reserveCapacity(scope.count + 1)
        var node = 0
        for component in scope {
            guard let next = children[node][component] else { break }
            node = next
            chain.append(node)
        }
        return chain
    }

    /// The local type `name` refers to from `scope` (whose declared prefixes are `chain`):
    /// the length of the path of the type that declares it, or nil when it is not a local type.
    private func lookUp(_ name: String, in chain: [Int]) -> Int? {
        var depth = chain.count - 1
        while depth >= 0 {
            if children[chain[depth]][name] != nil { return depth }
            depth -= 1
        }
        return nil
    }

    func spell(_ type: TypeName, from scope: [String]) -> TypeSyntax {
        .named(path(type, from: scope).map { Identifier($0) })
    }

    private func path(_ type: TypeName, from scope: [String]) -> [String] {
        // Most names are declared by no type: only the top level can declare them.
        if !nestedNames.contains(type.path[0]) {
            let isTopLevel = children[0][type.path[0]] != nil
            if let module = type.module { return isTopLevel ? [module] + type.path : type.path }
            if type.path.count == 1 { return isTopLevel ? type.path : [moduleName] + type.path }
        }
        let chain = chain(scope)
        if let module = type.module {
            return lookUp(type.path[0], in: chain) == nil ? type.path : [module] + type.path
        }
        let count = type.path.count
        for length in 1...count {
            // The suffix means the type when its first name, looked up from `scope`, is
            // the type at `type.path[0...count - length]`.
            let first = count - length
            guard let depth = lookUp(type.path[first], in: chain), depth == first else { continue }
            if (0..<depth).allSatisfy({ scope[$0] == type.path[$0] }) { return Array(type.path.suffix(length)) }
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
