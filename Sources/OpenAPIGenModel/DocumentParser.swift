import Foundation
import OpenAPIGenConcurrency
import OpenAPIGenDiagnostics
import OpenAPIGenYAML

/// Turns a YAML node tree (OpenAPI 3.0, 3.1 or 3.2, or Swagger 2.0) into an ``OpenAPIDocument``,
/// checking each field's type and every `$ref`, and reporting problems at the spec's line and column.
public enum DocumentParser {
    /// Parses `bytes` (YAML or JSON) read from `file` and validates the result. Errors are
    /// thrown (a `Diagnostic` or a `DiagnosticList`); warnings go to `diagnostics`.
    /// `$ref`s to other files are read relative to `file`'s folder and bundled in.
    public static func parse(
        _ bytes: consuming [UInt8], file: String, limits: YAMLLimits = .default, diagnostics: DiagnosticCollector
    ) throws -> OpenAPIDocument {
        var (root, references) = try YAMLParser.parseCollectingReferences(bytes, file: file, limits: limits)
        // The tree has all it needs: the bytes go before the document is read.
        _ = consume bytes
        var files = [file]
        // Only a `$ref` the walk would act on makes the walk worth it: with none written
        // anywhere in the file (the common case), the tree has none in any context.
        if references.contains(where: ExternalReferences.mayNeedBundling),
            ExternalReferences.hasExternalReference(root)
        {
            (root, files) = try ExternalReferences.bundle(root, file: file, limits: limits)
        }
        return try parse(root: consume root, files: files, diagnostics: diagnostics)
    }

    /// `files` names the files nodes come from, by `YAMLMark.file`.
    private static func parse(root: consuming YAMLNode, files: [String], diagnostics: DiagnosticCollector) throws
        -> OpenAPIDocument
    {
        let reader = NodeReader(files: files, collector: diagnostics)
        var tree = consume root
        // Swagger 2.0 is read as the OpenAPI 3.0 document it amounts to (other versions are errors).
        if Swagger2Converter.isSwagger(tree) {
            var converter = Swagger2Converter(reader: reader)
            tree = try converter.convert(tree)
        }
        let document = try DocumentReader(reader: reader).document(tree)
        // The tree is freed on another core while the document is checked (and is, before
        // this returns).
        let treeFreed = ConcurrentWork.release(consume tree)
        defer { treeFreed.wait() }
        try DocumentValidator(document: document, reader: reader).validate()
        return document
    }
}

private let httpMethods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]

/// Every keyword a Schema Object may have: JSON Schema 2020-12's (with the 2019-09 and
/// draft-04 ones still written), and OpenAPI's own. Only the ones ``Schema`` keeps are
/// read; the others are known so that a typo such as `propertes:` stands out.
private let schemaKeywords = KeySet([
    // Core
    "$ref", "$id", "$schema", "$anchor", "$dynamicAnchor", "$dynamicRef", "$defs", "$comment",
    "$vocabulary", "$recursiveRef", "$recursiveAnchor", "definitions",
    // Applicators
    "allOf", "anyOf", "oneOf", "not", "if", "then", "else", "dependentSchemas", "dependencies",
    "properties", "additionalProperties", "patternProperties", "propertyNames",
    "unevaluatedProperties", "unevaluatedItems", "items", "prefixItems", "additionalItems", "contains",
    // Validation
    "type", "enum", "const", "multipleOf", "maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum",
    "maxLength", "minLength", "pattern", "maxItems", "minItems", "uniqueItems", "maxContains",
    "minContains", "maxProperties", "minProperties", "required", "dependentRequired",
    // Format, content and meta-data
    "format", "contentMediaType", "contentEncoding", "contentSchema", "title", "description",
    "default", "deprecated", "readOnly", "writeOnly", "examples",
    // OpenAPI
    "nullable", "discriminator", "xml", "externalDocs", "example",
])

/// The keys each kind of object knows, for the version read: built once, not per object
/// (a class, so that handing it out copies no sets).
private final class KnownKeys: Sendable {
    let server, pathItem, operation, parameter, requestBody, response, header, mediaType, encoding,
        discriminator: KeySet

    static let v30 = KnownKeys(is32: false)
    static let v32 = KnownKeys(is32: true)

    private init(is32: Bool) {
        // `name` (OpenAPI 3.2) names a server for documentation; the client does not use it.
        server = KeySet(["url", "description", "variables"] + (is32 ? ["name"] : []))
        // OpenAPI 3.2 adds the `query` method and `additionalOperations` for any other.
        pathItem = KeySet(
            (is32 ? httpMethods + ["query"] : httpMethods) + [
                "$ref", "summary", "description", "servers", "parameters",
            ]
                + (is32 ? ["additionalOperations"] : []))
        operation = KeySet([
            "tags", "summary", "description", "externalDocs", "operationId", "parameters",
            "requestBody", "responses", "callbacks", "deprecated", "security", "servers",
        ])
        parameter = KeySet([
            "name", "in", "description", "required", "deprecated", "allowEmptyValue", "style",
            "explode", "allowReserved", "schema", "example", "examples", "content",
        ])
        requestBody = KeySet(["description", "content", "required"])
        response = KeySet(["description", "headers", "content", "links"] + (is32 ? ["summary"] : []))
        header = KeySet([
            "description", "required", "deprecated", "schema", "style", "explode", "example", "examples",
            "content",
        ])
        mediaType = KeySet(
            ["schema", "example", "examples", "encoding"]
                + (is32 ? ["itemEncoding", "prefixEncoding", "itemSchema", "$ref"] : []))
        encoding = KeySet(
            ["contentType", "headers", "style", "explode", "allowReserved"]
                + (is32 ? ["encoding", "itemEncoding", "prefixEncoding"] : []))
        discriminator = KeySet(["propertyName", "mapping"] + (is32 ? ["defaultMapping"] : []))
    }
}

