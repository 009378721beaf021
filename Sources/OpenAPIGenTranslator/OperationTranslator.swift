import Foundation
import OpenAPIGenDeclarations
import OpenAPIGenDiagnostics
import OpenAPIGenModel

/// Translates the document's operations into the client declaration. Inline request and
/// response schemas become top-level types named after the operation
/// (`CreateInviteeRequest`, `CreateInviteeResponse`).
struct OperationTranslator {
    let document: OpenAPIDocument
    var types: TypeTranslator
    var liftedDeclarations: [Declaration] = []
    var warnings: [Diagnostic] = []
    private var unsupportedSchemesReported: Set<String> = []

    let includeTags: [String]?
    let includeOperations: [String]?
    /// The configuration's `idempotencyKey`, if any.
    let idempotencyKey: IdempotencyKeyConfiguration?
    /// The configuration's `streamTerminator`: the data of the event that ends a server-sent event stream.
    var streamTerminator: String?

    init(
        document: OpenAPIDocument, types: TypeTranslator, includeTags: [String]? = nil,
        includeOperations: [String]? = nil, idempotencyKey: IdempotencyKeyConfiguration? = nil
    ) {
        self.document = document
        self.types = types
        self.includeTags = includeTags
        self.includeOperations = includeOperations
        self.idempotencyKey = idempotencyKey
    }

    /// Whether the configuration's filters keep `operation` (no filters keep everything).
    func isIncluded(_ operation: OpenAPIOperation) -> Bool {
        if includeTags == nil && includeOperations == nil { return true }
        if let tags = includeTags, !Set(tags).isDisjoint(with: operation.tags) { return true }
        if let ids = includeOperations, let id = operation.operationID, ids.contains(id) { return true }
        return false
    }

    /// The operations the configuration's filters keep, in the order of the paths.
    var includedOperations: [OpenAPIOperation] { document.paths.flatMap { $0.operations.filter(isIncluded) } }

    /// The client's function names taken before any operation is named: its own members'
    /// and those the configuration gives operations (with the warnings about those).
    func initialFunctionNames() -> (names: NameScope, warnings: [Diagnostic]) {
        var functionNames = NameScope(reserved: ["init", "core", "defaultServerURL", "serverURL"])
        let warnings = reserveRenamedOperations(in: &functionNames)
        return (functionNames, warnings)
    }

    /// A run of operations as declarations, and the security schemes they use (each once,
    /// in the order first used).
    struct TranslatedOperations: Sendable {
        var operations: [OperationDeclaration] = []
        var usedSchemes: [String] = []

        /// These operations followed by `later`'s.
        func followed(by later: TranslatedOperations) -> TranslatedOperations {
            TranslatedOperations(
                operations: operations + later.operations,
                usedSchemes: usedSchemes + later.usedSchemes.filter { !usedSchemes.contains($0) })
        }
    }

    /// Translates `operations` (included ones, in order), naming their functions in
    /// `functionNames`.
    mutating func translate(
        _ operations: ArraySlice<OpenAPIOperation>, functionNames: inout NameScope
    ) -> TranslatedOperations {
        var translated = TranslatedOperations()
        for operation in operations {
            let requirements = supportedRequirements(operation.security ?? document.security ?? [])
            guard var declaration = self.operation(operation, names: &functionNames) else { continue }
            declaration.security = requirements
            declaration.server = operationServer(operation)
            for name in requirements.joined() where !translated.usedSchemes.contains(name) {
                translated.usedSchemes.append(name)
            }
            translated.operations += streamingVariants(of: declaration, operation)
        }
        return translated
    }

    /// Takes on what `later` (started from the same state as this one) gave while it
    /// translated the operations after this one's: its lifted types, warnings and names
    /// (the type names it took after the first `noted` of its scope's ``NameScope/added``).
    mutating func append(_ later: OperationTranslator, typeNamesTakenAfter noted: Int) {
        liftedDeclarations += later.liftedDeclarations
        warnings += later.warnings
        unsupportedSchemesReported.formUnion(later.unsupportedSchemesReported)
        types.adopt(namesAndWarningsOf: later.types, takenAfter: noted)
    }

    mutating func clientDeclaration(name: String) -> ClientDeclaration {
        var (functionNames, renameWarnings) = initialFunctionNames()
        warnings += renameWarnings
        let translated = translate(includedOperations[...], functionNames: &functionNames)
        return clientDeclaration(name: name, translated: translated, functionNames: &functionNames)
    }

