import OpenAPIGenDiagnostics
import XCTest

final class DiagnosticTests: XCTestCase {
    func testADiagnosticPrintsTheWayTheCompilerDoes() {
        let location = SourceLocation(file: "spec.yaml", line: 42, column: 7)
        let diagnostic = Diagnostic(
            .error, "'$ref' points to nothing", at: location,
            notes: [Diagnostic(.note, "first used here", at: SourceLocation(file: "spec.yaml", line: 3, column: 1))])
        XCTAssertEqual(
            diagnostic.description,
            "spec.yaml:42:7: error: '$ref' points to nothing\nspec.yaml:3:1: note: first used here")
        XCTAssertEqual(Diagnostic(.warning, "no location", at: nil).description, "warning: no location")
        XCTAssertEqual(
            DiagnosticList([Diagnostic(.error, "a", at: nil), Diagnostic(.error, "b", at: location)]).description,
            "error: a\nspec.yaml:42:7: error: b")
    }

    func testTheCollectorKeepsOrderAndEmitOnceSkipsWhatWasGiven() {
        let collector = DiagnosticCollector()
        let first = Diagnostic(.warning, "first", at: SourceLocation(file: "a.yaml", line: 1, column: 1))
        let second = Diagnostic(.warning, "second", at: nil)
        collector.emitOnce(first)
        collector.emitOnce(first)
        collector.emit(second)
        collector.emitOnce(second)
        XCTAssertEqual(collector.diagnostics, [first, second])
        // `emit` records every diagnostic it is given, repeated ones included.
        collector.emit(contentsOf: [second, first])
        XCTAssertEqual(collector.diagnostics, [first, second, second, first])
    }

    func testTheCollectorTakesDiagnosticsFromConcurrentWork() {
        let collector = DiagnosticCollector()
        DispatchQueue.concurrentPerform(iterations: 100) { index in
            collector.emitOnce(Diagnostic(.warning, "w\(index % 10)", at: nil))
        }
        XCTAssertEqual(Set(collector.diagnostics.map(\.message)), Set((0..<10).map { "w\($0)" }))
        XCTAssertEqual(collector.diagnostics.count, 10)
    }
}
