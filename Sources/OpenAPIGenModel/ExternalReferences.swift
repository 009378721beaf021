import Foundation
import OpenAPIGenYAML

/// Bundles a spec split over several files into one document: each `$ref` to another
/// file (`common.yaml#/components/schemas/Error`, `schemas/Pet.yaml`) has its target
/// copied into the root document's `components` (path items are put in place) and is
/// rewritten to point there. References inside the copied parts are followed the same
/// way, relative to their own file; a part referenced twice is copied once, so cycles
/// end. Nodes keep their file (`YAMLMark.file`), so diagnostics name the right file.
struct ExternalReferences {
    /// Display names of the files, by `YAMLMark.file`; the root spec first.
    private(set) var files: [String]
    /// Paths to read them from.
    private var paths: [String]
    private var loaded: [Int: YAMLNode] = [:]
    private let limits: YAMLLimits
    /// `file#pointer` -> the local reference its copy got.
    private var copies: [String: String] = [:]
    /// Copied components by kind, in the order they were first referenced.
    private var added: [String: [(name: String, node: YAMLNode, keyMark: YAMLMark)]] = [:]
    private var usedNames: [String: Set<String>] = [:]

    static let maxFiles = 1000
    static let componentKinds = [
        "schemas", "responses", "parameters", "examples", "requestBodies", "headers", "securitySchemes", "links",
        "callbacks",
    ]

    /// Whether a `$ref` names another file. `components/schemas/X` (a local reference
    /// missing its `#`) is left to the document's own check, which suggests the fix.
    static func isExternal(_ target: String) -> Bool {
        if target.hasPrefix("#") { return false }
        if !target.contains("#") && (target.hasPrefix("components/") || target.hasPrefix("/components/")) { return false }
        return true
    }

    /// Whether `node` has a `$ref` that leaves the document.
    static func hasExternalReference(_ node: YAMLNode) -> Bool {
        var stack = [node]
        while let node = stack.popLast() {
            switch node.content {
            case .scalar: continue
            case .sequence(let items): stack.append(contentsOf: items)
            case .mapping(let pairs):
                for pair in pairs {
                    if pair.key.scalar?.value == "$ref", let target = pair.value.scalar?.value, isExternal(target) {
                        return true
                    }
                    stack.append(pair.value)
                }
            }
        }
        return false
    }

    /// The root document with every external reference bundled in, and the files read.
    static func bundle(_ root: YAMLNode, file: String, limits: YAMLLimits) throws -> (YAMLNode, [String]) {
        let absolute = file.hasPrefix("/") ? file : FileManager.default.currentDirectoryPath + "/" + file
        var bundler = ExternalReferences(files: [file], paths: [normalized("", absolute)], limits: limits)
        bundler.loaded[0] = root
        if let components = root["components"]?.mapping {
            for pair in components {
                guard let kind = pair.key.scalar?.value, let entries = pair.value.mapping else { continue }
                bundler.usedNames[kind] = Set(entries.compactMap { $0.key.scalar?.value })
            }
        }
        // A Swagger 2.0 document's own components, which become these kinds once converted.
        for (section, kind) in [("definitions", "schemas"), ("parameters", "parameters"), ("responses", "responses")]
        where root["swagger"] != nil {
            let names = root[section]?.mapping?.compactMap { $0.key.scalar?.value } ?? []
            bundler.usedNames[kind, default: []].formUnion(names)
        }
        var bundled = try bundler.rewrite(root, file: 0, path: [])
        bundled = bundler.addComponents(to: bundled)
        return (bundled, bundler.files)
    }

    private init(files: [String], paths: [String], limits: YAMLLimits) {
        self.files = files
        self.paths = paths
        self.limits = limits
    }

    // MARK: Rewriting

