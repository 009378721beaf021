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
            declarations, index: index, cycles: nil, heavy: heavyModels(declarations, index: index, cycles: nil))
    }

    /// By model of `index`: whether it weighs more than ``maxInlineWeight``, once the
    /// cycles are broken as `cycles` says (nil: as the declarations are), for each model a
    /// struct property of `declarations` names.
    static func heavyModels(
        _ declarations: [Declaration], index: ModelIndex, cycles: RecursionBreaker.Cycles?
    ) -> [Bool] {
        // Each model's weight once its own nested models are placed (memoised; a model met
        // again while its weight is being computed is on a cycle the breaker has cut, and
        // counts 1).
        var weights: [Int?] = Array(repeating: nil, count: index.models.count)
        var inProgress: Set<Int> = []
        func weight(_ id: Int) -> Int {
            if let known = weights[id] { return known }
            guard inProgress.insert(id).inserted else { return 1 }
            defer { inProgress.remove(id) }
            var total = 1
            switch index.models[id] {
            case .structure(let structure):
                total = structure.properties.reduce(0) { sum, property in
                    let isIndirect = property.isIndirect || cycles?.closesCycle(property.type, in: id) == true
                    return sum + (isIndirect ? 1 : inlineWeight(of: property.type))
                }
            case .oneOf(let choice):
                // Payloads are inline in the enum, however heavy.
                let isIndirect = cycles.map { $0.indirectEnums[id] } ?? choice.isIndirect
                let cases = cycles.map { cycles in choice.cases.filter { !cycles.leadsBack($0.type, in: id) } }
                total = isIndirect ? 1 : 1 + ((cases ?? choice.cases).map { payloadWeight(of: $0.type) }.max() ?? 0)
            default: break
            }
            weights[id] = total
            return total
        }
        /// What a value of `type` weighs as a struct's property: a model heavier than the
        /// limit is stored out of line, and weighs 1.
        func inlineWeight(of type: TypeUsage) -> Int {
            let weight = payloadWeight(of: type)
            return weight > maxInlineWeight ? 1 : weight
        }
        func payloadWeight(of type: TypeUsage) -> Int {
            index.target(of: type).map(weight) ?? 1
        }
        // The weights in the order the properties are met.
        func visit(_ declaration: Declaration) {
            switch declaration {
            case .structure(let structure):
                for property in structure.properties {
                    if let target = index.target(of: property.type) { _ = weight(target) }
                }
                structure.nestedTypes.forEach(visit)
            case .oneOf(let choice):
                choice.nestedTypes.forEach(visit)
            default: break
            }
        }
        declarations.forEach(visit)
        return weights.map { ($0 ?? 0) > maxInlineWeight }
    }
}
