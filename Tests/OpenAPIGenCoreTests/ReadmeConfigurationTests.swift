import Foundation
import OpenAPIGenCore
import XCTest

/// The README's `openapi-gen.yaml` example is a valid configuration with every key it shows.
final class ReadmeConfigurationTests: XCTestCase {
    func testTheREADMEsConfigurationExampleLoads() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let start = try XCTUnwrap(readme.range(of: "```yaml\nmodule: ShopAPI"), "the README's configuration example")
        let block = readme[start.upperBound...].prefix { _ in true }
        let end = try XCTUnwrap(block.range(of: "\n```"))
        let yaml = "module: ShopAPI" + block[..<end.lowerBound] + "\n"
        let file = FileManager.default.temporaryDirectory.appendingPathComponent(
            "readme-config-\(UUID().uuidString).yaml")
        try yaml.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let configuration = try ConfigurationFile.load(path: file.path)
        XCTAssertEqual(configuration.module, "ShopAPI")
        XCTAssertEqual(configuration.clientName, "ShopClient")
        XCTAssertEqual(configuration.files, 8)
        XCTAssertEqual(configuration.tags, ["pets"])
        XCTAssertEqual(configuration.operations, ["getStore"])
        XCTAssertNotNil(configuration.idempotencyKey)
        XCTAssertEqual(configuration.nameOverrides?.count, 3)
        XCTAssertEqual(configuration.typeOverrides?.first?.swiftType, "MyApp.Money")
        XCTAssertEqual(configuration.conformances, ModelConformances(.hashable))
    }
}
