import XCTest

@testable import OpenAPIGenYAML

/// A large JSON document is read in two halves at once (``JSONHalves``): the tree, every
/// mark in it and the `$ref`s collected must be the ones reading the whole gives, and
/// anything the halves cannot read as the whole would (YAML across the cut, errors, a key
/// of the second half that the first has too) must give exactly the whole's result.
final class JSONHalvesTests: XCTestCase {
    private func whole(_ bytes: [UInt8]) -> Result<(root: YAMLNode, references: [String]), Error> {
        readWhole(bytes, name: "t.json")
    }

    /// The cut nearest after `target`, and the halves' reading (nil when they fall back).
    private func halves(_ bytes: [UInt8], near target: Int) -> (JSONHalves?, (root: YAMLNode, references: [String])?) {
        bytes.withUnsafeBufferPointer { buffer in
            let found = JSONHalves.find(in: buffer, near: target, maxDepth: 512)
            switch YAMLParser.parseJSONInPieces(
                buffer, cutsNear: [target], file: "t.json", fileIndex: 0, limits: .default)
            {
            case .notCut:
                XCTAssertNil(found)
                return (nil, nil)
            case .fellBack(let halves):
                XCTAssertEqual(halves.cut, found?.cut)
                return (halves, nil)
            case .read(let halves, let root, let references):
                XCTAssertEqual(halves.cut, found?.cut)
                return (halves, (root, references))
            }
        }
    }

    /// What the parser gives with halves allowed from 0 bytes on, against the whole's.
    private func assertSameAsWhole(_ text: String, file: StaticString = #filePath, line: UInt = #line) {
        assertPiecesReadAsTheWhole(Array(text.utf8), name: "t.json", text.debugDescription, file: file, line: line)
    }

    func testTheCutIsALineThatStartsAKeyInMappingsOnly() throws {
        let text = "{\n  \"a\": [\n    1,\n    2\n  ],\n  \"b\": {\n    \"c\": 1,\n    \"d\": 2\n  },\n  \"e\": 3\n}\n"
        let bytes = Array(text.utf8)
        let expected: [(target: Int, line: String, number: Int, depth: Int, closing: String, opening: String)] = [
            // Near the start: the lines inside the list are not cuts (a list is open); the
            // first cut is `"b"`'s line, in the root mapping.
            (3, "  \"b\":", 5, 1, "}", "{\n"),
            // Further on: `"d"`'s line, in `b`'s mapping.
            (bytes.count / 2 + 8, "    \"d\":", 7, 2, "}}", "{\"\":{\n"),
        ]
        for cut in expected {
            let (found, read) = halves(bytes, near: cut.target)
            let halves = try XCTUnwrap(found, "near \(cut.target)")
            XCTAssertEqual(Array(bytes[halves.cut...].prefix(cut.line.utf8.count)), Array(cut.line.utf8))
            XCTAssertEqual(halves.line, cut.number)
            XCTAssertEqual(halves.depth, cut.depth)
            XCTAssertEqual(halves.closing, Array(cut.closing.utf8))
            XCTAssertEqual(halves.opening, Array(cut.opening.utf8))
            XCTAssertEqual(try XCTUnwrap(read).root.dump, try whole(bytes).get().root.dump)
        }
    }

    func testTextThatIsNotPlainJSONBeforeTheCutIsNotCut() {
        let notCut = [
            "a: 1\nb: 2\nc: 3\n",  // block YAML
            "{\"a\": 1, \"b\": 2, \"c\": {\"d\": 3}}\n",  // no line breaks
            "{\n  # a comment\n  \"a\": 1,\n  \"b\": 2\n}\n",
            "{\n  'a': 1,\n  \"b\": 2\n}\n",  // a single-quoted key
            "{\n  \"a\": &x 1,\n  \"b\": 2\n}\n",  // an anchor
            "{\n  \"a\": yes please,\n  \"b\": 2\n}\n",  // a plain scalar with a space
            "{\n  \"a\": 1,\r  \"b\": 2\n}\n",  // a lone carriage return
            "{\n  \"a\": \"x\u{2028}y\",\n  \"b\": 2\n}\n",  // a line break libyaml counts, JSON does not
            "{\n  \"a\": \"x\u{85}y\",\n  \"b\": 2\n}\n",
            "{\n  \"a\": [\n    1,\n    2\n  ]\n}\n",  // line breaks inside a list only
            "{\n  \"a\": 1\n}\n",  // no comma before a line break
            "[\n  1,\n  2\n]\n",
        ]
        for text in notCut {
            XCTAssertNil(halves(Array(text.utf8), near: 0).0, text.debugDescription)
            assertSameAsWhole(text)
        }
    }

