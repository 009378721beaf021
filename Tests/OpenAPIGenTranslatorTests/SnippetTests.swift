import Foundation
import OpenAPIGenDiagnostics
import OpenAPIGenModel
import OpenAPIGenRenderer
import OpenAPIGenTranslator
import XCTest

import struct OpenAPIGenCore.ConfigurationFile
import enum OpenAPIGenCore.UnifiedDiff

/// Snippet tests: each `Snippets/<name>.yaml` (or `.json`) is a small spec for one feature and
/// `Snippets/<name>.swift` the exact Swift it must generate (all files, one after the
/// other). The spec goes through the translator, the lowering and the printer alone, not
/// the whole pipeline (`OpenAPIGenCore` only reads a snippet's configuration file and
/// shows differences). Re-record after an intended change with
/// `OPENAPI_GEN_RECORD=1 swift test --filter SnippetTests` (one snippet:
/// `--filter SnippetTests/testWebhooks`).
final class SnippetTests: XCTestCase {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Snippets")

    static func render(_ specURL: URL) throws -> (String, [String]) {
        let name = specURL.lastPathComponent
        var configuration = TranslatorConfiguration(moduleName: "Snippets", specDisplayName: name)
        // A snippet's configuration, if it has one, is `<name>.openapi-gen.yaml` beside it.
        let configURL = configurationURL(specURL)
        if FileManager.default.fileExists(atPath: configURL.path) {
            let file = try ConfigurationFile.load(path: configURL.path)
            configuration.nameOverrides = file.nameOverrides ?? []
            configuration.typeOverrides = file.typeOverrides ?? []
            configuration.pagination = file.pagination ?? []
            configuration.modelConformances = file.conformances ?? ModelConformances()
            var overridesOnly = ConfigurationFile()
            overridesOnly.nameOverrides = file.nameOverrides
            overridesOnly.typeOverrides = file.typeOverrides
            overridesOnly.pagination = file.pagination
            overridesOnly.conformances = file.conformances
            XCTAssertEqual(
                file, overridesOnly,
                "a snippet's configuration may only hold nameOverrides, typeOverrides, pagination and conformances")
        }
        let diagnostics = DiagnosticCollector()
        let bytes = try [UInt8](Data(contentsOf: specURL))
        let document = try DocumentParser.parse(bytes, file: specURL.path, diagnostics: diagnostics)
        let translation = try Translator(configuration: configuration).translate(document, diagnostics: diagnostics)
        let files = SwiftPrinter.print(
            SyntaxLowering(
                moduleName: configuration.moduleName, accessLevel: .public,
                conformances: configuration.modelConformances
            ).lower(translation.files))
        let text = files.map { "// ===== \($0.name) =====\n" + $0.contents }.joined(separator: "\n")
        return (
            text,
            diagnostics.diagnostics.map {
                $0.description.replacingOccurrences(of: specURL.path, with: name)
                    .replacingOccurrences(of: configURL.path, with: configURL.lastPathComponent)
            }
        )
    }

    /// `<name>.openapi-gen.yaml` for `<name>.yaml`.
    static func configurationURL(_ specURL: URL) -> URL {
        specURL.deletingPathExtension().appendingPathExtension("openapi-gen.yaml")
    }

    /// Every spec in `Snippets/`, each checked by a test method of its own below, so that
    /// one construct runs alone: `swift test --filter SnippetTests/testWebhooks`.
    static let specs = [
        "arrays.yaml",
        "binary-3-1.yaml",
        "bodies.yaml",
        "component-refs.yaml",
        "composites.yaml",
        "conformances-equatable.yaml",
        "conformances.yaml",
        "const-choice.yaml",
        "deep-refs.yaml",
        "default-response.yaml",
        "doc-examples.yaml",
        "enums.yaml",
        "formats.yaml",
        "free-form.yaml",
        "head-responses.yaml",
        "hostile.yaml",
        "idempotency-key.yaml",
        "json-input.json",
        "json-media-types.yaml",
        "lenient.yaml",
        "merge-keys.yaml",
        "multipart-encoding.yaml",
        "multipart-files.yaml",
        "multipart-responses.yaml",
        "name-clashes.yaml",
        "nullable.yaml",
        "objects.yaml",
        "openapi-3-2.yaml",
        "operations.yaml",
        "out-of-line-storage.yaml",
        "overrides.yaml",
        "pagination-link.yaml",
        "pagination.yaml",
        "parallel-function-clash.yaml",
        "parallel-type-clash.yaml",
        "parameter-override.yaml",
        "parameters.yaml",
        "recursive.yaml",
        "refs.yaml",
        "required-undeclared.yaml",
        "response-headers.yaml",
        "security.yaml",
        "servers.yaml",
        "shared-enums.yaml",
        "shared-types.yaml",
        "streaming-3-2.yaml",
        "streaming.yaml",
        "swagger2.yaml",
        "webhooks-methods.yaml",
        "webhooks.yaml",
    ]

    /// A spec added to `Snippets/` without a test method here fails this test.
    func testEverySnippetHasATestMethod() throws {
        let files = try FileManager.default.contentsOfDirectory(at: Self.directory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "yaml" || $0.pathExtension == "json" }.map(\.lastPathComponent)
            .filter { !$0.hasSuffix(".openapi-gen.yaml") }.sorted()
        XCTAssertEqual(files, Self.specs)
    }

