import OpenAPIGenDeclarations
import OpenAPIGenDiagnostics
import OpenAPIGenModel

/// Streamed responses (issue 13): an operation whose 2xx response is `text/event-stream`,
/// `application/jsonl`, `application/x-ndjson` or `application/json-seq` returns an
/// `AsyncThrowingStream` of its items. When a 2xx response also offers JSON, the operation
/// keeps its JSON method and gains a companion, `<name>Stream`, that asks for the stream.
extension OperationTranslator {
    /// The streaming format of a media type, if it is one (parameters ignored).
    static func streamingFormat(_ mediaType: String, terminator: String?) -> StreamingResponse.Format? {
        let type =
            mediaType.lowercased().split(separator: ";").first.map(String.init)?
            .trimmingCharacters(in: .whitespaces) ?? ""
        switch type {
        case "text/event-stream": return .serverSentEvents(terminator: terminator)
        case "application/jsonl", "application/x-ndjson": return .jsonLines
        case "application/json-seq": return .jsonSequence
        default: return nil
        }
    }

    /// The operation's methods: `declaration` as it is when no 2xx response streams;
    /// `declaration` turned into a streaming method when they stream and none offers JSON;
    /// otherwise `declaration` and a streaming companion, whose function name
    /// ``nameStreamingCompanions(_:names:)`` settles once every operation has its name.
    mutating func streamingVariants(
        of declaration: OperationDeclaration, _ operation: OpenAPIOperation
    ) -> [OperationDeclaration] {
        var successes: [(name: String, response: Response)] = []
        for entry in operation.responses.entries where entry.name.hasPrefix("2") {
            if let response = try? document.resolve(entry.value) { successes.append((entry.name, response)) }
        }
        let terminator = streamTerminator
        func streamingContent(_ response: Response) -> (String, MediaType, StreamingResponse.Format)? {
            for entry in response.content.entries {
                if let format = Self.streamingFormat(entry.name, terminator: terminator) {
                    return (entry.name, entry.value, format)
                }
            }
            return nil
        }
        var primary: (status: String, streamed: (String, MediaType, StreamingResponse.Format))?
        for success in successes where primary == nil {
            if let streamed = streamingContent(success.response) { primary = (success.name, streamed) }
        }
        guard let primary else { return [declaration] }
        let (primaryStatus, (mediaType, content, format)) = (primary.status, primary.streamed)
        let offersJSON = successes.contains { success in
            success.response.content.names.contains { Self.kind(of: $0) == .json }
        }
        let id = declaration.operationID
        let methodName = offersJSON ? "its streaming method" : "operation '\(id)'"
        var streaming = declaration
        let typePrefix = SwiftNaming.upperCamel(declaration.functionName) + (offersJSON ? "Stream" : "")
        let item = streamItem(
            content, format: format, mediaType: mediaType, status: primaryStatus, operationID: id,
            name: typePrefix + "Item")
        streaming.streaming = StreamingResponse(
            format: format, mediaType: mediaType, bufferedFunctionName: offersJSON ? declaration.functionName : nil)
        streaming.returnType = item
        streaming.accept = mediaType
        if let output = declaration.output {
            if !offersJSON { liftedDeclarations.removeAll { $0.name == output.typeName } }
            streaming.output = nil
            warnings.append(
                Diagnostic(
                    .warning,
                    "the response headers of operation '\(id)' are not returned by \(methodName), which returns "
                        + "the stream as soon as they arrive",
                    at: operation.location))
        }
        // Each 2xx status that streams the same way yields items; the others are not generated.
        var streamedStatuses: Set<String> = []
        for success in successes {
            if let (otherType, otherContent, otherFormat) = streamingContent(success.response),
                otherFormat == format, success.name == primaryStatus || Self.sameItems(otherContent, content)
            {
                streamedStatuses.insert(success.name)
                if !offersJSON {
                    for other in success.response.content.names where other != otherType {
                        warnings.append(
                            Diagnostic(
                                .warning,
                                "media type '\(other)' of response '\(success.name)' of operation '\(id)' is not "
                                    + "generated; the operation streams '\(otherType)'",
                                at: success.response.content[other]?.location ?? success.response.location))
                    }
                }
            } else {
                warnings.append(
                    Diagnostic(
                        .warning,
                        "response '\(success.name)' of operation '\(id)' does not stream like response "
                            + "'\(primaryStatus)' ('\(mediaType)'); \(methodName) throws UnexpectedStatusError for it",
                        at: success.response.location))
            }
        }
        streaming.outcomes = declaration.outcomes.compactMap { outcome in
            guard case .success = outcome.kind else { return outcome }
            let status = outcome.statusRange.map { "\($0)XX" } ?? outcome.statusCodes.first.map(String.init) ?? ""
            guard streamedStatuses.contains(status) else { return nil }
            var outcome = outcome
            outcome.kind = .success(item)
            outcome.format = .json
            return outcome
        }
        return offersJSON ? [declaration, streaming] : [streaming]
    }

