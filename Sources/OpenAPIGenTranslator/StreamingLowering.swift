import OpenAPIGenDeclarations
import OpenAPIGenSyntax

/// The parts of a client method that differ when the operation streams its response
/// (``OperationDeclaration/streaming``): it sends with `sendStreaming`, returns
/// `AsyncThrowingStream<ServerSentEvent<Item>, any Error>` or
/// `AsyncThrowingStream<Item, any Error>` as soon as the headers arrive, and reads an error
/// body (`await`) before throwing.
extension ClientLowering {
    private static let streamedResponse: Identifier = "response"
    private static let streamingCore: Identifier = "core"

    /// The method's return type: the stream for a streaming operation, else the body's type.
    func returnTypeSyntax(_ operation: OperationDeclaration) -> TypeSyntax? {
        guard let streaming = operation.streaming, let item = operation.returnType else {
            return operation.returnType.map { context.spell($0, []) }
        }
        var element = context.spell(item, [])
        if case .serverSentEvents = streaming.format {
            element = .generic(context.spell(RuntimeNames.serverSentEvent, []), arguments: [element])
        }
        return .generic(
            context.spell(.swift("AsyncThrowingStream"), []),
            arguments: [element, .existential(context.spell(.swift("Error"), []))])
    }

    /// `sendStreaming` for a streaming operation, `send` otherwise.
    func sendMember(_ operation: OperationDeclaration) -> RuntimeNames.Member {
        operation.streaming == nil ? RuntimeNames.send : RuntimeNames.sendStreaming
    }

    /// The response's `statusCode`.
    func statusCodeMember(_ operation: OperationDeclaration) -> RuntimeNames.Member {
        operation.streaming == nil ? RuntimeNames.statusCode : RuntimeNames.streamingStatusCode
    }

    /// `await core.documentedError(…)`: a streamed error body is read before it is thrown.
    func awaitingErrorBody(_ operation: OperationDeclaration, _ call: Expression) -> Expression {
        operation.streaming == nil ? call : .await(call)
    }

    /// `core.serverSentEvents(of: Item.self, from: response, operationID: "…", terminator: "[DONE]")`,
    /// `core.jsonLines(…)` or `core.jsonSequence(…)`.
    func streamExpression(_ streaming: StreamingResponse, item: TypeUsage, id: Expression) -> Expression {
        var arguments = [
            Argument(RuntimeNames.Label.of, .metatype(context.spell(item, []))),
            Argument(RuntimeNames.Label.from, .identifier(Self.streamedResponse)),
            Argument(RuntimeNames.Label.operationID, id),
        ]
        let member: RuntimeNames.Member
        switch streaming.format {
        case .serverSentEvents(let terminator):
            member = RuntimeNames.serverSentEvents
            if let terminator { arguments.append(Argument(RuntimeNames.Label.terminator, .string(terminator))) }
        case .jsonLines: member = RuntimeNames.jsonLines
        case .jsonSequence: member = RuntimeNames.jsonSequence
        }
        return .call(Expression.identifier(Self.streamingCore).dot(member.name), arguments)
    }

    /// The `- Returns:` text of a streaming method: what it returns, when each item comes,
    /// what ends the stream, and what the loop throws.
    func streamingReturns(
        _ operation: OperationDeclaration, _ streaming: StreamingResponse, statuses: String
    ) -> [String] {
        let itemName = operation.returnType.map { context.spell($0, []).description } ?? ""
        let decoding = RuntimeNames.streamItemDecodingError.path[0]
        let interrupted = RuntimeNames.streamInterruptedError.path[0]
        var lines: [String] = []
        switch streaming.format {
        case .serverSentEvents(let terminator):
            lines.append("- Returns: The server-sent events (`\(streaming.mediaType)`) of the \(statuses) response,")
            lines.append("  each event's data decoded as `\(itemName)`, yielded as soon as the event arrives.")
            if let terminator {
                lines.append(
                    "  An event whose data is `\(terminator)` ends the stream (the configuration's `streamTerminator`)."
                )
            } else {
                lines.append("  The stream ends with the body (no `streamTerminator` is configured).")
            }
        case .jsonLines, .jsonSequence:
            lines.append("- Returns: The items (`\(streaming.mediaType)`) of the \(statuses) response,")
            lines.append(
                "  each decoded as `\(itemName)`, yielded as soon as it arrives. The stream ends with the body.")
        }
        lines += [
            "  The method returns once the response headers arrive. The loop over the stream throws",
            "  `\(decoding)` for an item that does not decode and `\(interrupted)`",
            "  when the body breaks off. Breaking out of the loop or cancelling the task closes the",
            "  connection; nothing is retried once the stream is returned.",
        ]
        return lines
    }
}
