import Foundation

/// A request body made of in-memory pieces and files, read from the files while it is sent
/// so a large upload never sits whole in memory (a `multipart/form-data` body with a file
/// part, or a file sent as it is).
///
/// ``URLSessionTransport`` sends it from disk. A transport that cannot
/// (``HTTPTransport/canStreamRequestBodies`` false, the default) gets it read into
/// ``HTTPRequest/body`` by ``ClientCore`` instead.
public struct StreamedRequestBody: Sendable, Hashable {
    public enum Segment: Sendable, Hashable {
        case data(Data)
        /// The contents of a local file, read when the body is sent.
        case file(URL)
    }

    public var segments: [Segment]

    public init(segments: [Segment]) { self.segments = segments }

    /// The body's length in bytes (file sizes as the file system reports them). Throws when
    /// a file cannot be read.
    public func length() throws -> Int {
        try segments.reduce(0) { total, segment in
            switch segment {
            case .data(let data):
                return total + data.count
            case .file(let url):
                let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
                guard (attributes[.type] as? FileAttributeType) == .typeRegular else {
                    throw CocoaError(.fileReadUnknown, userInfo: [NSFilePathErrorKey: url.path])
                }
                return total + ((attributes[.size] as? NSNumber)?.intValue ?? 0)
            }
        }
    }

    /// The whole body in memory: the fallback for transports that cannot send from files.
    public func collect() throws -> Data {
        var data = Data()
        try forEachChunk { data.append($0) }
        return data
    }

    /// Writes the body to a new file at `destination`, 64 KiB at a time.
    public func write(to destination: URL) throws {
        guard FileManager.default.createFile(atPath: destination.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: destination.path])
        }
        let output = try FileHandle(forWritingTo: destination)
        defer { try? output.close() }
        try forEachChunk { try output.write(contentsOf: $0) }
    }

    /// The file the body is, when it is exactly one file.
    var singleFile: URL? {
        if segments.count == 1, case .file(let url) = segments[0] { return url }
        return nil
    }

    /// Calls `body` with the body's bytes in order, files read 64 KiB at a time.
    private func forEachChunk(_ body: (Data) throws -> Void) throws {
        for segment in segments {
            switch segment {
            case .data(let data):
                if !data.isEmpty { try body(data) }
            case .file(let url):
                let input = try FileHandle(forReadingFrom: url)
                defer { try? input.close() }
                while let chunk = try input.read(upToCount: 64 << 10), !chunk.isEmpty { try body(chunk) }
            }
        }
    }
}
