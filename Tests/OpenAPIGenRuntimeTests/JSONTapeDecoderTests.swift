import Foundation
import OpenAPIGenRuntime
import XCTest

/// Differential tests: every document is decoded with Foundation's `JSONDecoder` as
/// `JSONCoding.makeDecoder()` sets it up and with `JSONCoding.decode(_:from:)`, into the same
/// types; the two must give equal values, or errors of the same case at the same coding path.
final class JSONTapeDecoderTests: XCTestCase {
    // MARK: Types shaped like generated models

    enum Kind: String, Codable, Equatable { case card, bank }
    enum Level: Int, Codable, Equatable {
        case low = 1
        case high = 2
    }

    struct Nested: Codable, Equatable {
        var id: Int
        var name: String?
    }

    struct Sample: Codable, Equatable {
        var string: String
        var int: Int
        var int8: Int8?
        var int16: Int16?
        var int32: Int32?
        var int64: Int64?
        var uint: UInt?
        var uint8: UInt8?
        var uint16: UInt16?
        var uint32: UInt32?
        var uint64: UInt64?
        var double: Double?
        var float: Float?
        var bool: Bool?
        var date: Date?
        var data: Data?
        var url: URL?
        var decimal: Decimal?
        var kind: Kind?
        var level: Level?
        var nested: Nested?
        var list: [Nested]?
        var map: [String: Int]?
        var matrix: [[Int]]?
        var any: JSONValue?
        var optionals: [String?]?
        var anyMap: [String: JSONValue]?
    }

    struct Required: Codable, Equatable {
        var bool: Bool
        var double: Double
        var float: Float
        var uint64: UInt64
        var date: Date
        var data: Data
        var url: URL
        var decimal: Decimal
        var nested: Nested
        var list: [Int]
    }

    /// Exercises the rest of the `Decoder` API: nested containers, `superDecoder`,
    /// `allKeys`, `contains`, `decodeNil` and the unkeyed container's bookkeeping.
    struct Manual: Decodable, Equatable {
        var keys: [String]
        var hasA: Bool
        var aIsNil: Bool
        var inner: Int
        var elements: [String]
        var superValue: String
        var count: Int?
        var atEnd: [String]

