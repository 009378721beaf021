import CYAML

/// Where a large JSON document can be cut into pieces that libyaml reads at once, on
/// several threads (libyaml reads one event after another, and is most of the time a large
/// spec takes to parse). A cut is described here as between two halves; a piece between
/// two cuts is read as the second half of the first, closed as the first half of the
/// second.
///
/// The cut is the start of a line inside nested mappings only (the root counts), after a
/// `,` and before the next key. libyaml reads the first half as the bytes before the cut
/// followed by a `}` for each open mapping (a trailing comma is allowed in YAML's flow
/// collections), and the second half as `{"":` for each enclosing mapping and `{` for the
/// innermost, a line break, then the bytes from the cut. The two trees are joined along
/// their spines; the keys standing in for the enclosing ones are dropped.
///
/// Only text that is plain JSON up to the cut is cut: strings, numbers and the words
/// `true`, `false` and `null`, brackets, `,` and `:` where JSON has them, and spaces,
/// tabs and line feeds (`\r` only before `\n`). Where YAML and that JSON overlap, YAML
/// reads it as JSON does, so the cut falls where the structure is what this scanner saw.
/// The text after the first cut must be plain JSON too (checked on its own thread, while
/// the first piece is parsed, and before the trees are used), so no YAML feature (an
/// anchor, an alias, a merge key, a second document) can reach across a cut.
struct JSONHalves: DocumentCut {
    /// The first byte of the second half.
    let cut: Int
    /// The cut's line, 0-based.
    let line: Int
    /// Where the scanner stood at the cut, to check the second half from.
    let scanner: JSONScanner

    /// The mappings open at the cut.
    var depth: Int { scanner.depth }

    /// libyaml's line 1 is the cut's line (the opening is one line).
    var lineOffset: Int { line - 1 }

    /// What follows the first half for libyaml: a `}` for each open mapping.
    var closing: [UInt8] { Array(repeating: UInt8(ascii: "}"), count: depth) }

    /// What precedes the second half for libyaml: `{"":` for each enclosing mapping, `{`
    /// for the innermost, and a line break (so the cut's line is libyaml's line 1).
    var opening: [UInt8] {
        Array(repeating: Array(#"{"":"#.utf8), count: depth - 1).flatMap { $0 } + Array("{\n".utf8)
    }

    /// The cut nearest after `target` (a byte offset), or nil when the text is not plain
    /// JSON up to there, or no line there starts a key of a mapping in mappings at most
    /// ``DocumentPieces/maxCutDepth`` deep (nor any line after it).
    static func find(in bytes: UnsafeBufferPointer<UInt8>, near target: Int, maxDepth: Int) -> JSONHalves? {
        var scanner = JSONScanner(maxDepth: maxDepth)
        guard case .cut(let cut) = scanner.scan(bytes, from: textStart(bytes), cutAfter: target) else { return nil }
        return JSONHalves(cut: cut, line: scanner.lines, scanner: scanner)
    }

    /// Where the text starts: after a byte order mark, which libyaml reads as every JSON
    /// reader does.
    private static func textStart(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
    }

    /// Whether the first byte that is not whitespace (after a byte order mark) is `{`: a
    /// JSON document that may be cut (a YAML document almost never starts so).
    static func startsAsJSON(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = textStart(bytes)
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            case UInt8(ascii: "{"): return true
            default: return false
            }
        }
        return false
    }

    /// This cut and the first at or after each of `targets` (fewer when there is none after
    /// one), when the bytes from this cut to the end are plain JSON that closes the
    /// document (whitespace only after it); nil otherwise. The text is scanned once.
    func allCuts(in bytes: UnsafeBufferPointer<UInt8>, near targets: ArraySlice<Int>) -> [JSONHalves]? {
        var cuts = [self]
        for target in targets {
            let last = cuts[cuts.count - 1]
            var scanner = last.scanner
            switch scanner.scan(bytes, from: last.cut, cutAfter: max(target, last.cut + 1)) {
            case .cut(let cut): cuts.append(JSONHalves(cut: cut, line: scanner.lines, scanner: scanner))
            case .complete: return cuts
            // Not plain JSON, or no cut near the target: the rest is checked as one piece.
            case .rejected: return cuts[cuts.count - 1].restIsJSON(bytes) ? cuts : nil
            }
        }
        return cuts[cuts.count - 1].restIsJSON(bytes) ? cuts : nil
    }

    /// Whether the bytes from the cut to the end are plain JSON that closes the document
    /// (whitespace only after it).
    private func restIsJSON(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var scanner = self.scanner
        return scanner.scan(bytes, from: cut, cutAfter: nil) == .complete
    }

}

/// A reader of plain JSON's structure (see ``JSONHalves``): what it expects next, the open
/// collections, and the line feeds seen.
struct JSONScanner: Sendable, Equatable {
    enum Expectation: Sendable, Equatable {
        /// A value (the document's, or one after `:` or after `,` in a list).
        case value
        /// A value or `]`, after `[`.
        case valueOrEnd
        /// A key or `}`, after `{`.
        case keyOrEnd
        /// A key, after `,` in a mapping.
        case key
        /// `:` after a key.
        case colon
        /// `,` or the end of the open collection (or of the document), after a value.
        case commaOrEnd
        /// Nothing but whitespace: the document is closed.
        case nothing
    }

    enum Outcome: Equatable {
        /// A cut at this byte: the start of a line where a key is expected, in mappings only.
        case cut(Int)
        /// The document ended, closed, with whitespace only after it.
        case complete
        /// Not plain JSON, not closed, or too deep.
        case rejected
    }

