import Foundation

/// One JSON value of a parsed document, in document order: an object or array is followed
/// by its members (an object's as key, value, key, value, ...), and `next` is the index of
/// the token after the value (after its whole subtree for an object or an array).
struct JSONToken {
    enum Kind: UInt8 {
        case null, `false`, `true`, number, string, array, object
    }

    var kind: Kind
    /// A string's or key's `hasEscapes`, `isNotASCII` and `hasControlCharacter`; a number's
    /// `isInteger`, `isNegative` and `isMalformed`; an object's `keysChecked`,
    /// `hasDuplicateKeys` and `hasUncheckedKeys`.
    var flags: UInt8
    /// A string's or number's first byte (after the quote); an object's next key to look
    /// at first (the index of the key after the last one found).
    var start: UInt32
    /// A string's or number's length in bytes; an array's or object's member count.
    var length: UInt32
    var next: UInt32

    static let hasEscapes: UInt8 = 1
    static let isNotASCII: UInt8 = 2
    /// An unescaped control character: the string is not valid, which shows when it is read.
    static let hasControlCharacter: UInt8 = 4
    static let isInteger: UInt8 = 1
    static let isNegative: UInt8 = 2
    /// Number characters that are not a JSON number (`01`, `1.`, `1e`, `--1`): as
    /// Foundation's decoder, this shows only when the number is read.
    static let isMalformed: UInt8 = 4
    static let keysChecked: UInt8 = 1
    static let hasDuplicateKeys: UInt8 = 2
    /// A key with an escape, a non-ASCII byte or a control character, to check when a
    /// keyed container is made for the object (where Foundation's decoder reads every key).
    static let hasUncheckedKeys: UInt8 = 4
}

/// Why bytes are not JSON, with the byte offset where that shows.
struct JSONSyntaxError: Error, CustomStringConvertible {
    var reason: String
    var offset: Int
    var description: String { "\(reason) at byte offset \(offset)." }
}

/// A parsed JSON document: a copy of its UTF-8 bytes and its values as a flat token array.
/// Strings and numbers are only located and checked here; they are converted when a
/// decoder asks for them.
final class JSONTape {
    /// The document's bytes followed by 8 zero bytes (word-wide scans may read them).
    let bytes: UnsafeMutablePointer<UInt8>
    let byteCount: Int
    let tokens: UnsafeMutablePointer<JSONToken>
    let tokenCount: Int

    /// How deeply arrays and objects may nest, as Foundation's `JSONDecoder` allows.
    static let maximumDepth = 512

    /// The document in `data` (UTF-8, with or without a byte order mark), or nil when the
    /// data is in another Unicode encoding (UTF-16 or UTF-32) or too large for the tape's
    /// 32-bit offsets; throws `JSONSyntaxError` when it is not JSON.
    static func parse(_ data: Data) throws -> JSONTape? {
        try data.withUnsafeBytes { raw -> JSONTape? in
            let buffer = raw.bindMemory(to: UInt8.self)
            let count = buffer.count
            guard count < Int(UInt32.max) - 16 else { return nil }
            let b0: UInt8? = count > 0 ? buffer[0] : nil
            let b1: UInt8? = count > 1 ? buffer[1] : nil
            let b2: UInt8? = count > 2 ? buffer[2] : nil
            let b3: UInt8? = count > 3 ? buffer[3] : nil
            var skip = 0
            switch (b0, b1, b2, b3) {
            case (0xEF, 0xBB, 0xBF, _): skip = 3
            case (0, 0, 0xFE, 0xFF), (0xFE, 0xFF, _, _), (0xFF, 0xFE, _, _): return nil
            case (0, 0, 0, .some(let nz)) where nz != 0: return nil
            case (0, .some(let a), 0, .some(let b)) where a != 0 && b != 0: return nil
            case (.some(let nz), 0, 0, 0) where nz != 0: return nil
            case (.some(let a), 0, .some(let b), 0) where a != 0 && b != 0: return nil
            case (0, .some(let nz), nil, nil) where nz != 0: return nil
            case (.some(let nz), 0, nil, nil) where nz != 0: return nil
            default: break
            }
            var scanner = JSONTapeScanner(copying: UnsafeBufferPointer(rebasing: buffer[skip...]))
            do {
                try scanner.scan()
            } catch {
                scanner.bytes.deallocate()
                scanner.tokens.deallocate()
                throw error
            }
            return JSONTape(
                bytes: scanner.bytes, byteCount: scanner.byteCount, tokens: scanner.tokens,
                tokenCount: scanner.tokenCount)
        }
    }