    func testArrays() throws { try check("arrays.yaml") }
    /// OpenAPI 3.1's binary data: `contentMediaType` and `contentEncoding`.
    func testBinary31() throws { try check("binary-3-1.yaml") }
    func testBodies() throws { try check("bodies.yaml") }
    func testComponentRefs() throws { try check("component-refs.yaml") }
    func testComposites() throws { try check("composites.yaml") }
    func testConstChoice() throws { try check("const-choice.yaml") }
    func testDeepRefs() throws { try check("deep-refs.yaml") }
    func testDefaultResponse() throws { try check("default-response.yaml") }
    func testDocExamples() throws { try check("doc-examples.yaml") }
    func testEnums() throws { try check("enums.yaml") }
    func testFormats() throws { try check("formats.yaml") }
    func testFreeForm() throws { try check("free-form.yaml") }
    func testHeadResponses() throws { try check("head-responses.yaml") }
    func testHostile() throws { try check("hostile.yaml") }
    func testIdempotencyKey() throws { try check("idempotency-key.yaml") }
    func testJsonInput() throws { try check("json-input.json") }
    func testJsonMediaTypes() throws { try check("json-media-types.yaml") }
    func testLenient() throws { try check("lenient.yaml") }
    func testMergeKeys() throws { try check("merge-keys.yaml") }
    /// A multipart body's Encoding Object: files' default `Content-Type`, warnings.
    func testMultipartEncoding() throws { try check("multipart-encoding.yaml") }
    /// Multipart request bodies' files as `MultipartFile` (in memory or from disk).
    /// `conformances: [Hashable]` from `conformances.openapi-gen.yaml`: Hashable models,
    /// webhooks and type-override header.
    func testConformances() throws { try check("conformances.yaml") }
    /// `conformances: [Equatable]`: Equatable structs, choices and webhook enum.
    func testConformancesEquatable() throws { try check("conformances-equatable.yaml") }
    func testMultipartFiles() throws { try check("multipart-files.yaml") }
    func testMultipartResponses() throws { try check("multipart-responses.yaml") }
    func testNameClashes() throws { try check("name-clashes.yaml") }
    func testNullable() throws { try check("nullable.yaml") }
    func testObjects() throws { try check("objects.yaml") }
    func testOpenapi32() throws { try check("openapi-3-2.yaml") }
    func testOperations() throws { try check("operations.yaml") }
    func testOutOfLineStorage() throws { try check("out-of-line-storage.yaml") }
    func testParameterOverride() throws { try check("parameter-override.yaml") }
    func testParallelFunctionClash() throws { try check("parallel-function-clash.yaml") }
    func testParallelTypeClash() throws { try check("parallel-type-clash.yaml") }
    func testPagination() throws { try check("pagination.yaml") }
    /// `Link: <…>; rel="next"` pagination, from the spec and from `pagination-link.openapi-gen.yaml`.
    func testPaginationLink() throws { try check("pagination-link.yaml") }
    func testParameters() throws { try check("parameters.yaml") }
    func testRecursive() throws { try check("recursive.yaml") }
    func testRefs() throws { try check("refs.yaml") }
    func testRequiredUndeclared() throws { try check("required-undeclared.yaml") }
    func testResponseHeaders() throws { try check("response-headers.yaml") }
    func testSecurity() throws { try check("security.yaml") }
    func testServers() throws { try check("servers.yaml") }
    func testSharedEnums() throws { try check("shared-enums.yaml") }
    func testSharedTypes() throws { try check("shared-types.yaml") }
    func testStreaming32() throws { try check("streaming-3-2.yaml") }
    func testStreaming() throws { try check("streaming.yaml") }
    func testSwagger2() throws { try check("swagger2.yaml") }
    func testWebhooksMethods() throws { try check("webhooks-methods.yaml") }
    func testWebhooks() throws { try check("webhooks.yaml") }
    /// `nameOverrides` and `typeOverrides` from `overrides.openapi-gen.yaml`.
    func testOverrides() throws { try check("overrides.yaml") }

    /// Generates `name` and compares the Swift and the warnings with the expected files (or
    /// records them, with `OPENAPI_GEN_RECORD=1`).
    private func check(_ name: String) throws {
        let spec = Self.directory.appendingPathComponent(name)
        let expectedURL = spec.deletingPathExtension().appendingPathExtension("swift")
        let (actual, warnings) = try Self.render(spec)
        let warningsURL = spec.deletingPathExtension().appendingPathExtension("warnings")
        let warningText = warnings.map { $0 + "\n" }.joined()
        if ProcessInfo.processInfo.environment["OPENAPI_GEN_RECORD"] == "1" {
            try actual.write(to: expectedURL, atomically: true, encoding: .utf8)
            if warnings.isEmpty {
                try? FileManager.default.removeItem(at: warningsURL)
            } else {
                try warningText.write(to: warningsURL, atomically: true, encoding: .utf8)
            }
            return
        }
        let expected = try String(contentsOf: expectedURL, encoding: .utf8)
        XCTAssertTrue(
            actual == expected,
            "\(name) generates different Swift:\n"
                + UnifiedDiff.diff(
                    old: expected, new: actual, oldName: "expected/\(expectedURL.lastPathComponent)", newName: "actual")
        )
        let expectedWarnings = (try? String(contentsOf: warningsURL, encoding: .utf8)) ?? ""
        XCTAssertEqual(warningText, expectedWarnings, "warnings for \(name)")
    }
}
