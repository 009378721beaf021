#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where a large block-style YAML document can be cut (see ``DocumentCut``): the start of a
/// line that begins a plain or quoted key of a block mapping at the indentation of an
/// earlier key of that mapping, with only block mappings around it (no sequence open), each
/// entered from a key with nothing after its colon. The piece after the cut is read after a
/// stand-in key (`"":`) for each enclosing mapping, each on a line of its own at that
/// mapping's indentation; the piece before it needs nothing after it (block collections
/// close where the text ends).
///
/// Only a document that reads the same in pieces is cut: the scanner follows block
/// mappings and sequences, plain scalars (over several lines too), quoted and block
/// scalars, flow collections and comments, and gives up (no cuts at all) on anything whose
/// meaning could reach across a cut or that it does not follow: anchors, aliases and tags,
/// complex keys, directives and document markers (but a `---` first), nested sequence
/// entries on one line (`- - a`), tabs in indentation, and line breaks other than `\n` and
/// `\r\n`. Where it is unsure it does not cut; a piece libyaml rejects makes the caller
/// read the whole, which reports what it finds as usual.
struct YAMLBlockCut: DocumentCut {
    let cut: Int
    /// The cut's line, 0-based.
    let line: Int
    /// The indentation of each open mapping, the root's first and the cut line's last.
    let indents: [Int]

    var depth: Int { indents.count }

    /// A stand-in key for each enclosing mapping, on a line of its own at its indentation.
    var opening: [UInt8] {
        indents.dropLast().flatMap { indent in
            Array(repeating: UInt8(ascii: " "), count: indent) + Array("\"\":\n".utf8)
        }
    }

    /// Nothing: block collections close where the text ends.
    var closing: [UInt8] { [] }

    /// The opening takes a line for each enclosing mapping.
    var lineOffset: Int { line - (indents.count - 1) }

    /// The first cut at or after each of `targets` (byte offsets, in increasing order;
    /// fewer when there is none after one); nil when the document cannot be read in pieces
    /// (see the type). The text is read once, to its end: a document that uses what is not
    /// followed (an anchor near its end) is found out before any piece is read.
    static func cuts(in bytes: UnsafeBufferPointer<UInt8>, near targets: [Int], maxDepth: Int) -> [YAMLBlockCut]? {
        var scanner = BlockScanner(bytes: bytes, targets: targets, maxDepth: maxDepth)
        return scanner.run() ? scanner.cuts : nil
    }
}

