// openapi-gen-decode-bench: how fast each generator's types decode the same JSON.
//
//   swift build -c release --package-path Benchmarks --product openapi-gen-decode-bench
//   Benchmarks/.build/release/openapi-gen-decode-bench [--runs N] [--only ours|peer|floor] [--loop SECONDS] DIR
//
// DIR holds the payloads that `Benchmarks/Decoding/fixtures.py payloads` writes
// (`bash Benchmarks/Decoding/run.sh` does both). For each payload it decodes the bytes
// with our generated types (DecodingOurs, through `JSONCoding.decode`, the decoder our
// generated clients use, checked to give the same values as Foundation's JSONDecoder), with swift-openapi-generator's (DecodingPeer, through a decoder set up as its
// runtime's Converter sets one up) and with JSONSerialization (the floor: Foundation's
// parser building untyped values, no Codable), in rounds (floor, ours, peer, floor, ...)
// after one warm-up round, and prints the median MB/s of wall time, min and max, and
// the median CPU time of the thread (steadier when other work shares the cores).
// `direct` is a hand-written sketch (DirectDecoding.swift) of decoding without
// JSONDecoder into the same models as ours, checked to give equal values.
// `--loop SECONDS` decodes with one tool (`--only`) over and over for that long and
// prints nothing else, for `perf record`.
import DecodingOurs
import DecodingPeer
import Foundation
import OpenAPIGenRuntime
import OpenAPIRuntime

struct Payload {
    var name: String
    var data: Data
    /// How many times one timed run decodes it (small payloads are decoded many times
    /// so that a run lasts long enough to time).
    var repeats: Int
    var ours: @Sendable (Data) throws -> Int
    var peer: @Sendable (Data) throws -> Int
    /// The hand-written sketch of a direct decoder (DirectDecoding.swift), where there is one.
    var direct: (@Sendable (Data) throws -> Int)? = nil
    /// Whether the sketch decodes the payload to the same values as ours.
    var directMatchesOurs: (@Sendable (Data) throws -> Bool)? = nil
    /// Whether ours (`JSONCoding.decode`) gives the same values as Foundation's `JSONDecoder`
    /// set up by `JSONCoding.makeDecoder()`.
    var oursMatchesFoundation: (@Sendable (Data) throws -> Bool)? = nil
}

enum Decoders {
    /// Foundation's decoder as our runtime sets one up: what our generated clients decoded
    /// JSON responses with before `JSONCoding.decode(_:from:)`; ours is checked to give the
    /// same values.
    static func foundation() -> JSONDecoder { JSONCoding.makeDecoder() }

    /// As swift-openapi-runtime 1.13.4's Converter makes its decoder: `.custom` dates
    /// through the configuration's ISO 8601 transcoder.
    static func peer() -> JSONDecoder {
        let transcoder = Configuration().dateTranscoder
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            return try transcoder.decode(try container.decode(String.self))
        }
        return decoder
    }
}

