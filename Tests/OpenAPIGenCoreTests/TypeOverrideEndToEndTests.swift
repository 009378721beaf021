import Foundation
import OpenAPIGenCore
import XCTest

/// A generated SDK whose `Money` schema is replaced by the user's own `Money` type (a
/// `typeOverrides` entry) builds with that type and decodes and encodes JSON through it.
final class TypeOverrideEndToEndTests: XCTestCase {
    private let spec = """
        openapi: 3.1.0
        info: {title: Billing API, version: '1'}
        paths:
          /invoices/{id}:
            get:
              operationId: getInvoice
              parameters:
                - {name: id, in: path, required: true, schema: {type: string}}
              responses:
                '200':
                  description: The invoice.
                  content:
                    application/json:
                      schema: {$ref: '#/components/schemas/Invoice'}
        components:
          schemas:
            Money:
              description: An amount as a decimal string, with its currency.
              type: object
              required: [amount, currency]
              properties:
                amount: {type: string}
                currency: {type: string}
            Line:
              type: object
              required: [price]
              properties:
                label: {type: string}
                price: {$ref: '#/components/schemas/Money'}
            Invoice:
              type: object
              required: [total, lines]
              properties:
                total: {$ref: '#/components/schemas/Money'}
                discount: {$ref: '#/components/schemas/Money'}
                lines: {type: array, items: {$ref: '#/components/schemas/Line'}}
                byCurrency: {type: object, additionalProperties: {$ref: '#/components/schemas/Money'}}

        """

    /// The user's type: whole cents in memory, a decimal string on the wire.
    private let money = """
        public struct Money: Codable, Hashable, Sendable {
            public var cents: Int
            public var currency: String

            private enum CodingKeys: String, CodingKey { case amount, currency }

            public init(from decoder: any Decoder) throws {
                let container = try decoder.container(keyedBy: CodingKeys.self)
                let amount = try container.decode(String.self, forKey: .amount)
                let parts = amount.split(separator: ".")
                guard parts.count == 2, let units = Int(parts[0]), let hundredths = Int(parts[1]), parts[1].count == 2 else {
                    throw DecodingError.dataCorruptedError(
                        forKey: .amount, in: container, debugDescription: "not an amount: \\(amount)")
                }
                cents = units * 100 + hundredths
                currency = try container.decode(String.self, forKey: .currency)
            }

            public func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                let hundredths = cents % 100
                try container.encode("\\(cents / 100).\\(hundredths < 10 ? "0" : "")\\(hundredths)", forKey: .amount)
                try container.encode(currency, forKey: .currency)
            }
        }

        """

    private let main = """
        import Foundation

        let json = #"{"byCurrency":{"EUR":{"amount":"3.05","currency":"EUR"}},"lines":[{"label":"Tea","price":{"amount":"12.50","currency":"EUR"}},{"price":{"amount":"0.99","currency":"EUR"}}],"total":{"amount":"13.49","currency":"EUR"}}"#
        let invoice = try JSONDecoder().decode(Invoice.self, from: Data(json.utf8))
        // The generated types hold the user's type, decoded by its own code.
        let total: Money = invoice.total
        precondition(total.cents == 1349 && invoice.lines[1].price.cents == 99 && invoice.discount == nil)
        precondition(invoice.byCurrency?["EUR"]?.cents == 305)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let encoded = String(decoding: try encoder.encode(invoice), as: UTF8.self)
        print(encoded == json ? "round trip" : "changed: \\(encoded)")

        """

    func testAGeneratedSDKUsesTheUsersTypeAndRoundTripsJSON() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let runtimeObjects = root.appendingPathComponent(".build/debug/OpenAPIGenRuntime.build")
        let modules = root.appendingPathComponent(".build/debug/Modules")
        let objects = try FileManager.default.contentsOfDirectory(at: runtimeObjects, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "o" }
        guard !objects.isEmpty else {
            throw NSError(
                domain: "a build product this test needs is missing", code: 1,
                userInfo: [NSLocalizedDescriptionKey: "no objects of OpenAPIGenRuntime in \(runtimeObjects.path)"])
        }
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("type-override-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }

        let specURL = work.appendingPathComponent("billing.yaml")
        try spec.write(to: specURL, atomically: true, encoding: .utf8)
        var configuration = GeneratorConfiguration(moduleName: "BillingAPI", specDisplayName: "billing.yaml")
        // Qualified with the generated module's own name: a type the user adds to that module
        // (the generated code spells it so, which no generated type can hide).
        configuration.typeOverrides = [TypeOverride(key: "Money", swiftType: "BillingAPI.Money")]
        let result = try Generator.generate(contentsOf: specURL.path, configuration: configuration)
        XCTAssertEqual(result.warnings, [])
        var sources: [URL] = []
        for file in result.files {
            let url = work.appendingPathComponent(file.name)
            try file.contents.write(to: url, atomically: true, encoding: .utf8)
            sources.append(url)
        }
        let types = try XCTUnwrap(result.files.first { $0.name == "Types.swift" }).contents
        XCTAssertFalse(types.contains("struct Money"), "no declaration for the replaced schema:\n\(types)")
        XCTAssertFalse(types.contains("import BillingAPI"), types)
        XCTAssertTrue(types.contains("    public var total: BillingAPI.Money\n"), types)
        XCTAssertTrue(types.contains("    public var byCurrency: [String: BillingAPI.Money]?\n"), types)
        XCTAssertTrue(
            types.contains(
                "// Type overrides (openapi-gen.yaml): Money -> BillingAPI.Money. These types are the user's and "
                    + "must be Codable and Sendable."), types)
        for (name, text) in [("Money.swift", money), ("main.swift", main)] {
            let url = work.appendingPathComponent(name)
            try text.write(to: url, atomically: true, encoding: .utf8)
            sources.append(url)
        }

        let program = work.appendingPathComponent("billing")
        let build = try Self.run(
            "/usr/bin/env",
            [
                "swiftc", "-swift-version", "6", "-warnings-as-errors", "-module-name", "BillingAPI", "-I",
                modules.path,
                "-o", program.path,
            ] + sources.map(\.path) + objects.map(\.path))
        XCTAssertEqual(build.status, 0, "the SDK with the user's type does not build:\n\(build.output)")
        guard build.status == 0 else { return }
        let run = try Self.run(program.path, [])
        XCTAssertEqual(run.status, 0, run.output)
        XCTAssertEqual(run.output, "round trip\n")
    }

    private static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, text)
    }
}
