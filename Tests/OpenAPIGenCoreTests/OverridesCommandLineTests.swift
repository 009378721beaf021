import Foundation
import XCTest

/// `nameOverrides` and `typeOverrides` in `openapi-gen.yaml`, as a user runs `openapi-gen`:
/// a bad entry is an error at its line and column and nothing is written; an entry that
/// matches nothing is a warning at its line and column.
final class OverridesCommandLineTests: XCTestCase {
    private var workDirectory: URL!

    override func setUpWithError() throws {
        workDirectory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "openapi-gen-overrides-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: workDirectory, withIntermediateDirectories: true)
        try spec.write(to: workDirectory.appendingPathComponent("api.yaml"), atomically: true, encoding: .utf8)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: workDirectory)
    }

    private let spec = """
        openapi: 3.1.0
        info: {title: Shop API, version: '1'}
        paths:
          /pets/{id}:
            get:
              operationId: getPet
              parameters:
                - {name: id, in: path, required: true, schema: {type: string}}
              responses:
                '200':
                  description: The pet.
                  content:
                    application/json:
                      schema: {$ref: '#/components/schemas/Pet'}
          /owners:
            get:
              operationId: listOwners
              responses:
                '200':
                  description: The owners.
                  content:
                    application/json:
                      schema: {type: array, items: {$ref: '#/components/schemas/Owner'}}
        components:
          schemas:
            Pet:
              type: object
              required: [name]
              properties:
                name: {type: string}
                pet_id: {type: string}
                price: {$ref: '#/components/schemas/Money'}
            Owner:
              type: object
              properties:
                name: {type: string}
            Money:
              type: object
              properties:
                cents: {type: integer}

        """

    /// Runs `openapi-gen api.yaml -o Out/ShopAPI` with `configuration` as `openapi-gen.yaml`.
    private func generate(_ configuration: String, _ extra: [String] = []) throws -> (status: Int32, stderr: String) {
        try configuration.write(
            to: workDirectory.appendingPathComponent("openapi-gen.yaml"), atomically: true, encoding: .utf8)
        let bundle = Bundle(for: Self.self).bundleURL
        let products = bundle.pathExtension == "xctest" ? bundle.deletingLastPathComponent() : bundle
        let executable = products.appendingPathComponent("openapi-gen")
        guard FileManager.default.isExecutableFile(atPath: executable.path) else {
            throw NSError(
                domain: "a build product this test needs is missing", code: 1,
                userInfo: [NSLocalizedDescriptionKey: "openapi-gen is not built at \(executable.path)"])
        }
        let process = Process()
        process.executableURL = executable
        process.arguments = ["api.yaml", "--output", "Out/ShopAPI"] + extra
        process.currentDirectoryURL = workDirectory
        let err = Pipe()
        process.standardError = err
        process.standardOutput = Pipe()
        try process.run()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, stderr)
    }

    private var wroteNothing: Bool {
        !FileManager.default.fileExists(atPath: workDirectory.appendingPathComponent("Out").path)
    }

    private func generated(_ file: String) throws -> String {
        try String(contentsOf: workDirectory.appendingPathComponent("Out/ShopAPI/\(file)"), encoding: .utf8)
    }

    private func assertError(_ configuration: String, _ expected: String, line: UInt = #line) throws {
        let result = try generate(configuration)
        XCTAssertEqual(result.status, 1, result.stderr, line: line)
        XCTAssertEqual(result.stderr, expected + "\n", line: line)
        XCTAssertTrue(wroteNothing, "nothing is written", line: line)
    }

    func testOverridesRenameAndReplace() throws {
        let result = try generate(
            """
            nameOverrides:
              "#/components/schemas/Pet": Animal
              "#/components/schemas/Pet/properties/pet_id": id
              getPet: fetchAnimal
            typeOverrides:
              Money: Foundation.Decimal

            """)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stderr, "")
        let types = try generated("Types.swift")
        XCTAssertTrue(types.contains("public struct Animal: Codable, Sendable {"), types)
        XCTAssertTrue(types.contains("    public var id: String?\n"), types)
        XCTAssertTrue(types.contains("    public var price: Decimal?\n"), types)
        XCTAssertFalse(types.contains("struct Money"), types)
        XCTAssertFalse(types.contains("struct Pet"), types)
        XCTAssertTrue(types.contains("Money -> Foundation.Decimal"), types)
        let client = try generated("Client.swift")
        XCTAssertTrue(client.contains("func fetchAnimal("), client)
        XCTAssertFalse(client.contains("func getPet("), client)
    }

    func testAnOverrideThatMatchesNothingIsALocatedWarning() throws {
        let configuration = """
            nameOverrides:
              getPets: fetchPets
              "#/components/schemas/Pet/properties/colour": color
            typeOverrides:
              "#/components/schemas/Price": Foundation.Decimal

            """
        let result = try generate(configuration)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(
            result.stderr,
            """
            openapi-gen.yaml:2:3: warning: nameOverrides 'getPets' renames nothing: no operation has the operationId 'getPets'
            openapi-gen.yaml:3:3: warning: nameOverrides '#/components/schemas/Pet/properties/colour' renames nothing: component schema 'Pet' generates no property 'colour'
            openapi-gen.yaml:5:3: warning: typeOverrides '#/components/schemas/Price' replaces nothing: no component schema 'Price'

            """)
        try FileManager.default.removeItem(at: workDirectory.appendingPathComponent("Out"))
        let strict = try generate(configuration, ["--warnings-as-errors"])
        XCTAssertEqual(strict.status, 1)
        XCTAssertTrue(wroteNothing)
    }

    func testASwiftNameMustBeAnIdentifier() throws {
        try assertError(
            """
            nameOverrides:
              getPet: fetch-pet

            """,
            "openapi-gen.yaml:2:11: error: the Swift name for 'getPet' must be an identifier (letters, digits and '_', "
                + "not starting with a digit), not 'fetch-pet'")
    }

    func testANameOverrideKeyMustBeAForm() throws {
        try assertError(
            """
            nameOverrides:
              "#/paths/~1pets/get": fetchPets

            """,
            "openapi-gen.yaml:2:3: error: '#/paths/~1pets/get' is not a key 'nameOverrides' takes: it takes "
                + "'#/components/schemas/NAME', '#/components/schemas/NAME/properties/PROPERTY' and operationIds")
    }

    func testATypeOverrideMustBeATypeName() throws {
        try assertError(
            """
            typeOverrides:
              Money: Foundation..Decimal

            """,
            "openapi-gen.yaml:2:10: error: the Swift type for 'Money' must be a type name: identifiers joined by dots "
                + "('Foundation.UUID', 'MyApp.Money'), not 'Foundation..Decimal'")
        try assertError(
            """
            typeOverrides:
              "#/components/schemas/Pet/properties/price": Foundation.Decimal

            """,
            "openapi-gen.yaml:2:3: error: '#/components/schemas/Pet/properties/price' is not a key 'typeOverrides' "
                + "takes: it takes a component schema's name, as 'NAME' or '#/components/schemas/NAME'")
        try assertError(
            """
            typeOverrides: [Money]

            """,
            "openapi-gen.yaml:1:16: error: 'typeOverrides' must be a mapping, found a list")
    }

    func testARenameOntoAnotherDeclarationsNameIsALocatedError() throws {
        try assertError(
            """
            nameOverrides:
              "#/components/schemas/Pet": Owner

            """,
            "openapi-gen.yaml:2:3: error: nameOverrides '#/components/schemas/Pet' names it 'Owner', which the type of "
                + "component schema 'Owner' already has")
        try assertError(
            """
            nameOverrides:
              "#/components/schemas/Pet/properties/pet_id": name

            """,
            "openapi-gen.yaml:2:3: error: nameOverrides '#/components/schemas/Pet/properties/pet_id' names it 'name', "
                + "which property 'name' already has")
        try assertError(
            """
            nameOverrides:
              getPet: listOwners

            """,
            "openapi-gen.yaml:2:3: error: nameOverrides 'getPet' names it 'listOwners', which operation 'listOwners' "
                + "already has")
        try assertError(
            """
            nameOverrides:
              "#/components/schemas/Money": Money2
            typeOverrides:
              Money: Foundation.Decimal

            """,
            "openapi-gen.yaml:2:3: error: '#/components/schemas/Money' is renamed and also replaced by a type override; "
                + "remove one of the two")
    }
}
