import DecodingOurs
import Foundation

// A sketch, written by hand, of what generated code could do instead of going through
// Foundation's JSONDecoder: read the bytes once with a small cursor and build OUR
// generated model values (DecodingOurs, through their memberwise inits) directly,
// matching keys as bytes. Only for the chat completion payloads; it measures how much
// of the decoding time is JSONDecoder's (generic containers, metadata lookups, a
// dictionary of keys per object) rather than the models'. Not a complete decoder:
// unknown keys are skipped, numbers are read simply, errors say little.

struct DirectDecodingError: Error, CustomStringConvertible {
    var description: String
}

struct JSONCursor {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    func error(_ what: String) -> DirectDecodingError { DirectDecodingError(description: "\(what) at byte \(index)") }

    @inline(__always) mutating func skipSpace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    @inline(__always) mutating func expect(_ byte: UInt8) throws {
        skipSpace()
        guard index < bytes.count, bytes[index] == byte else {
            throw error("expected \(Character(UnicodeScalar(byte)))")
        }
        index += 1
    }

    @inline(__always) mutating func peek() -> UInt8 {
        skipSpace()
        return index < bytes.count ? bytes[index] : 0
    }

    mutating func isNull() -> Bool {
        if peek() == UInt8(ascii: "n") {
            index += 4
            return true
        }
        return false
    }

    /// Calls body with each key of an object (the raw bytes between the quotes; keys
    /// with escapes are not expected); body must read the value.
    mutating func object(_ body: (inout JSONCursor, UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        try expect(UInt8(ascii: "{"))
        if peek() == UInt8(ascii: "}") {
            index += 1
            return
        }
        while true {
            try expect(UInt8(ascii: "\""))
            let start = index
            while bytes[index] != UInt8(ascii: "\"") { index += 1 }
            let key = UnsafeBufferPointer(rebasing: bytes[start..<index])
            index += 1
            try expect(UInt8(ascii: ":"))
            try body(&self, key)
            let next = peek()
            index += 1
            if next == UInt8(ascii: "}") { return }
            guard next == UInt8(ascii: ",") else { throw error("expected , or }") }
        }
    }

    mutating func array<T>(_ element: (inout JSONCursor) throws -> T) throws -> [T] {
        try expect(UInt8(ascii: "["))
        var result: [T] = []
        if peek() == UInt8(ascii: "]") {
            index += 1
            return result
        }
        while true {
            result.append(try element(&self))
            let next = peek()
            index += 1
            if next == UInt8(ascii: "]") { return result }
            guard next == UInt8(ascii: ",") else { throw error("expected , or ]") }
        }
    }

    mutating func string() throws -> String {
        try expect(UInt8(ascii: "\""))
        let start = index
        var escaped = false
        while bytes[index] != UInt8(ascii: "\"") {
            if bytes[index] == UInt8(ascii: "\\") {
                escaped = true
                index += 1
            }
            index += 1
        }
        let raw = UnsafeBufferPointer(rebasing: bytes[start..<index])
        index += 1
        if !escaped { return String(decoding: raw, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var i = 0
        while i < raw.count {
            var byte = raw[i]
            if byte == UInt8(ascii: "\\") {
                i += 1
                switch raw[i] {
                case UInt8(ascii: "n"): byte = 0x0A
                case UInt8(ascii: "t"): byte = 0x09
                case UInt8(ascii: "r"): byte = 0x0D
                case UInt8(ascii: "b"): byte = 0x08
                case UInt8(ascii: "f"): byte = 0x0C
                case UInt8(ascii: "u"):
                    let hex = String(decoding: UnsafeBufferPointer(rebasing: raw[(i + 1)...(i + 4)]), as: UTF8.self)
                    out.append(contentsOf: Array(String(UnicodeScalar(UInt32(hex, radix: 16)!)!).utf8))
                    i += 5
                    continue
                default: byte = raw[i]
                }
            }
            out.append(byte)
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    mutating func int() throws -> Int {
        skipSpace()
        var negative = false
        if bytes[index] == UInt8(ascii: "-") {
            negative = true
            index += 1
        }
        var value = 0
        while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
            value = value * 10 + Int(bytes[index] - 0x30)
            index += 1
        }
        return negative ? -value : value
    }

    mutating func double() throws -> Double {
        skipSpace()
        let start = index
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."),
                UInt8(ascii: "e"), UInt8(ascii: "E"):
                index += 1
            default:
                return Double(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self))!
            }
        }
        return Double(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self))!
    }

    mutating func bool() throws -> Bool {
        if peek() == UInt8(ascii: "t") {
            index += 4
            return true
        }
        index += 5
        return false
    }

