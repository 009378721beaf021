import Foundation
import XCTest

@testable import OpenAPIGenConcurrency

#if canImport(Glibc)
    import Glibc
#endif

final class ProcessHeapTests: XCTestCase {
    func testMarksHeapsOnlyWhereTheSystemLeavesHugePagesToPrograms() {
        #if canImport(Glibc)
            ProcessHeap.prepareForLargeWork()
            XCTAssertTrue(ProcessHeap.isPreparedForLargeWork)
        #endif
        XCTAssertTrue(ProcessHeap.marksHeaps(transparentHugePageSetting: "always [madvise] never\n"))
        XCTAssertFalse(ProcessHeap.marksHeaps(transparentHugePageSetting: "[always] madvise never\n"))
        XCTAssertFalse(ProcessHeap.marksHeaps(transparentHugePageSetting: "always madvise [never]\n"))
        XCTAssertFalse(ProcessHeap.marksHeaps(transparentHugePageSetting: ""))
    }

    #if canImport(Glibc)
        /// The kernel's own record (`VmFlags: … hg` in `/proc/self/smaps`) shows the heaps
        /// marked: the main heap's part grown ahead and the heap of a thread that asked.
        func testTheKernelRecordsTheMarksOnTheHeaps() throws {
            let expected = ProcessHeap.systemLeavesHugePagesToPrograms
            ProcessHeap.prepareForLargeWork()
            // A thread of its own, whose heap glibc gives it at its first block.
            let done = DispatchSemaphore(value: 0)
            let block = Locked<UInt>(0)
            let thread = Thread {
                ProcessHeap.adviseThisThread()
                let pointer = malloc(256)
                block.withLock { $0 = UInt(bitPattern: pointer) }
                free(pointer)
                done.signal()
            }
            thread.start()
            done.wait()
            let address = block.withLock { $0 }
            let marked = ProcessHeap.marked
            let mappings = try Self.mappings()
            guard expected else {
                XCTAssertNil(marked.mainHeap)
                XCTAssertTrue(marked.threadHeaps.isEmpty)
                return
            }
            // The thread's block is in the main heap (below the break) or in a heap of its own,
            // which is marked.
            if address >= UInt(bitPattern: sbrk(0)) {
                let base = address & ~(ProcessHeap.threadHeapSize - 1)
                XCTAssertTrue(marked.threadHeaps.contains(base), "the thread's heap at \(base) is not marked")
                XCTAssertTrue(
                    try XCTUnwrap(mappings.first { $0.range.contains(address) }).flags.contains("hg"),
                    "the kernel does not record the thread's heap as marked")
            }
            for base in marked.threadHeaps {
                let mapping = try XCTUnwrap(mappings.first { $0.range.contains(base) })
                XCTAssertTrue(mapping.flags.contains("hg"), "the heap at \(base) is not recorded as marked")
            }
            if let mainHeap = marked.mainHeap {
                let mapping = try XCTUnwrap(mappings.first { $0.range.contains(mainHeap.lowerBound) })
                XCTAssertTrue(
                    mapping.flags.contains("hg"), "the main heap's part grown ahead is not recorded as marked")
            }
            XCTAssertTrue(
                marked.mainHeap != nil || !marked.threadHeaps.isEmpty,
                "nothing was marked where huge pages are left to programs")
        }

        /// What the main heap grows by after it was grown ahead is marked when a thread on it
        /// asks (the tests run on the main thread, whose blocks come from the main heap).
        func testTheMainHeapsGrowthIsMarkedToo() throws {
            guard ProcessHeap.systemLeavesHugePagesToPrograms else {
                ProcessHeap.prepareForLargeWork()
                XCTAssertNil(
                    ProcessHeap.marked.mainHeap, "marked although the system does not leave huge pages to programs")
                return
            }
            XCTAssertTrue(Thread.isMainThread)
            ProcessHeap.prepareForLargeWork()
            // Blocks under the mmap threshold, more than the heap holds: it grows by `brk`.
            let start = UInt(bitPattern: sbrk(0))
            var blocks: [UnsafeMutableRawPointer?] = []
            while UInt(bitPattern: sbrk(0)) < start + (80 << 20) { blocks.append(malloc(4 << 20)) }
            defer { for block in blocks { free(block) } }
            let end = UInt(bitPattern: sbrk(0))
            ProcessHeap.adviseThisThread()
            let marked = try XCTUnwrap(ProcessHeap.marked.mainHeap)
            XCTAssertEqual(marked.upperBound, end, "the main heap is not marked up to its break")
            let mappings = try Self.mappings()
            let last = try XCTUnwrap(mappings.first { $0.range.contains(end - 1) })
            XCTAssertTrue(last.flags.contains("hg"), "the kernel does not record the main heap's growth as marked")
        }

        /// The process's mappings with their `VmFlags`, from `/proc/self/smaps`.
        private static func mappings() throws -> [(range: Range<UInt>, flags: [Substring])] {
            // Read to the end: the file's size says 0, so a read sized by it stops early.
            let handle = try XCTUnwrap(FileHandle(forReadingAtPath: "/proc/self/smaps"))
            defer { try? handle.close() }
            let text = String(decoding: try XCTUnwrap(handle.readToEnd()), as: UTF8.self)
            var mappings: [(range: Range<UInt>, flags: [Substring])] = []
            for line in text.split(separator: "\n") {
                if line.hasPrefix("VmFlags:"), !mappings.isEmpty {
                    mappings[mappings.count - 1].flags = line.dropFirst("VmFlags:".count).split(separator: " ")
                } else if let dash = line.firstIndex(of: "-"), let space = line.firstIndex(of: " "), dash < space,
                    let start = UInt(line[..<dash], radix: 16),
                    let end = UInt(line[line.index(after: dash)..<space], radix: 16)
                {
                    mappings.append((start..<end, []))
                }
            }
            return mappings
        }
    #endif
}
