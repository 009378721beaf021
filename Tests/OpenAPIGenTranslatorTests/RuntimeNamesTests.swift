import Foundation
import OpenAPIGenDeclarations
import XCTest

@testable import OpenAPIGenTranslator

/// Every runtime name the generator uses is declared by the runtime: a rename there fails
/// here, before any generated SDK does.
final class RuntimeNamesTests: XCTestCase {
    /// The runtime's symbols (`swift-symbolgraph-extract` over the debug build's module), by
    /// their path: `["ClientCore", "send"]`, with extensions of other modules' types.
    static func runtimeSymbolPaths() throws -> Set<[String]> {
        let modules = SnippetCompileTests.root.appendingPathComponent(".build/debug/Modules")
        guard
            FileManager.default.fileExists(atPath: modules.appendingPathComponent("OpenAPIGenRuntime.swiftmodule").path)
        else {
            throw NSError(
                domain: "a build product this test needs is missing", code: 1,
                userInfo: [
                    NSLocalizedDescriptionKey:
                        "no debug build of OpenAPIGenRuntime at \(modules.path); run `swift build` first"
                ])
        }
        let output = FileManager.default.temporaryDirectory.appendingPathComponent(
            "runtime-symbols-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: output) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "swift-symbolgraph-extract", "-module-name", RuntimeNames.module.name, "-I", modules.path,
            "-target", try targetTriple(), "-minimum-access-level", "public", "-output-dir", output.path,
        ]
        let log = Pipe()
        process.standardOutput = log
        process.standardError = log
        try process.run()
        let text = String(decoding: log.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw NSError(domain: "swift-symbolgraph-extract failed: \(text)", code: 2)
        }
        var paths: Set<[String]> = []
        for file in try FileManager.default.contentsOfDirectory(at: output, includingPropertiesForKeys: nil)
        where file.pathExtension == "json" {
            let graph = try JSONDecoder().decode(SymbolGraph.self, from: Data(contentsOf: file))
            for symbol in graph.symbols {
                // `send(_:operationID:options:server:)` -> `send`.
                paths.insert(symbol.pathComponents.map { String($0.prefix { $0 != "(" }) })
            }
        }
        return paths
    }

    private struct SymbolGraph: Decodable {
        struct Symbol: Decodable { var pathComponents: [String] }
        var symbols: [Symbol]
    }

    private static func targetTriple() throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["swiftc", "-print-target-info"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        struct Info: Decodable {
            struct Target: Decodable { var triple: String }
            var target: Target
        }
        return try JSONDecoder().decode(Info.self, from: data).target.triple
    }

    func testEveryRuntimeNameExistsInTheRuntime() throws {
        let symbols = try Self.runtimeSymbolPaths()
        XCTAssertTrue(symbols.contains(["ClientCore"]), "the symbol graph has the runtime's types")
        for type in RuntimeNames.allTypes {
            XCTAssertEqual(type.module, RuntimeNames.module.name)
            XCTAssertTrue(symbols.contains(type.path), "the runtime has no type \(type.path.joined(separator: "."))")
        }
        XCTAssertGreaterThan(RuntimeNames.allMembers.count, 40)
        for member in RuntimeNames.allMembers {
            XCTAssertTrue(
                symbols.contains([member.owner, member.name.name]),
                "the runtime has no member \(member.owner).\(member.name.name)")
        }
    }

    /// The test above can fail: a name the runtime does not have is missing from its symbols.
    func testAMissingNameIsNotFound() throws {
        let symbols = try Self.runtimeSymbolPaths()
        XCTAssertFalse(symbols.contains(["ClientCore", "sendRequestThatDoesNotExist"]))
        XCTAssertFalse(symbols.contains(["NoSuchRuntimeType"]))
    }

    /// The domain model names runtime types (`TypeName.runtime`, `.jsonValue`) with the same module.
    func testTheDomainModelNamesTheSameRuntimeModule() {
        XCTAssertEqual(TypeName.jsonValue, RuntimeNames.jsonValue)
        XCTAssertEqual(TypeName.calendarDate, RuntimeNames.calendarDate)
        XCTAssertEqual(TypeName.runtime("ClientCore"), RuntimeNames.clientCore)
    }
}
