import OpenAPIGenDiagnostics

/// Checks what the reader cannot see field by field: every `$ref` resolves, path
/// templates and path parameters agree, operation ids are unique, security requirements
/// name defined schemes. Reports every problem found, not just the first.
final class DocumentValidator {
    let document: OpenAPIDocument
    let reader: NodeReader
    private var errors: [Diagnostic] = []

    init(document: OpenAPIDocument, reader: NodeReader) {
        self.document = document
        self.reader = reader
    }

    func validate() throws {
        run()
        // In file order, each reference cycle once (every `$ref` on it finds it).
        var seenCycles: Set<Set<SourceLocation>> = []
        errors = errors.filter { error in
            guard error.message.contains("reference cycle") else { return true }
            let members = Set([error.location].compactMap { $0 } + error.notes.compactMap(\.location))
            return seenCycles.insert(members).inserted
        }
        errors.sort {
            ($0.location?.line ?? 0, $0.location?.column ?? 0) < ($1.location?.line ?? 0, $1.location?.column ?? 0)
        }
        if errors.count == 1 { throw errors[0] }
        if !errors.isEmpty { throw DiagnosticList(errors) }
    }

    private func attempt(_ body: () throws -> Void) {
        do { try body() } catch let diagnostic as Diagnostic {
            errors.append(diagnostic)
        } catch let list as DiagnosticList {
            errors += list.diagnostics
        } catch {
            errors.append(Diagnostic(.error, "\(error)", at: nil))
        }
    }

    private func run() {
        for entry in document.components.schemas.entries { check(entry.value) }
        for entry in document.components.responses.entries { checkResponse(entry.value) }
        for entry in document.components.requestBodies.entries { checkRequestBody(entry.value) }
        for entry in document.components.parameters.entries { checkParameter(entry.value) }
        if let security = document.security { checkSecurity(security) }
        checkSecuritySchemes()
        var operationIDs: [String: OpenAPIOperation] = [:]
        for item in document.paths {
            for operation in item.operations {
                if let id = operation.operationID {
                    if let first = operationIDs[id] {
                        errors.append(
                            Diagnostic(
                                .error, "operationId '\(id)' is used twice", at: operation.location,
                                notes: [Diagnostic(.note, "first used here", at: first.location)]))
                    } else {
                        operationIDs[id] = operation
                    }
                }
                checkOperation(operation)
            }
        }
        for item in document.webhooks {
            for operation in item.operations {
                if let body = operation.requestBody { checkRequestBody(body) }
                for entry in operation.responses.entries { checkResponse(entry.value) }
                for parameter in operation.parameters { checkParameter(parameter) }
            }
        }
    }

    private func checkOperation(_ operation: OpenAPIOperation) {
        var declared: Set<String> = []
        var resolvedParameters: [Parameter] = []
        for parameter in operation.parameters {
            checkParameter(parameter)
            attempt {
                let resolved = try document.resolve(parameter)
                if resolved.location == .path { declared.insert(resolved.name) }
                resolvedParameters.append(resolved)
            }
        }
        checkQueryString(resolvedParameters, of: operation)
        let templated = Self.templateNames(operation.path)
        for name in templated where !declared.contains(name) {
            errors.append(
                Diagnostic(
                    .error,
                    "path '\(operation.path)' has '{\(name)}' but \(operation.httpMethod) declares no path parameter "
                        + "'\(name)'",
                    at: operation.location))
        }
        for name in declared.sorted() where !templated.contains(name) {
            errors.append(
                Diagnostic(
                    .error, "path parameter '\(name)' does not appear in the path '\(operation.path)'",
                    at: operation.location))
        }
        if let body = operation.requestBody { checkRequestBody(body) }
        for entry in operation.responses.entries { checkResponse(entry.value) }
        if let security = operation.security { checkSecurity(security) }
    }

    /// An `in: querystring` parameter is the whole query string: an operation has at most one
    /// (an operation's parameter replaces its path item's of the same name) and then no
    /// `in: query` parameter.
    private func checkQueryString(_ parameters: [Parameter], of operation: OpenAPIOperation) {
        var queryStrings: [Parameter] = []
        for parameter in parameters where parameter.location == .querystring {
            queryStrings.removeAll { $0.name == parameter.name }
            queryStrings.append(parameter)
        }
        guard let first = queryStrings.first else { return }
        let name = "\(operation.httpMethod) \(operation.path)"
        for other in queryStrings.dropFirst() {
            errors.append(
                Diagnostic(
                    .error,
                    "operation '\(name)' has a second 'in: querystring' parameter, '\(other.name)'; "
                        + "the query string is one value",
                    at: other.sourceLocation,
                    notes: [Diagnostic(.note, "the first is '\(first.name)'", at: first.sourceLocation)]))
        }
        for query in parameters where query.location == .query {
            errors.append(
                Diagnostic(
                    .error,
                    "operation '\(name)' has the 'in: querystring' parameter '\(first.name)', so it cannot also have "
                        + "the 'in: query' parameter '\(query.name)'",
                    at: query.sourceLocation,
                    notes: [Diagnostic(.note, "the querystring parameter", at: first.sourceLocation)]))
        }
    }

