@testable import OpenAPIGenYAML

extension YAMLNode {
    /// Every node with its mark, kind, value, style and tag, indented by depth: two trees
    /// are the same when their dumps are.
    var dump: String {
        var text = ""
        dump(depth: 0, into: &text)
        return text
    }

    private func dump(depth: Int, into text: inout String) {
        let indent = String(repeating: " ", count: depth)
        let mark = "\(mark.line):\(mark.column)/\(mark.file)"
        switch content {
        case .scalar(let scalar):
            text += "\(indent)\(mark) \(scalar.value.debugDescription) \(scalar.style) \(scalar.tag ?? "-")\n"
        case .sequence(let items):
            text += "\(indent)\(mark) [\n"
            for item in items { item.dump(depth: depth + 1, into: &text) }
        case .mapping(let pairs):
            text += "\(indent)\(mark) {\n"
            for pair in pairs {
                pair.key.dump(depth: depth + 1, into: &text)
                pair.value.dump(depth: depth + 2, into: &text)
            }
        }
    }
}
