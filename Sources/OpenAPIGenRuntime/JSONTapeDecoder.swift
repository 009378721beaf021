import Foundation

extension JSONCoding {
    /// Decodes `type` from the JSON in `data` as `makeDecoder().decode(type, from: data)`
    /// does (the same values, the same `DecodingError` cases and coding paths, `date-time`
    /// values as RFC 3339, `Data` from base64), faster: the bytes are parsed once into a
    /// flat list of values and keys are matched as bytes, with no dictionary per object.
    /// This is what generated clients decode response bodies with.
    public static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        let tape: JSONTape
        do {
            guard let parsed = try JSONTape.parse(data) else {
                // UTF-16 or UTF-32 text, or more than 4 GB: Foundation's decoder reads those.
                return try makeDecoder().decode(type, from: data)
            }
            tape = parsed
        } catch let error as JSONSyntaxError {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(
                    codingPath: [], debugDescription: "The given data was not valid JSON.", underlyingError: error))
        }
        let decoder = JSONTapeDecoder(tape: tape, value: 0, codingPath: [])
        return try decoder.unwrap(0, as: type, depth: 0, key: JSONTapeDecoder.noKey)
    }

    /// The date a `date-time` string holds, as the decoders read it, or the error they throw.
    static func decodeDate(_ text: String, codingPath: [any CodingKey]) throws -> Date {
        guard let date = RFC3339.date(from: text) else {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(
                    codingPath: codingPath,
                    debugDescription: "Expected an RFC 3339 date-time, found \"\(text.prefix(64))\"."))
        }
        return date
    }
}

/// The coding key of an array element, as `JSONDecoder` names it.
struct JSONIndexKey: CodingKey {
    var intValue: Int?
    var stringValue: String { "Index \(intValue ?? 0)" }
    init(index: Int) { intValue = index }
    init?(stringValue: String) { nil }
    init?(intValue: Int) { self.intValue = intValue }
}

/// The coding key `superDecoder()` uses, as `JSONDecoder` names it.
private struct JSONSuperKey: CodingKey {
    var stringValue: String { "super" }
    var intValue: Int? { nil }
    init() {}
    init?(stringValue: String) { nil }
    init?(intValue: Int) { nil }
}

/// A `Decoder` over a parsed ``JSONTape``. One instance serves a whole decode: decoding a
/// nested value points it at that value and pushes the value's key on its coding path
/// for as long as the nested `init(from:)` runs (as Foundation's decoder does), so that
/// decoding allocates no decoder per value.
final class JSONTapeDecoder: Decoder {
    let tape: JSONTape
    // Only this decoder's own containers and nested decodes change these, one at a time on
    // one thread (a Decoder is not Sendable), so the runtime's exclusivity checks are skipped.
    /// The index of the token the decoder is at.
    @exclusivity(unchecked) var value: Int
    /// The coding path of the value; containers remember how much of it is theirs.
    @exclusivity(unchecked) var path: [any CodingKey]

    /// The key argument for a value that has none (a single value container's).
    static let noKey: JSONIndexKey? = nil

    init(tape: JSONTape, value: Int, codingPath: [any CodingKey]) {
        self.tape = tape
        self.value = value
        self.path = codingPath
    }

