import OpenAPIGenDiagnostics
import OpenAPIGenYAML

/// A value the spec writes out, such as an `example` or a schema's `default`: one of JSON's
/// kinds of value, with where it is written. YAML scalars are read the way YAML 1.2's core
/// schema reads them: a plain `42` is an integer, `true` a boolean, `~` null; a quoted or
/// explicitly tagged scalar is always a string.
public struct SpecValue: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case null
        case bool(Bool)
        case integer(Int)
        case number(Double)
        case string(String)
        case array([SpecValue])
        /// The members in the order written.
        case object([Member])
    }

    public struct Member: Sendable, Hashable {
        public var key: String
        public var value: SpecValue

        public init(key: String, value: SpecValue) {
            self.key = key
            self.value = value
        }
    }

    public var kind: Kind
    /// A scalar's text as written: `0x1F` for the integer 31, `1.50` for the number 1.5,
    /// `~` for null. Nil for arrays and objects.
    public var text: String?
    public var location: SourceLocation

    public init(_ kind: Kind, text: String?, at location: SourceLocation) {
        self.kind = kind
        self.text = text
        self.location = location
    }

    /// A scalar's text and its readings; nil for arrays and objects.
    public var scalar: Scalar? {
        guard let text else { return nil }
        return Scalar(kind: kind, text: text)
    }

    /// A scalar: its text as written, and what it reads as.
    public struct Scalar: Sendable, Hashable {
        /// The text as written (`0x1F`, `1.50`, `~`).
        public var value: String
        public var isNull: Bool
        public var boolValue: Bool?
        public var intValue: Int?
        /// Numbers, integers included.
        public var doubleValue: Double?

        init(kind: Kind, text: String) {
            value = text
            isNull = false
            switch kind {
            case .null: isNull = true
            case .bool(let flag): boolValue = flag
            case .integer(let number):
                intValue = number
                doubleValue = Double(number)
            case .number(let number): doubleValue = number
            case .string, .array, .object: break
            }
        }
    }
}

extension NodeReader {
    /// The value `node` stands for, read as YAML 1.2's core schema reads it.
    func value(_ node: YAMLNode?) -> SpecValue? {
        node.map(value)
    }

    func value(_ node: YAMLNode) -> SpecValue {
        let location = location(node)
        switch node.content {
        case .scalar(let scalar):
            let kind: SpecValue.Kind
            if scalar.isNull {
                kind = .null
            } else if let flag = scalar.boolValue {
                kind = .bool(flag)
            } else if let number = scalar.intValue {
                kind = .integer(number)
            } else if let number = scalar.doubleValue {
                kind = .number(number)
            } else {
                kind = .string(scalar.value)
            }
            return SpecValue(kind, text: scalar.value, at: location)
        case .sequence(let items):
            return SpecValue(.array(items.map(value)), text: nil, at: location)
        case .mapping(let pairs):
            // The YAML layer accepts scalar keys only.
            let members = pairs.compactMap { pair in
                pair.key.scalar.map { SpecValue.Member(key: $0.value, value: value(pair.value)) }
            }
            return SpecValue(.object(members), text: nil, at: location)
        }
    }
}
