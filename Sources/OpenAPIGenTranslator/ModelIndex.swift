import OpenAPIGenDeclarations

import enum OpenAPIGenConcurrency.ConcurrentWork

/// The generated structs and `oneOf` enums of a set of declarations, numbered (each path is
/// hashed once, here), with the type aliases among them: what the layout passes
/// (``RecursionBreaker``, ``OutOfLineStorage``) need to follow a property's type to the
/// model it names.
struct ModelIndex {
    /// Each model's number, by its path (`["Invoice", "Lines"]` for a nested type).
    private(set) var ids: [[String]: Int] = [:]
    /// The models, by number.
    private(set) var models: [Declaration] = []
    private var aliases: [[String]: TypeUsage] = [:]

    init(_ declarations: [Declaration]) {
        for declaration in declarations { collect(declaration, in: []) }
    }

    private mutating func collect(_ declaration: Declaration, in parent: [String]) {
        let path = parent + [declaration.name]
        switch declaration {
        case .structure, .oneOf:
            if let existing = ids[path] {
                models[existing] = declaration
            } else {
                ids[path] = models.count
                models.append(declaration)
            }
        case .typeAlias(let alias):
            aliases[path] = alias.target
            return
        default: return
        }
        for nested in declaration.nestedTypes { collect(nested, in: path) }
    }

    /// By model: the model each of its members names directly (``target(of:)``): a
    /// struct's properties, an enum's cases, in order (none for other kinds). On every core.
    func memberTargets() -> [[Int?]] {
        ConcurrentWork.mapIndices(models.count, minimumCount: 512, itemsPerPiece: 256) { id in
            switch models[id] {
            case .structure(let structure): structure.properties.map { target(of: $0.type) }
            case .oneOf(let choice): choice.cases.map { target(of: $0.type) }
            default: []
            }
        }
    }

    /// The number of the generated struct or enum that `type` names directly: through `?`
    /// and type aliases, not through arrays or dictionaries (which store their elements
    /// out of line anyway).
    func target(of type: TypeUsage) -> Int? { target(of: type, depth: 0) }

    private func target(of type: TypeUsage, depth: Int) -> Int? {
        switch type {
        case .optional(let inner): return target(of: inner, depth: depth)
        case .named(let name) where name.module == nil:
            if let id = ids[name.path] { return id }
            guard depth < 64, let aliased = aliases[name.path] else { return nil }
            return target(of: aliased, depth: depth + 1)
        default: return nil
        }
    }
}