    func testOnlyTextThatStartsAsJSONIsTriedInHalves() {
        func starts(_ text: String) -> Bool { Array(text.utf8).withUnsafeBufferPointer { JSONHalves.startsAsJSON($0) } }
        XCTAssertTrue(starts("{\"openapi\": \"3.1.0\"}"))
        XCTAssertTrue(starts("\u{FEFF} \r\n\t{}"))
        XCTAssertFalse(starts("openapi: 3.1.0\n"))
        XCTAssertFalse(starts("# {\n"))
        XCTAssertFalse(starts("[{}]"))
        XCTAssertFalse(starts(" \n"))
    }

    /// The first half is read up to the target while the cut is looked for: when none is
    /// found after it (here a list runs past the target, then a comment), that reading is
    /// dropped and the whole is read.
    func testNoCutFoundAfterTheFirstHalfStartedReadsTheWhole() throws {
        var text = "{\n  \"a\": 1,\n  \"list\": [\n"
        for index in 0..<400 { text += "    \(index),\n" }
        text += "    # a comment\n    400\n  ],\n  \"b\": 2\n}\n"
        let bytes = Array(text.utf8)
        let (cut, read) = halves(bytes, near: bytes.count / 2)
        XCTAssertNil(cut)
        XCTAssertNil(read)
        assertSameAsWhole(text)
        // JSON on one line: no cut is looked for beyond a megabyte after the target.
        let oneLine = "{\"a\": [" + Array(repeating: "\"0123456789\"", count: 200_000).joined(separator: ",") + "]}"
        XCTAssertGreaterThan(oneLine.utf8.count, 2 * JSONScanner.maxCutDistance)
        var scanner = JSONScanner(maxDepth: 512)
        let outcome = Array(oneLine.utf8).withUnsafeBufferPointer { scanner.scan($0, from: 0, cutAfter: 10) }
        XCTAssertEqual(outcome, .rejected)
        XCTAssertNil(halves(Array(oneLine.utf8), near: 10).0)
    }

    func testWhatTheHalvesCannotReadFallsBackToTheWhole() throws {
        let start = "{\n  \"a\": {\n    \"x\": 1\n  },\n"
        let cases: [(String, String?)] = [
            // YAML after the cut: read as YAML by the whole.
            (start + "  \"b\": 2, # a comment\n  \"c\": 3\n}\n", nil),
            (start + "  \"b\": &anchor {\"y\": 1},\n  \"c\": *anchor\n}\n", nil),
            (
                start + "  \"b\": 2\n}\n---\n{\"second\": 1}\n",
                "t.json:7:1: error: expected a single YAML document, found another one"
            ),
            // Errors after the cut, located as the whole locates them.
            (start + "  \"b\": [1, 2,\n  \"c\": 3\n}\n", nil),
            (
                start + "  \"b\": 2,\n  \"b\": 3\n}\n",
                "t.json:6:3: error: duplicate key 'b' (first defined at line 5, column 3)"
            ),
            // A key of the second half that the first half has at the same level.
            (start + "  \"a\": 2\n}\n", "t.json:5:3: error: duplicate key 'a' (first defined at line 2, column 3)"),
            // An error before the cut (an escape JSON's scanner passes over, libyaml rejects).
            ("{\n  \"a\": \"\\q\",\n  \"b\": 2\n}\n", nil),
        ]
        for (text, expected) in cases {
            let bytes = Array(text.utf8)
            let (cut, read) = halves(bytes, near: 0)
            XCTAssertNotNil(cut, "a cut is found: \(text.debugDescription)")
            XCTAssertNil(read, "the halves fall back: \(text.debugDescription)")
            assertSameAsWhole(text)
            if let expected {
                XCTAssertThrowsError(try whole(bytes).get()) { XCTAssertEqual("\($0)", expected) }
            }
        }
        // A key the first half has at a level above the cut's.
        let deep = "{\n  \"p\": {\n    \"a\": 1,\n    \"b\": 2\n  },\n  \"q\": 3,\n  \"p\": 4\n}\n"
        let (cut, read) = halves(Array(deep.utf8), near: 20)
        XCTAssertEqual(cut?.depth, 2)
        XCTAssertNil(read)
        XCTAssertThrowsError(try whole(Array(deep.utf8)).get()) {
            XCTAssertEqual("\($0)", "t.json:7:3: error: duplicate key 'p' (first defined at line 2, column 3)")
        }
        assertSameAsWhole(deep)
    }

