import OpenAPIGenDeclarations

/// Prints the client struct: its initialisers and one async method per operation.
struct ClientRenderer {
    let context: RenderContext

    private var access: String { context.access }

    private func spell(_ type: TypeUsage) -> String { context.spell(type, []) }
    private func spell(_ type: TypeName) -> String { context.spell(type, []) }

    func render(_ client: ClientDeclaration, to printer: inout CodePrinter) {
        context.documentation(client.documentation, to: &printer)
        let url = spell(.foundation("URL"))
        printer.block("\(access) struct \(client.name): \(spell(.swift("Sendable")))") { printer in
            let serverParameter: String
            if let server = client.defaultServerURL {
                if let template = client.serverTemplate {
                    printer.line(
                        "/// The server the spec names, `\(SourceEscaping.docCommentLines(template.url).joined())`, with its variables' defaults: `\(SourceEscaping.docCommentLines(server).joined())`.")
                } else {
                    printer.line("/// The server the spec names: `\(SourceEscaping.docCommentLines(server).joined())`.")
                }
                // The translator only passes URLs that Foundation parses.
                printer.line(
                    "\(access) static let defaultServerURL = \(url)(string: \(SourceEscaping.stringLiteral(server)))!")
                printer.line()
                serverParameter = "serverURL: \(url) = \(client.name).defaultServerURL"
            } else {
                serverParameter = "serverURL: \(url)"
            }
            // Extensions in other files send through `core` too.
            if let template = client.serverTemplate {
                renderServerFunction(template, to: &printer)
                printer.line()
            }
            printer.line("\(client.hasExtensions ? "" : "private ")let core: \(spell(.runtime("ClientCore")))")
            printer.line()
            renderInitializers(client, serverParameter: serverParameter, to: &printer)
            for operation in client.operations {
                printer.line()
                render(operation, to: &printer)
            }
        }
    }

    /// `static func serverURL(region: String = "us", …) -> URL?`, filling in the template.
    private func renderServerFunction(_ template: ServerTemplate, to printer: inout CodePrinter) {
        var docs = ["The spec's server `\(template.url)` with its variables filled in; nil when the result is not a URL."]
        docs += ["", "- Parameters:"]
        for variable in template.variables {
            var text = "The `\(variable.wireName)` variable"
            if let values = variable.enumValues {
                text += ", one of " + values.map { "`\($0)`" }.joined(separator: ", ")
            }
            text += "."
            if let documentation = variable.documentation { text += " " + documentation }
            let lines = text.split(separator: "\n", omittingEmptySubsequences: true)
            docs.append("  - \(variable.name): " + (lines.first.map(String.init) ?? ""))
            docs += lines.dropFirst().map { "    " + $0 }
        }
        context.documentation(Documentation(docs), to: &printer)
        let string = spell(.string)
        let parameters = template.variables.map {
            "\(SwiftKeywords.escaped($0.name)): \(string) = \(SourceEscaping.stringLiteral($0.defaultValue))"
        }
        printer.block("\(access) static func serverURL(\(parameters.joined(separator: ", "))) -> \(spell(.foundation("URL")))?") {
            printer in
            printer.line("var url = \(SourceEscaping.stringLiteral(template.url))")
            for variable in template.variables {
                printer.line(
                    "url = url.replacingOccurrences(of: \(SourceEscaping.stringLiteral("{\(variable.wireName)}")), with: \(SwiftKeywords.escaped(variable.name)))")
            }
            printer.line("return \(spell(.foundation("URL")))(string: url)")
        }
    }

    func render(_ extensionDeclaration: ClientExtensionDeclaration, to printer: inout CodePrinter) {
        printer.block("extension \(extensionDeclaration.clientName)") { printer in
            for (index, operation) in extensionDeclaration.operations.enumerated() {
                if index > 0 { printer.line() }
                render(operation, to: &printer)
            }
        }
    }

