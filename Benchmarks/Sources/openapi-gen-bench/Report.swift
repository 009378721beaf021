import Foundation

/// The tables and verdicts the bench prints.
enum Report {
    /// Issue 15's targets, checked on the largest spec (its floor target is counted in
    /// instructions too, by `perf stat`; see RESULTS.md).
    enum Target {
        static let oursOverFloor = 5.0
        static let peerOverOurs = 50.0
        static let oursPeakMegabytes = 100.0
    }

    static func printSpec(_ result: SpecResult) {
        let spec = result.spec
        let inputMegabytes = Double(spec.bytes) / 1e6
        print("\(spec.name): \(megabytes(spec.bytes)) MB (\(grouped(spec.bytes)) bytes)")
        var rows = [
            [
                "tool", "runs", "median s", "min s", "max s", "cpu s", "peak RSS MB", "s per MB", "cpu s/MB", "files",
                "lines", "bytes", "",
            ]
        ]
        for tool in Tool.measured where result.planned[tool] != nil {
            if let failure = result.failures[tool] {
                rows.append([tool.rawValue, "failed: \(failure.split(separator: "\n").first ?? "")"])
                continue
            }
            guard let stats = Stats(result.runs[tool] ?? []) else { continue }
            let last = stats.runs.last!
            let produces = tool == .ours || tool == .peer
            var note = ""
            if let events = last.events { note = "\(grouped(events)) events" }
            if let warnings = last.warnings { note = "\(grouped(warnings)) warning\(warnings == 1 ? "" : "s")" }
            if !stats.sameOutputEveryRun { note += " (output size varied between runs)" }
            rows.append([
                tool.rawValue, "\(stats.runs.count)", seconds(stats.median), seconds(stats.min), seconds(stats.max),
                seconds(stats.medianCPU), megabytes(stats.peakRSS), seconds(stats.median / inputMegabytes),
                seconds(stats.medianCPU / inputMegabytes), produces ? "\(last.files)" : "-",
                produces ? grouped(last.lines) : "-",
                produces ? grouped(last.bytes) : "-", note,
            ])
        }
        printTable(rows, indent: "  ")
        for tool in Tool.measured {
            guard let stats = Stats(result.runs[tool] ?? []), !stats.medianPhases.isEmpty else { continue }
            let text = stats.medianPhases.map { "\($0.name) \(seconds($0.seconds)) s" }
            print("  \(tool.rawValue) by stage (medians): \(text.joined(separator: ", "))")
        }
        let figures = Verdict.all(for: result).filter { $0.met != nil }
            .map { "\($0.name) \($0.value) (target \($0.target))" }
        if !figures.isEmpty { print("  " + figures.joined(separator: ", ")) }
        let estimates = peerEstimates(for: result).map { "\($0.name) \(times($0.ratio))" }
        if !estimates.isEmpty { print("  for information: " + estimates.joined(separator: ", ")) }
        print("")
    }

    /// peer/ours by measures that depend less on what else the machine is doing: CPU
    /// time, and the peer's wall time had each of its two modes a core of its own (its
    /// slower mode's CPU time; the measured wall time is the sum when the modes share a
    /// core).
    static func peerEstimates(for result: SpecResult) -> [(name: String, ratio: Double)] {
        guard let ours = Stats(result.runs[.ours] ?? []), let peer = Stats(result.runs[.peer] ?? []) else {
            return []
        }
        var estimates = [("peer/ours CPU time", peer.medianCPU / ours.medianCPU)]
        if let slowestMode = peer.medianPhases.map(\.seconds).max() {
            estimates.append(("peer/ours, peer modes in parallel (estimate)", slowestMode / ours.median))
        }
        return estimates
    }

    /// Growth: cost per MB of input for every spec measured, smallest first, so that a
    /// rise with size shows in one column.
    static func printGrowth(_ results: [SpecResult]) {
        guard results.count > 1 else { return }
        print("Growth (per MB of input, smallest spec first):")
        var rows = [
            [
                "spec", "MB", "ours s/MB", "ours cpu s/MB", "ours peak RSS MB", "floor s/MB", "floor cpu s/MB",
                "ours/floor cpu", "peer s/MB",
            ]
        ]
        for result in results.sorted(by: { $0.spec.bytes < $1.spec.bytes }) {
            let size = Double(result.spec.bytes) / 1e6
            let ours = Stats(result.runs[.ours] ?? [])
            let floor = Stats(result.runs[.floor] ?? [])
            let peer = Stats(result.runs[.peer] ?? [])
            let ratio = ours.flatMap { o in floor.map { times(o.medianCPU / $0.medianCPU) } } ?? "-"
            rows.append([
                result.spec.name, megabytes(result.spec.bytes),
                ours.map { seconds($0.median / size) } ?? "-", ours.map { seconds($0.medianCPU / size) } ?? "-",
                ours.map { megabytes($0.peakRSS) } ?? "-",
                floor.map { seconds($0.median / size) } ?? "-", floor.map { seconds($0.medianCPU / size) } ?? "-",
                ratio, peer.map { seconds($0.median / size) } ?? "-",
            ])
        }
        printTable(rows, indent: "  ")
        print("")
    }

