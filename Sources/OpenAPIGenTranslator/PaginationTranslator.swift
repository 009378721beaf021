import OpenAPIGenDeclarations
import OpenAPIGenDiagnostics
import OpenAPIGenModel

/// A pagination declaration as written, in the shape of Speakeasy's `x-speakeasy-pagination`
/// (which real specs carry), from an operation of the spec or from the configuration's
/// `pagination`:
///
/// ```yaml
/// type: cursor                  # cursor, offsetLimit or url
/// inputs:
///   - {name: page_token, in: parameters, type: cursor}
/// outputs:
///   results: $.collection                   # the page's items: an array
///   nextCursor: $.pagination.next_page_token  # or $.data[-1].id: the last item's id
///   hasMore: $.has_more                     # optional: a boolean, false on the last page
/// ```
///
/// Pages that give the next one's URL are `type: url`, with no inputs and `nextUrl` the
/// URL's place: a string of the body (`$.next`), or a `Link: <…>; rel="next"` header
/// (RFC 8288) by its OpenAPI runtime expression:
///
/// ```yaml
/// type: url
/// outputs: {results: $, nextUrl: $response.header.Link}
/// ```
public struct PaginationRule: Sendable, Hashable {
    public enum Kind: String, Sendable, CaseIterable {
        case cursor, offsetLimit, url
    }

    public struct Input: Sendable, Hashable {
        /// The parameter's name in the spec.
        public var name: String
        /// `parameters` or `requestBody`.
        public var place: String
        /// `cursor`, `offset`, `limit` or `page`.
        public var type: String
        public var location: SourceLocation
    }

    public struct Output: Sendable, Hashable {
        public var path: JSONPathSubset
        public var location: SourceLocation
        /// The response header the output is (`$response.header.Link`), in place of `path`.
        public var header: String? = nil
    }

    /// The prefix of an output that is a response header (an OpenAPI runtime expression).
    public static let headerPrefix = "$response.header."

    public var kind: Kind
    public var inputs: [Input]
    /// By name: `results`, `nextCursor`, `hasMore`, `numPages`, `nextUrl`.
    public var outputs: [String: Output]
    public var location: SourceLocation

    public static let inputPlaces = ["parameters", "requestBody"]
    public static let inputTypes = ["cursor", "offset", "limit", "page"]
    public static let outputNames = ["results", "nextCursor", "hasMore", "numPages", "nextUrl"]

