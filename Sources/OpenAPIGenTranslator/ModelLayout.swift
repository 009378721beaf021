import OpenAPIGenDeclarations

import enum OpenAPIGenConcurrency.ConcurrentWork

/// The layout passes in one: ``RecursionBreaker`` then ``OutOfLineStorage``, with one index
/// of the models and one rewrite of the declarations (on every core) instead of one each.
/// The result is that of the two passes one after the other.
enum ModelLayout {
    static func apply(to declarations: [Declaration]) -> [Declaration] {
        let index = ModelIndex(declarations)
        let targets = index.memberTargets()
        let cycles = RecursionBreaker.cycles(in: index, targets: targets)
        return rewrite(
            declarations, index: index, cycles: cycles,
            heavy: OutOfLineStorage.heavyModels(index: index, targets: targets, cycles: cycles))
    }

    /// `declarations` with the cycles broken as `cycles` says (struct properties that close
    /// one `@Indirect`, enums on one `indirect`, cases that lead back left out), and struct
    /// properties whose model is `heavy` (by model of `index`) `@Indirect`.
    static func rewrite(
        _ declarations: [Declaration], index: ModelIndex, cycles: RecursionBreaker.Cycles?, heavy: [Bool]?
    ) -> [Declaration] {
        @Sendable func rewrite(_ declaration: Declaration, in parent: [String]) -> Declaration {
            let path = parent + [declaration.name]
            switch declaration {
            case .structure(var structure):
                let id = cycles.map { _ in index.ids[path]! }
                for property in structure.properties.indices {
                    let type = structure.properties[property].type
                    if let cycles, let id, cycles.closesCycle(type, in: id) {
                        structure.properties[property].isIndirect = true
                    }
                    if let heavy, let target = index.target(of: type), heavy[target] {
                        structure.properties[property].isIndirect = true
                    }
                }
                structure.nestedTypes = structure.nestedTypes.map { rewrite($0, in: path) }
                return .structure(structure)
            case .oneOf(var choice):
                if let cycles {
                    let id = index.ids[path]!
                    choice.cases.removeAll { cycles.leadsBack($0.type, in: id) }
                    choice.isIndirect = cycles.indirectEnums[id]
                }
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
}
