import Foundation

/// What the numbers were measured on.
enum Machine {
    static func describe() -> String {
        let model = firstValue(in: "/proc/cpuinfo", key: "model name") ?? "unknown CPU"
        let memory = Double(ProcessInfo.processInfo.physicalMemory) / Double(1 << 30)
        let date = ISO8601DateFormatter().string(from: Date())
        return """
            openapi-gen-bench \(date)
              machine: \(ProcessInfo.processInfo.activeProcessorCount) cores, \(model), \
            \(String(format: "%.1f", memory)) GiB memory; load average \(loadAverage())
            """
    }

    /// The 1, 5 and 15 minute load averages: more than 0 on an idle machine means
    /// another job shares the cores, and the times are noisier for it.
    static func loadAverage() -> String {
        guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return "unknown" }
        return text.split(separator: " ").prefix(3).joined(separator: " ")
    }

    /// How many cores' worth of work the machine does with every core busy: a CPU-bound
    /// loop is timed on one thread, then on every core at once. About the core count where
    /// the cores are real; less on a VM whose virtual cores share a physical one at times
    /// (one such VM ran two at once at the speed of one for minutes), which slows a
    /// generator that uses every core and not one that uses one.
    static func parallelCapacity() -> String {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let alone = seconds { spin() }
        // Threads of their own: the global queue may run both loops on one thread.
        let together = seconds {
            let done = DispatchSemaphore(value: 0)
            for _ in 1..<cores {
                Thread {
                    spin()
                    done.signal()
                }.start()
            }
            spin()
            for _ in 1..<cores { done.wait() }
        }
        return String(
            format: "%.2f of %d cores (a loop: %.0f ms alone, %.0f ms on every core at once)",
            Double(cores) * alone / together, cores, alone * 1000, together * 1000)
    }

    private static func seconds(_ work: () -> Void) -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        work()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    /// About 100 ms of arithmetic, each step depending on the one before (a xorshift
    /// generator), with nothing to share but the result.
    private static func spin() {
        var value: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<100_000_000 {
            value ^= value << 13
            value ^= value >> 7
            value ^= value << 17
        }
        spinResult.withValue { $0 ^= value }
    }

    private static let spinResult = Locked<UInt64>(0)

    private static func firstValue(in file: String, key: String) -> String? {
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix(key) {
            if let colon = line.firstIndex(of: ":") {
                return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
        }
        return nil
    }
}