    /// Skips any value.
    mutating func skip() throws {
        switch peek() {
        case UInt8(ascii: "{"): try object { cursor, _ in try cursor.skip() }
        case UInt8(ascii: "["): _ = try array { cursor in try cursor.skip() }
        case UInt8(ascii: "\""): _ = try string()
        case UInt8(ascii: "t"), UInt8(ascii: "f"): _ = try bool()
        case UInt8(ascii: "n"): index += 4
        default: _ = try double()
        }
    }
}

@inline(__always) func == (key: UnsafeBufferPointer<UInt8>, name: StaticString) -> Bool {
    key.count == name.utf8CodeUnitCount && memcmp(key.baseAddress!, name.utf8Start, key.count) == 0
}

enum DirectDecoding {
    static func completions(_ data: Data) throws -> [CreateChatCompletionResponse] {
        try data.withUnsafeBytes { raw in
            var cursor = JSONCursor(raw.bindMemory(to: UInt8.self))
            return try cursor.array { try completion(&$0) }
        }
    }

    static func completion(_ data: Data) throws -> CreateChatCompletionResponse {
        try data.withUnsafeBytes { raw in
            var cursor = JSONCursor(raw.bindMemory(to: UInt8.self))
            return try completion(&cursor)
        }
    }

    static func completion(_ c: inout JSONCursor) throws -> CreateChatCompletionResponse {
        var id: String?
        var choices: [CreateChatCompletionResponse.Choice]?
        var created: Int?
        var model: String?
        var serviceTier: CreateChatCompletionResponse.ServiceTier?
        var systemFingerprint: String?
        var object: CreateChatCompletionResponse.Object?
        var usage: CompletionUsage?
        try c.object { c, key in
            if key == "id" {
                id = try c.string()
            } else if key == "choices" {
                choices = try c.array { try choice(&$0) }
            } else if key == "created" {
                created = try c.int()
            } else if key == "model" {
                model = try c.string()
            } else if key == "service_tier" {
                serviceTier = c.isNull() ? nil : .init(rawValue: try c.string())
            } else if key == "system_fingerprint" {
                systemFingerprint = c.isNull() ? nil : try c.string()
            } else if key == "object" {
                object = .init(rawValue: try c.string())
            } else if key == "usage" {
                usage = try completionUsage(&c)
            } else {
                try c.skip()
            }
        }
        guard let id, let choices, let created, let model, let object else { throw c.error("missing key") }
        return CreateChatCompletionResponse(
            id: id, choices: choices, created: created, model: model, serviceTier: serviceTier,
            systemFingerprint: systemFingerprint, object: object, usage: usage)
    }

    static func choice(_ c: inout JSONCursor) throws -> CreateChatCompletionResponse.Choice {
        var finishReason: CreateChatCompletionResponse.Choice.FinishReason?
        var index: Int?
        var message: ChatCompletionResponseMessage?
        var logprobs: CreateChatCompletionResponse.Choice.Logprobs?
        try c.object { c, key in
            if key == "finish_reason" {
                finishReason = .init(rawValue: try c.string())
            } else if key == "index" {
                index = try c.int()
            } else if key == "message" {
                message = try responseMessage(&c)
            } else if key == "logprobs" {
                if c.isNull() { return }
                var content: [ChatCompletionTokenLogprob]?
                var refusal: [ChatCompletionTokenLogprob]?
                try c.object { c, key in
                    if key == "content" {
                        content = c.isNull() ? nil : try c.array { try tokenLogprob(&$0) }
                    } else if key == "refusal" {
                        refusal = c.isNull() ? nil : try c.array { try tokenLogprob(&$0) }
                    } else {
                        try c.skip()
                    }
                }
                logprobs = .init(content: content, refusal: refusal)
            } else {
                try c.skip()
            }
        }
        guard let finishReason, let index, let message else { throw c.error("missing key") }
        return .init(finishReason: finishReason, index: index, message: message, logprobs: logprobs)
    }

