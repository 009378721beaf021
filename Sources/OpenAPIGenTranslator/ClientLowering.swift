import OpenAPIGenDeclarations
import OpenAPIGenSyntax

/// The client as syntax: its initialisers, one async method per operation (how each
/// parameter is sent, which runtime call reads each response, the docs), the protocol.
struct ClientLowering {
    let context: LoweringContext

    private var access: AccessModifier { context.access }
    private func spell(_ type: TypeUsage) -> TypeSyntax { context.spell(type, []) }
    private func spell(_ type: TypeName) -> TypeSyntax { context.spell(type, []) }
    /// A runtime type's name as the docs write it.
    private func name(_ type: TypeName) -> String { type.path.joined(separator: ".") }

    private static let request: Identifier = "request"
    private static let response: Identifier = "response"
    private static let core: Identifier = "core"
    private static let options: Identifier = "options"
    private static let body: Identifier = "body"

    func client(_ client: ClientDeclaration) -> OpenAPIGenSyntax.Declaration {
        let url = spell(.foundation("URL"))
        var members: [OpenAPIGenSyntax.Declaration] = []
        let serverParameter: ParameterDescription
        if let server = client.defaultServerURL {
            let comment: DocComment
            if let template = client.serverTemplate {
                comment = DocComment([
                    .joined([
                        .text("The server the spec names, `"), .lines(template.url, separator: ""),
                        .text("`, with its variables' defaults: `"), .lines(server, separator: ""), .text("`."),
                    ])
                ])
            } else {
                comment = DocComment([
                    .joined([.text("The server the spec names: `"), .lines(server, separator: ""), .text("`.")])
                ])
            }
            // The translator only passes URLs that Foundation parses.
            members += [
                .commented(
                    comment,
                    .variable(
                        VariableDescription(
                            access: access, isStatic: true, kind: .let, name: "defaultServerURL",
                            value: .forceUnwrap(.call(.type(url), [Argument("string", .string(server))]))))),
                .blankLine,
            ]
            serverParameter = ParameterDescription(
                name: "serverURL", type: url,
                defaultValue: Expression.type(.named(Identifier(client.name))).dot("defaultServerURL"))
        } else {
            serverParameter = ParameterDescription(name: "serverURL", type: url)
        }
        if let template = client.serverTemplate { members += [serverFunction(template), .blankLine] }
        // Extensions in other files send through `core` too.
        members += [
            .variable(
                VariableDescription(
                    access: client.hasExtensions ? nil : .private, kind: .let, name: Self.core,
                    type: spell(RuntimeNames.clientCore))),
            .blankLine,
        ]
        members += initializers(client, serverParameter: serverParameter)
        for operation in client.operations { members += [.blankLine, self.operation(operation)] }
        return context.documented(
            client.documentation,
            .struct(
                TypeDescription(
                    access: access, name: Identifier(client.name), conformances: [spell(.swift("Sendable"))],
                    members: members)))
    }

    func clientExtension(_ declaration: ClientExtensionDeclaration) -> OpenAPIGenSyntax.Declaration {
        var members: [OpenAPIGenSyntax.Declaration] = []
        for (index, operation) in declaration.operations.enumerated() {
            if index > 0 { members.append(.blankLine) }
            members.append(self.operation(operation))
        }
        return .extension(ExtensionDescription(type: .named(Identifier(declaration.clientName)), members: members))
    }

    /// `static func serverURL(region: String = "us", …) -> URL?`, filling in the template.
    private func serverFunction(_ template: ServerTemplate) -> OpenAPIGenSyntax.Declaration {
        var docs = [
            "The spec's server `\(template.url)` with its variables filled in; nil when the result is not a URL."
        ]
        docs += ["", "- Parameters:"]
        for variable in template.variables {
            var text = "The `\(variable.wireName)` variable"
            if let values = variable.enumValues {
                text += ", one of " + values.map { "`\($0)`" }.joined(separator: ", ")
            }
            text += "."
            if let documentation = variable.documentation { text += " " + documentation }
            let lines = text.nonEmptyLines
            docs.append("  - \(variable.name): " + (lines.first.map(String.init) ?? ""))
            docs += lines.dropFirst().map { "    " + $0 }
        }
        let url: Identifier = "url"
        let foundationURL = spell(.foundation("URL"))
        let body: [Statement] =
            [.variable(VariableDescription(kind: .var, name: url, value: .string(template.url)))]
            + template.variables.map { variable in
                .expression(
                    .assignment(
                        .identifier(url),
                        .call(
                            Expression.identifier(url).dot("replacingOccurrences"),
                            [
                                Argument("of", .string("{\(variable.wireName)}")),
                                Argument("with", .identifier(Identifier(variable.name))),
                            ])))
            } + [.return(.call(.type(foundationURL), [Argument("string", .identifier(url))]))]
        return context.commented(
            docs,
            .function(
                FunctionDescription(
                    access: access, isStatic: true, kind: .function("serverURL"),
                    parameters: template.variables.map {
                        ParameterDescription(
                            name: Identifier($0.name), type: spell(.string), defaultValue: .string($0.defaultValue))
                    }, returnType: .optional(foundationURL), body: body)))
    }

