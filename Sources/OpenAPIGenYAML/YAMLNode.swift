/// Where a node starts. Lines and columns are 1-based; `file` numbers the file when a
/// document is assembled from several (0 is the one parsed first).
public struct YAMLMark: Hashable, Sendable {
    public var line: Int
    public var column: Int
    public var file: UInt16

    public init(line: Int, column: Int, file: UInt16 = 0) {
        self.line = line
        self.column = column
        self.file = file
    }
}

/// A scalar as written, with the YAML 1.2 core schema's reading of plain scalars.
/// Quoted and explicitly tagged scalars are always strings.
public struct YAMLScalar: Hashable, Sendable {
    public enum Style: Sendable, Hashable {
        case plain, singleQuoted, doubleQuoted, literal, folded
    }

    public var value: String
    public var style: Style
    /// The explicit tag, if any (`tag:yaml.org,2002:str` for `!!str`).
    public var tag: String?

    public init(value: String, style: Style, tag: String? = nil) {
        self.value = value
        self.style = style
        self.tag = tag
    }

    private var isResolvable: Bool { style == .plain && tag == nil }

    /// `null`, `Null`, `NULL`, `~` or nothing at all.
    public var isNull: Bool {
        guard isResolvable, value.utf8.count <= 4 else { return false }
        switch value {
        case "", "~", "null", "Null", "NULL": return true
        default: return false
        }
    }

    public var boolValue: Bool? {
        guard isResolvable, value.utf8.count == 4 || value.utf8.count == 5 else { return nil }
        switch value {
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        default: return nil
        }
    }

    /// Decimal integers with an optional sign, and `0x` / `0o` forms.
    public var intValue: Int? {
        guard isResolvable, !value.isEmpty else { return nil }
        if value.hasPrefix("0x") { return Int(value.dropFirst(2), radix: 16) }
        if value.hasPrefix("0o") { return Int(value.dropFirst(2), radix: 8) }
        let digits = value.first == "-" || value.first == "+" ? value.dropFirst() : Substring(value)
        guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        return Int(value.first == "+" ? String(digits) : value)
    }

    /// Integers and floats, including `1e3`, `.5`, `.inf` and `.nan`.
    public var doubleValue: Double? {
        guard isResolvable, !value.isEmpty else { return nil }
        if let int = intValue { return Double(int) }
        switch value {
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .infinity
        case "-.inf", "-.Inf", "-.INF": return -.infinity
        case ".nan", ".NaN", ".NAN": return .nan
        default: break
        }
        // Only the core schema's float syntax: digits, one dot, an optional exponent.
        var sawDigit = false
        for (index, byte) in value.utf8.enumerated() {
            switch byte {
            case 48...57: sawDigit = true
            case UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"): break
            case UInt8(ascii: "-"), UInt8(ascii: "+"):
                if index != 0 {
                    let previous = Array(value.utf8)[index - 1]
                    guard previous == UInt8(ascii: "e") || previous == UInt8(ascii: "E") else { return nil }
                }
            default: return nil
            }
        }
        return sawDigit ? Double(value) : nil
    }
}

public struct YAMLPair: Sendable {
    public var key: YAMLNode
    public var value: YAMLNode

    public init(key: YAMLNode, value: YAMLNode) {
        self.key = key
        self.value = value
    }
}

/// A node of the document tree, with where it starts in the file.
public struct YAMLNode: Sendable {
    public enum Content: Sendable {
        case scalar(YAMLScalar)
        case sequence([YAMLNode])
        case mapping([YAMLPair])
    }

    public var content: Content
    public var mark: YAMLMark

    public init(_ content: Content, mark: YAMLMark) {
        self.content = content
        self.mark = mark
    }

    public var scalar: YAMLScalar? {
        if case .scalar(let scalar) = content { return scalar }
        return nil
    }

    public var sequence: [YAMLNode]? {
        if case .sequence(let items) = content { return items }
        return nil
    }

    public var mapping: [YAMLPair]? {
        if case .mapping(let pairs) = content { return pairs }
        return nil
    }

    /// The text of a scalar node (nil for a collection), read without copying the node.
    @inlinable
    public var scalarText: String? {
        if case .scalar(let scalar) = content { return scalar.value }
        return nil
    }

    /// Whether the node is a scalar whose text is `text` (its length compared first, so
    /// that most other keys are told apart without comparing text).
    @inlinable
    public func isScalar(_ text: String) -> Bool {
        guard case .scalar(let scalar) = content else { return false }
        return scalar.value.utf8.count == text.utf8.count && scalar.value == text
    }

    /// The value of the first pair whose key is the scalar `key`.
    public subscript(key: String) -> YAMLNode? {
        mapping?.first { $0.key.scalar?.value == key }?.value
    }

    /// What the node is, for messages such as "expected a mapping, found a list".
    public var kindDescription: String {
        switch content {
        case .sequence: return "a list"
        case .mapping: return "a mapping"
        case .scalar(let scalar):
            if scalar.isNull { return "null" }
            if scalar.boolValue != nil { return "a boolean" }
            if scalar.doubleValue != nil { return "a number" }
            return "a string"
        }
    }
}

/// Bounds that keep a hostile or broken file from exhausting memory or the stack.
public struct YAMLLimits: Sendable {
    /// Nested collections allowed.
    public var maxDepth: Int
    /// Nodes that expanding aliases may produce in all (the "billion laughs" defence).
    public var maxAliasExpansions: Int
    public var maxInputBytes: Int
    /// Files a spec split over several may reference, and the bytes they may add up to:
    /// far beyond real specs (a well-known cloud provider's has about 2,900 files).
    public var maxFiles: Int
    public var maxTotalBytes: Int

    public static let `default` = YAMLLimits()

    public init(
        maxDepth: Int = 512, maxAliasExpansions: Int = 100_000, maxInputBytes: Int = 64 << 20,
        maxFiles: Int = 50_000, maxTotalBytes: Int = 1 << 30
    ) {
        self.maxDepth = maxDepth
        self.maxAliasExpansions = maxAliasExpansions
        self.maxInputBytes = maxInputBytes
        self.maxFiles = maxFiles
        self.maxTotalBytes = maxTotalBytes
    }
}
