import XCTest

@testable import OpenAPIGenYAML

final class YAMLParserTests: XCTestCase {
    /// Parses `text` on one thread, again through the pipeline (libyaml's events read on a
    /// thread of their own), and again in halves where it is JSON that can be cut (see
    /// ``JSONHalves``); checks that all give the same tree (or the same error), and returns
    /// the first's result.
    private func parse(_ text: String, limits: YAMLLimits = .default, line: UInt = #line) throws -> YAMLNode {
        let bytes = Array(text.utf8)
        let onOneThread = Result { try parseOnce(bytes, limits: limits, pipelineThreshold: .max) }
        for (name, other) in [
            ("the pipeline", Result { try parseOnce(bytes, limits: limits, pipelineThreshold: 0) }),
            ("halves", Result { try parseOnce(bytes, limits: limits, pipelineThreshold: .max, halvesThreshold: 0) }),
        ] {
            switch (onOneThread, other) {
            case (.success(let one), .success(let other)):
                XCTAssertEqual(one.root.dump, other.root.dump, "\(name) builds the same tree", line: line)
                XCTAssertEqual(one.references, other.references, line: line)
            case (.failure(let one), .failure(let other)):
                XCTAssertEqual("\(one)", "\(other)", "\(name) gives the same error", line: line)
            default:
                XCTFail("one thread gives \(onOneThread), \(name) \(other)", line: line)
            }
        }
        return try onOneThread.get().root
    }

    private func parseOnce(
        _ bytes: [UInt8], limits: YAMLLimits, pipelineThreshold: Int, halvesThreshold: Int = .max
    ) throws -> (root: YAMLNode, references: [String]) {
        try YAMLParser.parseCollectingReferences(
            bytes, file: "t.yaml", fileIndex: 0, limits: limits, pipelineThreshold: pipelineThreshold,
            halvesThreshold: halvesThreshold)
    }

