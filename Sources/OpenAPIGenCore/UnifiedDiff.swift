/// Line-based unified diffs (`diff -u` style, three lines of context) for `--check` and
/// for golden-file test failures.
public enum UnifiedDiff {
    public static func diff(old: String, new: String, oldName: String, newName: String, context: Int = 3) -> String {
        let a = lines(old)
        let b = lines(new)
        if a == b { return "" }
        let edits = editScript(a, b)
        var out = "--- \(oldName)\n+++ \(newName)\n"
        // Group edits into hunks with `context` lines around each change.
        var index = 0
        while index < edits.count {
            guard let firstChange = edits[index...].firstIndex(where: { $0.kind != .same }) else { break }
            let start = max(index, firstChange - context)
            var end = firstChange
            var lastChange = firstChange
            while end < edits.count {
                if edits[end].kind != .same { lastChange = end }
                if end - lastChange > context * 2 { break }
                end += 1
            }
            let stop = min(edits.count, lastChange + context + 1)
            let hunk = edits[start..<stop]
            let oldStart = hunk.first!.oldLine
            let newStart = hunk.first!.newLine
            let oldCount = hunk.filter { $0.kind != .insert }.count
            let newCount = hunk.filter { $0.kind != .delete }.count
            out +=
                "@@ -\(oldCount == 0 ? oldStart : oldStart + 1),\(oldCount) +\(newCount == 0 ? newStart : newStart + 1),\(newCount) @@\n"
            for edit in hunk {
                switch edit.kind {
                case .same: out += " " + edit.text + "\n"
                case .delete: out += "-" + edit.text + "\n"
                case .insert: out += "+" + edit.text + "\n"
                }
            }
            index = stop
        }
        return out
    }

    private static func lines(_ text: String) -> [Substring] {
        var result = text.split(separator: "\n", omittingEmptySubsequences: false)
        if result.last == "" { result.removeLast() }
        return result
    }

    private struct Edit {
        enum Kind { case same, delete, insert }
        var kind: Kind
        var text: Substring
        /// 0-based line numbers in the old and new text where this edit stands.
        var oldLine: Int
        var newLine: Int
    }

    /// The edits turning `a` into `b`: common prefix and suffix kept, the middle by a
    /// longest-common-subsequence table when it is small enough, else replaced whole.
    private static func editScript(_ a: [Substring], _ b: [Substring]) -> [Edit] {
        var prefix = 0
        while prefix < a.count, prefix < b.count, a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix, suffix < b.count - prefix, a[a.count - 1 - suffix] == b[b.count - 1 - suffix] {
            suffix += 1
        }
        let midA = Array(a[prefix..<(a.count - suffix)])
        let midB = Array(b[prefix..<(b.count - suffix)])
        var edits: [Edit] = []
        for i in 0..<prefix { edits.append(Edit(kind: .same, text: a[i], oldLine: i, newLine: i)) }
        var i = 0
        var j = 0
        if midA.count * midB.count <= 4_000_000 {
            var table = [[Int]](repeating: [Int](repeating: 0, count: midB.count + 1), count: midA.count + 1)
            for x in stride(from: midA.count - 1, through: 0, by: -1) {
                for y in stride(from: midB.count - 1, through: 0, by: -1) {
                    table[x][y] = midA[x] == midB[y] ? table[x + 1][y + 1] + 1 : max(table[x + 1][y], table[x][y + 1])
                }
            }
            while i < midA.count || j < midB.count {
                if i < midA.count, j < midB.count, midA[i] == midB[j] {
                    edits.append(Edit(kind: .same, text: midA[i], oldLine: prefix + i, newLine: prefix + j))
                    i += 1
                    j += 1
                } else if i < midA.count, j == midB.count || table[i + 1][j] >= table[i][j + 1] {
                    // Deletions first, as `diff -u` prints them.
                    edits.append(Edit(kind: .delete, text: midA[i], oldLine: prefix + i, newLine: prefix + j))
                    i += 1
                } else {
                    edits.append(Edit(kind: .insert, text: midB[j], oldLine: prefix + i, newLine: prefix + j))
                    j += 1
                }
            }
        } else {
            for line in midA {
                edits.append(Edit(kind: .delete, text: line, oldLine: prefix + i, newLine: prefix))
                i += 1
            }
            for line in midB {
                edits.append(Edit(kind: .insert, text: line, oldLine: prefix + midA.count, newLine: prefix + j))
                j += 1
            }
        }
        for k in 0..<suffix {
            let oldIndex = a.count - suffix + k
            let newIndex = b.count - suffix + k
            edits.append(Edit(kind: .same, text: a[oldIndex], oldLine: oldIndex, newLine: newIndex))
        }
        return edits
    }
}