func payloads(in directory: String) throws -> [Payload] {
    func read(_ name: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: directory).appendingPathComponent(name))
    }
    return [
        Payload(
            name: "customers.json", data: try read("customers.json"), repeats: 1,
            ours: { try JSONCoding.decode(OursCustomerList.self, from: $0).data.count },
            peer: { try Decoders.peer().decode(PeerCustomerList.self, from: $0).data.count },
            oursMatchesFoundation: {
                try JSONCoding.decode(OursCustomerList.self, from: $0)
                    == Decoders.foundation().decode(OursCustomerList.self, from: $0)
            }),
        Payload(
            name: "chat-completions.json", data: try read("chat-completions.json"), repeats: 1,
            ours: { try JSONCoding.decode([OursChatCompletion].self, from: $0).count },
            peer: { try Decoders.peer().decode([PeerChatCompletion].self, from: $0).count },
            direct: { try DirectDecoding.completions($0).count },
            directMatchesOurs: {
                try DirectDecoding.completions($0) == JSONCoding.decode([OursChatCompletion].self, from: $0)
            },
            oursMatchesFoundation: {
                try JSONCoding.decode([OursChatCompletion].self, from: $0)
                    == Decoders.foundation().decode([OursChatCompletion].self, from: $0)
            }),
        Payload(
            name: "chat-completion.json", data: try read("chat-completion.json"), repeats: 200,
            ours: { try JSONCoding.decode(OursChatCompletion.self, from: $0).choices.count },
            peer: { try Decoders.peer().decode(PeerChatCompletion.self, from: $0).choices.count },
            direct: { try DirectDecoding.completion($0).choices.count },
            directMatchesOurs: {
                try DirectDecoding.completion($0) == JSONCoding.decode(OursChatCompletion.self, from: $0)
            },
            oursMatchesFoundation: {
                try JSONCoding.decode(OursChatCompletion.self, from: $0)
                    == Decoders.foundation().decode(OursChatCompletion.self, from: $0)
            }),
    ]
}

enum Tool: String, CaseIterable {
    case floor, ours, peer
    /// Our generated models, filled by the hand-written sketch of a direct decoder.
    case direct

    func applies(to payload: Payload) -> Bool { self != .direct || payload.direct != nil }

    func decode(_ payload: Payload) throws -> Int {
        switch self {
        case .floor:
            let value = try JSONSerialization.jsonObject(with: payload.data)
            if let object = value as? [String: Any], let data = object["data"] as? [Any] { return data.count }
            if let array = value as? [Any] { return array.count }
            return (value as? [String: Any])?["choices"].map { ($0 as? [Any])?.count ?? 0 } ?? 0
        case .ours: return try payload.ours(payload.data)
        case .peer: return try payload.peer(payload.data)
        case .direct: return try payload.direct!(payload.data)
        }
    }
}

func wallSeconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
}

func threadCPUSeconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("error: \(message)\n".utf8))
    exit(1)
}

// MARK: - Arguments

var runs = 11
var only: Tool?
var loopSeconds: Double?
var directory: String?
var arguments = Array(CommandLine.arguments.dropFirst())
while !arguments.isEmpty {
    let argument = arguments.removeFirst()
    switch argument {
    case "--runs":
        guard let value = arguments.first.flatMap({ Int($0) }), value >= 1 else { fail("--runs needs a number >= 1") }
        runs = value
        arguments.removeFirst()
    case "--only":
        guard let value = arguments.first.flatMap({ Tool(rawValue: $0) }) else {
            fail("--only takes floor, ours, peer or direct")
        }
        only = value
        arguments.removeFirst()
    case "--loop":
        guard let value = arguments.first.flatMap({ Double($0) }), value > 0 else { fail("--loop needs seconds") }
        loopSeconds = value
        arguments.removeFirst()
    case "-h", "--help":
        print(
            "usage: openapi-gen-decode-bench [--runs N] [--only floor|ours|peer] [--loop SECONDS] [--payload NAME] DIR")
        exit(0)
    default:
        if argument.hasPrefix("-") { fail("unknown option \(argument)") }
        directory = argument
    }
}
guard let directory else { fail("give the folder of the payloads (Benchmarks/Decoding/fixtures.py payloads DIR)") }
let all: [Payload]
do { all = try payloads(in: directory) } catch { fail("\(error)") }
let tools = only.map { [$0] } ?? Tool.allCases

if let loopSeconds {
    // For perf: one tool, every payload in turn, until the time is up.
    let end = wallSeconds() + loopSeconds
    var decoded = 0
    while wallSeconds() < end {
        for payload in all {
            for tool in tools where tool.applies(to: payload) {
                do { decoded &+= try tool.decode(payload) } catch { fail("\(tool) \(payload.name): \(error)") }
            }
        }
    }
    print("decoded \(decoded) items")
    exit(0)
}

