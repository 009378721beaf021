import Foundation
import OpenAPIGenDiagnostics
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
    /// Targets being put in place, to stop a reference that contains itself.
    private var inlining: Set<String> = []
    /// Whether `$ref`s to places deep in the root document are resolved here (not for a
    /// Swagger 2.0 document, whose components are `#/definitions/…`).
    private var followsDeepPointers = true
    /// Nodes copied so far by references put in place within others, and the most there may be.
    private var inlinedNodes = 0
    static let maxInlinedNodes = 50_000
    /// Bytes of the files read so far (the root's not counted).
    private var totalBytes = 0
    /// Schemas deep in the root document that a `$ref` points to: pointer segments -> the
    /// component they move to.
    private var hoisted: [[String]: String] = [:]

    static let componentKinds = [
        "schemas", "responses", "parameters", "examples", "requestBodies", "headers", "securitySchemes", "links",
        "callbacks",
    ]

    /// Whether a `$ref` names another file. `components/schemas/X` (a local reference
    /// missing its `#`) is left to the document's own check, which suggests the fix.
    static func isExternal(_ target: String) -> Bool {
        if target.hasPrefix("#") { return false }
        if !target.contains("#") && (target.hasPrefix("components/") || target.hasPrefix("/components/")) {
            return false
        }
        return true
    }

    /// Keys whose value maps names the spec's author chose (properties, status codes, media
    /// types…) to objects, so that a key there such as `x-request-id` is a name, not an
    /// extension.
    static let nameMaps: Set<String> = [
        "paths", "properties", "patternProperties", "dependentSchemas", "schemas", "responses", "parameters",
        "examples", "requestBodies", "headers", "securitySchemes", "links", "callbacks", "pathItems", "content",
        "encoding", "variables", "mapping", "scopes", "webhooks", "definitions", "$defs",
    ]

    /// Fields whose values are data, never followed: `x-` extensions (opaque to tools, and
    /// often pointing to files a vendor does not publish) and example or enum values.
    static func isOpaque(_ key: String) -> Bool {
        key.hasPrefix("x-") || key == "example" || key == "default" || key == "enum" || key == "const"
    }

    /// Whether the value of `key` in a mapping reached by `parents` (the keys above it,
    /// nearest last) is data: an Example Object's `value` (`examples: {name: {value: …}}`),
    /// besides ``isOpaque(_:)``'s fields.
    static func isExampleValue(_ key: String, parents: ArraySlice<String>) -> Bool {
        ["value", "dataValue", "serializedValue"].contains(key) && parents.dropLast().last == "examples"
    }

    /// ``isExampleValue(_:parents:)`` given the second-nearest key above the mapping alone.
    static func isExampleValue(_ key: String, grandparent: String?) -> Bool {
        grandparent == "examples" && (key == "value" || key == "dataValue" || key == "serializedValue")
    }

    /// Whether ``hasExternalReference(_:)`` could act on a `$ref` with this target in some
    /// context: a reference to another file, or one deep into the document.
    static func mayNeedBundling(_ target: String) -> Bool {
        isExternal(target) || isDeepLocalPointer(target)
    }

    /// Whether `node` has a `$ref` that leaves the document (outside extensions and data).
    static func hasExternalReference(_ node: YAMLNode) -> Bool {
        // Swagger 2.0's components (`#/definitions/Pet`) are one level deep; its refs are
        // rewritten when it is converted.
        let followsDeepPointers = node["swagger"] == nil
        // Each node with whether its keys are names, and the two keys above it (nearest
        // last), kept as two strings rather than a list so that no node costs an allocation.
        var stack: [(node: YAMLNode, keysAreNames: Bool, grandparent: String?, parent: String?)] = [
            (node, false, nil, nil)
        ]
        while let (node, keysAreNames, grandparent, parent) = stack.popLast() {
            switch node.content {
            case .scalar: continue
            case .sequence(let items):
                // A schema's `examples` (3.1) is a list of values: data.
                if parent == "examples" { continue }
                for item in items { stack.append((item, false, parent, "0")) }
            case .mapping(let pairs):
                for pair in pairs {
                    let key = pair.key.scalar?.value ?? ""
                    if !keysAreNames {
                        if key == "$ref", let target = pair.value.scalar?.value,
                            isExternal(target) || (followsDeepPointers && isDeepLocalPointer(target))
                        {
                            return true
                        }
                        if isOpaque(key) || isExampleValue(key, grandparent: grandparent) { continue }
                    }
                    stack.append((pair.value, !keysAreNames && nameMaps.contains(key), parent, key))
                }
            }
        }
        return false
    }

    /// Whether `target` is a local reference to something other than a component (`#/components/<kind>/<name>`,
    /// or a schema's `$defs` entry): `#/components/schemas/Tag/allOf/0`,
    /// `#/paths/~1pets/get/responses/200`.
    static func isDeepLocalPointer(_ target: String) -> Bool {
        guard target.hasPrefix("#/") else { return false }
        // The common case, `#/components/<kind>/<name>`, without splitting: in ASCII text
        // (where every `/` byte is a `/` character), exactly one `/` after the prefix, with
        // bytes on both sides of it, makes three segments.
        var bytes = target
        let isComponent = bytes.withUTF8 { utf8 -> Bool in
            let prefix: StaticString = "#/components/"
            guard utf8.count > prefix.utf8CodeUnitCount,
                memcmp(utf8.baseAddress!, prefix.utf8Start, prefix.utf8CodeUnitCount) == 0
            else { return false }
            var slashes = 0
            var slash = 0
            for index in prefix.utf8CodeUnitCount..<utf8.count {
                let byte = utf8[index]
                if byte >= 0x80 { return false }
                if byte == 0x2F {
                    slashes += 1
                    slash = index
                }
            }
            return slashes == 1 && slash != prefix.utf8CodeUnitCount && slash != utf8.count - 1
        }
        if isComponent { return false }
        let segments = Self.segments(String(target.dropFirst()))
        if segments.count == 3 && segments[0] == "components" { return false }
        if segments.count > 3, segments[0] == "components", segments[1] == "schemas", segments.count % 2 == 1,
            stride(from: 3, to: segments.count, by: 2).allSatisfy({ ["$defs", "definitions"].contains(segments[$0]) })
        {
            return false  // `…/Parent/$defs/Name`: a component of its own (see `Schema.definitions`)
        }
        return !segments.isEmpty
    }

    /// What a Reference Object at `path` stands for: a schema, a component of another kind,
    /// a path item, or anything else (a description, a map of properties…), which is
    /// replaced by its target as it is.
    enum Position: Equatable {
        case component(String)
        case pathItem
        case other
    }

    /// Keys whose value is a schema, and keys whose entries (list items or map values) are.
    private static let schemaKeys: Set<String> = [
        "schema", "items", "additionalProperties", "not", "if", "then", "else", "contains", "propertyNames",
        "unevaluatedProperties", "unevaluatedItems", "additionalItems", "contentSchema", "itemSchema",
    ]
    private static let schemaListKeys: Set<String> = ["allOf", "oneOf", "anyOf", "prefixItems"]
    private static let schemaMapKeys: Set<String> = [
        "properties", "patternProperties", "$defs", "definitions", "dependentSchemas",
    ]

    static func position(at path: [String]) -> Position {
        if path.count == 2 && path[0] == "paths" { return .pathItem }
        if path.count == 2 && path[0] == "webhooks" { return .pathItem }
        // Swagger 2.0's top-level `parameters` and `responses`.
        if path.count == 2 && (path[0] == "parameters" || path[0] == "responses") { return .component(path[0]) }
        if path.count == 3, path[0] == "components", componentKinds.contains(path[1]) { return .component(path[1]) }
        if path.count == 3, path[0] == "components", path[1] == "pathItems" { return .pathItem }
        guard let last = path.last else { return .other }
        let parent = path.count >= 2 ? path[path.count - 2] : ""
        let names = keysAreNames(at: Array(path.dropLast()))
        if !names && schemaKeys.contains(last) { return .component("schemas") }
        if schemaListKeys.contains(parent) && Int(last) != nil { return .component("schemas") }
        if names && schemaMapKeys.contains(parent) { return .component("schemas") }
        if parent == "parameters" && Int(last) != nil { return .component("parameters") }
        if names && parent == "responses" { return .component("responses") }
        if !names && last == "requestBody" { return .component("requestBodies") }
        if names && parent == "headers" { return .component("headers") }
        if names && parent == "examples" { return .component("examples") }
        if names && parent == "links" { return .component("links") }
        if names && parent == "callbacks" { return .component("callbacks") }
        // A callback's entries are path items.
        if path.count >= 3, path[path.count - 3] == "callbacks", keysAreNames(at: Array(path.dropLast(2))) {
            return .pathItem
        }
        return .other
    }

    /// Whether the keys of the mapping at `path` are names (see ``nameMaps``) rather than
    /// an object's fields.
    private static func keysAreNames(at path: [String]) -> Bool {
        var names = false
        for key in path { names = !names && nameMaps.contains(key) }
        return names
    }

    /// The root document with every external reference bundled in, and the files read.
    static func bundle(_ root: YAMLNode, file: String, limits: YAMLLimits) throws -> (YAMLNode, [String]) {
        let absolute = file.hasPrefix("/") ? file : FileManager.default.currentDirectoryPath + "/" + file
        var bundler = ExternalReferences(files: [file], paths: [normalized("", absolute)], limits: limits)
        bundler.loaded[0] = root
        bundler.followsDeepPointers = root["swagger"] == nil
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
        if !bundler.hoisted.isEmpty { bundled = bundler.moveHoisted(bundled, path: []) }
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
        if inlining.count >= 2 {
            // Targets put in place inside targets put in place are copies of copies: like YAML
            // aliases, they may not expand without end (a part referenced twice that references
            // a part twice…, forty levels deep). One level (path items from their files) is linear.
            inlinedNodes += 1
            guard inlinedNodes <= Self.maxInlinedNodes else {
                throw error(
                    "references put in place expand to more than \(Self.maxInlinedNodes) nodes; "
                        + "is a part referenced many times over?", at: node)
            }
        }
        switch node.content {
        case .scalar:
            return node
        case .sequence(let items):
            if path.last == "examples" { return node }  // a schema's list of example values: data
            var result: [YAMLNode] = []
            result.reserveCapacity(items.count)
            for (index, item) in items.enumerated() {
                result.append(try rewrite(item, file: file, path: path + [String(index)]))
            }
            return YAMLNode(.sequence(result), mark: node.mark)
        case .mapping(let pairs):
            if let referencePair = pairs.first(where: { $0.key.scalar?.value == "$ref" }),
                let target = referencePair.value.scalar?.value,
                file != 0 || Self.isExternal(target) || (followsDeepPointers && Self.isDeepLocalPointer(target))
            {
                let position = Self.position(at: path)
                let isSchema = position == .component("schemas")
                if position == .pathItem || position == .other
                    || (!isSchema && file == 0 && followsDeepPointers && Self.isDeepLocalPointer(target))
                {
                    // Put in place: path items (OpenAPI 3.0 has no components for them), a
                    // deep pointer to a response or parameter, and a Reference Object where
                    // the spec allows none (`description: {$ref: 'intro.yml#/text'}`), as
                    // bundlers do.
                    let (targetFile, targetNode, pointer) = try locate(target, from: file, at: referencePair.value)
                    let key = "\(targetFile)#\(pointer)"
                    guard !inlining.contains(key) else {
                        throw error("'$ref: \(target)' contains itself", at: referencePair.value)
                    }
                    // A chain of references put in place nests as deep as it is long.
                    guard inlining.count < limits.maxDepth else {
                        throw error(
                            "'$ref: \(target)' is reached through more than \(limits.maxDepth) references in a row",
                            at: referencePair.value)
                    }
                    inlining.insert(key)
                    defer { inlining.remove(key) }
                    return try rewrite(targetNode, file: targetFile, path: path)
                }
                if isSchema, file == 0, followsDeepPointers, Self.isDeepLocalPointer(target) {
                    // A schema deep inside another: it becomes a component named from the
                    // pointer, and the place it was written refers to it (one type for both).
                    let local = try hoistedSchema(target, at: referencePair.value)
                    var result = pairs
                    for index in result.indices where result[index].key.scalar?.value == "$ref" {
                        result[index].value = YAMLNode(
                            .scalar(YAMLScalar(value: local, style: .singleQuoted)), mark: referencePair.value.mark)
                    }
                    return YAMLNode(.mapping(result), mark: node.mark)
                }
                let kind: String
                if case .component(let name) = position { kind = name } else { kind = "schemas" }
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
            let keysAreNames = Self.keysAreNames(at: path)
            for pair in pairs {
                var pair = pair
                let key = pair.key.scalar?.value ?? ""
                if keysAreNames || !(Self.isOpaque(key) || Self.isExampleValue(key, parents: path[...])) {
                    pair.value = try rewrite(pair.value, file: file, path: path + [key])
                }
                result.append(pair)
            }
            return YAMLNode(.mapping(result), mark: node.mark)
        }
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
        let local = "#/components/\(kind)/" + JSONPointer.escape(name)
        copies[key] = local
        let rewritten = try rewrite(targetNode, file: targetFile, path: ["components", kind, name])
        added[kind, default: []].append((name, rewritten, targetNode.mark))
        return local
    }

    /// The component a deep local schema pointer moves to (named from the pointer:
    /// `#/components/schemas/Tag/allOf/0` -> `Tag_allOf_0`), claimed once.
    private mutating func hoistedSchema(_ target: String, at node: YAMLNode) throws -> String {
        let (_, _, pointer) = try locate(target, from: 0, at: node)
        let segments = Self.segments(pointer)
        if let name = hoisted[segments] { return "#/components/schemas/" + JSONPointer.escape(name) }
        var words = segments
        if words.count >= 2, words[0] == "components" { words.removeFirst(2) }
        if words.first == "paths" { words.removeFirst() }
        words = words.filter { $0 != "content" && $0 != "schema" && !$0.contains("/") || $0.hasPrefix("/") }
            .map { $0.hasPrefix("/") ? String($0.dropFirst()) : $0 }
        // Component names allow letters, digits, `.`, `-` and `_`.
        let joined = words.joined(separator: "_").unicodeScalars.map { scalar -> String in
            scalar.isASCII
                && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
                    || "._-".unicodeScalars.contains(scalar))
                ? String(scalar) : "_"
        }.joined()
        let base = joined.isEmpty ? "Schema" : joined
        var name = base
        var counter = 2
        while usedNames["schemas", default: []].contains(name) {
            name = "\(base)\(counter)"
            counter += 1
        }
        usedNames["schemas", default: []].insert(name)
        hoisted[segments] = name
        return "#/components/schemas/" + JSONPointer.escape(name)
    }

    /// Moves each hoisted schema out of the place it was written into `components/schemas`,
    /// leaving a `$ref` to it there.
    private mutating func moveHoisted(_ node: YAMLNode, path: [String]) -> YAMLNode {
        guard path.count < limits.maxDepth else { return node }
        var node = node
        switch node.content {
        case .scalar: break
        case .sequence(let items):
            node = YAMLNode(
                .sequence(items.enumerated().map { moveHoisted($0.element, path: path + [String($0.offset)]) }),
                mark: node.mark)
        case .mapping(let pairs):
            node = YAMLNode(
                .mapping(
                    pairs.map { pair in
                        var pair = pair
                        pair.value = moveHoisted(pair.value, path: path + [pair.key.scalar?.value ?? ""])
                        return pair
                    }), mark: node.mark)
        }
        guard let name = hoisted[path] else { return node }
        added["schemas", default: []].append((name, node, node.mark))
        let reference = YAMLNode(
            .scalar(YAMLScalar(value: "#/components/schemas/" + JSONPointer.escape(name), style: .singleQuoted)),
            mark: node.mark)
        return YAMLNode(
            .mapping([
                YAMLPair(
                    key: YAMLNode(.scalar(YAMLScalar(value: "$ref", style: .plain)), mark: node.mark), value: reference)
            ]),
            mark: node.mark)
    }

    /// The file, node and JSON pointer `target` names, read from `file`'s point of view.
    private mutating func locate(_ target: String, from file: Int, at node: YAMLNode) throws -> (Int, YAMLNode, String)
    {
        let parts = target.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        let filePart = String(parts[0])
        let pointer = parts.count > 1 ? String(parts[1]) : ""
        var targetFile = file
        if !filePart.isEmpty {
            if filePart.contains("://") {
                throw error(
                    "'$ref: \(target)' refers to a remote document; only files beside the spec are read", at: node)
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

    private mutating func load(_ path: String, displayName: String, referencedAt node: YAMLNode, target: String) throws
        -> Int
    {
        if let index = paths.firstIndex(of: path) { return index }
        guard paths.count - 1 < limits.maxFiles else {  // the root is not counted
            throw error("more than \(limits.maxFiles) files are referenced; '\(target)' is one too many", at: node)
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
        guard let read = FileBytes.read(atPath: path, limit: limits.maxInputBytes) else {
            throw error("'$ref: \(target)': cannot read '\(displayName)': permission denied", at: node)
        }
        if let grown = read.oversized {
            throw error(
                "'$ref: \(target)': '\(displayName)' is \(grown) bytes, larger than the limit of \(limits.maxInputBytes) bytes",
                at: node)
        }
        totalBytes += size
        guard totalBytes <= limits.maxTotalBytes else {
            throw error(
                "the referenced files add up to more than \(limits.maxTotalBytes) bytes; '\(target)' is one too many",
                at: node)
        }
        let index = paths.count
        paths.append(path)
        files.append(displayName)
        loaded[index] = try YAMLParser.parse(read.bytes, file: displayName, fileIndex: UInt16(index), limits: limits)
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
                components.append(
                    YAMLPair(key: key(kind, root.mark), value: YAMLNode(.mapping(newPairs), mark: root.mark)))
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
            at: SourceLocation(
                file: index < files.count ? files[index] : files[0], line: node.mark.line, column: node.mark.column))
    }

    /// A JSON pointer's segments, unescaped.
    private static func segments(_ pointer: String) -> [String] {
        pointer.split(separator: "/", omittingEmptySubsequences: true).map(JSONPointer.unescape)
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
}