    // MARK: Initialisers

    private func initializers(_ client: ClientDeclaration, serverParameter: ParameterDescription)
        -> [OpenAPIGenSyntax.Declaration]
    {
        let servers = client.operationServers
        let core = Expression.type(spell(RuntimeNames.clientCore))
        /// `label: label`.
        func passed(_ name: Identifier) -> Argument { Argument(name, .identifier(name)) }
        /// `serverURL: serverURL, ` and, when operations name servers of their own, their
        /// overrides (ending the line).
        let serverArguments =
            [passed(RuntimeNames.Label.serverURL)]
            + (servers.isEmpty ? [] : [passed(RuntimeNames.Label.serverOverrides)])
        /// The number of arguments on the first line, and the lines after it: the server
        /// arguments stand alone on a line when there are overrides.
        func lines(_ counts: [Int]) -> ElementLayout {
            servers.isEmpty
                ? .lines([counts[0] + 1] + counts.dropFirst()) : .lines([2, counts[0]] + counts.dropFirst())
        }
        let transport = passed(RuntimeNames.Label.transport)
        let middlewares = passed(RuntimeNames.Label.middlewares)
        let configuration = passed(RuntimeNames.Label.configuration)
        /// `core = ClientCore(…)`.
        func assignCore(_ arguments: [Argument], _ layout: ElementLayout) -> Statement {
            .expression(.assignment(.identifier(Self.core), .call(core, serverArguments + arguments, layout)))
        }
        switch client.authentication {
        case .schemes(let schemes):
            return [
                schemesInitializer(
                    schemes, serverParameter: serverParameter, operationServers: servers,
                    assignCore: {
                        assignCore(
                            [transport, middlewares, configuration, passed(RuntimeNames.Label.credentials)],
                            lines([3, 1]))
                    })
            ]
        case .none:
            return [
                initializer(
                    summary: ["Creates a client."], credentials: [], serverParameter: serverParameter,
                    operationServers: servers,
                    body: [assignCore([transport, middlewares, configuration], lines([3]))])
            ]
        case .bearer:
            let tokenProvider: Identifier = "tokenProvider"
            let string = spell(.string)
            let delegating = Statement.expression(
                .call(
                    .memberInit(.selfReference),
                    serverArguments + [
                        Argument(tokenProvider, .closure([.expression(.identifier("token"))])), transport, middlewares,
                        configuration,
                    ], lines([3, 1])))
            let providing = assignCore(
                [
                    transport,
                    Argument(
                        RuntimeNames.Label.middlewares,
                        .binary(
                            .identifier("middlewares"), .plus,
                            .array(
                                [
                                    .call(
                                        .type(spell(RuntimeNames.bearerTokenMiddleware)),
                                        [Argument(RuntimeNames.Label.token, .identifier(tokenProvider))])
                                ],
                                .inline))),
                    configuration,
                ], lines([1, 1, 1]))
            return [
                initializer(
                    summary: ["Creates a client that sends `token` as `Authorization: Bearer <token>`."],
                    credentials: [
                        (
                            ParameterDescription(name: "token", type: string),
                            "token: The access token. It never appears in descriptions, logs or errors."
                        )
                    ], serverParameter: serverParameter, operationServers: servers, body: [delegating]),
                .blankLine,
                initializer(
                    summary: [
                        "Creates a client that asks `tokenProvider` for the bearer token before every request,",
                        "so a rotated token is used without rebuilding the client.",
                    ],
                    credentials: [
                        (
                            ParameterDescription(
                                name: tokenProvider,
                                type: .attributed(
                                    ["escaping", "Sendable"],
                                    .function(parameters: [], isAsync: true, throwing: true, returnType: string))),
                            "tokenProvider: Returns the current access token."
                        )
                    ], serverParameter: serverParameter, operationServers: servers, body: [providing]),
            ]
        }
    }