    private init(
        bytes: UnsafeMutablePointer<UInt8>, byteCount: Int, tokens: UnsafeMutablePointer<JSONToken>, tokenCount: Int
    ) {
        self.bytes = bytes
        self.byteCount = byteCount
        self.tokens = tokens
        self.tokenCount = tokenCount
    }

    deinit {
        bytes.deallocate()
        tokens.deallocate()
    }

}

/// Checks a document's bytes and records its values as tokens.
struct JSONTapeScanner {
    let bytes: UnsafeMutablePointer<UInt8>
    let byteCount: Int
    var tokens: UnsafeMutablePointer<JSONToken>
    var tokenCount = 0
    private var capacity: Int

    init(copying source: UnsafeBufferPointer<UInt8>) {
        byteCount = source.count
        bytes = .allocate(capacity: source.count + 8)
        if let base = source.baseAddress { bytes.initialize(from: base, count: source.count) }
        (bytes + source.count).initialize(repeating: 0, count: 8)
        capacity = max(16, source.count / 5)
        tokens = .allocate(capacity: capacity)
    }

    private static var maximumDepth: Int { JSONTape.maximumDepth }

    @inline(__always)
    private mutating func append(_ kind: JSONToken.Kind, flags: UInt8, start: Int, length: Int) -> Int {
        if tokenCount == capacity { grow() }
        let index = tokenCount
        (tokens + index).initialize(
            to: JSONToken(
                kind: kind, flags: flags, start: UInt32(truncatingIfNeeded: start),
                length: UInt32(truncatingIfNeeded: length), next: UInt32(truncatingIfNeeded: index + 1)))
        tokenCount += 1
        return index
    }

    private mutating func grow() {
        let larger = UnsafeMutablePointer<JSONToken>.allocate(capacity: capacity * 2)
        larger.moveInitialize(from: tokens, count: tokenCount)
        tokens.deallocate()
        tokens = larger
        capacity *= 2
    }

    // MARK: Scanning

    mutating func scan() throws {
        var position = 0
        skipWhitespace(&position)
        guard position < byteCount else {
            throw JSONSyntaxError(reason: "The data holds no JSON value", offset: position)
        }
        try scanValue(&position, depth: 0)
        skipWhitespace(&position)
        guard position == byteCount else {
            throw JSONSyntaxError(reason: "Unexpected character after the top-level value", offset: position)
        }
    }

    @inline(__always)
    private func skipWhitespace(_ position: inout Int) {
        while position < byteCount {
            switch bytes[position] {
            case 0x20, 0x0A, 0x0D, 0x09: position += 1
            default: return
            }
        }
    }

