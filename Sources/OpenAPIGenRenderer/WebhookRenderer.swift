import OpenAPIGenDeclarations

/// Prints the webhook enum: a case per webhook with its payload, the webhooks' names, and
/// initialisers that verify a received request's signature before decoding its body.
struct WebhookRenderer {
    let context: RenderContext

    private var access: String { context.access }

    func render(_ webhooks: WebhookDeclaration, to printer: inout CodePrinter) {
        let scope = [webhooks.name]
        func spell(_ type: TypeUsage) -> String { context.spell(type, scope) }
        func spell(_ type: TypeName) -> String { context.spell(type, scope) }
        context.documentation(webhooks.documentation, to: &printer)
        let conformances = [spell(.swift("Hashable")), spell(.swift("Sendable"))].joined(separator: ", ")
        let name = SwiftKeywords.escaped(webhooks.name)
        printer.block("\(access) enum \(name): \(conformances)") { printer in
            for item in webhooks.cases {
                var docs: [String] = []
                if let summary = item.summary { docs.append(summary) }
                if !item.documentation.isEmpty { docs += (docs.isEmpty ? [] : [""]) + item.documentation.lines }
                docs += (docs.isEmpty ? [] : [""]) + ["The `\(item.webhookName)` webhook (`\(item.method)`)."]
                context.documentation(Documentation(docs), to: &printer)
                printer.line("case \(SwiftKeywords.escaped(item.name))(\(spell(item.payload)))")
            }
            printer.line()
            printer.line("/// The webhooks by the names the spec gives them.")
            printer.block("\(access) enum Name: \(spell(.string)), \(conformances), \(spell(.swift("CaseIterable")))") {
                printer in
                for item in webhooks.cases {
                    printer.line("case \(SwiftKeywords.escaped(item.name)) = \(SourceEscaping.stringLiteral(item.webhookName))")
                }
            }
            printer.line()
            printer.line("/// The webhook's name in the spec.")
            printer.block("\(access) var name: Name") { printer in
                printer.line("switch self {")
                for item in webhooks.cases {
                    let caseName = SwiftKeywords.escaped(item.name)
                    printer.line("case .\(caseName): .\(caseName)")
                }
                printer.line("}")
            }
            let data = spell(.foundation("Data"))
            let headers = spell(.runtime("HTTPHeaders"))
            let verifier = spell(.runtime("WebhookVerifier"))
            let date = spell(.foundation("Date"))
            let decoding = spell(.runtime("WebhookDecoding"))
            let arguments = ["body: \(data)", "headers: \(headers)", "verifier: \(verifier)", "now: \(date) = \(date)()"]
            /// `self = .case(try WebhookDecoding.decode(Payload.self, from: body, webhook: "name"))`.
            func decode(_ item: WebhookDeclaration.Case, caseName: String) {
                printer.line("self = .\(caseName)(")
                printer.indent()
                printer.line(
                    "try \(decoding).decode(\(spell(item.payload)).self, from: body, webhook: \(SourceEscaping.stringLiteral(item.webhookName))))")
                printer.outdent()
            }
            /// `public init(…) throws {`, one parameter a line.
            func signature(_ parameters: [String]) {
                printer.line("\(access) init(")
                printer.indent()
                for (index, parameter) in parameters.enumerated() {
                    printer.line(parameter + (index == parameters.count - 1 ? "" : ","))
                }
                printer.outdent()
                printer.line(") throws {")
            }
            printer.line()
            /// The docs of an initialiser: what it does, its parameters, what it throws.
            func initializerDocs(_ summary: [String], name: Bool, decodingError: String) {
                context.documentation(
                    Documentation(
                        summary + ["", "- Parameters:"]
                            + (name ? ["  - name: The webhook the endpoint receives."] : [])
                            + [
                                "  - body: The request's body, exactly as received.",
                                "  - headers: The request's headers, where the signature is.",
                                "  - verifier: Checks the signature with your signing secret.",
                                "  - now: The current time, for the signature's timestamp tolerance.",
                                "- Throws: `WebhookVerificationError` when the signature is missing or wrong (nothing is",
                                "  decoded then), `WebhookDecodingError` when \(decodingError)",
                            ]), to: &printer)
            }
            initializerDocs(
                [
                    "Checks the signature of a request your server received, then decodes its body as the",
                    "webhook `name`: use it at an endpoint registered for that one webhook.",
                ], name: true, decodingError: "the body does not match the webhook's schema.")
            signature(["_ name: Name"] + arguments)
            printer.indent()
            do {
                printer.line("try verifier.verify(body: body, headers: headers, now: now)")
                printer.line("switch name {")
                for item in webhooks.cases {
                    let caseName = SwiftKeywords.escaped(item.name)
                    printer.line("case .\(caseName):")
                    printer.indent()
                    decode(item, caseName: caseName)
                    printer.outdent()
                }
                printer.line("}")
            }
            printer.outdent()
            printer.line("}")
            guard let property = webhooks.dispatchProperty else { return }
            printer.line()
            initializerDocs(
                [
                    "Checks the signature of a request your server received, then decodes its body as the",
                    "webhook its `\(property)` property names: use it at an endpoint that receives them all.",
                ], name: false,
                decodingError: "the body names no webhook this SDK knows or\n  does not match the schema of the one it names.")
            signature(arguments)
            printer.indent()
            do {
                printer.line("try verifier.verify(body: body, headers: headers, now: now)")
                let key = SourceEscaping.stringLiteral(property)
                printer.line("switch try \(decoding).string(property: \(key), in: body) {")
                for item in webhooks.cases {
                    guard let value = item.dispatchValue else { continue }
                    let caseName = SwiftKeywords.escaped(item.name)
                    printer.line("case \(SourceEscaping.stringLiteral(value)):")
                    printer.indent()
                    decode(item, caseName: caseName)
                    printer.outdent()
                }
                printer.line("case let value:")
                printer.indent()
                printer.line("throw \(decoding).unknownWebhook(value, property: \(key))")
                printer.outdent()
                printer.line("}")
            }
            printer.outdent()
            printer.line("}")
        }
    }
}
