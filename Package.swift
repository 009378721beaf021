// swift-tools-version: 6.0
import PackageDescription

// The generator is a pipeline with one module per stage:
//   CYAML (libyaml) -> OpenAPIGenYAML (node tree with marks) -> OpenAPIGenModel (OpenAPI
//   document, $ref resolution, validation) -> OpenAPIGenTranslator (domain declarations,
//   OpenAPIGenDeclarations, lowered into the Swift syntax model, OpenAPIGenSyntax) ->
//   OpenAPIGenRenderer (prints syntax) -> OpenAPIGenCore (pipeline, atomic output, diffs)
//   -> openapi-gen (CLI). Every stage reports through OpenAPIGenDiagnostics.
// Generated SDKs depend only on Foundation and OpenAPIGenRuntime.
let package = Package(
    name: "swift-openapi-gen",
    // What the runtime and generated SDKs use (ContinuousClock, Task.sleep(for:), Regex) is in
    // these releases; nothing newer is used without `@available`.
    platforms: [.macOS(.v13), .iOS(.v16), .tvOS(.v16), .watchOS(.v9), .visionOS(.v1)],
    products: [
        .executable(name: "openapi-gen", targets: ["openapi-gen"]),
        .executable(name: "openapi-gen-corpus", targets: ["openapi-gen-corpus"]),
        .library(name: "OpenAPIGenCore", targets: ["OpenAPIGenCore"]),
        .library(name: "OpenAPIGenRuntime", targets: ["OpenAPIGenRuntime"]),
        .library(name: "CalendlyAPI", targets: ["CalendlyAPI"]),
        .plugin(name: "OpenAPIGenPlugin", targets: ["OpenAPIGenPlugin"]),
        .plugin(name: "GenerateSDK", targets: ["GenerateSDK"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
    ],
    targets: [
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
        ),
        .target(name: "OpenAPIGenDiagnostics"),
        .target(name: "OpenAPIGenYAML", dependencies: ["CYAML", "OpenAPIGenDiagnostics", "OpenAPIGenConcurrency"]),
        // Pieces of work on every core, for the stages that split theirs.
        .target(name: "OpenAPIGenConcurrency"),
        .target(
            name: "OpenAPIGenModel", dependencies: ["OpenAPIGenYAML", "OpenAPIGenDiagnostics", "OpenAPIGenConcurrency"]),
        .target(name: "OpenAPIGenDeclarations"),
        // A small model of Swift source, between the translator and the printer.
        .target(name: "OpenAPIGenSyntax"),
        .target(
            name: "OpenAPIGenTranslator",
            dependencies: [
                "OpenAPIGenModel", "OpenAPIGenDeclarations", "OpenAPIGenDiagnostics", "OpenAPIGenSyntax",
                "OpenAPIGenConcurrency",
            ]
        ),
        // Prints OpenAPIGenSyntax; knows nothing about OpenAPI or the runtime.
        .target(name: "OpenAPIGenRenderer", dependencies: ["OpenAPIGenSyntax", "OpenAPIGenConcurrency"]),
        .target(
            name: "OpenAPIGenCore",
            dependencies: [
                "OpenAPIGenDiagnostics", "OpenAPIGenYAML", "OpenAPIGenModel", "OpenAPIGenDeclarations",
                "OpenAPIGenTranslator", "OpenAPIGenRenderer", "OpenAPIGenConcurrency",
            ]
        ),
        .executableTarget(
            name: "openapi-gen",
            dependencies: [
                "OpenAPIGenCore", "OpenAPIGenDiagnostics",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Generates and compiles an SDK for every spec in ../shared/corpus (see the README).
        // Conformance: a caller program for an SDK, run against an OpenAPI validator (Conformance/judge.py).
        .target(
            name: "OpenAPIGenConformance",
            dependencies: [
                "OpenAPIGenModel", "OpenAPIGenTranslator", "OpenAPIGenDeclarations", "OpenAPIGenSyntax", "OpenAPIGenRenderer",
                "OpenAPIGenDiagnostics", "OpenAPIGenCore",
            ]
        ),
        .executableTarget(
            name: "openapi-gen-corpus",
            dependencies: [
                "OpenAPIGenCore", "OpenAPIGenRuntime", "OpenAPIGenConformance",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .plugin(name: "OpenAPIGenPlugin", capability: .buildTool(), dependencies: ["openapi-gen"]),
        .plugin(
            name: "GenerateSDK",
            capability: .command(
                intent: .custom(verb: "generate-sdk", description: "Regenerate a checked-in SDK from its OpenAPI spec"),
                permissions: [.writeToPackageDirectory(reason: "Writes the generated Swift files of the SDK")]
            ),
            dependencies: ["openapi-gen"],
            path: "Plugins/GenerateSDKCommand"
        ),
        .target(name: "OpenAPIGenRuntime"),
        .target(name: "CalendlyAPI", dependencies: ["OpenAPIGenRuntime"], path: "Generated/CalendlyAPI"),

        // Test support: a real HTTP/1.1 server on 127.0.0.1 that tests start and script.
        .target(name: "TestHTTPServer", path: "Tests/Support/TestHTTPServer"),
        // Test support: an SDK this package's own build plugin generates from a spec that uses
        // oneOf, forms, multipart, security schemes, typed headers… (PetShopSDKTests call it).
        .target(
            name: "PetShopSDK", dependencies: ["OpenAPIGenRuntime"], path: "Tests/Support/PetShopSDK",
            plugins: ["OpenAPIGenPlugin"]
        ),
        // Test support: an SDK the build plugin generates from an OpenAPI 3.2 spec (the QUERY
        // method, additionalOperations, querystring parameters); ThreeTwoSDKTests call it.
        .target(
            name: "ThreeTwoSDK", dependencies: ["OpenAPIGenRuntime"], path: "Tests/Support/ThreeTwoSDK",
            plugins: ["OpenAPIGenPlugin"]
        ),

        .testTarget(name: "OpenAPIGenDiagnosticsTests", dependencies: ["OpenAPIGenDiagnostics"]),
        .testTarget(name: "OpenAPIGenYAMLTests", dependencies: ["OpenAPIGenYAML"]),
        .testTarget(
            name: "OpenAPIGenModelTests", dependencies: ["OpenAPIGenModel", "OpenAPIGenYAML", "OpenAPIGenDiagnostics"]),
        .testTarget(
            name: "OpenAPIGenTranslatorTests",
            dependencies: ["OpenAPIGenCore", "OpenAPIGenTranslator", "OpenAPIGenRenderer", "OpenAPIGenSyntax"],
            exclude: ["Snippets"]
        ),
        .testTarget(name: "OpenAPIGenSyntaxTests", dependencies: ["OpenAPIGenSyntax"]),
        .testTarget(name: "OpenAPIGenConcurrencyTests", dependencies: ["OpenAPIGenConcurrency"]),
        .testTarget(name: "OpenAPIGenRendererTests", dependencies: ["OpenAPIGenRenderer", "OpenAPIGenSyntax"]),
        .testTarget(
            name: "OpenAPIGenCoreTests",
            dependencies: [
                "OpenAPIGenCore", "OpenAPIGenDiagnostics", "OpenAPIGenRenderer", "OpenAPIGenModel", "OpenAPIGenTranslator",
            ],
            exclude: ["Fixtures"]),
        // The command line: its own job (this package's Calendly SDK) and its help.
        .testTarget(
            name: "OpenAPIGenCommandTests",
            dependencies: ["openapi-gen", "OpenAPIGenCore", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        .testTarget(name: "OpenAPIGenRuntimeTests", dependencies: ["OpenAPIGenRuntime", "TestHTTPServer"]),
        .testTarget(
            name: "OpenAPIGenConformanceTests", dependencies: ["OpenAPIGenConformance", "OpenAPIGenRuntime"],
            exclude: ["Fixtures"]),
        .testTarget(name: "TestHTTPServerTests", dependencies: ["TestHTTPServer"]),
        .testTarget(name: "PetShopSDKTests", dependencies: ["PetShopSDK", "TestHTTPServer"]),
        .testTarget(name: "ThreeTwoSDKTests", dependencies: ["ThreeTwoSDK", "TestHTTPServer"]),
        .testTarget(
            name: "CalendlyAPITests",
            dependencies: ["CalendlyAPI", "OpenAPIGenRuntime", "TestHTTPServer"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