    private func renderInitializers(_ client: ClientDeclaration, serverParameter: String, to printer: inout CodePrinter) {
        let servers = client.operationServers
        // `serverURL: serverURL, ` and, when operations name servers of their own, their overrides
        // (on a line of their own).
        let serverArguments = "serverURL: serverURL, " + (servers.isEmpty ? "" : "serverOverrides: serverOverrides,\n")
        let transport = "transport: any \(spell(.runtime("HTTPTransport"))) = \(spell(.runtime("URLSessionTransport")))()"
        let middlewares = "middlewares: [any \(spell(.runtime("ClientMiddleware")))] = []"
        let configuration = "configuration: \(spell(.runtime("ClientConfiguration"))) = \(spell(.runtime("ClientConfiguration")))()"
        let core = spell(.runtime("ClientCore"))
        switch client.authentication {
        case .schemes(let schemes):
            renderSchemesInitializer(
                schemes, serverParameter: serverParameter, operationServers: servers, serverArguments: serverArguments, transport: transport, middlewares: middlewares,
                configuration: configuration, to: &printer)
        case .none:
            renderInitializer(
                summary: ["Creates a client."], credentials: [], serverParameter: serverParameter,
                operationServers: servers, transport: transport, middlewares: middlewares, configuration: configuration,
                to: &printer
            ) { printer in
                printer.line("core = \(core)(")
                printer.indent()
                printer.lines("\(serverArguments)transport: transport, middlewares: middlewares, configuration: configuration)")
                printer.outdent()
            }
        case .bearer:
            renderInitializer(
                summary: ["Creates a client that sends `token` as `Authorization: Bearer <token>`."],
                credentials: [("token: \(spell(.string))", "token: The access token. It never appears in descriptions, logs or errors.")],
                serverParameter: serverParameter, operationServers: servers, transport: transport,
                middlewares: middlewares, configuration: configuration, to: &printer
            ) { printer in
                printer.line(
                    "self.init(")
                printer.indent()
                printer.lines("\(serverArguments)tokenProvider: { token }, transport: transport, middlewares: middlewares,")
                printer.line("configuration: configuration)")
                printer.outdent()
            }
            printer.line()
            renderInitializer(
                summary: [
                    "Creates a client that asks `tokenProvider` for the bearer token before every request,",
                    "so a rotated token is used without rebuilding the client.",
                ],
                credentials: [
                    (
                        "tokenProvider: @escaping @Sendable () async throws -> \(spell(.string))",
                        "tokenProvider: Returns the current access token."
                    )
                ],
                serverParameter: serverParameter, operationServers: servers, transport: transport,
                middlewares: middlewares, configuration: configuration, to: &printer
            ) { printer in
                printer.line("core = \(core)(")
                printer.indent()
                printer.lines("\(serverArguments)transport: transport,")
                printer.line("middlewares: middlewares + [\(spell(.runtime("BearerTokenMiddleware")))(token: tokenProvider)],")
                printer.line("configuration: configuration)")
                printer.outdent()
            }
        }
    }

    /// The initialiser of a client with several kinds of credentials: one optional
    /// parameter per security scheme.
    private func renderSchemesInitializer(
        _ schemes: [ClientDeclaration.SecuritySchemeDeclaration], serverParameter: String, operationServers: [String],
        serverArguments: String, transport: String,
        middlewares: String, configuration: String, to printer: inout CodePrinter
    ) {
        let string = spell(.string)
        let credentials = schemes.map { scheme -> (parameter: String, documentation: String) in
            let name = SwiftKeywords.escaped(scheme.parameterName)
            let type: String
            var text: String
            switch scheme.kind {
            case .bearer:
                type = string
                text = "The bearer token for `\(scheme.schemeName)`."
            case .basic:
                type = "(username: \(string), password: \(string))"
                text = "The user name and password for `\(scheme.schemeName)` (HTTP basic)."
            case .apiKey(let keyName, let location):
                type = string
                text = "The API key for `\(scheme.schemeName)`, sent as the \(location) `\(keyName)`."
            }
            if let documentation = scheme.documentation, !documentation.isEmpty { text += "\n" + documentation }
            return ("\(name): \(type)? = nil", "\(scheme.parameterName): " + text)
        }
        renderInitializer(
            summary: [
                "Creates a client with credentials for the spec's security schemes: pass those the",
                "operations you call need (an operation without them throws `MissingCredentialsError`).",
                "Credentials never appear in descriptions, logs or errors.",
            ],
            credentials: credentials, serverParameter: serverParameter, operationServers: operationServers, transport: transport,
            middlewares: middlewares, configuration: configuration, to: &printer
        ) { printer in
            printer.line("var credentials: [\(string): \(spell(.runtime("Credential")))] = [:]")
            for scheme in schemes {
                let name = SwiftKeywords.escaped(scheme.parameterName)
                let key = SourceEscaping.stringLiteral(scheme.schemeName)
                let value: String
                switch scheme.kind {
                case .bearer: value = ".bearer(\(name))"
                case .basic: value = ".basic(username: \(name).username, password: \(name).password)"
                case .apiKey(let keyName, let location):
                    value = ".apiKey(\(name), name: \(SourceEscaping.stringLiteral(keyName)), in: .\(location))"
                }
                printer.line("if let \(name) { credentials[\(key)] = \(value) }")
            }
            printer.line("core = \(spell(.runtime("ClientCore")))(")
            printer.indent()
            printer.lines("\(serverArguments)transport: transport, middlewares: middlewares, configuration: configuration,")
            printer.line("credentials: credentials)")
            printer.outdent()
        }
    }

