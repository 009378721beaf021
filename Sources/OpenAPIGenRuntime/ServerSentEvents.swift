import Foundation

/// One event of a `text/event-stream` response (server-sent events).
///
/// ``data`` is the event's data: the `data:` lines joined with `\n`, decoded as `Item` (as
/// JSON, or as it is when `Item` is `String`).
public struct ServerSentEvent<Item> {
    /// The `event:` field; nil when the event has none (the WHATWG default type, `message`).
    public var event: String?
    public var data: Item
    /// The last event ID in effect when the event was dispatched: an `id:` field sets it for
    /// this and the following events until another `id:` changes it (an empty one resets it
    /// to nil), as the WHATWG rules say.
    public var id: String?
    /// The `retry:` field of this event (the reconnection time, in milliseconds), if it had one.
    public var retry: Int?

    public init(event: String? = nil, data: Item, id: String? = nil, retry: Int? = nil) {
        self.event = event
        self.data = data
        self.id = id
        self.retry = retry
    }

    /// The same event with its data transformed.
    public func map<Other>(_ transform: (Item) throws -> Other) rethrows -> ServerSentEvent<Other> {
        ServerSentEvent<Other>(event: event, data: try transform(data), id: id, retry: retry)
    }
}

extension ServerSentEvent: Sendable where Item: Sendable {}
extension ServerSentEvent: Equatable where Item: Equatable {}
extension ServerSentEvent: Hashable where Item: Hashable {}

/// An incremental parser of `text/event-stream` bytes, following the WHATWG "event stream
/// interpretation" rules: lines end with CRLF, LF or CR (a CRLF may be split across
/// chunks); a leading byte-order mark is dropped; lines starting with `:` are comments; a
/// line without `:` is a field with an empty value; one space after the colon is stripped;
/// `data:` lines are joined with `\n`; `retry:` counts only when it is all ASCII digits; an
/// `id:` holding NUL is ignored; a blank line dispatches the event unless its data is empty;
/// unknown fields are ignored; an event not ended by a blank line when the stream ends is
/// never dispatched. Bytes may arrive in chunks of any size, a UTF-8 sequence split anywhere.
public struct ServerSentEventParser: Sendable {
    /// The longest a line, or an event's data, may be in bytes.
    public let maxEventBytes: Int
    /// The reconnection time the stream asked for with its latest valid `retry:` field.
    public private(set) var reconnectionTime: Int?

    private var line: [UInt8] = []
    private var afterCR = false
    private var atStart = true
    private var eventType = ""
    private var data = ""
    private var hasData = false
    private var lastEventID = ""
    private var retry: Int?

    public init(maxEventBytes: Int = 16 << 20) { self.maxEventBytes = maxEventBytes }

    /// Parses the next bytes of the stream; returns the events they complete, in order.
    /// Throws ``ServerSentEventTooLargeError`` when an event exceeds ``maxEventBytes``.
    public mutating func parse(_ bytes: some Sequence<UInt8>) throws -> [ServerSentEvent<String>] {
        var events: [ServerSentEvent<String>] = []
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "\n") where afterCR:
                afterCR = false  // the LF of a CRLF whose CR ended the line
            case UInt8(ascii: "\r"), UInt8(ascii: "\n"):
                afterCR = byte == UInt8(ascii: "\r")
                if let event = endLine() { events.append(event) }
            default:
                afterCR = false
                line.append(byte)
                if line.count + data.utf8.count > maxEventBytes {
                    throw ServerSentEventTooLargeError(limit: maxEventBytes)
                }
            }
        }
        return events
    }

    /// Processes the line in ``line``; returns the event a blank line dispatches.
    private mutating func endLine() -> ServerSentEvent<String>? {
        var bytes = line[...]
        line.removeAll(keepingCapacity: true)
        if atStart {
            atStart = false
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        }
        if bytes.isEmpty { return dispatch() }
        if bytes.first == UInt8(ascii: ":") { return nil }  // a comment
        let name: ArraySlice<UInt8>
        var value: ArraySlice<UInt8>
        if let colon = bytes.firstIndex(of: UInt8(ascii: ":")) {
            name = bytes[..<colon]
            value = bytes[(colon + 1)...]
            if value.first == UInt8(ascii: " ") { value = value.dropFirst() }
        } else {
            name = bytes
            value = []
        }
        switch String(decoding: name, as: UTF8.self) {
        case "event":
            eventType = String(decoding: value, as: UTF8.self)
        case "data":
            if hasData { data += "\n" }
            data += String(decoding: value, as: UTF8.self)
            hasData = true
        case "id":
            if !value.contains(0) { lastEventID = String(decoding: value, as: UTF8.self) }
        case "retry":
            if !value.isEmpty, value.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) {
                // Digits beyond Int's range: the largest reconnection time there is.
                let time = Int(String(decoding: value, as: UTF8.self)) ?? Int.max
                retry = time
                reconnectionTime = time
            }
        default:
            break  // unknown fields are ignored
        }
        return nil
    }

    /// A blank line: the event so far, unless its data is empty; the buffers start over.
    private mutating func dispatch() -> ServerSentEvent<String>? {
        defer {
            eventType = ""
            data = ""
            hasData = false
            retry = nil
        }
        // The WHATWG data buffer gets "value + LF" per data line and loses its last LF at
        // dispatch, so an event is dispatched exactly when it had a data line.
        guard hasData else { return nil }
        return ServerSentEvent(
            event: eventType.isEmpty ? nil : eventType, data: data, id: lastEventID.isEmpty ? nil : lastEventID,
            retry: retry)
    }
}

/// An event of a `text/event-stream` response was longer than the parser allows.
public struct ServerSentEventTooLargeError: Error, CustomStringConvertible {
    public let limit: Int
    public var description: String { "a server-sent event is longer than \(limit) bytes" }
}
