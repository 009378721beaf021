import Foundation

// The calls generated `init(from:)` and `encode(to:)` make, one per property.
//
// `KeyedDecodingContainer.decode(_:forKey:)` and its kin are overloaded for every standard
// integer and floating-point type, `Bool`, `String` and any `Decodable`: the type checker
// weighs all of them at each call, about a millisecond a property (a twelfth of each compile
// job of Stripe's SDK). These have one name per type instead (`decodeString`,
// `decodeValue` for the rest), so each call resolves at once; the generator, which knows
// every property's type, picks the one the overloads would have picked. Each forwards to
// that very overload, so the JSON, the errors and the speed are the same.

extension KeyedDecodingContainer where Key == PropertyKey {
    /// `decode(String.self, forKey: key)`.
    @inlinable public func decodeString(forKey key: PropertyKey) throws -> String {
        try decode(String.self, forKey: key)
    }

    /// `decodeIfPresent(String.self, forKey: key)`.
    @inlinable public func decodeStringIfPresent(forKey key: PropertyKey) throws -> String? {
        try decodeIfPresent(String.self, forKey: key)
    }

    /// `decode(Bool.self, forKey: key)`.
    @inlinable public func decodeBool(forKey key: PropertyKey) throws -> Bool {
        try decode(Bool.self, forKey: key)
    }

    /// `decodeIfPresent(Bool.self, forKey: key)`.
    @inlinable public func decodeBoolIfPresent(forKey key: PropertyKey) throws -> Bool? {
        try decodeIfPresent(Bool.self, forKey: key)
    }

    /// `decode(Int.self, forKey: key)`.
    @inlinable public func decodeInt(forKey key: PropertyKey) throws -> Int {
        try decode(Int.self, forKey: key)
    }

    /// `decodeIfPresent(Int.self, forKey: key)`.
    @inlinable public func decodeIntIfPresent(forKey key: PropertyKey) throws -> Int? {
        try decodeIfPresent(Int.self, forKey: key)
    }

    /// `decode(Int32.self, forKey: key)`.
    @inlinable public func decodeInt32(forKey key: PropertyKey) throws -> Int32 {
        try decode(Int32.self, forKey: key)
    }

    /// `decodeIfPresent(Int32.self, forKey: key)`.
    @inlinable public func decodeInt32IfPresent(forKey key: PropertyKey) throws -> Int32? {
        try decodeIfPresent(Int32.self, forKey: key)
    }

    /// `decode(Int64.self, forKey: key)`.
    @inlinable public func decodeInt64(forKey key: PropertyKey) throws -> Int64 {
        try decode(Int64.self, forKey: key)
    }

    /// `decodeIfPresent(Int64.self, forKey: key)`.
    @inlinable public func decodeInt64IfPresent(forKey key: PropertyKey) throws -> Int64? {
        try decodeIfPresent(Int64.self, forKey: key)
    }

    /// `decode(Double.self, forKey: key)`.
    @inlinable public func decodeDouble(forKey key: PropertyKey) throws -> Double {
        try decode(Double.self, forKey: key)
    }

    /// `decodeIfPresent(Double.self, forKey: key)`.
    @inlinable public func decodeDoubleIfPresent(forKey key: PropertyKey) throws -> Double? {
        try decodeIfPresent(Double.self, forKey: key)
    }

    /// `decode(Float.self, forKey: key)`.
    @inlinable public func decodeFloat(forKey key: PropertyKey) throws -> Float {
        try decode(Float.self, forKey: key)
    }

    /// `decodeIfPresent(Float.self, forKey: key)`.
    @inlinable public func decodeFloatIfPresent(forKey key: PropertyKey) throws -> Float? {
        try decodeIfPresent(Float.self, forKey: key)
    }

    /// `decode(type, forKey: key)` for any other type.
    @inlinable public func decodeValue<T: Decodable>(_ type: T.Type, forKey key: PropertyKey) throws -> T {
        try decode(type, forKey: key)
    }

    /// `decodeIfPresent(type, forKey: key)` for any other type.
    @inlinable public func decodeValueIfPresent<T: Decodable>(_ type: T.Type, forKey key: PropertyKey) throws -> T? {
        try decodeIfPresent(type, forKey: key)
    }
}

extension KeyedEncodingContainer where Key == PropertyKey {
    /// `encode(value, forKey: key)`.
    @inlinable public mutating func encodeString(_ value: String, forKey key: PropertyKey) throws {
        try encode(value, forKey: key)
    }

