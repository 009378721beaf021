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
                    sum + (property.isIndirect ? 1 : inlineWeight(of: property.type))
                }
            case .oneOf(let choice):
                // Payloads are inline in the enum, however heavy.
                total = choice.isIndirect ? 1 : 1 + (choice.cases.map { payloadWeight(of: $0.type) }.max() ?? 0)
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
        func isHeavy(_ type: TypeUsage) -> Bool {
            guard let target = index.target(of: type) else { return false }
            return weight(target) > maxInlineWeight
        }

        func rewrite(_ declaration: Declaration, in parent: [String]) -> Declaration {
            let path = parent + [declaration.name]
            switch declaration {
            case .structure(var structure):
                for index in structure.properties.indices where isHeavy(structure.properties[index].type) {
                    structure.properties[index].isIndirect = true
                }
                structure.nestedTypes = structure.nestedTypes.map { rewrite($0, in: path) }
                return .structure(structure)
            case .oneOf(var choice):
                choice.nestedTypes = choice.nestedTypes.map { rewrite($0, in: path) }
                return .oneOf(choice)
            default:
                return declaration
            }
        }
        return declarations.map { rewrite($0, in: []) }
    }
}
