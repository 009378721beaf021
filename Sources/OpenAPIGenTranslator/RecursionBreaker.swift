import OpenAPIGenDeclarations

/// Finds where a generated value type would contain itself (directly or through other
/// structs and `oneOf` enums, not through an array or dictionary, which already store
/// out of line) and breaks the cycle: struct properties on it are marked `isIndirect`
/// (`@Indirect`) and enums on it `indirect`, so the types have a finite size and compile.
enum RecursionBreaker {
    static func apply(to declarations: [Declaration]) -> [Declaration] {
        let index = ModelIndex(declarations)
        let ids = index.ids
        let holders = index.models
        func directTarget(_ type: TypeUsage) -> Int? { index.target(of: type) }
        var edges: [[Int]] = holders.map { declaration in
            switch declaration {
            case .structure(let structure): structure.properties.compactMap { directTarget($0.type) }
            case .oneOf(let choice): choice.cases.compactMap { directTarget($0.type) }
            default: []
            }
        }
        var reachCache: [Set<Int>?] = Array(repeating: nil, count: holders.count)
        func reachable(from start: Int) -> Set<Int> {
            if let cached = reachCache[start] { return cached }
            var seen: Set<Int> = []
            var stack = [start]
            while let node = stack.popLast() {
                for next in edges[node] where seen.insert(next).inserted { stack.append(next) }
            }
            reachCache[start] = seen
            return seen
        }
        func reachableThroughEnums(from start: Int) -> Set<Int> {
            var seen: Set<Int> = []
            var stack = [start]
            while let node = stack.popLast() {
                guard case .oneOf = holders[node] else { continue }
                for next in edges[node] where seen.insert(next).inserted { stack.append(next) }
            }
            return seen
        }
        func closesCycle(_ type: TypeUsage, at id: Int) -> Bool {
            guard let target = directTarget(type) else { return false }
            return target == id || reachable(from: target).contains(id)
        }

        // First the enums: an `indirect` enum stores its cases out of line, which breaks
        // every cycle through it, so structs on such a cycle keep their plain properties.
        var indirectEnums: Set<Int> = []
        for (id, declaration) in holders.enumerated() {
            if case .oneOf(let choice) = declaration, choice.cases.contains(where: { closesCycle($0.type, at: id) }) {
                indirectEnums.insert(id)
            }
        }
        for id in edges.indices { edges[id].removeAll { indirectEnums.contains($0) } }
        reachCache = Array(repeating: nil, count: holders.count)

        func rewrite(_ declaration: Declaration, in parent: [String]) -> Declaration {
            let path = parent + [declaration.name]
            switch declaration {
            case .structure(var structure):
                let id = ids[path]!
                for index in structure.properties.indices {
                    guard let target = directTarget(structure.properties[index].type), !indirectEnums.contains(target)
                    else { continue }
                    if closesCycle(structure.properties[index].type, at: id) {
                        structure.properties[index].isIndirect = true
                    }
                }
                structure.nestedTypes = structure.nestedTypes.map { rewrite($0, in: path) }
                return .structure(structure)
            case .oneOf(var choice):
                let id = ids[path]!
                // A case that leads back to this enum through enums alone would make decoding
                // try the same value forever; such a case adds no value the others lack.
                choice.cases.removeAll { item in
                    guard let target = directTarget(item.type) else { return false }
                    return target == id || reachableThroughEnums(from: target).contains(id)
                }
                choice.isIndirect = indirectEnums.contains(id)
                choice.nestedTypes = choice.nestedTypes.map { rewrite($0, in: path) }
                return .oneOf(choice)
            default:
                return declaration
            }
        }
        return declarations.map { rewrite($0, in: []) }
    }
}
