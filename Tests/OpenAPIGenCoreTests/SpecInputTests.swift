import Foundation
import OpenAPIGenCore
import XCTest

/// What the generator reads a spec from.
final class SpecInputTests: XCTestCase {
    private var directory = ""

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "SpecInputTests-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    private func file(_ name: String, _ bytes: [UInt8]) throws -> String {
        let path = directory + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// A spec written into a pipe (as `<(…)` gives one) is generated from like a file: the
    /// pipe is opened once, by the general reader.
    func testASpecFromAPipeIsGeneratedLikeAFile() throws {
        let spec = """
            openapi: 3.1.0
            info: {title: Pipe, version: '1'}
            paths:
              /pets: {get: {operationId: listPets, responses: {'204': {description: none}}}}
            """
        let regular = try file("api.yaml", Array(spec.utf8))
        let fifo = directory + "/pipe.yaml"
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        let writer = Thread {
            let handle = FileHandle(forWritingAtPath: fifo)
            handle?.write(Data(spec.utf8))
            try? handle?.close()
        }
        writer.start()
        let configuration = GeneratorConfiguration(moduleName: "Pipe", specDisplayName: "api.yaml")
        let fromPipe = try Generator.generate(contentsOf: fifo, configuration: configuration)
        let fromFile = try Generator.generate(contentsOf: regular, configuration: configuration)
        XCTAssertEqual(fromPipe.files, fromFile.files)
        XCTAssertTrue(fromFile.files.contains { $0.contents.contains("func listPets(") })
    }
}
