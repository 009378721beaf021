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
}