    /// The client with `translated`, its operations, whose function names `functionNames`
    /// holds.
    mutating func clientDeclaration(
        name: String, translated: TranslatedOperations, functionNames: inout NameScope
    ) -> ClientDeclaration {
        var operations = translated.operations
        let usedSchemes = translated.usedSchemes
        nameStreamingCompanions(&operations, names: &functionNames)
        // One bearer-style scheme (or several, all bearer): the client takes one token.
        // Otherwise it takes a credential per scheme and applies them per operation.
        let authentication: ClientDeclaration.Authentication
        if usedSchemes.isEmpty {
            authentication = .none
        } else if usedSchemes.allSatisfy({ Self.isBearer(document.components.securitySchemes[$0]!.kind) }) {
            authentication = .bearer
            operations = operations.map {
                var operation = $0
                operation.security = []
                return operation
            }
        } else {
            var parameterNames = NameScope(
                reserved: ["serverURL", "transport", "middlewares", "configuration", "credentials", "core"])
            authentication = .schemes(
                usedSchemes.map { name in
                    let scheme = document.components.securitySchemes[name]!
                    let kind: ClientDeclaration.SecuritySchemeDeclaration.Kind
                    switch scheme.kind {
                    case .http(scheme: "basic", _): kind = .basic
                    case .apiKey(let keyName, let location): kind = .apiKey(name: keyName, location: location.rawValue)
                    default: kind = .bearer
                    }
                    return ClientDeclaration.SecuritySchemeDeclaration(
                        parameterName: parameterNames.claim(SwiftNaming.lowerCamel(name, fallback: "credential")),
                        schemeName: name, kind: kind, documentation: scheme.description)
                })
        }
        let allOperations = document.paths.flatMap(\.operations)
        for tag in includeTags ?? [] where !allOperations.contains(where: { $0.tags.contains(tag) }) {
            warnings.append(
                Diagnostic(.warning, "no operation has the tag '\(tag)' given in the configuration", at: nil))
        }
        for id in includeOperations ?? [] where !allOperations.contains(where: { $0.operationID == id }) {
            warnings.append(
                Diagnostic(.warning, "no operation has the operationId '\(id)' given in the configuration", at: nil))
        }
        for id in idempotencyKey?.operations ?? [] where !allOperations.contains(where: { $0.operationID == id }) {
            warnings.append(
                Diagnostic(
                    .warning, "no operation has the operationId '\(id)' given in the configuration's idempotencyKey",
                    at: nil))
        }
        var serverURL: String?
        var serverTemplate: ServerTemplate?
        if let server = document.servers.first {
            var url = server.url
            var variables: [ServerTemplate.Variable] = []
            var variableNames = NameScope(reserved: ["self"])
            for variable in server.variables where server.url.contains("{\(variable.name)}") {
                url = url.replacingOccurrences(of: "{\(variable.name)}", with: variable.defaultValue)
                variables.append(
                    ServerTemplate.Variable(
                        name: variableNames.claim(SwiftNaming.lowerCamel(variable.name, fallback: "variable")),
                        wireName: variable.name, defaultValue: variable.defaultValue, enumValues: variable.enumValues,
                        documentation: variable.description))
            }
            if url.contains("{") {
                warnings.append(
                    Diagnostic(
                        .warning,
                        "server URL '\(server.url)' has a placeholder without a variable; the client has no default server URL",
                        at: server.location))
            } else if let parsed = URL(string: url), parsed.scheme != nil {
                serverURL = url
                if !variables.isEmpty { serverTemplate = ServerTemplate(url: server.url, variables: variables) }
            } else {
                warnings.append(
                    Diagnostic(
                        .warning, "server URL '\(url)' is not absolute; the client has no default server URL",
                        at: server.location))
            }
        }
        var docs: [String] = ["A client for \(document.info.title) \(document.info.version)."]
        if let description = document.info.description ?? document.info.summary {
            docs += [""] + Documentation(text: description).lines
        }
        var client = ClientDeclaration(
            name: name, documentation: Documentation(docs), defaultServerURL: serverURL,
            authentication: authentication, operations: operations, serverTemplate: serverTemplate)
        for server in operations.compactMap(\.server) where !client.operationServers.contains(server) {
            client.operationServers.append(server)
        }
        client.webhooks = webhookDeclaration(clientName: name)
        return client
    }