    /// An initialiser taking the server, an optional credential, the transport and the
    /// middlewares, with its documentation.
    private func renderInitializer(
        summary: [String], credentials: [(parameter: String, documentation: String)], serverParameter: String,
        operationServers: [String], transport: String, middlewares: String, configuration: String, to printer: inout CodePrinter,
        body: (inout CodePrinter) -> Void
    ) {
        for line in summary { printer.line("/// " + line) }
        printer.line("///")
        printer.line("/// - Parameters:")
        printer.line("///   - serverURL: The server to send requests to; its path, if any, prefixes every operation's path.")
        if !operationServers.isEmpty {
            printer.line("///   - serverOverrides: Where to send the operations that name a server of their own, instead of")
            printer.line("///     that server, keyed by its URL (with its variables' defaults): "
                + operationServers.map { "`\(SourceEscaping.docCommentLines($0).joined())`" }.joined(separator: ", ") + ".")
        }
        for credential in credentials {
            let lines = credential.documentation.split(separator: "\n", omittingEmptySubsequences: true)
            for (index, line) in lines.enumerated() {
                printer.line((index == 0 ? "///   - " : "///     ") + SourceEscaping.docCommentLines(String(line)).joined(separator: " "))
            }
        }
        printer.line("///   - transport: Sends the requests; `URLSessionTransport` unless you pass another.")
        printer.line("///   - middlewares: Run in order on every request and in reverse on every response.")
        printer.line("///   - configuration: Timeout and retry policy for every request.")
        printer.line("\(access) init(")
        printer.indent()
        let overrides =
            operationServers.isEmpty
            ? [] : ["serverOverrides: [\(spell(.string)): \(spell(.foundation("URL")))] = [:]"]
        for parameter in [serverParameter] + overrides + credentials.map(\.parameter) + [transport, middlewares] {
            printer.line(parameter + ",")
        }
        printer.line(configuration)
        printer.outdent()
        printer.block(")", body)
    }

    /// An operation's parameters as declared (`name: Type = nil`) and as passed on
    /// (`name: name`), `options` last; `defaults` false leaves out every default value.
    private func parameters(_ operation: OperationDeclaration, defaults: Bool = true)
        -> [(declaration: String, argument: String)]
    {
        var result: [(String, String)] = operation.parameters.map { parameter in
            let name = SwiftKeywords.escaped(parameter.name)
            let defaultValue = defaults && parameter.type.isOptional ? " = nil" : ""
            return ("\(name): \(spell(parameter.type))\(defaultValue)", "\(SwiftKeywords.argumentLabel(parameter.name)): \(name)")
        }
        if let body = operation.body {
            let label = operation.parameters.isEmpty ? "_ body" : "body"
            let defaultValue = defaults && body.type.isOptional ? " = nil" : ""
            result.append(("\(label): \(spell(body.type))\(defaultValue)", operation.parameters.isEmpty ? "body" : "body: body"))
        }
        let options = spell(.runtime("RequestOptions"))
        result.append(("options: \(options)\(defaults ? " = \(options)()" : "")", "options: options"))
        return result
    }