    var codingPath: [any CodingKey] { path }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        let token = tape.token(value)
        guard token.kind == .object else {
            throw containerError([String: Any].self, token, keyed: true)
        }
        if token.flags & JSONToken.hasUncheckedKeys != 0 {
            // Foundation's decoder reads every key of the object here.
            try checkKeys(token)
        }
        return KeyedDecodingContainer(JSONTapeKeyedContainer<Key>(decoder: self, object: value, depth: path.count))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let token = tape.token(value)
        guard token.kind == .array else {
            throw containerError([Any].self, token, keyed: false)
        }
        return JSONTapeUnkeyedContainer(decoder: self, array: value, depth: path.count)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        JSONTapeSingleValueContainer(decoder: self, value: value, depth: path.count)
    }

    private func checkKeys(_ object: JSONToken) throws {
        var member = value + 1
        while member < Int(object.next) {
            do {
                _ = try tape.string(at: member)
            } catch let error as JSONSyntaxError {
                throw notRepresentable("A key: \(error.reason)", depth: path.count, key: JSONTapeDecoder.noKey)
            }
            member = Int(tape.token(member + 1).next)
        }
    }

    private func containerError(_ type: Any.Type, _ token: JSONToken, keyed: Bool) -> DecodingError {
        if token.kind == .null {
            return DecodingError.valueNotFound(
                type,
                DecodingError.Context(
                    codingPath: path,
                    debugDescription:
                        "Cannot get \(keyed ? "keyed" : "unkeyed") decoding container -- found null value instead"
                ))
        }
        return DecodingError.typeMismatch(
            type,
            DecodingError.Context(
                codingPath: path,
                debugDescription: "Expected to decode \(type) but found \(Self.describe(token)) instead."))
    }

    // MARK: Paths and errors

    /// The coding path of a container at `depth`, plus `key`.
    func path<K: CodingKey>(depth: Int, key: K?) -> [any CodingKey] {
        var result = depth >= path.count ? path : Array(path[..<depth])
        if let key { result.append(key) }
        return result
    }

    static func describe(_ token: JSONToken) -> String {
        switch token.kind {
        case .null: "null"
        case .true, .false: "bool"
        case .number: "number"
        case .string: "a string"
        case .array: "an array"
        case .object: "a dictionary"
        }
    }

    func typeMismatch<K: CodingKey>(_ type: Any.Type, _ index: Int, depth: Int, key: K?) -> DecodingError {
        DecodingError.typeMismatch(
            type,
            DecodingError.Context(
                codingPath: path(depth: depth, key: key),
                debugDescription: "Expected to decode \(type) but found \(Self.describe(tape.token(index))) instead."))
    }

    func valueNotFound<K: CodingKey>(_ type: Any.Type, depth: Int, key: K?) -> DecodingError {
        DecodingError.valueNotFound(
            type,
            DecodingError.Context(
                codingPath: path(depth: depth, key: key),
                debugDescription: "Cannot get value of type \(type) -- found null value instead"))
    }

    /// What `JSONDecoder` throws (from its parser's error, with an empty coding path) for
    /// a number the type cannot hold or a string that is not valid UTF-8.
    func notRepresentable<K: CodingKey>(_ reason: String, depth: Int, key: K?) -> DecodingError {
        let place = path(depth: depth, key: key).map { $0.intValue.map(String.init) ?? $0.stringValue }
        return DecodingError.dataCorrupted(
            DecodingError.Context(
                codingPath: [],
                debugDescription: "The given data was not valid JSON.",
                underlyingError: JSONSyntaxError(
                    reason: "\(reason) at '\(place.joined(separator: "."))'", offset: 0)))
    }

    // MARK: Values

    /// Decodes `type` from the value at `index`, for a container at `depth` (the value's
    /// key is `key`).
    func unwrap<T: Decodable, K: CodingKey>(_ index: Int, as type: T.Type, depth: Int, key: K?) throws -> T {
        // Values that synthesised code asks for through the generic entry points (array
        // elements, dictionary values): read directly, as their init(from:) would.
        if T.self == String.self { return Self.cast(try unwrapString(index, depth: depth, key: key)) }
        if T.self == Int.self { return Self.cast(try unwrapInteger(index, as: Int.self, depth: depth, key: key)) }
        if T.self == Double.self { return Self.cast(try unwrapDouble(index, depth: depth, key: key)) }
        if T.self == Bool.self { return Self.cast(try unwrapBool(index, depth: depth, key: key)) }
        if T.self == Int64.self { return Self.cast(try unwrapInteger(index, as: Int64.self, depth: depth, key: key)) }
        if T.self == Int32.self { return Self.cast(try unwrapInteger(index, as: Int32.self, depth: depth, key: key)) }
        if T.self == Float.self { return Self.cast(try unwrapFloat(index, depth: depth, key: key)) }
        if T.self == [String].self {
            return Self.cast(
                try unwrapArray(index, depth: depth, key: key) { try self.unwrapString($0, depth: $1, key: $2) })
        }
        if T.self == [Int].self {
            return Self.cast(
                try unwrapArray(index, depth: depth, key: key) {
                    try self.unwrapInteger($0, as: Int.self, depth: $1, key: $2)
                })
        }
        if T.self == [Double].self {
            return Self.cast(
                try unwrapArray(index, depth: depth, key: key) { try self.unwrapDouble($0, depth: $1, key: $2) })
        }
        if T.self == [Int64].self {
            return Self.cast(
                try unwrapArray(index, depth: depth, key: key) {
                    try self.unwrapInteger($0, as: Int64.self, depth: $1, key: $2)
                })
        }
        if T.self == Date.self { return try unwrapDate(index, depth: depth, key: key) as! T }
        if T.self == Data.self { return try unwrapData(index, depth: depth, key: key) as! T }
        if T.self == URL.self { return try unwrapURL(index, depth: depth, key: key) as! T }
        if T.self == Decimal.self { return try unwrapDecimal(index, depth: depth, key: key) as! T }
        if T.self == JSONValue.self { return try jsonValue(index, depth: depth, key: key) as! T }
        guard path.count == depth else {
            // A container used after a deeper one changed the path (a nested container kept
            // while its parent decodes on): decode with a decoder of its own.
            let nested = JSONTapeDecoder(tape: tape, value: index, codingPath: path(depth: depth, key: key))
            return try T(from: nested)
        }
        let saved = value
        if let key { path.append(key) }
        value = index
        defer {
            value = saved
            if path.count == depth + 1 {
                path.removeLast()
            } else if path.count > depth {
                path.removeSubrange(depth...)
            }
        }
        return try T(from: self)
    }

    /// An array of primitives, as `Array.init(from:)` reads it through an unkeyed container
    /// (the same errors at the same paths), without the generic container.
    private func unwrapArray<E, K: CodingKey>(
        _ index: Int, depth: Int, key: K?, _ element: (Int, Int, JSONIndexKey?) throws -> E
    ) throws -> [E] {
        let token = tape.token(index)
        guard token.kind == .array, path.count == depth else {
            // Not an array (the same error as through a container), or a container used
            // out of order: the general path.
            let nested = JSONTapeDecoder(tape: tape, value: index, codingPath: path(depth: depth, key: key))
            return try nested.unkeyedElements(element)
        }
        if let key { path.append(key) }
        defer { if path.count > depth { path.removeSubrange(depth...) } }
        var result: [E] = []
        result.reserveCapacity(Int(token.length))
        var member = index + 1
        let end = Int(token.next)
        var number = 0
        while member < end {
            result.append(try element(member, depth + (key == nil ? 0 : 1), JSONIndexKey(index: number)))
            member = Int(tape.token(member).next)
            number += 1
        }
        return result
    }

    /// The elements of the array the decoder is at, through its unkeyed container.
    private func unkeyedElements<E>(_ element: (Int, Int, JSONIndexKey?) throws -> E) throws -> [E] {
        _ = try unkeyedContainer()  // the error for a value that is not an array
        var result: [E] = []
        var member = value + 1
        let end = Int(tape.token(value).next)
        var number = 0
        while member < end {
            result.append(try element(member, path.count, JSONIndexKey(index: number)))
            member = Int(tape.token(member).next)
            number += 1
        }
        return result
    }

    /// `value` as `T`, which the caller has checked is `U`.
    @inline(__always)
    private static func cast<T, U>(_ value: U) -> T {
        withUnsafePointer(to: value) { UnsafeRawPointer($0).load(as: T.self) }
    }

    func unwrapString<K: CodingKey>(_ index: Int, depth: Int, key: K?) throws -> String {
        let token = tape.token(index)
        guard token.kind == .string else {
            if token.kind == .null { throw valueNotFound(String.self, depth: depth, key: key) }
            throw typeMismatch(String.self, index, depth: depth, key: key)
        }
        do {
            return try tape.string(at: index)
        } catch let error as JSONSyntaxError {
            throw notRepresentable(error.reason, depth: depth, key: key)
        }
    }

    func unwrapBool<K: CodingKey>(_ index: Int, depth: Int, key: K?) throws -> Bool {
        switch tape.token(index).kind {
        case .true: return true
        case .false: return false
        default: throw typeMismatch(Bool.self, index, depth: depth, key: key)
        }
    }

    func unwrapInteger<T: FixedWidthInteger, K: CodingKey>(
        _ index: Int, as type: T.Type, depth: Int, key: K?
    ) throws -> T {
        let token = tape.token(index)
        guard token.kind == .number else {
            if token.kind == .null { throw valueNotFound(T.self, depth: depth, key: key) }
            throw typeMismatch(T.self, index, depth: depth, key: key)
        }
        let start = tape.bytes + Int(token.start)
        let count = Int(token.length)
        try checkNumber(token, depth: depth, key: key)
        if token.flags & JSONToken.isInteger != 0 {
            var result: T = 0
            var overflow = false
            if token.flags & JSONToken.isNegative != 0 {
                var i = 1
                while i < count {
                    let (product, o1) = result.multipliedReportingOverflow(by: 10)
                    let (sum, o2) = product.subtractingReportingOverflow(T(truncatingIfNeeded: start[i] &- 48))
                    if o1 || o2 {
                        overflow = true
                        break
                    }
                    result = sum
                    i += 1
                }
            } else {
                var i = 0
                while i < count {
                    let (product, o1) = result.multipliedReportingOverflow(by: 10)
                    let (sum, o2) = product.addingReportingOverflow(T(truncatingIfNeeded: start[i] &- 48))
                    if o1 || o2 {
                        overflow = true
                        break
                    }
                    result = sum
                    i += 1
                }
            }
            if !overflow { return result }
        }
        // As JSONDecoder: a number written with a fraction or an exponent, or beyond the
        // type's range, is read as a Double and taken when that is an integer the type holds
        // below 2^53; otherwise as a Decimal.
        let text = String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
        if let double = Double(text) {
            guard let value = T(exactly: double) else {
                throw notRepresentable("The number \(text) does not fit \(T.self)", depth: depth, key: key)
            }
            if double.magnitude < 9_007_199_254_740_992 { return value }
        }
        if let value = Self.truncatedInteger(T.self, start, count) { return value }
        throw notRepresentable("The number \(text) does not fit \(T.self)", depth: depth, key: key)
    }

    /// The number's value truncated toward zero as an integer of `type`, or nil when that
    /// does not fit: what Foundation's decoder gets through a `Decimal` for an integral
    /// `Double` of 2^53 or more.
    private static func truncatedInteger<T: FixedWidthInteger>(
        _ type: T.Type, _ start: UnsafePointer<UInt8>, _ count: Int
    ) -> T? {
        var index = 0
        let negative = start[0] == UInt8(ascii: "-")
        if negative { index += 1 }
        var digits: [UInt8] = []
        var fractionDigits = 0
        var inFraction = false
        while index < count {
            let byte = start[index]
            if byte == UInt8(ascii: ".") {
                inFraction = true
            } else if byte | 0x20 == UInt8(ascii: "e") {
                break
            } else {
                digits.append(byte &- 48)
                if inFraction { fractionDigits += 1 }
            }
            index += 1
        }
        var exponent = 0
        if index < count {
            index += 1
            var exponentNegative = false
            if start[index] == UInt8(ascii: "-") || start[index] == UInt8(ascii: "+") {
                exponentNegative = start[index] == UInt8(ascii: "-")
                index += 1
            }
            while index < count {
                exponent = min(exponent * 10 + Int(start[index] &- 48), 100_000)
                index += 1
            }
            if exponentNegative { exponent = -exponent }
        }
        exponent -= fractionDigits
        // Every digit, as the Decimal's mantissa holds them, must fit 64 bits.
        var magnitude: UInt64 = 0
        for digit in digits {
            let (product, o1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, o2) = product.addingReportingOverflow(UInt64(digit))
            guard !o1 && !o2 else { return nil }
            magnitude = sum
        }
        if exponent < 0 {
            for _ in 0..<min(-exponent, 40) { magnitude /= 10 }
        } else if exponent > 0, magnitude != 0 {
            for _ in 0..<exponent {
                let (product, overflow) = magnitude.multipliedReportingOverflow(by: 10)
                guard !overflow else { return nil }
                magnitude = product
            }
        }
        if negative {
            if magnitude != 0 && !T.isSigned { return nil }
            guard let value = T(exactly: magnitude) else { return nil }
            return 0 - value
        }
        return T(exactly: magnitude)
    }

    func unwrapDouble<K: CodingKey>(_ index: Int, depth: Int, key: K?) throws -> Double {
        let token = tape.token(index)
        guard token.kind == .number else {
            if token.kind == .null { throw valueNotFound(Double.self, depth: depth, key: key) }
            throw typeMismatch(Double.self, index, depth: depth, key: key)
        }
        let start = tape.bytes + Int(token.start)
        let count = Int(token.length)
        try checkNumber(token, depth: depth, key: key)
        if token.flags & JSONToken.isInteger != 0, count <= 16 {
            // At most 15 digits: exact in a Double.
            let negative = token.flags & JSONToken.isNegative != 0
            var magnitude: Int64 = 0
            for i in (negative ? 1 : 0)..<count { magnitude = magnitude &* 10 &+ Int64(start[i] &- 48) }
            if negative { return magnitude == 0 ? -0.0 : -Double(magnitude) }
            return Double(magnitude)
        }
        if let double = Self.exactDouble(start, count) {
            guard double != 0 || Self.isTrueZero(start, count) else {
                throw notRepresentable("The number does not fit Double", depth: depth, key: key)
            }
            return double
        }
        let text = String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
        guard let double = Double(text), double.isFinite, double != 0 || Self.isTrueZero(start, count) else {
            throw notRepresentable("The number \(text) does not fit Double", depth: depth, key: key)
        }
        return double
    }

    func unwrapFloat<K: CodingKey>(_ index: Int, depth: Int, key: K?) throws -> Float {
        let token = tape.token(index)
        guard token.kind == .number else {
            if token.kind == .null { throw valueNotFound(Float.self, depth: depth, key: key) }
            throw typeMismatch(Float.self, index, depth: depth, key: key)
        }
        let start = tape.bytes + Int(token.start)
        let count = Int(token.length)
        try checkNumber(token, depth: depth, key: key)
        let text = String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
        guard let float = Float(text), float.isFinite, float != 0 || Self.isTrueZero(start, count) else {
            throw notRepresentable("The number \(text) does not fit Float", depth: depth, key: key)
        }
        return float
    }

    @inline(__always)
    private func checkNumber<K: CodingKey>(_ token: JSONToken, depth: Int, key: K?) throws {
        if token.flags & JSONToken.isMalformed != 0 {
            let text = String(
                decoding: UnsafeBufferPointer(start: tape.bytes + Int(token.start), count: Int(token.length)),
                as: UTF8.self)
            throw notRepresentable("\(text) is not a number", depth: depth, key: key)
        }
    }

    private static let powersOfTen: [Double] = (0...22).map { exponent in
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }

    /// The number when one correctly rounded operation gives it (Clinger's fast path: at
    /// most 15 significant digits, a power of ten up to 10^22, both exact in a Double), the
    /// same Double `strtod` gives; nil otherwise.
    @inline(__always)
    private static func exactDouble(_ start: UnsafePointer<UInt8>, _ count: Int) -> Double? {
        var index = 0
        let negative = start[0] == UInt8(ascii: "-")
        if negative { index += 1 }
        var mantissa: UInt64 = 0
        var digits = 0
        var exponent = 0
        var seenDot = false
        while index < count {
            let byte = start[index]
            if byte == UInt8(ascii: ".") {
                seenDot = true
            } else if byte &- UInt8(ascii: "0") < 10 {
                if mantissa != 0 || byte != UInt8(ascii: "0") { digits += 1 }
                guard digits <= 15 else { return nil }
                mantissa = mantissa &* 10 &+ UInt64(byte &- UInt8(ascii: "0"))
                if seenDot { exponent -= 1 }
            } else {
                break
            }
            index += 1
        }
        if index < count {
            // An exponent: `e`, an optional sign, digits.
            index += 1
            var exponentNegative = false
            if start[index] == UInt8(ascii: "-") || start[index] == UInt8(ascii: "+") {
                exponentNegative = start[index] == UInt8(ascii: "-")
                index += 1
            }
            var written = 0
            while index < count {
                written = written * 10 + Int(start[index] &- UInt8(ascii: "0"))
                guard written < 1000 else { return nil }
                index += 1
            }
            exponent += exponentNegative ? -written : written
        }
        guard exponent >= -22, exponent <= 22 else { return nil }
        var value = Double(mantissa)
        if exponent < 0 {
            value /= powersOfTen[-exponent]
        } else if exponent > 0 {
            value *= powersOfTen[exponent]
        }
        return negative ? -value : value
    }

    /// Whether a number that read as zero is one (not a magnitude too small for the type),
    /// decided as Foundation's decoder decides it: the text is looked at 4 bytes at a time
    /// from the start, up to an `e`, and the last 1 to 3 bytes from the end backwards, so
    /// that an exponent's digits in those count (`0e3` is refused, as there).
    private static func isTrueZero(_ start: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        @inline(__always) func check(_ at: Int) -> Bool? {
            switch start[at] {
            case UInt8(ascii: "1")...UInt8(ascii: "9"): false
            case UInt8(ascii: "e"), UInt8(ascii: "E"): true
            default: nil
            }
        }
        var offset = 0
        while count - offset >= 4 {
            for i in 0..<4 {
                if let result = check(offset + i) { return result }
            }
            offset += 4
        }
        var i = count - 1
        while i >= offset {
            if let result = check(i) { return result }
            i -= 1
        }
        return true
    }

    private func unwrapDate<K: CodingKey>(_ index: Int, depth: Int, key: K?) throws -> Date {
        let token = tape.token(index)
        if token.kind == .null { throw valueNotFound(Date.self, depth: depth, key: key) }
        let text = try unwrapString(index, depth: depth, key: key)
        return try JSONCoding.decodeDate(text, codingPath: path(depth: depth, key: key))
    }

    private func unwrapData<K: CodingKey>(_ index: Int, depth: Int, key: K?) throws -> Data {
        let token = tape.token(index)
        if token.kind == .null { throw valueNotFound(Data.self, depth: depth, key: key) }
        guard token.kind == .string else { throw typeMismatch(String.self, index, depth: depth, key: key) }
        let text = try unwrapString(index, depth: depth, key: key)
        guard let data = Data(base64Encoded: text) else {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(
                    codingPath: path(depth: depth, key: key), debugDescription: "Encountered Data is not valid Base64.")
            )
        }
        return data
    }

    private func unwrapURL<K: CodingKey>(_ index: Int, depth: Int, key: K?) throws -> URL {
        let token = tape.token(index)
        if token.kind == .null { throw valueNotFound(URL.self, depth: depth, key: key) }
        let text = try unwrapString(index, depth: depth, key: key)
        guard let url = URL(string: text) else {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(codingPath: path(depth: depth, key: key), debugDescription: "Invalid URL string.")
            )
        }
        return url
    }

    private func unwrapDecimal<K: CodingKey>(_ index: Int, depth: Int, key: K?) throws -> Decimal {
        let token = tape.token(index)
        if token.kind == .null { throw valueNotFound(Decimal.self, depth: depth, key: key) }
        guard token.kind == .number else {
            throw DecodingError.typeMismatch(
                Decimal.self, DecodingError.Context(codingPath: path(depth: depth, key: key), debugDescription: ""))
        }
        try checkNumber(token, depth: depth, key: key)
        let text = String(
            decoding: UnsafeBufferPointer(start: tape.bytes + Int(token.start), count: Int(token.length)),
            as: UTF8.self)
        guard let decimal = Decimal(string: text, locale: nil), !decimal.isNaN else {
            throw notRepresentable("The number \(text) does not fit Decimal", depth: depth, key: key)
        }
        return decimal
    }

    /// The value at `index` as ``JSONValue``'s `init(from:)` reads it through Foundation's
    /// decoder, without trying each kind in turn: the same cases (an integral number that
    /// fits `Int64` as `.integer`, `-0` as `.number(-0.0)`), the first of duplicate keys,
    /// and, for a value that is none of them (a number no `Double` holds, a string that is
    /// not UTF-8, anywhere inside), the same error at the outermost value.
    func jsonValue<K: CodingKey>(_ index: Int, depth: Int, key: K?) throws -> JSONValue {
        guard let value = jsonValueIfValid(index) else {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(
                    codingPath: path(depth: depth, key: key), debugDescription: "The value is not valid JSON."))
        }
        return value
    }

    private func jsonValueIfValid(_ index: Int) -> JSONValue? {
        let token = tape.token(index)
        switch token.kind {
        case .null: return .null
        case .true: return .bool(true)
        case .false: return .bool(false)
        case .number:
            if let integer = try? unwrapInteger(index, as: Int64.self, depth: 0, key: JSONTapeDecoder.noKey) {
                if integer == 0, let number = try? unwrapDouble(index, depth: 0, key: JSONTapeDecoder.noKey),
                    number.sign == .minus
                {
                    return .number(number)
                }
                return .integer(integer)
            }
            return (try? unwrapDouble(index, depth: 0, key: JSONTapeDecoder.noKey)).map(JSONValue.number)
        case .string:
            return (try? tape.string(at: index)).map(JSONValue.string)
        case .array:
            var elements: [JSONValue] = []
            elements.reserveCapacity(Int(token.length))
            var element = index + 1
            let end = Int(token.next)
            while element < end {
                guard let value = jsonValueIfValid(element) else { return nil }
                elements.append(value)
                element = Int(tape.token(element).next)
            }
            return .array(elements)
        case .object:
            var members: [String: JSONValue] = [:]
            members.reserveCapacity(Int(token.length))
            var member = index + 1
            let end = Int(token.next)
            while member < end {
                guard let name = try? tape.string(at: member) else { return nil }
                // The first of duplicate keys, as JSONDecoder keeps; it never reads the others.
                if members[name] == nil {
                    guard let value = jsonValueIfValid(member + 1) else { return nil }
                    members[name] = value
                }
                member = Int(tape.token(member + 1).next)
            }
            return .object(members)
        }
    }
}