private struct DocumentReader {
    let reader: NodeReader
    /// What the document's `openapi` version allows, known once that field is read.
    var version = VersionFeatures()

    private var known: KnownKeys { version.is32 ? .v32 : .v30 }

    /// The fields and values that only some OpenAPI versions define.
    /// Set once, from the `openapi` field, before any other part is read (and read
    /// concurrently after that).
    final class VersionFeatures: @unchecked Sendable {
        /// OpenAPI 3.2: the `query` method, `additionalOperations`, `in: querystring`, `$self`,
        /// named servers, tag `summary`, `parent` and `kind`, and the other fields 3.2 added.
        var is32 = false
    }

    func document(_ root: YAMLNode) throws -> OpenAPIDocument {
        // Which keys are known depends on the version, checked below.
        self.version.is32 = root["openapi"]?.scalar?.value.hasPrefix("3.2") ?? false
        let fields = try reader.fields(
            root, "the OpenAPI document",
            known: Set(
                [
                    "openapi", "info", "servers", "paths", "components", "security", "tags",
                    "externalDocs", "webhooks", "jsonSchemaDialect",
                ] + (version.is32 ? ["$self"] : [])))
        let versionNode = try fields.required("openapi")
        let version = try reader.string(versionNode, "'openapi'")
        // 3.2 is a superset of 3.1: it is read like 3.1, with the fields 3.2 added.
        guard version.hasPrefix("3.0") || version.hasPrefix("3.1") || version.hasPrefix("3.2") else {
            throw reader.error(
                "unsupported OpenAPI version '\(version)'; expected 3.0.x, 3.1.x or 3.2.x", at: versionNode)
        }
        if self.version.is32, let node = fields["$self"] {
            // The document's own URI, the base of its relative references in 3.2.
            let uri = try reader.string(node, "'$self'")
            if reader.files.count > 1 {
                reader.warn(
                    "'$self: \(uri)' is not the base of relative '$ref's here: references to other files are read "
                        + "relative to the folder of the file that holds them",
                    at: node)
            }
        }
        if self.version.is32, let node = fields["tags"] { try tags(node) }
        let info = try self.info(fields.required("info"))
        let servers = try fields["servers"].map { try reader.sequence($0, "'servers'").map(server) } ?? []
        // The components' own keys and the schemas' names are checked here; then runs of
        // schemas, the other components and runs of paths are read on every core, each
        // with a collector of its own, taken in reading order. The warnings are then given in the
        // order of reading one after the other (the components', then the paths'), and the
        // first error in that order is thrown, as it would be: the warnings of parts after
        // it are not given.
        let head = try fields["components"].map(componentsHead)
        let schemaPairs = head?.schemas ?? []
        let schemaRuns = ConcurrentWork.pieces(schemaPairs.count, minimumCount: 64, itemsPerPiece: 96)
        let pathPairs = Result { try fields["paths"].map { try reader.fields($0, "'paths'").pairs } ?? [] }
        let pathCount = (try? pathPairs.get().count) ?? 0
        let pathRuns = ConcurrentWork.pieces(pathCount, minimumCount: 64, itemsPerPiece: 48)
        // Reading order: the schemas' runs, the other components, the paths' runs.
        let partCount = schemaRuns.count + 1 + pathRuns.count
        let parts = ConcurrentWork.map(partCount) { part -> (Result<DocumentPart, any Error>, [Diagnostic]) in
            let (reader, collector) = self.apart()
            let result = Result {
                if part < schemaRuns.count {
                    return DocumentPart.schemas(try reader.schemas(schemaPairs[schemaRuns[part]]))
                }
                if part == schemaRuns.count {
                    return DocumentPart.otherComponents(try head.map(reader.otherComponents) ?? Components())
                }
                let run = pathRuns[part - schemaRuns.count - 1]
                return DocumentPart.paths(try reader.paths(pathPairs.get()[run], root: root))
            }
            return (result, collector.diagnostics)
        }
        var components = Components()
        var schemas: [(name: String, schema: Schema)] = []
        var paths: [PathItem] = []
        for (result, warnings) in parts {
            for warning in warnings { reader.collector.emitOnce(warning) }
            switch try result.get() {
            case .schemas(let read): schemas += read
            case .otherComponents(let read): components = read
            case .paths(let read): paths += read
            }
        }
        for (name, schema) in schemas { components.schemas.append(name, schema) }
        // When `paths` is not a mapping there are no runs: its error comes after the
        // components'.
        _ = try pathPairs.get()
        var webhooks: [PathItem] = []
        if let node = fields["webhooks"] {
            for pair in try reader.fields(node, "'webhooks'").pairs {
                let name = try reader.string(pair.key, "a webhook name")
                webhooks.append(try pathItem(name, resolvedPathItem(pair.value, root: root)))
            }
        }
        let security = try fields["security"].map(securityRequirements)
        var document = OpenAPIDocument(
            file: reader.file, openAPIVersion: version, info: info, servers: servers, paths: paths,
            components: components, security: security)
        document.webhooks = webhooks
        return document
    }

    /// The path items of `pairs` (a run of the `paths` object's entries).
    func paths(_ pairs: ArraySlice<YAMLPair>, root: YAMLNode) throws -> [PathItem] {
        var paths: [PathItem] = []
        for pair in pairs {
            let path = try reader.string(pair.key, "a path")
            guard path.hasPrefix("/") else {
                throw reader.error("path '\(path)' must begin with '/'", at: pair.key)
            }
            paths.append(try pathItem(path, resolvedPathItem(pair.value, root: root)))
        }
        return paths
    }