        enum Keys: String, CodingKey { case a, b, c, d, inner, list, `super`, missing }
        enum InnerKeys: String, CodingKey { case x }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: Keys.self)
            keys = container.allKeys.map(\.stringValue).sorted()
            hasA = container.contains(.a)
            aIsNil = try container.decodeNil(forKey: .a)
            let inner = try container.nestedContainer(keyedBy: InnerKeys.self, forKey: .inner)
            self.inner = try inner.decode(Int.self, forKey: .x)
            var list = try container.nestedUnkeyedContainer(forKey: .list)
            count = list.count
            var elements: [String] = []
            while !list.isAtEnd {
                if try list.decodeNil() {
                    elements.append("nil")
                } else if let number = try? list.decode(Int.self) {
                    elements.append("int \(number)")
                } else {
                    var nested = try list.nestedUnkeyedContainer()
                    elements.append("nested \(try nested.decode(String.self))")
                }
            }
            do {
                _ = try list.decode(String.self)
                atEnd = []
            } catch DecodingError.valueNotFound(_, let context) {
                atEnd = context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }
            }
            self.elements = elements
            superValue = try String(from: try container.superDecoder())
        }
    }

    // MARK: The differential check

    private struct Shape: Equatable, CustomStringConvertible {
        var kind: String
        var path: [String]
        var detail: String
        var description: String { "\(kind)(\(detail)) at \(path)" }
    }

    private func shape(_ error: any Error) -> Shape {
        func path(_ keys: [any CodingKey]) -> [String] {
            keys.map { key in key.intValue.map { "[\($0)]" } ?? key.stringValue }
        }
        switch error as? DecodingError {
        case .typeMismatch(let type, let context)?:
            return Shape(kind: "typeMismatch", path: path(context.codingPath), detail: "\(type)")
        case .valueNotFound(let type, let context)?:
            return Shape(kind: "valueNotFound", path: path(context.codingPath), detail: "\(type)")
        case .keyNotFound(let key, let context)?:
            return Shape(kind: "keyNotFound", path: path(context.codingPath), detail: key.stringValue)
        case .dataCorrupted(let context)?:
            return Shape(kind: "dataCorrupted", path: path(context.codingPath), detail: "")
        default:
            return Shape(kind: "other", path: [], detail: "\(type(of: error))")
        }
    }

    @discardableResult
    private func check<T: Decodable>(
        _ type: T.Type, _ data: Data, same: (T, T) -> Bool, file: StaticString = #filePath, line: UInt = #line
    ) -> Result<T, any Error> {
        let expected = Result { try JSONCoding.makeDecoder().decode(type, from: data) }
        let actual = Result { try JSONCoding.decode(type, from: data) }
        let text = String(decoding: data.prefix(200), as: UTF8.self)
        switch (expected, actual) {
        case (.success(let left), .success(let right)):
            XCTAssertTrue(same(left, right), "\(T.self) from \(text): \(left) != \(right)", file: file, line: line)
        case (.failure(let left), .failure(let right)):
            XCTAssertEqual(shape(left), shape(right), "\(T.self) from \(text)", file: file, line: line)
        case (.success(let left), .failure(let right)):
            XCTFail(
                "\(T.self) from \(text): JSONDecoder gave \(left), the tape decoder threw \(right)", file: file,
                line: line)
        case (.failure(let left), .success(let right)):
            XCTFail(
                "\(T.self) from \(text): JSONDecoder threw \(left), the tape decoder gave \(right)", file: file,
                line: line)
        }
        return actual
    }

    @discardableResult
    private func check<T: Decodable & Equatable>(
        _ type: T.Type, _ text: String, file: StaticString = #filePath, line: UInt = #line
    ) -> Result<T, any Error> {
        check(type, Data(text.utf8), same: ==, file: file, line: line)
    }

    /// Equal, and also the same case and sign for every number (`==` takes `.integer(0)`
    /// and `.number(-0.0)` as equal).
    private static func identical(_ left: JSONValue, _ right: JSONValue) -> Bool {
        switch (left, right) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.integer(let a), .integer(let b)): return a == b
        case (.number(let a), .number(let b)): return a.bitPattern == b.bitPattern
        case (.string(let a), .string(let b)): return a == b
        case (.array(let a), .array(let b)): return a.count == b.count && zip(a, b).allSatisfy(identical)
        case (.object(let a), .object(let b)):
            return a.count == b.count && a.allSatisfy { key, value in b[key].map { identical(value, $0) } ?? false }
        default: return false
        }
    }

    private func checkJSON(_ data: Data, file: StaticString = #filePath, line: UInt = #line) {
        check(JSONValue.self, data, same: Self.identical, file: file, line: line)
        check(
            [String: JSONValue].self, data, same: { $0.count == $1.count && Self.identical(.object($0), .object($1)) })
        check([JSONValue].self, data, same: { Self.identical(.array($0), .array($1)) })
    }

    private func checkJSON(_ text: String, file: StaticString = #filePath, line: UInt = #line) {
        checkJSON(Data(text.utf8), file: file, line: line)
    }

    // MARK: Tests

    func testScalarsAndNumbersAsJSONValue() throws {
        let documents = [
            "null", "true", "false", "0", "-0", "-0.0", "0.0", "2", "2.0", "2e0", "1E2", "1e+2", "2.5", "-2.5",
            "0.1", "1e400", "-1e400", "1e-400", "0e10", "0.000e-5", "9223372036854775807", "9223372036854775808",
            "-9223372036854775808", "-9223372036854775809", "18446744073709551615", "18446744073709551616",
            "123456789012345678901234567890", "1.0000000000000001", "9007199254740993", "9007199254740993.5",
            "1.5e300", "4.9e-324", #""text""#, #""""#, #""\u00e9\ud83d\ude00 é 😀""#,
            #""a\"b\\c\/d\b\f\n\r\t""#, #""\u0000""#, #""\ud83d""#, #""\ude00""#, #""\ud83dx""#,
            #""\ud83d\u0041""#, "[]", "{}", #"{"a":1,"a":2}"#, #"{"a":1,"a":1e999}"#, #"[1,"a",null,[],{}]"#,
            #"{"k\u0065y":1,"key":2}"#, " \n\t\r[ 1 , 2 ]\n ",
        ]
        for document in documents { checkJSON(document) }
    }

    func testInvalidJSONIsDataCorrupted() {
        let documents = [
            "", " ", "[,]", "[,1]", "[1,,2]", "{,}", #"{"a":1,,"b":2}"#, "[1x]", "[+1]", "[.5]", "[0x10]", "tru", "nul",
            "nulll", "truex", "[tru]", "[truex]", "[nulll]", #""unterminated"#, #"["a\"]"#, "[1] x", "[1]]", "NaN",
            "Infinity", "[NaN]", "[-Infinity]", "[", "{", #"{"a"}"#, #"{"a":}"#, #"{1:2}"#, "[1 2]",
            #"{"a":1 "b":2}"#, "'a'",
        ]
        for document in documents {
            checkJSON(document)
            if case .failure(let error) = check(Sample.self, document) {
                XCTAssertEqual(shape(error).kind, "dataCorrupted", document)
            } else {
                XCTFail("\(document) decoded")
            }
        }
    }

    /// What Foundation's parser lets through and its decoder rejects only when the value is
    /// read (a trailing comma is even accepted): the same here.
    func testLeniencyAsFoundation() {
        let documents = [
            "[1,]", "[1, ]", "[1,2,]", #"{"a":1,}"#, #"{"a":1 ,}"#, "01", "-", "1.", "1e", "1e+", "-01", "1.e5",
            "[01]", "[-]", "[1.]", "[1e]", "[1-2]", "[1e5e5]", "[--1]", "[1E]", "\"ctrl\u{01}\"", #""\x""#,
            #""\u12G4""#, #""\u12""#, #"["\x"]"#, #"["\u12G4"]"#, #"{"\x":1}"#, #"{"a\u0001":1}"#,
            #"{"string":"a\q","int":1}"#, #""\u12"abc""#, #""\u12"#, #"["\u12"]"#,
            #"["\u12\"]"#, #""\u""#, #""\""#,
        ]
        for document in documents {
            checkJSON(document)
            check(Sample.self, document)
            check([Int].self, document)
            check([String].self, document)
            check([String: Int].self, document)
            check(Double.self, document)
            check(Decimal.self, document)
        }
        // Several values a dictionary cannot hold: JSONDecoder reports the first in its hash
        // order, which changes from run to run, so these are checked as structs only.
        for document in [
            #"{"string":"a","int":1,"x":01,"y":"\q","z":[1,]}"#,
            #"{"string":"a","int":1,"nested":{"id":1,"\q":2}}"#, #"{"string":"a","int":1e}"#,
        ] {
            check(Sample.self, document)
            check(JSONValue.self, Data(document.utf8), same: Self.identical)
        }
    }

    /// Numbers in many spellings (a fixed pseudo-random sequence) read as Double, Float,
    /// Int and Int64 alike: the shortcut for short decimals gives the same Double as strtod.
    func testNumbersInManySpellings() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: UInt64) -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return (state >> 33) % bound
        }
        var numbers: [String] = []
        for _ in 0..<20_000 {
            var text = next(4) == 0 ? "-" : ""
            let integerDigits = Int(next(20))
            text += integerDigits == 0 ? "0" : String(next(9) + 1)
            for _ in 0..<max(0, integerDigits - 1) { text += String(next(10)) }
            if next(2) == 0 {
                text += "."
                for _ in 0..<Int(next(20)) + 1 { text += String(next(10)) }
            }
            if next(3) == 0 {
                text += ["e", "E", "e-", "e+", "E-"][Int(next(5))] + String(next(40))
            }
            numbers.append(text)
        }
        numbers += ["1e22", "1e23", "9007199254740993", "0.1e-22", "123456789012345e-22", "1234567890123456e-22"]
        let document = "[" + numbers.joined(separator: ",") + "]"
        check([Double].self, Data(document.utf8), same: { $0.map(\.bitPattern) == $1.map(\.bitPattern) })
        for number in numbers.prefix(3_000) {
            check(Double.self, Data(number.utf8), same: { $0.bitPattern == $1.bitPattern })
            check(Float.self, Data(number.utf8), same: { $0.bitPattern == $1.bitPattern })
            check(Int.self, number)
            check(Int64.self, number)
            check(UInt8.self, number)
            check(JSONValue.self, Data(number.utf8), same: Self.identical)
        }
    }

    func testInvalidUTF8() {
        for bytes: [UInt8] in [
            [0x22, 0xFF, 0x22], [0x22, 0xC3, 0x22], [0x22, 0xED, 0xA0, 0x80, 0x22], [0x22, 0xE0, 0x80, 0x80, 0x22],
            [0x5B, 0x22, 0x61, 0x22, 0x2C, 0x22, 0xF8, 0x22, 0x5D],
        ] {
            check(JSONValue.self, Data(bytes), same: Self.identical)
            check([String].self, Data(bytes), same: ==)
            check(String.self, Data(bytes), same: ==)
        }
        // An object key that is not UTF-8, the value never asked for.
        let key = Data([0x7B, 0x22, 0xFF, 0x22, 0x3A, 0x31, 0x2C, 0x22, 0x61, 0x22, 0x3A, 0x32, 0x7D])
        check([String: Int].self, key, same: ==)
    }

    func testEncodingsAndByteOrderMarks() {
        check([Int].self, Data([0xEF, 0xBB, 0xBF] + Array("[1,2]".utf8)), same: ==)
        check([String].self, "[\"é\"]".data(using: .utf16LittleEndian)!, same: ==)
        check([String].self, "[\"é\"]".data(using: .utf16BigEndian)!, same: ==)
        check([String].self, "[\"é\"]".data(using: .utf16)!, same: ==)
    }

    func testDeepNesting() {
        for depth in [10, 512, 513, 2_000] {
            checkJSON(String(repeating: "[", count: depth) + String(repeating: "]", count: depth))
            checkJSON(String(repeating: #"{"a":"#, count: depth) + "1" + String(repeating: "}", count: depth))
        }
        // Unbalanced hostile input: no stack overflow, an error.
        checkJSON(String(repeating: "[", count: 20_000))
    }

    func testTypedModels() {
        let full = #"""
            {"string":"s","int":-7,"int8":-128,"int16":32767,"int32":-5,"int64":9223372036854775807,
             "uint":5,"uint8":255,"uint16":65535,"uint32":4294967295,"uint64":18446744073709551615,
             "double":1.5e10,"float":0.25,"bool":true,"date":"2026-11-26T06:00:00.123Z",
             "data":"aGVsbG8=","url":"https://example.com/a?b=c","decimal":"x","kind":"bank","level":2,
             "nested":{"id":1,"name":null},"list":[{"id":2},{"id":3,"name":"n"}],"map":{"a":1,"b":2},
             "matrix":[[1],[],[2,3]],"any":{"x":[1,2.5,"s",null,true,{}]},"optionals":["a",null,"b"],
             "anyMap":{"k":-0,"l":[]},"unknown":{"deep":[1,2,3]}}
            """#
        check(Sample.self, full.replacingOccurrences(of: #""decimal":"x","#, with: #""decimal":1.25,"#))
        let cases: [(String, String)] = [
            ("decimal", #""x""#), ("decimal", "null"), ("decimal", "1e2"), ("decimal", "-0.5"),
            ("int8", "128"), ("int8", "-129"), ("uint8", "-1"), ("uint8", "256"), ("uint", "-0"), ("int16", "2.0"),
            ("int32", "2.5"), ("int32", "1e2"), ("int32", "1e-2"), ("int64", "9223372036854775808"),
            ("int64", "-9223372036854775808"), ("int64", "9223372036854775807.0"), ("uint64", "1.8446744073709552e19"),
            ("int64", "1e18"), ("int64", "9007199254740993.5"), ("int32", "\"1\""), ("int32", "true"),
            ("int32", "[]"), ("double", "1e400"), ("double", "1e-400"), ("double", "\"1\""), ("double", "-0"),
            ("double", "123456789012345678"), ("float", "1e39"), ("float", "3.4028235e38"), ("float", "1e-50"),
            ("float", "0.1"), ("bool", "1"), ("bool", "\"true\""), ("date", "\"yesterday\""), ("date", "12"),
            ("date", "\"2026-02-30T00:00:00Z\""), ("date", "\"2026-01-01T00:00:00+05:30\""), ("data", "\"***\""),
            ("data", "5"), ("data", "\"\""), ("url", "\"\""), ("url", "\"a b\""), ("url", "7"), ("kind", "\"cash\""),
            ("kind", "1"), ("level", "3"), ("level", "\"1\""), ("nested", "[]"), ("nested", #"{"name":"x"}"#),
            ("nested", #"{"id":null}"#), ("nested", #"{"id":"1"}"#), ("list", #"[{"id":1},{"id":2},{"id":"3"}]"#),
            ("list", #"[{"id":1},null]"#), ("list", "{}"), ("map", #"{"a":1,"b":"2"}"#), ("map", #"{"a":1,"a":"x"}"#),
            ("map", "[]"), ("matrix", "[[1],[2,\"x\"]]"), ("matrix", "[[1],null]"), ("any", "1e999"),
            ("any", #"{"a":[1,1e999]}"#), ("optionals", "[null,1]"), ("anyMap", #"{"a":"\ud800"}"#),
            ("string", "null"), ("string", "1"), ("int", "null"),
        ]
        for (key, value) in cases {
            let document =
                full
                .replacingOccurrences(of: #""decimal":"x","#, with: #""decimal":1,"#)
                .replacingOccurrences(of: #""\#(key)":"#, with: #""\#(key)":\#(value),"ignored\#(key)":"#)
            check(Sample.self, document)
        }
        check(Sample.self, #"{"int":1}"#)
        check(Sample.self, #"{"string":"a","int":1,"nested":null,"list":null}"#)
        check(Sample.self, #"{"string":"a","int":1,"string":2}"#)
        check(Sample.self, #"{"int":1,"string":"a","string":2}"#)
        check([Sample].self, #"[{"string":"a","int":1},{"string":"b"}]"#)
        check([Sample?].self, #"[{"string":"a","int":1},null]"#)
        check([String: Sample].self, #"{"x":{"string":"a","int":1},"y":{"string":"b","int":null}}"#)
        let required = #"""
            {"bool":false,"double":-0.0,"float":1,"uint64":0,"date":"2020-01-01T00:00:00Z","data":"",
             "url":"/relative","decimal":3.14159,"nested":{"id":0},"list":[1,2]}
            """#
        check(Required.self, required)
        for key in ["bool", "double", "float", "uint64", "date", "data", "url", "decimal", "nested", "list"] {
            check(Required.self, required.replacingOccurrences(of: #""\#(key)":"#, with: #""\#(key)":null,"x":"#))
            check(Required.self, required.replacingOccurrences(of: #""\#(key)":"#, with: #""x\#(key)":"#))
        }
        check(Date.self, #""2026-11-26T06:00:00Z""#)
        check(Date.self, #""nope""#)
        check(Data.self, #""aGk=""#)
        check(URL.self, #""https://example.com""#)
        check(Decimal.self, "12.5")
        check(Kind.self, #""card""#)
        check([Int?].self, "[1,null,3]")
        for document in ["[1,2]", "[1,\"2\"]", "[1,null]", "null", "{}", "[]", "[1.5]", "[\"a\",1]", "[true]"] {
            check([Int].self, document)
            check([Int64].self, document)
            check([Double].self, document)
            check([String].self, document)
            check([[Int]].self, "[" + document + "]")
            check([String: [String]].self, #"{"k":"# + document + "}")
        }
        check([[String: [Int]]].self, #"[{"a":[1]},{"b":[2,"c"]}]"#)
    }

    func testTheRestOfTheDecoderAPI() {
        check(Manual.self, #"{"a":null,"b":1,"inner":{"x":5},"list":[null,4,["s"],null],"super":"sup"}"#)
        check(Manual.self, #"{"a":1,"inner":{"x":5},"list":[],"super":"s"}"#)
        check(Manual.self, #"{"inner":{"x":5},"list":[],"super":"s"}"#)
        check(Manual.self, #"{"a":1,"inner":{"y":5},"list":[],"super":"s"}"#)
        check(Manual.self, #"{"a":1,"inner":[],"list":[],"super":"s"}"#)
        check(Manual.self, #"{"a":1,"inner":{"x":5},"list":[[1]],"super":"s"}"#)
        check(Manual.self, #"{"a":1,"inner":{"x":5},"list":{},"super":"s"}"#)
        check(Manual.self, #"{"a":1,"inner":{"x":5},"list":[]}"#)
        check(Manual.self, #"{"a":1,"b":2,"c":3,"zzz":4,"inner":{"x":5},"list":[],"super":"s"}"#)
    }

    func testOneOfAndAnyOfEnums() {
        checkJSON(#"{"oneOf":[1,"a",{"b":[true]}]}"#)
        check([Choice].self, #"[1,"a",{"id":4},{"id":"x"},[1],null]"#)
        check([Choice].self, #"[1,"a",{"id":4}]"#)
    }

    enum Choice: Codable, Equatable {
        case number(Int)
        case text(String)
        case nested(Nested)

        init(from decoder: any Decoder) throws {
            var errors: [any Error] = []
            if let value = decoder.decodeAlternative(Int.self, errors: &errors) {
                self = .number(value)
            } else if let value = decoder.decodeAlternative(String.self, errors: &errors) {
                self = .text(value)
            } else if let value = decoder.decodeAlternative(Nested.self, errors: &errors) {
                self = .nested(value)
            } else {
                throw decoder.noAlternativeMatched(Choice.self, errors: errors)
            }
        }

        func encode(to encoder: any Encoder) throws {}
    }

    /// Every JSON file of the repository (fixtures, snippets, examples), and the corpus's
    /// JSON specs when the corpus is next to the repository, decode alike as JSON values.
    func testRepositoryAndCorpusJSONFiles() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        var files: [URL] = []
        for folder in ["Tests", "Examples", "Conformance", "spec", "Generated", "../shared/corpus"] {
            let base = root.appendingPathComponent(folder)
            guard let enumerator = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil) else {
                continue
            }
            for case let file as URL in enumerator where file.pathExtension == "json" { files.append(file) }
        }
        XCTAssertFalse(files.isEmpty)
        for file in files {
            let data = try Data(contentsOf: file)
            check(JSONValue.self, data, same: Self.identical)
        }
    }
}
