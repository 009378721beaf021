import Foundation
import XCTest

@testable import OpenAPIGenYAML

/// A large block-style YAML document is read in pieces (``YAMLBlockCut``): the tree, every
/// mark in it and the `$ref`s collected must be the ones reading the whole gives, and
/// anything the pieces cannot read as the whole would must give exactly the whole's result.
final class YAMLBlockCutTests: XCTestCase {
    private func whole(_ bytes: [UInt8]) -> Result<(root: YAMLNode, references: [String]), Error> {
        readWhole(bytes, name: "t.yaml")
    }

    private func pieces(_ bytes: [UInt8], near targets: [Int]) -> YAMLParser.PiecesOutcome<YAMLBlockCut> {
        bytes.withUnsafeBufferPointer {
            YAMLParser.parseYAMLInPieces($0, cutsNear: targets, file: "t.yaml", fileIndex: 0, limits: .default)
        }
    }

    private func cuts(_ bytes: [UInt8], near targets: [Int]) -> [YAMLBlockCut]? {
        bytes.withUnsafeBufferPointer { YAMLBlockCut.cuts(in: $0, near: targets, maxDepth: 512) }
    }

    func testTheCutsAreKeysAfterOthersOfTheirMappingOutsideSequences() throws {
        let text = """
            openapi: 3.1.0
            info:
              title: T
              version: "1"
            paths:
              /a:
                get:
                  parameters:
                    - name: x
                      in: query
                    - name: y
                      in: query
                  description: |
                    text
                    more: text
              /b:
                get: {}
            """
        let bytes = Array((text + "\n").utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        func offset(ofLine number: Int) -> Int { lines[..<number].reduce(0) { $0 + $1.utf8.count + 1 } }
        let found = try XCTUnwrap(cuts(bytes, near: [1, offset(ofLine: 7), offset(ofLine: 8), offset(ofLine: 15)]))
        // `info` (after `openapi`), `description` (after `parameters`: the entries' keys are
        // in a sequence, and `more: text` is in a block scalar), `/b` (after `/a`).
        XCTAssertEqual(found.map(\.line), [1, 12, 15])
        XCTAssertEqual(found.map(\.indents), [[0], [0, 2, 4, 6], [0, 2]])
        XCTAssertEqual(found[1].opening, Array("\"\":\n  \"\":\n    \"\":\n".utf8))
        XCTAssertEqual(found[1].lineOffset, 12 - 3)
        guard case .read(_, let root, let references) = pieces(bytes, near: [1, offset(ofLine: 7), offset(ofLine: 15)])
        else { return XCTFail("read in pieces") }
        let expected = try whole(bytes).get()
        XCTAssertEqual(root.dump, expected.root.dump)
        XCTAssertEqual(references, expected.references)
    }

    func testWhatThePiecesDoNotFollowIsNotCut() {
        let documents = [
            "a: &x 1\nb: *x\n", "a: !!str 1\nb: 2\n", "%YAML 1.2\n---\na: 1\nb: 2\n",
            "a: 1\n---\nb: 2\n", "a: 1\n...\n", "- a\n- b\n", "a: 1\n\tb: 2\n", "a: 1\rb: 2\n", "a: \u{2028}1\nb: 2\n",
            "a: [1, *x]\nb: 2\n", "a: - 1\nb: 2\n", "?\n  a\n: 1\nb: 2\n", "a: \"1\"\n  b: 2\nc: 3\n",
            "a: 1\nb: 2\n  c: 3\n".replacingOccurrences(of: "b: 2", with: "b: [2"),
        ]
        for text in documents {
            XCTAssertNil(cuts(Array(text.utf8), near: [1]), text.debugDescription)
        }
    }

    /// Random block-style documents (nested mappings; sequences of scalars and of
    /// mappings, indented or not, nested on one line; plain scalars over several lines,
    /// quoted ones with escapes and line breaks, block scalars with indicators, flow
    /// collections over several lines; explicit keys, comments and blank lines; `$ref`s;
    /// LF or CRLF, with or without a byte order mark), cut at up to six random places:
    /// every node's mark, value and style, and the references, as the whole gives them.
    func testRandomDocumentsReadInPiecesGiveTheWholeTree() throws {
        var random = Xorshift(seed: 0xB10C)
        var readInThreeOrMore = 0
        var depths: Set<Int> = []
        for document in 0..<150 {
            let newline = document % 4 == 0 ? "\r\n" : "\n"
            var text = document % 7 == 0 ? "\u{FEFF}" : ""
            text += document % 5 == 0 ? "---" + newline : ""
            text += Self.mapping(indent: 0, depth: 0, random: &random).joined(separator: newline) + newline
            let bytes = Array(text.utf8)
            guard case .success(let expected) = whole(bytes) else {
                return XCTFail("document \(document) is not valid: \(whole(bytes))\n\(text)")
            }
            let targets = (0...(random.next() % 6)).map { _ in Int(random.next() % UInt64(bytes.count)) }.sorted()
            switch pieces(bytes, near: targets) {
            case .notCut:
                XCTAssertTrue(cuts(bytes, near: targets)?.isEmpty ?? true, "document \(document)")
            case .fellBack:
                XCTFail("document \(document): its pieces failed\n\(text)")
            case .read(_, let root, let references):
                XCTAssertEqual(root.dump, expected.root.dump, "document \(document), targets \(targets)\n\(text)")
                XCTAssertEqual(references, expected.references, "document \(document)")
                let found = try XCTUnwrap(cuts(bytes, near: targets))
                if found.count >= 2 { readInThreeOrMore += 1 }
                depths.formUnion(found.map { $0.depth })
            }
        }
        XCTAssertGreaterThan(readInThreeOrMore, 40, "documents read in three pieces or more")
        XCTAssertTrue(depths.isSuperset(of: [1, 2, 3]), "cuts at several depths: \(depths.sorted())")
    }

    /// The same documents with one to three edits at random places, each something the
    /// pieces do not follow or a broken file has (an anchor and an alias, a tag, a tab, a
    /// document marker, a directive, a lone carriage return, an unclosed quote or bracket,
    /// a line indented wrongly, a repeated key, a block scalar, a sequence entry, U+2028,
    /// comment lines at any indentation, an explicit key):
    /// reading in pieces gives the tree, or the error, that reading the whole gives.
    func testEditedDocumentsReadAsTheWholeReadsThem() throws {
        var random = Xorshift(seed: 0xED17_B10C)
        let edits = [
            " &a", " *a", "&a ", "*a", " !!str", "\t", "\n---\n", "\n...\n", "%YAML 1.2\n", "\r", "\"", "'", "[", "{",
            "]", "\n  ", "\n ", " ", "\nk0: 1", "\n  k0: 1", "\nk1: |\n  x", "- ", "\n- x", "? ", ": ", " #",
            "\u{2028}",
            "\n  - a\n", ">-\n  ", "\n# c", "\n  # c", "\n\n", "\n    x", "|\n", "\"\n", "\n  ? k\n  : v",
        ]
        var read = 0
        for document in 0..<300 {
            let newline = document % 4 == 0 ? "\r\n" : "\n"
            var bytes = Array(
                (Self.mapping(indent: 0, depth: 0, random: &random).joined(separator: newline) + newline).utf8)
            for _ in 0...(random.next() % 3) {
                let edit = Array(edits[Int(random.next() % UInt64(edits.count))].utf8)
                bytes.insert(contentsOf: edit, at: Int(random.next() % UInt64(bytes.count + 1)))
            }
            assertPiecesReadAsTheWhole(bytes, name: "t.yaml", "document \(document)")
            let targets = YAMLParser.pieceTargets.map { Int(Double(bytes.count) * $0) }
            if case .read = pieces(bytes, near: targets) { read += 1 }
        }
        XCTAssertGreaterThan(read, 20, "\(read) edited documents read in pieces")
    }

    /// A block mapping's lines at `indent`.
    private static func mapping(indent: Int, depth: Int, random: inout Xorshift) -> [String] {
        let pad = String(repeating: " ", count: indent)
        let count = depth == 0 ? 10 : 1 + Int(random.next() % 5)
        var lines: [String] = []
        for index in 0..<count {
            let key = index == 1 && random.next() % 5 == 0 ? "$ref" : Self.key(index, random: &random)
            if random.next() % 12 == 0 { lines.append(pad + "# a note: [not] \"read\"") }
            if random.next() % 15 == 0 { lines.append("") }
            if key == "$ref" {
                lines.append(pad + "$ref: \"#/components/schemas/s\(random.next() % 50)\"")
                continue
            }
            let written = random.next() % 10 == 0 ? "? " + key : key + ":"
            let explicit = written.hasPrefix("? ")
            var head = pad + written
            if explicit {
                lines.append(head)
                head = pad + ":"
            }
            let kind = depth >= 4 ? 3 + Int(random.next() % 5) : Int(random.next() % 9)
            switch kind {
            case 0, 1:
                lines.append(head)
                lines += mapping(indent: indent + 2, depth: depth + 1, random: &random)
            case 2:
                lines.append(head)
                lines += sequence(indent: random.next() % 3 == 0 ? indent : indent + 2, depth: depth, random: &random)
            default:
                lines += scalar(head: head, indent: indent, random: &random)
            }
        }
        return lines
    }

    /// A block sequence's lines at `indent`.
    private static func sequence(indent: Int, depth: Int, random: inout Xorshift) -> [String] {
        let pad = String(repeating: " ", count: indent)
        var lines: [String] = []
        for _ in 0..<(1 + random.next() % 3) {
            switch random.next() % 4 {
            case 0:
                // A mapping in the entry, its first key on the dash's line.
                var entry = mapping(indent: indent + 2, depth: depth + 2, random: &random)
                entry[0] = pad + "- " + entry[0].dropFirst(indent + 2)
                lines += entry
            case 1:
                lines.append(pad + "- - " + plain(random: &random))
                lines.append(pad + "  - " + plain(random: &random))
            default:
                lines += scalar(head: pad + "-", indent: indent, random: &random)
            }
        }
        return lines
    }

    /// A scalar (or flow collection) after `head`, on its line and maybe the next ones.
    private static func scalar(head: String, indent: Int, random: inout Xorshift) -> [String] {
        let pad = String(repeating: " ", count: indent + 2)
        switch random.next() % 9 {
        case 0: return [head + " " + plain(random: &random), pad + plain(random: &random)]
        case 1: return [head + " \"a \\\"quoted\\\" # text", pad + "on two lines: [x]\""]
        case 2: return [head + " 'it''s: here'"]
        case 3:
            return [head + " |" + ["", "-", "+", "2"][Int(random.next() % 4)], pad + "key: text", "", pad + "  more"]
        case 4: return [head + " >", pad + "folded", pad + "text # not a comment"]
        case 5: return [head + " [a, \"b\", {c: d},", pad + "e]"]
        case 6: return [head + " {}"]
        case 7: return [head, pad + plain(random: &random)]
        default: return [head + " " + plain(random: &random) + (random.next() % 3 == 0 ? " # a note" : "")]
        }
    }

    private static func plain(random: inout Xorshift) -> String {
        ["word", "two words", "12", "true", "null", "~", "-3.5", "http://x.example/a:b", "a#b", "ünïcode ✓", "x-y_z"][
            Int(random.next() % 11)]
    }

    private static func key(_ index: Int, random: inout Xorshift) -> String {
        let name = "k\(index)"
        switch random.next() % 6 {
        case 0: return "\"\(name) q\""
        case 1: return "'\(name)'"
        case 2: return "/path/{id}/\(name)"
        default: return name
        }
    }

    /// The repository's YAML files (specs, snippets, fixtures, examples) and the corpus's
    /// (real specs, several of them large), cut in the production pieces: the trees the
    /// pieces give are the whole's, and most are read in pieces.
    func testRepositoryAndCorpusYAMLFilesReadInPiecesGiveTheWholeTree() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let corpus = root.appendingPathComponent("../shared/corpus").standardizedFileURL
        let corpusIsThere = FileManager.default.fileExists(atPath: corpus.path)
        if !corpusIsThere {
            print("\(corpus.path) is absent: only the repository's YAML files are read in pieces")
        }
        var read: [String] = []
        for folder in ["Tests", "Examples", "spec", corpus.path] {
            let base = folder.hasPrefix("/") ? URL(fileURLWithPath: folder) : root.appendingPathComponent(folder)
            guard let files = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil) else {
                continue
            }
            for case let file as URL in files where ["yaml", "yml"].contains(file.pathExtension) {
                let bytes = [UInt8](try Data(contentsOf: file))
                guard case .success(let expected) = whole(bytes) else { continue }
                let targets = YAMLParser.pieceTargets.map { Int(Double(bytes.count) * $0) }
                switch pieces(bytes, near: targets) {
                case .notCut: continue
                case .fellBack: XCTFail("\(file.path) is cut, and read whole: its pieces failed")
                case .read(_, let root, let references):
                    XCTAssertEqual(root.dump, expected.root.dump, file.path)
                    XCTAssertEqual(references, expected.references, file.path)
                    read.append(file.path)
                }
            }
        }
        print("read in pieces: \(read.count) files")
        XCTAssertGreaterThan(read.count, 20, "many of the repository's YAML files are read in pieces")
        if corpusIsThere {
            // Twilio's, Adyen's and Spotify's real specs (OpenAI's uses anchors: not cut).
            for name in ["twilio-api-v2010.yaml", "adyen-checkout-v71.yaml", "spotify-web-api.yml"] {
                XCTAssertTrue(read.contains { $0.hasSuffix("/" + name) }, "\(name) is read in pieces")
            }
        }
    }
}
