import Foundation
import OpenAPIGenDiagnostics
import OpenAPIGenYAML

/// Converts a Swagger 2.0 document's node tree into the OpenAPI 3.0.3 tree that says the
/// same, so that ``DocumentParser`` reads it like any 3.0 document. Values carried over
/// are the original nodes, and each node built anew has the mark of the node it comes
/// from, so every later diagnostic still points at the Swagger file's line and column.
///
/// What changes: `host`, `basePath` and `schemes` become `servers`; `definitions`,
/// `parameters`, `responses` and `securityDefinitions` become `components` (body
/// parameters become request bodies); `consumes` and `produces` decide the media types of
/// request bodies and responses; `formData` parameters become one form or multipart body;
/// `collectionFormat` becomes `style` and `explode`; `x-nullable`, `type: file` and string
/// discriminators become their 3.0 forms; `$ref`s are rewritten to match. What has no 3.0
/// equivalent is dropped with a located warning, never silently.
///
/// A document bundled from several files (see `ExternalReferences`) arrives with the
/// other files' parts already copied under `components/schemas`, `components/parameters`
/// and `components/responses`, still in Swagger form; they are converted like
/// `definitions`, `parameters` and `responses`.
struct Swagger2Converter {
    let reader: NodeReader

    /// Whether `root` is a Swagger document (any `swagger` version: others are refused by
    /// ``convert(_:)`` with a located error).
    static func isSwagger(_ root: YAMLNode) -> Bool {
        root["swagger"] != nil
    }

    /// `#/parameters/X` (or, once bundled, `#/components/parameters/X`) -> the parameter.
    private var parameterComponents: [String: YAMLNode] = [:]
    /// Component names changed to fit OpenAPI 3.0's `[a-zA-Z0-9.-_]+`, by section.
    private var renamed: [String: [String: String]] = [:]
    private var globalConsumes: [String] = []
    private var globalProduces: [String] = []
    private var root = YAMLNode(.mapping([]), mark: YAMLMark(line: 1, column: 1))

    init(reader: NodeReader) {
        self.reader = reader
    }

    private static let documentKeys: Set<String> = [
        "swagger", "info", "host", "basePath", "schemes", "consumes", "produces", "paths", "definitions",
        "parameters", "responses", "securityDefinitions", "security", "tags", "externalDocs",
        // Put there by bundling a spec split over several files.
        "components",
    ]
    private static let operationMethods = ["get", "put", "post", "delete", "options", "head", "patch"]
    private static let formTypes = ["application/x-www-form-urlencoded", "multipart/form-data"]

    /// The OpenAPI 3.0.3 document `root` describes.
    mutating func convert(_ root: YAMLNode) throws -> YAMLNode {
        self.root = root
        let fields = try reader.fields(root, "the Swagger document", known: Self.documentKeys)
        let versionNode = try fields.required("swagger")
        let version = try reader.string(versionNode, "'swagger'")
        guard version == "2.0" else {
            throw reader.error(
                "unsupported Swagger version '\(version)'; expected 2.0, 3.0.x, 3.1.x or 3.2.x", at: versionNode)
        }
        _ = try fields.required("info")
        globalConsumes = try fields["consumes"].map { try reader.strings($0, "'consumes'") } ?? []
        globalProduces = try fields["produces"].map { try reader.strings($0, "'produces'") } ?? []
        let bundled = try fields["components"].map { try reader.fields($0, "'components'") }
        try collectComponentNames(fields, bundled: bundled)

        var result = MappingBuilder()
        result.add("openapi", text("3.0.3", versionNode.mark), keyMark: root.mark)
        for pair in fields.pairs {
            guard let key = pair.key.scalar?.value else { continue }
            switch key {
            case "info":
                result.carry(pair)
                if let servers = try servers(fields, schemes: fields["schemes"], at: pair.key.mark) {
                    result.add("servers", servers, keyMark: pair.key.mark)
                }
            case "tags", "externalDocs", "security":
                result.carry(pair)
            case "paths":
                result.add(pair.key, try paths(pair.value))
            default:
                if key.hasPrefix("x-") { result.carry(pair) }
            }
        }
        if let components = try components(fields, bundled: bundled) {
            result.add("components", components, keyMark: root.mark)
        }
        // A form field of a path item or of `parameters` is converted once per operation that
        // uses it; the collector keeps each warning once.
        return result.node(at: root.mark)
    }

    // MARK: Servers

