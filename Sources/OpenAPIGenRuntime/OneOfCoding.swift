import Foundation

/// Helpers for the enums generated from `oneOf` and `anyOf` schemas, kept here so each
/// generated enum stays short.
extension Decoder {
    /// Decodes the value as `type`, or records why it is not one and returns nil.
    public func decodeAlternative<T: Decodable>(_ type: T.Type, errors: inout [any Error]) -> T? {
        do {
            return try singleValueContainer().decode(type)
        } catch {
            errors.append(error)
            return nil
        }
    }

    /// The error for a value that none of a `oneOf`'s alternatives decode.
    public func noAlternativeMatched(_ type: Any.Type, errors: [any Error]) -> DecodingError {
        let reasons = errors.map { error -> String in
            if let error = error as? DecodingError { return Self.summary(error) }
            return String(describing: error)
        }
        return DecodingError.dataCorrupted(
            DecodingError.Context(
                codingPath: codingPath,
                debugDescription: "The value is none of the alternatives of \(type): "
                    + reasons.joined(separator: "; "),
                underlyingError: errors.last))
    }

    /// The string value of the discriminator property `name` of the object being decoded.
    public func decodeDiscriminator(_ name: String) throws -> String {
        let container = try self.container(keyedBy: DiscriminatorKey.self)
        return try container.decode(String.self, forKey: DiscriminatorKey(stringValue: name))
    }

    /// The error for a discriminator value that names no alternative.
    public func unknownDiscriminator(_ value: String, property: String, of type: Any.Type) -> DecodingError {
        DecodingError.dataCorrupted(
            DecodingError.Context(
                codingPath: codingPath + [DiscriminatorKey(stringValue: property)],
                debugDescription: "'\(value)' names none of the alternatives of \(type)"))
    }

    private static func summary(_ error: DecodingError) -> String {
        switch error {
        case .typeMismatch(let type, let context): "not \(type) (\(context.debugDescription))"
        case .valueNotFound(let type, let context): "no \(type) (\(context.debugDescription))"
        case .keyNotFound(let key, _): "no key '\(key.stringValue)'"
        case .dataCorrupted(let context): context.debugDescription
        @unknown default: String(describing: error)
        }
    }
}

private struct DiscriminatorKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
