/// Stores a property's value out of line. Generated models hold their large nested models
/// this way (`@Indirect var invoice: Invoice?`), and any that would contain themselves (a
/// comment with a `parent` comment): no model then holds a large tree of others inline, so
/// copying one is cheap and a large SDK compiles far faster. Coding is
/// transparent: the JSON is the value's, and a nil optional is omitted and a missing key
/// decodes as nil. Setting the value stores a new box; copies are never changed.
///
/// Everything here is `@inlinable`, and the keyed containers have overloads for both
/// `Indirect<T>` and `Indirect<T?>`, so a model's synthesised coding specialises them for
/// its own types: without that, each value went through unspecialised generic code that
/// looked up the box's generic metadata at run time, which made decoding a third slower.
@propertyWrapper
public struct Indirect<Value: Sendable>: Sendable {
    @usableFromInline
    final class Box: Sendable {
        @usableFromInline let value: Value
        @inlinable init(_ value: Value) { self.value = value }
    }

    @usableFromInline var box: Box

    @inlinable public init(wrappedValue: Value) { box = Box(wrappedValue) }

    @inlinable public var wrappedValue: Value {
        get { box.value }
        set { box = Box(newValue) }
    }
}

/// Reflection (`dump`, `Mirror`, debug descriptions) sees the value, not the box: reflecting
/// the box itself would also make the runtime resolve its generic field types every time.
extension Indirect: CustomReflectable {
    public var customMirror: Mirror { Mirror(reflecting: wrappedValue) }
}

extension Indirect: Equatable where Value: Equatable {
    @inlinable public static func == (lhs: Indirect, rhs: Indirect) -> Bool {
        lhs.wrappedValue == rhs.wrappedValue
    }
}

extension Indirect: Hashable where Value: Hashable {
    @inlinable public func hash(into hasher: inout Hasher) { hasher.combine(wrappedValue) }
}

extension Indirect: Encodable where Value: Encodable {
    @inlinable public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(wrappedValue)
    }
}

extension Indirect: Decodable where Value: Decodable {
    @inlinable public init(from decoder: any Decoder) throws {
        self.init(wrappedValue: try decoder.singleValueContainer().decode(Value.self))
    }
}

extension KeyedDecodingContainer {
    /// The value decodes as a plain property of its type would.
    @inlinable
    public func decode<T: Decodable & Sendable>(_ type: Indirect<T>.Type, forKey key: Key) throws -> Indirect<T> {
        Indirect(wrappedValue: try decode(T.self, forKey: key))
    }

    /// A missing key decodes as nil, as it does for a plain optional property.
    @inlinable
    public func decode<T: Decodable & Sendable>(_ type: Indirect<T?>.Type, forKey key: Key) throws -> Indirect<T?> {
        Indirect(wrappedValue: try decodeIfPresent(T.self, forKey: key))
    }
}

extension KeyedEncodingContainer {
    /// The value encodes as a plain property of its type would.
    @inlinable
    public mutating func encode<T: Encodable & Sendable>(_ value: Indirect<T>, forKey key: Key) throws {
        try encode(value.wrappedValue, forKey: key)
    }

    /// A nil value is left out, as it is for a plain optional property.
    @inlinable
    public mutating func encode<T: Encodable & Sendable>(_ value: Indirect<T?>, forKey key: Key) throws {
        try encodeIfPresent(value.wrappedValue, forKey: key)
    }
}