    private func error(_ text: String, limits: YAMLLimits = .default, line: UInt = #line) -> String {
        do {
            _ = try parse(text, limits: limits, line: line)
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    func testNodesKeepTheirLineAndColumn() throws {
        let root = try parse("openapi: 3.1.0\ninfo:\n  title: T\n  tags:\n    - a\n    - b: c\n")
        XCTAssertEqual(root.mark, YAMLMark(line: 1, column: 1))
        XCTAssertEqual(root["openapi"]?.scalar?.value, "3.1.0")
        XCTAssertEqual(root["openapi"]?.mark, YAMLMark(line: 1, column: 10))
        let info = try XCTUnwrap(root["info"])
        XCTAssertEqual(info.mark, YAMLMark(line: 3, column: 3))
        XCTAssertEqual(info["title"]?.mark, YAMLMark(line: 3, column: 10))
        let tags = try XCTUnwrap(info["tags"]?.sequence)
        XCTAssertEqual(tags.map(\.mark), [YAMLMark(line: 5, column: 7), YAMLMark(line: 6, column: 7)])
        XCTAssertEqual(tags[1]["b"]?.scalar?.value, "c")
        XCTAssertEqual(root.mapping?.map { $0.key.scalar?.value }, ["openapi", "info"])
    }

    func testManyShortScalarsAndDeepNestingReadBackExactly() throws {
        // Short scalars are reused from a cache of 1,024 entries keyed by their bytes, and
        // collections are assembled from shared scratch stacks: thousands of distinct and
        // repeated keys and values (of 0 to 17 bytes, ASCII and not), in mappings and
        // lists nested inside each other, must come back exactly, in order.
        func text(_ index: Int) -> String {
            let base = ["", "a", "type", "string", "é", "日本", "description", "sixteen-bytes-ab", "seventeen-bytes-x"]
            return base[index % base.count] + (index % 3 == 0 ? "" : String(index, radix: 36))
        }
        var yaml = "root:\n"
        var expected: [(key: String, values: [String])] = []
        var keys: Set<String> = []
        for index in 0..<3000 {
            let key = "k" + text(index)
            guard keys.insert(key).inserted else { continue }
            let values = (0..<(index % 4)).map { text(index * 7 + $0) }
            expected.append((key, values))
            yaml +=
                "  \"\(key)\":\n    nested:\n      list: [" + values.map { "\"\($0)\"" }.joined(separator: ", ") + "]\n"
        }
        let root = try parse(yaml)
        let pairs = try XCTUnwrap(root["root"]?.mapping)
        XCTAssertEqual(pairs.map { $0.key.scalar?.value }, expected.map(\.key))
        for (pair, entry) in zip(pairs, expected) {
            XCTAssertEqual(pair.value["nested"]?["list"]?.sequence?.map { $0.scalar?.value }, entry.values)
        }
    }

    func testReferenceTargetsAreCollectedAsWritten() throws {
        let parsed = try YAMLParser.parseCollectingReferences(
            Array("a: {$ref: '#/x'}\nb: &shared [{$ref: other.yaml}, {\"$ref\": 3}, {$ref: [no]}]\nc: *shared\n".utf8),
            file: "t.yaml")
        // Each written once, aliases not repeating them; a list is no target.
        XCTAssertEqual(parsed.references, ["#/x", "other.yaml", "3"])
        XCTAssertEqual(parsed.root["c"]?.sequence?.count, 3)
    }

    func testJSONIsYAML() throws {
        let root = try parse("{\n  \"a\": [1, 2.5, true, null, \"x\"],\n  \"b\": {}\n}")
        let items = try XCTUnwrap(root["a"]?.sequence)
        XCTAssertEqual(items[0].scalar?.intValue, 1)
        XCTAssertEqual(items[1].scalar?.doubleValue, 2.5)
        XCTAssertEqual(items[2].scalar?.boolValue, true)
        XCTAssertEqual(items[3].scalar?.isNull, true)
        XCTAssertEqual(items[4].scalar?.style, .doubleQuoted)
        XCTAssertEqual(items[4].mark, YAMLMark(line: 2, column: 29))
        XCTAssertEqual(root["b"]?.mapping?.count, 0)
    }

    func testCoreSchemaResolutionOnlyAppliesToPlainScalars() throws {
        let root = try parse(
            "a: true\nb: 'true'\nc: -3\nd: 1.5e3\ne: ~\nf: \"null\"\ng: yes\nh: !!str 12\ni: 0x1F\nj: .inf\n")
        XCTAssertEqual(root["a"]?.scalar?.boolValue, true)
        XCTAssertNil(root["b"]?.scalar?.boolValue)
        XCTAssertEqual(root["b"]?.kindDescription, "a string")
        XCTAssertEqual(root["c"]?.scalar?.intValue, -3)
        XCTAssertEqual(root["d"]?.scalar?.doubleValue, 1500)
        XCTAssertNil(root["d"]?.scalar?.intValue)
        XCTAssertEqual(root["e"]?.scalar?.isNull, true)
        XCTAssertEqual(root["f"]?.scalar?.isNull, false)
        XCTAssertNil(root["g"]?.scalar?.boolValue, "YAML 1.2: yes is a string")
        XCTAssertNil(root["h"]?.scalar?.intValue)
        XCTAssertEqual(root["h"]?.scalar?.tag, "tag:yaml.org,2002:str")
        XCTAssertEqual(root["i"]?.scalar?.intValue, 31)
        XCTAssertEqual(root["j"]?.scalar?.doubleValue, .infinity)
        XCTAssertEqual(root["c"]?.kindDescription, "a number")
    }

    func testBlockScalarsKeepTheirText() throws {
        let root = try parse("a: |\n  line one\n  line two\nb: >-\n  folded\n  text\n")
        XCTAssertEqual(root["a"]?.scalar?.value, "line one\nline two\n")
        XCTAssertEqual(root["a"]?.scalar?.style, .literal)
        XCTAssertEqual(root["b"]?.scalar?.value, "folded text")
    }

    func testAliasesExpandToTheAnchoredNode() throws {
        let root = try parse("base: &b {x: 1}\ncopy: *b\n")
        XCTAssertEqual(root["copy"]?["x"]?.scalar?.intValue, 1)
        XCTAssertEqual(root["copy"]?.mark, YAMLMark(line: 2, column: 7))
    }

    private func keys(_ node: YAMLNode?) -> [String] {
        node?.mapping?.compactMap { $0.key.scalar?.value } ?? []
    }

    func testMergeKeyBringsInTheAliasedMappingWithItsMarks() throws {
        let root = try parse(
            """
            base: &base
              type: object
              description: shared
            pet:
              <<: *base
              title: Pet
            """)
        let pet = try XCTUnwrap(root["pet"])
        XCTAssertEqual(keys(pet), ["type", "description", "title"])
        XCTAssertEqual(pet["type"]?.scalar?.value, "object")
        // Merged pairs point where they were written, in the anchored mapping.
        XCTAssertEqual(pet.mapping?[0].key.mark, YAMLMark(line: 2, column: 3))
        XCTAssertEqual(pet["description"]?.mark, YAMLMark(line: 3, column: 16))
        XCTAssertEqual(pet["title"]?.mark, YAMLMark(line: 6, column: 10))
    }

    func testExplicitKeysOverrideMergedOnesWhereverTheyAre() throws {
        let root = try parse(
            """
            base: &base {a: 1, b: 2, c: 3}
            before: {b: x, <<: *base}
            after: {<<: *base, c: y}
            """)
        XCTAssertEqual(keys(root["before"]), ["b", "a", "c"])
        XCTAssertEqual(root["before"]?["b"]?.scalar?.value, "x")
        XCTAssertEqual(root["before"]?["b"]?.mark, YAMLMark(line: 2, column: 13))
        XCTAssertEqual(keys(root["after"]), ["a", "b", "c"])
        XCTAssertEqual(root["after"]?["c"]?.scalar?.value, "y")
        XCTAssertEqual(root["after"]?["c"]?.mark, YAMLMark(line: 3, column: 23))
    }

    func testMergeKeyListGivesTheFirstMappingPrecedence() throws {
        let root = try parse(
            """
            a: &a {x: 1, y: 1}
            b: &b {y: 2, z: 2}
            m:
              <<: [*a, *b, {w: 3, x: 3}]
              z: 0
            """)
        let m = try XCTUnwrap(root["m"])
        XCTAssertEqual(keys(m), ["x", "y", "w", "z"])
        XCTAssertEqual(m["x"]?.scalar?.value, "1")
        XCTAssertEqual(m["y"]?.scalar?.value, "1")
        XCTAssertEqual(m["w"]?.scalar?.value, "3")
        XCTAssertEqual(m["z"]?.scalar?.value, "0")
        XCTAssertEqual(m["w"]?.mark, YAMLMark(line: 4, column: 20))
    }

    func testMergesNestAndAnchorTheMergedMapping() throws {
        let root = try parse(
            """
            base: &base {id: 1}
            named: &named
              <<: *base
              name: n
            pet:
              <<: *named
              kind: dog
              owner:
                <<: *named
            copy: *named
            """)
        XCTAssertEqual(keys(root["named"]), ["id", "name"])
        XCTAssertEqual(keys(root["pet"]), ["id", "name", "kind", "owner"])
        XCTAssertEqual(keys(root["pet"]?["owner"]), ["id", "name"])
        XCTAssertEqual(keys(root["copy"]), ["id", "name"])
        XCTAssertEqual(root["pet"]?["id"]?.mark, YAMLMark(line: 1, column: 18))
    }

    func testTaggedMergeKeyMergesAndQuotedOneIsAPlainKey() throws {
        let root = try parse(
            """
            base: &base {a: 1}
            tagged: {!!merge <<: *base, b: 2}
            quoted: {"<<": *base, b: 2}
            single: {'<<': x}
            """)
        XCTAssertEqual(keys(root["tagged"]), ["a", "b"])
        XCTAssertEqual(keys(root["quoted"]), ["<<", "b"])
        XCTAssertEqual(root["quoted"]?["<<"]?["a"]?.scalar?.value, "1")
        XCTAssertEqual(keys(root["single"]), ["<<"])
    }

    func testJSONMergeLookalikeIsAPlainKey() throws {
        let root = try parse("{\"a\": {\"<<\": {\"x\": 1}, \"y\": 2}}")
        XCTAssertEqual(keys(root["a"]), ["<<", "y"])
    }

    func testMergeKeyValueMustBeAMappingOrAListOfMappings() {
        XCTAssertEqual(
            error("a:\n  <<: text\n"),
            "t.yaml:2:7: error: the merge key '<<' must be given a mapping or a list of mappings (such as '*base'), found a string"
        )
        XCTAssertEqual(
            error("s: &s [1, 2]\na:\n  <<: *s\n"),
            "t.yaml:3:7: error: each entry of the merge key's list must be a mapping, found a number")
        XCTAssertEqual(
            error("b: &b {x: 1}\na:\n  <<: [*b, [y]]\n"),
            "t.yaml:3:12: error: each entry of the merge key's list must be a mapping, found a list")
        XCTAssertEqual(
            error("a:\n  <<:\n  b: 1\n"),
            "t.yaml:2:6: error: the merge key '<<' must be given a mapping or a list of mappings (such as '*base'), found null"
        )
        XCTAssertEqual(
            error("b: &b {x: 1}\na:\n  <<: *b\n  <<: *b\n"),
            "t.yaml:4:3: error: duplicate merge key '<<' (first defined at line 3, column 3); merge several mappings with a list: '<<: [*a, *b]'"
        )
    }

    /// Errors far into a large document, after many batches of events have gone through
    /// the pipeline (and while more are being read): the tree builder's, and libyaml's.
    func testErrorsDeepInALargeDocumentAreTheSameThroughThePipeline() throws {
        var text = "root:\n"
        for index in 0..<5000 { text += "  key\(index): {type: string, values: [a, b, \(index)]}\n" }
        XCTAssertEqual(try parse(text)["root"]?.mapping?.count, 5000)
        XCTAssertEqual(
            error(text + "  key17: {}\n" + text.dropFirst(6)),
            "t.yaml:5002:3: error: duplicate key 'key17' (first defined at line 19, column 3)")
        XCTAssertEqual(
            error(text + "  broken: [1, 2\n" + text.dropFirst(6)),
            "t.yaml:5003:7: error: did not find expected ',' or ']' (while parsing a flow sequence)")
        XCTAssertEqual(
            error(text + "  deep: [[[1]]]\n", limits: YAMLLimits(maxDepth: 4)),
            "t.yaml:5002:11: error: nesting is deeper than the limit of 4 levels")
    }

    func testBillionLaughsIsStoppedByTheAliasBudget() {
        var text = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        var previous = "a"
        for name in ["b", "c", "d", "e", "f", "g", "h", "i"] {
            text += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 10).joined(separator: ", ") + "]\n"
            previous = name
        }
        XCTAssertEqual(
            error(text),
            "t.yaml:5:36: error: aliases expand to more than the limit of 100000 nodes (a \"billion laughs\" document?)"
        )
    }

    func testDeepNestingIsAnErrorNotACrash() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        XCTAssertEqual(error(deep), "t.yaml:1:513: error: nesting is deeper than the limit of 512 levels")
        XCTAssertEqual(
            error("a: {b: {c: 1}}", limits: YAMLLimits(maxDepth: 2)),
            "t.yaml:1:8: error: nesting is deeper than the limit of 2 levels")
    }

