import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Monotonic wall-clock time.
enum Clock {
    static func seconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}

/// Measurements of the current process.
enum ProcessMetrics {
    /// User plus system CPU time of the whole process (all threads) so far.
    static func cpuSeconds() -> Double {
        let usage = selfUsage()
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    /// CPU time of the calling thread so far.
    static func threadCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// The process's peak resident set size, in bytes.
    ///
    /// On Linux this is VmHWM from /proc/self/status: the high-water mark of this
    /// process's own address space. `ru_maxrss` as seen by the parent through wait4 would
    /// also include the parent's resident size at the moment of the spawn (the kernel
    /// folds in the pre-exec address space), so it is not used.
    static func peakResidentBytes() -> Int {
        #if os(Linux)
            if let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) {
                for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
                    let kilobytes = line.split(separator: " ").compactMap { Int($0) }.first
                    if let kilobytes { return kilobytes * 1024 }
                }
            }
            return Int(selfUsage().ru_maxrss) * 1024  // kilobytes on Linux
        #else
            return Int(selfUsage().ru_maxrss)  // bytes on Darwin
        #endif
    }

    private static func selfUsage() -> rusage {
        var usage = rusage()
        #if os(Linux)
            getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        #else
            getrusage(RUSAGE_SELF, &usage)
        #endif
        return usage
    }
}

/// The size of what a tool generated.
struct OutputSize: Sendable {
    var files = 0
    var lines = 0
    var bytes = 0

    /// Counts the regular files under `directory`, their newlines (as `wc -l` does) and
    /// bytes, reading in fixed-size chunks so that large outputs cost little memory.
    static func of(directory: String) -> OutputSize {
        var size = OutputSize()
        guard let enumerator = FileManager.default.enumerator(atPath: directory) else { return size }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        while let name = enumerator.nextObject() as? String {
            let path = (directory as NSString).appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue
            else { continue }
            let descriptor = open(path, O_RDONLY)
            guard descriptor >= 0 else { continue }
            defer { close(descriptor) }
            size.files += 1
            while true {
                let count = read(descriptor, buffer.baseAddress, buffer.count)
                if count <= 0 { break }
                size.bytes += count
                for byte in UnsafeRawBufferPointer(rebasing: buffer[0..<count]) where byte == 0x0A {
                    size.lines += 1
                }
            }
        }
        return size
    }
}