    /// The server an operation names itself (its own `servers`, or else its path item's),
    /// when that differs from the document's first: the first server's URL with its
    /// variables' defaults (the others are alternatives, as for the document's servers). A
    /// relative URL is resolved against the client's server when a request is sent.
    private mutating func operationServer(_ operation: OpenAPIOperation) -> String? {
        guard let server = operation.servers?.first else { return nil }
        if let documentServer = document.servers.first, documentServer.url == server.url { return nil }
        var url = server.url
        for variable in server.variables {
            url = url.replacingOccurrences(of: "{\(variable.name)}", with: variable.defaultValue)
        }
        let name = operation.operationID ?? "\(operation.httpMethod) \(operation.path)"
        guard !url.contains("{"), let parsed = URL(string: url), parsed.scheme == nil || parsed.host != nil else {
            warnings.append(
                Diagnostic(
                    .warning,
                    "server URL '\(server.url)' of operation '\(name)' is not a URL once its variables "
                        + "have their defaults; the operation is sent to the client's server",
                    at: server.location))
            return nil
        }
        // A relative URL (`/v2`) is resolved against the client's `serverURL` when sent.
        return url
    }

    static func isBearer(_ kind: SecurityScheme.Kind) -> Bool {
        switch kind {
        case .http(scheme: "bearer", _), .oauth2, .openIDConnect: true
        default: false
        }
    }

    /// The requirement alternatives the client can satisfy, as lists of scheme names;
    /// warns once about each scheme it cannot apply (mutual TLS, HTTP schemes other than
    /// basic and bearer). An empty alternative (`{}`) makes credentials optional.
    private mutating func supportedRequirements(_ requirements: [SecurityRequirement]) -> [[String]] {
        var alternatives: [[String]] = []
        for requirement in requirements {
            var supported = true
            for name in requirement.schemeNames {
                guard let scheme = document.components.securitySchemes[name] else {
                    supported = false  // the validator has reported it
                    continue
                }
                switch scheme.kind {
                case .http(scheme: "bearer", _), .http(scheme: "basic", _), .apiKey, .oauth2, .openIDConnect:
                    continue
                default:
                    supported = false
                    guard unsupportedSchemesReported.insert(name).inserted else { continue }
                    warnings.append(
                        Diagnostic(
                            .warning,
                            "security scheme '\(name)' is not supported; requests are sent without it",
                            at: scheme.location))
                }
            }
            if supported && !alternatives.contains(requirement.schemeNames) {
                alternatives.append(requirement.schemeNames)
            }
        }
        return alternatives
    }

