import Foundation
import OpenAPIGenCore
import XCTest

/// Specs split over several files: `$ref`s to other files are bundled in, and problems in
/// those files are reported at their own file, line and column.
final class ExternalReferenceTests: XCTestCase {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/multi-file")

    private var workDirectory: URL!

    override func setUpWithError() throws {
        workDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("multi-file-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: Self.fixture, to: workDirectory)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: workDirectory)
    }

    private func generate() throws -> [String: String] {
        let result = try Generator.generate(
            contentsOf: workDirectory.appendingPathComponent("api.yaml").path,
            configuration: GeneratorConfiguration(moduleName: "Split", specDisplayName: "api.yaml"))
        XCTAssertEqual(result.warnings.map(\.description), [])
        return Dictionary(uniqueKeysWithValues: result.files.map { ($0.name, $0.contents) })
    }

    private func write(_ path: String, _ text: String) throws {
        try text.write(to: workDirectory.appendingPathComponent(path), atomically: true, encoding: .utf8)
    }

    private func error(_ file: String = "api.yaml") -> String {
        do {
            _ = try Generator.generate(
                contentsOf: workDirectory.appendingPathComponent(file).path,
                configuration: GeneratorConfiguration(moduleName: "Split", specDisplayName: file))
            return "no error"
        } catch {
            return String(describing: error).replacingOccurrences(of: workDirectory.path + "/", with: "")
        }
    }

    func testPathsParametersResponsesAndSchemasFromOtherFilesAreBundled() throws {
        let files = try generate()
        let types = try XCTUnwrap(files["Types.swift"])
        let client = try XCTUnwrap(files["Client.swift"])
        // Each schema once, whichever way it was reached (`../api.yaml#/...` is the root's own).
        XCTAssertEqual(types.components(separatedBy: "public struct Error2:").count, 2, types)
        XCTAssertTrue(types.contains("public struct Pet: Codable"), types)
        XCTAssertTrue(types.contains("    public var friends: [Pet]?"), types)  // `$ref: '#'` in Pet.yaml is Pet
        XCTAssertTrue(types.contains("    public var owner: Owner?"), types)
        XCTAssertFalse(types.contains("Unused"), "only what is referenced is copied")
        XCTAssertTrue(client.contains("request.addQueryParameter(\"limit\", limit)"), client)
        XCTAssertTrue(client.contains("throw core.documentedError(Error2.self, from: response"), client)
    }

    func testProblemsInAnotherFileNameThatFile() throws {
        try write("schemas/Owner.yaml", "type: object\nproperties:\n  name: {type: strin}\n")
        XCTAssertEqual(
            error(),
            "schemas/Owner.yaml:3:16: error: unknown type 'strin'; expected one of string, number, integer, boolean, array, object, null"
        )
    }

    func testMissingFilesPointersRemoteAndSpecialFilesAreLocatedErrors() throws {
        try write("schemas/Owner.yaml", "$ref: 'Nobody.yaml'\n")
        XCTAssertEqual(
            error(),
            "schemas/Owner.yaml:1:7: error: '$ref: Nobody.yaml': cannot read 'schemas/Nobody.yaml': no such file")
        try write("schemas/Owner.yaml", "$ref: '../common/parameters.yaml#/offset'\n")
        XCTAssertEqual(
            error(),
            "schemas/Owner.yaml:1:7: error: '$ref: ../common/parameters.yaml#/offset': common/parameters.yaml has nothing at '/offset'"
        )
        try write("schemas/Owner.yaml", "$ref: 'https://example.com/owner.yaml'\n")
        XCTAssertEqual(
            error(),
            "schemas/Owner.yaml:1:7: error: '$ref: https://example.com/owner.yaml' refers to a remote document; only files beside the spec are read"
        )
        let depth = workDirectory.pathComponents.count
        let devZero = String(repeating: "../", count: depth) + "dev/zero"
        try write("schemas/Owner.yaml", "$ref: '\(devZero)'\n")
        XCTAssertTrue(error().hasSuffix("is not a regular file"), error())
    }

    /// Extensions and example values are data: a `$ref` in them is never followed (a vendor
    /// may point to files it does not publish), while a property or header *named* `x-…`
    /// is no extension, and its `$ref` is followed.
    func testReferencesInExtensionsAndExamplesAreNotFollowedButNamesStartingWithXAre() throws {
        try write(
            "schemas/Owner.yaml",
            """
            type: object
            x-vendor-policy:
              policies: {$ref: '../policies-not-shipped.yaml'}
            example:
              note: {$ref: 'not-a-reference-but-data.yaml'}
            properties:
              x-rate: {$ref: 'Rate.yaml'}

            """)
        try write("schemas/Rate.yaml", "type: integer\n")
        let types = try XCTUnwrap(try generate()["Types.swift"])
        XCTAssertTrue(types.contains("public var xRate: Rate?"), types)
        XCTAssertTrue(types.contains("public typealias Rate = Int"), types)
    }

    /// In files reached through `$ref`, a Reference Object where the spec allows none is
    /// replaced by its target, whatever it is: a string (a description), a map of
    /// properties. Bundlers do the same.
    func testReferencesToStringsAndMapsArePutInPlace() throws {
        try write(
            "schemas/Owner.yaml",
            """
            type: object
            description: {$ref: 'texts.yaml#/owner'}
            properties: {$ref: 'attributes.yaml#/owner_properties'}

            """)
        try write("schemas/texts.yaml", "owner: The person who keeps the pet.\n")
        try write(
            "schemas/attributes.yaml",
            "owner_properties:\n  nickname: {type: string}\n  since: {type: string, format: date}\n")
        let types = try XCTUnwrap(try generate()["Types.swift"])
        XCTAssertTrue(types.contains("/// The person who keeps the pet.\npublic struct Owner"), types)
        XCTAssertTrue(types.contains("public var nickname: String?"), types)
        XCTAssertTrue(types.contains("public var since: CalendarDate?"), types)
    }

    func testAReferenceThatContainsItselfIsALocatedError() throws {
        try write("schemas/Owner.yaml", "type: object\nproperties: {$ref: '#/loop'}\nloop: {$ref: '#/loop'}\n")
        XCTAssertEqual(error(), "schemas/Owner.yaml:3:14: error: '$ref: #/loop' contains itself")
    }

    /// The limits on split specs are far beyond real ones (50,000 files, 1 GiB), and each
    /// has its own located error; here they are set low to see them.
    func testTheFileCountAndTotalSizeLimitsEachHaveTheirOwnError() throws {
        func error(_ limits: YAMLLimits) -> String {
            do {
                _ = try Generator.generate(
                    contentsOf: workDirectory.appendingPathComponent("api.yaml").path,
                    configuration: GeneratorConfiguration(moduleName: "Split", specDisplayName: "api.yaml"),
                    limits: limits)
                return "no error"
            } catch {
                return String(describing: error).replacingOccurrences(of: workDirectory.path + "/", with: "")
            }
        }
        XCTAssertEqual(error(YAMLLimits(maxFiles: 100, maxTotalBytes: 1 << 20)), "no error")
        XCTAssertTrue(
            error(YAMLLimits(maxFiles: 2)).contains("error: more than 2 files are referenced;"),
            error(YAMLLimits(maxFiles: 2)))
        let tooMuch = error(YAMLLimits(maxTotalBytes: 100))
        XCTAssertTrue(tooMuch.contains("error: the referenced files add up to more than 100 bytes;"), tooMuch)
    }
}