    /// Random pretty-printed documents (nested mappings and lists; strings with escapes,
    /// line feeds, non-ASCII text; numbers and words; `$ref`s; LF or CRLF; with or without
    /// a byte order mark), cut at random places: every node's mark, value and style, and the
    /// references, as the whole gives them.
    func testRandomDocumentsReadInHalvesGiveTheWholeTree() throws {
        var random = Xorshift(seed: 0x5EED)
        var cuts = 0
        var depths: Set<Int> = []
        for document in 0..<80 {
            let newline = document % 3 == 0 ? "\r\n" : "\n"
            var text = document % 5 == 0 ? "\u{FEFF}" : ""
            text += Self.value(depth: 0, indent: "", newline: newline, random: &random)
            text += newline
            let bytes = Array(text.utf8)
            let expected = try whole(bytes).get()
            for _ in 0..<3 {
                let target = Int(random.next() % UInt64(bytes.count))
                let (cut, read) = halves(bytes, near: target)
                guard let cut else { continue }
                cuts += 1
                depths.insert(cut.depth)
                let joined = try XCTUnwrap(read, "document \(document), cut at \(cut.cut)")
                XCTAssertEqual(joined.root.dump, expected.root.dump, "document \(document), cut at \(cut.cut)")
                XCTAssertEqual(joined.references, expected.references, "document \(document)")
            }
        }
        XCTAssertGreaterThan(cuts, 150, "most random places have a cut after them")
        XCTAssertTrue(depths.isSuperset(of: [1, 2, 3]), "cuts at several depths: \(depths.sorted())")
    }

    /// The same random documents cut at up to six random places at once: the pieces'
    /// trees, joined, are the whole's, with every cut found where reading in halves finds
    /// it.
    func testRandomDocumentsReadInPiecesGiveTheWholeTree() throws {
        var random = Xorshift(seed: 0x9_1ECE)
        var readInThreeOrMore = 0
        for document in 0..<80 {
            let newline = document % 3 == 0 ? "\r\n" : "\n"
            let text = Self.value(depth: 0, indent: "", newline: newline, random: &random) + newline
            let bytes = Array(text.utf8)
            let expected = try whole(bytes).get()
            let targets = (0...(random.next() % 6)).map { _ in Int(random.next() % UInt64(bytes.count)) }.sorted()
            let outcome = bytes.withUnsafeBufferPointer {
                YAMLParser.parseJSONInPieces($0, cutsNear: targets, file: "t.json", fileIndex: 0, limits: .default)
            }
            let first = bytes.withUnsafeBufferPointer { JSONHalves.find(in: $0, near: targets[0], maxDepth: 512) }
            switch outcome {
            case .notCut:
                XCTAssertNil(first, "document \(document)")
            case .fellBack:
                XCTFail("document \(document) is plain JSON: its pieces are read")
            case .read(let cut, let root, let references):
                XCTAssertEqual(cut.cut, first?.cut, "document \(document)")
                XCTAssertEqual(root.dump, expected.root.dump, "document \(document), targets \(targets)")
                XCTAssertEqual(references, expected.references, "document \(document)")
                let cuts = bytes.withUnsafeBufferPointer { buffer in
                    first.flatMap { $0.allCuts(in: buffer, near: targets.dropFirst()) }
                }
                if (cuts?.count ?? 0) >= 2 { readInThreeOrMore += 1 }
            }
        }
        XCTAssertGreaterThan(readInThreeOrMore, 20, "documents read in three pieces or more")
    }

    /// Random documents with one to three edits at random places, each something YAML or a
    /// broken file has and plain JSON has not (a comment, an anchor and an alias, a single
    /// quote, a lone carriage return, a missing quote or bracket, a repeated key, a tab, a
    /// second document, U+2028): reading in halves gives the tree, or the error, that
    /// reading the whole gives, whichever half the edit falls in.
    func testEditedDocumentsReadAsTheWholeReadsThem() throws {
        var random = Xorshift(seed: 0xED17)
        let edits = [
            " # note", " &a 1", " *a", "'", "\r", "\"", "}", "]", "{", "[", ",", ":", "\t", "\n---\n",
            "\u{2028}", "\"k0\": 1,", "\"type0\": 2,", "? x", "!!str ", "- ", "|", ">",
        ]
        var fellBack = 0
        var read = 0
        for document in 0..<300 {
            let newline = document % 4 == 0 ? "\r\n" : "\n"
            var bytes = Array((Self.value(depth: 0, indent: "", newline: newline, random: &random) + newline).utf8)
            for _ in 0...(random.next() % 3) {
                let edit = Array(edits[Int(random.next() % UInt64(edits.count))].utf8)
                bytes.insert(contentsOf: edit, at: Int(random.next() % UInt64(bytes.count + 1)))
            }
            assertPiecesReadAsTheWhole(bytes, name: "t.json", "document \(document)")
            switch bytes.withUnsafeBufferPointer({
                YAMLParser.parseJSONInPieces(
                    $0, cutsNear: [$0.count / 2], file: "t.json", fileIndex: 0, limits: .default)
            }) {
            case .notCut: break
            case .fellBack: fellBack += 1
            case .read: read += 1
            }
        }
        // Both ways out are taken: edits before the cut prevent it, edits after it make the
        // halves fall back, and some documents still read in halves.
        XCTAssertGreaterThan(fellBack, 20, "\(fellBack) fell back, \(read) read in halves")
        XCTAssertGreaterThan(read, 20, "\(fellBack) fell back, \(read) read in halves")
    }