    let maxDepth: Int
    private(set) var expectation = Expectation.value
    /// The open collections, outermost first: true for a mapping.
    private var open: [Bool] = []
    /// Open lists: a cut needs none.
    private var openLists = 0
    /// Line feeds seen.
    private(set) var lines = 0

    init(maxDepth: Int) { self.maxDepth = maxDepth }

    var depth: Int { open.count }

    /// How far after the target a cut is looked for.
    static let maxCutDistance = 1 << 20

    /// Reads `bytes` from `start`: stops at the first cut at or after `cutAfter` (when
    /// given), or at the end.
    mutating func scan(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, cutAfter: Int?) -> Outcome {
        guard let base = bytes.baseAddress else { return expectation == .nothing ? .complete : .rejected }
        let count = bytes.count
        let cutAfter = cutAfter ?? Int.max
        // Text without a cut long after the target (JSON on one line) is given up early.
        let cutLimit = cutAfter > count ? Int.max : cutAfter + Self.maxCutDistance
        // The state in locals while reading (written back on the way out).
        var expectation = self.expectation
        var lines = self.lines
        defer {
            self.expectation = expectation
            self.lines = lines
        }
        var index = start
        while index < count {
            let byte = base[index]
            index += 1
            switch byte {
            case 0x20, 0x09:
                // Indentation, eight spaces at a time.
                while index + 8 <= count
                    && UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self) == 0x2020_2020_2020_2020
                {
                    index += 8
                }
            case 0x0A:
                lines += 1
                if index >= cutAfter, index < count, expectation == .key, openLists == 0,
                    open.count <= DocumentPieces.maxCutDepth
                {
                    return .cut(index)
                }
            case 0x0D:
                // libyaml reads a lone `\r` as a line break: lines would be counted apart.
                guard index < count, base[index] == 0x0A else { return .rejected }
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                guard expectation == .value || expectation == .valueOrEnd, open.count < maxDepth else {
                    return .rejected
                }
                let isMapping = byte == UInt8(ascii: "{")
                open.append(isMapping)
                if !isMapping { openLists += 1 }
                expectation = isMapping ? .keyOrEnd : .valueOrEnd
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                let isMapping = byte == UInt8(ascii: "}")
                guard let top = open.last, top == isMapping,
                    expectation == .commaOrEnd || expectation == (isMapping ? .keyOrEnd : .valueOrEnd)
                else { return .rejected }
                open.removeLast()
                if !isMapping { openLists -= 1 }
                expectation = open.isEmpty ? .nothing : .commaOrEnd
            case UInt8(ascii: ","):
                guard expectation == .commaOrEnd, let top = open.last, index <= cutLimit else { return .rejected }
                expectation = top ? .key : .value
            case UInt8(ascii: ":"):
                guard expectation == .colon else { return .rejected }
                expectation = .value
            case UInt8(ascii: "\""):
                let isKey = expectation == .key || expectation == .keyOrEnd
                guard isKey || expectation == .value || expectation == .valueOrEnd else { return .rejected }
                guard let end = Self.stringEnd(base, count: count, from: index, lines: &lines) else {
                    return .rejected
                }
                index = end
                expectation = isKey ? .colon : .commaOrEnd
            default:
                // A number or `true`, `false`, `null`: a run of these letters, digits and signs.
                guard expectation == .value || expectation == .valueOrEnd, Self.isWordByte(byte) else {
                    return .rejected
                }
                while index < count && Self.isWordByte(base[index]) { index += 1 }
                expectation = open.isEmpty ? .nothing : .commaOrEnd
            }
        }
        return expectation == .nothing ? .complete : .rejected
    }

    /// The index after the `"` that closes the string whose text starts at `start`
    /// (counting its line feeds into `lines`); nil when it is not closed, or holds a line
    /// break libyaml counts differently (a lone `\r`, U+0085, U+2028, U+2029).
    private static func stringEnd(
        _ base: UnsafePointer<UInt8>, count: Int, from start: Int, lines: inout Int
    ) -> Int? {
        var index = start
        var escaped = false
        while index < count {
            // Eight bytes at a time while none needs a look: no `"`, `\`, control byte
            // (line breaks among them) or non-ASCII byte (U+0085, U+2028, U+2029 among them).
            if !escaped {
                while index + 8 <= count {
                    let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                    if Self.needsALook(word) { break }
                    index += 8
                }
                if index >= count { break }
            }
            let byte = base[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                if !escaped { return index }
            case UInt8(ascii: "\\"):
                escaped = !escaped
                continue
            case 0x0A:
                lines += 1
            case 0x0D:
                guard index < count, base[index] == 0x0A else { return nil }
            case 0xC2:
                if index < count && base[index] == 0x85 { return nil }
            case 0xE2:
                if index + 1 < count && base[index] == 0x80 && (base[index + 1] == 0xA8 || base[index + 1] == 0xA9) {
                    return nil
                }
            default:
                break
            }
            escaped = false
        }
        return nil
    }

    /// Whether any of the eight bytes of `word` is `"`, `\`, below 0x20 or above 0x7F.
    @inline(__always)
    private static func needsALook(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        func hasZeroByte(_ value: UInt64) -> Bool { (value &- ones) & ~value & highs != 0 }
        let below0x20 = (word &- ones &* 0x20) & ~word & highs != 0
        return word & highs != 0 || below0x20 || hasZeroByte(word ^ (ones &* 0x22))
            || hasZeroByte(word ^ (ones &* 0x5C))
    }

    /// Letters, digits, `+`, `-` and `.`.
    private static func isWordByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."):
            return true
        default:
            return false
        }
    }
}