    /// `<prefix>func name(…) async throws -> T<suffix>`, on one line when it fits.
    private func signature(
        _ operation: OperationDeclaration, prefix: String, parameters: [String], suffix: String,
        to printer: inout CodePrinter
    ) {
        let returns = operation.returnType.map { " -> \(spell($0))" } ?? ""
        let start = "\(prefix)func \(SwiftKeywords.escaped(operation.functionName))("
        let oneLine = start + parameters.joined(separator: ", ") + ") async throws\(returns)\(suffix)"
        if oneLine.count <= 104 {
            printer.line(oneLine)
        } else {
            printer.line(start)
            printer.indent()
            for (index, parameter) in parameters.enumerated() {
                printer.line(parameter + (index == parameters.count - 1 ? "" : ","))
            }
            printer.outdent()
            printer.line(") async throws\(returns)\(suffix)")
        }
    }

    /// `<Client>Protocol`: every operation, so code can depend on the protocol and tests can
    /// pass a fake; an extension gives calls through it the client's default arguments.
    func renderProtocol(_ client: ClientDeclaration, to printer: inout CodePrinter) {
        let name = client.protocolName.isEmpty ? client.name + "Protocol" : client.protocolName
        context.documentation(
            Documentation([
                "The operations of `\(client.name)`, so that code can depend on this protocol and tests",
                "can pass a fake. Calls through it take the same default arguments as the client's.",
            ]), to: &printer)
        printer.block("\(access) protocol \(name): \(spell(.swift("Sendable")))") { printer in
            for (index, operation) in client.protocolOperations.enumerated() {
                if index > 0 { printer.line() }
                printer.line("/// `\(operation.method) \(SourceEscaping.docCommentLines(operation.path).joined())` (`\(SourceEscaping.docCommentLines(operation.operationID).joined())`).")
                if operation.isDeprecated { printer.line("@available(*, deprecated)") }
                signature(
                    operation, prefix: "", parameters: parameters(operation, defaults: false).map(\.declaration),
                    suffix: "", to: &printer)
            }
        }
        printer.line()
        printer.block("extension \(name)") { printer in
            for (index, operation) in client.protocolOperations.enumerated() {
                if index > 0 { printer.line() }
                let all = parameters(operation)
                let call = "try await \(SwiftKeywords.escaped(operation.functionName))("
                    + all.dropLast().map(\.argument).joined(separator: ", ")
                    + (all.count > 1 ? ", " : "") + "options: \(spell(.runtime("RequestOptions")))())"
                printer.line("/// `\(SourceEscaping.docCommentLines(operation.operationID).joined())` with the client's default `RequestOptions`.")
                if operation.isDeprecated { printer.line("@available(*, deprecated)") }
                signature(
                    operation, prefix: "\(access) ", parameters: all.dropLast().map(\.declaration), suffix: " {",
                    to: &printer)
                printer.indent()
                printer.line(call)
                printer.outdent()
                printer.line("}")
            }
        }
        printer.line()
        printer.line("extension \(client.name): \(name) {}")
    }

