import ArgumentParser
import OpenAPIGenCore
import XCTest

@testable import openapi_gen

/// The help lists every `openapi-gen.yaml` key, from the list the configuration parser uses.
final class HelpTests: XCTestCase {
    func testTheHelpListsEveryConfigurationKey() throws {
        let help = Generate.helpMessage(columns: 200)
        XCTAssertFalse(ConfigurationFile.Key.allCases.isEmpty)
        for key in ConfigurationFile.Key.allCases {
            let line = help.split(separator: "\n").first {
                $0.trimmingCharacters(in: .whitespaces).hasPrefix(key.rawValue + " ")
            }
            XCTAssertNotNil(line, "the help lists '\(key.rawValue)':\n\(help)")
            XCTAssertTrue(line?.hasSuffix(key.summary) ?? false, "\(key.rawValue): \(line ?? "")")
        }
        XCTAssertEqual(ConfigurationFile.keys, ConfigurationFile.Key.allCases.map(\.rawValue))
    }

    /// Each key the help lists is one the parser reads: a file with all of them loads.
    func testEveryListedKeyIsAcceptedByTheParser() throws {
        let values: [ConfigurationFile.Key: String] = [
            .module: "Shop", .clientName: "ShopClient", .access: "package", .emit: "[types]", .tags: "[pets]",
            .operations: "[getPet]", .files: "2", .idempotencyKey: "{operations: [createPet]}",
            .nameOverrides: "{getPet: fetchPet}", .typeOverrides: "{Money: MyApp.Money}",
            .pagination:
                "{listPets: {type: cursor, inputs: [{name: after, in: parameters, type: cursor}], outputs: {results: $.data, nextCursor: $.next}}}",
            .conformances: "[Hashable]",
        ]
        let text = ConfigurationFile.Key.allCases.map { key in "\(key.rawValue): \(values[key] ?? "missing")\n" }
            .joined()
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("all-keys-\(UUID().uuidString).yaml")
        try text.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let configuration = try ConfigurationFile.load(path: file.path)
        XCTAssertEqual(configuration.module, "Shop")
        XCTAssertEqual(configuration.clientName, "ShopClient")
        XCTAssertEqual(configuration.access, .package)
        XCTAssertEqual(configuration.emit, [.types])
        XCTAssertEqual(configuration.tags, ["pets"])
        XCTAssertEqual(configuration.operations, ["getPet"])
        XCTAssertEqual(configuration.files, 2)
        XCTAssertEqual(configuration.idempotencyKey, IdempotencyKeyConfiguration(operations: ["createPet"]))
        XCTAssertEqual(configuration.nameOverrides?.map { [$0.key, $0.swiftName] }, [["getPet", "fetchPet"]])
        XCTAssertEqual(configuration.typeOverrides?.map { [$0.schema, $0.swiftType] }, [["Money", "MyApp.Money"]])
        XCTAssertEqual(configuration.pagination?.map(\.operationID), ["listPets"])
        XCTAssertEqual(configuration.conformances, ModelConformances(.hashable))
    }

    func testTheDefaultJobIsThisPackagesCalendlySDK() {
        let configuration = DefaultJob.configuration()
        XCTAssertEqual(configuration.moduleName, "CalendlyAPI")
        XCTAssertEqual(configuration.specDisplayName, DefaultJob.specPath)
        XCTAssertEqual(configuration.outputFileNames, ["Types.swift", "Client.swift"])
    }
}
