import Foundation
import XCTest

/// Every snippet's expected Swift must compile without warnings against the runtime
/// module in Swift 6 mode, so the goldens can never hold code that does not build.
final class SnippetCompileTests: XCTestCase {
    func testEverySnippetCompilesWithoutWarnings() throws {
        let root = SnippetTests.directory.deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let modules = root.appendingPathComponent(".build/debug/Modules")
        guard FileManager.default.fileExists(atPath: modules.appendingPathComponent("OpenAPIGenRuntime.swiftmodule").path)
        else {
            throw XCTSkip("no debug build of OpenAPIGenRuntime at \(modules.path); run `swift build` first")
        }
        let snippets = try FileManager.default.contentsOfDirectory(at: SnippetTests.directory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "swift" }.sorted { $0.lastPathComponent < $1.lastPathComponent }
        XCTAssertFalse(snippets.isEmpty)
        for snippet in snippets {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [
                "swiftc", "-typecheck", "-swift-version", "6", "-warnings-as-errors", "-module-name", "Snippets",
                "-parse-as-library", "-I", modules.path, snippet.path,
            ]
            let output = Pipe()
            process.standardOutput = output
            process.standardError = output
            try process.run()
            let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            XCTAssertEqual(process.terminationStatus, 0, "\(snippet.lastPathComponent) does not compile:\n\(text)")
        }
    }
}
