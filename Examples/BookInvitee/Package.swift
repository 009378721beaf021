// swift-tools-version: 6.0
import PackageDescription

// How a project uses openapi-gen, tested by the main package's .ci/run:
// - book-invitee: a command-line program that books a Calendly invitee through the
//   checked-in CalendlyAPI SDK;
// - PetStoreAPI: an SDK generated at build time by OpenAPIGenPlugin from the target's
//   openapi.yaml and openapi-gen.yaml; pet-store-demo uses it.
let package = Package(
    name: "BookInvitee",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "swift-openapi-gen", path: "../.."),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .executableTarget(
            name: "book-invitee",
            dependencies: [
                .product(name: "CalendlyAPI", package: "swift-openapi-gen"),
                .product(name: "OpenAPIGenRuntime", package: "swift-openapi-gen"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(
            name: "PetStoreAPI",
            dependencies: [.product(name: "OpenAPIGenRuntime", package: "swift-openapi-gen")],
            plugins: [.plugin(name: "OpenAPIGenPlugin", package: "swift-openapi-gen")]
        ),
        .executableTarget(name: "pet-store-demo", dependencies: ["PetStoreAPI"]),
    ],
    swiftLanguageModes: [.v6]
)