// MARK: - Containers

struct JSONTapeKeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let decoder: JSONTapeDecoder
    let object: Int
    let depth: Int

    var codingPath: [any CodingKey] { decoder.path(depth: depth, key: JSONTapeDecoder.noKey) }

    var allKeys: [Key] {
        let tape = decoder.tape
        let end = Int(tape.token(object).next)
        var keys: [Key] = []
        keys.reserveCapacity(Int(tape.token(object).length))
        // JSONDecoder lists each key once; only an object with duplicate keys needs the set.
        var seen: Set<String>? = tape.mayHaveDuplicates(object) ? [] : nil
        var member = object + 1
        while member < end {
            if let name = try? tape.string(at: member), seen?.insert(name).inserted ?? true,
                let key = Key(stringValue: name)
            {
                keys.append(key)
            }
            member = Int(tape.token(member + 1).next)
        }
        return keys
    }

    @inline(__always)
    private func find(_ key: Key) -> Int? {
        var name = key.stringValue
        return name.withUTF8 { decoder.tape.lookup(object: object, key: $0) }
    }

    private func value(_ key: Key) throws -> Int {
        guard let index = find(key) else {
            throw DecodingError.keyNotFound(
                key,
                DecodingError.Context(
                    codingPath: codingPath,
                    debugDescription: "No value associated with key \(key) (\"\(key.stringValue)\")."))
        }
        return index
    }

    /// The value of `key`, or nil when it is absent or null.
    @inline(__always)
    private func present(_ key: Key) -> Int? {
        guard let index = find(key), decoder.tape.token(index).kind != .null else { return nil }
        return index
    }

    func contains(_ key: Key) -> Bool { find(key) != nil }

    func decodeNil(forKey key: Key) throws -> Bool {
        decoder.tape.token(try value(key)).kind == .null
    }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool {
        try decoder.unwrapBool(try value(key), depth: depth, key: key)
    }

    func decode(_ type: String.Type, forKey key: Key) throws -> String {
        try decoder.unwrapString(try value(key), depth: depth, key: key)
    }

    func decode(_ type: Double.Type, forKey key: Key) throws -> Double {
        try decoder.unwrapDouble(try value(key), depth: depth, key: key)
    }

    func decode(_ type: Float.Type, forKey key: Key) throws -> Float {
        try decoder.unwrapFloat(try value(key), depth: depth, key: key)
    }

    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try integer(key) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try integer(key) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try integer(key) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try integer(key) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try integer(key) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try integer(key) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try integer(key) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try integer(key) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try integer(key) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try integer(key) }

    @inline(__always)
    private func integer<T: FixedWidthInteger>(_ key: Key) throws -> T {
        try decoder.unwrapInteger(try value(key), as: T.self, depth: depth, key: key)
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try decoder.unwrap(try value(key), as: type, depth: depth, key: key)
    }

    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? {
        guard let index = present(key) else { return nil }
        return try decoder.unwrapBool(index, depth: depth, key: key)
    }

    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? {
        guard let index = present(key) else { return nil }
        return try decoder.unwrapString(index, depth: depth, key: key)
    }

    func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? {
        guard let index = present(key) else { return nil }
        return try decoder.unwrapDouble(index, depth: depth, key: key)
    }

    func decodeIfPresent(_ type: Float.Type, forKey key: Key) throws -> Float? {
        guard let index = present(key) else { return nil }
        return try decoder.unwrapFloat(index, depth: depth, key: key)
    }

    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { try integerIfPresent(key) }
    func decodeIfPresent(_ type: Int8.Type, forKey key: Key) throws -> Int8? { try integerIfPresent(key) }
    func decodeIfPresent(_ type: Int16.Type, forKey key: Key) throws -> Int16? { try integerIfPresent(key) }
    func decodeIfPresent(_ type: Int32.Type, forKey key: Key) throws -> Int32? { try integerIfPresent(key) }
    func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? { try integerIfPresent(key) }
    func decodeIfPresent(_ type: UInt.Type, forKey key: Key) throws -> UInt? { try integerIfPresent(key) }
    func decodeIfPresent(_ type: UInt8.Type, forKey key: Key) throws -> UInt8? { try integerIfPresent(key) }
    func decodeIfPresent(_ type: UInt16.Type, forKey key: Key) throws -> UInt16? { try integerIfPresent(key) }
    func decodeIfPresent(_ type: UInt32.Type, forKey key: Key) throws -> UInt32? { try integerIfPresent(key) }
    func decodeIfPresent(_ type: UInt64.Type, forKey key: Key) throws -> UInt64? { try integerIfPresent(key) }

    @inline(__always)
    private func integerIfPresent<T: FixedWidthInteger>(_ key: Key) throws -> T? {
        guard let index = present(key) else { return nil }
        return try decoder.unwrapInteger(index, as: T.self, depth: depth, key: key)
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard let index = present(key) else { return nil }
        return try decoder.unwrap(index, as: type, depth: depth, key: key)
    }

    func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type, forKey key: Key
    ) throws -> KeyedDecodingContainer<NestedKey> {
        guard let index = find(key) else {
            throw DecodingError.keyNotFound(
                key,
                DecodingError.Context(
                    codingPath: codingPath,
                    debugDescription:
                        "Cannot get nested keyed container -- no value found for key \(key) (\"\(key.stringValue)\")"
                ))
        }
        return try nestedDecoder(index, key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        guard let index = find(key) else {
            throw DecodingError.keyNotFound(
                key,
                DecodingError.Context(
                    codingPath: codingPath,
                    debugDescription:
                        "Cannot get UnkeyedDecodingContainer -- no value found for key \(key) (\"\(key.stringValue)\")"
                ))
        }
        return try nestedDecoder(index, key).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder {
        let key = JSONSuperKey()
        var name = key.stringValue
        let index = name.withUTF8 { decoder.tape.lookup(object: object, key: $0) }
        return nestedDecoder(index, key)
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        nestedDecoder(find(key), key)
    }

    /// A decoder of its own for the value at `index` (a null one when nil), which may
    /// outlive this container's decoding.
    private func nestedDecoder(_ index: Int?, _ key: any CodingKey) -> JSONTapeDecoder {
        JSONTapeDecoder(
            tape: index == nil ? JSONTape.null() : decoder.tape, value: index ?? 0,
            codingPath: decoder.path(depth: depth, key: key))
    }
}

extension JSONTape {
    /// A document holding only `null`, for the decoder of an absent key's value.
    static func null() -> JSONTape { try! JSONTape.parse(Data("null".utf8))! }
}

struct JSONTapeUnkeyedContainer: UnkeyedDecodingContainer {
    // Three words, so that the `any UnkeyedDecodingContainer` holding it needs no box.
    let decoder: JSONTapeDecoder
    private let arrayIndex: UInt32
    private let containerDepth: UInt32
    /// The index of the next element's token.
    private var element: UInt32
    private var elementNumber: UInt32 = 0

    init(decoder: JSONTapeDecoder, array: Int, depth: Int) {
        self.decoder = decoder
        self.arrayIndex = UInt32(truncatingIfNeeded: array)
        self.containerDepth = UInt32(truncatingIfNeeded: depth)
        self.element = UInt32(truncatingIfNeeded: array + 1)
    }

    private var depth: Int { Int(containerDepth) }
    var currentIndex: Int { Int(elementNumber) }
    var count: Int? { Int(decoder.tape.token(Int(arrayIndex)).length) }

    var codingPath: [any CodingKey] { decoder.path(depth: depth, key: JSONTapeDecoder.noKey) }
    var isAtEnd: Bool { elementNumber >= decoder.tape.token(Int(arrayIndex)).length }

    private var key: JSONIndexKey { JSONIndexKey(index: currentIndex) }

    /// The next element's index, or the error `JSONDecoder` throws at the end.
    @inline(__always)
    private func next(_ type: Any.Type) throws -> Int {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(
                type,
                DecodingError.Context(
                    codingPath: decoder.path(depth: depth, key: key), debugDescription: "Unkeyed container is at end."))
        }
        return Int(element)
    }

    @inline(__always)
    private mutating func advance() {
        element = decoder.tape.token(Int(element)).next
        elementNumber += 1
    }

    mutating func decodeNil() throws -> Bool {
        let index = try next(Any?.self)
        guard decoder.tape.token(index).kind == .null else { return false }
        advance()
        return true
    }

    mutating func decode(_ type: Bool.Type) throws -> Bool {
        let result = try decoder.unwrapBool(try next(type), depth: depth, key: key)
        advance()
        return result
    }

    mutating func decode(_ type: String.Type) throws -> String {
        let result = try decoder.unwrapString(try next(type), depth: depth, key: key)
        advance()
        return result
    }

    mutating func decode(_ type: Double.Type) throws -> Double {
        let result = try decoder.unwrapDouble(try next(type), depth: depth, key: key)
        advance()
        return result
    }

    mutating func decode(_ type: Float.Type) throws -> Float {
        let result = try decoder.unwrapFloat(try next(type), depth: depth, key: key)
        advance()
        return result
    }

    mutating func decode(_ type: Int.Type) throws -> Int { try integer() }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try integer() }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try integer() }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try integer() }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try integer() }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try integer() }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try integer() }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try integer() }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try integer() }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try integer() }

    @inline(__always)
    private mutating func integer<T: FixedWidthInteger>() throws -> T {
        let result = try decoder.unwrapInteger(try next(T.self), as: T.self, depth: depth, key: key)
        advance()
        return result
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let result = try decoder.unwrap(try next(type), as: type, depth: depth, key: key)
        advance()
        return result
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type
    ) throws -> KeyedDecodingContainer<NestedKey> {
        let index = try next(KeyedDecodingContainer<NestedKey>.self)
        let container = try JSONTapeDecoder(
            tape: decoder.tape, value: index, codingPath: decoder.path(depth: depth, key: key)
        ).container(keyedBy: type)
        advance()
        return container
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let index = try next((any UnkeyedDecodingContainer).self)
        let container = try JSONTapeDecoder(
            tape: decoder.tape, value: index, codingPath: decoder.path(depth: depth, key: key)
        ).unkeyedContainer()
        advance()
        return container
    }

    mutating func superDecoder() throws -> any Decoder {
        let index = try next((any Decoder).self)
        let nested = JSONTapeDecoder(tape: decoder.tape, value: index, codingPath: decoder.path(depth: depth, key: key))
        advance()
        return nested
    }
}

