import Foundation
import OpenAPIGenRuntime
import XCTest

/// JSON Lines, JSON text sequences and server-sent events decoded from body streams built in
/// the test (the HTTP side is in `StreamingHTTPTests`).
final class StreamDecodingTests: XCTestCase {
    struct Number: Codable, Equatable, Sendable { var n: Int }

    private let core = ClientCore(
        serverURL: URL(string: "https://api.example.com")!, transport: NoTransport(), middlewares: [])

    /// A response whose body arrives in `chunks`, then ends (or fails with `error`).
    private func response(_ chunks: [Data], failing error: (any Error)? = nil) -> HTTPStreamingResponse {
        let (body, continuation) = AsyncThrowingStream.makeStream(of: Data.self, throwing: (any Error).self)
        for chunk in chunks { continuation.yield(chunk) }
        continuation.finish(throwing: error)
        return HTTPStreamingResponse(statusCode: 200, body: body)
    }

    private func split(_ text: String, at offsets: Int...) -> [Data] {
        let bytes = Array(text.utf8)
        var chunks: [Data] = []
        var start = 0
        for offset in offsets + [bytes.count] {
            chunks.append(Data(bytes[start..<offset]))
            start = offset
        }
        return chunks
    }

    /// Every item the stream yields, and the error that ended it (if any).
    private func drain<Item>(_ stream: AsyncThrowingStream<Item, any Error>) async -> ([Item], (any Error)?) {
        var items: [Item] = []
        do {
            for try await item in stream { items.append(item) }
            return (items, nil)
        } catch {
            return (items, error)
        }
    }

    // MARK: JSON Lines

    func testJSONLinesAtEverySplitOffset() async throws {
        let text = "{\"n\":1}\n\r\n  \n{\"n\":2}\r\n{\"n\":3}"  // blank lines skipped, CRLF, no final LF
        for offset in 0...text.utf8.count {
            let stream = core.jsonLines(of: Number.self, from: response(split(text, at: offset)), operationID: "lines")
            let (items, error) = await drain(stream)
            XCTAssertNil(error, "split at \(offset)")
            XCTAssertEqual(items, [Number(n: 1), Number(n: 2), Number(n: 3)], "split at \(offset)")
        }
    }

    func testAnUndecodableLineThrowsWithItsPosition() async throws {
        let text = "{\"n\":0}\n{\"n\":1}\n{\"n\":\"two\"}\n{\"n\":3}\n"
        let stream = core.jsonLines(of: Number.self, from: response([Data(text.utf8)]), operationID: "lines")
        let (items, error) = await drain(stream)
        XCTAssertEqual(items, [Number(n: 0), Number(n: 1)], "the items before the bad one arrive, none after")
        let decoding = try XCTUnwrap(error as? StreamItemDecodingError, "\(String(describing: error))")
        XCTAssertEqual(decoding.itemIndex, 2)
        XCTAssertEqual(decoding.codingPath, "n")
        XCTAssertEqual(decoding.operationID, "lines")
        XCTAssertTrue(decoding.itemExcerpt.contains("two"), decoding.itemExcerpt)
        XCTAssertTrue(decoding.description.contains("item 2"), decoding.description)
    }

    func testABodyThatBreaksOffThrowsWithThePositionReached() async throws {
        let body = response(split("{\"n\":0}\n{\"n\":1}\n{\"n\"", at: 9), failing: URLError(.networkConnectionLost))
        let (items, error) = await drain(core.jsonLines(of: Number.self, from: body, operationID: "lines"))
        XCTAssertEqual(items, [Number(n: 0), Number(n: 1)])
        let interrupted = try XCTUnwrap(error as? StreamInterruptedError, "\(String(describing: error))")
        XCTAssertEqual(interrupted.itemIndex, 2)
        XCTAssertEqual((interrupted.underlying as? URLError)?.code, .networkConnectionLost)
    }

    func testALineLongerThanTheLimitThrows() throws {
        var framer = JSONLinesFramer(maxRecordBytes: 8)
        XCTAssertEqual(try framer.parse(Array("[1,2,3]\n".utf8)), [Data("[1,2,3]".utf8)])
        XCTAssertThrowsError(try framer.parse(Array("[1,2,3,4,5]".utf8))) {
            XCTAssertTrue($0 is StreamRecordTooLargeError, "\($0)")
        }
    }

    // MARK: JSON text sequences

    func testJSONSequenceRecordsAtEverySplitOffset() async throws {
        let text = "\u{1E}{\"n\":1}\n\u{1E}\u{1E}\n\u{1E} {\"n\":2}\n\u{1E}{\"n\":3}\n"
        for offset in 0...text.utf8.count {
            let stream = core.jsonSequence(of: Number.self, from: response(split(text, at: offset)), operationID: "seq")
            let (items, error) = await drain(stream)
            XCTAssertNil(error, "split at \(offset)")
            XCTAssertEqual(items, [Number(n: 1), Number(n: 2), Number(n: 3)], "split at \(offset)")
        }
    }

    func testATopLevelNumberWithoutWhitespaceAfterItIsTruncated() async throws {
        var framer = JSONSequenceFramer()
        let records = try framer.parse(Array("\u{1E}12\n\u{1E}34\u{1E}true\n\u{1E}\"s\"\u{1E}5".utf8)) + framer.finish()
        XCTAssertEqual(records.map { String(decoding: $0.text, as: UTF8.self) }, ["12", "34", "true", "\"s\"", "5"])
        XCTAssertEqual(records.map(\.isTruncated), [false, true, false, false, true])

        let body = response([Data("\u{1E}1\n\u{1E}2\n\u{1E}3".utf8)])
        let (items, error) = await drain(core.jsonSequence(of: Int.self, from: body, operationID: "seq"))
        XCTAssertEqual(items, [1, 2], "the last number may be the start of a longer one")
        XCTAssertEqual((error as? StreamItemDecodingError)?.itemIndex, 2, "\(String(describing: error))")
    }

