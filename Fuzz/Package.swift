// swift-tools-version: 6.0
import PackageDescription

// A libFuzzer target over the whole pipeline, bytes to generated source. Kept out of the
// main package so ordinary builds neither pay for it nor need the sanitizers. Run with
// `bash Fuzz/run.sh [seconds]` from the repository root.
let package = Package(
    name: "OpenAPIGenFuzz",
    dependencies: [.package(name: "swift-openapi-gen", path: "..")],
    targets: [
        .target(name: "CFuzzerDriver"),
        .executableTarget(
            name: "OpenAPIGenFuzz",
            dependencies: ["CFuzzerDriver", .product(name: "OpenAPIGenCore", package: "swift-openapi-gen")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