    /// The initialiser of a client with several kinds of credentials: one optional
    /// parameter per security scheme.
    private func schemesInitializer(
        _ schemes: [ClientDeclaration.SecuritySchemeDeclaration], serverParameter: ParameterDescription,
        operationServers: [String], assignCore: () -> Statement
    ) -> OpenAPIGenSyntax.Declaration {
        let string = spell(.string)
        let credentials = schemes.map { scheme -> (parameter: ParameterDescription, documentation: String) in
            let type: TypeSyntax
            var text: String
            switch scheme.kind {
            case .bearer:
                type = string
                text = "The bearer token for `\(scheme.schemeName)`."
            case .basic:
                type = .tuple([TupleElement("username", string), TupleElement("password", string)])
                text = "The user name and password for `\(scheme.schemeName)` (HTTP basic)."
            case .apiKey(let keyName, let location):
                type = string
                text = "The API key for `\(scheme.schemeName)`, sent as the \(location) `\(keyName)`."
            }
            if let documentation = scheme.documentation, !documentation.isEmpty { text += "\n" + documentation }
            return (
                ParameterDescription(
                    name: Identifier(scheme.parameterName), type: .optional(type), defaultValue: .literal(.nil)),
                "\(scheme.parameterName): " + text
            )
        }
        let credentialsName: Identifier = "credentials"
        var body: [Statement] = [
            .variable(
                VariableDescription(
                    kind: .var, name: credentialsName,
                    type: .dictionary(key: string, value: spell(RuntimeNames.credential)),
                    value: .dictionary([], .inline)))
        ]
        for scheme in schemes {
            let name = Identifier(scheme.parameterName)
            let value: Expression
            switch scheme.kind {
            case .bearer:
                value = .call(.member(nil, RuntimeNames.bearerCredential.name), [Argument(nil, .identifier(name))])
            case .basic:
                value = .call(
                    .member(nil, RuntimeNames.basicCredential.name),
                    [
                        Argument(RuntimeNames.Label.username, Expression.identifier(name).dot("username")),
                        Argument(RuntimeNames.Label.password, Expression.identifier(name).dot("password")),
                    ])
            case .apiKey(let keyName, let location):
                guard let locationCase = RuntimeNames.apiKeyLocations[location] else {
                    preconditionFailure("the translator passes only the locations the runtime has: \(location)")
                }
                value = .call(
                    .member(nil, RuntimeNames.apiKeyCredential.name),
                    [
                        Argument(nil, .identifier(name)), Argument(RuntimeNames.Label.name, .string(keyName)),
                        Argument(RuntimeNames.Label.in, .member(nil, locationCase.name)),
                    ])
            }
            body.append(
                .if(
                    IfDescription(
                        .optionalBinding(name, nil),
                        body: [
                            .expression(
                                .assignment(
                                    .subscript(.identifier(credentialsName), [.string(scheme.schemeName)]), value))
                        ],
                        sameLine: true)))
        }
        body.append(assignCore())
        return initializer(
            summary: [
                "Creates a client with credentials for the spec's security schemes: pass those the",
                "operations you call need (an operation without them throws `\(name(RuntimeNames.missingCredentialsError))`).",
                "Credentials never appear in descriptions, logs or errors.",
            ],
            credentials: credentials, serverParameter: serverParameter, operationServers: operationServers, body: body)
    }

    /// An initialiser taking the server, the credentials, the transport, the middlewares and
    /// the configuration, with its documentation.
    private func initializer(
        summary: [String], credentials: [(parameter: ParameterDescription, documentation: String)],
        serverParameter: ParameterDescription, operationServers: [String], body: [Statement]
    ) -> OpenAPIGenSyntax.Declaration {
        var lines: [DocComment.Line] =
            summary.map(DocComment.Line.text) + [
                .text(""), .text("- Parameters:"),
                .text(
                    "  - serverURL: The server to send requests to; its path, if any, prefixes every operation's path."),
            ]
        if !operationServers.isEmpty {
            lines.append(
                .text("  - serverOverrides: Where to send the operations that name a server of their own, instead of"))
            var pieces: [DocComment.Piece] = [
                .text("    that server, keyed by its URL (with its variables' defaults): ")
            ]
            for (index, server) in operationServers.enumerated() {
                pieces += [.text(index == 0 ? "`" : ", `"), .lines(server, separator: ""), .text("`")]
            }
            lines.append(.joined(pieces + [.text(".")]))
        }
        for credential in credentials {
            let parts = credential.documentation.nonEmptyLines
            for (index, part) in parts.enumerated() {
                lines.append(.joined([.text(index == 0 ? "  - " : "    "), .lines(String(part), separator: " ")]))
            }
        }
        lines += [
            .text(
                "  - transport: Sends the requests; `\(name(RuntimeNames.urlSessionTransport))` unless you pass another."
            ),
            .text("  - middlewares: Run in order on every request and in reverse on every response."),
            .text("  - configuration: Timeout and retry policy for every request."),
        ]
        let configuration = spell(RuntimeNames.clientConfiguration)
        let parameters =
            [serverParameter]
            + (operationServers.isEmpty
                ? []
                : [
                    ParameterDescription(
                        name: "serverOverrides",
                        type: .dictionary(key: spell(.string), value: spell(.foundation("URL"))),
                        defaultValue: .dictionary([], .inline))
                ])
            + credentials.map(\.parameter) + [
                ParameterDescription(
                    name: "transport", type: .existential(spell(RuntimeNames.httpTransport)),
                    defaultValue: .call(.type(spell(RuntimeNames.urlSessionTransport)), [])),
                ParameterDescription(
                    name: "middlewares", type: .array(.existential(spell(RuntimeNames.clientMiddleware))),
                    defaultValue: .array([], .inline)),
                ParameterDescription(
                    name: "configuration", type: configuration, defaultValue: .call(.type(configuration), [])),
            ]
        return .commented(
            DocComment(lines),
            .function(
                FunctionDescription(
                    access: access, kind: .initializer, parameters: parameters, body: body, layout: .onePerLine)))
    }

