import Foundation
import OpenAPIGenRuntime
import XCTest

final class IndirectTests: XCTestCase {
    struct Comment: Codable, Hashable, Sendable {
        var text: String
        @Indirect var parent: Comment?
        @Indirect var thread: Thread
    }

    struct Thread: Codable, Hashable, Sendable {
        var title: String
        @Indirect var first: Comment?
    }

    private func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    func testIndirectPropertiesCodeLikePlainOnes() throws {
        let root = Comment(text: "root", parent: nil, thread: Thread(title: "t", first: nil))
        let reply = Comment(text: "reply", parent: root, thread: Thread(title: "t", first: root))
        let text = try json(reply)
        XCTAssertEqual(
            text,
            #"{"parent":{"text":"root","thread":{"title":"t"}},"text":"reply","thread":{"first":{"text":"root","thread":{"title":"t"}},"title":"t"}}"#
        )
        XCTAssertEqual(try JSONDecoder().decode(Comment.self, from: Data(text.utf8)), reply)
    }

    func testAMissingOrNullOptionalDecodesAsNil() throws {
        let decoded = try JSONDecoder().decode(
            Comment.self, from: Data(#"{"text":"a","parent":null,"thread":{"title":"t"}}"#.utf8))
        XCTAssertNil(decoded.parent)
        XCTAssertNil(decoded.thread.first)
        XCTAssertThrowsError(try JSONDecoder().decode(Comment.self, from: Data(#"{"text":"a"}"#.utf8)))
    }

    func testSettingAValueDoesNotChangeCopies() {
        var a = Thread(title: "t", first: nil)
        let b = a
        a.first = Comment(text: "c", parent: nil, thread: b)
        XCTAssertNil(b.first)
        XCTAssertEqual(a.first?.text, "c")
    }

    /// Generated models store large nested models `@Indirect` (out of line): with the runtime's
    /// decoder they must decode, and fail, exactly as the same struct with plain properties.
    struct PlainOrder: Codable, Equatable, Sendable {
        var id: String
        var customer: Customer
        var billing: Customer?
    }

    struct BoxedOrder: Codable, Equatable, Sendable {
        var id: String
        @Indirect var customer: Customer
        @Indirect var billing: Customer?
    }

    struct Customer: Codable, Equatable, Sendable {
        var name: String
    }

    private func outcome<T: Decodable>(_ type: T.Type, _ text: String) -> String {
        do {
            return "value \(try JSONCoding.decode(type, from: Data(text.utf8)))"
                .replacingOccurrences(of: "BoxedOrder", with: "Order")
                .replacingOccurrences(of: "PlainOrder", with: "Order")
                .replacingOccurrences(of: "Indirect<Customer>(box: ", with: "")
        } catch let DecodingError.keyNotFound(key, context) {
            return "keyNotFound \(key.stringValue) at \(context.codingPath.map(\.stringValue))"
        } catch let DecodingError.valueNotFound(_, context) {
            return "valueNotFound at \(context.codingPath.map(\.stringValue))"
        } catch let DecodingError.typeMismatch(_, context) {
            return "typeMismatch at \(context.codingPath.map(\.stringValue))"
        } catch {
            return "other \(error)"
        }
    }

    func testOutOfLineModelsDecodeAndFailAsInlineOnesWithTheRuntimeDecoder() throws {
        let valid = #"{"id":"o1","customer":{"name":"Ada"},"billing":{"name":"Bob"}}"#
        let boxed = try JSONCoding.decode(BoxedOrder.self, from: Data(valid.utf8))
        XCTAssertEqual(boxed.customer.name, "Ada")
        XCTAssertEqual(boxed.billing?.name, "Bob")
        let withoutBilling = try JSONCoding.decode(
            BoxedOrder.self, from: Data(#"{"id":"o1","customer":{"name":"Ada"}}"#.utf8))
        XCTAssertNil(withoutBilling.billing)
        let invalid = [
            #"{"id":"o1"}"#,
            #"{"id":"o1","customer":null}"#,
            #"{"id":"o1","customer":{}}"#,
            #"{"id":"o1","customer":{"name":3}}"#,
            #"{"id":"o1","customer":{"name":"Ada"},"billing":{"name":[]}}"#,
            #"{"id":"o1","customer":{"name":"Ada"},"billing":7}"#,
        ]
        for text in invalid {
            let plain = outcome(PlainOrder.self, text)
            XCTAssertFalse(plain.hasPrefix("value "), "\(text): \(plain)")
            XCTAssertEqual(outcome(BoxedOrder.self, text), plain, text)
        }
        // Encoding too: a nil optional is left out, the rest is the plain struct's JSON.
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        for order in [boxed, withoutBilling] {
            let plain = PlainOrder(id: order.id, customer: order.customer, billing: order.billing)
            XCTAssertEqual(try encoder.encode(order), try encoder.encode(plain))
        }
    }
}