    /// One server per scheme (https first) from `host` and `basePath`; a relative one
    /// without a host; nil when there is neither.
    private func servers(_ fields: Fields, schemes schemesNode: YAMLNode?, at mark: YAMLMark) throws -> YAMLNode? {
        let hostNode = fields["host"]
        let basePathNode = fields["basePath"]
        var host = try hostNode.map { try reader.string($0, "'host'") }
        var schemes = ["https"]
        if let hostNode, let given = host, let range = given.range(of: "://") {
            // Not Swagger 2.0, but written often enough, and its meaning is clear.
            host = String(given[range.upperBound...])
            schemes = [given[..<range.lowerBound].lowercased()]
            reader.warn("'host' must not include a scheme ('\(schemes[0])'); 'schemes' gives it", at: hostNode)
        }
        while host?.hasSuffix("/") == true { host?.removeLast() }
        var basePath = try basePathNode.map { try reader.string($0, "'basePath'") } ?? ""
        if let basePathNode, !basePath.isEmpty, !basePath.hasPrefix("/") {
            reader.warn("'basePath' must begin with '/'; read as '/\(basePath)'", at: basePathNode)
            basePath = "/" + basePath
        }
        while basePath.hasSuffix("/") { basePath.removeLast() }
        guard let host else {
            guard let basePathNode, !basePath.isEmpty else { return nil }
            return YAMLNode(.sequence([server(basePath, at: basePathNode.mark)]), mark: basePathNode.mark)
        }
        if let schemesNode {
            let listed = try reader.strings(schemesNode, "'schemes'")
            let items = try reader.sequence(schemesNode, "'schemes'")
            for (scheme, item) in zip(listed, items) where !["http", "https"].contains(scheme.lowercased()) {
                reader.warn("scheme '\(scheme)' has no server: only http and https are generated", at: item)
            }
            let web = listed.map { $0.lowercased() }.filter { $0 == "http" || $0 == "https" }
            if !web.isEmpty { schemes = web.sorted { $0 == "https" && $1 != "https" } }
        }
        var seen: Set<String> = []
        let serverMark = hostNode?.mark ?? mark
        let items = schemes.filter { seen.insert($0).inserted }.map { scheme in
            server("\(scheme)://\(host)\(basePath)", at: serverMark)
        }
        return YAMLNode(.sequence(items), mark: serverMark)
    }

    private func server(_ url: String, at mark: YAMLMark) -> YAMLNode {
        var server = MappingBuilder()
        server.add("url", text(url, mark), keyMark: mark)
        return server.node(at: mark)
    }

    // MARK: Components

