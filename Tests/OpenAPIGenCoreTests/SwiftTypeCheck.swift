import Foundation
import XCTest

/// Type-checks generated files as one module against this package's debug build of
/// `OpenAPIGenRuntime`, in Swift 6 mode with warnings as errors.
enum SwiftTypeCheck {
    /// swiftc's exit status and everything it printed; skips the test when there is no
    /// debug build of the runtime to check against.
    static func run(_ files: [URL], module: String) throws -> (status: Int32, output: String) {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
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
        return (process.terminationStatus, text)
    }
}
