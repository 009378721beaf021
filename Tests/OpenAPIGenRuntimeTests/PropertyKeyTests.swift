import Foundation
import OpenAPIGenRuntime
import XCTest

/// Generated structs write `init(from:)` and `encode(to:)` out with `PropertyKey` instead of
/// a synthesised `CodingKeys` enum, calling the runtime's one-type methods
/// (`decodeString(forKey:)`…, `PropertyCoding.swift`). They must decode, fail and encode
/// exactly as the synthesised code did, with Foundation's decoder and with the runtime's.
final class PropertyKeyTests: XCTestCase {
    /// What Swift synthesises (the generator's output before `PropertyKey`).
    struct Synthesised: Codable, Equatable, Sendable {
        var id: String
        var createdAt: Date
        var count: Int?
        var tags: [String]
        var owner: Owner?
        @Indirect var parent: Owner?
        var flag: Bool?
        var ratio: Double?
        var big: Int64?
        var small: Int32?
        var fraction: Float?

        enum CodingKeys: String, CodingKey {
            case id
            case createdAt = "created_at"
            case count
            case tags
            case owner
            case parent
            case flag
            case ratio
            case big
            case small
            case fraction
        }
    }

    /// The same struct as the generator now writes it.
    struct Written: Codable, Equatable, Sendable {
        var id: String
        var createdAt: Date
        var count: Int?
        var tags: [String]
        var owner: Owner?
        @Indirect var parent: Owner?
        var flag: Bool?
        var ratio: Double?
        var big: Int64?
        var small: Int32?
        var fraction: Float?

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: PropertyKey.self)
            self.id = try container.decodeString(forKey: "id")
            self.createdAt = try container.decodeValue(Date.self, forKey: "created_at")
            self.count = try container.decodeIntIfPresent(forKey: "count")
            self.tags = try container.decodeValue([String].self, forKey: "tags")
            self.owner = try container.decodeValueIfPresent(Owner.self, forKey: "owner")
            self.parent = try container.decodeValueIfPresent(Owner.self, forKey: "parent")
            self.flag = try container.decodeBoolIfPresent(forKey: "flag")
            self.ratio = try container.decodeDoubleIfPresent(forKey: "ratio")
            self.big = try container.decodeInt64IfPresent(forKey: "big")
            self.small = try container.decodeInt32IfPresent(forKey: "small")
            self.fraction = try container.decodeFloatIfPresent(forKey: "fraction")
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: PropertyKey.self)
            try container.encodeString(self.id, forKey: "id")
            try container.encodeValue(self.createdAt, forKey: "created_at")
            try container.encodeIntIfPresent(self.count, forKey: "count")
            try container.encodeValue(self.tags, forKey: "tags")
            try container.encodeValueIfPresent(self.owner, forKey: "owner")
            try container.encodeValueIfPresent(self.parent, forKey: "parent")
            try container.encodeBoolIfPresent(self.flag, forKey: "flag")
            try container.encodeDoubleIfPresent(self.ratio, forKey: "ratio")
            try container.encodeInt64IfPresent(self.big, forKey: "big")
            try container.encodeInt32IfPresent(self.small, forKey: "small")
            try container.encodeFloatIfPresent(self.fraction, forKey: "fraction")
        }
    }

    struct Owner: Codable, Equatable, Sendable {
        var name: String
    }

    private static let inputs = [
        #"{"id":"a","created_at":"2024-01-02T03:04:05Z","tags":[]}"#,
        #"{"id":"a","created_at":"2024-01-02T03:04:05Z","count":3,"tags":["x"],"owner":{"name":"Ada"},"parent":{"name":"Bob"}}"#,
        #"{"id":"a","created_at":"2024-01-02T03:04:05Z","count":null,"tags":[],"owner":null}"#,
        #"{"id":"a","created_at":"2024-01-02T03:04:05Z","tags":[],"flag":true,"ratio":0.5,"big":9007199254740993,"small":-7,"fraction":1.5}"#,
        #"{"created_at":"2024-01-02T03:04:05Z","tags":[]}"#,
        #"{"id":null,"created_at":"2024-01-02T03:04:05Z","tags":[]}"#,
        #"{"id":"a","created_at":"yesterday","tags":[]}"#,
        #"{"id":"a","created_at":"2024-01-02T03:04:05Z","count":"3","tags":[]}"#,
        #"{"id":"a","created_at":"2024-01-02T03:04:05Z","tags":[1]}"#,
        #"{"id":"a","created_at":"2024-01-02T03:04:05Z","tags":[],"owner":{}}"#,
        #"{"id":"a","created_at":"2024-01-02T03:04:05Z","tags":[],"parent":{"name":7}}"#,
        #"{"id":"a","created_at":"2024-01-02T03:04:05Z","tags":[],"big":1.5}"#,
        #"{"id":"a","created_at":"2024-01-02T03:04:05Z","tags":[],"small":3000000000}"#,
        #"{"id":"a","created_at":"2024-01-02T03:04:05Z","tags":[],"flag":"yes"}"#,
        #"["id"]"#,
        #"null"#,
    ]

    /// The result of decoding, with everything a caller can see of an error but the type's
    /// own name: the kind, the key's name and the coding path.
    private func outcome<T: Decodable & Equatable>(_ type: T.Type, _ text: String, runtime: Bool) -> String {
        do {
            let data = Data(text.utf8)
            let value: T
            value =
                try runtime ? JSONCoding.decode(type, from: data) : JSONCoding.makeDecoder().decode(type, from: data)
            return "decoded \(String(describing: value).replacingOccurrences(of: "\(T.self)", with: "Model"))"
        } catch DecodingError.keyNotFound(let key, let context) {
            return "keyNotFound \(key.stringValue) int \(String(describing: key.intValue)) at \(Self.path(context))"
        } catch DecodingError.valueNotFound(let type, let context) {
            return "valueNotFound \(type) at \(Self.path(context))"
        } catch DecodingError.typeMismatch(let type, let context) {
            return "typeMismatch \(type) at \(Self.path(context))"
        } catch DecodingError.dataCorrupted(let context) {
            return "dataCorrupted at \(Self.path(context))"
        } catch {
            return "other \(error)"
        }
    }

    private static func path(_ context: DecodingError.Context) -> String {
        context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }

    func testWrittenCodingDecodesAndFailsAsSynthesisedCoding() {
        var failures = 0
        for runtime in [false, true] {
            for text in Self.inputs {
                let synthesised = outcome(Synthesised.self, text, runtime: runtime)
                if !synthesised.hasPrefix("decoded ") { failures += 1 }
                XCTAssertEqual(outcome(Written.self, text, runtime: runtime), synthesised, "\(runtime) \(text)")
            }
        }
        // The inputs do exercise the error paths (12 of the 16 fail, with each decoder).
        XCTAssertEqual(failures, 24)
    }

    func testWrittenCodingEncodesAsSynthesisedCoding() throws {
        let decoder = JSONCoding.makeDecoder()
        let encoder = JSONCoding.makeEncoder()
        for text in Self.inputs.prefix(4) {
            let written = try decoder.decode(Written.self, from: Data(text.utf8))
            let synthesised = try decoder.decode(Synthesised.self, from: Data(text.utf8))
            let encoded = try encoder.encode(written)
            XCTAssertEqual(encoded, try encoder.encode(synthesised), text)
            XCTAssertFalse(String(decoding: encoded, as: UTF8.self).contains("null"), "a nil optional is left out")
        }
    }

    /// `UUID`s are written in lower case (RFC 9562), where `UUID`'s own `Encodable` writes
    /// upper case; a nil one is left out.
    func testUUIDsAreEncodedInLowerCase() throws {
        struct Identified: Encodable {
            var id: UUID
            var other: UUID?
            var all: [UUID]
            var some: [UUID]?

            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: PropertyKey.self)
                try container.encodeUUID(self.id, forKey: "id")
                try container.encodeUUIDIfPresent(self.other, forKey: "other")
                try container.encodeUUIDs(self.all, forKey: "all")
                try container.encodeUUIDsIfPresent(self.some, forKey: "some")
            }
        }
        let id = try XCTUnwrap(UUID(uuidString: "7C9E6679-7425-40DE-944B-E07FC1F90AE7"))
        let encoder = JSONCoding.makeEncoder()
        encoder.outputFormatting = .sortedKeys
        let lower = "7c9e6679-7425-40de-944b-e07fc1f90ae7"
        XCTAssertEqual(
            String(
                decoding: try encoder.encode(Identified(id: id, other: id, all: [id, id], some: [id])), as: UTF8.self),
            #"{"all":["\#(lower)","\#(lower)"],"id":"\#(lower)","other":"\#(lower)","some":["\#(lower)"]}"#)
        XCTAssertEqual(
            String(decoding: try encoder.encode(Identified(id: id, other: nil, all: [], some: nil)), as: UTF8.self),
            #"{"all":[],"id":"\#(lower)"}"#)
    }

    func testTheKeyIsItsName() {
        let key: PropertyKey = "created_at"
        XCTAssertEqual(key.stringValue, "created_at")
        XCTAssertNil(key.intValue)
        XCTAssertNil(PropertyKey(intValue: 0))
        XCTAssertEqual(PropertyKey(stringValue: "a"), "a")
    }
}