    /// Reads a declaration; a malformed one is an error at the offending value.
    public static func parse(_ value: SpecValue, what: String) throws -> PaginationRule {
        func members(_ value: SpecValue, _ what: String) throws -> [SpecValue.Member] {
            guard case .object(let members) = value.kind else {
                throw Diagnostic(.error, "\(what) must be a mapping", at: value.location)
            }
            return members
        }
        func string(_ value: SpecValue, _ what: String) throws -> String {
            guard case .string(let text) = value.kind else {
                throw Diagnostic(.error, "\(what) must be a string", at: value.location)
            }
            return text
        }
        func oneOf(_ value: SpecValue, _ what: String, _ allowed: [String]) throws -> String {
            let text = try string(value, what)
            guard allowed.contains(text) else {
                throw Diagnostic(
                    .error, "\(what) is '\(text)'; it must be one of \(allowed.joined(separator: ", "))",
                    at: value.location)
            }
            return text
        }
        var kind: Kind?
        var inputs: [Input] = []
        var outputs: [String: Output] = [:]
        for member in try members(value, what) {
            switch member.key {
            case "type":
                kind = Kind(rawValue: try oneOf(member.value, "'type' of \(what)", Kind.allCases.map(\.rawValue)))
            case "inputs":
                guard case .array(let items) = member.value.kind else {
                    throw Diagnostic(.error, "'inputs' of \(what) must be a list", at: member.value.location)
                }
                for item in items {
                    var name: String?
                    var place: String?
                    var type: String?
                    for field in try members(item, "an input of \(what)") {
                        switch field.key {
                        case "name": name = try string(field.value, "'name' of an input of \(what)")
                        case "in": place = try oneOf(field.value, "'in' of an input of \(what)", inputPlaces)
                        case "type": type = try oneOf(field.value, "'type' of an input of \(what)", inputTypes)
                        default:
                            throw Diagnostic(
                                .error,
                                "unknown key '\(field.key)' in an input of \(what); its keys are name, in, type",
                                at: field.value.location)
                        }
                    }
                    guard let name, let place, let type else {
                        throw Diagnostic(.error, "an input of \(what) needs 'name', 'in' and 'type'", at: item.location)
                    }
                    inputs.append(Input(name: name, place: place, type: type, location: item.location))
                }
            case "outputs":
                for field in try members(member.value, "'outputs' of \(what)") {
                    guard outputNames.contains(field.key) else {
                        throw Diagnostic(
                            .error,
                            "unknown output '\(field.key)' in \(what); the outputs are \(outputNames.joined(separator: ", "))",
                            at: field.value.location)
                    }
                    let text = try string(field.value, "output '\(field.key)' of \(what)")
                    if field.key == "nextUrl", text.hasPrefix(headerPrefix) {
                        let header = String(text.dropFirst(headerPrefix.count))
                        guard !header.isEmpty, header.allSatisfy({ $0.isLetter || $0.isNumber || "-_".contains($0) })
                        else {
                            throw Diagnostic(
                                .error, "output 'nextUrl' of \(what) is '\(text)', which names no header",
                                at: field.value.location)
                        }
                        var root = JSONPathSubset("$")!
                        root.description = text
                        outputs[field.key] = Output(path: root, location: field.value.location, header: header)
                        continue
                    }
                    guard let path = JSONPathSubset(text) else {
                        throw Diagnostic(
                            .error,
                            "output '\(field.key)' of \(what) is '\(text)', not a supported JSONPath: "
                                + "$ followed by .name or ['name'] steps, and [-1] or [(@.length-1)] for the last item"
                                + (field.key == "nextUrl" ? " (or, for 'nextUrl', \(headerPrefix)Link)" : ""),
                            at: field.value.location)
                    }
                    outputs[field.key] = Output(path: path, location: field.value.location)
                }
            default:
                throw Diagnostic(
                    .error, "unknown key '\(member.key)' in \(what); its keys are type, inputs, outputs",
                    at: member.value.location)
            }
        }
        guard let kind else { throw Diagnostic(.error, "\(what) needs a 'type'", at: value.location) }
        return PaginationRule(kind: kind, inputs: inputs, outputs: outputs, location: value.location)
    }
}

/// The JSONPath that pagination outputs use: `$`, then member names (`.a`, `['a']`) and
/// the last element of an array (`[-1]`, `[-1:]`, `[(@.length-1)]`).
public struct JSONPathSubset: Sendable, Hashable, CustomStringConvertible {
    public enum Segment: Sendable, Hashable {
        case member(String)
        case lastElement
    }

    public var segments: [Segment]
    public var description: String

    public init?(_ text: String) {
        description = text
        segments = []
        var rest = Substring(text.trimmingCharacters(in: .whitespaces))
        guard rest.first == "$" else { return nil }
        rest = rest.dropFirst()
        while let first = rest.first {
            if first == "." {
                rest = rest.dropFirst()
                let name = rest.prefix { $0 != "." && $0 != "[" }
                guard !name.isEmpty else { return nil }
                segments.append(.member(String(name)))
                rest = rest.dropFirst(name.count)
            } else if first == "[" {
                guard let close = rest.firstIndex(of: "]") else { return nil }
                var inside = String(rest[rest.index(after: rest.startIndex)..<close])
                rest = rest[rest.index(after: close)...]
                if ["-1", "-1:", "(@.length-1)"].contains(inside.replacingOccurrences(of: " ", with: "")) {
                    segments.append(.lastElement)
                } else if inside.count >= 2, let quote = inside.first, quote == "'" || quote == "\"",
                    inside.last == quote
                {
                    inside.removeFirst()
                    inside.removeLast()
                    guard !inside.isEmpty else { return nil }
                    segments.append(.member(inside))
                } else {
                    return nil
                }
            } else {
                return nil
            }
        }
    }
}