    private mutating func operation(_ operation: OpenAPIOperation, names: inout NameScope) -> OperationDeclaration? {
        let operationID = operation.operationID ?? "\(operation.method) \(operation.path)"
        let functionName =
            operation.operationID.flatMap { types.overrides.operationName($0)?.swiftName }
            ?? names.claim(Self.naturalFunctionName(operation))
        let typePrefix = SwiftNaming.upperCamel(functionName)
        // The generated method body uses these names itself.
        var parameterNames = NameScope(reserved: ["body", "options", "request", "response", "core", "self", "Self"])
        var parameters: [OperationDeclaration.Parameter] = []
        for parameter in Self.effectiveParameters(operation.parameters.compactMap { try? document.resolve($0) }) {
            let location: OperationDeclaration.ParameterLocation
            switch parameter.location {
            case .path: location = .path
            case .query: location = .query
            case .header: location = .header
            case .cookie: location = .cookie
            case .querystring: location = .querystring
            }
            // The whole query string (OpenAPI 3.2) is a form or JSON.
            var queryStringFields: [OperationDeclaration.FormField] = []
            if location == .querystring {
                switch parameter.contentType.map(Self.kind(of:)) {
                case .json?: break
                case .form?: queryStringFields = Self.formFields(parameter.contentEncoding)
                default:
                    warnings.append(
                        Diagnostic(
                            .warning,
                            "operation '\(operationID)' is skipped: its querystring parameter '\(parameter.name)' is "
                                + (parameter.contentType.map { "'\($0)'" } ?? "of no media type")
                                + "; application/x-www-form-urlencoded and JSON query strings are generated",
                            at: parameter.sourceLocation))
                    return nil
                }
            }
            var type = TypeUsage.named(.string)
            if let schema = parameter.schema {
                type = liftedUsage(schema, name: typePrefix + SwiftNaming.upperCamel(parameter.name))
            }
            if !parameter.required { type = type.asOptional }
            parameters.append(
                OperationDeclaration.Parameter(
                    name: parameterNames.claim(SwiftNaming.lowerCamel(parameter.name, fallback: "parameter")),
                    wireName: parameter.name, location: location, type: type,
                    explode: parameter.explode
                        ?? ((parameter.style ?? (location == .query || location == .cookie ? "form" : "simple"))
                            == "form"),
                    style: Self.style(parameter.style, at: location),
                    isObject: !parameter.isContent && (parameter.schema.map(types.isObjectOrChoice) ?? false),
                    // OpenAPI defines no text form for a list of objects; APIs that take one
                    // (Box's `mdfilters`) read it as JSON.
                    isJSON: location == .querystring
                        ? parameter.contentType.map(Self.kind(of:)) == .json
                        : parameter.isContent || (parameter.schema.map(isListOfObjects) ?? false),
                    documentation: parameter.description, formFields: queryStringFields))
            parameters[parameters.count - 1].example = ExampleValues.value(
                parameter.example ?? parameter.schema.flatMap { schemaExample($0) })
        }
        let idempotencyKeyHeader = self.idempotencyKeyHeader(operation, parameters: &parameters, names: &parameterNames)
        var body: OperationDeclaration.Body?
        if let reference = operation.requestBody, let requestBody = try? document.resolve(reference) {
            guard let (mediaType, content) = preferredContent(requestBody.content) else {
                warnings.append(
                    Diagnostic(
                        .warning, "operation '\(operationID)' is skipped: its request body lists no media type",
                        at: requestBody.location))
                return nil
            }
            var type: TypeUsage
            let format: OperationDeclaration.BodyFormat
            switch Self.kind(of: mediaType) {
            case .json, .form, .multipart:
                type =
                    content.schema.map { liftedUsage($0, name: typePrefix + "Request") }
                    ?? TypeUsage.named(RuntimeNames.jsonValue)
                switch Self.kind(of: mediaType) {
                case .form:
                    format = .form(Self.formFields(content.encoding))
                case .multipart: format = .multipart(fileContentTypes: multipartFileContentTypes(content))
                default: format = .json
                }
            case .text:
                type = .named(.string)
                format = .text(contentType: Self.concreteContentType(mediaType))
            case .binary:
                type = .named(.data)
                format = .binary(contentType: Self.concreteContentType(mediaType))
            }
            if !requestBody.required { type = type.asOptional }
            body = OperationDeclaration.Body(
                type: type, format: format, documentation: requestBody.description,
                jsonContentType: format == .json ? Self.specificJSONType(mediaType) : nil)
            body?.example = ExampleValues.value(content.example ?? content.schema.flatMap { schemaExample($0) })
        }
        var outcomes: [OperationDeclaration.Outcome] = []
        var accept: [String] = []
        var defaultOutcome: OperationDeclaration.Outcome?
        var successTypes: [TypeUsage?] = []
        let successCount = operation.responses.names.filter { $0.hasPrefix("2") }.count
        // With no 2xx response documented, `default` describes success too (Petstore's
        // `default: successful operation`): its body is returned for a 2xx status and thrown
        // in `APIError` for any other.
        let defaultIsSuccess = successCount == 0
        for entry in operation.responses.entries {
            guard let response = try? document.resolve(entry.value) else { continue }
            let isSuccess = entry.name.hasPrefix("2") || (entry.name == "default" && defaultIsSuccess)
            var type: TypeUsage?
            var format = OperationDeclaration.ResponseFormat.json
            // A response to HEAD has no body (RFC 9110 §9.3.2): a documented one is not read.
            let isHead = operation.httpMethod == "HEAD"
            if isHead, !response.content.names.isEmpty {
                warnings.append(
                    Diagnostic(
                        .warning,
                        "response '\(entry.name)' of HEAD operation '\(operationID)' documents a body, but a "
                            + "response to HEAD has none (RFC 9110 §9.3.2); the body is not read",
                        at: response.location))
            }
            if !isHead, let (mediaType, content) = preferredContent(response.content) {
                switch Self.kind(of: mediaType) {
                case .form, .multipart:
                    // Not JSON, and not decoded: the body is returned as its bytes.
                    warnings.append(
                        Diagnostic(
                            .warning,
                            "response '\(entry.name)' of operation '\(operationID)' is '\(mediaType)': typed "
                                + "multipart and form responses are not decoded; its body is given as its bytes (Data)",
                            at: response.location))
                    if isSuccess {
                        type = .named(.data)
                        format = .binary
                    }
                case .json:
                    if let schema = content.schema {
                        let suffix =
                            isSuccess
                            ? (successCount > 1 ? "Response\(entry.name)" : "Response")
                            : (entry.name == "default" ? "ErrorDefault" : "Error\(entry.name)")
                        type = liftedUsage(schema, name: typePrefix + SwiftNaming.upperCamel(suffix))
                    }
                case .text:
                    if isSuccess {
                        type = .named(.string)
                        format = .text
                    }
                case .binary:
                    if isSuccess {
                        type = .named(.data)
                        format = .binary
                    }
                }
                if isSuccess, format != .json || Self.specificJSONType(mediaType) != nil {
                    accept.append(contentsOf: response.content.names)
                }
            }
            let kind: OperationDeclaration.Outcome.Kind = isSuccess ? .success(type) : .failure(type)
            if isSuccess { successTypes.append(type) }
            if entry.name == "default" {
                if isSuccess {
                    outcomes.append(
                        OperationDeclaration.Outcome(
                            statusCodes: [], statusRange: 2, kind: kind, format: format,
                            description: response.description))
                }
                defaultOutcome = OperationDeclaration.Outcome(
                    statusCodes: [], kind: .failure(format == .json ? type : nil), format: .json,
                    description: response.description)
            } else if entry.name.hasSuffix("XX") {
                outcomes.append(
                    OperationDeclaration.Outcome(
                        statusCodes: [], statusRange: Int(entry.name.prefix(1)), kind: kind, format: format,
                        description: response.description))
            } else if let code = Int(entry.name) {
                outcomes.append(
                    OperationDeclaration.Outcome(
                        statusCodes: [code], kind: kind, format: format, description: response.description))
            }
        }
        // Exact codes before ranges, so `404` wins over `4XX`.
        outcomes.sort { ($0.statusRange == nil ? 0 : 1) < ($1.statusRange == nil ? 0 : 1) }
        let distinct = successTypes.reduce(into: [TypeUsage?]()) { if !$0.contains($1) { $0.append($1) } }
        var returnType: TypeUsage?
        if distinct.count == 1 {
            returnType = distinct[0]
        } else if distinct.count > 1 {
            let nonNil = distinct.compactMap { $0 }
            if nonNil.count == 1 {
                returnType = nonNil[0].asOptional
            } else {
                returnType = .named(RuntimeNames.jsonValue)
                warnings.append(
                    Diagnostic(
                        .warning,
                        "operation '\(operationID)' has success responses with different bodies; it returns \(RuntimeNames.jsonValue.path[0])",
                        at: operation.location))
                outcomes = outcomes.map { outcome in
                    var outcome = outcome
                    if case .success(.some) = outcome.kind {
                        outcome.kind = .success(.named(RuntimeNames.jsonValue))
                        outcome.format = .json
                    }
                    return outcome
                }
            }
        }
        if let type = returnType, type.isOptional {
            outcomes = outcomes.map { outcome in
                var outcome = outcome
                if case .success(let inner?) = outcome.kind, !inner.isOptional { outcome.kind = .success(inner) }
                return outcome
            }
        }
        var docs: [String] = []
        if let description = operation.description {
            docs = Documentation(text: description).lines
        }
        let output = responseOutput(operation, typePrefix: typePrefix, returnType: &returnType)
        var declaration = OperationDeclaration(
            functionName: functionName, operationID: operationID, summary: operation.summary,
            documentation: Documentation(docs), isDeprecated: operation.deprecated,
            method: operation.httpMethod, path: operation.path, parameters: parameters, body: body,
            outcomes: outcomes, defaultOutcome: defaultOutcome, returnType: returnType,
            accept: accept.isEmpty
                ? nil
                : accept.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
                    .joined(separator: ", "))
        declaration.output = output
        declaration.idempotencyKeyHeader = idempotencyKeyHeader
        return declaration
    }

