import OpenAPIGenDeclarations

import enum OpenAPIGenConcurrency.ConcurrentWork

/// Emits a nested type once when the spec repeats it: inline schemas that translate to
/// the same declaration under the same name in several places (Stripe repeats its
/// `metadata` and expandable-field choices in hundreds of types) become one top-level
/// type that every place refers to. Less code to read, and less for the compiler.
enum SharedTypes {
    static func apply(
        to declarations: [Declaration], client: ClientDeclaration, names: inout NameScope
    ) -> ([Declaration], ClientDeclaration) {
        // Every nested declaration, in pre-order, with its path (each top-level
        // declaration's on any core).
        let nested = ConcurrentWork.mapIndices(declarations.count, minimumCount: 256, itemsPerPiece: 64) { index in
            var found: [Nested] = []
            collect(declarations[index], path: [declarations[index].name], topIndex: index, into: &found)
            return found
        }.flatMap { $0 }
        // Each shareable type's digest, on every core: a type whose digest no other has
        // cannot be shared (types of one shape have one digest).
        let items = nested
        let digests = ConcurrentWork.mapIndices(items.count, minimumCount: 512, itemsPerPiece: 256) { index in
            let declaration = items[index].declaration
            return worthSharing(declaration) ? digest(name: declaration.name, shape: declaration) : nil
        }
        // The candidates by digest, in order: a type whose digest no other has cannot be
        // shared.
        var byDigest: [Int: [Int]] = [:]
        for index in items.indices {
            if let digest = digests[index] { byDigest[digest, default: []].append(index) }
        }
        let buckets = byDigest.values.filter { $0.count > 1 }
        // Each digest's candidates grouped in order, on every core (the largest digests
        // first): each joins the first group whose first member has its shape (no copy of
        // either is made). Groups are then taken in the order of their first members,
        // whatever order the digests came in.
        let largestFirst = buckets.indices.sorted { (buckets[$0].count, $0) > (buckets[$1].count, $1) }
        let groups = ConcurrentWork.map(buckets.count, priority: largestFirst) { bucket in
            var groups: [(representative: Int, members: [Int])] = []
            for candidate in buckets[bucket] {
                let item = items[candidate]
                let group = groups.firstIndex { group in
                    let first = items[group.representative]
                    return sameShape(first.declaration, at: first.path, item.declaration, at: item.path)
                }
                if let group {
                    groups[group].members.append(candidate)
                } else {
                    groups.append((candidate, [candidate]))
                }
            }
            return groups
        }.flatMap { $0 }.sorted { $0.representative < $1.representative }
        // Each nested type's parent among them (nil for a top-level declaration's child):
        // pre-order, so it is the last type met one level up.
        var parents: [Int?] = []
        parents.reserveCapacity(nested.count)
        var lastAtDepth: [Int] = []
        for (index, item) in nested.enumerated() {
            let depth = item.path.count - 2
            parents.append(depth > 0 ? lastAtDepth[depth - 1] : nil)
            if lastAtDepth.count > depth { lastAtDepth[depth] = index } else { lastAtDepth.append(index) }
        }
        // Original paths and where the types are now; members of a group all go to its one
        // copy.
        var moved: [(path: [String], target: [String])] = []
        var isMoved = [Bool](repeating: false, count: nested.count)
        // By top-level index: the copies, their old paths and their names.
        var hoisted: [Int: [(Declaration, [String], String)]] = [:]
        for (representativeIndex, members) in groups {
            guard members.count > 1 else { continue }
            // Types that repeat only because the type around them repeats stay inside it.
            let insideShared = members.allSatisfy { member in
                var ancestor = parents[member]
                while let current = ancestor {
                    if isMoved[current] { return true }
                    ancestor = parents[current]
                }
                return false
            }
            if insideShared { continue }
            let representative = nested[representativeIndex]
            // The type keeps its name at the top level, or gets `Value` added; when both are
            // taken it stays where it is, since `Metadata3` would say less than
            // `Charge.Metadata`.
            let typeName = representative.declaration.name
            let candidates = typeName.hasSuffix("Value") ? [typeName] : [typeName, typeName + "Value"]
            guard let name = candidates.first(where: { !names.isTaken($0) }) else { continue }
            _ = names.claim(name)
            let target = [name]
            for member in members {
                moved.append((nested[member].path, target))
                isMoved[member] = true
            }
            hoisted[representative.topIndex, default: []].append(
                (representative.declaration, representative.path, name))
        }
        guard !moved.isEmpty else { return (declarations, client) }
        let rewriting = Rewriting(moved: moved)
        // Each top-level declaration with the copies hoisted out of it, on every core.
        let hoistedCopies = hoisted
        let result = ConcurrentWork.mapIndices(declarations.count, minimumCount: 256, itemsPerPiece: 64) { index in
            let declaration = declarations[index]
            return [rewriting.rebuild(declaration, at: [declaration.name])]
                + (hoistedCopies[index] ?? []).map { copy, path, name in
                    rewriting.rebuild(copy, at: path).withName(name)
                }
        }.flatMap { $0 }
        let rewrite = rewriting.rewrite
        var client = client
        // The operations' types, on every core.
        let operations = client.operations
        client.operations = ConcurrentWork.mapIndices(operations.count, minimumCount: 256, itemsPerPiece: 64) { index in
            let rewrite = rewriting.rewrite
            var operation = operations[index]
            operation.parameters = operation.parameters.map {
                var parameter = $0
                parameter.type = rewrite(parameter.type)
                return parameter
            }
            if var body = operation.body {
                body.type = rewrite(body.type)
                operation.body = body
            }
            operation.returnType = operation.returnType.map(rewrite)
            operation.outcomes = operation.outcomes.map { outcome in
                var outcome = outcome
                switch outcome.kind {
                case .success(let type): outcome.kind = .success(type.map(rewrite))
                case .failure(let type): outcome.kind = .failure(type.map(rewrite))
                }
                return outcome
            }
            return operation
        }
        if var webhooks = client.webhooks {
            webhooks.cases = webhooks.cases.map {
                var item = $0
                item.payload = rewrite(item.payload)
                return item
            }
            client.webhooks = webhooks
        }
        return (result, client)
    }