    static func responseMessage(_ c: inout JSONCursor) throws -> ChatCompletionResponseMessage {
        var content: String?
        var refusal: String?
        var toolCalls: [ChatCompletionMessageToolCall]?
        var role: ChatCompletionResponseMessage.Role?
        var functionCall: ChatCompletionResponseMessage.FunctionCall?
        var audio: ChatCompletionResponseMessage.Audio?
        try c.object { c, key in
            if key == "content" {
                content = c.isNull() ? nil : try c.string()
            } else if key == "refusal" {
                refusal = c.isNull() ? nil : try c.string()
            } else if key == "tool_calls" {
                toolCalls = try c.array { c in
                    var id: String?
                    var type: ChatCompletionMessageToolCall.TypeValue?
                    var function: ChatCompletionMessageToolCall.Function?
                    try c.object { c, key in
                        if key == "id" {
                            id = try c.string()
                        } else if key == "type" {
                            type = .init(rawValue: try c.string())
                        } else if key == "function" {
                            let (name, arguments) = try nameAndArguments(&c)
                            function = .init(name: name, arguments: arguments)
                        } else {
                            try c.skip()
                        }
                    }
                    guard let id, let type, let function else { throw c.error("missing key") }
                    return .init(id: id, type: type, function: function)
                }
            } else if key == "role" {
                role = .init(rawValue: try c.string())
            } else if key == "function_call" {
                let (name, arguments) = try nameAndArguments(&c)
                functionCall = .init(arguments: arguments, name: name)
            } else if key == "audio" {
                if c.isNull() { return }
                var id: String?
                var expiresAt: Int?
                var data: String?
                var transcript: String?
                try c.object { c, key in
                    if key == "id" {
                        id = try c.string()
                    } else if key == "expires_at" {
                        expiresAt = try c.int()
                    } else if key == "data" {
                        data = try c.string()
                    } else if key == "transcript" {
                        transcript = try c.string()
                    } else {
                        try c.skip()
                    }
                }
                guard let id, let expiresAt, let data, let transcript else { throw c.error("missing key") }
                audio = .init(id: id, expiresAt: expiresAt, data: data, transcript: transcript)
            } else {
                try c.skip()
            }
        }
        guard let role else { throw c.error("missing key") }
        return .init(
            content: content, refusal: refusal, toolCalls: toolCalls, role: role, functionCall: functionCall,
            audio: audio)
    }

    static func nameAndArguments(_ c: inout JSONCursor) throws -> (String, String) {
        var name: String?
        var arguments: String?
        try c.object { c, key in
            if key == "name" {
                name = try c.string()
            } else if key == "arguments" {
                arguments = try c.string()
            } else {
                try c.skip()
            }
        }
        guard let name, let arguments else { throw c.error("missing key") }
        return (name, arguments)
    }

    static func tokenLogprob(_ c: inout JSONCursor) throws -> ChatCompletionTokenLogprob {
        var token: String?
        var logprob: Double?
        var bytes: [Int]?
        var top: [ChatCompletionTokenLogprob.TopLogprob]?
        try c.object { c, key in
            if key == "token" {
                token = try c.string()
            } else if key == "logprob" {
                logprob = try c.double()
            } else if key == "bytes" {
                bytes = c.isNull() ? nil : try c.array { try $0.int() }
            } else if key == "top_logprobs" {
                top = try c.array { c in
                    var token: String?
                    var logprob: Double?
                    var bytes: [Int]?
                    try c.object { c, key in
                        if key == "token" {
                            token = try c.string()
                        } else if key == "logprob" {
                            logprob = try c.double()
                        } else if key == "bytes" {
                            bytes = c.isNull() ? nil : try c.array { try $0.int() }
                        } else {
                            try c.skip()
                        }
                    }
                    guard let token, let logprob else { throw c.error("missing key") }
                    return .init(token: token, logprob: logprob, bytes: bytes)
                }
            } else {
                try c.skip()
            }
        }
        guard let token, let logprob, let top else { throw c.error("missing key") }
        return .init(token: token, logprob: logprob, bytes: bytes, topLogprobs: top)
    }

    static func completionUsage(_ c: inout JSONCursor) throws -> CompletionUsage? {
        if c.isNull() { return nil }
        var completionTokens: Int?
        var promptTokens: Int?
        var totalTokens: Int?
        var completionDetails: CompletionUsage.CompletionTokensDetails?
        var promptDetails: CompletionUsage.PromptTokensDetails?
        try c.object { c, key in
            if key == "completion_tokens" {
                completionTokens = try c.int()
            } else if key == "prompt_tokens" {
                promptTokens = try c.int()
            } else if key == "total_tokens" {
                totalTokens = try c.int()
            } else if key == "completion_tokens_details" {
                var a: Int?
                var b: Int?
                var r: Int?
                var j: Int?
                try c.object { c, key in
                    if key == "accepted_prediction_tokens" {
                        a = try c.int()
                    } else if key == "audio_tokens" {
                        b = try c.int()
                    } else if key == "reasoning_tokens" {
                        r = try c.int()
                    } else if key == "rejected_prediction_tokens" {
                        j = try c.int()
                    } else {
                        try c.skip()
                    }
                }
                completionDetails = .init(
                    acceptedPredictionTokens: a, audioTokens: b, reasoningTokens: r, rejectedPredictionTokens: j)
            } else if key == "prompt_tokens_details" {
                var a: Int?
                var b: Int?
                try c.object { c, key in
                    if key == "audio_tokens" {
                        a = try c.int()
                    } else if key == "cached_tokens" {
                        b = try c.int()
                    } else {
                        try c.skip()
                    }
                }
                promptDetails = .init(audioTokens: a, cachedTokens: b)
            } else {
                try c.skip()
            }
        }
        guard let completionTokens, let promptTokens, let totalTokens else { throw c.error("missing key") }
        return .init(
            completionTokens: completionTokens, promptTokens: promptTokens, totalTokens: totalTokens,
            completionTokensDetails: completionDetails, promptTokensDetails: promptDetails)
    }
}
