import Foundation
import XCTest

/// The stages import only what they use: a stage never imports a later one, the translator
/// never sees YAML, the renderer never sees the OpenAPI model, and tools that generate
/// import only Core (and the diagnostics). Read from the sources' `import` lines.
final class ModuleGraphTests: XCTestCase {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// This package's modules that the Swift files under `folder` import.
    private func imports(_ folder: String) throws -> Set<String> {
        let root = Self.packageRoot.appendingPathComponent(folder)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue,
            let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        else {
            throw NSError(
                domain: "ModuleGraphTests", code: 1, userInfo: [NSLocalizedDescriptionKey: "no folder \(folder)"])
        }
        var modules: Set<String> = []
        for case let file as URL in files where file.pathExtension == "swift" {
            let text = try String(contentsOf: file, encoding: .utf8)
            for line in text.split(separator: "\n") {
                let words = line.split(separator: " ").filter { !$0.hasPrefix("@") }
                guard let index = words.firstIndex(of: "import"), index + 1 < words.count,
                    words[..<index].allSatisfy({
                        ["public", "package", "internal", "private", "fileprivate"].contains($0)
                    })
                else { continue }
                // `import enum OpenAPIGenConcurrency.ConcurrentWork` imports the module too.
                let kinds: Set<Substring> = ["typealias", "struct", "class", "enum", "protocol", "let", "var", "func"]
                var name = words[index + 1]
                if kinds.contains(name), index + 2 < words.count { name = words[index + 2] }
                let module = String(name.split(separator: ".")[0])
                if module.hasPrefix("OpenAPIGen") || module == "CYAML" { modules.insert(module) }
            }
        }
        return modules
    }

    func testNoStageImportsAStageItDoesNotUse() throws {
        let forbidden: [String: Set<String>] = [
            "Sources/OpenAPIGenDiagnostics": [
                "CYAML", "OpenAPIGenYAML", "OpenAPIGenModel", "OpenAPIGenDeclarations", "OpenAPIGenTranslator",
                "OpenAPIGenRenderer", "OpenAPIGenCore",
            ],
            "Sources/OpenAPIGenYAML": [
                "OpenAPIGenModel", "OpenAPIGenDeclarations", "OpenAPIGenTranslator", "OpenAPIGenRenderer",
                "OpenAPIGenCore",
            ],
            "Sources/OpenAPIGenModel": [
                "CYAML", "OpenAPIGenDeclarations", "OpenAPIGenTranslator", "OpenAPIGenRenderer", "OpenAPIGenCore",
            ],
            "Sources/OpenAPIGenDeclarations": [
                "CYAML", "OpenAPIGenYAML", "OpenAPIGenModel", "OpenAPIGenTranslator", "OpenAPIGenRenderer",
                "OpenAPIGenCore",
            ],
            "Sources/OpenAPIGenTranslator": ["CYAML", "OpenAPIGenYAML", "OpenAPIGenRenderer", "OpenAPIGenCore"],
            "Sources/OpenAPIGenRenderer": [
                "CYAML", "OpenAPIGenYAML", "OpenAPIGenModel", "OpenAPIGenTranslator", "OpenAPIGenCore",
                "OpenAPIGenDeclarations",
            ],
            "Sources/OpenAPIGenSyntax": [
                "CYAML", "OpenAPIGenYAML", "OpenAPIGenModel", "OpenAPIGenTranslator", "OpenAPIGenCore",
                "OpenAPIGenDeclarations", "OpenAPIGenRenderer", "OpenAPIGenRuntime", "OpenAPIGenConcurrency",
            ],
            // Work on every core, for any stage: it knows none of them.
            "Sources/OpenAPIGenConcurrency": [
                "CYAML", "OpenAPIGenDiagnostics", "OpenAPIGenYAML", "OpenAPIGenModel", "OpenAPIGenTranslator",
                "OpenAPIGenCore", "OpenAPIGenDeclarations", "OpenAPIGenRenderer", "OpenAPIGenRuntime",
                "OpenAPIGenSyntax",
            ],
        ]
        for (folder, modules) in forbidden.sorted(by: { $0.key < $1.key }) {
            let found = try imports(folder).intersection(modules)
            XCTAssertEqual(found, [], "\(folder) imports \(found.sorted())")
        }
    }

    func testToolsThatGenerateImportOnlyCore() throws {
        let allowed: Set<String> = ["OpenAPIGenCore", "OpenAPIGenDiagnostics", "OpenAPIGenRuntime"]
        // The corpus tool also runs the conformance harness, whose caller generator reads the
        // translator's declarations (a test tool, not a stage of the pipeline).
        let extra: [String: Set<String>] = ["Sources/openapi-gen-corpus": ["OpenAPIGenConformance"]]
        for folder in ["Sources/openapi-gen", "Sources/openapi-gen-corpus", "Fuzz/Sources/OpenAPIGenFuzz"] {
            let allowed = allowed.union(extra[folder] ?? [])
            let found = try imports(folder)
            XCTAssertTrue(found.contains("OpenAPIGenCore"), "\(folder) generates through Core")
            XCTAssertTrue(found.isSubset(of: allowed), "\(folder) imports \(found.subtracting(allowed).sorted())")
        }
    }
}
