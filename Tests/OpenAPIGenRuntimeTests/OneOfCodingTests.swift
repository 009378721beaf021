import Foundation
import OpenAPIGenRuntime
import XCTest

/// The runtime half of generated `oneOf` / `anyOf` enums; the enums here are written the
/// way the generator writes them (see the `composites` snippet).
final class OneOfCodingTests: XCTestCase {
    struct Cat: Codable, Hashable, Sendable {
        var petType: String
        var lives: Int?
    }

    struct Dog: Codable, Hashable, Sendable {
        var petType: String
        var good: Bool?
    }

    enum Pet: Codable, Hashable, Sendable {
        case cat(Cat)
        case dog(Dog)

        init(from decoder: any Decoder) throws {
            switch try decoder.decodeDiscriminator("petType") {
            case "cat", "kitten": self = .cat(try decoder.singleValueContainer().decode(Cat.self))
            case "Dog": self = .dog(try decoder.singleValueContainer().decode(Dog.self))
            case let value: throw decoder.unknownDiscriminator(value, property: "petType", of: Self.self)
            }
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .cat(let value): try container.encode(value)
            case .dog(let value): try container.encode(value)
            }
        }
    }

    enum Stamp: Codable, Hashable, Sendable {
        case int64(Int64)
        case date(Date)
        case string(String)

        init(from decoder: any Decoder) throws {
            var errors: [any Error] = []
            if let value = decoder.decodeAlternative(Int64.self, errors: &errors) {
                self = .int64(value)
                return
            }
            if let value = decoder.decodeAlternative(Date.self, errors: &errors) {
                self = .date(value)
                return
            }
            if let value = decoder.decodeAlternative(String.self, errors: &errors) {
                self = .string(value)
                return
            }
            throw decoder.noAlternativeMatched(Self.self, errors: errors)
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .int64(let value): try container.encode(value)
            case .date(let value): try container.encode(value)
            case .string(let value): try container.encode(value)
            }
        }
    }

    func decode<T: Decodable>(_ type: T.Type, _ json: String) throws -> T {
        try JSONCoding.makeDecoder().decode(type, from: Data(json.utf8))
    }

    func testTheDiscriminatorPicksTheCaseByMappingOrSchemaName() throws {
        XCTAssertEqual(try decode(Pet.self, #"{"petType":"kitten","lives":9}"#), .cat(Cat(petType: "kitten", lives: 9)))
        XCTAssertEqual(try decode(Pet.self, #"{"petType":"Dog","good":true}"#), .dog(Dog(petType: "Dog", good: true)))
        let encoded = try JSONCoding.makeEncoder().encode(Pet.dog(Dog(petType: "Dog", good: false)))
        XCTAssertEqual(
            try decode(Pet.self, String(decoding: encoded, as: UTF8.self)), .dog(Dog(petType: "Dog", good: false)))
    }

    func testAnUnknownOrMissingDiscriminatorIsALocatedError() throws {
        XCTAssertThrowsError(try decode([Pet].self, #"[{"petType":"cow"}]"#)) { error in
            guard case DecodingError.dataCorrupted(let context) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(context.codingPath.map(\.stringValue), ["Index 0", "petType"])
            XCTAssertTrue(
                context.debugDescription.contains("'cow' names none of the alternatives"), context.debugDescription)
        }
        XCTAssertThrowsError(try decode(Pet.self, #"{"lives":1}"#)) { error in
            guard case DecodingError.keyNotFound(let key, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(key.stringValue, "petType")
        }
    }

    func testAlternativesAreTriedInOrderAndDatesKeepTheirStrategy() throws {
        XCTAssertEqual(try decode(Stamp.self, "42"), .int64(42))
        XCTAssertEqual(
            try decode(Stamp.self, #""2026-11-25T10:00:00Z""#), .date(Date(timeIntervalSince1970: 1_795_600_800)))
        XCTAssertEqual(try decode(Stamp.self, #""soon""#), .string("soon"))
        let encoded = try JSONCoding.makeEncoder().encode([Stamp.date(Date(timeIntervalSince1970: 0)), .int64(7)])
        XCTAssertEqual(String(decoding: encoded, as: UTF8.self), #"["1970-01-01T00:00:00Z",7]"#)
    }

    func testAValueNoAlternativeDecodesSaysWhyForEach() throws {
        XCTAssertThrowsError(try decode(Stamp.self, "true")) { error in
            guard case DecodingError.dataCorrupted(let context) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(
                context.debugDescription.hasPrefix("The value is none of the alternatives of Stamp: "),
                context.debugDescription)
            XCTAssertEqual(context.debugDescription.components(separatedBy: "; ").count, 3, context.debugDescription)
        }
    }
}

/// `AlternativeChoice`: a `oneOf` without a discriminator keeps the alternative the value
/// fits, not the first that decodes.
final class AlternativeChoiceTests: XCTestCase {
    /// An open enum, as the generator writes one: unknown values are kept, not rejected.
    enum Kind: Codable, Hashable, Sendable, RawRepresentable {
        case card
        case unknown(String)
        init(rawValue: String) { self = rawValue == "card" ? .card : .unknown(rawValue) }
        var rawValue: String {
            switch self {
            case .card: "card"
            case .unknown(let value): value
            }
        }
    }

    enum IdealKind: Codable, Hashable, Sendable, RawRepresentable {
        case ideal
        case unknown(String)
        init(rawValue: String) { self = rawValue == "ideal" ? .ideal : .unknown(rawValue) }
        var rawValue: String {
            switch self {
            case .ideal: "ideal"
            case .unknown(let value): value
            }
        }
    }

    struct Card: Codable, Hashable, Sendable {
        var type: Kind?
        var number: String?
    }

    struct Ideal: Codable, Hashable, Sendable {
        var type: IdealKind?
        var issuer: String?
    }

    /// `oneOf: [Card, Ideal]`, every property optional: both decode almost anything.
    enum Method: Codable, Hashable, Sendable {
        case card(Card)
        case ideal(Ideal)

        init(from decoder: any Decoder) throws {
            var choice = AlternativeChoice<Self>(decoder, exclusive: true)
            choice.consider(Card.self, Self.card)
            choice.consider(Ideal.self, Self.ideal)
            self = try choice.chosen()
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .card(let value): try container.encode(value)
            case .ideal(let value): try container.encode(value)
            }
        }
    }

    /// The same alternatives as an `anyOf`.
    enum AnyMethod: Codable, Hashable, Sendable {
        case card(Card)
        case ideal(Ideal)

        init(from decoder: any Decoder) throws {
            var choice = AlternativeChoice<Self>(decoder, exclusive: false)
            choice.consider(Card.self, Self.card)
            choice.consider(Ideal.self, Self.ideal)
            self = try choice.chosen()
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .card(let value): try container.encode(value)
            case .ideal(let value): try container.encode(value)
            }
        }
    }

    /// `oneOf: [{type: string, format: date-time}, {type: string}]`.
    enum Stamp: Codable, Hashable, Sendable {
        case date(Date)
        case string(String)

        init(from decoder: any Decoder) throws {
            var choice = AlternativeChoice<Self>(decoder, exclusive: true)
            choice.consider(Date.self, Self.date)
            choice.consider(String.self, Self.string)
            self = try choice.chosen()
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .date(let value): try container.encode(value)
            case .string(let value): try container.encode(value)
            }
        }
    }

    func decode<T: Decodable>(_ type: T.Type, _ json: String) throws -> T {
        try JSONCoding.makeDecoder().decode(type, from: Data(json.utf8))
    }

    func testAnUnknownEnumValueLosesToTheAlternativeThatKnowsIt() throws {
        // `Card` decodes too (its open enum keeps "ideal" as unknown, `issuer` is dropped).
        let value = try decode(Method.self, #"{"type":"ideal","issuer":"ING"}"#)
        XCTAssertEqual(value, .ideal(Ideal(type: .ideal, issuer: "ING")))
        XCTAssertEqual(
            String(decoding: try JSONCoding.makeEncoder().encode(value), as: UTF8.self),
            #"{"issuer":"ING","type":"ideal"}"#)
        XCTAssertEqual(
            try decode(Method.self, #"{"type":"card","number":"4111"}"#), .card(Card(type: .card, number: "4111")))
    }

    func testAMemberOnlyOneAlternativeDeclaresChoosesIt() throws {
        XCTAssertEqual(try decode(Method.self, #"{"issuer":"ING"}"#), .ideal(Ideal(issuer: "ING")))
        XCTAssertEqual(try decode(Method.self, #"{"number":"4111","extra":1}"#), .card(Card(number: "4111")))
    }

    func testEqualsThatEncodeAlikeTakeTheFirstListed() throws {
        // `{}` is a Card and an Ideal alike: nothing is lost either way.
        XCTAssertEqual(try decode(Method.self, "{}"), .card(Card()))
        // A date-time is a `Date` and a `String`; the date (listed first) is kept even when
        // it encodes back normalised.
        XCTAssertEqual(
            try decode(Stamp.self, #""2024-01-01T02:00:00+02:00""#),
            .date(Date(timeIntervalSince1970: 1_704_067_200)))
        XCTAssertEqual(try decode(Stamp.self, #""soon""#), .string("soon"))
    }

    func testAOneOfThatFitsTwoAlternativesDifferentlyFailsAsAmbiguous() throws {
        // Each alternative keeps one member and drops the other: a guess would lose data.
        XCTAssertThrowsError(try decode(Method.self, #"{"number":"4111","issuer":"ING"}"#)) { error in
            guard case DecodingError.dataCorrupted(let context) = error else {
                return XCTFail("not dataCorrupted: \(error)")
            }
            XCTAssertTrue(context.debugDescription.contains("fits several alternatives"), context.debugDescription)
            XCTAssertTrue(context.debugDescription.contains("Card"), context.debugDescription)
            XCTAssertTrue(context.debugDescription.contains("Ideal"), context.debugDescription)
        }
        // An `anyOf` allows several: the first listed.
        XCTAssertEqual(
            try decode(AnyMethod.self, #"{"number":"4111","issuer":"ING"}"#), .card(Card(number: "4111")))
    }

    func testNoAlternativeThatDecodesIsAnError() throws {
        XCTAssertThrowsError(try decode(Method.self, "42")) { error in
            guard case DecodingError.dataCorrupted(let context) = error else {
                return XCTFail("not dataCorrupted: \(error)")
            }
            XCTAssertTrue(context.debugDescription.contains("none of the alternatives"), context.debugDescription)
        }
    }
}