    // MARK: Operations

    /// A method's first line: on one line when it fits in 104 characters.
    static let signatureWidth = ParameterLayout.fitting(LineWidth(104, countsIndentation: false))

    /// An operation's parameters as declared (`name: Type = nil`) and as passed on
    /// (`name: name`), `options` last; `defaults` false leaves out every default value.
    func parameters(_ operation: OperationDeclaration, defaults: Bool = true)
        -> [(declaration: ParameterDescription, argument: Argument)]
    {
        var result = operation.parameters.map { parameter in
            let name = Identifier(parameter.name)
            return (
                ParameterDescription(
                    name: name, type: spell(parameter.type),
                    defaultValue: defaults && parameter.type.isOptional ? .literal(.nil) : nil),
                Argument(name, .identifier(name))
            )
        }
        if let body = operation.body {
            let defaultValue: Expression? = defaults && body.type.isOptional ? .literal(.nil) : nil
            result.append(
                operation.parameters.isEmpty
                    ? (
                        ParameterDescription(
                            label: .none, name: Self.body, type: spell(body.type), defaultValue: defaultValue),
                        Argument(nil, .identifier(Self.body))
                    )
                    : (
                        ParameterDescription(name: Self.body, type: spell(body.type), defaultValue: defaultValue),
                        Argument(Self.body, .identifier(Self.body))
                    ))
        }
        let options = spell(RuntimeNames.requestOptions)
        result.append(
            (
                ParameterDescription(
                    name: Self.options, type: options, defaultValue: defaults ? .call(.type(options), []) : nil),
                Argument(RuntimeNames.Label.options, .identifier(Self.options))
            ))
        return result
    }

    /// `<Client>Protocol`: every operation, so code can depend on the protocol and tests can
    /// pass a fake; an extension gives calls through it the client's default arguments.
    func clientProtocol(_ client: ClientDeclaration) -> [OpenAPIGenSyntax.Declaration] {
        let protocolName = Identifier(client.protocolName.isEmpty ? client.name + "Protocol" : client.protocolName)
        var requirements: [OpenAPIGenSyntax.Declaration] = []
        var defaults: [OpenAPIGenSyntax.Declaration] = []
        for (index, operation) in client.protocolOperations.enumerated() {
            if index > 0 {
                requirements.append(.blankLine)
                defaults.append(.blankLine)
            }
            let attributes: [Attribute] = operation.isDeprecated ? [.deprecated] : []
            requirements.append(
                .commented(
                    DocComment([
                        .joined([
                            .text("`\(operation.method) "), .lines(operation.path, separator: ""), .text("` (`"),
                            .lines(operation.operationID, separator: ""), .text("`)."),
                        ])
                    ]),
                    .function(
                        FunctionDescription(
                            attributes: attributes, kind: .function(Identifier(operation.functionName)),
                            parameters: parameters(operation, defaults: false).map(\.declaration), isAsync: true,
                            throwing: true, returnType: returnTypeSyntax(operation), body: nil,
                            layout: Self.signatureWidth))))
            let all = parameters(operation)
            let call = Expression.try(
                .await(
                    .call(
                        .identifier(Identifier(operation.functionName)),
                        all.dropLast().map(\.argument)
                            + [Argument(Self.options, .call(.type(spell(RuntimeNames.requestOptions)), []))])))
            defaults.append(
                .commented(
                    DocComment([
                        .joined([
                            .text("`"), .lines(operation.operationID, separator: ""),
                            .text("` with the client's default `\(name(RuntimeNames.requestOptions))`."),
                        ])
                    ]),
                    .function(
                        FunctionDescription(
                            attributes: attributes, access: access, kind: .function(Identifier(operation.functionName)),
                            parameters: all.dropLast().map(\.declaration), isAsync: true, throwing: true,
                            returnType: returnTypeSyntax(operation), body: [.expression(call)],
                            layout: Self.signatureWidth))))
        }
        return [
            context.commented(
                [
                    "The operations of `\(client.name)`, so that code can depend on this protocol and tests",
                    "can pass a fake. Calls through it take the same default arguments as the client's.",
                ],
                .protocol(
                    TypeDescription(
                        access: access, name: protocolName, conformances: [spell(.swift("Sendable"))],
                        members: requirements))),
            .blankLine,
            .extension(ExtensionDescription(type: .named(protocolName), members: defaults)),
            .blankLine,
            .extension(
                ExtensionDescription(
                    type: .named(Identifier(client.name)), conformances: [.named(protocolName)], members: [])),
        ] + PaginationLowering(lowering: self).protocolExtension(client, protocolName: protocolName)
    }

