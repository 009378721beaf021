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
        return ModelLayout.rewrite(
            declarations, index: index, cycles: cycles(in: index, targets: index.memberTargets()), heavy: nil)
    }

    /// The cycles of a set of models, and how they are broken.
    struct Cycles: Sendable {
        let index: ModelIndex
        /// By model: whether the `oneOf` enum is made `indirect`.
        let indirectEnums: [Bool]
        /// Components of the "stores" graph without the edges into indirect enums.
        private let pruned: [Int]
        /// Components of the graph of enums alone.
        private let throughEnums: [Int]
        private let enumEdges: [[Int]]

        init(index: ModelIndex, indirectEnums: [Bool], pruned: [Int], throughEnums: [Int], enumEdges: [[Int]]) {
            self.index = index
            self.indirectEnums = indirectEnums
            self.pruned = pruned
            self.throughEnums = throughEnums
            self.enumEdges = enumEdges
        }

        /// Whether a property of struct `id` of type `type` closes a cycle (is made
        /// `@Indirect`).
        func closesCycle(_ type: TypeUsage, in id: Int) -> Bool {
            closesCycle(target: index.target(of: type), in: id)
        }

        /// ``closesCycle(_:in:)`` for a property whose type names model `target` (nil: none).
        func closesCycle(target: Int?, in id: Int) -> Bool {
            guard let target, !indirectEnums[target] else { return false }
            return target == id || pruned[target] == pruned[id]
        }

        /// Whether a case of enum `id` with payload `type` leads back to the enum through
        /// enums alone (and goes): decoding would try the same value forever, and such a
        /// case adds no value the others lack.
        func leadsBack(_ type: TypeUsage, in id: Int) -> Bool {
            leadsBack(target: index.target(of: type), in: id)
        }

        /// ``leadsBack(_:in:)`` for a case whose payload names model `target` (nil: none).
        func leadsBack(target: Int?, in id: Int) -> Bool {
            guard let target else { return false }
            if target == id { return true }
            // The enum stores the case in place unless the case's type is an indirect enum
            // (its edge was taken out): then the components do not say whether the case
            // leads back, and the path is looked for.
            guard indirectEnums[target] else { return throughEnums[target] == throughEnums[id] }
            return reaches(id, from: target, through: enumEdges)
        }
    }

    /// Where the models of `index` contain themselves; `targets` are the index's
    /// ``ModelIndex/memberTargets()``.
    static func cycles(in index: ModelIndex, targets: [[Int?]]) -> Cycles {
        let holders = index.models
        // What each model stores in place: a struct its properties, an enum its cases.
        var edges = targets.map { $0.compactMap { $0 } }

        // First the enums: an `indirect` enum stores its cases out of line, which breaks
        // every cycle through it, so structs on such a cycle keep their plain properties.
        let whole = components(of: edges)
        var isIndirectEnum = [Bool](repeating: false, count: holders.count)
        for (id, declaration) in holders.enumerated() {
            guard case .oneOf = declaration else { continue }
            isIndirectEnum[id] = targets[id].contains { target in
                guard let target else { return false }
                return target == id || whole[target] == whole[id]
            }
        }
        for id in edges.indices { edges[id].removeAll { isIndirectEnum[$0] } }
        let pruned = components(of: edges)
        // Paths through enums alone: the edges of enums only.
        let enumEdges = holders.indices.map { id -> [Int] in
            if case .oneOf = holders[id] { edges[id] } else { [] }
        }
        return Cycles(
            index: index, indirectEnums: isIndirectEnum, pruned: pruned, throughEnums: components(of: enumEdges),
            enumEdges: enumEdges)
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
