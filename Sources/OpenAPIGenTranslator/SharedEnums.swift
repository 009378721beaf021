import OpenAPIGenDeclarations

import enum OpenAPIGenConcurrency.ConcurrentWork

/// Declares a string or integer enum once when the spec repeats it: a nested enum with the
/// same name and the same cases (values, Swift names and their docs) as one declared
/// earlier becomes a type alias of that one, so `Charge.Object` stays the name to write
/// and means the same type as `PaymentIntent.Object`.
///
/// Stripe's spec repeats its enums inline hundreds of times (`object: list` 111 times, a
/// list of 300 merchant categories 11 times): 596 of its 988 enums are repeats. Each enum
/// costs the compiler a dozen functions (value witnesses, conformance witnesses, the raw
/// value conversions), so the repeats were a large part of an SDK's build.
///
/// What changes for users: repeated enums are one type, so a value of one can be assigned
/// where another is expected, and an extension of one extends all. Deprecated enums are
/// left as they are (an alias could not say so).
enum SharedEnums {
    static func apply(to declarations: [Declaration]) -> [Declaration] {
        // Every enum that may be shared, in the order the declarations are walked (each
        // top-level declaration, then its nested types in pre-order), with the range of
        // them that each top-level declaration holds.
        // (Each top-level declaration's on any core.)
        let perDeclaration = ConcurrentWork.mapIndices(declarations.count, minimumCount: 256, itemsPerPiece: 64) {
            index in
            var found: [(path: [String], enumeration: EnumDeclaration)] = []
            func collect(_ declaration: Declaration, path: [String]) {
                guard case .enumeration(let enumeration) = declaration else {
                    for child in declaration.nestedTypes { collect(child, path: path + [child.name]) }
                    return
                }
                if !enumeration.isDeprecated { found.append((path, enumeration)) }
            }
            collect(declarations[index], path: [declarations[index].name])
            return found
        }
        var runs: [Range<Int>] = []
        var start = 0
        for enums in perDeclaration {
            runs.append(start..<start + enums.count)
            start += enums.count
        }
        let found = perDeclaration.flatMap { $0 }
        // The keys on every core (each hashed once, in full).
        let items = found
        let keys = ConcurrentWork.mapIndices(items.count, minimumCount: 512, itemsPerPiece: 256) {
            key(items[$0].enumeration)
        }
        // A component schema's enum keeps its type: nested repeats become aliases of it.
        var declared: [HashedOnce<EnumDeclaration>: [String]] = [:]
        for (index, item) in found.enumerated() where item.path.count == 1 {
            declared[keys[index]] = declared[keys[index]] ?? item.path
        }
        // Which enums become aliases, and of what: the first enum with their key.
        var aliasOf: [[String]?] = Array(repeating: nil, count: found.count)
        for (index, item) in found.enumerated() {
            if let first = declared[keys[index]], first != item.path {
                aliasOf[index] = first
            } else {
                declared[keys[index]] = item.path
            }
        }
        // Each top-level declaration with its repeats made aliases, on every core.
        let aliases = aliasOf
        let walked = runs
        return ConcurrentWork.mapIndices(declarations.count, minimumCount: 256, itemsPerPiece: 64) { index in
            let run = walked[index]
            guard aliases[run].contains(where: { $0 != nil }) else { return declarations[index] }
            var next = run.lowerBound
            func rewrite(_ declaration: Declaration) -> Declaration {
                guard case .enumeration(let enumeration) = declaration else {
                    return declaration.withNestedTypes(declaration.nestedTypes.map(rewrite))
                }
                guard !enumeration.isDeprecated else { return declaration }
                defer { next += 1 }
                guard let first = aliases[next] else { return declaration }
                let note = "The same type as `\(first.joined(separator: "."))`, which has the same values."
                let lines = enumeration.documentation.lines
                return .typeAlias(
                    TypeAliasDeclaration(
                        name: enumeration.name,
                        documentation: Documentation(lines + (lines.isEmpty ? [] : [""]) + [note]),
                        target: .named(TypeName(module: nil, path: first))))
            }
            return rewrite(declarations[index])
        }
    }

    /// What two enums must share to be one: everything but their own documentation.
    private static func key(_ enumeration: EnumDeclaration) -> HashedOnce<EnumDeclaration> {
        var key = enumeration
        key.documentation = Documentation()
        return HashedOnce(key)
    }
}
