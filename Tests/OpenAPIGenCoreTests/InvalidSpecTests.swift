import Foundation
import OpenAPIGenCore
import OpenAPIGenDiagnostics
import XCTest

/// Every spec in `Fixtures/invalid/` is broken in one way and must fail with exactly the
/// diagnostics in its `.expected` file: file, line, column and message, never a crash.
/// Re-record after an intended change of wording with
/// `OPENAPI_GEN_RECORD=1 swift test --filter InvalidSpecTests`, then read the diff.
final class InvalidSpecTests: XCTestCase {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    func testEveryBrokenSpecFailsWithItsExactDiagnostics() throws {
        let directory = Self.fixtures.appendingPathComponent("invalid")
        let specs = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension != "expected" }.sorted { $0.lastPathComponent < $1.lastPathComponent }
        XCTAssertGreaterThanOrEqual(specs.count, 40)
        let record = ProcessInfo.processInfo.environment["OPENAPI_GEN_RECORD"] == "1"
        for spec in specs {
            let displayed = "invalid/" + spec.lastPathComponent
            let actual: String
            do {
                let result = try Generator.generate(
                    contentsOf: spec.path,
                    configuration: GeneratorConfiguration(moduleName: "Broken", specDisplayName: displayed))
                actual = "no error; \(result.files.count) files generated"
            } catch let diagnostic as Diagnostic {
                actual = diagnostic.description
            } catch let list as DiagnosticList {
                actual = list.description
            }
            let text =
                actual.replacingOccurrences(of: spec.path, with: displayed)
                .replacingOccurrences(of: spec.deletingLastPathComponent().path + "/", with: "invalid/") + "\n"
            let expectedURL = spec.appendingPathExtension("expected")
            if record {
                try text.write(to: expectedURL, atomically: true, encoding: .utf8)
                continue
            }
            let expected = (try? String(contentsOf: expectedURL, encoding: .utf8)) ?? "(no .expected file)\n"
            XCTAssertEqual(text, expected, spec.lastPathComponent)
            XCTAssertTrue(
                text.hasPrefix(displayed + ":"),
                "\(spec.lastPathComponent): the first diagnostic names the file, line and column")
        }
    }

    func testAHundredThousandLevelsOfNestingIsAnErrorNotAStackOverflow() {
        let deep =
            "openapi: 3.1.0\ninfo: {title: T, version: '1'}\nx-deep: "
            + String(repeating: "{a: ", count: 100_000) + "1" + String(repeating: "}", count: 100_000) + "\n"
        XCTAssertThrowsError(
            try Generator.generate(
                Array(deep.utf8), file: "deep.yaml",
                configuration: GeneratorConfiguration(moduleName: "Deep", specDisplayName: "deep.yaml"))
        ) { error in
            XCTAssertEqual("\(error)", "deep.yaml:3:2053: error: nesting is deeper than the limit of 512 levels")
        }
    }

    func testABillionLaughsSpecIsStoppedQuickly() {
        var text =
            "openapi: 3.1.0\ninfo: {title: T, version: '1'}\nx-0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for level in 1...9 {
            text +=
                "x-\(level): &l\(level) [" + Array(repeating: "*l\(level - 1)", count: 10).joined(separator: ", ")
                + "]\n"
        }
        XCTAssertThrowsError(
            try Generator.generate(
                Array(text.utf8), file: "lol.yaml",
                configuration: GeneratorConfiguration(moduleName: "Lol", specDisplayName: "lol.yaml"))
        ) { error in
            XCTAssertTrue("\(error)".contains("aliases expand to more than the limit of 100000 nodes"), "\(error)")
        }
    }
}
