import Foundation
import OpenAPIGenRuntime
import XCTest

/// ``ServerSentEventParser`` against the WHATWG event-stream interpretation rules, each case
/// fed whole, split at every pair of byte offsets, and byte by byte.
final class ServerSentEventParserTests: XCTestCase {
    private typealias Event = ServerSentEvent<String>

    private static let cases: [(name: String, input: String, events: [Event])] = [
        ("one event", "data: hello\n\n", [Event(data: "hello")]),
        ("data lines joined with LF", "data: a\ndata: b\n\n", [Event(data: "a\nb")]),
        ("a comment is ignored", ": keep-alive\ndata: x\n: another\n\n", [Event(data: "x")]),
        ("a comment alone dispatches nothing", ":\n\n: ping\n\n", []),
        ("CRLF line endings", "data: x\r\ndata: y\r\n\r\n", [Event(data: "x\ny")]),
        ("CR line endings", "data: x\r\rdata: y\r\r", [Event(data: "x"), Event(data: "y")]),
        ("mixed line endings", "data: a\r\ndata: b\rdata: c\n\n", [Event(data: "a\nb\nc")]),
        ("a field without colon has an empty value", "data\n\n", [Event(data: "")]),
        ("an empty data line counts", "data:\ndata:\n\n", [Event(data: "\n")]),
        ("only one leading space is stripped", "data:  two\n\n", [Event(data: " two")]),
        ("no space after the colon", "data:tight\n\n", [Event(data: "tight")]),
        ("a colon in the value", "data: a: b\n\n", [Event(data: "a: b")]),
        (
            "all fields", "event: add\ndata: 1\nid: 7\nretry: 3000\n\n",
            [Event(event: "add", data: "1", id: "7", retry: 3000)]
        ),
        ("no blank line at the end: not dispatched", "data: x\n", []),
        ("no newline at all at the end: not dispatched", "data: a\n\ndata: x", [Event(data: "a")]),
        ("the id persists", "id: 1\ndata: a\n\ndata: b\n\n", [Event(data: "a", id: "1"), Event(data: "b", id: "1")]),
        ("an empty id resets it", "id: 1\ndata: a\n\nid\ndata: b\n\n", [Event(data: "a", id: "1"), Event(data: "b")]),
        (
            "an id with NUL is ignored", "id: 1\ndata: a\n\nid: 2\u{0}3\ndata: b\n\n",
            [Event(data: "a", id: "1"), Event(data: "b", id: "1")]
        ),
        (
            "retry needs digits only", "retry: 12a\ndata: x\n\nretry: -5\ndata: y\n\n",
            [Event(data: "x"), Event(data: "y")]
        ),
        (
            "retry belongs to its event", "retry: 10\ndata: x\n\ndata: y\n\n",
            [Event(data: "x", retry: 10), Event(data: "y")]
        ),
        ("an event type without data is dropped", "event: e\n\ndata: x\n\n", [Event(data: "x")]),
        (
            "the event type does not carry over", "event: e\ndata: 1\n\ndata: 2\n\n",
            [Event(event: "e", data: "1"), Event(data: "2")]
        ),
        ("unknown fields are ignored", "foo: bar\ndata: x\nData: no\n\n", [Event(data: "x")]),
        ("a leading BOM is dropped", "\u{FEFF}data: bom\n\n", [Event(data: "bom")]),
        ("a BOM later is data", "data: a\n\n\u{FEFF}data: b\n\n", [Event(data: "a")]),
        ("UTF-8 text", "data: héllo 🎉 世界\n\n", [Event(data: "héllo 🎉 世界")]),
        ("several blank lines", "data: x\n\n\n\n\r\n", [Event(data: "x")]),
        ("a space before the colon is part of the name", "data : x\ndata: y\n\n", [Event(data: "y")]),
        ("JSON data", #"data: {"a": [1, 2]}"# + "\n\n", [Event(data: #"{"a": [1, 2]}"#)]),
    ]

    private func parse(_ chunks: [ArraySlice<UInt8>]) throws -> [Event] {
        var parser = ServerSentEventParser()
        var events: [Event] = []
        for chunk in chunks { events += try parser.parse(chunk) }
        return events
    }

    func testTheWHATWGRulesWithTheStreamWhole() throws {
        for testCase in Self.cases {
            XCTAssertEqual(try parse([Array(testCase.input.utf8)[...]]), testCase.events, testCase.name)
        }
    }

    func testTheWHATWGRulesWithTheStreamSplitAtEveryPairOfOffsets() throws {
        for testCase in Self.cases {
            let bytes = Array(testCase.input.utf8)
            for first in 0...bytes.count {
                for second in first...bytes.count {
                    let chunks = [bytes[..<first], bytes[first..<second], bytes[second...]]
                    let events = try parse(chunks)
                    if events != testCase.events {
                        XCTFail("\(testCase.name): split at \(first) and \(second): \(events)")
                        break
                    }
                }
            }
        }
    }

    func testTheWHATWGRulesByteByByte() throws {
        for testCase in Self.cases {
            let bytes = Array(testCase.input.utf8)
            XCTAssertEqual(try parse(bytes.indices.map { bytes[$0...$0] }), testCase.events, testCase.name)
        }
    }

    func testAnInvalidUTF8SequenceBecomesAReplacementCharacter() throws {
        var parser = ServerSentEventParser()
        let events = try parser.parse(Array("data: a".utf8) + [0xFF] + Array("b\n\n".utf8))
        XCTAssertEqual(events, [Event(data: "a\u{FFFD}b")])
    }

    func testTheReconnectionTimeIsKeptAcrossEvents() throws {
        var parser = ServerSentEventParser()
        _ = try parser.parse(Array("retry: 2500\n\n".utf8))
        XCTAssertEqual(parser.reconnectionTime, 2500)
        _ = try parser.parse(Array("retry: x\ndata: y\n\n".utf8))
        XCTAssertEqual(parser.reconnectionTime, 2500)
    }

    func testAnEventLongerThanTheLimitThrows() throws {
        var parser = ServerSentEventParser(maxEventBytes: 16)
        XCTAssertEqual(try parser.parse(Array("data: 0123456789\n\n".utf8)), [Event(data: "0123456789")])
        XCTAssertThrowsError(try parser.parse(Array("data: 0123456789\ndata: 0123456789\n".utf8))) { error in
            XCTAssertTrue(error is ServerSentEventTooLargeError, "\(error)")
        }
        // Comment lines do not add up: a keep-alive stream never reaches the limit.
        var keepAlive = ServerSentEventParser(maxEventBytes: 16)
        for _ in 0..<100 { XCTAssertEqual(try keepAlive.parse(Array(": keep-alive\n".utf8)), []) }
    }
}