    private func operation(_ operation: OperationDeclaration) -> OpenAPIGenSyntax.Declaration {
        .commented(
            documentation(operation),
            .function(
                FunctionDescription(
                    attributes: operation.isDeprecated ? [.deprecated] : [], access: access,
                    kind: .function(Identifier(operation.functionName)),
                    parameters: parameters(operation).map(\.declaration),
                    isAsync: true, throwing: true, returnType: returnTypeSyntax(operation), body: body(operation),
                    layout: Self.signatureWidth)))
    }

    /// `request.name(arguments)`, with `try` when it throws.
    private func onRequest(_ member: RuntimeNames.Member, _ arguments: [Argument], throwing: Bool = false) -> Statement
    {
        let call = Expression.call(Expression.identifier(Self.request).dot(member.name), arguments)
        return .expression(throwing ? .try(call) : call)
    }

    /// `.label`, `.deepObject`…: a style the runtime has a case for.
    private func style(_ style: String, _ styles: [String: RuntimeNames.Member]) -> Argument {
        guard let member = styles[style] else {
            preconditionFailure("the translator passes only styles the runtime has: \(style)")
        }
        return Argument(RuntimeNames.Label.style, .member(nil, member.name))
    }

    private func body(_ operation: OperationDeclaration) -> [Statement] {
        let id = Expression.string(operation.operationID)
        let method: Expression =
            RuntimeNames.httpMethods[operation.method].map { .member(nil, $0.name) }
            ?? .call(
                .type(spell(RuntimeNames.httpMethod)),
                [Argument(RuntimeNames.Label.rawValue, .string(operation.method))])
        let needsMutation =
            !operation.parameters.isEmpty || operation.body != nil || operation.accept != nil
            || !operation.security.isEmpty
            || operation.idempotencyKeyHeader != nil
        var statements: [Statement] = [
            .variable(
                VariableDescription(
                    kind: needsMutation ? .var : .let, name: Self.request,
                    value: .call(
                        .type(spell(RuntimeNames.requestBuilder)),
                        [
                            Argument(RuntimeNames.Label.method, method),
                            Argument(RuntimeNames.Label.path, .string(operation.path.withoutFragment)),
                        ])))
        ]
        for parameter in operation.parameters {
            let wire = Argument(nil, .string(parameter.wireName))
            let name = Identifier(parameter.name)
            let value = Argument(nil, .identifier(name))
            let json = Argument(RuntimeNames.Label.json, .identifier(name))
            let explode = Argument(RuntimeNames.Label.explode, .literal(.bool(parameter.explode)))
            switch parameter.location {
            case .path where parameter.isJSON:
                statements.append(onRequest(RuntimeNames.setPathParameter, [wire, json], throwing: true))
            case .path:
                if let style = parameter.style {
                    statements.append(
                        onRequest(
                            RuntimeNames.setPathParameter,
                            [wire, value, self.style(style, RuntimeNames.pathStyles), explode]))
                } else if case .array = parameter.type.nonOptionalUsage, parameter.explode {
                    statements.append(onRequest(RuntimeNames.setPathParameter, [wire, value, explode]))
                } else {
                    statements.append(onRequest(RuntimeNames.setPathParameter, [wire, value]))
                }
            case .query where parameter.isJSON:
                statements.append(onRequest(RuntimeNames.addQueryParameter, [wire, json], throwing: true))
            case .header where parameter.isJSON:
                statements.append(onRequest(RuntimeNames.setHeader, [wire, json], throwing: true))
            case .query where parameter.isObject:
                let style = parameter.style.map { [self.style($0, RuntimeNames.queryStyles)] } ?? []
                statements.append(
                    onRequest(RuntimeNames.addQueryObject, [wire, value] + style + [explode], throwing: true))
            case .query:
                switch parameter.type.nonOptionalUsage {
                case .array, .dictionary:
                    let style = parameter.style.map { [self.style($0, RuntimeNames.queryStyles)] } ?? []
                    statements.append(onRequest(RuntimeNames.addQueryParameter, [wire, value] + style + [explode]))
                default:
                    statements.append(onRequest(RuntimeNames.addQueryParameter, [wire, value]))
                }
            case .header:
                statements.append(onRequest(RuntimeNames.setHeader, [wire, value]))
            case .cookie where parameter.isJSON || parameter.isObject:
                statements.append(onRequest(RuntimeNames.addCookie, [wire, json], throwing: true))
            case .cookie:
                statements.append(onRequest(RuntimeNames.addCookie, [wire, value]))
            case .querystring where parameter.isJSON:
                statements.append(onRequest(RuntimeNames.setQueryString, [json], throwing: true))
            case .querystring where parameter.formFields.isEmpty:
                statements.append(
                    onRequest(
                        RuntimeNames.setQueryString, [Argument(RuntimeNames.Label.form, .identifier(name))],
                        throwing: true))
            case .querystring:
                // One encoding entry a line when the call does not fit.
                statements.append(
                    .fitting(
                        Self.formWidth,
                        .expression(
                            .try(
                                .call(
                                    Expression.identifier(Self.request).dot(RuntimeNames.setQueryString.name),
                                    [
                                        Argument(RuntimeNames.Label.form, .identifier(name)),
                                        Argument(RuntimeNames.Label.encoding, formEncodings(parameter.formFields)),
                                    ],
                                    .onePerLine(2))))))
            }
        }
        if let header = operation.idempotencyKeyHeader {
            statements.append(
                .expression(
                    .assignment(
                        Expression.identifier(Self.request).dot(RuntimeNames.idempotencyKeyHeader.name), .string(header)
                    )))
        }
        if !operation.security.isEmpty {
            statements.append(
                .expression(
                    .assignment(
                        Expression.identifier(Self.request).dot(RuntimeNames.security.name),
                        .array(operation.security.map { .array($0.map { .string($0) }, .inline) }, .inline))))
        }
        if let accept = operation.accept {
            statements.append(
                .expression(
                    .assignment(
                        .subscript(
                            Expression.identifier(Self.request).dot(RuntimeNames.headers.name), [.string("Accept")]),
                        .string(accept))))
        }
        if let body = operation.body { statements.append(bodyStatement(body)) }
        let sendArguments = [
            Argument(nil, .identifier(Self.request)), Argument(RuntimeNames.Label.operationID, id),
            Argument(RuntimeNames.Label.options, .identifier(Self.options)),
        ]
        let sending: Expression
        if let server = operation.server {
            sending = .call(
                Expression.identifier(Self.core).dot(sendMember(operation).name),
                sendArguments + [Argument(RuntimeNames.Label.server, .string(server))], .lines([4]))
        } else {
            sending = .call(Expression.identifier(Self.core).dot(sendMember(operation).name), sendArguments)
        }
        statements.append(.variable(VariableDescription(kind: .let, name: Self.response, value: .try(.await(sending)))))
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
        var cases = groups.map { outcome in
            let patterns: [Expression]
            if let range = outcome.statusRange {
                patterns = [
                    .binary(.literal(.integer(range * 100)), .halfOpenRange, .literal(.integer(range * 100 + 100)))
                ]
            } else {
                patterns = outcome.statusCodes.map { .literal(.integer($0)) }
            }
            return SwitchCaseDescription(
                .patterns(patterns), body: [self.outcome(outcome, operation: operation, id: id)])
        }
        let unexpected = Statement.throw(
            awaitingErrorBody(
                operation,
                .call(
                    Expression.identifier(Self.core).dot(RuntimeNames.unexpectedStatus.name),
                    [Argument(nil, .identifier(Self.response)), Argument(RuntimeNames.Label.operationID, id)])))
        cases.append(
            SwitchCaseDescription(
                .default,
                body: [operation.defaultOutcome.map { outcome($0, operation: operation, id: id) } ?? unexpected]))
        statements.append(
            .switch(
                SwitchDescription(
                    subject: Expression.identifier(Self.response).dot(statusCodeMember(operation).name), cases: cases)))
        return statements
    }

