import OpenAPIGenDeclarations

/// Finds struct properties that make a struct contain itself (directly or through other
/// structs, not through an array or dictionary, which already store out of line) and
/// marks them `isIndirect`, so the generated types have a finite size and compile.
enum RecursionBreaker {
    static func apply(to declarations: [Declaration]) -> [Declaration] {
        var structs: [[String]: StructDeclaration] = [:]
        func collect(_ declaration: Declaration, in parent: [String]) {
            guard case .structure(let structure) = declaration else { return }
            let path = parent + [structure.name]
            structs[path] = structure
            for nested in structure.nestedTypes { collect(nested, in: path) }
        }
        for declaration in declarations { collect(declaration, in: []) }

        func directTarget(_ type: TypeUsage) -> [String]? {
            switch type {
            case .optional(let inner): return directTarget(inner)
            case .named(let name) where name.module == nil && structs[name.path] != nil: return name.path
            default: return nil
            }
        }
        var edges: [[String]: [[String]]] = [:]
        for (path, structure) in structs {
            edges[path] = structure.properties.compactMap { directTarget($0.type) }
        }
        var reachCache: [[String]: Set<[String]>] = [:]
        func reachable(from start: [String]) -> Set<[String]> {
            if let cached = reachCache[start] { return cached }
            var seen: Set<[String]> = []
            var stack = [start]
            while let node = stack.popLast() {
                for next in edges[node] ?? [] where seen.insert(next).inserted { stack.append(next) }
            }
            reachCache[start] = seen
            return seen
        }

        func rewrite(_ declaration: Declaration, in parent: [String]) -> Declaration {
            guard case .structure(var structure) = declaration else { return declaration }
            let path = parent + [structure.name]
            for index in structure.properties.indices {
                guard let target = directTarget(structure.properties[index].type) else { continue }
                if target == path || reachable(from: target).contains(path) {
                    structure.properties[index].isIndirect = true
                }
            }
            structure.nestedTypes = structure.nestedTypes.map { rewrite($0, in: path) }
            return .structure(structure)
        }
        return declarations.map { rewrite($0, in: []) }
    }
}
