import Foundation

/// Splits `application/jsonl` / `application/x-ndjson` bytes into records: one JSON text per
/// line, lines ending with LF (a CR before it is dropped), lines of only whitespace
/// skipped, and a last line without LF still a record (``finish()``). Incremental: bytes may
/// arrive in chunks of any size.
public struct JSONLinesFramer: Sendable {
    /// The longest a line may be, in bytes.
    public let maxRecordBytes: Int
    private var line: [UInt8] = []

    public init(maxRecordBytes: Int = 16 << 20) { self.maxRecordBytes = maxRecordBytes }

    /// The records the bytes complete, in order. Throws ``StreamRecordTooLargeError`` when a
    /// line exceeds ``maxRecordBytes``.
    public mutating func parse(_ bytes: some Sequence<UInt8>) throws -> [Data] {
        var records: [Data] = []
        for byte in bytes {
            if byte == UInt8(ascii: "\n") {
                if let record = takeRecord() { records.append(record) }
            } else {
                line.append(byte)
                if line.count > maxRecordBytes { throw StreamRecordTooLargeError(limit: maxRecordBytes) }
            }
        }
        return records
    }

    /// The last line, when the stream ended without a final LF.
    public mutating func finish() -> [Data] { takeRecord().map { [$0] } ?? [] }

    private mutating func takeRecord() -> Data? {
        defer { line.removeAll(keepingCapacity: true) }
        guard line.contains(where: { !jsonWhitespace.contains($0) }) else { return nil }
        return Data(line.last == UInt8(ascii: "\r") ? line.dropLast() : line[...])
    }
}

/// Splits `application/json-seq` bytes (RFC 7464 JSON text sequences) into records: each
/// starts with RS (0x1E) and runs to the next RS or the end. Empty records (RS RS, or
/// whitespace only) are skipped. A record that is a number, `true`, `false` or `null` must
/// end with whitespace (RFC 7464 §2.4), or it may have been cut short (`123` of `1234`):
/// such a record is marked ``Record/isTruncated``. Bytes before the first RS, other than
/// whitespace, are a record too (one that will not decode as JSON if it is garbage).
public struct JSONSequenceFramer: Sendable {
    /// One JSON text of the sequence, without its RS and trailing whitespace.
    public struct Record: Sendable, Hashable {
        public var text: Data
        /// Whether the text may have been cut short, so must not be used.
        public var isTruncated: Bool
    }

    /// The longest a record may be, in bytes.
    public let maxRecordBytes: Int
    private var record: [UInt8] = []

    public init(maxRecordBytes: Int = 16 << 20) { self.maxRecordBytes = maxRecordBytes }

    private static let recordSeparator: UInt8 = 0x1E

    /// The records the bytes complete, in order. Throws ``StreamRecordTooLargeError``
    /// when a record exceeds ``maxRecordBytes``.
    public mutating func parse(_ bytes: some Sequence<UInt8>) throws -> [Record] {
        var records: [Record] = []
        for byte in bytes {
            if byte == Self.recordSeparator {
                if let record = takeRecord() { records.append(record) }
            } else {
                record.append(byte)
                if record.count > maxRecordBytes { throw StreamRecordTooLargeError(limit: maxRecordBytes) }
            }
        }
        return records
    }

    /// The last record, when the stream has ended.
    public mutating func finish() -> [Record] { takeRecord().map { [$0] } ?? [] }

    private mutating func takeRecord() -> Record? {
        defer { record.removeAll(keepingCapacity: true) }
        guard let first = record.firstIndex(where: { !jsonWhitespace.contains($0) }),
            let last = record.lastIndex(where: { !jsonWhitespace.contains($0) })
        else { return nil }
        let endsWithWhitespace = last < record.count - 1
        return Record(
            text: Data(record[first...last]), isTruncated: !endsWithWhitespace && Self.needsTerminator(record[first]))
    }

    /// Whether a text starting with `byte` is a number, `true`, `false` or `null`.
    private static func needsTerminator(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "t"), UInt8(ascii: "f"),
            UInt8(ascii: "n"):
            true
        default:
            false
        }
    }
}

/// JSON's insignificant whitespace: space, tab, LF, CR.
private let jsonWhitespace: Set<UInt8> = [0x20, 0x09, 0x0A, 0x0D]

/// A record of a streamed response was longer than its parser allows.
public struct StreamRecordTooLargeError: Error, CustomStringConvertible {
    public let limit: Int
    public var description: String { "a record of the stream is longer than \(limit) bytes" }
}