    private func render(_ operation: OperationDeclaration, to printer: inout CodePrinter) {
        renderDocumentation(operation, to: &printer)
        if operation.isDeprecated { printer.line("@available(*, deprecated)") }
        signature(
            operation, prefix: "\(access) ", parameters: parameters(operation).map(\.declaration), suffix: " {",
            to: &printer)
        printer.indent()
        let id = SourceEscaping.stringLiteral(operation.operationID)
        let method = ["GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE", "QUERY"]
            .contains(operation.method)
            ? "." + operation.method.lowercased()
            : "\(spell(.runtime("HTTPMethod")))(rawValue: \(SourceEscaping.stringLiteral(operation.method)))"
        let builder = spell(.runtime("RequestBuilder"))
        let needsMutation =
            !operation.parameters.isEmpty || operation.body != nil || operation.accept != nil || !operation.security.isEmpty
            || operation.idempotencyKeyHeader != nil
        printer.line(
            "\(needsMutation ? "var" : "let") request = \(builder)(method: \(method), path: \(SourceEscaping.stringLiteral(operation.path)))")
        for parameter in operation.parameters {
            let wire = SourceEscaping.stringLiteral(parameter.wireName)
            let name = SwiftKeywords.escaped(parameter.name)
            switch parameter.location {
            case .path where parameter.isJSON:
                printer.line("try request.setPathParameter(\(wire), json: \(name))")
            case .path:
                if let style = parameter.style {
                    printer.line("request.setPathParameter(\(wire), \(name), style: .\(style), explode: \(parameter.explode))")
                } else if case .array = parameter.type.nonOptional, parameter.explode {
                    printer.line("request.setPathParameter(\(wire), \(name), explode: true)")
                } else {
                    printer.line("request.setPathParameter(\(wire), \(name))")
                }
            case .query where parameter.isJSON:
                printer.line("try request.addQueryParameter(\(wire), json: \(name))")
            case .header where parameter.isJSON:
                printer.line("try request.setHeader(\(wire), json: \(name))")
            case .query where parameter.isObject:
                let style = parameter.style.map { "style: .\($0), " } ?? ""
                printer.line("try request.addQueryObject(\(wire), \(name), \(style)explode: \(parameter.explode))")
            case .query:
                switch parameter.type.nonOptional {
                case .array, .dictionary:
                    let style = parameter.style.map { "style: .\($0), " } ?? ""
                    printer.line("request.addQueryParameter(\(wire), \(name), \(style)explode: \(parameter.explode))")
                default:
                    printer.line("request.addQueryParameter(\(wire), \(name))")
                }
            case .header:
                printer.line("request.setHeader(\(wire), \(name))")
            case .cookie where parameter.isJSON || parameter.isObject:
                printer.line("try request.addCookie(\(wire), json: \(name))")
            case .cookie:
                printer.line("request.addCookie(\(wire), \(name))")
            case .querystring where parameter.isJSON:
                printer.line("try request.setQueryString(json: \(name))")
            case .querystring where parameter.formFields.isEmpty:
                printer.line("try request.setQueryString(form: \(name))")
            case .querystring:
                let entries = parameter.formFields.map {
                    "\(SourceEscaping.stringLiteral($0.key)): \(formEncoding($0))"
                }
                let line = "try request.setQueryString(form: \(name), encoding: [\(entries.joined(separator: ", "))])"
                if printer.indentation * 4 + line.count <= 100 {
                    printer.line(line)
                } else {
                    // One encoding entry per line.
                    printer.line("try request.setQueryString(")
                    printer.indent()
                    printer.line("form: \(name),")
                    printer.line("encoding: [")
                    printer.indent()
                    for entry in entries { printer.line(entry + ",") }
                    printer.outdent()
                    printer.line("])")
                    printer.outdent()
                }
            }
        }
        if let header = operation.idempotencyKeyHeader {
            printer.line("request.idempotencyKeyHeader = \(SourceEscaping.stringLiteral(header))")
        }
        if !operation.security.isEmpty {
            let alternatives = operation.security.map { "[" + $0.map(SourceEscaping.stringLiteral).joined(separator: ", ") + "]" }
            printer.line("request.security = [\(alternatives.joined(separator: ", "))]")
        }
        if let accept = operation.accept {
            printer.line("request.headers[\"Accept\"] = \(SourceEscaping.stringLiteral(accept))")
        }
        if let body = operation.body {
            let call: String
            switch body.format {
            case .json:
                call =
                    body.jsonContentType.map { "try request.setJSONBody(body, contentType: \(SourceEscaping.stringLiteral($0)))" }
                    ?? "try request.setJSONBody(body)"
            case .form(let fields) where fields.isEmpty: call = "try request.setFormBody(body)"
            case .form(let fields):
                let entries = fields.map { "\(SourceEscaping.stringLiteral($0.key)): \(formEncoding($0))" }
                call = "try request.setFormBody(body, encoding: [\(entries.joined(separator: ", "))])"
            case .multipart: call = "try request.setMultipartBody(body)"
            case .binary(let contentType):
                call = "request.setBody(body, contentType: \(SourceEscaping.stringLiteral(contentType)))"
            case .text(let contentType):
                call = "request.setTextBody(body, contentType: \(SourceEscaping.stringLiteral(contentType)))"
            }
            let line = body.type.isOptional ? "if let body { \(call) }" : call
            if case .form(let fields) = body.format, !fields.isEmpty, printer.indentation * 4 + line.count > 100 {
                // One encoding entry per line.
                if body.type.isOptional { printer.line("if let body {") }
                if body.type.isOptional { printer.indent() }
                printer.line("try request.setFormBody(")
                printer.indent()
                printer.line("body,")
                printer.line("encoding: [")
                printer.indent()
                for field in fields {
                    printer.line("\(SourceEscaping.stringLiteral(field.key)): \(formEncoding(field)),")
                }
                printer.outdent()
                printer.line("])")
                printer.outdent()
                if body.type.isOptional {
                    printer.outdent()
                    printer.line("}")
                }
            } else {
                printer.line(line)
            }
        }
        if let server = operation.server {
            printer.line("let response = try await core.send(")
            printer.indent()
            printer.line("request, operationID: \(id), options: options, server: \(SourceEscaping.stringLiteral(server)))")
            printer.outdent()
        } else {
            printer.line("let response = try await core.send(request, operationID: \(id), options: options)")
        }
        printer.line("switch response.statusCode {")
        // Statuses handled alike share one `case`: `case 400, 401, 403:`.
        var groups: [OperationDeclaration.Outcome] = []
        for outcome in operation.outcomes {
            if var last = groups.last, last.statusRange == nil, outcome.statusRange == nil, last.kind == outcome.kind {
                last.statusCodes += outcome.statusCodes
                groups[groups.count - 1] = last
            } else {
                groups.append(outcome)
            }
        }
        for outcome in groups {
            let pattern: String
            if let range = outcome.statusRange {
                pattern = "\(range * 100)..<\(range * 100 + 100)"
            } else {
                pattern = outcome.statusCodes.map(String.init).joined(separator: ", ")
            }
            printer.line("case \(pattern):")
            printer.indent()
            renderOutcome(outcome, operation: operation, id: id, to: &printer)
            printer.outdent()
        }
        printer.line("default:")
        printer.indent()
        if let fallback = operation.defaultOutcome {
            renderOutcome(fallback, operation: operation, id: id, to: &printer)
        } else {
            printer.line("throw core.unexpectedStatus(response, operationID: \(id))")
        }
        printer.outdent()
        printer.line("}")
        printer.outdent()
        printer.line("}")
    }

