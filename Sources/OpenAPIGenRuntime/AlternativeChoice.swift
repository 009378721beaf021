import Foundation

/// Chooses the case of an enum generated from a `oneOf` or `anyOf` without a discriminator.
///
/// Every alternative is tried (not only until one decodes). When only one decodes, it is the
/// value. When several do, each is scored by how well it fits the JSON it came from: one
/// point for each value of an open enum or `const` it did not know (a case kept as
/// `unknown`), each member it dropped (a property it does not declare), and each value that
/// comes out of another kind when it is encoded back. The alternative with the lowest score wins.
/// Several with the same lowest score that encode back to the same JSON differ only in
/// constraints the SDK does not check (a pattern, a format, a bound): the first listed is
/// taken, and the value round-trips unchanged either way. If they encode back differently,
/// a `oneOf` (exactly one alternative may match) fails to decode, naming them, rather than
/// guess; an `anyOf` takes the first listed.
public struct AlternativeChoice<Value> {
    private struct Candidate {
        var value: Value
        var decoded: any Encodable
        var typeName: String
    }

    private let decoder: any Decoder
    private let isExclusive: Bool
    private var errors: [any Error] = []
    private var candidates: [Candidate] = []

    /// Starts a choice for the value `decoder` holds; `exclusive` for a `oneOf`, not for an
    /// `anyOf`.
    public init(_ decoder: any Decoder, exclusive: Bool) {
        self.decoder = decoder
        self.isExclusive = exclusive
    }

    /// Tries the alternative `type`, made into the enum's value by `makeValue`.
    public mutating func consider<T: Codable>(_ type: T.Type, _ makeValue: (T) -> Value) {
        do {
            let decoded = try decoder.singleValueContainer().decode(type)
            candidates.append(Candidate(value: makeValue(decoded), decoded: decoded, typeName: "\(type)"))
        } catch {
            errors.append(error)
        }
    }

    /// The alternative the value fits best, or the error why there is none.
    public func chosen() throws -> Value {
        guard let first = candidates.first else {
            throw decoder.noAlternativeMatched(Value.self, errors: errors)
        }
        guard candidates.count > 1,
            let original = try? decoder.singleValueContainer().decode(JSONValue.self)
        else { return first.value }
        // What each alternative drops or changes of the value, first. Counting its unknown enum
        // values walks the whole decoded value by reflection, so it is done, fewest changes
        // first, only for alternatives that can still win: one whose changes alone exceed
        // the best misfit found cannot, and its exact misfit is not needed.
        var scored = candidates.map { candidate -> (candidate: Candidate, misfit: Int, json: JSONValue?) in
            let json = Self.encodedBack(candidate.decoded)
            return (candidate, json.map { Self.difference(original, $0) } ?? Int.max / 2, json)
        }
        var best = Int.max
        for index in scored.indices.sorted(by: { scored[$0].misfit < scored[$1].misfit }) {
            guard scored[index].misfit <= best else {
                scored[index].misfit = Int.max
                continue
            }
            scored[index].misfit += Self.unknownCases(in: scored[index].candidate.decoded, depth: 0)
            best = min(best, scored[index].misfit)
        }
        let winners = scored.filter { $0.misfit == best }
        let alike = winners.allSatisfy { winner in
            guard let json = winner.json, let first = winners[0].json else { return false }
            return Self.difference(first, json) == 0
        }
        if winners.count == 1 || !isExclusive || alike {
            return winners[0].candidate.value
        }
        throw DecodingError.dataCorrupted(
            DecodingError.Context(
                codingPath: decoder.codingPath,
                debugDescription: "The value fits several alternatives of \(Value.self) equally ("
                    + winners.map(\.candidate.typeName).joined(separator: ", ")
                    + "), and they keep different parts of it; `oneOf` allows exactly one."))
    }

    /// `value` encoded as the SDK sends it, read back as JSON.
    private static func encodedBack(_ value: any Encodable) -> JSONValue? {
        guard let data = try? JSONCoding.makeEncoder().encode(value) else { return nil }
        return try? JSONCoding.decode(JSONValue.self, from: data)
    }

    /// How many values of open enums in `value` are ones the SDK did not know (the generated
    /// enums keep them in their `unknown` case).
    private static func unknownCases(in value: Any, depth: Int) -> Int {
        guard depth < 64, !(value is JSONValue) else { return 0 }
        let mirror = Mirror(reflecting: value)
        var count = 0
        if mirror.displayStyle == .enum, mirror.children.first?.label == "unknown" { count += 1 }
        for child in mirror.children { count += unknownCases(in: child.value, depth: depth + 1) }
        return count
    }

    /// How many members of `original` are missing from `encoded` or of another kind there,
    /// plus the members `encoded` has that `original` has not (a `null` counts as absent).
    private static func difference(_ original: JSONValue, _ encoded: JSONValue) -> Int {
        switch (original, encoded) {
        case (.object(let before), .object(let after)):
            var count = 0
            for (key, value) in before {
                if let other = after[key] {
                    count += difference(value, other)
                } else if value != .null {
                    count += 1
                }
            }
            for (key, value) in after where before[key] == nil && value != .null { count += 1 }
            return count
        case (.array(let before), .array(let after)):
            return zip(before, after).reduce(abs(before.count - after.count)) { $0 + difference($1.0, $1.1) }
        default:
            // A leaf of the same kind is the same value normalised (a date-time in UTC, a
            // number's spelling); only a change of kind (a string become a number) counts.
            return kind(original) == kind(encoded) ? 0 : 1
        }
    }

    private static func kind(_ value: JSONValue) -> Int {
        switch value {
        case .null: 0
        case .bool: 1
        case .integer, .number: 2
        case .string: 3
        case .array: 4
        case .object: 5
        }
    }
}
