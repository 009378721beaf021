import Foundation
import XCTest

/// Asserts that two values encode to the same JSON (keys sorted). The PetShop SDK has the
/// default conformances, `Codable` and `Sendable` without `Equatable`, as a user's SDK
/// does, so its tests compare models by what they would send.
func assertSameJSON<T: Encodable>(
    _ actual: T, _ expected: T, _ message: String = "", file: StaticString = #filePath, line: UInt = #line
) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    XCTAssertEqual(
        String(decoding: try encoder.encode(actual), as: UTF8.self),
        String(decoding: try encoder.encode(expected), as: UTF8.self), message, file: file, line: line)
}