    /// Calls laid out one encoding entry a line when they do not fit in 100 columns.
    private static let formWidth = LineWidth(100, countsIndentation: true)

    /// `request.setJSONBody(body)`…, inside `if let body { … }` when the body is optional.
    private func bodyStatement(_ body: OperationDeclaration.Body) -> Statement {
        let value = Argument(nil, .identifier(Self.body))
        let call: Statement
        switch body.format {
        case .json:
            call = onRequest(
                RuntimeNames.setJSONBody,
                [value] + (body.jsonContentType.map { [Argument(RuntimeNames.Label.contentType, .string($0))] } ?? []),
                throwing: true)
        case .form(let fields) where fields.isEmpty: call = onRequest(RuntimeNames.setFormBody, [value], throwing: true)
        case .form(let fields):
            // One encoding entry a line when the statement does not fit.
            let wrapped = Statement.expression(
                .try(
                    .call(
                        Expression.identifier(Self.request).dot(RuntimeNames.setFormBody.name),
                        [value, Argument(RuntimeNames.Label.encoding, formEncodings(fields))], .onePerLine(2))))
            return .fitting(
                Self.formWidth,
                body.type.isOptional ? .if(IfDescription(.optionalBinding(Self.body, nil), body: [wrapped])) : wrapped)
        case .multipart(let types) where types.isEmpty:
            call = onRequest(RuntimeNames.setMultipartBody, [value], throwing: true)
        case .multipart(let types):
            // One entry a line when the statement does not fit.
            let contentTypes = Expression.dictionary(
                types.map { DictionaryElement(.string($0.key), .string($0.contentType)) }, .wrappedWithTrailingCommas)
            let wrapped = Statement.expression(
                .try(
                    .call(
                        Expression.identifier(Self.request).dot(RuntimeNames.setMultipartBody.name),
                        [value, Argument(RuntimeNames.Label.contentTypes, contentTypes)], .onePerLine(2))))
            return .fitting(
                Self.formWidth,
                body.type.isOptional ? .if(IfDescription(.optionalBinding(Self.body, nil), body: [wrapped])) : wrapped)
        case .binary(let contentType):
            call = onRequest(
                RuntimeNames.setBody, [value, Argument(RuntimeNames.Label.contentType, .string(contentType))])
        case .text(let contentType):
            call = onRequest(
                RuntimeNames.setTextBody, [value, Argument(RuntimeNames.Label.contentType, .string(contentType))])
        }
        return body.type.isOptional
            ? .if(IfDescription(.optionalBinding(Self.body, nil), body: [call], sameLine: true)) : call
    }

