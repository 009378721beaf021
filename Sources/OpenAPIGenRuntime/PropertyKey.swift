/// The coding key of generated models: a property's name in the JSON, written as a string
/// literal (`forKey: "created_at"`).
///
/// Generated structs spell out `init(from:)` and `encode(to:)` with this one key type rather
/// than having Swift synthesise a `CodingKeys` enum for each of them: an enum brings a
/// dozen members and as many conformance witnesses per model, a fifth of all the functions
/// a large SDK compiles. The calls and the JSON are the synthesised code's, and so are the
/// errors: a missing key is `DecodingError.keyNotFound` with this key, whose `stringValue`
/// is the JSON name, and coding paths read the same.
public struct PropertyKey: CodingKey, Hashable, Sendable, ExpressibleByStringLiteral {
    public let stringValue: String

    @inlinable public init(stringLiteral name: String) { stringValue = name }

    @inlinable public init(stringValue: String) { self.stringValue = stringValue }

    /// Model keys are names, never positions.
    @inlinable public var intValue: Int? { nil }

    /// Model keys are names, never positions.
    @inlinable public init?(intValue: Int) { nil }
}