    func testDuplicateKeysAreReportedAtTheSecondKey() {
        XCTAssertEqual(
            error("info:\n  title: A\n  title: B\n"),
            "t.yaml:3:3: error: duplicate key 'title' (first defined at line 2, column 3)")
    }

    func testTabIndentationIsLocated() {
        XCTAssertEqual(
            error("info:\n\ttitle: A\n"),
            "t.yaml:2:1: error: found character that cannot start any token (while scanning for the next token)")
    }

    func testSyntaxErrorsAreLocated() {
        XCTAssertEqual(
            error("a: [1, 2\nb: 3\n"),
            "t.yaml:2:2: error: did not find expected ',' or ']' (while parsing a flow sequence)")
        XCTAssertEqual(error("a: b: c\n"), "t.yaml:1:5: error: mapping values are not allowed in this context")
    }

    func testEmptyAndMultiDocumentFilesAreRejected() {
        XCTAssertEqual(error(""), "t.yaml:1:1: error: the file is empty; expected an OpenAPI document")
        XCTAssertEqual(error("\n  \n"), "t.yaml:1:1: error: the file is empty; expected an OpenAPI document")
        XCTAssertEqual(
            error("# only a comment\n"), "t.yaml:1:1: error: the file is empty; expected an OpenAPI document")
        XCTAssertEqual(
            error("a: 1\n---\nb: 2\n"), "t.yaml:2:1: error: expected a single YAML document, found another one")
    }

    func testInvalidUTF8IsLocated() {
        let bytes: [UInt8] = Array("a: ".utf8) + [0xFF, 0xFE] + Array("\n".utf8)
        XCTAssertThrowsError(try YAMLParser.parse(bytes, file: "t.yaml")) { error in
            XCTAssertEqual(
                "\(error)", "t.yaml:1:4: error: the file is not valid UTF-8 text: invalid leading UTF-8 octet at byte 3"
            )
        }
    }

    func testInputSizeIsBounded() {
        XCTAssertEqual(
            error("a: 1234567890\n", limits: YAMLLimits(maxInputBytes: 8)),
            "t.yaml:1:1: error: the file is 14 bytes, larger than the limit of 8 bytes")
    }

    func testNonScalarKeysAreRejected() {
        XCTAssertEqual(error("? [a]\n: b\n"), "t.yaml:1:3: error: mapping keys must be scalars, found a list")
    }

    func testUnreadableFile() {
        XCTAssertThrowsError(try YAMLParser.parse(contentsOf: "/nonexistent/spec.yaml")) { error in
            XCTAssertEqual("\(error)", "error: cannot read file '/nonexistent/spec.yaml'")
        }
    }

}
