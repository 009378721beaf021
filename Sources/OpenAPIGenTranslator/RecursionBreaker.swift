import OpenAPIGenDeclarations

import enum OpenAPIGenConcurrency.ConcurrentWork

/// Finds where a generated value type would contain itself (directly or through other
/// structs and `oneOf` enums, not through an array or dictionary, which already store
/// out of line) and breaks the cycle: struct properties on it are marked `isIndirect`
/// (`@Indirect`) and enums on it `indirect`, so the types have a finite size and compile.
///
/// A type contains itself exactly when it and the type it stores are in one strongly
/// connected component of the "stores" graph (it stores that type, so that type reaching
/// it back closes a cycle): the components are found once (Tarjan's algorithm), not a
/// search per property, and the declarations are then rewritten on every core.
enum RecursionBreaker {
    static func apply(to declarations: [Declaration]) -> [Declaration] {
        let index = ModelIndex(declarations)
        let ids = index.ids
        let holders = index.models
        // What each model stores in place: a struct its properties, an enum its cases.
        var edges: [[Int]] = ConcurrentWork.mapIndices(holders.count, minimumCount: 512, itemsPerPiece: 256) {
            switch holders[$0] {
            case .structure(let structure): structure.properties.compactMap { index.target(of: $0.type) }
            case .oneOf(let choice): choice.cases.compactMap { index.target(of: $0.type) }
            default: []
            }
        }

        // First the enums: an `indirect` enum stores its cases out of line, which breaks
        // every cycle through it, so structs on such a cycle keep their plain properties.
        let whole = components(of: edges)
        var isIndirectEnum = [Bool](repeating: false, count: holders.count)
        for (id, declaration) in holders.enumerated() {
            guard case .oneOf(let choice) = declaration else { continue }
            isIndirectEnum[id] = choice.cases.contains { item in
                guard let target = index.target(of: item.type) else { return false }
                return target == id || whole[target] == whole[id]
            }
        }
        for id in edges.indices { edges[id].removeAll { isIndirectEnum[$0] } }
        let pruned = components(of: edges)
        // Paths through enums alone: the edges of enums only.
        let enumEdges = holders.indices.map { id -> [Int] in
            if case .oneOf = holders[id] { edges[id] } else { [] }
        }
        let throughEnums = components(of: enumEdges)
        let indirectEnums = isIndirectEnum

        @Sendable func rewrite(_ declaration: Declaration, in parent: [String]) -> Declaration {
            let path = parent + [declaration.name]
            switch declaration {
            case .structure(var structure):
                let id = ids[path]!
                for property in structure.properties.indices {
                    guard let target = index.target(of: structure.properties[property].type), !indirectEnums[target]
                    else { continue }
                    if target == id || pruned[target] == pruned[id] {
                        structure.properties[property].isIndirect = true
                    }
                }
                structure.nestedTypes = structure.nestedTypes.map { rewrite($0, in: path) }
                return .structure(structure)
            case .oneOf(var choice):
                let id = ids[path]!
                // A case that leads back to this enum through enums alone would make decoding
                // try the same value forever; such a case adds no value the others lack.
                choice.cases.removeAll { item in
                    guard let target = index.target(of: item.type) else { return false }
                    if target == id { return true }
                    // The enum stores the case in place unless the case's type is an
                    // indirect enum (its edge was taken out): then the components do not
                    // say whether the case leads back, and the path is looked for.
                    guard indirectEnums[target] else { return throughEnums[target] == throughEnums[id] }
                    return reaches(id, from: target, through: enumEdges)
                }
                choice.isIndirect = indirectEnums[id]
                choice.nestedTypes = choice.nestedTypes.map { rewrite($0, in: path) }
                return .oneOf(choice)
            default:
                return declaration
            }
        }
        return ConcurrentWork.mapIndices(declarations.count, minimumCount: 256, itemsPerPiece: 64) {
            rewrite(declarations[$0], in: [])
        }
    }

    /// Whether a path of one or more edges leads from `start` to `goal`.
    private static func reaches(_ goal: Int, from start: Int, through edges: [[Int]]) -> Bool {
        var seen = Set<Int>()
        var stack = [start]
        while let node = stack.popLast() {
            for next in edges[node] where seen.insert(next).inserted {
                if next == goal { return true }
                stack.append(next)
            }
        }
        return false
    }

    /// Each node's strongly connected component, numbered (Tarjan's algorithm, without
    /// recursion: a chain of thousands of types must not overflow the stack).
    static func components(of edges: [[Int]]) -> [Int] {
        let count = edges.count
        var order = [Int](repeating: -1, count: count)
        var low = [Int](repeating: 0, count: count)
        var onStack = [Bool](repeating: false, count: count)
        var component = [Int](repeating: -1, count: count)
        var stack: [Int] = []
        var work: [(node: Int, edge: Int)] = []
        var visited = 0
        var components = 0
        func visit(_ node: Int) {
            order[node] = visited
            low[node] = visited
            visited += 1
            stack.append(node)
            onStack[node] = true
            work.append((node, 0))
        }
        for root in 0..<count where order[root] < 0 {
            visit(root)
            while let (node, edge) = work.last {
                if edge < edges[node].count {
                    work[work.count - 1].edge += 1
                    let next = edges[node][edge]
                    if order[next] < 0 {
                        visit(next)
                    } else if onStack[next] {
                        low[node] = min(low[node], order[next])
                    }
                    continue
                }
                work.removeLast()
                if let parent = work.last?.node { low[parent] = min(low[parent], low[node]) }
                guard low[node] == order[node] else { continue }
                while let member = stack.popLast() {
                    onStack[member] = false
                    component[member] = components
                    if member == node { break }
                }
                components += 1
            }
        }
        return component
    }
}