    /// Notes which parameters are which, and renames components whose names OpenAPI 3.0
    /// does not allow.
    private mutating func collectComponentNames(_ fields: Fields, bundled: Fields?) throws {
        let sections: [(swagger: String, bundled: String, kind: String)] = [
            ("definitions", "schemas", "schemas"), ("parameters", "parameters", "parameters"),
            ("responses", "responses", "responses"),
        ]
        for section in sections {
            var nodes = try fields[section.swagger].map { try reader.fields($0, "'\(section.swagger)'").pairs } ?? []
            nodes +=
                try bundled?[section.bundled].map { try reader.fields($0, "'components/\(section.bundled)'").pairs }
                ?? []
            var taken = Set(nodes.compactMap { $0.key.scalar?.value })
            for pair in nodes {
                let name = try reader.string(pair.key, "a name in '\(section.swagger)'")
                if section.kind == "parameters" { parameterComponents[name] = pair.value }
                guard name.range(of: #"^[a-zA-Z0-9\.\-_]+$"#, options: .regularExpression) == nil else { continue }
                let base = String(
                    String.UnicodeScalarView(
                        name.unicodeScalars.map { scalar in
                            scalar.isASCII
                                && (CharacterSet.alphanumerics.contains(scalar)
                                    || ".-_".unicodeScalars.contains(scalar))
                                ? scalar : "_"
                        }))
                var newName = base.isEmpty ? "_" : base
                var counter = 2
                while taken.contains(newName) {
                    newName = "\(base)\(counter)"
                    counter += 1
                }
                taken.insert(newName)
                renamed[section.kind, default: [:]][name] = newName
                reader.warn(
                    "'\(name)' is not a valid OpenAPI 3.0 component name (letters, digits, '.', '-', '_'); "
                        + "it is read as '\(newName)'",
                    at: pair.key)
            }
        }
    }

    /// `components`: schemas, parameters, request bodies (from body parameters),
    /// responses and security schemes.
    private func components(_ fields: Fields, bundled: Fields?) throws -> YAMLNode? {
        var schemas: [YAMLPair] = []
        var parameters: [YAMLPair] = []
        var requestBodies: [YAMLPair] = []
        var responses: [YAMLPair] = []
        var securitySchemes: [YAMLPair] = []
        var others: [YAMLPair] = []

        func named(_ pair: YAMLPair, _ kind: String) -> YAMLNode {
            guard let name = pair.key.scalar?.value, let newName = renamed[kind]?[name] else { return pair.key }
            return text(newName, pair.key.mark)
        }
        func schemaEntries(_ node: YAMLNode?, _ what: String) throws {
            guard let node else { return }
            for pair in try reader.fields(node, what).pairs {
                schemas.append(YAMLPair(key: named(pair, "schemas"), value: try schema(pair.value)))
            }
        }
        func parameterEntries(_ node: YAMLNode?, _ what: String) throws {
            guard let node else { return }
            for pair in try reader.fields(node, what).pairs {
                let key = named(pair, "parameters")
                let resolved = try resolvedParameter(pair.value)
                switch try parameterLocation(resolved) {
                case "body":
                    let body = try requestBody(
                        (pair.value, resolved, false), consumes: globalConsumes)
                    requestBodies.append(YAMLPair(key: key, value: body))
                case "formData":
                    // OpenAPI 3.0 has no form fields on their own: each use puts the field in
                    // its operation's form body.
                    continue
                default:
                    parameters.append(YAMLPair(key: key, value: try parameterOrReference(pair.value)))
                }
            }
        }
        func responseEntries(_ node: YAMLNode?, _ what: String) throws {
            guard let node else { return }
            for pair in try reader.fields(node, what).pairs {
                responses.append(
                    YAMLPair(key: named(pair, "responses"), value: try response(pair.value, produces: globalProduces)))
            }
        }
        try schemaEntries(fields["definitions"], "'definitions'")
        try parameterEntries(fields["parameters"], "'parameters'")
        try responseEntries(fields["responses"], "'responses'")
        if let node = fields["securityDefinitions"] {
            for pair in try reader.fields(node, "'securityDefinitions'").pairs {
                securitySchemes.append(YAMLPair(key: pair.key, value: try securityScheme(pair.value)))
            }
        }
        if let bundled {
            for pair in bundled.pairs {
                switch pair.key.scalar?.value {
                case "schemas": try schemaEntries(pair.value, "'components/schemas'")
                case "parameters": try parameterEntries(pair.value, "'components/parameters'")
                case "responses": try responseEntries(pair.value, "'components/responses'")
                default: others.append(pair)
                }
            }
        }
        var components = MappingBuilder()
        let mark = fields["definitions"]?.mark ?? root.mark
        for (key, entries) in [
            ("schemas", schemas), ("parameters", parameters), ("requestBodies", requestBodies),
            ("responses", responses), ("securitySchemes", securitySchemes),
        ] where !entries.isEmpty {
            components.add(key, YAMLNode(.mapping(entries), mark: entries[0].key.mark), keyMark: mark)
        }
        for pair in others { components.carry(pair) }
        return components.isEmpty ? nil : components.node(at: mark)
    }

    /// `securityDefinitions` entry -> security scheme: `basic` is HTTP basic, `oauth2`'s
    /// one flow becomes `flows`.
    private func securityScheme(_ node: YAMLNode) throws -> YAMLNode {
        let fields = try reader.fields(
            node, "a security definition",
            known: ["type", "description", "name", "in", "flow", "authorizationUrl", "tokenUrl", "scopes"])
        let typeNode = try fields.required("type")
        var result = MappingBuilder()
        switch try reader.string(typeNode, "'type' of a security definition") {
        case "basic":
            result.add("type", text("http", typeNode.mark), keyMark: typeNode.mark)
            result.add("scheme", text("basic", typeNode.mark), keyMark: typeNode.mark)
            result.carry(fields.pairs, keys: ["description"])
        case "apiKey":
            result.carry(fields.pairs, keys: ["type", "description", "name", "in"])
        case "oauth2":
            result.carry(fields.pairs, keys: ["type", "description"])
            let flowNode = try fields.required("flow")
            let flowNames = [
                "implicit": "implicit", "password": "password", "application": "clientCredentials",
                "accessCode": "authorizationCode",
            ]
            let flowText = try reader.string(flowNode, "'flow' of an oauth2 security definition")
            guard let flowName = flowNames[flowText] else {
                throw reader.error(
                    "unknown oauth2 flow '\(flowText)'; expected implicit, password, application or accessCode",
                    at: flowNode)
            }
            var flow = MappingBuilder()
            if flowName == "implicit" || flowName == "authorizationCode" {
                let url = try fields.required("authorizationUrl")
                flow.add("authorizationUrl", url, keyMark: url.mark)
            }
            if flowName != "implicit" {
                let url = try fields.required("tokenUrl")
                flow.add("tokenUrl", url, keyMark: url.mark)
            }
            for key in ["authorizationUrl", "tokenUrl"] where flow.value(key) == nil {
                if let pair = fields.pairs.first(where: { $0.key.scalar?.value == key }) {
                    reader.warn("'\(key)' does not apply to the oauth2 flow '\(flowText)' and is ignored", at: pair.key)
                }
            }
            flow.add("scopes", fields["scopes"] ?? YAMLNode(.mapping([]), mark: flowNode.mark), keyMark: flowNode.mark)
            var flows = MappingBuilder()
            flows.add(flowName, flow.node(at: flowNode.mark), keyMark: flowNode.mark)
            result.add("flows", flows.node(at: flowNode.mark), keyMark: flowNode.mark)
        default:
            // Left for the document reader, which names the types it knows.
            result.carry(fields.pairs, keys: ["type", "description"])
        }
        result.carryExtensions(fields.pairs)
        return result.node(at: node.mark)
    }

    // MARK: Paths and operations

    private func paths(_ node: YAMLNode) throws -> YAMLNode {
        var result: [YAMLPair] = []
        for pair in try reader.fields(node, "'paths'").pairs {
            guard let path = pair.key.scalar?.value, path.hasPrefix("/") else {
                // `x-` extensions, and what the document reader refuses with its own error.
                if pair.key.scalar?.value.hasPrefix("x-") != true { result.append(pair) }
                continue
            }
            result.append(YAMLPair(key: pair.key, value: try pathItem(path, resolvedPathItem(pair.value))))
        }
        return YAMLNode(.mapping(result), mark: node.mark)
    }

    /// A path item given as a `$ref` into the document, followed.
    private func resolvedPathItem(_ node: YAMLNode) throws -> YAMLNode {
        var current = node
        var seen: Set<String> = []
        while let referenceNode = current["$ref"] {
            let target = try reader.string(referenceNode, "'$ref'")
            guard seen.insert(target).inserted else {
                throw reader.error("'$ref: \(target)' is part of a reference cycle of path items", at: referenceNode)
            }
            guard let found = resolve(target) else {
                throw reader.error("'$ref: \(target)' of a path item points to nothing", at: referenceNode)
            }
            current = found
        }
        return current
    }

    private func pathItem(_ path: String, _ node: YAMLNode) throws -> YAMLNode {
        let fields = try reader.fields(node, "path '\(path)'", known: Set(Self.operationMethods + ["parameters"]))
        let shared = try fields["parameters"].map { try reader.sequence($0, "'parameters' of path '\(path)'") } ?? []
        var result = MappingBuilder()
        var sharedParameters: [YAMLNode] = []
        for item in shared where try !isBodyOrForm(item) {
            sharedParameters.append(try parameterOrReference(item))
        }
        for pair in fields.pairs {
            guard let key = pair.key.scalar?.value else { continue }
            if key == "parameters" {
                if !sharedParameters.isEmpty {
                    result.add(pair.key, YAMLNode(.sequence(sharedParameters), mark: pair.value.mark))
                }
            } else if Self.operationMethods.contains(key) {
                result.add(pair.key, try operation(key, path, pair.value, shared: shared))
            } else if key.hasPrefix("x-") {
                result.carry(pair)
            }
        }
        return result.node(at: node.mark)
    }

    private func operation(_ method: String, _ path: String, _ node: YAMLNode, shared: [YAMLNode]) throws -> YAMLNode {
        let what = "operation '\(method.uppercased()) \(path)'"
        let fields = try reader.fields(
            node, what,
            known: [
                "tags", "summary", "description", "externalDocs", "operationId", "consumes", "produces",
                "parameters", "responses", "schemes", "deprecated", "security",
            ])
        let consumes = try fields["consumes"].map { try reader.strings($0, "'consumes' of \(what)") } ?? globalConsumes
        let produces = try fields["produces"].map { try reader.strings($0, "'produces' of \(what)") } ?? globalProduces
        let own = try fields["parameters"].map { try reader.sequence($0, "'parameters' of \(what)") } ?? []

        // The path item's body and form fields apply unless the operation has its own.
        var body: (parameter: YAMLNode, resolved: YAMLNode, isOwn: Bool)?
        var form: [(name: String, parameter: YAMLNode, resolved: YAMLNode)] = []
        var parameters: [YAMLNode] = []
        for (index, item) in (shared + own).enumerated() {
            let isOwn = index >= shared.count
            let resolved = try resolvedParameter(item)
            switch try parameterLocation(resolved) {
            case "body":
                if let body, body.isOwn == isOwn {
                    throw reader.error(
                        "\(what) has two body parameters; a request has one body",
                        at: item, notes: [Diagnostic(.note, "the other is here", at: reader.location(body.parameter))])
                }
                body = (item, resolved, isOwn)
            case "formData":
                let name = try reader.string(try reader.fields(resolved, "a parameter").required("name"), "'name'")
                form.removeAll { $0.name == name }
                form.append((name, item, resolved))
            default:
                if isOwn { parameters.append(try parameterOrReference(item)) }
            }
        }
        if let body, let first = form.first {
            throw reader.error(
                "\(what) has both a body parameter and form parameters; a request has one body",
                at: body.parameter,
                notes: [Diagnostic(.note, "form parameter here", at: reader.location(first.parameter))])
        }

        var result = MappingBuilder()
        for pair in fields.pairs {
            guard let key = pair.key.scalar?.value else { continue }
            switch key {
            case "tags", "summary", "description", "externalDocs", "operationId", "deprecated", "security":
                result.carry(pair)
            case "parameters":
                if !parameters.isEmpty { result.add(pair.key, YAMLNode(.sequence(parameters), mark: pair.value.mark)) }
                if let body {
                    result.add(
                        "requestBody",
                        try requestBody(body, consumes: consumes),
                        keyMark: pair.key.mark)
                } else if !form.isEmpty {
                    result.add(
                        "requestBody", try formBody(form, consumes: consumes, at: pair.key.mark), keyMark: pair.key.mark
                    )
                }
            case "responses":
                var responses: [YAMLPair] = []
                for entry in try reader.fields(pair.value, "'responses' of \(what)").pairs {
                    responses.append(YAMLPair(key: entry.key, value: try response(entry.value, produces: produces)))
                }
                result.add(pair.key, YAMLNode(.mapping(responses), mark: pair.value.mark))
            case "schemes":
                if let servers = try servers(
                    reader.fields(root, "the Swagger document"), schemes: pair.value, at: pair.key.mark)
                {
                    result.add("servers", servers, keyMark: pair.key.mark)
                }
            default:
                if key.hasPrefix("x-") { result.carry(pair) }
            }
        }
        if fields["parameters"] == nil {
            // Only the path item's body or form fields.
            if let body {
                result.add(
                    "requestBody", try requestBody(body, consumes: consumes),
                    keyMark: node.mark)
            } else if !form.isEmpty {
                result.add("requestBody", try formBody(form, consumes: consumes, at: node.mark), keyMark: node.mark)
            }
        }
        return result.node(at: node.mark)
    }

    // MARK: Parameters

    /// The parameter a `$ref` points to (followed through further references), or `node`.
    private func resolvedParameter(_ node: YAMLNode) throws -> YAMLNode {
        var current = node
        var seen: Set<String> = []
        while let referenceNode = current["$ref"] {
            let target = try reader.string(referenceNode, "'$ref'")
            guard let name = componentName(target, section: "parameters") else { return current }
            guard seen.insert(target).inserted else {
                throw reader.error("'$ref: \(target)' is part of a reference cycle of parameters", at: referenceNode)
            }
            guard let found = parameterComponents[name] else {
                let available = parameterComponents.keys.sorted()
                throw reader.error(
                    "'$ref: \(target)' points to nothing"
                        + (available.isEmpty ? "" : "; the parameters are \(available.joined(separator: ", "))"),
                    at: referenceNode)
            }
            current = found
        }
        return current
    }

    private func isBodyOrForm(_ node: YAMLNode) throws -> Bool {
        ["body", "formData"].contains(try parameterLocation(resolvedParameter(node)))
    }

    /// `in` of a parameter, or nil for a `$ref` that cannot be followed here.
    private func parameterLocation(_ node: YAMLNode) throws -> String? {
        if node["$ref"] != nil { return nil }
        let fields = try reader.fields(node, "a parameter")
        return try reader.string(fields.required("in"), "'in' of a parameter")
    }

    /// A path, query or header parameter, or a `$ref` to one, in 3.0 form.
    private func parameterOrReference(_ node: YAMLNode) throws -> YAMLNode {
        if let referenceNode = node["$ref"] { return try rewrittenReference(node, referenceNode) }
        return try parameter(node)
    }

    private static let valueKeys: Set<String> = [
        "type", "format", "items", "collectionFormat", "default", "maximum", "exclusiveMaximum", "minimum",
        "exclusiveMinimum", "maxLength", "minLength", "pattern", "maxItems", "minItems", "uniqueItems", "enum",
        "multipleOf",
    ]

    /// A non-body parameter: its value keys become `schema`, `collectionFormat` becomes
    /// `style` and `explode`.
    private func parameter(_ node: YAMLNode) throws -> YAMLNode {
        let fields = try reader.fields(
            node, "a parameter",
            known: Self.valueKeys.union(["name", "in", "description", "required", "allowEmptyValue", "schema"]))
        let inNode = try fields.required("in")
        let location = try reader.string(inNode, "'in' of a parameter")
        var result = MappingBuilder()
        result.carry(fields.pairs, keys: ["name", "in", "description", "required"])
        if let pair = fields.pairs.first(where: { $0.key.scalar?.value == "allowEmptyValue" }) {
            if location == "query" {
                result.carry(pair)
            } else {
                reader.warn("'allowEmptyValue' applies only to query parameters and is ignored", at: pair.key)
            }
        }
        var (schema, style, explode) = try valueSchema(fields, location: location)
        if fields["type"] == nil, let schemaNode = fields["schema"] {
            // Not Swagger 2.0 (only body parameters have a schema), but its meaning is clear.
            schema = try self.schema(schemaNode)
        }
        if let style { result.add("style", text(style.value, style.mark), keyMark: style.mark) }
        if let explode { result.add("explode", flag(explode.value, explode.mark), keyMark: explode.mark) }
        result.add(
            "schema", schema,
            keyMark: fields.pairs.first { Self.valueKeys.contains($0.key.scalar?.value ?? "") }?.key.mark ?? node.mark)
        result.carryExtensions(fields.pairs)
        return result.node(at: node.mark)
    }

    /// The schema that a parameter's, header's or items object's value keys describe, with
    /// the style and explode its `collectionFormat` stands for where `location` takes them.
    private func valueSchema(_ fields: Fields, location: String) throws
        -> (YAMLNode, style: (value: String, mark: YAMLMark)?, explode: (value: Bool, mark: YAMLMark)?)
    {
        var schema = MappingBuilder()
        for pair in fields.pairs {
            guard let key = pair.key.scalar?.value, Self.valueKeys.contains(key) else { continue }
            switch key {
            case "collectionFormat":
                continue
            case "type" where pair.value.scalar?.value == "file":
                schema.add(pair.key, text("string", pair.value.mark))
                schema.add("format", text("binary", pair.value.mark), keyMark: pair.key.mark)
            case "format" where fields["type"]?.scalar?.value == "file":
                continue
            case "items":
                let items = try reader.fields(pair.value, "'items'", known: Self.valueKeys)
                if let nested = items["collectionFormat"] {
                    reader.warn(
                        "'collectionFormat' of nested items has no OpenAPI 3.0 equivalent and is ignored",
                        at: nested)
                }
                schema.add(pair.key, try valueSchema(items, location: "items").0)
            default:
                schema.carry(pair)
            }
        }
        var style: (String, YAMLMark)?
        var explode: (Bool, YAMLMark)?
        let isArray = fields["type"]?.scalar?.value == "array"
        let formatNode = fields["collectionFormat"]
        if let formatNode, !isArray {
            reader.warn("'collectionFormat' applies only to arrays and is ignored", at: formatNode)
        }
        if isArray && location != "items" {
            var format = try formatNode.map { try reader.string($0, "'collectionFormat'") } ?? "csv"
            let mark = formatNode?.mark ?? fields["type"]!.mark
            let isQuery = location == "query" || location == "formData"
            if format == "tsv" {
                reader.warn(
                    "'collectionFormat: tsv' has no OpenAPI 3.0 equivalent; the values are sent comma-separated",
                    at: formatNode!)
                format = "csv"
            }
            if !isQuery && ["ssv", "pipes", "multi"].contains(format), let formatNode {
                reader.warn(
                    "'collectionFormat: \(format)' applies only to query and form parameters; "
                        + "the values are sent comma-separated",
                    at: formatNode)
                format = "csv"
            }
            switch format {
            case "csv":
                if isQuery {
                    style = ("form", mark)
                    explode = (false, mark)
                } else {
                    style = ("simple", mark)
                }
            case "ssv": style = ("spaceDelimited", mark)
            case "pipes": style = ("pipeDelimited", mark)
            case "multi":
                style = ("form", mark)
                explode = (true, mark)
            default:
                throw reader.error(
                    "unknown collectionFormat '\(format)'; expected csv, ssv, tsv, pipes or multi", at: formatNode!)
            }
        }
        let mark =
            fields.pairs.first { Self.valueKeys.contains($0.key.scalar?.value ?? "") }?.value.mark ?? fields.node.mark
        return (schema.node(at: mark), style, explode)
    }

    /// A body parameter, or a `$ref` to one, as the operation's request body: a `$ref` to
    /// the request body component when the operation uses the document's `consumes`.
    private func requestBody(_ body: (parameter: YAMLNode, resolved: YAMLNode, isOwn: Bool), consumes: [String])
        throws -> YAMLNode
    {
        if let referenceNode = body.parameter["$ref"], consumes == globalConsumes {
            return try rewrittenReference(body.parameter, referenceNode, section: "requestBodies")
        }
        return try bodyParameter(body.resolved, consumes: consumes)
    }

    /// `in: body` -> a request body with one media type per `consumes` entry.
    private func bodyParameter(_ node: YAMLNode, consumes: [String]) throws -> YAMLNode {
        let fields = try reader.fields(
            node, "a body parameter", known: ["name", "in", "description", "required", "schema"])
        let schemaNode = try fields.required("schema")
        let converted = try schema(schemaNode)
        var result = MappingBuilder()
        result.carry(fields.pairs, keys: ["description", "required"])
        if let name = fields.pairs.first(where: { $0.key.scalar?.value == "name" }) {
            // Kept as other tools keep it: the name a body parameter had.
            result.add("x-codegen-request-body-name", name.value, keyMark: name.key.mark)
        }
        var content = MappingBuilder()
        for type in consumes.isEmpty ? ["application/json"] : consumes {
            var mediaType = MappingBuilder()
            mediaType.add("schema", converted, keyMark: schemaNode.mark)
            content.add(type, mediaType.node(at: schemaNode.mark), keyMark: schemaNode.mark)
        }
        result.add("content", content.node(at: schemaNode.mark), keyMark: schemaNode.mark)
        result.carryExtensions(fields.pairs)
        return result.node(at: node.mark)
    }

    /// `in: formData` fields -> one request body whose object schema has a property per
    /// field: multipart when `consumes` says so or a field is a file, a URL-encoded form
    /// otherwise. Lists other than `multi` get an `encoding` entry.
    private func formBody(
        _ form: [(name: String, parameter: YAMLNode, resolved: YAMLNode)], consumes: [String], at mark: YAMLMark
    ) throws -> YAMLNode {
        var properties = MappingBuilder()
        var required: [YAMLNode] = []
        var encoding = MappingBuilder()
        var hasFile = false
        for field in form {
            let fields = try reader.fields(
                field.resolved, "form parameter '\(field.name)'",
                known: Self.valueKeys.union(["name", "in", "description", "required", "allowEmptyValue"]))
            if fields["type"]?.scalar?.value == "file" { hasFile = true }
            if let requiredNode = fields["required"], try reader.bool(requiredNode, "'required'") {
                required.append(text(field.name, requiredNode.mark))
            }
            if let allowEmpty = fields.pairs.first(where: { $0.key.scalar?.value == "allowEmptyValue" }) {
                reader.warn(
                    "'allowEmptyValue' of a form field has no OpenAPI 3.0 equivalent and is ignored", at: allowEmpty.key
                )
            }
            var (property, style, explode) = try valueSchema(fields, location: "formData")
            if let descriptionPair = fields.pairs.first(where: { $0.key.scalar?.value == "description" }),
                case .mapping(var pairs) = property.content
            {
                pairs.insert(descriptionPair, at: 0)
                property = YAMLNode(.mapping(pairs), mark: property.mark)
            }
            property = YAMLNode(
                .mapping(
                    (property.mapping ?? []) + fields.pairs.filter { $0.key.scalar?.value.hasPrefix("x-") == true }),
                mark: property.mark)
            let nameNode = fields["name"] ?? field.resolved
            properties.add(field.name, property, keyMark: nameNode.mark)
            if let style, !(style.value == "form" && explode?.value != false) {
                var entry = MappingBuilder()
                entry.add("style", text(style.value, style.mark), keyMark: style.mark)
                if let explode { entry.add("explode", flag(explode.value, explode.mark), keyMark: explode.mark) }
                encoding.add(field.name, entry.node(at: style.mark), keyMark: style.mark)
            }
        }
        let listed = consumes.filter {
            Self.formTypes.contains($0.lowercased().split(separator: ";").first.map(String.init) ?? "")
        }
        let types: [String]
        if hasFile {
            types = ["multipart/form-data"]
        } else if listed.isEmpty {
            types = ["application/x-www-form-urlencoded"]
        } else {
            types = listed
        }
        var schema = MappingBuilder()
        schema.add("type", text("object", mark), keyMark: mark)
        schema.add("properties", properties.node(at: mark), keyMark: mark)
        if !required.isEmpty {
            schema.add("required", YAMLNode(.sequence(required), mark: required[0].mark), keyMark: mark)
        }
        let schemaNode = schema.node(at: mark)
        var content = MappingBuilder()
        for type in types {
            var mediaType = MappingBuilder()
            mediaType.add("schema", schemaNode, keyMark: mark)
            if !encoding.isEmpty { mediaType.add("encoding", encoding.node(at: mark), keyMark: mark) }
            content.add(type, mediaType.node(at: mark), keyMark: mark)
        }
        var result = MappingBuilder()
        if !required.isEmpty { result.add("required", flag(true, required[0].mark), keyMark: mark) }
        result.add("content", content.node(at: mark), keyMark: mark)
        return result.node(at: mark)
    }

    // MARK: Responses

    /// A response: `schema` under each `produces` type, `examples` by media type,
    /// `headers` with their value keys as a schema.
    private func response(_ node: YAMLNode, produces: [String]) throws -> YAMLNode {
        if let referenceNode = node["$ref"] { return try rewrittenReference(node, referenceNode) }
        let fields = try reader.fields(node, "a response", known: ["description", "schema", "headers", "examples"])
        var result = MappingBuilder()
        result.carry(fields.pairs, keys: ["description"])
        if let headersNode = fields["headers"] {
            var headers = MappingBuilder()
            for pair in try reader.fields(headersNode, "'headers'").pairs {
                let header = try reader.fields(pair.value, "a header", known: Self.valueKeys.union(["description"]))
                var converted = MappingBuilder()
                converted.carry(header.pairs, keys: ["description"])
                let schema = try valueSchema(header, location: "header").0
                converted.add("schema", schema, keyMark: schema.mark)
                converted.carryExtensions(header.pairs)
                headers.add(pair.key, converted.node(at: pair.value.mark))
            }
            result.add("headers", headers.node(at: headersNode.mark), keyMark: headersNode.mark)
        }
        let types = produces.isEmpty ? ["application/json"] : produces
        var content = MappingBuilder()
        if let schemaNode = fields["schema"] {
            let converted = try schema(schemaNode)
            for type in types {
                var mediaType = MappingBuilder()
                mediaType.add("schema", converted, keyMark: schemaNode.mark)
                content.add(type, mediaType.node(at: schemaNode.mark), keyMark: schemaNode.mark)
            }
        }
        if let examplesNode = fields["examples"] {
            for pair in try reader.fields(examplesNode, "'examples'").pairs {
                let type = try reader.string(pair.key, "a media type")
                guard let mediaType = content.value(type) else {
                    reader.warn(
                        fields["schema"] == nil
                            ? "the example for '\(type)' is ignored: the response has no schema"
                            : "the example for '\(type)' is ignored: the operation produces "
                                + types.map { "'\($0)'" }.joined(separator: ", "),
                        at: pair.key)
                    continue
                }
                var withExample = MappingBuilder(pairs: mediaType.mapping ?? [])
                withExample.add("example", pair.value, keyMark: pair.key.mark)
                content.replace(type, withExample.node(at: mediaType.mark))
            }
        }
        if !content.isEmpty {
            result.add("content", content.node(at: fields["schema"]?.mark ?? node.mark), keyMark: node.mark)
        }
        result.carryExtensions(fields.pairs)
        return result.node(at: node.mark)
    }

    // MARK: Schemas

    /// A Swagger schema in 3.0 form: `x-nullable` is `nullable`, `type: file` binary text,
    /// a string `discriminator` a `propertyName`, and `$ref`s point into `components`.
    private func schema(_ node: YAMLNode) throws -> YAMLNode {
        guard let pairs = node.mapping else { return node }
        var result = MappingBuilder()
        let isFile = node["type"]?.scalar?.value == "file"
        for pair in pairs {
            guard let key = pair.key.scalar?.value else {
                result.carry(pair)
                continue
            }
            switch key {
            case "$ref":
                result.add(pair.key, try rewrittenTarget(pair.value, section: nil))
            case "x-nullable":
                result.add("nullable", pair.value, keyMark: pair.key.mark)
            case "type" where isFile:
                result.add(pair.key, text("string", pair.value.mark))
                result.add("format", text("binary", pair.value.mark), keyMark: pair.key.mark)
            case "format" where isFile:
                continue
            case "discriminator" where pair.value.scalar != nil:
                var discriminator = MappingBuilder()
                discriminator.add("propertyName", pair.value, keyMark: pair.value.mark)
                result.add(pair.key, discriminator.node(at: pair.value.mark))
            case "properties", "patternProperties":
                guard let properties = pair.value.mapping else {
                    result.carry(pair)
                    continue
                }
                var converted: [YAMLPair] = []
                for property in properties {
                    converted.append(YAMLPair(key: property.key, value: try schema(property.value)))
                }
                result.add(pair.key, YAMLNode(.mapping(converted), mark: pair.value.mark))
            case "items", "additionalProperties", "not":
                if let items = pair.value.sequence {
                    result.add(pair.key, YAMLNode(.sequence(try items.map(schema)), mark: pair.value.mark))
                } else {
                    result.add(pair.key, try schema(pair.value))
                }
            case "allOf", "anyOf", "oneOf":
                guard let items = pair.value.sequence else {
                    result.carry(pair)
                    continue
                }
                result.add(pair.key, YAMLNode(.sequence(try items.map(schema)), mark: pair.value.mark))
            default:
                result.carry(pair)
            }
        }
        return result.node(at: node.mark)
    }

    // MARK: References

    /// `{$ref: ...}` with its target rewritten; other keys beside it are kept.
    private func rewrittenReference(
        _ node: YAMLNode, _ referenceNode: YAMLNode, section: String? = nil
    ) throws -> YAMLNode {
        var result = MappingBuilder()
        for pair in node.mapping ?? [] {
            if pair.key.scalar?.value == "$ref" {
                result.add(pair.key, try rewrittenTarget(referenceNode, section: section))
            } else {
                result.carry(pair)
            }
        }
        return result.node(at: node.mark)
    }

    /// A `$ref` string pointing where its target is in 3.0: `#/definitions/X` ->
    /// `#/components/schemas/X` and so on. `section` replaces the components section
    /// (a body parameter's reference becomes one to `requestBodies`). The file part of a
    /// reference to another file is kept.
    private func rewrittenTarget(_ node: YAMLNode, section: String?) throws -> YAMLNode {
        let target = try reader.string(node, "'$ref'")
        let parts = target.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2 else { return node }
        let segments = parts[1].split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let sections = ["definitions": "schemas", "parameters": "parameters", "responses": "responses"]
        var kind: String
        var nameIndex: Int
        if segments.count >= 3, segments[0].isEmpty, let mapped = sections[segments[1]] {
            kind = mapped
            nameIndex = 2
        } else if segments.count >= 4, segments[0].isEmpty, segments[1] == "components" {
            kind = segments[2]
            nameIndex = 3
        } else {
            return node
        }
        var rest = Array(segments[nameIndex...])
        if parts[0].isEmpty, let newName = renamed[kind]?[JSONPointer.unescape(rest[0])] {
            rest[0] = newName
        }
        if let section { kind = section }
        let rewritten = String(parts[0]) + "#/components/\(kind)/" + rest.joined(separator: "/")
        return rewritten == target ? node : text(rewritten, node.mark)
    }

    /// The component name a local `$ref` names in `section` (Swagger's own section or,
    /// once bundled, the 3.0 one), unescaped; nil for anything else.
    private func componentName(_ target: String, section: String) -> String? {
        for prefix in ["#/\(section)/", "#/components/\(section)/"] where target.hasPrefix(prefix) {
            let name = String(target.dropFirst(prefix.count))
            return name.contains("/") ? nil : JSONPointer.unescape(name)
        }
        return nil
    }

    /// The node a local `$ref` points to in the Swagger document.
    private func resolve(_ target: String) -> YAMLNode? {
        guard target.hasPrefix("#/") else { return nil }
        var current: YAMLNode? = root
        for segment in target.dropFirst(2).split(separator: "/", omittingEmptySubsequences: false) {
            current = current?[JSONPointer.unescape(segment)]
        }
        return current
    }

    // MARK: Nodes

    private func text(_ value: String, _ mark: YAMLMark) -> YAMLNode {
        YAMLNode(.scalar(YAMLScalar(value: value, style: .singleQuoted)), mark: mark)
    }

    private func flag(_ value: Bool, _ mark: YAMLMark) -> YAMLNode {
        YAMLNode(.scalar(YAMLScalar(value: value ? "true" : "false", style: .plain)), mark: mark)
    }
}

/// A mapping built pair by pair, keys carried over with their marks or made with the mark
/// of what they come from.
private struct MappingBuilder {
    var pairs: [YAMLPair] = []