// MARK: - Measurement

var load =
    (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3)
    .joined(separator: " ") ?? "?"
print("openapi-gen-decode-bench: \(runs) runs after 1 warm-up, rounds alternate floor, ours, peer, direct")
print("  \(ProcessInfo.processInfo.activeProcessorCount) cores; load average \(load); MB = 10^6 bytes")
print("  floor: JSONSerialization.jsonObject; ours: JSONCoding.decode (the runtime's tape decoder) + DecodingOurs,")
print("    checked to give the same values as JSONCoding.makeDecoder() (Foundation's JSONDecoder);")
print("  peer: JSONDecoder as swift-openapi-runtime 1.13.4's Converter + DecodingPeer (swift-openapi-generator 1.14.3)")
print("  direct: a hand-written sketch filling DecodingOurs' models from the bytes (chat payloads only)")
print("")

for payload in all {
    let megabytes = Double(payload.data.count * payload.repeats) / 1e6
    var wall: [Tool: [Double]] = [:]
    var cpu: [Tool: [Double]] = [:]
    var counts: [Tool: Int] = [:]
    if tools.contains(.ours), let check = payload.oursMatchesFoundation {
        do {
            guard try check(payload.data) else {
                fail("ours and Foundation's JSONDecoder decode \(payload.name) differently")
            }
        } catch { fail("ours or Foundation's JSONDecoder on \(payload.name): \(error)") }
    }
    if tools.contains(.direct), let check = payload.directMatchesOurs {
        do {
            guard try check(payload.data) else { fail("the direct sketch and ours decode \(payload.name) differently") }
        } catch { fail("direct sketch on \(payload.name): \(error)") }
    }
    for round in 0...runs {
        for tool in tools where tool.applies(to: payload) {
            let startWall = wallSeconds()
            let startCPU = threadCPUSeconds()
            var count = 0
            for _ in 0..<payload.repeats {
                do { count = try tool.decode(payload) } catch {
                    fail("\(tool) could not decode \(payload.name): \(error)")
                }
            }
            let seconds = wallSeconds() - startWall
            let cpuSeconds = threadCPUSeconds() - startCPU
            counts[tool] = count
            if round > 0 {  // round 0 warms up
                wall[tool, default: []].append(seconds)
                cpu[tool, default: []].append(cpuSeconds)
            }
        }
    }
    let size =
        payload.repeats > 1 ? "\(payload.data.count) bytes x \(payload.repeats) per run" : "\(payload.data.count) bytes"
    print("\(payload.name): \(size)")
    print("  tool   items  median MB/s  (min s   median s   max s)  CPU MB/s   x floor")
    var rates: [Tool: Double] = [:]
    for tool in tools where tool.applies(to: payload) {
        let times = wall[tool]!
        let rate = megabytes / median(times)
        let cpuRate = megabytes / median(cpu[tool]!)
        rates[tool] = cpuRate
        let line = String(
            format: "  %-5@ %6d  %11.1f  (%6.4f  %8.4f  %7.4f)  %8.1f", tool.rawValue as NSString, counts[tool]!, rate,
            times.min()!, median(times), times.max()!, cpuRate)
        let versusFloor = rates[.floor].map { String(format: "  %7.2f", cpuRate / $0) } ?? ""
        print(line + versusFloor)
    }
    if let ours = rates[.ours], let peer = rates[.peer] {
        print(String(format: "  ours/peer throughput (CPU): %.2fx (target >= 1.5x)", ours / peer))
    }
    if let ours = rates[.ours], let peer = rates[.peer], let direct = rates[.direct] {
        print(
            String(
                format:
                    "  direct sketch (our models, no JSONDecoder): %.2fx ours, %.2fx the peer (same values as ours)",
                direct / ours, direct / peer))
    }

    print("")
}
load =
    (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3)
    .joined(separator: " ") ?? "?"
print("load average at the end: \(load)")
