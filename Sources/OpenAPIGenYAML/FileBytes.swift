import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a file's bytes straight into an array, for every stage that reads a spec file:
/// `FileManager.contents(atPath:)` reads in pieces into `Data`, and `[UInt8](data)` then
/// copies it byte by byte (for Stripe's 4.2 MB spec the two took about 4 ms of a 190 ms
/// run), and it reads a pipe as empty.
public enum FileBytes {
    /// The file's bytes, or nil when it cannot be opened and read, or is a directory (the
    /// caller then reads it the general way and explains the failure). A regular file is
    /// read in one piece of its size; a pipe (as `<(…)` gives) or a device until its end.
    /// A file larger than `limit` is not read on: its size so far is returned as
    /// `oversized`.
    public static func read(atPath path: String, limit: Int) -> (bytes: [UInt8], oversized: Int?)? {
        #if canImport(Glibc) || canImport(Darwin)
            var status = stat()
            guard stat(path, &status) == 0, status.st_mode & S_IFMT != S_IFDIR else { return nil }
            // A pipe's open waits for its writer, as reading it must.
            let descriptor = open(path, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else { return nil }
            defer { close(descriptor) }
            guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT != S_IFDIR else { return nil }
            var bytes: [UInt8] = []
            if status.st_mode & S_IFMT == S_IFREG {
                let size = Int(status.st_size)
                if size > limit { return ([], size) }
                var failed = false
                bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
                    count = 0
                    guard let base = buffer.baseAddress, size > 0 else { return }
                    // A large file in two halves at once, the second on another thread: the
                    // kernel's copy, and the first touch of each page of the new buffer, on
                    // both cores.
                    let half = size >= parallelReadThreshold ? size / 2 : size
                    let second = UnsafeRead(descriptor: descriptor, base: base, range: half..<size)
                    let secondDone = DispatchGroup()
                    if !second.range.isEmpty {
                        DispatchQueue.global().async(group: secondDone) { second.run() }
                    }
                    let first = UnsafeRead(descriptor: descriptor, base: base, range: 0..<half)
                    first.run()
                    secondDone.wait()
                    // Short (the file shrank) or failed: read on from where the first half
                    // stopped, as a pipe is read.
                    if first.complete && second.complete {
                        count = size
                    } else {
                        count = first.read
                        failed = first.failed || second.failed
                    }
                }
                if failed { return nil }
                // `pread` leaves the offset where it was: reading on starts after the bytes kept.
                guard lseek(descriptor, off_t(bytes.count), SEEK_SET) >= 0 else { return nil }
            }
            // A pipe, or a file that grew since its size was read: read on to its end.
            var more = [UInt8](repeating: 0, count: 65_536)
            while true {
                let got = more.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress!, $0.count) }
                if got > 0 {
                    bytes += more[..<got]
                    if bytes.count > limit { return ([], bytes.count) }
                } else if got == 0 {
                    return (bytes, nil)
                } else if errno != EINTR {
                    return nil
                }
            }
        #else
            return nil
        #endif
    }

    /// From this size on, a regular file is read in two halves at once.
    public static let parallelReadThreshold = 1 << 20

    #if canImport(Glibc)
        private static func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
            Glibc.read(descriptor, buffer, count)
        }
    #elseif canImport(Darwin)
        private static func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
            Darwin.read(descriptor, buffer, count)
        }
    #endif
}

#if canImport(Glibc) || canImport(Darwin)
    /// One `pread` loop over `range` of a file into the same range of a buffer, run once
    /// (by the thread that owns it, or by one other thread that the owner then waits for).
    private final class UnsafeRead: @unchecked Sendable {
        let descriptor: Int32
        let base: UnsafeMutablePointer<UInt8>
        let range: Range<Int>
        /// Bytes read from the start of the range.
        private(set) var read = 0
        private(set) var failed = false

        init(descriptor: Int32, base: UnsafeMutablePointer<UInt8>, range: Range<Int>) {
            self.descriptor = descriptor
            self.base = base
            self.range = range
        }

        var complete: Bool { !failed && read == range.count }

        func run() {
            while read < range.count {
                let got = pread(
                    descriptor, base + range.lowerBound + read, range.count - read, off_t(range.lowerBound + read))
                if got > 0 {
                    read += got
                } else if got == 0 {
                    return
                } else if errno != EINTR {
                    failed = true
                    return
                }
            }
        }
    }
#endif