    private mutating func scanValue(_ position: inout Int, depth: Int) throws {
        let byte = bytes[position]
        switch byte {
        case UInt8(ascii: "{"): try scanObject(&position, depth: depth + 1)
        case UInt8(ascii: "["): try scanArray(&position, depth: depth + 1)
        case UInt8(ascii: "\""): try scanString(&position)
        case UInt8(ascii: "t"): try scanLiteral(&position, 0x6575_7274, .true)  // "true"
        case UInt8(ascii: "f"):
            guard bytes[position + 4] == UInt8(ascii: "e") else {
                throw JSONSyntaxError(reason: "Invalid literal", offset: position)
            }
            try scanLiteral(&position, 0x736C_6166, .false, extra: 1)  // "fals" + "e"
        case UInt8(ascii: "n"): try scanLiteral(&position, 0x6C6C_756E, .null)  // "null"
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): scanNumber(&position)
        default:
            throw JSONSyntaxError(
                reason: position < byteCount ? "Unexpected character" : "Unexpected end of data", offset: position)
        }
    }

    @inline(__always)
    private mutating func scanLiteral(_ position: inout Int, _ word: UInt32, _ kind: JSONToken.Kind, extra: Int = 0)
        throws
    {
        let found = UnsafeRawPointer(bytes + position).loadUnaligned(as: UInt32.self)
        guard found == UInt32(littleEndian: word), position + 4 + extra <= byteCount else {
            throw JSONSyntaxError(reason: "Invalid literal", offset: position)
        }
        _ = append(kind, flags: 0, start: position, length: 4 + extra)
        position += 4 + extra
    }

    private mutating func scanObject(_ position: inout Int, depth: Int) throws {
        guard depth <= Self.maximumDepth else {
            throw JSONSyntaxError(reason: "Too many nested arrays or dictionaries", offset: position)
        }
        let index = append(.object, flags: 0, start: 0, length: 0)
        position += 1
        skipWhitespace(&position)
        var count = 0
        if position < byteCount, bytes[position] == UInt8(ascii: "}") {
            position += 1
        } else {
            while true {
                guard position < byteCount, bytes[position] == UInt8(ascii: "\"") else {
                    throw JSONSyntaxError(reason: "Expected a key", offset: position)
                }
                try scanString(&position)
                if tokens[tokenCount - 1].flags != 0 { tokens[index].flags |= JSONToken.hasUncheckedKeys }
                skipWhitespace(&position)
                guard position < byteCount, bytes[position] == UInt8(ascii: ":") else {
                    throw JSONSyntaxError(reason: "Expected ':' after a key", offset: position)
                }
                position += 1
                skipWhitespace(&position)
                try scanValue(&position, depth: depth)
                count += 1
                skipWhitespace(&position)
                guard position < byteCount else {
                    throw JSONSyntaxError(reason: "Unexpected end of data in an object", offset: position)
                }
                let byte = bytes[position]
                position += 1
                if byte == UInt8(ascii: ",") {
                    skipWhitespace(&position)
                    // Foundation's decoder accepts a trailing comma.
                    if position < byteCount, bytes[position] == UInt8(ascii: "}") {
                        position += 1
                        break
                    }
                    continue
                }
                if byte == UInt8(ascii: "}") { break }
                throw JSONSyntaxError(reason: "Expected ',' or '}' in an object", offset: position - 1)
            }
        }
        tokens[index].start = UInt32(truncatingIfNeeded: index + 1)
        tokens[index].length = UInt32(truncatingIfNeeded: count)
        tokens[index].next = UInt32(truncatingIfNeeded: tokenCount)
    }

    private mutating func scanArray(_ position: inout Int, depth: Int) throws {
        guard depth <= Self.maximumDepth else {
            throw JSONSyntaxError(reason: "Too many nested arrays or dictionaries", offset: position)
        }
        let index = append(.array, flags: 0, start: position, length: 0)
        position += 1
        skipWhitespace(&position)
        var count = 0
        if position < byteCount, bytes[position] == UInt8(ascii: "]") {
            position += 1
        } else {
            while true {
                guard position < byteCount else {
                    throw JSONSyntaxError(reason: "Unexpected end of data in an array", offset: position)
                }
                try scanValue(&position, depth: depth)
                count += 1
                skipWhitespace(&position)
                guard position < byteCount else {
                    throw JSONSyntaxError(reason: "Unexpected end of data in an array", offset: position)
                }
                let byte = bytes[position]
                position += 1
                if byte == UInt8(ascii: ",") {
                    skipWhitespace(&position)
                    // Foundation's decoder accepts a trailing comma.
                    if position < byteCount, bytes[position] == UInt8(ascii: "]") {
                        position += 1
                        break
                    }
                    continue
                }
                if byte == UInt8(ascii: "]") { break }
                throw JSONSyntaxError(reason: "Expected ',' or ']' in an array", offset: position - 1)
            }
        }
        tokens[index].length = UInt32(truncatingIfNeeded: count)
        tokens[index].next = UInt32(truncatingIfNeeded: tokenCount)
    }

    private mutating func scanString(_ position: inout Int) throws {
        let open = position
        var index = position + 1
        var flags: UInt8 = 0
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        while true {
            // Eight bytes at a time while none is a quote, a backslash, a control
            // character or a non-ASCII byte.
            while index + 8 <= byteCount {
                let word = UnsafeRawPointer(bytes + index).loadUnaligned(as: UInt64.self)
                let quote = word ^ (ones &* 0x22)
                let backslash = word ^ (ones &* 0x5C)
                let special =
                    ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash)
                    | ((word &- ones &* 0x20) & ~word) | word
                if special & highs != 0 { break }
                index += 8
            }
            guard index < byteCount else {
                throw JSONSyntaxError(reason: "Unterminated string", offset: open)
            }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") { break }
            if byte == UInt8(ascii: "\\") {
                // Escapes are checked when the string is read, as Foundation's decoder does.
                flags |= JSONToken.hasEscapes
                if bytes[index + 1] == UInt8(ascii: "u") {
                    // As Foundation's parser: 4 characters must follow (checked as hex digits
                    // only when the string is read).
                    guard index + 6 <= byteCount, (2..<6).allSatisfy({ bytes[index + $0] != UInt8(ascii: "\"") })
                    else {
                        throw JSONSyntaxError(reason: "Invalid \\u escape", offset: index)
                    }
                    index += 6
                } else {
                    index += 2
                }
                continue
            }
            if byte < 0x20 { flags |= JSONToken.hasControlCharacter }
            if byte >= 0x80 { flags |= JSONToken.isNotASCII }
            index += 1
        }
        _ = append(.string, flags: flags, start: open + 1, length: index - open - 1)
        position = index + 1
    }

    @inline(__always)
    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte &- UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte &- UInt8(ascii: "a") &+ 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte &- UInt8(ascii: "A") &+ 10
        default: nil
        }
    }

    private mutating func scanNumber(_ position: inout Int) {
        // As Foundation's decoder: the run of number characters is taken here and checked
        // against JSON's number grammar when the number is read.
        let start = position
        var index = position
        while index < byteCount, Self.isNumberCharacter(bytes[index]) { index += 1 }
        _ = append(.number, flags: Self.numberFlags(bytes + start, index - start), start: start, length: index - start)
        position = index
    }

    @inline(__always)
    private static func isNumberCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."),
            UInt8(ascii: "e"), UInt8(ascii: "E"):
            true
        default: false
        }
    }

    /// `isInteger` and `isNegative` for a JSON number, `isMalformed` for other text.
    private static func numberFlags(_ start: UnsafePointer<UInt8>, _ count: Int) -> UInt8 {
        var index = 0
        var flags = JSONToken.isInteger
        @inline(__always) func isDigit(_ at: Int) -> Bool { at < count && start[at] &- UInt8(ascii: "0") < 10 }
        if start[0] == UInt8(ascii: "-") {
            flags |= JSONToken.isNegative
            index += 1
        }
        guard isDigit(index) else { return JSONToken.isMalformed }
        if start[index] == UInt8(ascii: "0") {
            index += 1
        } else {
            while isDigit(index) { index += 1 }
        }
        if index < count, start[index] == UInt8(ascii: ".") {
            flags &= ~JSONToken.isInteger
            index += 1
            guard isDigit(index) else { return JSONToken.isMalformed }
            while isDigit(index) { index += 1 }
        }
        if index < count, start[index] | 0x20 == UInt8(ascii: "e") {
            flags &= ~JSONToken.isInteger
            index += 1
            if index < count, start[index] == UInt8(ascii: "+") || start[index] == UInt8(ascii: "-") { index += 1 }
            guard isDigit(index) else { return JSONToken.isMalformed }
            while isDigit(index) { index += 1 }
        }
        return index == count ? flags : JSONToken.isMalformed
    }

}