    /// The expression that reads a success body.
    private func bodyExpression(_ type: TypeUsage, format: OperationDeclaration.ResponseFormat, id: String) -> String {
        switch format {
        case .binary: "response.body"
        case .text: "\(spell(.string))(decoding: response.body, as: UTF8.self)"
        case .json: "try core.decodeJSON(\(spell(type)).self, from: response, operationID: \(id))"
        }
    }

    /// The runtime's `FormFieldEncoding` for a form property.
    private func formEncoding(_ field: OperationDeclaration.FormField) -> String {
        if field.style == "deepObject" { return ".deepObject" }
        return "\(spell(.runtime("FormFieldEncoding")))(style: .\(field.style), explode: \(field.explode))"
    }

    private func renderOutcome(
        _ outcome: OperationDeclaration.Outcome, operation: OperationDeclaration, id: String,
        to printer: inout CodePrinter
    ) {
        if case .success(let type) = outcome.kind, let output = operation.output {
            // The body (if any) and the typed headers, in the operation's `Output` struct.
            var arguments: [String] = []
            if output.hasBody {
                if let type {
                    arguments.append("body: " + bodyExpression(type, format: outcome.format, id: id))
                } else {
                    arguments.append("body: nil")
                }
            }
            for header in output.headers {
                arguments.append(
                    "\(SwiftKeywords.escaped(header.propertyName)): response.headerValue(\(SourceEscaping.stringLiteral(header.wireName)))")
            }
            printer.line("return \(spell(.local(output.typeName)))(")
            printer.indent()
            for (index, argument) in arguments.enumerated() {
                printer.line(argument + (index == arguments.count - 1 ? ")" : ","))
            }
            printer.outdent()
            return
        }
        switch outcome.kind {
        case .success(.some) where outcome.format == .binary:
            printer.line("return response.body")
        case .success(.some) where outcome.format == .text:
            printer.line("return \(spell(.string))(decoding: response.body, as: UTF8.self)")
        case .success(let type?):
            printer.line("return try core.decodeJSON(\(spell(type)).self, from: response, operationID: \(id))")
        case .success(nil):
            printer.line(operation.returnType == nil ? "return" : "return nil")
        case .failure(let type):
            let body = type.map(spell) ?? spell(.jsonValue)
            printer.line("throw core.documentedError(\(body).self, from: response, operationID: \(id))")
        }
    }

