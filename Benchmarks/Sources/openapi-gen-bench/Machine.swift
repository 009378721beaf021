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