    /// The header that carries `operation`'s idempotency key, when it accepts one: its
    /// `Idempotency-Key` header parameter (any case, as Stripe declares it), or the
    /// configuration's header when `idempotencyKey` names the operation. The key's parameter
    /// becomes optional (the client generates a key when the caller passes none); an
    /// operation the configuration names without such a parameter gets one, `idempotencyKey`.
    private func idempotencyKeyHeader(
        _ operation: OpenAPIOperation, parameters: inout [OperationDeclaration.Parameter], names: inout NameScope
    ) -> String? {
        var candidates = ["idempotency-key"]
        let configured = idempotencyKey.flatMap { key in
            operation.operationID.flatMap { key.operations.contains($0) ? key.header : nil }
        }
        if let configured { candidates.insert(configured.lowercased(), at: 0) }
        for candidate in candidates {
            guard
                let index = parameters.firstIndex(where: {
                    $0.location == .header && !$0.isJSON && $0.wireName.lowercased() == candidate
                })
            else { continue }
            parameters[index].type = parameters[index].type.asOptional
            return parameters[index].wireName
        }
        guard let configured else { return nil }
        parameters.append(
            OperationDeclaration.Parameter(
                name: names.claim("idempotencyKey"), wireName: configured, location: .header,
                type: TypeUsage.named(.string).asOptional, explode: false,
                documentation: "The idempotency key, sent as the `\(configured)` header."))
        return configured
    }

