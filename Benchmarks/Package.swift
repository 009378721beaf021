// swift-tools-version: 6.0
import PackageDescription

// Benchmarks for openapi-gen, kept out of the main package so that its users never
// resolve or build swift-openapi-generator (the peer we compare against).
//
//   swift run -c release --package-path Benchmarks openapi-gen-bench [--runs N] [specs...]
//   bash Benchmarks/compile-time.sh [spec]
//   bash Benchmarks/Decoding/run.sh [--runs N]
//
// See README.md for what is measured and RESULTS.md for the latest figures.
let package = Package(
    name: "openapi-gen-benchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        // The main package, by path. Naming it keeps `package:` below independent of the
        // folder the repository is cloned into (a path dependency's identity is otherwise
        // the folder's name).
        .package(name: "swift-openapi-gen", path: ".."),
        .package(url: "https://github.com/apple/swift-openapi-generator", exact: "1.14.3"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // What the peer's generated types need, for the decoding benchmark.
        .package(url: "https://github.com/apple/swift-openapi-runtime", exact: "1.13.4"),
    ],
    targets: [
        // libyaml, for the event floor. Not the main package's CYAML: target names must be
        // unique across the package graph.
        .systemLibrary(
            name: "CLibYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
        ),
        // Its own module so that the bench never imports two Clang modules over yaml.h.
        .target(name: "LibYAMLFloor", dependencies: ["CLibYAML"]),
        .executableTarget(
            name: "openapi-gen-bench",
            dependencies: [
                "LibYAMLFloor",
                .product(name: "OpenAPIGenCore", package: "swift-openapi-gen"),
                .product(name: "_OpenAPIGeneratorCore", package: "swift-openapi-generator"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The decoding benchmark: the same payloads decoded with each generator's types,
        // generated from one trimmed spec by Decoding/regenerate.sh and checked in.
        .target(
            name: "DecodingOurs",
            dependencies: [.product(name: "OpenAPIGenRuntime", package: "swift-openapi-gen")]
        ),
        .target(
            name: "DecodingPeer",
            dependencies: [.product(name: "OpenAPIRuntime", package: "swift-openapi-runtime")]
        ),
        .executableTarget(
            name: "openapi-gen-decode-bench",
            dependencies: [
                "DecodingOurs",
                "DecodingPeer",
                .product(name: "OpenAPIGenRuntime", package: "swift-openapi-gen"),
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
