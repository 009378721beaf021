import Foundation
import OpenAPIGenRuntime
import XCTest

/// Generated structs write `init(from:)` and `encode(to:)` out with `PropertyKey` instead of
/// a synthesised `CodingKeys` enum. They must decode, fail and encode exactly as the
/// synthesised code did, with Foundation's decoder and with the runtime's.
final class PropertyKeyTests: XCTestCase {
    /// What Swift synthesises (the generator's output before `PropertyKey`).
    struct Synthesised: Codable, Equatable, Sendable {
        var id: String
        var createdAt: Date
        var count: Int?
        var tags: [String]
        var owner: Owner?
        @Indirect var parent: Owner?

        enum CodingKeys: String, CodingKey {
            case id
            case createdAt = "created_at"
            case count
            case tags
            case owner
            case parent
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

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: PropertyKey.self)
            self.id = try container.decode(String.self, forKey: "id")
            self.createdAt = try container.decode(Date.self, forKey: "created_at")
            self.count = try container.decodeIfPresent(Int.self, forKey: "count")
            self.tags = try container.decode([String].self, forKey: "tags")
            self.owner = try container.decodeIfPresent(Owner.self, forKey: "owner")
            self.parent = try container.decodeIfPresent(Owner.self, forKey: "parent")
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: PropertyKey.self)
            try container.encode(self.id, forKey: "id")
            try container.encode(self.createdAt, forKey: "created_at")
            try container.encodeIfPresent(self.count, forKey: "count")
            try container.encode(self.tags, forKey: "tags")
            try container.encodeIfPresent(self.owner, forKey: "owner")
            try container.encodeIfPresent(self.parent, forKey: "parent")
        }
    }

    struct Owner: Codable, Equatable, Sendable {
        var name: String
    }

    private static let inputs = [
        #"{"id":"a","created_at":"2024-01-02T03:04:05Z","tags":[]}"#,
        #"{"id":"a","created_at":"2024-01-02T03:04:05Z","count":3,"tags":["x"],"owner":{"name":"Ada"},"parent":{"name":"Bob"}}"#,
        #"{"id":"a","created_at":"2024-01-02T03:04:05Z","count":null,"tags":[],"owner":null}"#,
        #"{"created_at":"2024-01-02T03:04:05Z","tags":[]}"#,
        #"{"id":null,"created_at":"2024-01-02T03:04:05Z","tags":[]}"#,
        #"{"id":"a","created_at":"yesterday","tags":[]}"#,
        #"{"id":"a","created_at":"2024-01-02T03:04:05Z","count":"3","tags":[]}"#,
        #"{"id":"a","created_at":"2024-01-02T03:04:05Z","tags":[1]}"#,
        #"{"id":"a","created_at":"2024-01-02T03:04:05Z","tags":[],"owner":{}}"#,
        #"{"id":"a","created_at":"2024-01-02T03:04:05Z","tags":[],"parent":{"name":7}}"#,
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
        // The inputs do exercise the error paths (9 of the 12 fail, with each decoder).
        XCTAssertEqual(failures, 18)
    }

    func testWrittenCodingEncodesAsSynthesisedCoding() throws {
        let decoder = JSONCoding.makeDecoder()
        let encoder = JSONCoding.makeEncoder()
        for text in Self.inputs.prefix(3) {
            let written = try decoder.decode(Written.self, from: Data(text.utf8))
            let synthesised = try decoder.decode(Synthesised.self, from: Data(text.utf8))
            let encoded = try encoder.encode(written)
            XCTAssertEqual(encoded, try encoder.encode(synthesised), text)
            XCTAssertFalse(String(decoding: encoded, as: UTF8.self).contains("null"), "a nil optional is left out")
        }
    }

    func testTheKeyIsItsName() {
        let key: PropertyKey = "created_at"
        XCTAssertEqual(key.stringValue, "created_at")
        XCTAssertNil(key.intValue)
        XCTAssertNil(PropertyKey(intValue: 0))
        XCTAssertEqual(PropertyKey(stringValue: "a"), "a")
    }
}
