import OpenAPIGenCore
import XCTest

final class UnifiedDiffTests: XCTestCase {
    func testIdenticalTextsHaveNoDiff() {
        XCTAssertEqual(UnifiedDiff.diff(old: "a\nb\n", new: "a\nb\n", oldName: "a", newName: "b"), "")
    }

    func testAChangedLineWithContext() {
        let old = (1...10).map { "line \($0)" }.joined(separator: "\n") + "\n"
        let new = old.replacingOccurrences(of: "line 5\n", with: "line five\n")
        XCTAssertEqual(
            UnifiedDiff.diff(old: old, new: new, oldName: "a/f", newName: "b/f"),
            """
            --- a/f
            +++ b/f
            @@ -2,7 +2,7 @@
             line 2
             line 3
             line 4
            -line 5
            +line five
             line 6
             line 7
             line 8

            """)
    }

    func testDistantChangesMakeSeparateHunks() {
        let old = (1...30).map { "l\($0)" }.joined(separator: "\n") + "\n"
        let new = old.replacingOccurrences(of: "l2\n", with: "").replacingOccurrences(of: "l28\n", with: "l28\nnew\n")
        let diff = UnifiedDiff.diff(old: old, new: new, oldName: "a", newName: "b")
        XCTAssertEqual(diff.components(separatedBy: "\n@@").count - 1, 2, diff)
        XCTAssertTrue(diff.contains("@@ -1,5 +1,4 @@\n l1\n-l2\n l3\n"), diff)
        XCTAssertTrue(diff.contains("+new\n"), diff)
    }

    func testCreatingAFile() {
        XCTAssertEqual(
            UnifiedDiff.diff(old: "", new: "x\ny\n", oldName: "/dev/null", newName: "b/f"),
            "--- /dev/null\n+++ b/f\n@@ -0,0 +1,2 @@\n+x\n+y\n")
    }
}