    /// A part of the document read on its own core.
    private enum DocumentPart: Sendable {
        /// A run of `components/schemas`, each with its `$defs` after it.
        case schemas([(name: String, schema: Schema)])
        /// The components but the schemas.
        case otherComponents(Components)
        case paths([PathItem])
    }

    /// This reader with a collector of its own (for a part read on another core), and the
    /// collector.
    private func apart() -> (DocumentReader, DiagnosticCollector) {
        let collector = DiagnosticCollector()
        return (
            DocumentReader(reader: NodeReader(files: reader.files, collector: collector), version: version), collector
        )
    }

    func info(_ node: YAMLNode) throws -> Info {
        let fields = try reader.fields(
            node, "'info'",
            known: ["title", "version", "summary", "description", "termsOfService", "contact", "license"])
        return Info(
            title: try fields.requiredString("title"), version: try fields.requiredString("version"),
            summary: try fields.string("summary"), description: try fields.string("description"))
    }

    /// OpenAPI 3.2's tags, with `summary`, `parent` and `kind`, which the generated code does
    /// not use: checked so that a misspelt key or a `parent` naming no tag stands out.
    func tags(_ node: YAMLNode) throws {
        var parents: [(name: String, parent: String, node: YAMLNode)] = []
        var names: Set<String> = []
        for item in try reader.sequence(node, "'tags'") {
            let fields = try reader.fields(
                item, "a tag",
                known: ["name", "summary", "description", "externalDocs", "parent", "kind", "deprecated"])
            let name = try fields.requiredString("name")
            names.insert(name)
            _ = try fields.string("summary")
            _ = try fields.string("kind")
            if let parent = fields["parent"] {
                parents.append((name, try reader.string(parent, "'parent' of tag '\(name)'"), parent))
            }
        }
        let parentOf = Dictionary(parents.map { ($0.name, $0.parent) }, uniquingKeysWith: { first, _ in first })
        for entry in parents {
            if !names.contains(entry.parent) {
                reader.warn(
                    "tag '\(entry.name)' has 'parent: \(entry.parent)', which is not a tag in 'tags'", at: entry.node)
                continue
            }
            var seen: Set<String> = [entry.name]
            var current = entry.parent
            while let next = parentOf[current], !seen.contains(current) {
                seen.insert(current)
                current = next
            }
            if current == entry.name {
                reader.warn("tag '\(entry.name)' is its own ancestor through 'parent'", at: entry.node)
            }
        }
    }

    func server(_ node: YAMLNode) throws -> Server {
        // `name` (OpenAPI 3.2) names a server for documentation; the client does not use it.
        let fields = try reader.fields(node, "a server", known: known.server)
        var variables: [ServerVariable] = []
        if let variablesNode = fields["variables"] {
            for pair in try reader.fields(variablesNode, "a server's 'variables'").pairs {
                let name = try reader.string(pair.key, "a server variable name")
                let variable = try reader.fields(
                    pair.value, "server variable '\(name)'", known: ["default", "enum", "description"])
                let enumValues = try variable["enum"].map {
                    try reader.strings($0, "'enum' of server variable '\(name)'")
                }
                if let enumValues, enumValues.isEmpty {
                    throw reader.error("'enum' of server variable '\(name)' must not be empty", at: variable["enum"]!)
                }
                variables.append(
                    ServerVariable(
                        name: name, defaultValue: try variable.requiredString("default"), enumValues: enumValues,
                        description: try variable.string("description")))
            }
        }
        return Server(
            url: try fields.requiredString("url"), description: try fields.string("description"), variables: variables,
            location: reader.location(node))
    }

    func securityRequirements(_ node: YAMLNode) throws -> [SecurityRequirement] {
        try reader.sequence(node, "'security'").map { item in
            let fields = try reader.fields(item, "a security requirement")
            for pair in fields.pairs { _ = try reader.strings(pair.value, "the scopes of a security requirement") }
            return SecurityRequirement(
                schemeNames: try fields.pairs.map { try reader.string($0.key, "a security scheme name") },
                location: reader.location(item))
        }
    }

    /// The `components` object's keys checked, its schemas listed (by name, unread) and
    /// its other parts, read apart from them (see ``otherComponents(_:)``).
    func componentsHead(_ node: YAMLNode) throws -> ComponentsHead {
        let fields = try reader.fields(
            node, "'components'",
            known: Set(
                [
                    "schemas", "responses", "parameters", "examples", "requestBodies", "headers",
                    "securitySchemes", "links", "callbacks", "pathItems",
                ] + (version.is32 ? ["mediaTypes"] : [])))
        if let node = fields["mediaTypes"] {
            reader.warn(
                "'components/mediaTypes' is not supported: a media type given as a '$ref' to one is read as having "
                    + "no schema",
                at: node)
        }
        return ComponentsHead(
            schemas: try fields["schemas"].map { try reader.fields($0, "'components/schemas'").pairs } ?? [],
            responses: fields["responses"], parameters: fields["parameters"], requestBodies: fields["requestBodies"],
            headers: fields["headers"], securitySchemes: fields["securitySchemes"], callbacks: fields["callbacks"])
    }

    /// The parts of `components` that ``componentsHead(_:)`` found.
    struct ComponentsHead: Sendable {
        var schemas: [YAMLPair]
        var responses, parameters, requestBodies, headers, securitySchemes, callbacks: YAMLNode?
    }