extension JSONTape {
    // MARK: Reading

    @inline(__always)
    func token(_ index: Int) -> JSONToken { tokens[index] }

    /// The first (up to) 8 bytes of the key or string at `index`, little-endian, zero-padded.
    @inline(__always)
    private func firstWord(_ token: JSONToken) -> UInt64 {
        let word = UInt64(littleEndian: UnsafeRawPointer(bytes + Int(token.start)).loadUnaligned(as: UInt64.self))
        return token.length >= 8 ? word : word & ((1 << (UInt64(token.length) &* 8)) &- 1)
    }

    /// A key to look up: its bytes and their first word (as ``firstWord(_:)`` reads a key).
    struct Key {
        var bytes: UnsafeBufferPointer<UInt8>
        var word: UInt64

        @inline(__always)
        init(_ bytes: UnsafeBufferPointer<UInt8>) {
            self.bytes = bytes
            var word: UInt64 = 0
            for i in 0..<min(8, bytes.count) { word |= UInt64(bytes[i]) << (UInt64(i) &* 8) }
            self.word = word
        }
    }

    /// The index of the value of `key` in the object at `object`, or nil. Finds the first
    /// member with that key, as `JSONDecoder` keeps the first of duplicate keys. The search
    /// starts after the last key found, so that keys looked up in document order are found
    /// at the first look.
    func lookup(object: Int, key bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let header = tokens[object]
        let end = Int(header.next)
        let first = object + 1
        guard first < end else { return nil }
        let key = Key(bytes)
        var hint = Int(header.start)
        if hint >= end || hint < first { hint = first }
        var member = hint
        while member < end {
            if keyMatches(member, key) {
                if member != first, hint != first, mayHaveDuplicates(object) {
                    return firstMatch(object: object, key: key)
                }
                tokens[object].start = tokens[member + 1].next
                return member + 1
            }
            member = Int(tokens[member + 1].next)
        }
        member = first
        while member < hint {
            if keyMatches(member, key) {
                tokens[object].start = tokens[member + 1].next
                return member + 1
            }
            member = Int(tokens[member + 1].next)
        }
        return nil
    }