    /// `encodeIfPresent(value, forKey: key)`: nil is left out.
    @inlinable public mutating func encodeStringIfPresent(_ value: String?, forKey key: PropertyKey) throws {
        try encodeIfPresent(value, forKey: key)
    }

    /// `encode(value, forKey: key)`.
    @inlinable public mutating func encodeBool(_ value: Bool, forKey key: PropertyKey) throws {
        try encode(value, forKey: key)
    }

    /// `encodeIfPresent(value, forKey: key)`: nil is left out.
    @inlinable public mutating func encodeBoolIfPresent(_ value: Bool?, forKey key: PropertyKey) throws {
        try encodeIfPresent(value, forKey: key)
    }

    /// `encode(value, forKey: key)`.
    @inlinable public mutating func encodeInt(_ value: Int, forKey key: PropertyKey) throws {
        try encode(value, forKey: key)
    }

    /// `encodeIfPresent(value, forKey: key)`: nil is left out.
    @inlinable public mutating func encodeIntIfPresent(_ value: Int?, forKey key: PropertyKey) throws {
        try encodeIfPresent(value, forKey: key)
    }

    /// `encode(value, forKey: key)`.
    @inlinable public mutating func encodeInt32(_ value: Int32, forKey key: PropertyKey) throws {
        try encode(value, forKey: key)
    }

    /// `encodeIfPresent(value, forKey: key)`: nil is left out.
    @inlinable public mutating func encodeInt32IfPresent(_ value: Int32?, forKey key: PropertyKey) throws {
        try encodeIfPresent(value, forKey: key)
    }

    /// `encode(value, forKey: key)`.
    @inlinable public mutating func encodeInt64(_ value: Int64, forKey key: PropertyKey) throws {
        try encode(value, forKey: key)
    }

    /// `encodeIfPresent(value, forKey: key)`: nil is left out.
    @inlinable public mutating func encodeInt64IfPresent(_ value: Int64?, forKey key: PropertyKey) throws {
        try encodeIfPresent(value, forKey: key)
    }

    /// `encode(value, forKey: key)`.
    @inlinable public mutating func encodeDouble(_ value: Double, forKey key: PropertyKey) throws {
        try encode(value, forKey: key)
    }

    /// `encodeIfPresent(value, forKey: key)`: nil is left out.
    @inlinable public mutating func encodeDoubleIfPresent(_ value: Double?, forKey key: PropertyKey) throws {
        try encodeIfPresent(value, forKey: key)
    }

    /// `encode(value, forKey: key)`.
    @inlinable public mutating func encodeFloat(_ value: Float, forKey key: PropertyKey) throws {
        try encode(value, forKey: key)
    }

    /// `encodeIfPresent(value, forKey: key)`: nil is left out.
    @inlinable public mutating func encodeFloatIfPresent(_ value: Float?, forKey key: PropertyKey) throws {
        try encodeIfPresent(value, forKey: key)
    }

    /// `encode(value, forKey: key)` for any other type.
    @inlinable public mutating func encodeValue<T: Encodable>(_ value: T, forKey key: PropertyKey) throws {
        try encode(value, forKey: key)
    }

    /// `encodeIfPresent(value, forKey: key)` for any other type: nil is left out.
    @inlinable public mutating func encodeValueIfPresent<T: Encodable>(_ value: T?, forKey key: PropertyKey) throws {
        try encodeIfPresent(value, forKey: key)
    }

    /// `value` in lower case (RFC 9562; ``UUIDText``), where `UUID`'s own `Encodable`
    /// writes upper case.
    @inlinable public mutating func encodeUUID(_ value: UUID, forKey key: PropertyKey) throws {
        try encode(UUIDText.lowercased(value), forKey: key)
    }

    /// ``encodeUUID(_:forKey:)``; nil is left out.
    @inlinable public mutating func encodeUUIDIfPresent(_ value: UUID?, forKey key: PropertyKey) throws {
        if let value { try encode(UUIDText.lowercased(value), forKey: key) }
    }

    /// Each of `value` in lower case (``encodeUUID(_:forKey:)``).
    @inlinable public mutating func encodeUUIDs(_ value: [UUID], forKey key: PropertyKey) throws {
        try encode(UUIDText.lowercased(value), forKey: key)
    }

    /// ``encodeUUIDs(_:forKey:)``; nil is left out.
    @inlinable public mutating func encodeUUIDsIfPresent(_ value: [UUID]?, forKey key: PropertyKey) throws {
        if let value { try encode(UUIDText.lowercased(value), forKey: key) }
    }
}
