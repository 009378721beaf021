import OpenAPIGenDeclarations
import OpenAPIGenSyntax

/// The webhook enum as syntax: a case per webhook with its payload, the webhooks' names,
/// and initialisers that verify a received request's signature before decoding its body.
struct WebhookLowering {
    let context: LoweringContext

    func webhooks(_ webhooks: WebhookDeclaration) -> OpenAPIGenSyntax.Declaration {
        let access = context.access
        let scope = [webhooks.name]
        func spell(_ type: TypeUsage) -> TypeSyntax { context.spell(type, scope) }
        func spell(_ type: TypeName) -> TypeSyntax { context.spell(type, scope) }
        func name(_ type: TypeName) -> String { type.path.joined(separator: ".") }
        let conformances = context.modelConformances.uncodedNames.map { spell(.swift($0)) }
        var members: [OpenAPIGenSyntax.Declaration] = webhooks.cases.map { item in
            var docs: [String] = []
            if let summary = item.summary { docs.append(summary) }
            if !item.documentation.isEmpty { docs += (docs.isEmpty ? [] : [""]) + item.documentation.lines }
            docs += (docs.isEmpty ? [] : [""]) + ["The `\(item.webhookName)` webhook (`\(item.method)`)."]
            return context.commented(
                docs,
                .enumCase(EnumCaseDescription(name: Identifier(item.name), associatedValues: [spell(item.payload)])))
        }
        let nameType: Identifier = "Name"
        let value: Identifier = "value"
        members += [
            .blankLine,
            context.commented(
                ["The webhooks by the names the spec gives them."],
                .enum(
                    TypeDescription(
                        access: access, name: nameType,
                        // A case-only enum is Hashable for free, whatever the models are.
                        conformances: [spell(.string), spell(.swift("Hashable")), spell(.swift("Sendable"))]
                            + [spell(.swift("CaseIterable"))],
                        members: webhooks.cases.map {
                            .enumCase(EnumCaseDescription(name: Identifier($0.name), rawValue: .string($0.webhookName)))
                        }))),
            .blankLine,
            context.commented(
                ["The webhook's name in the spec."],
                .variable(
                    VariableDescription(
                        access: access, kind: .var, name: "name", type: .named(nameType),
                        getter: [
                            .switch(
                                SwitchDescription(
                                    subject: .selfReference,
                                    cases: webhooks.cases.map { item in
                                        let caseName = Identifier(item.name)
                                        return SwitchCaseDescription(
                                            .patterns([.member(nil, caseName)]),
                                            body: [.expression(.member(nil, caseName))],
                                            sameLine: true)
                                    }))
                        ]))),
        ]
        let date = spell(.foundation("Date"))
        let decoding = Expression.type(spell(RuntimeNames.webhookDecoding))
        let arguments = [
            ParameterDescription(name: "body", type: spell(.foundation("Data"))),
            ParameterDescription(name: "headers", type: spell(RuntimeNames.httpHeaders)),
            ParameterDescription(name: "verifier", type: spell(RuntimeNames.webhookVerifier)),
            ParameterDescription(name: "now", type: date, defaultValue: .call(.type(date), [])),
        ]
        /// `self = .case(try WebhookDecoding.decode(Payload.self, from: body, webhook: "name"))`.
        func decode(_ item: WebhookDeclaration.Case) -> Statement {
            .expression(
                .assignment(
                    .selfReference,
                    .call(
                        .member(nil, Identifier(item.name)),
                        [
                            Argument(
                                nil,
                                .try(
                                    .call(
                                        decoding.dot(RuntimeNames.decodeWebhook.name),
                                        [
                                            Argument(nil, .metatype(spell(item.payload))),
                                            Argument(RuntimeNames.Label.from, .identifier("body")),
                                            Argument(RuntimeNames.Label.webhook, .string(item.webhookName)),
                                        ])))
                        ], .lines([1]))))
        }
        let verify = Statement.expression(
            .try(
                .call(
                    Expression.identifier("verifier").dot(RuntimeNames.verify.name),
                    RuntimeNames.verify.labels.map { Argument($0, .identifier($0)) })))
        /// The docs of an initialiser: what it does, its parameters, what it throws.
        func initializer(
            _ summary: [String], name hasName: Bool, decodingError: String, parameters: [ParameterDescription],
            body: [Statement]
        ) -> OpenAPIGenSyntax.Declaration {
            context.commented(
                summary + ["", "- Parameters:"]
                    + (hasName ? ["  - name: The webhook the endpoint receives."] : [])
                    + [
                        "  - body: The request's body, exactly as received.",
                        "  - headers: The request's headers, where the signature is.",
                        "  - verifier: Checks the signature with your signing secret.",
                        "  - now: The current time, for the signature's timestamp tolerance.",
                        "- Throws: `\(name(RuntimeNames.webhookVerificationError))` when the signature is missing or wrong (nothing is",
                        "  decoded then), `\(name(RuntimeNames.webhookDecodingError))` when \(decodingError)",
                    ],
                .function(
                    FunctionDescription(
                        access: access, kind: .initializer, parameters: parameters, throwing: true, body: body,
                        layout: .onePerLine)))
        }
        members += [
            .blankLine,
            initializer(
                [
                    "Checks the signature of a request your server received, then decodes its body as the",
                    "webhook `name`: use it at an endpoint registered for that one webhook.",
                ], name: true, decodingError: "the body does not match the webhook's schema.",
                parameters: [ParameterDescription(label: .none, name: "name", type: .named(nameType))] + arguments,
                body: [
                    verify,
                    .switch(
                        SwitchDescription(
                            subject: .identifier("name"),
                            cases: webhooks.cases.map {
                                SwitchCaseDescription(
                                    .patterns([.member(nil, Identifier($0.name))]), body: [decode($0)])
                            })),
                ]),
        ]
        if let property = webhooks.dispatchProperty {
            let cases = webhooks.cases.compactMap { item in
                item.dispatchValue.map { SwitchCaseDescription(.patterns([.string($0)]), body: [decode(item)]) }
            }
            let unknown = SwitchCaseDescription(
                .patterns([.binding(value)]),
                body: [
                    .throw(
                        .call(
                            decoding.dot(RuntimeNames.unknownWebhook.name),
                            [
                                Argument(nil, .identifier(value)),
                                Argument(RuntimeNames.Label.property, .string(property)),
                            ]))
                ])
            members += [
                .blankLine,
                initializer(
                    [
                        "Checks the signature of a request your server received, then decodes its body as the",
                        "webhook its `\(property)` property names: use it at an endpoint that receives them all.",
                    ], name: false,
                    decodingError:
                        "the body names no webhook this SDK knows or\n  does not match the schema of the one it names.",
                    parameters: arguments,
                    body: [
                        verify,
                        .switch(
                            SwitchDescription(
                                subject: .try(
                                    .call(
                                        decoding.dot(RuntimeNames.webhookProperty.name),
                                        [
                                            Argument(RuntimeNames.Label.property, .string(property)),
                                            Argument(RuntimeNames.Label.in, .identifier("body")),
                                        ])),
                                cases: cases + [unknown])),
                    ]),
            ]
        }
        return context.documented(
            webhooks.documentation,
            .enum(
                TypeDescription(
                    access: access, name: Identifier(webhooks.name), conformances: conformances, members: members)))
    }
}