    // MARK: Server-sent events

    func testEventsDecodeTheirDataAsJSONAndStopAtTheTerminator() async throws {
        let text =
            "event: delta\ndata: {\"n\":1}\nid: a\n\n: comment\ndata: {\"n\":2}\n\ndata: [DONE]\n\ndata: {\"n\":3}\n\n"
        for offset in 0...text.utf8.count {
            let stream = core.serverSentEvents(
                of: Number.self, from: response(split(text, at: offset)), operationID: "events", terminator: "[DONE]")
            let (events, error) = await drain(stream)
            XCTAssertNil(error, "split at \(offset)")
            XCTAssertEqual(
                events,
                [
                    ServerSentEvent(event: "delta", data: Number(n: 1), id: "a"),
                    ServerSentEvent(data: Number(n: 2), id: "a"),
                ],
                "split at \(offset)")
        }
    }

    func testStringEventsKeepTheirDataAsItIs() async throws {
        let body = response([Data("data: not json\ndata: at all\n\ndata: [DONE]\n\n".utf8)])
        let (events, error) = await drain(core.serverSentEvents(of: String.self, from: body, operationID: "events"))
        XCTAssertNil(error)
        XCTAssertEqual(events.map(\.data), ["not json\nat all", "[DONE]"], "without a terminator, [DONE] is an event")
    }

    func testAnUndecodableEventThrowsWithItsPosition() async throws {
        let body = response([Data("data: {\"n\":1}\n\ndata: {\"n\":null}\n\ndata: {\"n\":3}\n\n".utf8)])
        let (events, error) = await drain(core.serverSentEvents(of: Number.self, from: body, operationID: "events"))
        XCTAssertEqual(events.map(\.data), [Number(n: 1)])
        let decoding = try XCTUnwrap(error as? StreamItemDecodingError, "\(String(describing: error))")
        XCTAssertEqual(decoding.itemIndex, 1)
        XCTAssertEqual(decoding.codingPath, "n")
    }

    func testAnIncompleteLastEventIsDroppedNotDecoded() async throws {
        let body = response([Data("data: {\"n\":1}\n\ndata: {\"n\":".utf8)])
        let (events, error) = await drain(core.serverSentEvents(of: Number.self, from: body, operationID: "events"))
        XCTAssertNil(error)
        XCTAssertEqual(events.map(\.data), [Number(n: 1)])
    }

    func testCancellingAConsumerWaitingForAnItemThrowsCancellationErrorAndReachesTheBody() async throws {
        let body = ParkedBody()
        let events = core.serverSentEvents(
            of: String.self,
            from: HTTPStreamingResponse(statusCode: 200, body: body.stream(first: Data("data: 1\n\n".utf8))),
            operationID: "events")
        let consumer = Task {
            var received: [String] = []
            do {
                for try await event in events { received.append(event.data) }
                return (received, nil as (any Error)?)
            } catch {
                return (received, error)
            }
        }
        await body.waiting.wait()  // the consumer has its first event and waits for the next
        consumer.cancel()
        let (received, error) = await consumer.value
        XCTAssertEqual(received, ["1"])
        XCTAssertTrue(error is CancellationError, "\(String(describing: error))")
        XCTAssertTrue(body.wasCancelled, "the body's reader is cancelled with the consumer")
    }
}

/// A body that yields one chunk, then waits for more until its reader is cancelled, and
/// says when its reader is waiting.
final class ParkedBody: @unchecked Sendable {
    let waiting = Signal()
    private let lock = NSLock()
    private var sentFirst = false
    private var parked: CheckedContinuation<Void, Never>?
    private var cancelled = false

    var wasCancelled: Bool { lock.withLock { cancelled } }

    func stream(first: Data) -> AsyncThrowingStream<Data, any Error> {
        AsyncThrowingStream(unfolding: { [self] in
            if takeFirst() { return first }
            await withTaskCancellationHandler {
                await withCheckedContinuation { park($0) }
            } onCancel: {
                unpark()
            }
            return nil
        })
    }

    private func takeFirst() -> Bool {
        lock.withLock {
            defer { sentFirst = true }
            return !sentFirst
        }
    }

    private func park(_ continuation: CheckedContinuation<Void, Never>) {
        let resumeNow = lock.withLock {
            if cancelled { return true }
            parked = continuation
            return false
        }
        if resumeNow { continuation.resume() } else { waiting.fire() }
    }

    private func unpark() {
        let continuation = lock.withLock {
            cancelled = true
            defer { parked = nil }
            return parked
        }
        continuation?.resume()
    }
}

/// A transport for tests that never send.
struct NoTransport: HTTPTransport {
    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        XCTFail("no request is expected")
        throw URLError(.unsupportedURL)
    }
}

/// A one-shot signal between tasks of a test.
final class Signal: @unchecked Sendable {
    private let lock = NSLock()
    private var fired = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func fire() {
        lock.lock()
        fired = true
        let waiters = self.waiters
        self.waiters = []
        lock.unlock()
        for waiter in waiters { waiter.resume() }
    }

    func wait() async {
        await withCheckedContinuation { continuation in
            lock.lock()
            if fired {
                lock.unlock()
                continuation.resume()
            } else {
                waiters.append(continuation)
                lock.unlock()
            }
        }
    }
}