    /// A schema's own `example`, or that of the schema it refers to.
    private func schemaExample(_ schema: Schema) -> SpecValue? {
        schema.example ?? document.followingReference(schema).example
    }

    /// The parameters that apply to an operation: the path item's and the operation's own,
    /// where an operation parameter replaces the path item's one with the same name and
    /// location (header names compare case-insensitively), as OpenAPI says.
    static func effectiveParameters(_ parameters: [Parameter]) -> [Parameter] {
        func key(_ parameter: Parameter) -> String {
            parameter.location.rawValue + ":"
                + (parameter.location == .header ? parameter.name.lowercased() : parameter.name)
        }
        var lastIndex: [String: Int] = [:]
        for (index, parameter) in parameters.enumerated() { lastIndex[key(parameter)] = index }
        return parameters.enumerated().filter { lastIndex[key($0.element)] == $0.offset }.map(\.element)
    }

    /// When success responses declare headers, the `<Operation>Output` struct (body and
    /// typed headers, all optional: a server may leave a header out) that the method
    /// returns; `returnType` becomes that struct.
    private mutating func responseOutput(
        _ operation: OpenAPIOperation, typePrefix: String, returnType: inout TypeUsage?
    ) -> OperationDeclaration.Output? {
        var headers: [(name: String, header: Header)] = []
        for entry in operation.responses.entries where entry.name.hasPrefix("2") {
            guard let response = try? document.resolve(entry.value) else { continue }
            for item in response.headers.entries {
                guard let header = try? document.resolve(item.value),
                    !headers.contains(where: { $0.name.lowercased() == item.name.lowercased() }),
                    item.name.lowercased() != "content-type"
                else { continue }
                headers.append((item.name, header))
            }
        }
        guard !headers.isEmpty else { return nil }
        let typeName = types.claimTopLevelName(typePrefix + "Output")
        var propertyNames = NameScope(reserved: ["self", "Self", "body"])
        var properties: [PropertyDeclaration] = []
        if let body = returnType {
            properties.append(
                PropertyDeclaration(
                    name: "body", key: "body", type: body, documentation: Documentation(["The response body."])))
        }
        var outputHeaders: [OperationDeclaration.Output.Header] = []
        for (name, header) in headers {
            let propertyName = propertyNames.claim(SwiftNaming.lowerCamel(name, fallback: "header"))
            var type = TypeUsage.named(.string)
            if let schema = header.schema {
                if isReadableFromHeaderText(schema) {
                    let candidate = liftedUsage(schema, name: typeName + SwiftNaming.upperCamel(name))
                    if Self.isHeaderValue(candidate.nonOptionalUsage) { type = candidate.nonOptionalUsage }
                } else {
                    warnings.append(
                        Diagnostic(
                            .warning,
                            "response header '\(name)' of operation '\(operation.operationID ?? typePrefix)' has a schema "
                                + "that header text cannot be read as (an object, a choice or a list of lists); "
                                + "it is returned as the header's text (String)",
                            at: header.location))
                }
            }
            let text = header.description ?? "The `\(name)` header."
            properties.append(
                PropertyDeclaration(
                    name: propertyName, key: name, type: type.asOptional,
                    documentation: Documentation(text: text)))
            outputHeaders.append(OperationDeclaration.Output.Header(propertyName: propertyName, wireName: name))
        }
        liftedDeclarations.append(
            .structure(
                StructDeclaration(
                    name: typeName,
                    documentation: Documentation([
                        "What `\(operation.operationID ?? typePrefix)` returns: the body and the response headers."
                    ]),
                    properties: properties, nestedTypes: [])))
        let hasBody = returnType != nil
        returnType = .named(.local(typeName))
        return OperationDeclaration.Output(typeName: typeName, hasBody: hasBody, headers: outputHeaders)
    }

