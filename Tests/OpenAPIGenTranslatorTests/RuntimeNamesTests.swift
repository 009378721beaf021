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
        Set(try runtimeSymbols().map { $0.map { String($0.prefix { $0 != "(" }) } })
    }

    /// The argument labels of the runtime's functions and initialisers, by their path
    /// (`["ClientCore", "send"]`), over all overloads: `send(_:operationID:options:server:)`
    /// has `operationID`, `options` and `server`.
    static func runtimeArgumentLabels() throws -> [[String]: Set<String>] {
        var labels: [[String]: Set<String>] = [:]
        for components in try runtimeSymbols() {
            guard let last = components.last, let open = last.firstIndex(of: "(") else { continue }
            let path = components.dropLast() + [String(last[..<open])]
            let names = last[last.index(after: open)...].dropLast().split(separator: ":").map(String.init)
            labels[Array(path), default: []].formUnion(names.filter { $0 != "_" })
        }
        return labels
    }

    /// The path components of the runtime's symbols, as the symbol graph spells them.
    private static func runtimeSymbols() throws -> [[String]] {
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
        var symbols: [[String]] = []
        for file in try FileManager.default.contentsOfDirectory(at: output, includingPropertiesForKeys: nil)
        where file.pathExtension == "json" {
            let graph = try JSONDecoder().decode(SymbolGraph.self, from: Data(contentsOf: file))
            symbols += graph.symbols.map(\.pathComponents)
        }
        return symbols
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

    /// Every argument label generated code passes to a runtime call is one of that call's
    /// parameters in the runtime.
    func testEveryRuntimeArgumentLabelExistsInTheRuntime() throws {
        let labels = try Self.runtimeArgumentLabels()
        XCTAssertEqual(labels[["ClientCore", "send"]], ["operationID", "options", "server"])
        let members = RuntimeNames.allMembers.filter { !$0.labels.isEmpty }
        XCTAssertGreaterThan(members.count, 25)
        for member in members {
            let known = labels[[member.owner, member.name.name]] ?? []
            for label in member.labels {
                XCTAssertTrue(
                    known.contains(label.name),
                    "\(member.owner).\(member.name.name) has no argument labelled \(label.name) (it has \(known.sorted()))"
                )
            }
        }
        XCTAssertFalse(labels[["ClientCore", "send"]]?.contains("operationId") ?? true)
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
