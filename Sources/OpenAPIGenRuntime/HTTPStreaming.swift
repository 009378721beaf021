import Foundation

/// A response whose body is read as it arrives: status and headers are there as soon as the
/// head has been received, the body follows in chunks.
///
/// Iterate ``body`` once. Dropping the response (or its body) before the end, breaking out
/// of the loop over it or cancelling the task iterating it ends the exchange: a transport
/// closes the connection (``URLSessionTransport`` cancels its data task).
public struct HTTPStreamingResponse: Sendable {
    public var statusCode: Int
    public var headers: HTTPHeaders
    /// The body in chunks of any size, in the order they arrived. A failure of the
    /// connection before the end is thrown from the iteration.
    public var body: AsyncThrowingStream<Data, any Error>
    /// For a 429 that ``ClientCore/sendStreaming(_:operationID:options:server:)`` returns
    /// after the last retry: the attempts made (for ``RateLimitedError``).
    var rateLimitedAttempts: Int?

    public init(statusCode: Int, headers: HTTPHeaders = [:], body: AsyncThrowingStream<Data, any Error>) {
        self.statusCode = statusCode
        self.headers = headers
        self.body = body
    }

    /// A streaming response of a complete one: its body (if any) as one chunk.
    public init(_ response: HTTPResponse) {
        statusCode = response.statusCode
        headers = response.headers
        body = Self.body(response.body)
    }

    /// A body stream holding `data` as one chunk (none when it is empty), then the end.
    public static func body(_ data: Data) -> AsyncThrowingStream<Data, any Error> {
        let (stream, continuation) = AsyncThrowingStream.makeStream(of: Data.self, throwing: (any Error).self)
        if !data.isEmpty { continuation.yield(data) }
        continuation.finish()
        return stream
    }

    /// Reads the rest of the body: the complete response. Throws
    /// ``ResponseBodyTooLargeError`` when the body exceeds `maxBytes`, and what the body
    /// stream throws.
    public func collect(upTo maxBytes: Int = 64 << 20) async throws -> HTTPResponse {
        var data = Data()
        for try await chunk in body {
            guard data.count + chunk.count <= maxBytes else { throw ResponseBodyTooLargeError(limit: maxBytes) }
            data.append(chunk)
        }
        return HTTPResponse(statusCode: statusCode, headers: headers, body: data)
    }
}

/// A response body was longer than a caller collecting it allowed.
public struct ResponseBodyTooLargeError: Error, CustomStringConvertible {
    public let limit: Int
    public init(limit: Int) { self.limit = limit }
    public var description: String { "the response body is longer than \(limit) bytes" }
}

// MARK: Transports and middlewares

extension HTTPTransport {
    /// A transport sends ``HTTPRequest/body`` only, unless it says otherwise.
    public var canStreamRequestBodies: Bool { false }

    /// The buffered fallback for a transport that cannot stream: sends the request with
    /// ``HTTPTransport/send(_:)`` and hands on the whole body as one chunk once it has
    /// arrived. Transports that can stream implement this themselves.
    public func sendStreaming(_ request: HTTPRequest) async throws -> HTTPStreamingResponse {
        HTTPStreamingResponse(try await send(request))
    }
}

extension ClientMiddleware {
    /// How a middleware written for complete responses takes part in a streamed call:
    /// ``ClientMiddleware/intercept(_:operationID:next:)`` runs as for any call (it can
    /// change the request, retry, throw, or change the status and headers it is given), but
    /// the body of a 2xx response is not read for it: it sees that response with an empty
    /// body, and the stream goes on to the caller unread. A response with any other status is
    /// read whole first and the middleware sees its body. When the middleware returns a body
    /// of its own, the caller gets that body instead of the stream.
    ///
    /// Middlewares that need to see or change a streamed body implement this method.
    public func interceptStreaming(
        _ request: HTTPRequest,
        operationID: String,
        next: @Sendable (HTTPRequest) async throws -> HTTPStreamingResponse
    ) async throws -> HTTPStreamingResponse {
        let held = HeldStream()
        let response = try await intercept(request, operationID: operationID) { request in
            let streamed = try await next(request)
            guard (200..<300).contains(streamed.statusCode) else {
                held.hold(nil)
                return try await streamed.collect()
            }
            held.hold(streamed.body)
            return HTTPResponse(statusCode: streamed.statusCode, headers: streamed.headers)
        }
        if response.body.isEmpty, let body = held.take() {
            return HTTPStreamingResponse(statusCode: response.statusCode, headers: response.headers, body: body)
        }
        return HTTPStreamingResponse(response)
    }
}