    /// Types the runtime reads from header text (`HeaderValue`), generated enums of them
    /// (the schema was checked with ``isReadableFromHeaderText(_:)``), and lists of either.
    private static func isHeaderValue(_ type: TypeUsage, inList: Bool = false) -> Bool {
        switch type {
        case .named(let name):
            return name.module == nil
                || [.string, .int, .int32, .int64, .double, .float, .bool, .date, .uuid, RuntimeNames.calendarDate]
                    .contains(name)
        case .array(let inner): return !inList && isHeaderValue(inner, inList: true)
        case .optional, .dictionary: return false
        }
    }

    /// Whether a header's schema is a scalar, an enum, or a list of those: what the runtime
    /// reads from a header's `simple`-style text. Objects and choices are not.
    private func isReadableFromHeaderText(_ schema: Schema, inList: Bool = false) -> Bool {
        var schema = schema
        if let reference = schema.reference {
            guard let resolved = try? document.resolveSchema(reference) else { return false }
            schema = resolved.schema
        }
        if schema.allOf.count == 1, schema.properties.isEmpty, schema.types.isEmpty {
            return isReadableFromHeaderText(schema.allOf[0], inList: inList)  // `allOf: [$ref]`, a wrapper
        }
        if types.objectShape(schema) != nil || types.composite(schema) != nil || !schema.allOf.isEmpty
            || !schema.properties.isEmpty || schema.types.contains(.object)
        {
            return false
        }
        if let items = schema.items { return !inList && isReadableFromHeaderText(items, inList: true) }
        return true
    }

    /// The default `Content-Type` of each file property of a multipart body (`format:
    /// binary`, or 3.1's non-text `contentMediaType`; arrays of them too): the first type of
    /// its `encoding`'s `contentType` (`image/png, image/jpeg` sends `image/png`), else its
    /// `contentMediaType`; wildcards (`image/*`) are not a type to send. An `encoding`
    /// `contentType` for a property that is not a file is warned about unless it is what the
    /// part is sent as anyway (text, or JSON for objects and arrays).
    mutating func multipartFileContentTypes(_ content: MediaType) -> [OperationDeclaration.FileContentType] {
        guard let schema = content.schema else { return [] }
        var result: [OperationDeclaration.FileContentType] = []
        for (name, property) in document.followingReference(schema).properties {
            var item = document.followingReference(property)
            let isArray = item.singleType == .array || (item.types.isEmpty && item.items != nil)
            if isArray, let items = item.items { item = document.followingReference(items) }
            let isString = item.singleType == .string || TypeTranslator.contentType(item) == .string
            let isFile =
                isString
                && (item.format == "binary" || item.format == "byte"
                    || (item.format == nil && TypeTranslator.holdsBytes(item)))
            let encoding = content.encoding[name]
            let listed = encoding?.contentType?.split(separator: ",").first
                .map { $0.trimmingCharacters(in: .whitespaces) }
            if isFile {
                let mediaType = [listed, item.contentMediaType?.trimmingCharacters(in: .whitespaces)]
                    .compactMap { $0 }.first { !$0.isEmpty && !$0.contains("*") }
                // `application/octet-stream` is what a file is sent as anyway.
                if let mediaType, mediaType.lowercased() != "application/octet-stream" {
                    result.append(.init(key: name, contentType: mediaType))
                }
            } else if let listed, let encoding {
                let type = listed.lowercased()
                let isJSON = type == "application/json" || type.hasSuffix("+json")
                // An array sends a part per item: scalars as text, objects and arrays as JSON.
                let structured =
                    item.singleType == .object || item.singleType == .array || !item.properties.isEmpty
                let sentAsIs = structured ? isJSON : (type == "text/plain" || type.hasPrefix("text/plain;"))
                if !sentAsIs {
                    warnings.append(
                        Diagnostic(
                            .warning,
                            "the multipart encoding of '\(name)' gives 'contentType: \(encoding.contentType ?? "")', "
                                + "which is not generated for a property that is not a file; the part is sent as "
                                + (structured ? "JSON (application/json)" : "text"),
                            at: encoding.location ?? content.location))
                }
            }
        }
        return result
    }

