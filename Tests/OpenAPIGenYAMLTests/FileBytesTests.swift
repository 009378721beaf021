import Foundation
import OpenAPIGenYAML
import XCTest

/// A spec file read straight into bytes, and what is left to the general reader.
final class FileBytesTests: XCTestCase {
    private var directory = ""

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "FileBytesTests-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    private func file(_ name: String, _ bytes: [UInt8]) throws -> String {
        let path = directory + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    func testARegularFileIsReadWhole() throws {
        // Larger than one read of the growth loop, with every byte value.
        let bytes = (0..<200_003).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let read = try XCTUnwrap(FileBytes.read(atPath: file("big.yaml", bytes), limit: 1 << 20))
        XCTAssertEqual(read.bytes, bytes)
        XCTAssertNil(read.oversized)
        let empty = try XCTUnwrap(FileBytes.read(atPath: file("empty.yaml", []), limit: 10))
        XCTAssertEqual(empty.bytes, [])
        XCTAssertNil(empty.oversized)
    }

    /// From a megabyte on, the two halves are read at once (`pread`, the second on another
    /// thread): the bytes are the file's, in order, once each, at sizes around the threshold
    /// and odd ones (the halves then differ by a byte).
    func testALargeFileIsReadInHalvesExactly() throws {
        for size in [FileBytes.parallelReadThreshold - 1, FileBytes.parallelReadThreshold, 3_000_001] {
            let bytes = (0..<size).map { UInt8(truncatingIfNeeded: ($0 &* 2_654_435_761) >> 13) }
            let read = try XCTUnwrap(FileBytes.read(atPath: file("large-\(size).json", bytes), limit: 1 << 26))
            XCTAssertEqual(read.bytes.count, size)
            XCTAssertTrue(read.bytes == bytes, "\(size) bytes")
            XCTAssertNil(read.oversized)
        }
    }

    func testAFileOverTheLimitIsNotRead() throws {
        let read = try XCTUnwrap(FileBytes.read(atPath: file("large.yaml", Array(repeating: 65, count: 11)), limit: 10))
        XCTAssertEqual(read.bytes, [])
        XCTAssertEqual(read.oversized, 11)
        let exact = try XCTUnwrap(
            FileBytes.read(atPath: file("exact.yaml", Array(repeating: 65, count: 10)), limit: 10))
        XCTAssertEqual(exact.bytes.count, 10)
        XCTAssertNil(exact.oversized)
    }

    func testWhatCannotBeReadIsLeftToTheGeneralReader() throws {
        XCTAssertNil(FileBytes.read(atPath: directory + "/missing.yaml", limit: 10))
        XCTAssertNil(FileBytes.read(atPath: directory, limit: 10))
    }

    func testAPipeIsReadToItsEndUpToTheLimit() throws {
        let fifo = directory + "/pipe.yaml"
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        let bytes = (0..<150_001).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        let writer = Thread {
            let handle = FileHandle(forWritingAtPath: fifo)
            handle?.write(Data(bytes))
            try? handle?.close()
        }
        writer.start()
        let read = try XCTUnwrap(FileBytes.read(atPath: fifo, limit: 1 << 20))
        XCTAssertEqual(read.bytes, bytes)
        XCTAssertNil(read.oversized)
    }
}