    private typealias Nested = (path: [String], declaration: Declaration, topIndex: Int)

    /// The types nested in `declaration` (at `path`), in pre-order, with their paths.
    private static func collect(_ declaration: Declaration, path: [String], topIndex: Int, into found: inout [Nested]) {
        for child in declaration.nestedTypes {
            let childPath = path + [child.name]
            found.append((childPath, child, topIndex))
            collect(child, path: childPath, topIndex: topIndex, into: &found)
        }
    }

    /// Where the moved types went, and how declarations and types are rewritten for it:
    /// immutable, so the rewriting runs on every core.
    private struct Rewriting: Sendable {
        /// The moved types' original paths as a tree of names, from the root (node 0): each
        /// node has the node of each name under it, and where the type at its path went when
        /// it moved. Paths are followed name by name, with no array made for each prefix.
        private var nodes: [(children: [String: Int], target: [String]?)] = [([:], nil)]

        init(moved: [(path: [String], target: [String])]) {
            for (path, target) in moved {
                var node = 0
                for name in path {
                    if let next = nodes[node].children[name] {
                        node = next
                    } else {
                        nodes.append(([:], nil))
                        nodes[node].children[name] = nodes.count - 1
                        node = nodes.count - 1
                    }
                }
                nodes[node].target = target
            }
        }

        /// Where the type at `path` is now: under the longest moved prefix's new path.
        func resolve(_ path: [String]) -> [String] {
            var node = 0
            var moved: (length: Int, target: [String])?
            for (index, name) in path.enumerated() {
                guard let next = nodes[node].children[name] else { break }
                node = next
                if let target = nodes[node].target { moved = (index + 1, target) }
            }
            guard let moved else { return path }
            return moved.target + path.dropFirst(moved.length)
        }

        func rewrite(_ type: TypeUsage) -> TypeUsage {
            type.mappingNames { $0.module == nil ? TypeName(module: nil, path: resolve($0.path)) : $0 }
        }