/// The unread body of the latest 2xx response a middleware's `next` returned.
private final class HeldStream: @unchecked Sendable {
    private let lock = NSLock()
    private var body: AsyncThrowingStream<Data, any Error>?

    func hold(_ body: AsyncThrowingStream<Data, any Error>?) {
        lock.lock()
        self.body = body
        lock.unlock()
    }

    func take() -> AsyncThrowingStream<Data, any Error>? {
        lock.lock()
        defer { lock.unlock() }
        let body = self.body
        self.body = nil
        return body
    }
}

// MARK: Errors in the middle of a stream

/// A streamed response broke off before its end (the connection dropped, the server
/// stopped sending, a record grew past the parser's limit…). Items before ``itemIndex``
/// had been yielded.
public struct StreamInterruptedError: Error, CustomStringConvertible {
    public let operationID: String
    /// The position (from 0) of the item that was being received: how many came before.
    public let itemIndex: Int
    public let underlying: any Error

    public init(operationID: String, itemIndex: Int, underlying: any Error) {
        self.operationID = operationID
        self.itemIndex = itemIndex
        self.underlying = underlying
    }

    /// `streamEvents: the stream broke off at item 3: URLError -1005 (…)`, with no
    /// credential from a URL in the underlying error.
    public var description: String {
        let reason = TransportError(operationID: operationID, underlying: underlying).underlyingDescription
        return "\(operationID): the stream broke off at item \(itemIndex): \(reason)"
    }
}

/// An item of a streamed response does not match its schema. Items before ``itemIndex`` had
/// been yielded; the stream ends here.
public struct StreamItemDecodingError: Error, CustomStringConvertible {
    public let operationID: String
    /// The position (from 0) of the item.
    public let itemIndex: Int
    /// Where in the item decoding failed, e.g. `choices[0].delta`.
    public let codingPath: String
    /// What went wrong there.
    public let reason: String
    /// The start of the item, at most 512 bytes.
    public let itemExcerpt: String

    public init(operationID: String, itemIndex: Int, decodingError: any Error, item: Data) {
        self.operationID = operationID
        self.itemIndex = itemIndex
        (codingPath, reason) = ResponseDecodingError.explain(decodingError)
        itemExcerpt = ResponseBodySummary.excerpt(item, limit: 512)
    }

    public var description: String {
        let place = codingPath.isEmpty ? "" : " at '\(codingPath)'"
        return
            "\(operationID): item \(itemIndex) of the stream does not match its schema\(place): \(reason) Item: \(itemExcerpt)"
    }
}

/// A streamed body went longer than ``ClientConfiguration/streamIdleTimeout`` without a
/// byte; the underlying error of the ``StreamInterruptedError`` thrown.
public struct StreamIdleTimeoutError: Error, CustomStringConvertible {
    /// The limit, in seconds.
    public let timeout: TimeInterval
    public init(timeout: TimeInterval) { self.timeout = timeout }
    public var description: String { "no data arrived for \(timeout) seconds" }
}

/// Bounds each wait for the next chunk of a body.
enum StreamIdleLimit {
    /// `body`, throwing ``StreamIdleTimeoutError`` (and ending `body`, which closes the
    /// connection) when a chunk takes longer than `seconds` to arrive.
    static func limit(_ body: AsyncThrowingStream<Data, any Error>, seconds: TimeInterval)
        -> AsyncThrowingStream<Data, any Error>
    {
        let source = ChunkSource(body.makeAsyncIterator())
        return AsyncThrowingStream(unfolding: {
            try await withThrowingTaskGroup(of: Data?.self) { group in
                group.addTask { try await source.next() }
                group.addTask {
                    try await Task.sleep(for: .seconds(seconds))
                    throw StreamIdleTimeoutError(timeout: seconds)
                }
                defer { group.cancelAll() }
                return try await group.next() ?? nil
            }
        })
    }
}

/// A body's iterator, advanced by one `next()` at a time (from whichever task asks).
private final class ChunkSource: @unchecked Sendable {
    private var iterator: AsyncThrowingStream<Data, any Error>.AsyncIterator?

    init(_ iterator: AsyncThrowingStream<Data, any Error>.AsyncIterator) { self.iterator = iterator }

    func next() async throws -> Data? { try await iterator?.next() }
}

/// A JSON text sequence record that may have been cut short (RFC 7464 §2.4).
struct TruncatedRecord: Error, CustomStringConvertible {
    var description: String {
        "the record is a number, true, false or null not followed by whitespace, so it may have been cut short."
    }
}