    /// Names each streaming companion `<name>Stream` (after every operation has claimed its
    /// own name, so the spec's names win) and points the JSON method's documentation at it.
    mutating func nameStreamingCompanions(_ operations: inout [OperationDeclaration], names: inout NameScope) {
        for index in operations.indices {
            guard let buffered = operations[index].streaming?.bufferedFunctionName else { continue }
            let name = names.claim(buffered + "Stream")
            let mediaType = operations[index].streaming!.mediaType
            operations[index].functionName = name
            var own = operations[index].documentation.lines
            while own.last?.isEmpty == true { own.removeLast() }
            if !own.isEmpty { own.append("") }
            own.append(
                "Streams the response as `\(mediaType)` (`Accept: \(mediaType)`); `\(buffered)` returns it as JSON.")
            operations[index].documentation = Documentation(own)
            guard
                let bufferedIndex = operations.firstIndex(where: { $0.functionName == buffered && $0.streaming == nil })
            else { continue }
            var lines = operations[bufferedIndex].documentation.lines
            while lines.last?.isEmpty == true { lines.removeLast() }
            if !lines.isEmpty { lines.append("") }
            lines.append("Returns the whole JSON body; `\(name)` streams the response as `\(mediaType)` instead.")
            operations[bufferedIndex].documentation = Documentation(lines)
        }
    }

    /// The type of one item of a stream: OpenAPI 3.2's `itemSchema` (for server-sent events,
    /// the type of the event's `data` when `itemSchema` describes the whole event); in 3.0
    /// and 3.1, the media type's `schema` when it describes an object; otherwise `String`
    /// (each event's data as it is) for server-sent events and `JSONValue` (any JSON text)
    /// for JSON Lines and JSON Text Sequences, with a warning when the schema says
    /// something else.
    private mutating func streamItem(
        _ content: MediaType, format: StreamingResponse.Format, mediaType: String, status: String, operationID: String,
        name: String
    ) -> TypeUsage {
        let isEvents: Bool
        if case .serverSentEvents = format { isEvents = true } else { isEvents = false }
        let fallback: TypeUsage = isEvents ? .named(.string) : .named(RuntimeNames.jsonValue)
        if var itemSchema = content.itemSchema {
            if isEvents, let event = types.objectShape(document.followingReference(itemSchema)),
                let data = event.properties.first(where: { $0.name == "data" })
            {
                itemSchema = data.schema
                if document.followingReference(itemSchema).singleType == .string { return .named(.string) }
            }
            return liftedUsage(itemSchema, name: name).nonOptionalUsage
        }
        guard let schema = content.schema else { return fallback }
        let resolved = document.followingReference(schema)
        if types.isObjectOrChoice(schema) {
            return liftedUsage(schema, name: name).nonOptionalUsage
        }
        if resolved.singleType != .string {
            warnings.append(
                Diagnostic(
                    .warning,
                    "the schema of '\(mediaType)' in response '\(status)' of operation '\(operationID)' does not describe "
                        + "an object, so it is not read as the schema of each "
                        + (isEvents
                            ? "event's data; each event's data is returned as String"
                            : "item; each item is returned as JSONValue"),
                    at: content.location))
        }
        return fallback
    }

    /// Whether two streaming media types have the same items: neither has a schema, or both
    /// refer to the same one.
    static func sameItems(_ first: MediaType, _ second: MediaType) -> Bool {
        let left = first.itemSchema ?? first.schema
        let right = second.itemSchema ?? second.schema
        if left == nil && right == nil { return true }
        guard let left = left?.reference?.target, let right = right?.reference?.target else { return false }
        return left == right && (first.itemSchema == nil) == (second.itemSchema == nil)
    }
}