    private mutating func rewrite(_ node: YAMLNode, file: Int, path: [String]) throws -> YAMLNode {
        guard path.count < limits.maxDepth else { return node }
        switch node.content {
        case .scalar:
            return node
        case .sequence(let items):
            var result: [YAMLNode] = []
            result.reserveCapacity(items.count)
            for (index, item) in items.enumerated() {
                result.append(try rewrite(item, file: file, path: path + [String(index)]))
            }
            return YAMLNode(.sequence(result), mark: node.mark)
        case .mapping(let pairs):
            if let referencePair = pairs.first(where: { $0.key.scalar?.value == "$ref" }),
                let target = referencePair.value.scalar?.value, file != 0 || Self.isExternal(target)
            {
                let kind = Self.kind(at: path)
                if kind == "pathItem" {
                    // Path items are put in place (OpenAPI 3.0 has no components for them).
                    let (targetFile, targetNode, _) = try locate(target, from: file, at: referencePair.value)
                    return try rewrite(targetNode, file: targetFile, path: path)
                }
                let local = try copy(target, from: file, kind: kind, at: referencePair.value)
                var result = pairs
                for index in result.indices where result[index].key.scalar?.value == "$ref" {
                    result[index].value = YAMLNode(
                        .scalar(YAMLScalar(value: local, style: .singleQuoted)), mark: referencePair.value.mark)
                }
                return YAMLNode(.mapping(result), mark: node.mark)
            }
            var result: [YAMLPair] = []
            result.reserveCapacity(pairs.count)
            for pair in pairs {
                var pair = pair
                pair.value = try rewrite(pair.value, file: file, path: path + [pair.key.scalar?.value ?? ""])
                result.append(pair)
            }
            return YAMLNode(.mapping(result), mark: node.mark)
        }
    }

    /// The component kind a `$ref` at `path` stands for.
    private static func kind(at path: [String]) -> String {
        if path.count == 2 && path[0] == "paths" { return "pathItem" }
        // Swagger 2.0's top-level `parameters` and `responses`.
        if path.count == 2 && (path[0] == "parameters" || path[0] == "responses") { return path[0] }
        if path.count >= 3, path[path.count - 3] == "components", componentKinds.contains(path[path.count - 2]) {
            return path[path.count - 2]
        }
        guard let last = path.last else { return "schemas" }
        let parent = path.count >= 2 ? path[path.count - 2] : ""
        if parent == "parameters" && Int(last) != nil { return "parameters" }
        if parent == "responses" && (Int(last) != nil || last == "default" || last.hasSuffix("XX")) {
            // `responses` of an operation, not a schema property called `responses`.
            if path.count < 3 || path[path.count - 3] != "properties" { return "responses" }
        }
        if last == "requestBody" { return "requestBodies" }
        if parent == "headers" && (path.count < 3 || path[path.count - 3] != "properties") { return "headers" }
        return "schemas"
    }

    /// Copies the target of `target` (written in `file`) into the components, once, and
    /// returns the local reference to it.
    private mutating func copy(_ target: String, from file: Int, kind defaultKind: String, at node: YAMLNode) throws
        -> String
    {
        let (targetFile, targetNode, pointer) = try locate(target, from: file, at: node)
        if targetFile == 0 { return "#" + pointer }
        let key = "\(targetFile)#\(pointer)"
        if let local = copies[key] { return local }
        let segments = Self.segments(pointer)
        var kind = defaultKind
        var base = (files[targetFile] as NSString).lastPathComponent
        base = (base as NSString).deletingPathExtension
        if segments.count == 3, segments[0] == "components", Self.componentKinds.contains(segments[1]) {
            kind = segments[1]
            base = segments[2]
        } else if let last = segments.last {
            base = last
        }
        var name = base
        var counter = 2
        while usedNames[kind, default: []].contains(name) {
            name = "\(base)\(counter)"
            counter += 1
        }
        usedNames[kind, default: []].insert(name)
        let local = "#/components/\(kind)/" + Self.escapePointer(name)
        copies[key] = local
        let rewritten = try rewrite(targetNode, file: targetFile, path: ["components", kind, name])
        added[kind, default: []].append((name, rewritten, targetNode.mark))
        return local
    }

    /// The file, node and JSON pointer `target` names, read from `file`'s point of view.
    private mutating func locate(_ target: String, from file: Int, at node: YAMLNode) throws -> (Int, YAMLNode, String) {
        let parts = target.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        let filePart = String(parts[0])
        let pointer = parts.count > 1 ? String(parts[1]) : ""
        var targetFile = file
        if !filePart.isEmpty {
            if filePart.contains("://") {
                throw error("'$ref: \(target)' refers to a remote document; only files beside the spec are read", at: node)
            }
            if filePart.hasPrefix("/") {
                throw error("'$ref: \(target)' is an absolute path; use a path relative to the spec", at: node)
            }
            let decoded = filePart.removingPercentEncoding ?? filePart
            let path = Self.normalized((paths[file] as NSString).deletingLastPathComponent, decoded)
            let display = Self.normalized((files[file] as NSString).deletingLastPathComponent, decoded)
            targetFile = try load(path, displayName: display, referencedAt: node, target: target)
        }
        guard let root = loaded[targetFile] else { throw error("'\(target)' cannot be read", at: node) }
        var current = root
        for segment in Self.segments(pointer) {
            var next: YAMLNode?
            switch current.content {
            case .mapping: next = current[segment]
            case .sequence(let items): next = Int(segment).flatMap { items.indices.contains($0) ? items[$0] : nil }
            case .scalar: next = nil
            }
            guard let found = next else {
                throw error("'$ref: \(target)': \(files[targetFile]) has nothing at '\(pointer)'", at: node)
            }
            current = found
        }
        return (targetFile, current, pointer)
    }