/// The configuration's `pagination` entry for one operation.
public struct ConfiguredPagination: Sendable, Hashable {
    public var operationID: String
    /// Where the configuration names the operation.
    public var location: SourceLocation
    public var rule: PaginationRule

    public init(operationID: String, location: SourceLocation, rule: PaginationRule) {
        self.operationID = operationID
        self.location = location
        self.rule = rule
    }
}

/// Checks the pagination the spec and the configuration declare against the generated
/// declarations and gives the client a companion method per paged operation. Nothing is
/// guessed: only declared operations are paged, and a declaration that does not fit the
/// operation (a missing parameter, a path to no array, a cursor of another type) is a
/// located warning and no companion.
struct PaginationTranslator {
    let document: OpenAPIDocument
    let declarations: [Declaration]
    let configured: [ConfiguredPagination]
    /// Whether the generated models are `Hashable` (the configuration's `conformances`): the
    /// runtime remembers the cursors it sent in a `Set`, so a cursor of a generated (or
    /// overriding) type needs it.
    var hashableModels = true
    var warnings: [Diagnostic] = []

    init(document: OpenAPIDocument, declarations: [Declaration], configured: [ConfiguredPagination]) {
        self.document = document
        self.declarations = declarations
        self.configured = configured
    }

    /// Adds the companions to `client.pagedOperations`.
    mutating func apply(to client: inout ClientDeclaration) {
        var rules: [(operationID: String, rule: PaginationRule, source: String)] = []
        let allOperations = document.paths.flatMap(\.operations)
        for entry in configured {
            guard allOperations.contains(where: { $0.operationID == entry.operationID }) else {
                warnings.append(
                    Diagnostic(
                        .warning,
                        "no operation has the operationId '\(entry.operationID)' given in the configuration's pagination",
                        at: entry.location))
                continue
            }
            rules.append((entry.operationID, entry.rule, "the configuration's pagination for '\(entry.operationID)'"))
        }
        for operation in allOperations {
            guard let value = operation.paginationExtension else { continue }
            let name = operation.operationID ?? "\(operation.httpMethod) \(operation.path)"
            let what = "x-speakeasy-pagination of operation '\(name)'"
            guard let operationID = operation.operationID,
                !configured.contains(where: { $0.operationID == operationID })
            else {
                if operation.operationID != nil { continue }  // The configuration's declaration replaces the spec's.
                warnings.append(
                    Diagnostic(
                        .warning, "\(what) is not generated: the operation has no operationId", at: value.location))
                continue
            }
            do {
                rules.append((operationID, try PaginationRule.parse(value, what: what), what))
            } catch let diagnostic as Diagnostic {
                warnings.append(
                    Diagnostic(
                        .warning, diagnostic.message + "; no paged companion method is generated",
                        at: diagnostic.location))
            } catch {
                preconditionFailure("PaginationRule.parse throws diagnostics only")
            }
        }
        var names = NameScope(
            reserved: Set(client.operations.map(\.functionName)).union([
                "init", "core", "defaultServerURL", "serverURL",
            ]))
        for (operationID, rule, what) in rules {
            // An operation the configuration's filters leave out has no method to page.
            guard let operation = client.operations.first(where: { $0.operationID == operationID }) else { continue }
            if let paged = pagedOperation(operation, rule: rule, what: what, names: &names) {
                client.pagedOperations.append(paged)
            }
        }
        client.pagedOperations.sort { left, right in
            let order = client.operations.map(\.operationID)
            return order.firstIndex(of: left.operationID)! < order.firstIndex(of: right.operationID)!
        }
    }

    private mutating func warn(_ message: String, _ what: String, at location: SourceLocation) {
        warnings.append(
            Diagnostic(.warning, "\(what): \(message); no paged companion method is generated", at: location))
    }

