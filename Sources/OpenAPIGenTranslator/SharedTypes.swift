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
        // cannot be shared, and needs no key (normalizing leaves the digest as it is).
        let items = nested
        let digests = ConcurrentWork.mapIndices(items.count, minimumCount: 512, itemsPerPiece: 256) { index in
            let declaration = items[index].declaration
            return worthSharing(declaration) ? digest(name: declaration.name, shape: declaration) : nil
        }
        var digestCounts: [Int: Int] = [:]
        for case let digest? in digests { digestCounts[digest, default: 0] += 1 }
        let candidates = items.indices.filter { digests[$0].map { digestCounts[$0]! > 1 } ?? false }
        // The candidates' keys on every core (each is a copy of a nested type, rewritten),
        // then grouped in the order of their first members.
        let keys = ConcurrentWork.mapIndices(candidates.count, minimumCount: 512, itemsPerPiece: 256) { index in
            let item = items[candidates[index]]
            return HashedOnce(
                GroupKey(name: item.declaration.name, shape: normalized(item.declaration, at: item.path)),
                digest: digests[candidates[index]]!)
        }
        let groups = Self.groups(of: keys, shards: keys.count >= 512 ? 4 : 1).map { group in
            (key: group.key, members: group.members.map { candidates[$0] })
        }
        // Original path -> where the type is now; members of a group all go to its one copy.
        var moved: [[String]: [String]] = [:]
        var hoisted: [Int: [(Declaration, [String])]] = [:]  // by top-level index: copies and their old paths
        for (hashedKey, members) in groups {
            let key = hashedKey.value
            guard members.count > 1, worthSharing(key.shape) else { continue }
            // Types that repeat only because the type around them repeats stay inside it.
            let insideShared = members.allSatisfy { member in
                let path = nested[member].path
                return (1..<path.count).contains { moved[Array(path.prefix($0))] != nil }
            }
            if insideShared { continue }
            let representative = nested[members[0]]
            // The type keeps its name at the top level, or gets `Value` added; when both are
            // taken it stays where it is, since `Metadata3` would say less than
            // `Charge.Metadata`.
            let candidates = key.name.hasSuffix("Value") ? [key.name] : [key.name, key.name + "Value"]
            guard let name = candidates.first(where: { !names.isTaken($0) }) else { continue }
            _ = names.claim(name)
            for member in members { moved[nested[member].path] = [name] }
            hoisted[representative.topIndex, default: []].append((representative.declaration, representative.path))
        }
        // The keys (a rewritten copy of every nested type) are freed on another core while
        // the declarations are rebuilt (and are, before this returns).
        let keysFreed = ConcurrentWork.release((consume keys, consume groups))
        defer { keysFreed.wait() }
        guard !moved.isEmpty else { return (declarations, client) }
        let rewriting = Rewriting(moved: moved)
        // Each top-level declaration with the copies hoisted out of it, on every core.
        let hoistedCopies = hoisted
        let result = ConcurrentWork.mapIndices(declarations.count, minimumCount: 256, itemsPerPiece: 64) { index in
            let declaration = declarations[index]
            return [rewriting.rebuild(declaration, at: [declaration.name])]
                + (hoistedCopies[index] ?? []).map { copy, path in
                    rewriting.rebuild(copy, at: path).withName(rewriting.moved[path]![0])
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

    /// Equal keys grouped, in the order of their first members (indices into `keys`). Equal
    /// keys have equal digests: each of `shards` shards of digests is grouped on any core,
    /// and the groups are put back in order.
    static func groups<Value>(of keys: [HashedOnce<Value>], shards: Int) -> [(
        key: HashedOnce<Value>, members: [Int]
    )] {
        var groups = ConcurrentWork.map(shards) { shard in
            var groupIndex: [HashedOnce<Value>: Int] = [:]
            var groups: [(key: HashedOnce<Value>, members: [Int])] = []
            for (index, key) in keys.enumerated() where Int(UInt(bitPattern: key.digest) % UInt(shards)) == shard {
                if let group = groupIndex[key] {
                    groups[group].members.append(index)
                } else {
                    groupIndex[key] = groups.count
                    groups.append((key, [index]))
                }
            }
            return groups
        }.flatMap { $0 }
        groups.sort { $0.members[0] < $1.members[0] }
        return groups
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
        /// Original path -> where the type is now.
        let moved: [[String]: [String]]
        /// The top-level names of the moved types' paths.
        private let roots: Set<String>
        /// The paths that hold a moved type (every proper prefix of a moved type's path).
        private let holders: Set<[String]>

        init(moved: [[String]: [String]]) {
            self.moved = moved
            roots = Set(moved.keys.map { $0[0] })
            holders = Set(moved.keys.flatMap { path in (1..<path.count).map { Array(path.prefix($0)) } })
        }

        func resolve(_ path: [String]) -> [String] {
            guard let root = path.first, roots.contains(root) else { return path }
            var length = path.count
            while length > 0 {
                if let target = moved[Array(path.prefix(length))] { return target + path.dropFirst(length) }
                length -= 1
            }
            return path
        }

        func rewrite(_ type: TypeUsage) -> TypeUsage {
            type.mappingNames { $0.module == nil ? TypeName(module: nil, path: resolve($0.path)) : $0 }
        }

        /// The declaration at `path` with moved children left out and every type rewritten
        /// (itself when neither changes anything in it).
        func rebuild(_ declaration: Declaration, at path: [String]) -> Declaration {
            if !holders.contains(path) && !namesMovedType(declaration) { return declaration }
            let kept = declaration.nestedTypes.filter { moved[path + [$0.name]] == nil }
            return declaration.mappingOwnTypes(rewrite).withNestedTypes(kept.map { rebuild($0, at: path + [$0.name]) })
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
            case .named(let name): name.module == nil && name.path.first.map(roots.contains) == true
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

    private struct GroupKey: Equatable, Sendable {
        let name: String
        let shape: Declaration
    }

    /// The digest of a nested type's key, hashed from the name, the kind and the members'
    /// names: enough to tell most shapes apart, at a fraction of the cost of hashing every
    /// type and nested declaration in them (equal shapes still compare in full). The same
    /// for the type as written and for its ``normalized(_:at:)`` shape.
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

    /// `declaration` without its name and documentation, and with paths inside it written
    /// relative to it, so identical types in different places compare equal.
    private static func normalized(_ declaration: Declaration, at path: [String]) -> Declaration {
        func relative(_ type: TypeUsage) -> TypeUsage {
            type.mappingNames { name in
                guard name.module == nil, name.path.starts(with: path) else { return name }
                return TypeName(module: nil, path: ["$"] + name.path.dropFirst(path.count))
            }
        }
        func strip(_ declaration: Declaration) -> Declaration {
            declaration.mappingOwnTypes(relative).withDocumentation(Documentation())
                .withNestedTypes(declaration.nestedTypes.map(strip))
        }
        return strip(declaration).withName("")
    }
}