        /// The declaration at `path` with moved children left out and every type rewritten
        /// (itself when neither changes anything in it).
        func rebuild(_ declaration: Declaration, at path: [String]) -> Declaration {
            var node: Int? = 0
            for name in path { node = node.flatMap { nodes[$0].children[name] } }
            return rebuild(declaration, node: node)
        }

        /// `node`: the declaration's path's node, nil when no moved type is at or under it.
        private func rebuild(_ declaration: Declaration, node: Int?) -> Declaration {
            let holdsMoved = node.map { !nodes[$0].children.isEmpty } ?? false
            if !holdsMoved && !namesMovedType(declaration) { return declaration }
            var kept: [Declaration] = []
            for child in declaration.nestedTypes {
                let childNode = node.flatMap { nodes[$0].children[child.name] }
                if let childNode, nodes[childNode].target != nil { continue }
                kept.append(rebuild(child, node: childNode))
            }
            return declaration.mappingOwnTypes(rewrite).withNestedTypes(kept)
        }

        /// Whether a type that `declaration` or a type nested in it uses may be a moved one
        /// (is under one of their top-level names): the types ``rewrite(_:)`` may change.
        private func namesMovedType(_ declaration: Declaration) -> Bool {
            switch declaration {
            case .structure(let structure):
                structure.properties.contains { namesMovedType($0.type) }
                    || structure.nestedTypes.contains(where: namesMovedType)
            case .oneOf(let oneOf):
                oneOf.cases.contains { namesMovedType($0.type) } || oneOf.nestedTypes.contains(where: namesMovedType)
            case .typeAlias(let alias): namesMovedType(alias.target)
            case .enumeration, .client, .clientExtension: false
            }
        }

        private func namesMovedType(_ type: TypeUsage) -> Bool {
            switch type {
            case .named(let name): name.module == nil && name.path.first.map { nodes[0].children[$0] != nil } == true
            case .optional(let inner), .array(let inner), .dictionary(let inner): namesMovedType(inner)
            }
        }
    }

    /// Structs and choices are worth a shared type. Enums stay where they are: a
    /// `Charge.Status` says more than a shared `StatusValue` would. (`SharedEnums`
    /// declares a repeated enum once and makes the repeats aliases of it, keeping
    /// every name.)
    private static func worthSharing(_ declaration: Declaration) -> Bool {
        switch declaration {
        case .structure, .oneOf: true
        case .enumeration, .typeAlias, .client, .clientExtension: false
        }
    }

    /// The digest of a nested type, hashed from the name, the kind and the members' names:
    /// enough to tell most shapes apart, at a fraction of the cost of hashing every type
    /// and nested declaration in them (types of one shape, ``sameShape(_:at:_:at:)``,
    /// have one digest; others are compared in full).
    private static func digest(name: String, shape: Declaration) -> Int {
        var hasher = Hasher()
        hasher.combine(name)
        switch shape {
        case .structure(let structure):
            hasher.combine(0)
            hasher.combine(structure.properties.count)
            for property in structure.properties { hasher.combine(property.name) }
            hasher.combine(structure.nestedTypes.count)
        case .enumeration(let enumeration):
            hasher.combine(1)
            hasher.combine(enumeration.cases.count)
            for item in enumeration.cases { hasher.combine(item.name) }
        case .oneOf(let oneOf):
            hasher.combine(2)
            hasher.combine(oneOf.cases.count)
            for item in oneOf.cases { hasher.combine(item.name) }
            hasher.combine(oneOf.nestedTypes.count)
        case .typeAlias: hasher.combine(3)
        case .client: hasher.combine(4)
        case .clientExtension: hasher.combine(5)
        }
        return hasher.finalize()
    }

    /// Whether the nested types `a` (at `pathA`) and `b` (at `pathB`) are one type wherever
    /// they are: equal in everything but their documentation (and their nested types') and
    /// the paths of the types declared inside them, which are compared relative to each
    /// (written `$.…`, as if the type were at `$`). No copy of either is made.
    static func sameShape(_ a: Declaration, at pathA: [String], _ b: Declaration, at pathB: [String]) -> Bool {
        ShapeComparison(pathA: pathA, pathB: pathB).same(a, b)
    }