    private mutating func pagedOperation(
        _ operation: OperationDeclaration, rule: PaginationRule, what: String, names: inout NameScope
    ) -> PagedOperationDeclaration? {
        for input in rule.inputs where input.place == "requestBody" {
            warn(
                "input '\(input.name)' is in the request body, which paging does not fill in yet", what,
                at: input.location)
            return nil
        }
        func parameter(_ input: PaginationRule.Input) -> OperationDeclaration.Parameter? {
            operation.parameters.first {
                $0.wireName == input.name && [.query, .header, .path, .cookie].contains($0.location)
            }
        }
        var found: [String: (PaginationRule.Input, OperationDeclaration.Parameter)] = [:]
        for input in rule.inputs {
            guard found[input.type] == nil else {
                warn("it has more than one input of type '\(input.type)'", what, at: input.location)
                return nil
            }
            guard let match = parameter(input) else {
                warn("operation '\(operation.operationID)' has no parameter '\(input.name)'", what, at: input.location)
                return nil
            }
            found[input.type] = (input, match)
        }
        guard let results = rule.outputs["results"] else {
            warn("it has no 'results' output, the path to the page's items", what, at: rule.location)
            return nil
        }
        guard let returnType = operation.returnType else {
            warn("operation '\(operation.operationID)' returns no body to read pages from", what, at: results.location)
            return nil
        }
        // `$` is the body: the `Output` struct's `body` when the operation returns headers too.
        let root: [JSONPathSubset.Segment] = operation.output?.hasBody == true ? [.member("body")] : []
        guard
            let (resultsPath, resultsType) = follow(
                root + results.path.segments, from: returnType, what: what, at: results.location)
        else { return nil }
        guard case .array(let itemType) = resultsType.nonOptionalUsage, !results.path.segments.contains(.lastElement)
        else {
            warn("output 'results' (\(results.path)) does not lead to an array", what, at: results.location)
            return nil
        }
        for name in ["numPages", "nextUrl"] where rule.kind != .url || name != "nextUrl" {
            if let output = rule.outputs[name] {
                warn("output '\(name)' is not used by \(rule.kind.rawValue) pagination", what, at: output.location)
                return nil
            }
        }
        let cursorInput: (PaginationRule.Input, OperationDeclaration.Parameter)
        let next: PagedOperationDeclaration.Next
        var summary: String
        switch rule.kind {
        case .url:
            if let input = rule.inputs.first {
                warn("url pagination takes no inputs: the next page's URL carries them", what, at: input.location)
                return nil
            }
            for name in ["nextCursor", "hasMore"] {
                if let output = rule.outputs[name] {
                    warn("output '\(name)' is not used by url pagination", what, at: output.location)
                    return nil
                }
            }
            guard let nextURL = rule.outputs["nextUrl"] else {
                warn("url pagination needs the output 'nextUrl'", what, at: rule.location)
                return nil
            }
            guard operation.streaming == nil else {
                warn("operation '\(operation.operationID)' streams its response", what, at: rule.location)
                return nil
            }
            let urlNext: PagedOperationDeclaration.Next
            if let header = nextURL.header {
                guard header.lowercased() == "link" else {
                    warn(
                        "only a `Link` header (RFC 8288, rel=\"next\") is followed, not '\(header)'", what,
                        at: nextURL.location)
                    return nil
                }
                urlNext = .link
                summary =
                    "The next page is asked for at the URL of the page's `Link` header with `rel=\"next\"`, "
                    + "until a page has none."
            } else {
                guard
                    let (path, type) = follow(
                        root + nextURL.path.segments, from: returnType, what: what, at: nextURL.location)
                else { return nil }
                guard type.nonOptionalUsage == .named(.string) else {
                    warn(
                        "output 'nextUrl' (\(nextURL.path)) is `\(type.nonOptionalUsage.swiftDescription)`, not a "
                            + "string", what, at: nextURL.location)
                    return nil
                }
                urlNext = .nextURL(path)
                summary =
                    "The next page is asked for at the URL in `\(nextURL.path)` of the page before, "
                    + "until a page has none."
            }
            return PagedOperationDeclaration(
                functionName: names.claim(operation.functionName + "Items"),
                operationFunctionName: operation.functionName, operationID: operation.operationID,
                cursorParameter: "", cursorType: .named(.foundation("URL")), itemType: itemType,
                results: resultsPath, next: urlNext, summary: summary)
        case .cursor:
            guard let cursor = found["cursor"], found.count == 1 else {
                warn("cursor pagination takes one input, of type 'cursor'", what, at: rule.location)
                return nil
            }
            cursorInput = cursor
            guard let nextCursor = rule.outputs["nextCursor"] else {
                warn("cursor pagination needs the output 'nextCursor'", what, at: rule.location)
                return nil
            }
            let segments = nextCursor.path.segments
            let cursorPath: PropertyPath
            let cursorType: TypeUsage
            if let last = segments.firstIndex(of: .lastElement) {
                // `$.data[-1].id`: a property of the last item of the results.
                guard Array(segments[..<last]) == results.path.segments, !segments[(last + 1)...].contains(.lastElement)
                else {
                    warn(
                        "output 'nextCursor' (\(nextCursor.path)) takes the last element of another array than 'results' (\(results.path))",
                        what, at: nextCursor.location)
                    return nil
                }
                guard
                    let (path, type) = follow(
                        Array(segments[(last + 1)...]), from: itemType, what: what, at: nextCursor.location)
                else { return nil }
                cursorPath = path
                cursorType = type
            } else {
                guard let (path, type) = follow(root + segments, from: returnType, what: what, at: nextCursor.location)
                else { return nil }
                cursorPath = path
                cursorType = type
            }
            guard cursorType.nonOptionalUsage == cursor.1.type.nonOptionalUsage else {
                warn(
                    "output 'nextCursor' (\(nextCursor.path)) is `\(cursorType.nonOptionalUsage.swiftDescription)`, but parameter "
                        + "'\(cursor.0.name)' takes `\(cursor.1.type.nonOptionalUsage.swiftDescription)`",
                    what, at: nextCursor.location)
                return nil
            }
            var hasMorePath: PropertyPath?
            if let hasMore = rule.outputs["hasMore"] {
                guard segments.contains(.lastElement) else {
                    warn(
                        "output 'hasMore' goes with a 'nextCursor' that is the last item's", what, at: hasMore.location)
                    return nil
                }
                guard
                    let (path, type) = follow(
                        root + hasMore.path.segments, from: returnType, what: what, at: hasMore.location)
                else { return nil }
                guard type.nonOptionalUsage == .named(.bool) else {
                    warn("output 'hasMore' (\(hasMore.path)) is not a boolean", what, at: hasMore.location)
                    return nil
                }
                hasMorePath = path
            }
            if segments.contains(.lastElement) {
                next = .lastItem(cursorPath, hasMore: hasMorePath)
                summary =
                    "The next page is asked for with `\(cursor.0.name)` set to `\(nextCursor.path)` of the page before "
                    + "(its last item's), until a page is empty"
                    + (rule.outputs["hasMore"].map { " or `\($0.path)` is not true" } ?? "") + "."
            } else {
                next = .token(cursorPath)
                summary =
                    "The next page is asked for with `\(cursor.0.name)` set to `\(nextCursor.path)` of the page before, "
                    + "until a page has none."
            }
        case .offsetLimit:
            if let page = found["page"] {
                warn("page-number inputs are not generated yet (only 'offset' and 'limit')", what, at: page.0.location)
                return nil
            }
            guard let offset = found["offset"] else {
                warn("offsetLimit pagination needs an input of type 'offset'", what, at: rule.location)
                return nil
            }
            if let cursor = found["cursor"] {
                warn("offsetLimit pagination takes no 'cursor' input", what, at: cursor.0.location)
                return nil
            }
            for name in ["nextCursor", "hasMore"] {
                if let output = rule.outputs[name] {
                    warn("output '\(name)' is not used by offsetLimit pagination", what, at: output.location)
                    return nil
                }
            }
            let integers: [TypeUsage] = [.named(.int), .named(.int32), .named(.int64)]
            for input in [offset] + (found["limit"].map { [$0] } ?? [])
            where !integers.contains(input.1.type.nonOptionalUsage) {
                warn("parameter '\(input.0.name)' is not an integer", what, at: input.0.location)
                return nil
            }
            cursorInput = offset
            let limit = found["limit"]
            next = .offset(limitParameter: limit?.1.name, limitType: limit?.1.type.nonOptionalUsage)
            summary =
                "Each next page is asked for with `\(offset.0.name)` set past the items fetched so far, until a page is empty"
                + (limit.map { " or, when you pass `\($0.1.name)`, shorter than it" } ?? "") + "."
        }
        guard cursorInput.1.type.isOptional else {
            warn(
                "parameter '\(cursorInput.0.name)' is required, so the first page cannot be asked for without it", what,
                at: cursorInput.0.location)
            return nil
        }
        guard hashableModels || isHashableWhateverTheModels(cursorInput.1.type) else {
            warn(
                "the cursor parameter '\(cursorInput.0.name)' is `\(cursorInput.1.type.nonOptionalUsage.swiftDescription)`, "
                    + "which is Hashable only with `conformances: [Hashable]` in openapi-gen.yaml", what,
                at: cursorInput.0.location)
            return nil
        }
        return PagedOperationDeclaration(
            functionName: names.claim(operation.functionName + "Items"), operationFunctionName: operation.functionName,
            operationID: operation.operationID, cursorParameter: cursorInput.1.name,
            cursorType: cursorInput.1.type.nonOptionalUsage, itemType: itemType, results: resultsPath, next: next,
            summary: summary)
    }

