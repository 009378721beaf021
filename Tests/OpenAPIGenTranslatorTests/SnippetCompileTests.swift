import Foundation
import XCTest

/// Every snippet's expected Swift must compile without warnings against the runtime
/// module in Swift 6 mode, so the goldens can never hold code that does not build.
final class SnippetCompileTests: XCTestCase {
    static let root = SnippetTests.directory.deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// `swiftc -typecheck` of `files` as the module `module`, against the debug build's
    /// runtime, in Swift 6 mode with warnings as errors: nil when they compile, else the log.
    static func typecheck(_ files: [URL], module: String) throws -> String? {
        let modules = root.appendingPathComponent(".build/debug/Modules")
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
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments =
            [
                "swiftc", "-typecheck", "-swift-version", "6", "-warnings-as-errors", "-module-name", module,
                "-parse-as-library", "-I", modules.path,
            ] + files.map(\.path)
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return process.terminationStatus == 0 ? nil : text
    }

    func testEverySnippetCompilesWithoutWarnings() throws {
        let snippets = try FileManager.default.contentsOfDirectory(
            at: SnippetTests.directory, includingPropertiesForKeys: nil
        )
        .filter { $0.pathExtension == "swift" }.sorted { $0.lastPathComponent < $1.lastPathComponent }
        XCTAssertFalse(snippets.isEmpty)
        var exampleCount = 0
        defer { XCTAssertGreaterThan(exampleCount, 30, "the snippets' usage examples went missing") }
        for snippet in snippets {
            // The usage examples in the docs compile too, in functions beside the code.
            let examples = FileManager.default.temporaryDirectory.appendingPathComponent(
                "examples-\(UUID().uuidString)-\(snippet.lastPathComponent)")
            let exampleCode = try Self.usageExamples(in: [snippet])
            exampleCount += exampleCode.components(separatedBy: "func usageExample").count - 1
            try exampleCode.write(to: examples, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(at: examples) }
            if let log = try Self.typecheck([snippet, examples], module: "Snippets") {
                XCTFail("\(snippet.lastPathComponent) does not compile:\n\(log)")
            }
        }
    }

    /// Each ```` ```swift ```` block of the files' doc comments as the body of a function
    /// taking the client it documents (`client`), so that a type-check proves the examples
    /// compile.
    static func usageExamples(in files: [URL]) throws -> String {
        var output = "import Foundation\nimport OpenAPIGenRuntime\n"
        var count = 0
        for file in files {
            var clientType: String?
            var block: [String]?
            for line in try String(contentsOf: file, encoding: .utf8).split(
                separator: "\n", omittingEmptySubsequences: false)
            {
                let text = line.trimmingCharacters(in: .whitespaces)
                if !line.hasPrefix(" "), let name = Self.clientName(declaredBy: String(line)) { clientType = name }
                if text == "/// ```swift" {
                    block = []
                } else if text == "/// ```", let lines = block, let clientType {
                    count += 1
                    var body = lines
                    // `let x = …` in an example is for the reader; use it so no warning says otherwise.
                    if let first = body.first, first.hasPrefix("let "),
                        let name = first.dropFirst(4).split(separator: " ").first
                    {
                        body.append("_ = \(name)")
                    }
                    // Deprecated operations have examples too: calling them here is no warning.
                    output +=
                        "\n@available(*, deprecated)\nfunc usageExample\(count)(client: \(clientType)) async throws {\n"
                        + body.map { "    " + $0 + "\n" }.joined() + "}\n"
                    block = nil
                } else if block != nil {
                    block!.append(text.hasPrefix("/// ") ? String(text.dropFirst(4)) : String(text.dropFirst(3)))
                }
            }
        }
        return output
    }

    /// `CalendlyClient` for `public struct CalendlyClient: Sendable {` or `extension CalendlyClient {`.
    private static func clientName(declaredBy line: String) -> String? {
        for prefix in ["public struct ", "package struct ", "struct ", "extension "] where line.hasPrefix(prefix) {
            let name = line.dropFirst(prefix.count).prefix { $0.isLetter || $0.isNumber || $0 == "_" }
            if name.hasSuffix("Client") && (line.hasSuffix(": Sendable {") || prefix == "extension ") {
                return String(name)
            }
        }
        return nil
    }

    /// The checked-in Calendly SDK's examples (its `createInvitee` books an invitee) compile
    /// against it.
    func testTheCalendlySDKsUsageExamplesCompile() throws {
        let sdk = Self.root.appendingPathComponent("Generated/CalendlyAPI")
        let files = try FileManager.default.contentsOfDirectory(at: sdk, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "swift" }.sorted { $0.lastPathComponent < $1.lastPathComponent }
        let text = try Self.usageExamples(in: files)
        XCTAssertTrue(text.contains("try await client.createInvitee("), text)
        let examples = FileManager.default.temporaryDirectory.appendingPathComponent(
            "calendly-examples-\(UUID().uuidString).swift")
        try text.write(to: examples, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: examples) }
        if let log = try Self.typecheck(files + [examples], module: "CalendlyAPI") {
            XCTFail("the Calendly SDK's usage examples do not compile:\n\(log)")
        }
    }
}