    /// A run of `components/schemas` entries, each followed by its `$defs` (as
    /// `Name/$defs/Def`, depth first).
    func schemas(_ pairs: ArraySlice<YAMLPair>) throws -> [(name: String, schema: Schema)] {
        var schemas: [(name: String, schema: Schema)] = []
        for pair in pairs {
            let name = try componentName(pair.key, "'components/schemas'")
            let parsed = try schema(pair.value)
            schemas.append((name, parsed))
            var pending = parsed.definitions.map { (name + "/$defs/" + $0.name, $0.schema) }
            while !pending.isEmpty {
                let (definitionName, definition) = pending.removeFirst()
                schemas.append((definitionName, definition))
                pending.insert(
                    contentsOf: definition.definitions.map { (definitionName + "/$defs/" + $0.name, $0.schema) }, at: 0)
            }
        }
        return schemas
    }

    /// The components but the schemas.
    func otherComponents(_ head: ComponentsHead) throws -> Components {
        var components = Components()
        try each(head.responses, "'components/responses'") { name, value in
            components.responses.append(name, try referenceable(value, response))
        }
        try each(head.parameters, "'components/parameters'") { name, value in
            components.parameters.append(name, try referenceable(value, parameter))
        }
        try each(head.requestBodies, "'components/requestBodies'") { name, value in
            components.requestBodies.append(name, try referenceable(value, requestBody))
        }
        try each(head.headers, "'components/headers'") { name, value in
            components.headers.append(name, try referenceable(value, header))
        }
        try each(head.securitySchemes, "'components/securitySchemes'") { name, value in
            components.securitySchemes.append(name, try securityScheme(value))
        }
        if let node = head.callbacks {
            for pair in try reader.fields(node, "'components/callbacks'").pairs {
                let name = try reader.string(pair.key, "a name in 'components/callbacks'")
                reader.warn(
                    "callback '\(name)' in 'components' is not generated (callbacks are not supported yet)",
                    at: pair.key)
            }
        }
        return components
    }

    private func each(_ node: YAMLNode?, _ what: String, _ body: (String, YAMLNode) throws -> Void) throws {
        guard let node else { return }
        for pair in try reader.fields(node, what).pairs {
            try body(componentName(pair.key, what), pair.value)
        }
    }

    /// The name of a component in `what`, checked.
    private func componentName(_ key: YAMLNode, _ what: String) throws -> String {
        let name = try reader.string(key, "a name in \(what)")
        guard Self.isComponentName(name) else {
            throw reader.error("component name '\(name)' may only contain letters, digits, '.', '-' and '_'", at: key)
        }
        return name
    }