// MARK: Decoding streamed bodies

extension ClientCore {
    /// Reads the whole body of a streamed response (a documented JSON response of an
    /// operation that may also stream, say) and decodes it like
    /// `decodeJSON(_:from:operationID:)` for an ``HTTPResponse``. What the body stream throws is thrown as
    /// ``StreamInterruptedError`` (at item 0).
    public func decodeJSON<T: Decodable>(
        _ type: T.Type, from response: HTTPStreamingResponse, operationID: String
    ) async throws -> T {
        let buffered: HTTPResponse
        do {
            buffered = try await response.collect()
        } catch {
            throw StreamInterruptedError(operationID: operationID, itemIndex: 0, underlying: error)
        }
        return try decodeJSON(type, from: buffered, operationID: operationID)
    }

    /// `documentedError(_:from:operationID:)` for a streamed response: its body read
    /// first (at once after ``sendStreaming(_:operationID:options:server:)``, which reads
    /// every status but 2xx whole); a body that breaks off keeps what arrived.
    public func documentedError<Body: Decodable & Sendable>(
        _ type: Body.Type, from response: HTTPStreamingResponse, operationID: String
    ) async -> APIError<Body> {
        documentedError(type, from: await Self.readBody(response), operationID: operationID)
    }

    /// `unexpectedStatus(_:operationID:)` for a streamed response, its body read first
    /// as for the streamed `documentedError(_:from:operationID:)`: ``RateLimitedError`` for
    /// a 429 (the server still refused after the retries), ``UnexpectedStatusError`` for
    /// any other status.
    public func unexpectedStatus(_ response: HTTPStreamingResponse, operationID: String) async -> any Error {
        var buffered = await Self.readBody(response)
        buffered.rateLimitedAttempts = response.rateLimitedAttempts
        return unexpectedStatus(buffered, operationID: operationID)
    }

    /// The response with as much of its body as arrives (at most 1 MiB) before the end or
    /// a failure: for errors, which must not throw in their turn.
    private static func readBody(_ response: HTTPStreamingResponse) async -> HTTPResponse {
        var data = Data()
        do {
            for try await chunk in response.body {
                data.append(chunk.prefix((1 << 20) - data.count))
                if data.count >= 1 << 20 { break }
            }
        } catch {}
        return HTTPResponse(statusCode: response.statusCode, headers: response.headers, body: data)
    }

    /// The events of a `text/event-stream` body, each yielded as soon as its blank line
    /// arrives, with its data decoded as `Item` (JSON; the data as it is when `Item` is
    /// `String`). Events whose data equals `terminator` (OpenAI's `[DONE]`) end the stream
    /// without being decoded or yielded.
    ///
    /// The loop over the stream throws ``StreamItemDecodingError`` for an event whose data
    /// does not decode, ``StreamInterruptedError`` when the body breaks off, and
    /// `CancellationError` when the consuming task is cancelled; each error ends the stream.
    /// Breaking out of the loop, dropping the stream or cancelling the task ends the exchange
    /// and closes the connection. Nothing is retried once the stream has been returned.
    public func serverSentEvents<Item: Decodable & Sendable>(
        of type: Item.Type, from response: HTTPStreamingResponse, operationID: String, terminator: String? = nil
    ) -> AsyncThrowingStream<ServerSentEvent<Item>, any Error> {
        var parser = ServerSentEventParser()
        return StreamDecoding.decode(
            response.body, operationID: operationID,
            frame: { bytes in try parser.parse(bytes) },
            finish: { [] },
            isEnd: { event in terminator != nil && event.data == terminator },
            decode: { event in
                if Item.self == String.self, let text = event.data as? Item { return event.map { _ in text } }
                return try event.map { try JSONCoding.decode(Item.self, from: Data($0.utf8)) }
            },
            bytes: { Data($0.data.utf8) })
    }

    /// The items of an `application/jsonl` or `application/x-ndjson` body (one JSON text per
    /// line; blank lines skipped; a last line without LF counts), each yielded as soon as its
    /// line arrives. Errors, cancellation and the connection as for
    /// ``serverSentEvents(of:from:operationID:terminator:)``.
    public func jsonLines<Item: Decodable & Sendable>(
        of type: Item.Type, from response: HTTPStreamingResponse, operationID: String
    ) -> AsyncThrowingStream<Item, any Error> {
        var framer = JSONLinesFramer()
        return StreamDecoding.decode(
            response.body, operationID: operationID,
            frame: { bytes in try framer.parse(bytes) },
            finish: { framer.finish() },
            isEnd: { _ in false },
            decode: { try JSONCoding.decode(Item.self, from: $0) },
            bytes: { $0 })
    }