    /// The repository's JSON files and the corpus's (real specs, Stripe's 4 MB among them),
    /// cut near their middle: the trees the halves give are the whole's.
    func testRepositoryAndCorpusJSONFilesReadInHalvesGiveTheWholeTree() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let corpus = root.appendingPathComponent("../shared/corpus").standardizedFileURL
        if !FileManager.default.fileExists(atPath: corpus.path) {
            print("\(corpus.path) is absent: only the repository's JSON files are read in halves")
        }
        var cut: [String] = []
        for folder in ["Tests", "Examples", "spec", corpus.path] {
            let base = folder.hasPrefix("/") ? URL(fileURLWithPath: folder) : root.appendingPathComponent(folder)
            guard let files = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil) else {
                continue
            }
            for case let file as URL in files where file.pathExtension == "json" {
                let bytes = [UInt8](try Data(contentsOf: file))
                guard case .success(let expected) = whole(bytes) else { continue }
                let (halves, read) = halves(bytes, near: bytes.count / 2)
                guard halves != nil else { continue }
                let joined = try XCTUnwrap(read, file.path)
                XCTAssertEqual(joined.root.dump, expected.root.dump, file.path)
                XCTAssertEqual(joined.references, expected.references, file.path)
                cut.append(file.lastPathComponent)
                // And in the pieces a large document is read in.
                let targets = YAMLParser.pieceTargets.map { Int(Double(bytes.count) * $0) }
                let outcome = bytes.withUnsafeBufferPointer {
                    YAMLParser.parseJSONInPieces($0, cutsNear: targets, file: "t.json", fileIndex: 0, limits: .default)
                }
                guard case .read(_, let root, let references) = outcome else {
                    XCTFail("\(file.path) is read in halves, so in pieces too")
                    continue
                }
                XCTAssertEqual(root.dump, expected.root.dump, file.path)
                XCTAssertEqual(references, expected.references, file.path)
            }
        }
        XCTAssertFalse(cut.isEmpty, "some JSON file of the repository can be cut")
        print("read in halves: \(cut.count) files")
    }

    private static func value(depth: Int, indent: String, newline: String, random: inout Xorshift) -> String {
        let inner = indent + "  "
        // The root is a mapping; below it anything, and no collections under the fourth level.
        let kind = depth == 0 ? 0 : depth >= 4 ? 2 + Int(random.next() % 3) : Int(random.next() % 6)
        switch kind {
        case 0, 1:
            let count = depth == 0 ? 12 : Int(random.next() % 6)
            if count == 0 { return "{}" }
            let keys = (0..<count).map { index in
                index == 1 && random.next() % 4 == 0 ? "$ref" : key(index, random: &random)
            }
            let pairs = keys.map { key in
                let value =
                    key == "$ref"
                    ? "\"#/components/schemas/s\(random.next() % 100)\""
                    : Self.value(depth: depth + 1, indent: inner, newline: newline, random: &random)
                return inner + "\"" + key + "\": " + value
            }
            return "{" + newline + pairs.joined(separator: "," + newline) + newline + indent + "}"
        case 2:
            let count = Int(random.next() % 4)
            if count == 0 { return "[]" }
            let items = (0..<count).map { _ in
                inner + Self.value(depth: depth + 1, indent: inner, newline: newline, random: &random)
            }
            return "[" + newline + items.joined(separator: "," + newline) + newline + indent + "]"
        case 3:
            let texts = [
                "plain", "with \\\"quotes\\\" and \\\\ backslash", "line\\nfeed", "tab\\tstop", "é日本🙂",
                "unicode \\u00e9 escape", "", "a: b, c # d", "{not: [json]}",
            ]
            return "\"" + texts[Int(random.next() % UInt64(texts.count))] + "\""
        default:
            let words = ["1", "-2.5", "3e10", "true", "false", "null", "0"]
            return words[Int(random.next() % UInt64(words.count))]
        }
    }

    private static func key(_ index: Int, random: inout Xorshift) -> String {
        ["k", "type", "é", "path/{id}", "with space"][Int(random.next() % 5)] + "\(index)"
    }
}

/// A small seeded generator, so that a failing document can be made again.
struct Xorshift {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return state
    }
}