    /// Whether `name` matches `^[a-zA-Z0-9\.\-_]+$`. Names of only those characters are
    /// checked byte by byte; anything else goes to the regular expression, whose `$` also
    /// accepts a final line break.
    static func isComponentName(_ name: String) -> Bool {
        if !name.isEmpty
            && name.utf8.allSatisfy({ byte in
                (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A || (byte >= 0x30 && byte <= 0x39) || byte == 0x2E
                    || byte == 0x2D || byte == 0x5F
            })
        {
            return true
        }
        return name.range(of: #"^[a-zA-Z0-9\.\-_]+$"#, options: .regularExpression) != nil
    }

    /// Whether `key` matches `^[1-5]([0-9]{2}|XX)$`: three bytes are checked as they are,
    /// anything else by the regular expression (whose `$` also accepts a final line break).
    static func isStatusKey(_ key: String) -> Bool {
        let bytes = key.utf8
        if bytes.count == 3 {
            let first = bytes[bytes.startIndex]
            let second = bytes[bytes.index(after: bytes.startIndex)]
            let third = bytes[bytes.index(bytes.startIndex, offsetBy: 2)]
            guard first >= 0x31 && first <= 0x35 else { return false }
            let isDigit = { (byte: UInt8) in byte >= 0x30 && byte <= 0x39 }
            return (isDigit(second) && isDigit(third)) || (second == 0x58 && third == 0x58)
        }
        if bytes.count < 3 { return false }
        return key.range(of: #"^[1-5]([0-9]{2}|XX)$"#, options: .regularExpression) != nil
    }

    func reference(_ node: YAMLNode) throws -> Reference? {
        guard let pairs = node.mapping, let refNode = pairs.first(where: { $0.key.scalar?.value == "$ref" })?.value
        else { return nil }
        let target = try reader.string(refNode, "'$ref'")
        return Reference(target: target, location: reader.location(refNode))
    }

    func referenceable<T>(_ node: YAMLNode, _ decode: (YAMLNode) throws -> T) throws -> Referenceable<T> {
        if let reference = try reference(node) { return .reference(reference) }
        return .value(try decode(node))
    }

    /// A path item given as `$ref: '#/components/pathItems/Name'` (OpenAPI 3.1): the node
    /// it points to, followed through further references.
    func resolvedPathItem(_ node: YAMLNode, root: YAMLNode) throws -> YAMLNode {
        var current = node
        var seen: [String] = []
        while let reference = current["$ref"] {
            let target = try reader.string(reference, "'$ref'")
            guard target.hasPrefix("#/") else {
                throw reader.error(
                    "'$ref: \(target)' of a path item must point into the document ('#/components/pathItems/...')",
                    at: reference)
            }
            if seen.contains(target) {
                throw reader.error("'$ref: \(target)' is part of a reference cycle of path items", at: reference)
            }
            seen.append(target)
            var next: YAMLNode? = root
            for segment in target.dropFirst(2).split(separator: "/", omittingEmptySubsequences: false) {
                next = next?[JSONPointer.unescape(segment)]
            }
            guard let found = next else {
                let available = root["components"]?["pathItems"]?.mapping?.compactMap { $0.key.scalar?.value } ?? []
                throw reader.error(
                    "'$ref: \(target)' points to nothing"
                        + (available.isEmpty ? "" : "; the path items are \(available.joined(separator: ", "))"),
                    at: reference)
            }
            current = found
        }
        return current
    }

    func pathItem(_ path: String, _ node: YAMLNode) throws -> PathItem {
        // OpenAPI 3.2 adds the `query` method and `additionalOperations` for any other.
        let methods = version.is32 ? httpMethods + ["query"] : httpMethods
        let fields = try reader.fields(node, "path '\(path)'", known: known.pathItem)
        let shared =
            try fields["parameters"].map {
                try reader.sequence($0, "'parameters'").map { try referenceable($0, parameter) }
            } ?? []
        let servers = try fields["servers"].map { try reader.sequence($0, "'servers'").map(server) }
        var operations: [OpenAPIOperation] = []
        for pair in fields.pairs {
            guard let method = pair.key.scalar?.value, methods.contains(method) else { continue }
            var operation = try operation(method, path, pair.value, shared: shared)
            if operation.servers == nil || operation.servers?.isEmpty == true { operation.servers = servers }
            operations.append(operation)
        }
        if version.is32, let node = fields["additionalOperations"] {
            let what = "'additionalOperations' of path '\(path)'"
            for pair in try reader.fields(node, what).pairs {
                let method = try reader.string(pair.key, "a method name in \(what)")
                // Method names are case-sensitive RFC 9110 tokens, sent as written.
                guard DocumentValidator.isToken(method) else {
                    throw reader.error(
                        "'\(DocumentValidator.printable(method))' in \(what) is not an HTTP method name "
                            + "(letters, digits and !#$%&'*+-.^_`|~ only)",
                        at: pair.key)
                }
                if methods.contains(method.lowercased()) {
                    throw reader.error(
                        "'\(method)' in \(what) is a method the path item names itself; "
                            + "write it as '\(method.lowercased())' there",
                        at: pair.key)
                }
                var operation = try operation(method, path, pair.value, shared: shared, isAdditional: true)
                if operation.servers == nil || operation.servers?.isEmpty == true { operation.servers = servers }
                operations.append(operation)
            }
        }
        return PathItem(path: path, parameters: shared, operations: operations, location: reader.location(node))
    }

    /// `isAdditional`: an entry of OpenAPI 3.2's `additionalOperations`, whose method name
    /// is used exactly as written.
    func operation(
        _ method: String, _ path: String, _ node: YAMLNode, shared: [Referenceable<Parameter>],
        isAdditional: Bool = false
    ) throws -> OpenAPIOperation {
        let what = "operation '\(isAdditional ? method : method.uppercased()) \(path)'"
        let fields = try reader.fields(node, what, known: known.operation)
        let own =
            try fields["parameters"].map {
                try reader.sequence($0, "'parameters'").map { try referenceable($0, parameter) }
            } ?? []
        var responses = NamedMap<Referenceable<Response>>()
        if let node = fields["responses"] {
            for pair in try reader.fields(node, "'responses' of \(what)").pairs {
                let key = try reader.string(pair.key, "a response status")
                guard key == "default" || Self.isStatusKey(key) else {
                    throw reader.error(
                        "'\(key)' is not a response status; expected a code such as 200, a range such as 4XX, or 'default'",
                        at: pair.key)
                }
                responses.append(key, try referenceable(pair.value, response))
            }
        } else {
            reader.warn("\(what) has no 'responses'", at: node)
        }
        let operationID = try fields.string("operationId")
        if let node = fields["callbacks"] {
            let named = operationID.map { "operation '\($0)'" } ?? what
            for pair in try reader.fields(node, "'callbacks' of \(what)").pairs {
                let name = try reader.string(pair.key, "a callback name")
                reader.warn(
                    "callback '\(name)' of \(named) is not generated (callbacks are not supported yet)", at: pair.key)
            }
        }
        return OpenAPIOperation(
            method: method, path: path, operationID: operationID,
            summary: try fields.string("summary"), description: try fields.string("description"),
            tags: try fields["tags"].map { try reader.strings($0, "'tags'") } ?? [],
            deprecated: try fields.bool("deprecated") ?? false,
            parameters: shared + own,
            requestBody: try fields["requestBody"].map { try referenceable($0, requestBody) },
            responses: responses, security: try fields["security"].map(securityRequirements),
            servers: try fields["servers"].map { try reader.sequence($0, "'servers'").map(server) },
            location: reader.location(node), isAdditional: isAdditional,
            paginationExtension: reader.value(fields["x-speakeasy-pagination"]))
    }

    func parameter(_ node: YAMLNode) throws -> Parameter {
        let fields = try reader.fields(node, "a parameter", known: known.parameter)
        let name = try fields.requiredString("name")
        let inNode = try fields.required("in")
        let inText = try reader.string(inNode, "'in' of parameter '\(name)'")
        guard let location = ParameterLocation(rawValue: inText), location != .querystring || version.is32 else {
            let expected = version.is32 ? "path, query, querystring, header or cookie" : "path, query, header or cookie"
            throw reader.error("parameter '\(name)' has 'in: \(inText)'; expected \(expected)", at: inNode)
        }
        let required = try fields.bool("required") ?? false
        if location == .path && !required {
            throw reader.error("path parameter '\(name)' must have 'required: true'", at: node)
        }
        if location == .querystring && (fields["content"] == nil || fields["schema"] != nil) {
            throw reader.error(
                "parameter '\(name)' has 'in: querystring', so it must be described with 'content' (one media type, "
                    + "such as application/x-www-form-urlencoded or application/json), not 'schema'",
                at: fields["schema"] ?? node)
        }
        var schema = try fields["schema"].map(self.schema)
        var isContent = false
        var content: (name: String, value: MediaType)?
        if schema == nil, let contentNode = fields["content"] {
            content = try mediaTypes(contentNode, "'content' of parameter '\(name)'").entries.first
            schema = content?.value.schema
            isContent = true
        }
        var parameter = Parameter(
            name: name, location: location, description: try fields.string("description"),
            required: required, deprecated: try fields.bool("deprecated") ?? false, schema: schema,
            style: try fields.string("style"), explode: try fields.bool("explode"),
            sourceLocation: reader.location(node))
        parameter.isContent = isContent
        parameter.example =
            reader.value(fields["example"] ?? fields["examples"]?.mapping?.first?.value["value"])
            ?? content?.value.example
        parameter.contentType = content?.name
        parameter.contentEncoding = content?.value.encoding ?? NamedMap()
        return parameter
    }

    func requestBody(_ node: YAMLNode) throws -> RequestBody {
        let fields = try reader.fields(node, "a request body", known: known.requestBody)
        return RequestBody(
            description: try fields.string("description"), required: try fields.bool("required") ?? false,
            content: try mediaTypes(fields.required("content"), "'content' of the request body"),
            location: reader.location(node))
    }

    func response(_ node: YAMLNode) throws -> Response {
        let fields = try reader.fields(node, "a response", known: known.response)
        var headers = NamedMap<Referenceable<Header>>()
        if let node = fields["headers"] {
            for pair in try reader.fields(node, "'headers'").pairs {
                headers.append(try reader.string(pair.key, "a header name"), try referenceable(pair.value, header))
            }
        }
        return Response(
            description: try fields.requiredString("description"), headers: headers,
            content: try fields["content"].map { try mediaTypes($0, "'content' of the response") } ?? NamedMap(),
            location: reader.location(node))
    }

    func header(_ node: YAMLNode) throws -> Header {
        let fields = try reader.fields(node, "a header", known: known.header)
        return Header(
            description: try fields.string("description"), required: try fields.bool("required") ?? false,
            schema: try fields["schema"].map(schema), location: reader.location(node))
    }

    func mediaTypes(_ node: YAMLNode, _ what: String) throws -> NamedMap<MediaType> {
        var map = NamedMap<MediaType>()
        for pair in try reader.fields(node, what).pairs {
            let name = try reader.string(pair.key, "a media type")
            // OpenAPI 3.2's `itemSchema` is read (streamed responses use it); `itemEncoding`,
            // `prefixEncoding` and `$ref` are known but not generated.
            let sequential = ["itemEncoding", "prefixEncoding"]
            let fields = try reader.fields(pair.value, "media type '\(name)'", known: known.mediaType)
            if version.is32 {
                notGenerated(
                    fields, sequential, in: "media type '\(name)'",
                    consequence: "the body is read and sent whole, not item by item")
                notGenerated(
                    fields, ["$ref"], in: "media type '\(name)'",
                    consequence: "the media type is read as having no schema")
            }
            var encoding = NamedMap<Encoding>()
            if let encodingNode = fields["encoding"] {
                for entry in try reader.fields(encodingNode, "'encoding' of media type '\(name)'").pairs {
                    let property = try reader.string(entry.key, "a property name")
                    let nested32 = ["encoding", "itemEncoding", "prefixEncoding"]
                    let entryFields = try reader.fields(
                        entry.value, "the encoding of '\(property)'", known: known.encoding)
                    if version.is32 {
                        notGenerated(
                            entryFields, nested32, in: "the encoding of '\(property)'",
                            consequence: "the property is encoded as a whole")
                    }
                    if name.lowercased().hasPrefix("multipart/"), let headers = entryFields["headers"] {
                        reader.warn(
                            "'headers' of the encoding of '\(property)' is not generated; the part is sent without them",
                            at: headers)
                    }
                    let style = try entryFields.string("style")
                    if let style, !["form", "spaceDelimited", "pipeDelimited", "deepObject"].contains(style) {
                        throw reader.error(
                            "unknown style '\(style)' for a form property; expected form, spaceDelimited, pipeDelimited or deepObject",
                            at: entryFields["style"]!)
                    }
                    encoding.append(
                        property,
                        Encoding(
                            contentType: try entryFields.string("contentType"), style: style,
                            explode: try entryFields.bool("explode"), location: reader.location(entry.value)))
                }
            }
            var mediaType = MediaType(
                schema: try fields["schema"].map(schema), example: reader.value(fields["example"]), encoding: encoding,
                location: reader.location(pair.value))
            if version.is32 { mediaType.itemSchema = try fields["itemSchema"].map(schema) }
            map.append(name, mediaType)
        }
        return map
    }

    /// Warns about each of `keys` that `fields` has: OpenAPI 3.2 fields that are read but not
    /// generated, and what the client does instead.
    func notGenerated(_ fields: Fields, _ keys: [String], in what: String, consequence: String) {
        for pair in fields.pairs {
            guard let key = pair.key.scalar?.value, keys.contains(key) else { continue }
            reader.warn("'\(key)' of \(what) is not generated (OpenAPI 3.2); \(consequence)", at: pair.key)
        }
    }

    func securityScheme(_ node: YAMLNode) throws -> SecurityScheme {
        let fields = try reader.fields(
            node, "a security scheme",
            known: Set(
                ["type", "description", "name", "in", "scheme", "bearerFormat", "flows", "openIdConnectUrl"]
                    + (version.is32 ? ["oauth2MetadataUrl", "deprecated"] : [])))
        let typeNode = try fields.required("type")
        let kind: SecurityScheme.Kind
        switch try reader.string(typeNode, "'type' of a security scheme") {
        case "http":
            kind = .http(
                scheme: try fields.requiredString("scheme").lowercased(),
                bearerFormat: try fields.string("bearerFormat"))
        case "apiKey":
            let inNode = try fields.required("in")
            let inText = try reader.string(inNode, "'in' of a security scheme")
            guard let location = ParameterLocation(rawValue: inText), [.query, .header, .cookie].contains(location)
            else {
                throw reader.error("'in: \(inText)' of an apiKey scheme must be query, header or cookie", at: inNode)
            }
            kind = .apiKey(name: try fields.requiredString("name"), location: location)
        case "oauth2":
            kind = .oauth2
        case "openIdConnect":
            kind = .openIDConnect(url: try fields.requiredString("openIdConnectUrl"))
        case "mutualTLS":
            kind = .mutualTLS
        case let other:
            throw reader.error(
                "unknown security scheme type '\(other)'; expected http, apiKey, oauth2, openIdConnect or mutualTLS",
                at: typeNode)
        }
        return SecurityScheme(
            kind: kind, description: try fields.string("description"), location: reader.location(node))
    }

    /// A schema's `required` list. JSON Schema draft 3's `required: true` on a property
    /// (still found in published specs) is read as no list, with a warning: the property
    /// stays optional, which decodes whether or not the server sends it.
    func requiredProperties(_ node: YAMLNode?) throws -> [String] {
        guard let node else { return [] }
        if let scalar = node.scalar, scalar.style == .plain, let flag = scalar.boolValue {
            reader.warn(
                "'required: \(flag)' in a schema is JSON Schema draft 3; it is ignored (list required properties "
                    + "in the object's 'required' instead)",
                at: node)
            return []
        }
        return try reader.strings(node, "'required'")
    }

    func schema(_ node: YAMLNode) throws -> Schema {
        if let scalar = node.scalar, scalar.style == .plain, let allowed = scalar.boolValue {
            // JSON Schema's boolean schemas: `true` allows anything, `false` nothing.
            return Schema(location: reader.location(node), enumValues: allowed ? nil : [])
        }
        let fields = try reader.fields(node, "a schema", known: schemaKeywords)
        let reference = try self.reference(node)
        var types: [JSONType] = []
        var nullable = try fields.bool("nullable") ?? false
        if let typeNode = fields["type"] {
            let entries = typeNode.sequence ?? [typeNode]
            for entry in entries {
                // `type: [string, null]` with YAML's null (not the string 'null') is a
                // common slip whose meaning is clear.
                if typeNode.sequence != nil, let scalar = entry.scalar, scalar.isNull {
                    nullable = true
                    continue
                }
                let text = try reader.string(entry, "'type'")
                // A type name is never read as a boolean or a number: only other text needs the check.
                if let type = JSONType(rawValue: text) {
                    if type == .null { nullable = true } else if !types.contains(type) { types.append(type) }
                    continue
                }
                if entry.kindDescription != "a string" {
                    throw reader.error(
                        "'type' must be a type name such as string or object, found \(entry.kindDescription) '\(text)'",
                        at: entry)
                }
                guard let type = JSONType(rawValue: text) else {
                    throw reader.error(
                        "unknown type '\(text)'; expected one of string, number, integer, boolean, array, object, null",
                        at: entry)
                }
                if type == .null { nullable = true } else if !types.contains(type) { types.append(type) }
            }
        }
        var properties: [(name: String, schema: Schema)] = []
        if let node = fields["properties"] {
            for pair in try reader.fields(node, "'properties'").pairs {
                properties.append((try reader.string(pair.key, "a property name"), try schema(pair.value)))
            }
        }
        var additional: Schema.AdditionalProperties?
        if let node = fields["additionalProperties"] {
            if let scalar = node.scalar, scalar.style == .plain, let flag = scalar.boolValue {
                additional = .allowed(flag)
            } else {
                additional = .schema(try schema(node))
            }
        }
        var enumValues: [Schema.EnumValue]?
        if let node = fields["enum"] {
            var values: [Schema.EnumValue] = []
            var items: [YAMLNode]
            if let scalar = node.scalar, !scalar.isNull {
                // Published specs write `enum: The access token is invalid`: one value.
                reader.warn("'enum' must be a list; the scalar '\(scalar.value)' is read as its one value", at: node)
                items = [node]
            } else {
                items = try reader.sequence(node, "'enum'")
            }
            for item in items {
                guard let scalar = item.scalar else {
                    throw reader.error("enum values must be scalars, found \(item.kindDescription)", at: item)
                }
                if scalar.style == .plain && scalar.isNull {
                    nullable = true
                    continue
                }
                values.append(enumValue(scalar, stringTyped: types == [.string]))
            }
            enumValues = values
        }
        let constValue = try fields["const"].map { node -> Schema.EnumValue in
            guard let scalar = node.scalar else {
                throw reader.error("'const' must be a scalar, found \(node.kindDescription)", at: node)
            }
            return enumValue(scalar, stringTyped: types == [.string])
        }
        func list(_ key: String) throws -> [Schema] {
            try fields[key].map { try reader.sequence($0, "'\(key)'").map(schema) } ?? []
        }
        var example = fields["example"]
        if example == nil, let examples = fields["examples"]?.sequence { example = examples.first }
        var definitions: [(name: String, schema: Schema)] = []
        for key in ["$defs", "definitions"] {
            guard let node = fields[key] else { continue }
            for pair in try reader.fields(node, "'\(key)'").pairs {
                definitions.append((try reader.string(pair.key, "a schema name"), try schema(pair.value)))
            }
        }
        let discriminator = try fields["discriminator"].map { node -> Schema.Discriminator in
            let discriminatorFields = try reader.fields(node, "a discriminator", known: known.discriminator)
            if version.is32 {
                notGenerated(
                    discriminatorFields, ["defaultMapping"], in: "a discriminator",
                    consequence: "a value the mapping does not name is not decoded as its schema")
            }
            var mapping: [(value: String, target: String)] = []
            if let mappingNode = discriminatorFields["mapping"] {
                for pair in try reader.fields(mappingNode, "a discriminator's 'mapping'").pairs {
                    mapping.append(
                        (
                            try reader.string(pair.key, "a discriminator value"),
                            try reader.string(pair.value, "a discriminator mapping target")
                        ))
                }
            }
            return Schema.Discriminator(
                propertyName: try discriminatorFields.requiredString("propertyName"), mapping: mapping)
        }
        var oneOf = try list("oneOf")
        var anyOf = try list("anyOf")
        var enumDocumentation: [String?]?
        if enumValues == nil, constValue == nil, properties.isEmpty,
            let choice = Self.constChoice(oneOf.isEmpty ? anyOf : oneOf, stringTyped: types == [.string])
        {
            // `oneOf: [{const: STARTED, title: …}, …]`: an enum whose cases have docs.
            enumValues = choice.values
            enumDocumentation = choice.documentation
            if choice.hasNull { nullable = true }
            if types.isEmpty, let first = choice.values.first {
                if case .string = first { types = [.string] } else { types = [.integer] }
            }
            oneOf = []
            anyOf = []
        }
        return Schema(
            location: reader.location(node), reference: reference, types: types, isNullable: nullable,
            format: try fields.string("format"), title: try fields.string("title"),
            description: try fields.string("description"), properties: properties,
            required: try requiredProperties(fields["required"]),
            additionalProperties: additional, items: try fields["items"].map(schema),
            enumValues: enumValues, enumDocumentation: enumDocumentation, constValue: constValue,
            allOf: try list("allOf"), oneOf: oneOf, anyOf: anyOf, defaultValue: reader.value(fields["default"]),
            example: reader.value(example), readOnly: try fields.bool("readOnly") ?? false,
            writeOnly: try fields.bool("writeOnly") ?? false, deprecated: try fields.bool("deprecated") ?? false,
            discriminator: discriminator, definitions: definitions,
            contentMediaType: try fields.string("contentMediaType"), contentEncoding: try contentEncoding(fields))
    }

    /// A schema's `contentEncoding`: `base64` is read as bytes (`Data`); `base64url`,
    /// `quoted-printable` and unknown values are kept with a warning (the value stays text);
    /// `7bit`, `8bit` and `binary` say the text is not encoded.
    private func contentEncoding(_ fields: Fields) throws -> String? {
        guard let node = fields["contentEncoding"] else { return nil }
        let value = try reader.string(node, "'contentEncoding'")
        switch value.lowercased() {
        case "base64", "7bit", "8bit", "binary": break
        case "base64url", "quoted-printable":
            reader.warn(
                "'contentEncoding: \(value)' is not decoded (only base64 is); the value is read as its text (String)",
                at: node)
        default:
            reader.warn(
                "unknown contentEncoding '\(value)'; expected base64, base64url, quoted-printable, 7bit, 8bit or "
                    + "binary; the value is read as its text (String)",
                at: node)
        }
        return value
    }

    /// The values and docs of a `oneOf`/`anyOf` whose alternatives are each one value (a
    /// `const`, or an `enum` of one) and nothing else but docs, or `{type: 'null'}`; nil
    /// otherwise, or when the values are not all strings or all integers (no Swift enum).
    static func constChoice(_ alternatives: [Schema], stringTyped: Bool) -> (
        values: [Schema.EnumValue], documentation: [String?], hasNull: Bool
    )? {
        guard alternatives.count > 1 else { return nil }
        var values: [Schema.EnumValue] = []
        var documentation: [String?] = []
        var hasNull = false
        for alternative in alternatives {
            guard alternative.reference == nil, alternative.properties.isEmpty, alternative.items == nil,
                alternative.allOf.isEmpty, alternative.oneOf.isEmpty, alternative.anyOf.isEmpty,
                alternative.additionalProperties == nil
            else { return nil }
            if alternative.types.isEmpty, alternative.isNullable, alternative.constValue == nil,
                alternative.enumValues == nil
            {
                hasNull = true
                continue
            }
            guard var value = alternative.constValue ?? alternative.enumValues.flatMap({ $0.count == 1 ? $0[0] : nil })
            else { return nil }
            if stringTyped, case .integer(let number) = value { value = .string(String(number)) }
            values.append(value)
            let parts = [alternative.title, alternative.description].compactMap { $0 }.filter { !$0.isEmpty }
            documentation.append(parts.isEmpty ? nil : parts.joined(separator: ": "))
        }
        let allStrings = values.allSatisfy { if case .string = $0 { true } else { false } }
        let allIntegers = values.allSatisfy { if case .integer = $0 { true } else { false } }
        guard !values.isEmpty, allStrings || allIntegers else { return nil }
        return (values, documentation, hasNull)
    }

    private func enumValue(_ scalar: YAMLScalar, stringTyped: Bool) -> Schema.EnumValue {
        if scalar.style != .plain || stringTyped { return .string(scalar.value) }
        if let bool = scalar.boolValue { return .bool(bool) }
        if let int = scalar.intValue { return .integer(int) }
        if let double = scalar.doubleValue { return .number(double) }
        return .string(scalar.value)
    }
}