    private func firstMatch(object: Int, key: Key) -> Int? {
        let end = Int(tokens[object].next)
        var member = object + 1
        while member < end {
            if keyMatches(member, key) { return member + 1 }
            member = Int(tokens[member + 1].next)
        }
        return nil
    }

    /// Whether two members of the object have the same key (checked once, then remembered).
    func mayHaveDuplicates(_ object: Int) -> Bool {
        let flags = tokens[object].flags
        if flags & JSONToken.keysChecked != 0 { return flags & JSONToken.hasDuplicateKeys != 0 }
        let end = Int(tokens[object].next)
        var duplicates = false
        var member = object + 1
        search: while member < end {
            let token = tokens[member]
            let word = firstWord(token)
            var other = Int(tokens[member + 1].next)
            while other < end {
                let candidate = tokens[other]
                if candidate.length == token.length || (candidate.flags | token.flags) & JSONToken.hasEscapes != 0 {
                    if keysEqual(member, token, word, other, candidate) {
                        duplicates = true
                        break search
                    }
                }
                other = Int(tokens[other + 1].next)
            }
            member = Int(tokens[member + 1].next)
        }
        tokens[object].flags |= JSONToken.keysChecked | (duplicates ? JSONToken.hasDuplicateKeys : 0)
        return duplicates
    }

    @inline(__always)
    private func keysEqual(_ a: Int, _ left: JSONToken, _ leftWord: UInt64, _ b: Int, _ right: JSONToken) -> Bool {
        if (left.flags | right.flags) & JSONToken.hasEscapes == 0 {
            return left.length == right.length && leftWord == firstWord(right)
                && (left.length <= 8
                    || memcmp(bytes + Int(left.start) + 8, bytes + Int(right.start) + 8, Int(left.length) - 8) == 0)
        }
        return (try? string(at: a)) == (try? string(at: b))
    }

    @inline(__always)
    private func keyMatches(_ member: Int, _ key: Key) -> Bool {
        let token = tokens[member]
        if token.flags & JSONToken.hasEscapes == 0 {
            let count = key.bytes.count
            return Int(token.length) == count && firstWord(token) == key.word
                && (count <= 8 || memcmp(bytes + Int(token.start) + 8, key.bytes.baseAddress! + 8, count - 8) == 0)
        }
        guard let text = try? string(at: member) else { return false }
        return text.utf8.elementsEqual(key.bytes)
    }

