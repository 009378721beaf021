import Foundation
import OpenAPIGenCore
import XCTest

/// Specs written to break generated code (`Fixtures/hostile/`): comment terminators,
/// string delimiters, interpolations, directives, control and bidirectional characters,
/// keywords, colliding and symbol-only names. Each must generate Swift that compiles
/// warning-free in Swift 6 mode and still says what the spec said.
final class HostileSpecTests: XCTestCase {
    private func generateAndCompile(_ name: String) throws -> [String: String] {
        let spec = InvalidSpecTests.fixtures.appendingPathComponent("hostile/\(name).yaml")
        let result = try Generator.generate(
            contentsOf: spec.path,
            configuration: GeneratorConfiguration(moduleName: "Hostile", specDisplayName: "\(name).yaml"))
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "hostile-\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var files: [String: String] = [:]
        for file in result.files {
            try file.contents.write(to: directory.appendingPathComponent(file.name), atomically: true, encoding: .utf8)
            files[file.name] = file.contents
        }
        let check = try SwiftTypeCheck.run(
            result.files.map { directory.appendingPathComponent($0.name) }, module: "Hostile")
        XCTAssertEqual(check.status, 0, "\(name).yaml generates Swift that does not compile:\n\(check.output)")
        return files
    }

    func testDescriptionsCannotInjectCode() throws {
        let files = try generateAndCompile("descriptions")
        let client = try XCTUnwrap(files["Client.swift"])
        let types = try XCTUnwrap(files["Types.swift"])
        // The text survives, as comment lines that cannot end early.
        XCTAssertTrue(client.contains("\n/// Closes a block comment */ and opens one /* that never ends.\n"))
        XCTAssertTrue(client.contains("\n/// #error(\"injected\")\n"))
        XCTAssertTrue(client.contains("\n/// func injected() {}\n"))
        XCTAssertTrue(types.contains("/// #error(\"in a property\")\n"))
        XCTAssertTrue(client.contains(#"URL(string: "https://example.com/v1?a=\"b\"&c=\\(d)")!"#))
        // Nothing from a spec starts a line of code.
        for line in (client + types).split(separator: "\n") {
            let trimmed = line.drop { $0 == " " }
            XCTAssertFalse(trimmed.hasPrefix("#error") || trimmed.hasPrefix("func injected"), String(line))
        }
    }

    func testNamesThatCollideOrAreKeywordsStillCompile() throws {
        let files = try generateAndCompile("names")
        let types = try XCTUnwrap(files["Types.swift"])
        XCTAssertTrue(types.contains("    public var userID: Swift.String?\n    public var userID2: Swift.String?\n"))
        // A standard type's coding method names no type, so the spec's `String` cannot stand
        // in for Swift's; other types are spelled so that they resolve to the right one.
        XCTAssertTrue(types.contains(#"self.userID3 = try container.decodeStringIfPresent(forKey: "userId")"#))
        XCTAssertTrue(types.contains(#"Foundation.Date.self, forKey: "date_value")"#))
        // Properties named like the coding functions' locals and parameters are still theirs.
        XCTAssertTrue(types.contains(#"try container.encodeStringIfPresent(self.container, forKey: "container")"#))
        XCTAssertTrue(types.contains(#"try container.encodeStringIfPresent(self.encoder, forKey: "encoder")"#))
        XCTAssertTrue(
            types.contains("let container = try decoder.container(keyedBy: OpenAPIGenRuntime.PropertyKey.self)"))
        XCTAssertTrue(types.contains("public var `for`: Swift.String?"))
        XCTAssertTrue(
            types.contains("public var dateValue: Foundation.Date?"),
            "Foundation.Date is qualified where a nested Date hides it")
        XCTAssertTrue(
            types.contains("public struct Pet2: Codable, Sendable {"), "pet and Pet both get a type")
    }

    func testUnicodeAndInvisibleCharactersAreShownNotObeyed() throws {
        let files = try generateAndCompile("unicode")
        let types = try XCTUnwrap(files["Types.swift"])
        XCTAssertTrue(types.contains(#"case "\u{202E}": self = "#), "a right-to-left override is escaped in literals")
        XCTAssertTrue(types.contains(#"case "🚀": self = "#), "printable characters stay readable")
        let client = try XCTUnwrap(files["Client.swift"])
        XCTAssertTrue(client.contains("Right-to-left override U+202E txet desrever U+202C"), "and shown in comments")
        XCTAssertFalse((types + client).unicodeScalars.contains { $0 == "\u{202E}" || $0 == "\u{0}" || $0 == "\u{7}" })
    }
}