    /// `["key": encoding, …]`, one entry a line when it is broken.
    private func formEncodings(_ fields: [OperationDeclaration.FormField]) -> Expression {
        .dictionary(fields.map { DictionaryElement(.string($0.key), formEncoding($0)) }, .wrappedWithTrailingCommas)
    }

    /// The runtime's `FormFieldEncoding` for a form property.
    private func formEncoding(_ field: OperationDeclaration.FormField) -> Expression {
        if field.style == "deepObject" { return .member(nil, RuntimeNames.deepObjectEncoding.name) }
        return .call(
            .type(spell(RuntimeNames.formFieldEncoding)),
            [
                style(field.style, RuntimeNames.queryStyles),
                Argument(RuntimeNames.Label.explode, .literal(.bool(field.explode))),
            ])
    }

    /// The expression that reads a success body.
    private func bodyExpression(_ type: TypeUsage, format: OperationDeclaration.ResponseFormat, id: Expression)
        -> Expression
    {
        let responseBody = Expression.identifier(Self.response).dot(RuntimeNames.responseBody.name)
        switch format {
        case .binary: return responseBody
        case .text:
            return .call(
                .type(spell(.string)), [Argument("decoding", responseBody), Argument("as", .metatype(.named("UTF8")))])
        case .json:
            return .try(
                .call(
                    Expression.identifier(Self.core).dot(RuntimeNames.decodeJSON.name),
                    [
                        Argument(nil, .metatype(spell(type))),
                        Argument(RuntimeNames.Label.from, .identifier(Self.response)),
                        Argument(RuntimeNames.Label.operationID, id),
                    ]))
        }
    }

    private func outcome(_ outcome: OperationDeclaration.Outcome, operation: OperationDeclaration, id: Expression)
        -> Statement
    {
        if case .success(let type) = outcome.kind, let output = operation.output {
            // The body (if any) and the typed headers, in the operation's `Output` struct.
            var arguments: [Argument] = []
            if output.hasBody {
                arguments.append(
                    Argument(
                        Self.body, type.map { bodyExpression($0, format: outcome.format, id: id) } ?? .literal(.nil)))
            }
            for header in output.headers {
                arguments.append(
                    Argument(
                        Identifier(header.propertyName),
                        .call(
                            Expression.identifier(Self.response).dot(RuntimeNames.headerValue.name),
                            [Argument(nil, .string(header.wireName))])))
            }
            return .return(.call(.type(spell(.local(output.typeName))), arguments, .onePerLine(arguments.count)))
        }
        switch outcome.kind {
        case .success(let type?) where operation.streaming != nil:
            return .return(streamExpression(operation.streaming!, item: type, id: id))
        case .success(let type?):
            return .return(bodyExpression(type, format: outcome.format, id: id))
        case .success(nil):
            return .return(operation.returnType == nil ? nil : .literal(.nil))
        case .failure(let type):
            return .throw(
                awaitingErrorBody(
                    operation,
                    .call(
                        Expression.identifier(Self.core).dot(RuntimeNames.documentedError.name),
                        [
                            Argument(nil, .metatype(type.map(spell) ?? spell(RuntimeNames.jsonValue))),
                            Argument(RuntimeNames.Label.from, .identifier(Self.response)),
                            Argument(RuntimeNames.Label.operationID, id),
                        ])))
        }
    }

    // MARK: Documentation