    private func renderDocumentation(_ operation: OperationDeclaration, to printer: inout CodePrinter) {
        var docs: [String] = []
        if let summary = operation.summary { docs.append(summary) }
        if !operation.documentation.isEmpty {
            if !docs.isEmpty { docs.append("") }
            docs += operation.documentation.lines
        }
        if !docs.isEmpty { docs.append("") }
        docs.append("`\(operation.method) \(operation.path)` (`\(operation.operationID)`).")
        if !operation.example.isEmpty {
            docs += ["", "```swift"]
            for statement in operation.example {
                let prefix = statement.resultName.map { "let \($0) = " } ?? ""
                docs += ExamplePrinter.lines(statement.value, prefix: prefix, width: 92)
            }
            docs.append("```")
        }
        if let server = operation.server {
            docs += [
                "",
                server.contains("://")
                    ? "Sent to `\(server)`, the operation's own server, unless the client's `serverOverrides` names another."
                    : "Sent to `\(server)` (the operation's own server) resolved against the client's `serverURL`, unless the client's `serverOverrides` names another.",
            ]
        }
        if let header = operation.idempotencyKeyHeader {
            docs += [
                "",
                "Retried safely, like an idempotent method, after a 502, 503, 504, a timeout or a dropped",
                "connection: every attempt of a call sends the same idempotency key in `\(header)`.",
            ]
        }
        let parameters: [(String, String)] =
            operation.parameters.map { parameter in
                let fallback =
                    parameter.location == .querystring
                    ? "The whole query string (`\(parameter.wireName)`)."
                    : "The `\(parameter.wireName)` \(parameter.location.rawValue) parameter."
                var text = parameter.documentation ?? fallback
                if parameter.location == .header, parameter.wireName == operation.idempotencyKeyHeader {
                    text += "\nWhen nil, the client generates one (a random UUID) for this call."
                }
                return (parameter.name, text)
            }
            + (operation.body.map { [("body", $0.documentation ?? "The request body.")] } ?? [])
            + [("options", "Timeout, retries and extra headers for this call; the client's configuration otherwise.")]
        if !parameters.isEmpty {
            docs += ["", "- Parameters:"]
            for (name, text) in parameters {
                let lines = text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
                docs.append("  - \(name): \(lines.first ?? "")")
                docs += lines.dropFirst().map { "    " + $0 }
            }
        }
        let successes = operation.outcomes.filter { if case .success = $0.kind { true } else { false } }
        if operation.returnType != nil, !successes.isEmpty {
            let list = successes.map { "\(statusText($0)) (\(firstLine($0.description)))" }.joined(separator: ", ")
            docs += ["- Returns: The body of the \(list) response."]
        }
        var throwsLines: [String] = []
        for outcome in operation.outcomes + [operation.defaultOutcome].compactMap({ $0 }) {
            guard case .failure(let type) = outcome.kind else { continue }
            let body = type.map(spell) ?? "JSONValue"
            let status = outcome.statusCodes.isEmpty && outcome.statusRange == nil ? "any other status" : statusText(outcome)
            throwsLines.append("  - `APIError<\(body)>` for \(status): \(firstLine(outcome.description))")
        }
        if operation.defaultOutcome == nil {
            throwsLines.append("  - `UnexpectedStatusError` for a status the spec does not document.")
        }
        if !operation.security.isEmpty && !operation.security.contains([]) {
            throwsLines.append("  - `MissingCredentialsError` when the client has none of the credentials this operation needs.")
        }
        throwsLines.append("  - `ResponseDecodingError` when a response body does not match its schema.")
        throwsLines.append("  - `RateLimitedError` when the server still answers 429 after the last retry.")
        throwsLines.append("  - `TimeoutError` when an attempt takes longer than the timeout, `TransportError` when the")
        throwsLines.append("    request cannot be sent or the response not received, after any retries.")
        throwsLines.append("  - `CancellationError` when the calling task is cancelled.")
        docs += ["- Throws:"] + throwsLines
        context.documentation(Documentation(docs), to: &printer)
    }

    private func statusText(_ outcome: OperationDeclaration.Outcome) -> String {
        if let range = outcome.statusRange { return "`\(range)XX`" }
        return outcome.statusCodes.map { "`\($0)`" }.joined(separator: ", ")
    }

    private func firstLine(_ text: String) -> String {
        String(text.split(separator: "\n").first ?? "").trimmingSpaces
    }
}

extension TypeUsage {
    var nonOptional: TypeUsage {
        if case .optional(let inner) = self { return inner }
        return self
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        var text = Substring(self)
        while text.first == " " { text.removeFirst() }
        while text.last == " " { text.removeLast() }
        return String(text)
    }
}
