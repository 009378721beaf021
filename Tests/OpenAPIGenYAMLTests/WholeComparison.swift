import XCTest

@testable import OpenAPIGenYAML

/// `bytes` (as the file `name`) read whole, on one thread.
func readWhole(_ bytes: [UInt8], name: String) -> Result<(root: YAMLNode, references: [String]), Error> {
    Result {
        try YAMLParser.parseCollectingReferences(
            bytes, file: name, fileIndex: 0, limits: .default, pipelineThreshold: .max, halvesThreshold: .max)
    }
}

/// Reading `bytes` (as the file `name`) with pieces allowed from 0 bytes on gives what
/// reading the whole gives: the same tree (every mark, value and style) and `$ref`s, or the
/// same error.
func assertPiecesReadAsTheWhole(
    _ bytes: [UInt8], name: String, _ message: String, file: StaticString = #filePath, line: UInt = #line
) {
    func read(halvesThreshold: Int) -> Result<(root: YAMLNode, references: [String]), Error> {
        Result {
            try YAMLParser.parseCollectingReferences(
                bytes, file: name, fileIndex: 0, limits: .default, pipelineThreshold: .max,
                halvesThreshold: halvesThreshold)
        }
    }
    switch (read(halvesThreshold: .max), read(halvesThreshold: 0)) {
    case (.success(let one), .success(let other)):
        XCTAssertEqual(one.root.dump, other.root.dump, message, file: file, line: line)
        XCTAssertEqual(one.references, other.references, message, file: file, line: line)
    case (.failure(let one), .failure(let other)):
        XCTAssertEqual("\(one)", "\(other)", message, file: file, line: line)
    case (let one, let other):
        XCTFail("\(message): the whole gives \(one), pieces \(other)", file: file, line: line)
    }
}