    /// The items of an `application/json-seq` body (RFC 7464: each JSON text after an RS),
    /// each yielded as soon as the next RS (or the end) shows it complete. A record that
    /// may have been cut short (a number, `true`, `false` or `null` without whitespace after
    /// it) throws ``StreamItemDecodingError``. Errors, cancellation and the connection as
    /// for ``serverSentEvents(of:from:operationID:terminator:)``.
    public func jsonSequence<Item: Decodable & Sendable>(
        of type: Item.Type, from response: HTTPStreamingResponse, operationID: String
    ) -> AsyncThrowingStream<Item, any Error> {
        var framer = JSONSequenceFramer()
        return StreamDecoding.decode(
            response.body, operationID: operationID,
            frame: { bytes in try framer.parse(bytes) },
            finish: { framer.finish() },
            isEnd: { _ in false },
            decode: { record in
                if record.isTruncated { throw TruncatedRecord() }
                return try JSONCoding.decode(Item.self, from: record.text)
            },
            bytes: { $0.text })
    }
}

/// Turns a body stream into a stream of decoded items, pulling the body only as the
/// consumer asks for items (no task of its own: the consumer's task reads the body, so
/// cancelling it cancels the read).
enum StreamDecoding {
    static func decode<Record, Item: Sendable>(
        _ body: AsyncThrowingStream<Data, any Error>, operationID: String,
        frame: @escaping (Data) throws -> [Record],
        finish: @escaping () -> [Record],
        isEnd: @escaping (Record) -> Bool,
        decode: @escaping (Record) throws -> Item,
        bytes: @escaping (Record) -> Data
    ) -> AsyncThrowingStream<Item, any Error> {
        let state = DecodingState(
            body: body.makeAsyncIterator(), frame: frame, finish: finish, isEnd: isEnd, decode: decode, bytes: bytes)
        return AsyncThrowingStream(unfolding: { try await state.next(operationID: operationID) })
    }
}

/// What a decoded stream has read and not yet yielded. Only the consumer's `next()` calls
/// touch it, one at a time.
private final class DecodingState<Record, Item: Sendable>: @unchecked Sendable {
    private var body: AsyncThrowingStream<Data, any Error>.AsyncIterator?
    private let frame: (Data) throws -> [Record]
    private let finish: () -> [Record]
    private let isEnd: (Record) -> Bool
    private let decode: (Record) throws -> Item
    private let bytes: (Record) -> Data
    private var pending: [Record] = []
    private var pendingStart = 0
    private var index = 0
    private var ended = false

    init(
        body: AsyncThrowingStream<Data, any Error>.AsyncIterator, frame: @escaping (Data) throws -> [Record],
        finish: @escaping () -> [Record], isEnd: @escaping (Record) -> Bool,
        decode: @escaping (Record) throws -> Item, bytes: @escaping (Record) -> Data
    ) {
        self.body = body
        self.frame = frame
        self.finish = finish
        self.isEnd = isEnd
        self.decode = decode
        self.bytes = bytes
    }

    func next(operationID: String) async throws -> Item? {
        while true {
            if pendingStart < pending.count {
                let record = pending[pendingStart]
                pendingStart += 1
                if isEnd(record) { return end() }
                do {
                    let item = try decode(record)
                    index += 1
                    return item
                } catch {
                    _ = end()
                    throw StreamItemDecodingError(
                        operationID: operationID, itemIndex: index, decodingError: error, item: bytes(record))
                }
            }
            guard !ended, body != nil else { return nil }
            pending = []
            pendingStart = 0
            let chunk: Data?
            do {
                chunk = try await body?.next()
            } catch {
                _ = end()
                if Task.isCancelled || error is CancellationError { throw CancellationError() }
                throw StreamInterruptedError(operationID: operationID, itemIndex: index, underlying: error)
            }
            guard let chunk else {
                // A body stream ends early when the consuming task is cancelled: that is no end of the body.
                if Task.isCancelled {
                    _ = end()
                    throw CancellationError()
                }
                ended = true
                pending = finish()
                body = nil
                continue
            }
            do {
                pending = try frame(chunk)
            } catch {
                _ = end()
                throw StreamInterruptedError(operationID: operationID, itemIndex: index, underlying: error)
            }
        }
    }

    /// Ends the stream, dropping the body (which closes the connection).
    private func end() -> Item? {
        ended = true
        body = nil
        pending = []
        pendingStart = 0
        return nil
    }
}