    static func templateNames(_ path: String) -> [String] {
        // ASCII paths (nearly all) by their bytes; others by characters, where a brace
        // followed by a combining mark is not a brace.
        if let names = asciiTemplateNames(path) { return names }
        var names: [String] = []
        var rest = Substring(path)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            names.append(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return names
    }

    private static func asciiTemplateNames(_ path: String) -> [String]? {
        var path = path
        return path.withUTF8 { bytes -> [String]? in
            var names: [String] = []
            var open: Int?
            for index in 0..<bytes.count {
                switch bytes[index] {
                case 0x80...: return nil
                case UInt8(ascii: "{") where open == nil: open = index
                case UInt8(ascii: "}"):
                    if let start = open {
                        names.append(
                            String(decoding: UnsafeBufferPointer(rebasing: bytes[(start + 1)..<index]), as: UTF8.self))
                        open = nil
                    }
                default: break
                }
            }
            return names
        }
    }

    private func checkSecurity(_ requirements: [SecurityRequirement]) {
        for requirement in requirements {
            for name in requirement.schemeNames where document.components.securitySchemes[name] == nil {
                errors.append(
                    Diagnostic(
                        .error, "security requirement names '\(name)', which is not in 'components/securitySchemes'",
                        at: requirement.location))
            }
        }
    }

    private func checkParameter(_ parameter: Referenceable<Parameter>) {
        attempt {
            let resolved = try document.resolve(parameter)
            if case .value = parameter, let schema = resolved.schema { check(schema) }
            if case .value = parameter, resolved.location == .header {
                checkHeaderName(resolved.name, what: "header parameter", at: resolved.sourceLocation)
            }
        }
    }

    private func checkSecuritySchemes() {
        for entry in document.components.securitySchemes.entries {
            if case .apiKey(let name, .header) = entry.value.kind {
                checkHeaderName(
                    name, what: "API key header", of: " of security scheme '\(entry.name)'", at: entry.value.location)
            }
        }
    }

    /// A header name must be an RFC 9110 token: a CR or LF in it would let the spec add
    /// header lines to every request, and other characters make requests no server reads.
    private func checkHeaderName(_ name: String, what: String, of owner: String = "", at location: SourceLocation) {
        guard !Self.isToken(name) else { return }
        let shown = Self.printable(name)
        errors.append(
            Diagnostic(
                .error,
                "the \(what) '\(shown)'\(owner) is not a valid HTTP header name (letters, digits and !#$%&'*+-.^_`|~ only)",
                at: location))
    }

    /// `text` with its control and non-ASCII characters escaped, for a message.
    static func printable(_ text: String) -> String {
        text.unicodeScalars.map { scalar in
            let printable = scalar.isASCII && scalar.value >= 0x20 && scalar.value < 0x7F
            return printable ? String(scalar) : scalar.escaped(asASCII: true)
        }.joined()
    }

    /// RFC 9110's `token`: one or more of `!#$%&'*+-.^_`|~`, digits and ASCII letters.
    static func isToken(_ text: String) -> Bool {
        !text.isEmpty
            && text.utf8.allSatisfy { byte in
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                    UInt8(ascii: "0")...UInt8(ascii: "9"):
                    return true
                default:
                    return "!#$%&'*+-.^_`|~".utf8.contains(byte)
                }
            }
    }

    private func checkRequestBody(_ body: Referenceable<RequestBody>) {
        attempt {
            let resolved = try document.resolve(body)
            if case .value = body { for entry in resolved.content.entries { checkMediaType(entry.value) } }
        }
    }

    private func checkResponse(_ response: Referenceable<Response>) {
        attempt {
            let resolved = try document.resolve(response)
            if case .value = response {
                for entry in resolved.content.entries { checkMediaType(entry.value) }
                for header in resolved.headers.entries {
                    let value = try document.resolve(header.value)
                    if case .value = header.value, let schema = value.schema { check(schema) }
                }
            }
        }
    }

    /// A media type's `schema` and (OpenAPI 3.2) `itemSchema`.
    private func checkMediaType(_ mediaType: MediaType) {
        mediaType.schema.map { check($0) }
        mediaType.itemSchema.map { check($0) }
    }

    /// Walks a schema tree (not through `$ref`s, whose targets are checked on their own).
    private func check(_ root: Schema) {
        var stack = [root]
        while let schema = stack.popLast() {
            if let reference = schema.reference { attempt { _ = try document.resolveSchema(reference) } }
            for property in schema.properties { stack.append(property.schema) }
            if let items = schema.items { stack.append(items) }
            if case .schema(let additional)? = schema.additionalProperties { stack.append(additional) }
            // One list at a time, so that no list is made just to be appended.
            if !schema.allOf.isEmpty { stack += schema.allOf }
            if !schema.oneOf.isEmpty { stack += schema.oneOf }
            if !schema.anyOf.isEmpty { stack += schema.anyOf }
        }
    }
}
