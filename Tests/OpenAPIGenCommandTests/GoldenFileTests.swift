import Foundation
import OpenAPIGenCore
import XCTest

@testable import openapi_gen

/// The command's default job: generating from `spec/calendly-invitees.yaml` must
/// reproduce `Generated/CalendlyAPI` byte for byte. To re-record after an intended change: `swift run openapi-gen`
/// (or `OPENAPI_GEN_RECORD=1 swift test --filter GoldenFileTests`).
final class GoldenFileTests: XCTestCase {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    func testCalendlySDKMatchesTheCheckedInFiles() throws {
        let root = Self.packageRoot
        let result = try Generator.generate(
            contentsOf: root.appendingPathComponent(DefaultJob.specPath).path,
            configuration: DefaultJob.configuration())
        XCTAssertEqual(result.warnings.map(\.description), [], "the default spec generates without warnings")
        XCTAssertEqual(result.files.map(\.name), ["Types.swift", "Client.swift"])
        let directory = OutputDirectory(path: root.appendingPathComponent(DefaultJob.outputPath).path)
        if ProcessInfo.processInfo.environment["OPENAPI_GEN_RECORD"] == "1" {
            try directory.write(result.files)
        }
        let changes = directory.changes(for: result.files)
        XCTAssertTrue(
            changes.isEmpty,
            """
            Generated/CalendlyAPI differs from what the generator produces. If the change is intended, \
            re-record with `swift run openapi-gen`. Differences:
            \(changes.map(\.diff).joined())
            """)
    }

    func testGenerationIsDeterministic() throws {
        let path = Self.packageRoot.appendingPathComponent(DefaultJob.specPath).path
        let first = try Generator.generate(contentsOf: path, configuration: DefaultJob.configuration())
        let second = try Generator.generate(contentsOf: path, configuration: DefaultJob.configuration())
        XCTAssertEqual(first.files, second.files)
    }
}