    var isEmpty: Bool { pairs.isEmpty }

    func value(_ key: String) -> YAMLNode? {
        pairs.first { $0.key.scalar?.value == key }?.value
    }

    mutating func add(_ key: YAMLNode, _ value: YAMLNode) {
        pairs.append(YAMLPair(key: key, value: value))
    }

    mutating func add(_ key: String, _ value: YAMLNode, keyMark: YAMLMark) {
        add(YAMLNode(.scalar(YAMLScalar(value: key, style: .plain)), mark: keyMark), value)
    }

    mutating func replace(_ key: String, _ value: YAMLNode) {
        for index in pairs.indices where pairs[index].key.scalar?.value == key { pairs[index].value = value }
    }

    mutating func carry(_ pair: YAMLPair) {
        pairs.append(pair)
    }

    /// The pairs of `source` whose keys are among `keys`, in `source`'s order.
    mutating func carry(_ source: [YAMLPair], keys: Set<String>) {
        pairs += source.filter { keys.contains($0.key.scalar?.value ?? "") }
    }

    mutating func carryExtensions(_ source: [YAMLPair]) {
        pairs += source.filter { $0.key.scalar?.value.hasPrefix("x-") == true }
    }

    func node(at mark: YAMLMark) -> YAMLNode {
        YAMLNode(.mapping(pairs), mark: mark)
    }
}