    /// The Swift properties that `segments` (member names) lead to from `type`, and the last one's type.
    private mutating func follow(
        _ segments: [JSONPathSubset.Segment], from type: TypeUsage, what: String, at location: SourceLocation
    ) -> (PropertyPath, TypeUsage)? {
        var steps: [PropertyPath.Step] = []
        var current = type
        for segment in segments {
            guard case .member(let key) = segment else {
                warn("[-1] is only for the last item of the results", what, at: location)
                return nil
            }
            guard let structure = structure(current) else {
                warn(
                    "'\(key)' is looked up in \(current.nonOptionalUsage.swiftDescription), which is not an object",
                    what, at: location)
                return nil
            }
            guard let property = structure.properties.first(where: { $0.key == key }) else {
                warn(
                    "\(structure.name) has no property '\(key)' (it has \(structure.properties.map { "'\($0.key)'" }.joined(separator: ", ")))",
                    what, at: location)
                return nil
            }
            steps.append(PropertyPath.Step(name: property.name, isOptional: property.type.isOptional))
            current = property.type
        }
        return (PropertyPath(steps), current)
    }

    /// Whether `type` is built from the standard library's, Foundation's and the runtime's
    /// types only (through type aliases), all `Hashable`, rather than from generated or
    /// overriding ones.
    private func isHashableWhateverTheModels(_ type: TypeUsage) -> Bool {
        switch type {
        case .named(let name):
            if ["Swift", "Foundation", RuntimeNames.module.name].contains(name.module ?? "") { return true }
            guard name.module == nil, let first = name.path.first else { return false }
            var declaration = declarations.first { $0.name == first }
            for component in name.path.dropFirst() {
                declaration = declaration?.nestedTypes.first { $0.name == component }
            }
            if case .typeAlias(let alias) = declaration { return isHashableWhateverTheModels(alias.target) }
            return false
        case .optional(let inner), .array(let inner), .dictionary(let inner): return isHashableWhateverTheModels(inner)
        }
    }

    /// The struct a local type names, through type aliases.
    private func structure(_ type: TypeUsage) -> StructDeclaration? {
        guard case .named(let name) = type.nonOptionalUsage, name.module == nil, let first = name.path.first else {
            return nil
        }
        var declaration = declarations.first { $0.name == first }
        for component in name.path.dropFirst() {
            declaration = declaration?.nestedTypes.first { $0.name == component }
        }
        switch declaration {
        case .structure(let value): return value
        case .typeAlias(let alias): return structure(alias.target)
        default: return nil
        }
    }
}

extension TypeUsage {
    /// The type as Swift would write it, for messages.
    fileprivate var swiftDescription: String {
        switch self {
        case .named(let name): name.path.joined(separator: ".")
        case .optional(let inner): inner.swiftDescription + "?"
        case .array(let inner): "[\(inner.swiftDescription)]"
        case .dictionary(let inner): "[String: \(inner.swiftDescription)]"
        }
    }
}