    /// Compares two declarations member by member: what a member holds besides its types
    /// and nested declarations is compared as a whole (with those parts emptied), so a
    /// field added to a declaration is compared too.
    private struct ShapeComparison {
        let pathA: [String]
        let pathB: [String]
        private static let noType = TypeUsage.named(TypeName(module: nil, path: []))

        func same(_ a: Declaration, _ b: Declaration) -> Bool {
            switch (a, b) {
            case (.structure(var a), .structure(var b)):
                guard a.properties.count == b.properties.count, a.nestedTypes.count == b.nestedTypes.count,
                    zip(a.properties, b.properties).allSatisfy(same), zip(a.nestedTypes, b.nestedTypes).allSatisfy(same)
                else { return false }
                (a.documentation, a.properties, a.nestedTypes) = (Documentation(), [], [])
                (b.documentation, b.properties, b.nestedTypes) = (Documentation(), [], [])
                return a == b
            case (.oneOf(var a), .oneOf(var b)):
                guard a.cases.count == b.cases.count, a.nestedTypes.count == b.nestedTypes.count,
                    zip(a.cases, b.cases).allSatisfy(same), zip(a.nestedTypes, b.nestedTypes).allSatisfy(same)
                else { return false }
                (a.documentation, a.cases, a.nestedTypes) = (Documentation(), [], [])
                (b.documentation, b.cases, b.nestedTypes) = (Documentation(), [], [])
                return a == b
            case (.enumeration(var a), .enumeration(var b)):
                a.documentation = Documentation()
                b.documentation = Documentation()
                return a == b
            case (.typeAlias(var a), .typeAlias(var b)):
                guard same(a.target, b.target) else { return false }
                (a.documentation, a.target) = (Documentation(), Self.noType)
                (b.documentation, b.target) = (Documentation(), Self.noType)
                return a == b
            case (.client, .client), (.clientExtension, .clientExtension):
                return a == b
            default:
                return false
            }
        }

        private func same(_ a: PropertyDeclaration, _ b: PropertyDeclaration) -> Bool {
            guard same(a.type, b.type) else { return false }
            var (a, b) = (a, b)
            (a.type, b.type) = (Self.noType, Self.noType)
            return a == b
        }

        private func same(_ a: OneOfDeclaration.Case, _ b: OneOfDeclaration.Case) -> Bool {
            guard same(a.type, b.type) else { return false }
            var (a, b) = (a, b)
            (a.type, b.type) = (Self.noType, Self.noType)
            return a == b
        }

        private func same(_ a: TypeUsage, _ b: TypeUsage) -> Bool {
            switch (a, b) {
            case (.named(let a), .named(let b)): same(a, b)
            case (.optional(let a), .optional(let b)), (.array(let a), .array(let b)),
                (.dictionary(let a), .dictionary(let b)):
                same(a, b)
            default: false
            }
        }

        /// Equal once each name inside its own type is written relative to it.
        private func same(_ a: TypeName, _ b: TypeName) -> Bool {
            let aInside = a.module == nil && a.path.starts(with: pathA)
            let bInside = b.module == nil && b.path.starts(with: pathB)
            switch (aInside, bInside) {
            case (true, true): return a.path.dropFirst(pathA.count).elementsEqual(b.path.dropFirst(pathB.count))
            case (false, false): return a == b
            case (true, false): return Self.isRelative(b, a.path.dropFirst(pathA.count))
            case (false, true): return Self.isRelative(a, b.path.dropFirst(pathB.count))
            }
        }

        /// Whether `name` is written `$.` followed by `rest` (a name no type has).
        private static func isRelative(_ name: TypeName, _ rest: ArraySlice<String>) -> Bool {
            name.module == nil && name.path.first == "$" && name.path.dropFirst().elementsEqual(rest)
        }
    }
}