/// The line-by-line reader behind ``YAMLBlockCut``.
private struct BlockScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    let targets: [Int]
    let maxDepth: Int
    private(set) var cuts: [YAMLBlockCut] = []

    /// An open block collection: its indentation, and whether it is a mapping.
    private struct Frame {
        var indent: Int
        var isMapping: Bool
    }

    private var frames: [Frame] = []
    /// Open sequences among `frames`: a cut needs none.
    private var openSequences = 0
    /// A key (or sequence entry) at this indentation had nothing after it: the next line
    /// further in holds its value.
    private var pendingValue: Int?
    /// A scalar (plain over several lines, or a block scalar) goes on in the lines
    /// indented further than this.
    private var scalarIndent: Int?
    /// A quoted scalar left open at the end of a line (its quote), or flow collections.
    private var openQuote: UInt8?
    private var flowDepth = 0
    private var sawContent = false
    private var line = 0

    init(bytes: UnsafeBufferPointer<UInt8>, targets: [Int], maxDepth: Int) {
        self.bytes = bytes
        self.targets = targets
        self.maxDepth = maxDepth
    }

    private static let space = UInt8(ascii: " ")
    private static let hash = UInt8(ascii: "#")
    private static let colon = UInt8(ascii: ":")
    private static let dash = UInt8(ascii: "-")
    private static let doubleQuote = UInt8(ascii: "\"")
    private static let singleQuote = UInt8(ascii: "'")
    private static let backslash = UInt8(ascii: "\\")

    /// Reads the whole text; false when it cannot be read in pieces.
    mutating func run() -> Bool {
        guard let base = bytes.baseAddress, !Self.hasOtherLineBreaks(bytes) else { return false }
        let count = bytes.count
        var start = count >= 3 && base[0] == 0xEF && base[1] == 0xBB && base[2] == 0xBF ? 3 : 0
        while start < count {
            let end =
                memchr(base + start, 0x0A, count - start).map {
                    base.distance(to: $0.assumingMemoryBound(to: UInt8.self))
                } ?? count
            // The line without its break (`\r\n` counts as one; a lone `\r` is rejected above).
            let contentEnd = end > start && base[end - 1] == 0x0D ? end - 1 : end
            guard readLine(base, from: start, to: contentEnd) else { return false }
            if end < count { line += 1 }
            start = end + 1
        }
        return openQuote == nil && flowDepth == 0
    }

    /// Whether the text has a line break libyaml counts that this scanner does not: a
    /// lone `\r`, U+0085, U+2028 or U+2029 (each byte that may start one found with
    /// `memchr`, which reads many bytes at a time).
    private static func hasOtherLineBreaks(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        let count = bytes.count
        func occurrences(of byte: UInt8, _ isBreak: (Int) -> Bool) -> Bool {
            var index = 0
            while index < count, let found = memchr(base + index, Int32(byte), count - index) {
                let position = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                if isBreak(position) { return true }
                index = position + 1
            }
            return false
        }
        return occurrences(of: 0x0D) { $0 + 1 >= count || base[$0 + 1] != 0x0A }
            || occurrences(of: 0xC2) { $0 + 1 < count && base[$0 + 1] == 0x85 }
            || occurrences(of: 0xE2) {
                $0 + 2 < count && base[$0 + 1] == 0x80 && (base[$0 + 2] == 0xA8 || base[$0 + 2] == 0xA9)
            }
    }

    /// Reads the line `start..<end`; false when the text cannot be read in pieces.
    private mutating func readLine(_ base: UnsafePointer<UInt8>, from start: Int, to end: Int) -> Bool {
        var index = start
        // Inside a quoted scalar or a flow collection from an earlier line.
        if openQuote != nil || flowDepth > 0 {
            guard let after = continueInline(base, from: index, to: end) else { return false }
            if openQuote != nil || flowDepth > 0 { return true }
            return Self.onlyComment(base, from: after, to: end)
        }
        while index < end && base[index] == Self.space { index += 1 }
        let indent = index - start
        // Blank lines and comments, wherever they are.
        if index == end || base[index] == Self.hash { return true }
        if let scalar = scalarIndent {
            if indent > scalar { return true }
            scalarIndent = nil
        }
        // A tab in the indentation.
        if base[index] == 0x09 { return false }
        let first = base[index]
        // Directives and document markers, but a `---` before anything else.
        if first == UInt8(ascii: "%") { return false }
        if indent == 0 && end - index >= 3 && (first == Self.dash || first == UInt8(ascii: "."))
            && base[index + 1] == first && base[index + 2] == first
            && (end - index == 3 || base[index + 3] == Self.space)
        {
            guard first == Self.dash, !sawContent, Self.onlyComment(base, from: index + 3, to: end) else {
                return false
            }
            return true
        }
        sawContent = true
        // Collections this line is not in.
        while let top = frames.last,
            top.indent > indent || (top.indent == indent && !top.isMapping && first != Self.dash)
        {
            if !top.isMapping { openSequences -= 1 }
            frames.removeLast()
        }
        if first == Self.dash && (index + 1 == end || base[index + 1] == Self.space) {
            explicitKey = nil
            return sequenceEntry(base, at: index, indent: indent, end: end)
        }
        // `? key` then `: value` (written for long keys): an entry of its mapping, not a
        // place to cut; the key on the `?` line.
        if first == UInt8(ascii: "?") && (index + 1 == end || base[index + 1] == Self.space) {
            guard index + 1 < end, enterKey(indent: indent) else { return false }
            explicitKey = indent
            return value(base, from: index + 1, to: end, owner: indent) && pendingValue == nil
        }
        if let key = explicitKey, indent == key, first == Self.colon, index + 1 == end || base[index + 1] == Self.space
        {
            explicitKey = nil
            return value(base, from: index + 1, to: end, owner: indent)
        }
        explicitKey = nil
        if let colon = keyEnd(base, from: index, to: end) {
            // After another key of its mapping, a cut, if one is due here.
            if let top = frames.last, top.isMapping, top.indent == indent { considerCut(at: start) }
            guard enterKey(indent: indent) else { return false }
            return value(base, from: colon + 1, to: end, owner: indent)
        }
        // A scalar on a line of its own: the value of the key (or entry) before it.
        guard let owner = pendingValue, indent > owner else { return false }
        pendingValue = nil
        return value(base, from: index, to: end, owner: owner)
    }

    /// Takes a key at `indent`: the next of the open mapping, or the first of a mapping
    /// that opens (the root, or a value); false when neither.
    private mutating func enterKey(indent: Int) -> Bool {
        if let top = frames.last, top.isMapping, top.indent == indent {
            pendingValue = nil
            return true
        }
        guard frames.isEmpty ? !isRootTaken : (pendingValue.map { indent > $0 } ?? false) else { return false }
        pendingValue = nil
        return open(Frame(indent: indent, isMapping: true))
    }

    /// A `? key` at this indentation waits for its `: value`.
    private var explicitKey: Int?

    /// The root collection was opened once (a second one is another document's).
    private var isRootTaken = false

    /// Opens a block collection; false when deeper than the limit (the whole then reports
    /// it).
    private mutating func open(_ frame: Frame) -> Bool {
        if frames.isEmpty {
            guard !isRootTaken else { return false }
            isRootTaken = true
        }
        guard frames.count < maxDepth else { return false }
        frames.append(frame)
        if !frame.isMapping { openSequences += 1 }
        return true
    }

    /// A `- ` entry at `index` (indented `indent`).
    private mutating func sequenceEntry(_ base: UnsafePointer<UInt8>, at index: Int, indent: Int, end: Int) -> Bool {
        if let top = frames.last, !top.isMapping, top.indent == indent {
            // The next entry of the open sequence.
        } else if let owner = pendingValue, indent > owner || (indent == owner && frames.last?.isMapping == true) {
            // A sequence as a key's value (at the key's own indentation too), or as an
            // entry's.
            guard open(Frame(indent: indent, isMapping: false)) else { return false }
        } else {
            return false
        }
        pendingValue = nil
        let lineStart = index - indent
        var entry = (dash: index, indent: indent)
        var content = index + 1
        while true {
            while content < end && base[content] == Self.space { content += 1 }
            if content == end || base[content] == Self.hash {
                pendingValue = entry.indent
                return true
            }
            // `- - a`: a sequence in the entry, at the column of its first dash.
            guard base[content] == Self.dash && (content + 1 == end || base[content + 1] == Self.space) else { break }
            entry = (content, content - lineStart)
            guard open(Frame(indent: entry.indent, isMapping: false)) else { return false }
            content += 1
        }
        let indent = entry.indent
        if let colon = keyEnd(base, from: content, to: end) {
            // A mapping in the entry, at the column of its first key.
            let column = content - lineStart
            guard open(Frame(indent: column, isMapping: true)) else { return false }
            return value(base, from: colon + 1, to: end, owner: column)
        }
        return value(base, from: content, to: end, owner: indent)
    }

    /// Records a cut at the line starting at `start` when the next target is at or before
    /// it and no sequence is open.
    private mutating func considerCut(at start: Int) {
        guard cuts.count < targets.count, start >= targets[cuts.count], openSequences == 0,
            frames.count <= DocumentPieces.maxCutDepth
        else { return }
        cuts.append(YAMLBlockCut(cut: start, line: line, indents: frames.map(\.indent)))
    }

    /// Where the `:` that ends a key starting at `index` is (a plain key, or a quoted one
    /// on one line), or nil when the line holds no key.
    private func keyEnd(_ base: UnsafePointer<UInt8>, from index: Int, to end: Int) -> Int? {
        let first = base[index]
        if first == Self.doubleQuote || first == Self.singleQuote {
            var quote: UInt8? = first
            var flow = 0
            guard let after = Self.scanInline(base, from: index + 1, to: end, quote: &quote, flowDepth: &flow),
                quote == nil
            else { return nil }
            var colon = after
            while colon < end && base[colon] == Self.space { colon += 1 }
            guard colon < end, base[colon] == Self.colon, colon + 1 == end || base[colon + 1] == Self.space else {
                return nil
            }
            return colon
        }
        // Indicators a plain key cannot start with (`-` only before a space, seen by the caller).
        switch first {
        case UInt8(ascii: "?"), UInt8(ascii: ":"), UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"),
            UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "#"), UInt8(ascii: "&"), UInt8(ascii: "*"),
            UInt8(ascii: "!"), UInt8(ascii: "|"), UInt8(ascii: ">"), UInt8(ascii: "%"), UInt8(ascii: "@"),
            UInt8(ascii: "`"):
            return nil
        default: break
        }
        var position = index
        while position < end {
            let byte = base[position]
            if byte == Self.colon && (position + 1 == end || base[position + 1] == Self.space) { return position }
            if byte == Self.hash && base[position - 1] == Self.space { return nil }
            position += 1
        }
        return nil
    }

    /// Reads a value from `index` (after a key's `:` or an entry's `-`, or on a line of its
    /// own) whose owner (the key or entry) is indented `owner`.
    private mutating func value(_ base: UnsafePointer<UInt8>, from index: Int, to end: Int, owner: Int) -> Bool {
        var index = index
        while index < end && base[index] == Self.space { index += 1 }
        if index == end || base[index] == Self.hash {
            pendingValue = owner
            return true
        }
        switch base[index] {
        case UInt8(ascii: "|"), UInt8(ascii: ">"):
            // A block scalar: its header, then the lines indented further than its owner.
            var header = index + 1
            while header < end, let byte = Optional(base[header]),
                byte == UInt8(ascii: "+") || byte == Self.dash || (byte >= 0x31 && byte <= 0x39)
            {
                header += 1
            }
            guard Self.onlyComment(base, from: header, to: end) else { return false }
            scalarIndent = owner
            return true
        case Self.doubleQuote, Self.singleQuote, UInt8(ascii: "["), UInt8(ascii: "{"):
            guard let after = continueInline(base, from: index, to: end) else { return false }
            if openQuote != nil || flowDepth > 0 { return true }
            return Self.onlyComment(base, from: after, to: end)
        case UInt8(ascii: "&"), UInt8(ascii: "*"), UInt8(ascii: "!"), UInt8(ascii: "?"), UInt8(ascii: "%"),
            UInt8(ascii: "@"), UInt8(ascii: "`"), UInt8(ascii: "]"), UInt8(ascii: "}"), UInt8(ascii: ","):
            return false
        case Self.dash where index + 1 == end || base[index + 1] == Self.space:
            return false
        default:
            // A plain scalar: it may go on in the lines indented further than its owner.
            scalarIndent = owner
            return true
        }
    }

    /// Reads on in a quoted scalar or flow collection (opened here or on an earlier line);
    /// where it ends, or nil when it holds what is not followed.
    private mutating func continueInline(_ base: UnsafePointer<UInt8>, from index: Int, to end: Int) -> Int? {
        var quote = openQuote
        var flow = flowDepth
        let after = Self.scanInline(base, from: index, to: end, quote: &quote, flowDepth: &flow)
        openQuote = quote
        flowDepth = flow
        return after
    }

    /// Reads from `index`: inside the quote `quote` when it is set, then (when `flowDepth`
    /// is above 0, or the text starts with a bracket) flow collections, until both are
    /// closed or the line ends. Returns where they closed (or the line's end); nil on an
    /// anchor, alias, tag or complex key in a flow collection.
    private static func scanInline(
        _ base: UnsafePointer<UInt8>, from index: Int, to end: Int, quote: inout UInt8?, flowDepth: inout Int
    ) -> Int? {
        var index = index
        while index < end {
            let byte = base[index]
            if let open = quote {
                if open == doubleQuote && byte == backslash {
                    index += 2
                    continue
                }
                if byte == open {
                    if open == singleQuote && index + 1 < end && base[index + 1] == singleQuote {
                        index += 2
                        continue
                    }
                    quote = nil
                    index += 1
                    if flowDepth == 0 { return index }
                    continue
                }
                index += 1
                continue
            }
            switch byte {
            case doubleQuote, singleQuote: quote = byte
            case UInt8(ascii: "["), UInt8(ascii: "{"): flowDepth += 1
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                guard flowDepth > 0 else { return nil }
                flowDepth -= 1
                if flowDepth == 0 { return index + 1 }
            case UInt8(ascii: "&"), UInt8(ascii: "*"), UInt8(ascii: "!"), UInt8(ascii: "?"), hash:
                // (`#` only starts a comment after a space; either way, not followed.)
                return nil
            default:
                if flowDepth == 0 { return nil }
            }
            index += 1
        }
        return index
    }

    /// Whether the text from `index` to `end` is spaces, then a comment or nothing.
    private static func onlyComment(_ base: UnsafePointer<UInt8>, from index: Int, to end: Int) -> Bool {
        var index = index
        while index < end && base[index] == space { index += 1 }
        return index == end || (base[index] == hash && (index == 0 || base[index - 1] == space))
    }
}