    /// The string at `index` (a string value or a key), unescaped; throws a
    /// `JSONSyntaxError` for bytes that are not UTF-8 or an escaped lone surrogate.
    func string(at index: Int) throws -> String {
        let token = tokens[index]
        let start = bytes + Int(token.start)
        let count = Int(token.length)
        if token.flags & JSONToken.hasControlCharacter != 0 {
            throw JSONSyntaxError(reason: "Unescaped control character in a string", offset: Int(token.start))
        }
        if token.flags & JSONToken.isNotASCII != 0, !Self.isValidUTF8(start, count) {
            throw JSONSyntaxError(reason: "A string is not valid UTF-8", offset: Int(token.start))
        }
        if token.flags & JSONToken.hasEscapes == 0 {
            return String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
        }
        return try unescape(start, count, offset: Int(token.start))
    }

    private func unescape(_ start: UnsafeMutablePointer<UInt8>, _ count: Int, offset: Int) throws -> String {
        var output: [UInt8] = []
        output.reserveCapacity(count)
        var index = 0
        func hex4(_ at: Int) throws -> UInt32 {
            var value: UInt32 = 0
            for i in 0..<4 {
                guard at + i < count, let digit = JSONTapeScanner.hexValue(start[at + i]) else {
                    throw JSONSyntaxError(reason: "Invalid \\u escape", offset: offset + at)
                }
                value = value << 4 | UInt32(digit)
            }
            return value
        }
        func appendScalar(_ scalar: Unicode.Scalar) {
            output.append(contentsOf: UTF8.encode(scalar)!)
        }
        while index < count {
            let byte = start[index]
            guard byte == UInt8(ascii: "\\") else {
                output.append(byte)
                index += 1
                continue
            }
            let escaped = start[index + 1]
            index += 2
            switch escaped {
            case UInt8(ascii: "b"): output.append(0x08)
            case UInt8(ascii: "f"): output.append(0x0C)
            case UInt8(ascii: "n"): output.append(0x0A)
            case UInt8(ascii: "r"): output.append(0x0D)
            case UInt8(ascii: "t"): output.append(0x09)
            case UInt8(ascii: "u"):
                let unit = try hex4(index)
                index += 4
                if unit & 0xFC00 == 0xD800 {
                    guard index + 6 <= count, start[index] == UInt8(ascii: "\\"),
                        start[index + 1] == UInt8(ascii: "u")
                    else {
                        throw JSONSyntaxError(
                            reason: "A high surrogate escape without a low surrogate after it",
                            offset: offset + index)
                    }
                    let low = try hex4(index + 2)
                    guard low & 0xFC00 == 0xDC00 else {
                        throw JSONSyntaxError(
                            reason: "A high surrogate escape without a low surrogate after it",
                            offset: offset + index)
                    }
                    index += 6
                    appendScalar(Unicode.Scalar(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))!)
                } else if let scalar = Unicode.Scalar(unit) {
                    appendScalar(scalar)
                } else {
                    throw JSONSyntaxError(reason: "A lone low surrogate escape", offset: offset + index)
                }
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): output.append(escaped)
            default: throw JSONSyntaxError(reason: "Invalid escape sequence", offset: offset + index - 2)
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Whether `count` bytes at `start` are well-formed UTF-8.
    static func isValidUTF8(_ start: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        var index = 0
        while index < count {
            let lead = start[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            let length: Int
            let minimum: UInt32
            var scalar: UInt32
            switch lead {
            case 0xC2...0xDF: (length, minimum, scalar) = (2, 0x80, UInt32(lead & 0x1F))
            case 0xE0...0xEF: (length, minimum, scalar) = (3, 0x800, UInt32(lead & 0x0F))
            case 0xF0...0xF4: (length, minimum, scalar) = (4, 0x10000, UInt32(lead & 0x07))
            default: return false
            }
            guard index + length <= count else { return false }
            for i in 1..<length {
                let byte = start[index + i]
                guard byte & 0xC0 == 0x80 else { return false }
                scalar = scalar << 6 | UInt32(byte & 0x3F)
            }
            guard scalar >= minimum, scalar <= 0x10FFFF, !(0xD800...0xDFFF).contains(scalar) else { return false }
            index += length
        }
        return true
    }
}
