import OpenAPIGenDeclarations

/// Splits declarations into a fixed number of files of about the same size, keeping the
/// spec's order (neighbouring types stay together), so the compiler can work on the files
/// of a large SDK in parallel.
enum FileSplitter {
    /// `items` in `count` consecutive runs whose weights are as even as a cut between
    /// items allows; some runs are empty when there are fewer items than runs.
    static func partition<Item>(_ items: [Item], into count: Int, weight: (Item) -> Int) -> [[Item]] {
        guard count > 1 else { return [items] }
        let weights = items.map { max(weight($0), 1) }
        let total = weights.reduce(0, +)
        var parts: [[Item]] = Array(repeating: [], count: count)
        var before = 0
        for (item, itemWeight) in zip(items, weights) {
            // The run whose share of the total holds the item's midpoint.
            let index = min(count - 1, (2 * before + itemWeight) * count / (2 * total))
            parts[index].append(item)
            before += itemWeight
        }
        return parts
    }

    /// About how many lines a declaration renders to.
    static func weight(_ declaration: Declaration) -> Int {
        switch declaration {
        case .structure(let value):
            return 8 + 4 * value.properties.count + value.nestedTypes.reduce(0) { $0 + weight($1) }
        case .enumeration(let value):
            return 12 + 3 * value.cases.count
        case .oneOf(let value):
            return 12 + 3 * value.cases.count + value.nestedTypes.reduce(0) { $0 + weight($1) }
        case .typeAlias:
            return 2
        case .client(let value):
            return 30 + value.operations.reduce(0) { $0 + weight($1) }
        case .clientExtension(let value):
            return value.operations.reduce(0) { $0 + weight($1) }
        }
    }

    static func weight(_ operation: OperationDeclaration) -> Int {
        30 + 3 * operation.parameters.count + 2 * operation.outcomes.count
    }
}
