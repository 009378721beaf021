import Foundation

/// The JSON coders generated clients use: `date-time` values as RFC 3339 (see ``RFC3339``),
/// keys sorted so that request bodies are deterministic.
public enum JSONCoding {
    public static func makeEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(RFC3339.string(from: date))
        }
        return encoder
    }

    /// Foundation's `JSONDecoder` set up as generated code expects. Generated clients decode
    /// with ``decode(_:from:)``, which gives the same values and errors, faster.
    public static func makeDecoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            return try decodeDate(try container.decode(String.self), codingPath: container.codingPath)
        }
        return decoder
    }
}
