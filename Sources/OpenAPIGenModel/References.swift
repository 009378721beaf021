import OpenAPIGenDiagnostics

/// Resolves local `$ref`s (`#/components/<kind>/<name>`) against a document.
extension OpenAPIDocument {
    /// The component a schema `$ref` names, with its name.
    public func resolveSchema(_ reference: Reference) throws -> (name: String, schema: Schema) {
        var seen: [Reference] = []
        var current = reference
        while true {
            let name = try componentName(current, kind: "schemas")
            guard let schema = components.schemas[name] else {
                throw missing(current, kind: "schemas", available: components.schemas.names)
            }
            guard let next = schema.reference, schema.types.isEmpty, schema.properties.isEmpty else {
                return (name, schema)
            }
            seen.append(current)
            if seen.contains(where: { $0.target == next.target }) {
                throw cycle(seen + [next])
            }
            current = next
        }
    }

    /// The schema a `$ref` schema names, or `schema` itself when it is none or names
    /// nothing (the validator reports that).
    public func followingReference(_ schema: Schema) -> Schema {
        guard let reference = schema.reference, let resolved = try? resolveSchema(reference) else { return schema }
        return resolved.schema
    }

    public func resolve(_ value: Referenceable<Response>) throws -> Response {
        try resolve(value, kind: "responses", in: components.responses)
    }

    public func resolve(_ value: Referenceable<Parameter>) throws -> Parameter {
        try resolve(value, kind: "parameters", in: components.parameters)
    }

    public func resolve(_ value: Referenceable<RequestBody>) throws -> RequestBody {
        try resolve(value, kind: "requestBodies", in: components.requestBodies)
    }

    public func resolve(_ value: Referenceable<Header>) throws -> Header {
        try resolve(value, kind: "headers", in: components.headers)
    }

    /// `value`, or what its `$ref`s lead to in `table` (the components of `kind`). The
    /// table is passed, not read through a closure over the document: a closure would
    /// copy the whole document (every field retained) at each call.
    private func resolve<T>(_ value: Referenceable<T>, kind: String, in table: borrowing NamedMap<Referenceable<T>>)
        throws -> T
    {
        var chain: [Reference] = []
        var current = value
        while true {
            switch current {
            case .value(let resolved):
                return resolved
            case .reference(let reference):
                if chain.contains(where: { $0.target == reference.target }) { throw cycle(chain + [reference]) }
                chain.append(reference)
                let name = try componentName(reference, kind: kind)
                guard let next = table[name] else {
                    throw missing(reference, kind: kind, available: table.names)
                }
                current = next
            }
        }
    }

    /// The `<name>` of `#/components/<kind>/<name>`, unescaping JSON Pointer and percent
    /// escapes.
    private func componentName(_ reference: Reference, kind: String) throws -> String {
        let target = reference.target
        if let name = Self.plainComponentName(target, kind: kind) { return name }
        if !target.contains("#"), target.hasPrefix("components/") || target.hasPrefix("/components/") {
            let suggestion = "#" + (target.hasPrefix("/") ? target : "/" + target)
            throw Diagnostic(
                .error, "'$ref: \(target)' is not a reference within the document; did you mean '\(suggestion)'?",
                at: reference.location)
        }
        if !target.hasPrefix("#") {
            throw Diagnostic(
                .error,
                "'$ref: \(target)' points into another file, which is only read when the spec is parsed from its file",
                at: reference.location)
        }
        let prefix = "#/components/\(kind)/"
        guard target.hasPrefix(prefix), target.count > prefix.count else {
            throw Diagnostic(
                .error, "'$ref: \(target)' must point to a component in '#/components/\(kind)/'",
                at: reference.location)
        }
        var raw = String(target.dropFirst(prefix.count))
        // JSON Schema's `$defs` inside a schema component are components of their own,
        // named `Parent/$defs/Name` (see ``Schema/definitions``).
        if kind == "schemas" {
            let parts = raw.split(separator: "/", omittingEmptySubsequences: false)
            if parts.count >= 3, parts.count % 2 == 1,
                stride(from: 1, to: parts.count, by: 2).allSatisfy({
                    parts[$0] == "$defs" || parts[$0] == "definitions"
                })
            {
                raw = stride(from: 0, to: parts.count, by: 2).map { JSONPointer.unescape(parts[$0]) }
                    .joined(separator: "/$defs/")
                return raw
            }
        }
        guard !raw.contains("/") else {
            throw Diagnostic(
                .error, "'$ref: \(target)' must name a component directly, not a part of one",
                at: reference.location)
        }
        return JSONPointer.unescape(raw)
    }

    /// The name in `#/components/<kind>/<name>` when it is plain ASCII (letters, digits,
    /// `_`, `-` and `.`), read from the bytes: what most references are, and what the
    /// checks above would accept unchanged.
    private static func plainComponentName(_ target: String, kind: String) -> String? {
        var target = target
        return target.withUTF8 { bytes -> String? in
            let prefix: StaticString = "#/components/"
            let prefixCount = prefix.utf8CodeUnitCount
            let kindCount = kind.utf8.count
            let start = prefixCount + kindCount + 1
            guard bytes.count > start,
                UnsafeBufferPointer(start: prefix.utf8Start, count: prefixCount).elementsEqual(
                    UnsafeBufferPointer(rebasing: bytes[..<prefixCount])),
                bytes[start - 1] == UInt8(ascii: "/"),
                kind.utf8.elementsEqual(UnsafeBufferPointer(rebasing: bytes[prefixCount..<(start - 1)]))
            else { return nil }
            for index in start..<bytes.count {
                let byte = bytes[index]
                guard
                    (byte >= 0x30 && byte <= 0x39) || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A)
                        || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
                else { return nil }
            }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start...]), as: UTF8.self)
        }
    }

    private func missing(_ reference: Reference, kind: String, available: [String]) -> Diagnostic {
        var message = "'$ref: \(reference.target)' points to nothing: there is no '\(kind)' component by that name"
        let name = String(reference.target.split(separator: "/").last ?? "")
        if let suggestion = closest(to: name, in: available) { message += "; did you mean '\(suggestion)'?" }
        return Diagnostic(.error, message, at: reference.location)
    }

    private func cycle(_ chain: [Reference]) -> Diagnostic {
        let notes = chain.dropFirst().map { Diagnostic(.note, "which refers to '\($0.target)'", at: $0.location) }
        return Diagnostic(
            .error, "'$ref: \(chain[0].target)' is part of a reference cycle that never reaches a definition",
            at: chain[0].location, notes: Array(notes))
    }
}

/// The candidate within a small edit distance of `name`, for "did you mean" hints.
func closest(to name: String, in candidates: [String]) -> String? {
    // No key that long is a typo of a known one, and comparing it would cost time for nothing.
    guard name.utf8.count <= 64 else { return nil }
    let target = Array(name.lowercased().utf8)
    var best: (String, Int)?
    for candidate in candidates {
        let other = Array(candidate.lowercased().utf8)
        var previous = Array(0...other.count)
        for (i, a) in target.enumerated() {
            var current = [i + 1]
            for (j, b) in other.enumerated() {
                current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (a == b ? 0 : 1)))
            }
            previous = current
        }
        let distance = previous[other.count]
        if distance <= max(2, target.count / 3), distance < (best?.1 ?? .max) { best = (candidate, distance) }
    }
    return best?.0
}