    private mutating func load(_ path: String, displayName: String, referencedAt node: YAMLNode, target: String) throws -> Int {
        if let index = paths.firstIndex(of: path) { return index }
        guard paths.count < Self.maxFiles else {
            throw error("more than \(Self.maxFiles) files are referenced; '\(target)' is one too many", at: node)
        }
        // Only regular files, and no larger than a spec may be: never a device or a pipe.
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else {
            throw error("'$ref: \(target)': cannot read '\(displayName)': no such file", at: node)
        }
        guard attributes[.type] as? FileAttributeType == .typeRegular else {
            throw error("'$ref: \(target)': '\(displayName)' is not a regular file", at: node)
        }
        let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        guard size <= limits.maxInputBytes else {
            throw error(
                "'$ref: \(target)': '\(displayName)' is \(size) bytes, larger than the limit of \(limits.maxInputBytes) bytes",
                at: node)
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw error("'$ref: \(target)': cannot read '\(displayName)': permission denied", at: node)
        }
        let index = paths.count
        paths.append(path)
        files.append(displayName)
        loaded[index] = try YAMLParser.parse([UInt8](data), file: displayName, fileIndex: UInt16(index), limits: limits)
        return index
    }

    // MARK: Output

    /// `root` with the copied components added to its `components`.
    private func addComponents(to root: YAMLNode) -> YAMLNode {
        guard !added.isEmpty, case .mapping(var pairs) = root.content else { return root }
        func key(_ text: String, _ mark: YAMLMark) -> YAMLNode {
            YAMLNode(.scalar(YAMLScalar(value: text, style: .plain)), mark: mark)
        }
        var componentsIndex = pairs.firstIndex { $0.key.scalar?.value == "components" }
        if componentsIndex == nil {
            pairs.append(YAMLPair(key: key("components", root.mark), value: YAMLNode(.mapping([]), mark: root.mark)))
            componentsIndex = pairs.count - 1
        }
        var components = pairs[componentsIndex!].value.mapping ?? []
        for kind in Self.componentKinds {
            guard let entries = added[kind] else { continue }
            let newPairs = entries.map { YAMLPair(key: key($0.name, $0.keyMark), value: $0.node) }
            if let index = components.firstIndex(where: { $0.key.scalar?.value == kind }) {
                let existing = components[index].value.mapping ?? []
                components[index].value = YAMLNode(.mapping(existing + newPairs), mark: components[index].value.mark)
            } else {
                components.append(YAMLPair(key: key(kind, root.mark), value: YAMLNode(.mapping(newPairs), mark: root.mark)))
            }
        }
        pairs[componentsIndex!].value = YAMLNode(.mapping(components), mark: pairs[componentsIndex!].value.mark)
        return YAMLNode(.mapping(pairs), mark: root.mark)
    }

    // MARK: Helpers

    private func error(_ message: String, at node: YAMLNode) -> Diagnostic {
        let index = Int(node.mark.file)
        return Diagnostic(
            .error, message,
            at: SourceLocation(file: index < files.count ? files[index] : files[0], line: node.mark.line, column: node.mark.column))
    }

    /// A JSON pointer's segments, unescaped (`~1` is `/`, `~0` is `~`, then percent escapes).
    private static func segments(_ pointer: String) -> [String] {
        pointer.split(separator: "/", omittingEmptySubsequences: true).map { segment in
            let text = String(segment).replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            return text.removingPercentEncoding ?? text
        }
    }

    /// `relative` joined to `directory`, with `.` and `..` resolved: `paths/../a.yaml` is
    /// `a.yaml`, so a file reached two ways is read once and named one way.
    static func normalized(_ directory: String, _ relative: String) -> String {
        let joined = directory.isEmpty ? relative : directory + "/" + relative
        var parts: [Substring] = []
        for part in joined.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." {
                parts.removeLast()
            } else {
                parts.append(part)
            }
        }
        return (joined.hasPrefix("/") ? "/" : "") + parts.joined(separator: "/")
    }

    private static func escapePointer(_ name: String) -> String {
        name.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }
}
