import OpenAPIGenDiagnostics
import OpenAPIGenYAML

/// Reads YAML nodes as the OpenAPI fields they stand for, with errors that say where and
/// what: `spec.yaml:12:7: error: 'required' must be a list of strings, found a mapping`.
struct NodeReader {
    /// The files the document was read from, by `YAMLMark.file`.
    let files: [String]
    let collector: DiagnosticCollector

    var file: String { files[0] }

    func location(_ node: YAMLNode) -> SourceLocation {
        let index = Int(node.mark.file)
        return SourceLocation(
            file: index < files.count ? files[index] : file, line: node.mark.line, column: node.mark.column)
    }

    func error(_ message: String, at node: YAMLNode, notes: [Diagnostic] = []) -> Diagnostic {
        Diagnostic(.error, message, at: location(node), notes: notes)
    }

    /// A part that aliases or merge keys bring in several times is read each time, but
    /// its warnings are given once.
    func warn(_ message: String, at node: YAMLNode) {
        collector.emitOnce(Diagnostic(.warning, message, at: location(node)))
    }

    /// The node's fields, warning about keys the object does not define (`x-` extensions
    /// are always allowed) and naming the known key a typo was probably meant to be.
    func fields(_ node: YAMLNode, _ what: String, known: Set<String>? = nil) throws -> Fields {
        try checkedFields(node, what, known: known)
    }

    /// ``fields(_:_:known:)`` for the objects read most (schemas, operations, parameters…),
    /// whose keys are checked without hashing them.
    func fields(_ node: YAMLNode, _ what: String, known: KeySet) throws -> Fields {
        try checkedFields(node, what, known: known)
    }

    private func checkedFields<Known: KnownKeyCollection>(_ node: YAMLNode, _ what: String, known: Known?) throws
        -> Fields
    {
        // `key:` with nothing after it is common for an empty map.
        if let scalar = node.scalar, scalar.isNull, scalar.style == .plain {
            return Fields(node: node, pairs: [], what: what, reader: self)
        }
        guard let pairs = node.mapping else {
            throw error("\(what) must be a mapping, found \(node.kindDescription)", at: node)
        }
        if let known {
            // Through the buffer, so that no pair (nor key node) is copied to read its key.
            for index in pairs.indices {
                guard let key = pairs.withUnsafeBufferPointer({ $0[index].key.scalarText }) else { continue }
                if !known.contains(key) && !key.hasPrefix("x-") {
                    var message = "unknown key '\(key)' in \(what) is ignored"
                    // Keys of one or two letters are close to too many others for a useful hint.
                    if key.count >= 3, let suggestion = closest(to: key, in: known.sorted()) {
                        message += "; did you mean '\(suggestion)'?"
                    }
                    warn(message, at: pairs[index].key)
                }
            }
        }
        return Fields(node: node, pairs: pairs, what: what, reader: self)
    }

    // `what` is made only when a message needs it: most values are read without one.
    func string(_ node: YAMLNode, _ what: @autoclosure () -> String) throws -> String {
        guard let scalar = node.scalar, !(scalar.style == .plain && scalar.isNull) else {
            throw error("\(what()) must be a string, found \(node.kindDescription)", at: node)
        }
        return scalar.value
    }

    func bool(_ node: YAMLNode, _ what: @autoclosure () -> String) throws -> Bool {
        guard let value = node.scalar?.boolValue, node.scalar?.style == .plain else {
            throw error("\(what()) must be true or false, found \(node.kindDescription)", at: node)
        }
        return value
    }

    func sequence(_ node: YAMLNode, _ what: @autoclosure () -> String) throws -> [YAMLNode] {
        if let scalar = node.scalar, scalar.isNull, scalar.style == .plain { return [] }  // `key:` alone
        guard let items = node.sequence else {
            throw error("\(what()) must be a list, found \(node.kindDescription)", at: node)
        }
        return items
    }

    func strings(_ node: YAMLNode, _ what: @autoclosure () -> String) throws -> [String] {
        try sequence(node, what()).map { try string($0, "each entry of \(what())") }
    }
}

/// A mapping's pairs with lookups that produce located errors.
struct Fields {
    let node: YAMLNode
    let pairs: [YAMLPair]
    let what: String
    let reader: NodeReader
    /// A bit per key length the mapping has (``bit(_:)``), so that looking up a key it does
    /// not have, as most lookups do (a schema has a few of the many keys read), often ends
    /// without comparing any text.
    private let keyBits: UInt64

    init(node: YAMLNode, pairs: [YAMLPair], what: String, reader: NodeReader) {
        self.node = node
        self.pairs = pairs
        self.what = what
        self.reader = reader
        var keyBits: UInt64 = 0
        pairs.withUnsafeBufferPointer { pairs in
            for pair in pairs {
                if let key = pair.key.scalarText { keyBits |= Self.bit(key) }
            }
        }
        self.keyBits = keyBits
    }

    /// One of 64 bits, from the key's length (which a string knows without reading it).
    private static func bit(_ key: String) -> UInt64 {
        1 << (UInt64(truncatingIfNeeded: key.utf8.count) & 63)
    }

    subscript(key: String) -> YAMLNode? {
        guard keyBits & Self.bit(key) != 0 else { return nil }
        for index in pairs.indices where pairs[index].key.isScalar(key) { return pairs[index].value }
        return nil
    }

    func required(_ key: String) throws -> YAMLNode {
        guard let value = self[key] else {
            throw reader.error("\(what) is missing its required field '\(key)'", at: node)
        }
        return value
    }

    func string(_ key: String) throws -> String? {
        try self[key].map { try reader.string($0, "'\(key)' in \(what)") }
    }

    func requiredString(_ key: String) throws -> String {
        try reader.string(required(key), "'\(key)' in \(what)")
    }

    func bool(_ key: String) throws -> Bool? {
        try self[key].map { try reader.bool($0, "'\(key)' in \(what)") }
    }
}

/// The keys an object defines, as ``NodeReader`` checks them.
protocol KnownKeyCollection {
    func contains(_ key: String) -> Bool
    func sorted() -> [String]
}

extension Set<String>: KnownKeyCollection {}

/// A fixed set of keys whose membership test costs a short hash of the key's bytes (FNV-1a)
/// and one comparison, rather than `Set`'s seeded SipHash: object keys are checked once
/// each, and there are hundreds of thousands of them in a large spec.
struct KeySet: KnownKeyCollection, Sendable {
    private let slots: [String?]
    private let mask: Int
    private let keys: [String]

    init(_ keys: some Sequence<String>) {
        let unique = Array(Set(keys))
        var size = 8
        while size < unique.count * 4 { size *= 2 }
        var slots = [String?](repeating: nil, count: size)
        for key in unique {
            var index = Self.hash(key) & (size - 1)
            while slots[index] != nil { index = (index + 1) & (size - 1) }
            slots[index] = key
        }
        self.slots = slots
        mask = size - 1
        self.keys = unique
    }

    private static func hash(_ key: String) -> Int {
        func fnv1a(_ bytes: some Sequence<UInt8>) -> Int {
            var hash: UInt32 = 2_166_136_261
            for byte in bytes { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
            return Int(hash)
        }
        // Every native string has its bytes in one piece (much faster to read than the view).
        return key.utf8.withContiguousStorageIfAvailable(fnv1a) ?? fnv1a(key.utf8)
    }

    func contains(_ key: String) -> Bool {
        var index = Self.hash(key) & mask
        while let candidate = slots[index] {
            if candidate == key { return true }
            index = (index + 1) & mask
        }
        return false
    }

    func sorted() -> [String] { keys.sorted() }
}
