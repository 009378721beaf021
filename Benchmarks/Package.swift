// swift-tools-version: 6.0
import PackageDescription

// Benchmarks for openapi-gen, kept out of the main package so that its users never
// resolve or build swift-openapi-generator (the peer we compare against).
//
//   swift run -c release --package-path Benchmarks openapi-gen-bench [--runs N] [specs...]
//   bash Benchmarks/compile-time.sh [spec]
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
    ],
    swiftLanguageModes: [.v6]
)