    static func printTargets(_ result: SpecResult) {
        print("Targets on the largest spec, \(result.spec.name) (\(megabytes(result.spec.bytes)) MB):")
        var rows = [["measure", "value", "target", "verdict"]]
        for verdict in Verdict.all(for: result) {
            let outcome = verdict.met.map { $0 ? "met" : "NOT met" } ?? "not measured: \(verdict.value)"
            rows.append([verdict.name, verdict.met == nil ? "-" : verdict.value, verdict.target, outcome])
        }
        for estimate in peerEstimates(for: result) {
            let met = estimate.ratio >= Target.peerOverOurs
            rows.append([
                estimate.name, times(estimate.ratio), "≥ \(Int(Target.peerOverOurs))x",
                (met ? "met" : "NOT met") + " (for information)",
            ])
        }
        printTable(rows, indent: "  ")
        print("")
    }

    /// One ratio or figure held against its target.
    struct Verdict {
        var name: String
        /// The figure, or why there is none.
        var value: String
        var target: String
        /// nil when the figure could not be measured.
        var met: Bool?

        static func all(for result: SpecResult) -> [Verdict] {
            func stats(_ tool: Tool) -> Result<Stats, Missing> {
                if result.planned[tool] == nil { return .failure(Missing("\(tool.rawValue) not run")) }
                if result.failures[tool] != nil { return .failure(Missing("\(tool.rawValue) failed")) }
                guard let stats = Stats(result.runs[tool] ?? []) else { return .failure(Missing("no runs")) }
                return .success(stats)
            }
            func verdict(
                _ name: String, target: String, _ figure: Result<(Double, String), Missing>, met: (Double) -> Bool
            )
                -> Verdict
            {
                switch figure {
                case .success(let (value, text)):
                    return Verdict(name: name, value: text, target: target, met: met(value))
                case .failure(let missing): return Verdict(name: name, value: missing.reason, target: target, met: nil)
                }
            }
            let floor = stats(.floor)
            let ours = stats(.ours)
            let peer = stats(.peer)
            let oursOverFloor = ours.flatMap { ours in floor.map { ours.median / $0.median } }
            let peerOverOurs = peer.flatMap { peer in ours.map { peer.median / $0.median } }
            return [
                verdict(
                    "ours/floor time", target: "≤ \(Int(Target.oursOverFloor))x",
                    oursOverFloor.map { ($0, times($0)) }, met: { $0 <= Target.oursOverFloor }),
                verdict(
                    "peer/ours time", target: "≥ \(Int(Target.peerOverOurs))x",
                    peerOverOurs.map { ($0, times($0)) }, met: { $0 >= Target.peerOverOurs }),
                verdict(
                    "our peak RSS", target: "≤ \(Int(Target.oursPeakMegabytes)) MB",
                    ours.map { (Double($0.peakRSS) / 1e6, "\(megabytes($0.peakRSS)) MB") },
                    met: { $0 <= Target.oursPeakMegabytes }),
            ]
        }

        struct Missing: Error {
            var reason: String
            init(_ reason: String) { self.reason = reason }
        }
    }

    /// Summary statistics of one tool's runs on one spec.
    struct Stats {
        var runs: [RunMeasurement]
        var median: Double
        var min: Double
        var max: Double
        var medianCPU: Double
        /// The highest peak over all runs.
        var peakRSS: Int
        /// Each stage's median, in the order the stages run.
        var medianPhases: [Phase]
        var sameOutputEveryRun: Bool

        init?(_ runs: [RunMeasurement]) {
            guard !runs.isEmpty else { return nil }
            self.runs = runs
            let times = runs.map(\.seconds)
            median = Report.median(times)
            min = times.min()!
            max = times.max()!
            medianCPU = Report.median(runs.map(\.cpuSeconds))
            peakRSS = runs.map(\.peakRSSBytes).max()!
            medianPhases = (runs.first?.phases ?? []).map { phase in
                let times = runs.compactMap { $0.phases?.first { $0.name == phase.name }?.seconds }
                return Phase(name: phase.name, seconds: Report.median(times))
            }
            sameOutputEveryRun = Set(runs.map { "\($0.files) \($0.lines) \($0.bytes)" }).count == 1
        }
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    static func seconds(_ value: Double) -> String {
        String(format: value < 0.1 ? "%.4f" : value < 10 ? "%.3f" : "%.2f", value)
    }

    static func megabytes(_ bytes: Int) -> String {
        String(format: bytes < 100_000 ? "%.3f" : "%.1f", Double(bytes) / 1e6)
    }

    static func times(_ ratio: Double) -> String {
        String(format: ratio < 10 ? "%.2fx" : "%.1fx", ratio)
    }

    static func grouped(_ value: Int) -> String {
        let digits = Array(String(value))
        var text = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { text.append(",") }
            text.append(digit)
        }
        return text
    }

    /// Prints rows as columns: the first and last left-aligned, the others right-aligned.
    /// A row shorter than the header (a failure) is printed as it is.
    static func printTable(_ rows: [[String]], indent: String) {
        let columns = rows.first?.count ?? 0
        var widths = [Int](repeating: 0, count: columns)
        for row in rows where row.count == columns {
            for (index, cell) in row.enumerated() { widths[index] = Swift.max(widths[index], cell.count) }
        }
        for row in rows {
            guard row.count == columns else {
                print(indent + row.joined(separator: "  "))
                continue
            }
            let cells = row.enumerated().map { index, cell -> String in
                let pad = String(repeating: " ", count: widths[index] - cell.count)
                if index == columns - 1 { return cell }
                return index == 0 ? cell + pad : pad + cell
            }
            var line = indent + cells.joined(separator: "  ")
            while line.hasSuffix(" ") { line.removeLast() }
            print(line)
        }
    }
}
