import OpenAPIGenDeclarations

/// Stores large nested models out of line, so no model holds a large tree of others inline:
/// a struct property whose type is a generated struct or `oneOf` enum (optional or not)
/// weighing more than ``maxInlineWeight`` is `@Indirect`. (The enums themselves stay as
/// they are, `indirect` only where ``RecursionBreaker`` made them so: an `indirect` case
/// costs a boxed allocation and a run-time metadata lookup each time one is decoded, which
/// made decoding Stripe's customers a fifth slower.)
///
/// A model's *weight* is the number of stored values it holds inline: 1 for each property
/// of another kind (a string, a number, an array, a dictionary, a string enum, a model
/// stored out of line) plus the weight of each nested model it holds inline; an enum's is
/// 1 plus its heaviest payload's (1 for an `indirect` enum), payloads being inline.
///
/// Nothing changes in the API or the JSON: `@Indirect` is a transparent property wrapper
/// and an `indirect` enum is matched and built as before. What changes is the layout:
/// without it, a struct such as Stripe's `Invoice` holds dozens of nested structs inline
/// (each with its own), and the compiler writes out copying and destroying every one of
/// those values, in every function that copies an `Invoice` and in its value witnesses.
/// That was over 60% of the machine code of a large SDK and most of its build time. Small
/// models (an address, an amount with its currency) stay inline: boxing them would save
/// the compiler little and cost an allocation for each one decoded.
///
/// Runs after ``RecursionBreaker``, which has already marked the properties and enums
/// that close a cycle; this pass only adds to them.
enum OutOfLineStorage {
    /// The heaviest model kept inline in another.
    static let maxInlineWeight = 8

    static func apply(to declarations: [Declaration]) -> [Declaration] {
        let index = ModelIndex(declarations)
        return ModelLayout.rewrite(
            declarations, index: index, cycles: nil,
            heavy: heavyModels(index: index, targets: index.memberTargets(), cycles: nil))
    }

    /// By model of `index`: whether it weighs more than ``maxInlineWeight`` once the cycles
    /// are broken as `cycles` says (nil: as the models are). `targets` are the index's
    /// ``ModelIndex/memberTargets()``. A model's weight depends on the weights of the
    /// models it holds inline, and the breaker leaves no cycle of those, so every model's
    /// weight is computed, in any order.
    static func heavyModels(index: ModelIndex, targets: [[Int?]], cycles: RecursionBreaker.Cycles?) -> [Bool] {
        // Each model's weight once its own nested models are placed (memoised; a model met
        // again while its weight is being computed would be on a cycle the breaker has
        // cut, and counts 1).
        var weights: [Int?] = Array(repeating: nil, count: index.models.count)
        var inProgress: Set<Int> = []
        func weight(_ id: Int) -> Int {
            if let known = weights[id] { return known }
            guard inProgress.insert(id).inserted else { return 1 }
            defer { inProgress.remove(id) }
            var total = 1
            switch index.models[id] {
            case .structure(let structure):
                total = 0
                for (property, target) in zip(structure.properties, targets[id]) {
                    let isIndirect = property.isIndirect || cycles?.closesCycle(target: target, in: id) == true
                    total += isIndirect ? 1 : inlineWeight(of: target)
                }
            case .oneOf(let choice):
                // Payloads are inline in the enum, however heavy.
                let isIndirect = cycles.map { $0.indirectEnums[id] } ?? choice.isIndirect
                if !isIndirect {
                    var heaviest = 0
                    for target in targets[id] where cycles?.leadsBack(target: target, in: id) != true {
                        heaviest = max(heaviest, payloadWeight(of: target))
                    }
                    total = 1 + heaviest
                }
            default: break
            }
            weights[id] = total
            return total
        }
        /// What a value of a member naming `target` weighs as a struct's property: a model
        /// heavier than the limit is stored out of line, and weighs 1.
        func inlineWeight(of target: Int?) -> Int {
            let weight = payloadWeight(of: target)
            return weight > maxInlineWeight ? 1 : weight
        }
        func payloadWeight(of target: Int?) -> Int {
            target.map(weight) ?? 1
        }
        for id in weights.indices { _ = weight(id) }
        return weights.map { $0! > maxInlineWeight }
    }
}
