import Foundation
import PackagePlugin

/// `swift package --allow-writing-to-package-directory generate-sdk [openapi-gen options]`
/// regenerates a checked-in SDK from its spec, running `openapi-gen generate` in the
/// package's directory. With no options it runs the package's default job (this
/// package: `spec/calendly-invitees.yaml` into `Generated/CalendlyAPI`); `--check` makes
/// it a drift check that writes nothing.
@main
struct GenerateSDKCommand: CommandPlugin {
    func performCommand(context: PluginContext, arguments: [String]) async throws {
        let process = Process()
        process.executableURL = try context.tool(named: "openapi-gen").url
        process.arguments = ["generate"] + arguments
        process.currentDirectoryURL = context.package.directoryURL
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CommandError("openapi-gen exited with status \(process.terminationStatus)")
        }
    }
}

struct CommandError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