    private func documentation(_ operation: OperationDeclaration) -> DocComment {
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
                let lines = text.nonEmptyLines.map(String.init)
                docs.append("  - \(name): \(lines.first ?? "")")
                docs += lines.dropFirst().map { "    " + $0 }
            }
        }
        let successes = operation.outcomes.filter { if case .success = $0.kind { true } else { false } }
        if operation.returnType != nil, !successes.isEmpty {
            let list = successes.map { "\(statusText($0)) (\(firstLine($0.description)))" }.joined(separator: ", ")
            if let streaming = operation.streaming {
                docs += streamingReturns(operation, streaming, statuses: list)
            } else {
                docs += ["- Returns: The body of the \(list) response."]
            }
        }
        var throwsLines: [String] = []
        for outcome in operation.outcomes + [operation.defaultOutcome].compactMap({ $0 }) {
            guard case .failure(let type) = outcome.kind else { continue }
            let body = type.map { spell($0).description } ?? name(RuntimeNames.jsonValue)
            let status =
                outcome.statusCodes.isEmpty && outcome.statusRange == nil ? "any other status" : statusText(outcome)
            throwsLines.append(
                "  - `\(name(RuntimeNames.apiError))<\(body)>` for \(status): \(firstLine(outcome.description))")
        }
        if operation.defaultOutcome == nil {
            throwsLines.append(
                "  - `\(name(RuntimeNames.unexpectedStatusError))` for a status the spec does not document.")
        }
        if !operation.security.isEmpty && !operation.security.contains([]) {
            throwsLines.append(
                "  - `\(name(RuntimeNames.missingCredentialsError))` when the client has none of the credentials this operation needs."
            )
        }
        throwsLines.append(
            "  - `\(name(RuntimeNames.responseDecodingError))` when a response body does not match its schema.")
        // A 429 the spec documents (or its `default`) throws `APIError` once the retries are over.
        let documents429 =
            operation.defaultOutcome != nil
            || operation.outcomes.contains { outcome in
                guard case .failure = outcome.kind else { return false }
                return outcome.statusCodes.contains(429) || outcome.statusRange == 4
            }
        if !documents429 {
            throwsLines.append(
                "  - `\(name(RuntimeNames.rateLimitedError))` when the server still answers 429 after the last retry.")
        }
        throwsLines.append(
            "  - `\(name(RuntimeNames.timeoutError))` when an attempt takes longer than the timeout, `\(name(RuntimeNames.transportError))` when the"
        )
        throwsLines.append("    request cannot be sent or the response not received, after any retries.")
        throwsLines.append("  - `CancellationError` when the calling task is cancelled.")
        docs += ["- Throws:"] + throwsLines
        return DocComment(text: docs)
    }

    private func statusText(_ outcome: OperationDeclaration.Outcome) -> String {
        if let range = outcome.statusRange { return "`\(range)XX`" }
        return outcome.statusCodes.map { "`\($0)`" }.joined(separator: ", ")
    }

    private func firstLine(_ text: String) -> String {
        String(text.nonEmptyLines(limit: 1).first ?? "").trimmingSpaces
    }
}

extension String {
    /// The text's non-empty lines, as `split(separator: "\n")` gives them, found by looking
    /// at bytes rather than `Character`s (which costs a grapheme break check per
    /// character). The two differ only for `"\r\n"`, one `Character`: text with a carriage
    /// return is split by `Character`s.
    fileprivate var nonEmptyLines: [Substring] { nonEmptyLines(limit: .max) }

    /// The first `limit` of ``nonEmptyLines``.
    fileprivate func nonEmptyLines(limit: Int) -> [Substring] {
        // The lines' byte ranges, or nil when the text has a carriage return.
        let found: [Range<Int>]? =
            utf8.withContiguousStorageIfAvailable { bytes in
                var ranges: [Range<Int>] = []
                var start = 0
                for index in bytes.indices {
                    let byte = bytes[index]
                    if byte == 13 { return nil }
                    if byte == 10 {
                        if index > start { ranges.append(start..<index) }
                        start = index + 1
                    }
                }
                if start < bytes.count { ranges.append(start..<bytes.count) }
                return ranges
            } ?? nil
        guard let found else { return Array(split(separator: "\n").prefix(limit)) }
        let bytes = utf8
        return found.prefix(limit).map { range in
            let lower = bytes.index(bytes.startIndex, offsetBy: range.lowerBound)
            return Substring(bytes[lower..<bytes.index(lower, offsetBy: range.count)])
        }
    }

    fileprivate var trimmingSpaces: String {
        var text = Substring(self)
        while text.first == " " { text.removeFirst() }
        while text.last == " " { text.removeLast() }
        return String(text)
    }

    /// The path a request is sent to: the spec's path without a fragment. Box describes two
    /// operations of one path as `/files/{file_id}` and `/files/{file_id}#get_shared_link`;
    /// HTTP sends no fragment, and in a URL everything after `#` (the query too) would be
    /// dropped.
    fileprivate var withoutFragment: String {
        firstIndex(of: "#").map { String(self[..<$0]) } ?? self
    }
}