struct JSONTapeSingleValueContainer: SingleValueDecodingContainer {
    let decoder: JSONTapeDecoder
    let value: Int
    let depth: Int

    var codingPath: [any CodingKey] { decoder.path(depth: depth, key: JSONTapeDecoder.noKey) }

    func decodeNil() -> Bool { decoder.tape.token(value).kind == .null }
    func decode(_ type: Bool.Type) throws -> Bool {
        try decoder.unwrapBool(value, depth: depth, key: JSONTapeDecoder.noKey)
    }
    func decode(_ type: String.Type) throws -> String {
        try decoder.unwrapString(value, depth: depth, key: JSONTapeDecoder.noKey)
    }
    func decode(_ type: Double.Type) throws -> Double {
        try decoder.unwrapDouble(value, depth: depth, key: JSONTapeDecoder.noKey)
    }
    func decode(_ type: Float.Type) throws -> Float {
        try decoder.unwrapFloat(value, depth: depth, key: JSONTapeDecoder.noKey)
    }
    func decode(_ type: Int.Type) throws -> Int { try integer() }
    func decode(_ type: Int8.Type) throws -> Int8 { try integer() }
    func decode(_ type: Int16.Type) throws -> Int16 { try integer() }
    func decode(_ type: Int32.Type) throws -> Int32 { try integer() }
    func decode(_ type: Int64.Type) throws -> Int64 { try integer() }
    func decode(_ type: UInt.Type) throws -> UInt { try integer() }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try integer() }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try integer() }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try integer() }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try integer() }

    @inline(__always)
    private func integer<T: FixedWidthInteger>() throws -> T {
        try decoder.unwrapInteger(value, as: T.self, depth: depth, key: JSONTapeDecoder.noKey)
    }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try decoder.unwrap(value, as: type, depth: depth, key: JSONTapeDecoder.noKey)
    }
}
