import OpenAPIGenDeclarations
import OpenAPIGenDiagnostics
import OpenAPIGenModel

extension OperationTranslator {
    /// The enum of the spec's `webhooks`, named after the client (`CalendlyClient` ->
    /// `CalendlyWebhook`), with a case per webhook operation whose request body is JSON;
    /// nil when there is none. A webhook without such a body is warned about.
    mutating func webhookDeclaration(clientName: String) -> WebhookDeclaration? {
        var cases: [WebhookDeclaration.Case] = []
        var caseNames = NameScope(reserved: ["init", "self", "Self", "Type", "name", "Name"])
        var schemas: [Schema?] = []
        for item in document.webhooks {
            for operation in item.operations {
                // A webhook with several operations names each by its method too.
                let label = item.operations.count > 1 ? "\(item.path) \(operation.method.uppercased())" : item.path
                guard let reference = operation.requestBody, let body = try? document.resolve(reference),
                    let (mediaType, content) = preferredContent(body.content), Self.kind(of: mediaType) == .json
                else {
                    warnings.append(
                        Diagnostic(
                            .warning, "webhook '\(label)' has no JSON request body; it is not generated",
                            at: operation.location))
                    continue
                }
                let base = operation.operationID ?? label
                let payload =
                    content.schema.map {
                        liftedUsage($0, name: SwiftNaming.upperCamel(base, fallback: "Webhook") + "Payload")
                    }
                    ?? .named(RuntimeNames.jsonValue)
                var docs: [String] = []
                if let description = operation.description { docs = Documentation(text: description).lines }
                cases.append(
                    WebhookDeclaration.Case(
                        name: caseNames.claim(SwiftNaming.lowerCamel(base, fallback: "webhook")), webhookName: label,
                        method: operation.method.uppercased(), payload: payload.nonOptionalUsage,
                        summary: operation.summary, documentation: Documentation(docs)))
                schemas.append(content.schema)
            }
        }
        guard !cases.isEmpty else { return nil }
        var base = clientName
        if base.hasSuffix("Client"), base.count > "Client".count { base.removeLast("Client".count) }
        let name = types.claimTopLevelName(base + "Webhook")
        var declaration = WebhookDeclaration(
            name: name,
            documentation: Documentation([
                "The webhooks \(document.info.title) sends (the spec's `webhooks`), each with its payload.", "",
                "Make one from a request your server received with `init(_:body:headers:verifier:now:)`, which",
                "checks the request's signature before it decodes anything.",
            ]),
            cases: cases)
        if let (property, values) = dispatch(schemas) {
            declaration.dispatchProperty = property
            for index in declaration.cases.indices { declaration.cases[index].dispatchValue = values[index] }
        }
        return declaration
    }

    /// A required string property that every payload schema fixes to a value of its own
    /// (`event: {const: invitee.created}`), with those values; nil when there is none.
    private func dispatch(_ schemas: [Schema?]) -> (String, [String])? {
        var objects: [Schema] = []
        for schema in schemas {
            guard var schema else { return nil }
            if let reference = schema.reference {
                guard let resolved = try? document.resolveSchema(reference) else { return nil }
                schema = resolved.schema
            }
            objects.append(schema)
        }
        guard let first = objects.first else { return nil }
        for candidate in first.required {
            var values: [String] = []
            for object in objects {
                guard object.required.contains(candidate),
                    let written = object.properties.first(where: { $0.name == candidate })?.schema
                else { break }
                let property = document.followingReference(written)
                guard let value = property.constValue ?? property.enumValues.flatMap({ $0.count == 1 ? $0[0] : nil }),
                    case .string(let text) = value
                else { break }
                values.append(text)
            }
            if values.count == objects.count, Set(values).count == values.count { return (candidate, values) }
        }
        return nil
    }
}