    /// A form's properties whose `encoding` is not `form`, exploded (the default).
    static func formFields(_ encoding: NamedMap<Encoding>) -> [OperationDeclaration.FormField] {
        encoding.entries.compactMap { entry in
            let style = entry.value.style ?? "form"
            let explode = entry.value.explode ?? (style == "form")
            return style == "form" && explode
                ? nil : OperationDeclaration.FormField(key: entry.name, style: style, explode: explode)
        }
    }

    /// The `style` the renderer passes on: query styles other than `form`, path styles
    /// other than `simple`; nil for the defaults and for styles that do not apply there.
    static func style(_ style: String?, at location: OperationDeclaration.ParameterLocation) -> String? {
        guard let style else { return nil }
        switch location {
        case .query: return ["spaceDelimited", "pipeDelimited", "deepObject"].contains(style) ? style : nil
        case .path: return ["label", "matrix"].contains(style) ? style : nil
        case .header, .cookie, .querystring: return nil
        }
    }

    /// Whether a parameter's schema is an array of objects or of `oneOf` choices.
    private func isListOfObjects(_ schema: Schema) -> Bool {
        guard let items = document.followingReference(schema).items else { return false }
        return types.isObjectOrChoice(items)
    }

    enum ContentKind: Int {
        case json, form, multipart, text, binary
    }

    static func kind(of mediaType: String) -> ContentKind {
        // Lower-case ASCII with no parameters and no spaces (most media types) is its own
        // type: no lowercasing, splitting or trimming needed.
        let isPlain = mediaType.utf8.allSatisfy { byte in
            byte > 0x20 && byte < 0x7F && byte != UInt8(ascii: ";") && !(byte >= 65 && byte <= 90)
        }
        let type =
            isPlain
            ? mediaType
            : mediaType.lowercased().split(separator: ";").first.map(String.init)?
                .trimmingCharacters(in: .whitespaces) ?? ""
        if type == "application/json" || type.hasSuffix("+json") || type == "*/*" || type == "application/*" {
            return .json
        }
        if type == "application/x-www-form-urlencoded" { return .form }
        if type == "multipart/form-data" || type == "multipart/mixed" { return .multipart }
        if type.hasPrefix("text/") || type == "application/xml" || type.hasSuffix("+xml") { return .text }
        return .binary
    }

    /// The media type an operation uses from a content map: JSON first, then forms,
    /// multipart, text and bytes; the spec's order among equals.
    func preferredContent(_ content: NamedMap<MediaType>) -> (String, MediaType)? {
        content.entries.enumerated().min { left, right in
            let leftKind = Self.kind(of: left.element.name).rawValue
            let rightKind = Self.kind(of: right.element.name).rawValue
            return leftKind != rightKind ? leftKind < rightKind : left.offset < right.offset
        }.map { ($0.element.name, $0.element.value) }
    }

    /// A JSON media type other than `application/json` itself (`application/vnd.api+json`):
    /// what a server that names it may require in `Content-Type` and `Accept`; nil for
    /// `application/json` and wildcards.
    static func specificJSONType(_ mediaType: String) -> String? {
        let type =
            mediaType.lowercased().split(separator: ";").first.map(String.init)?
            .trimmingCharacters(in: .whitespaces) ?? ""
        guard kind(of: mediaType) == .json, type != "application/json", !type.contains("*") else { return nil }
        return mediaType
    }

    /// A content type to send: a wildcard (`image/*`) becomes `application/octet-stream`.
    static func concreteContentType(_ mediaType: String) -> String {
        mediaType.contains("*") ? "application/octet-stream" : mediaType
    }

    /// The type for a schema used by an operation (see ``TypeTranslator/topLevelUsage(for:named:)``);
    /// the types it declares go to ``liftedDeclarations``.
    mutating func liftedUsage(_ schema: Schema, name: String) -> TypeUsage {
        let type = types.topLevelUsage(for: schema, named: name)
        liftedDeclarations += types.takeLiftedDeclarations()
        return type
    }
}
