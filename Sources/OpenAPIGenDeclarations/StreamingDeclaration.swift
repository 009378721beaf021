/// How a streaming operation reads its success body: item by item, as the bytes arrive.
/// The operation's ``OperationDeclaration/returnType`` is then the type of one item (the
/// data of one event for server-sent events); the method returns an `AsyncThrowingStream`
/// of them.
public struct StreamingResponse: Hashable, Sendable {
    public enum Format: Hashable, Sendable {
        /// `text/event-stream`: `ServerSentEvent<Item>`s. An event whose data is
        /// `terminator` (OpenAI's `[DONE]`) ends the stream.
        case serverSentEvents(terminator: String?)
        /// `application/jsonl` and `application/x-ndjson`: a JSON text a line.
        case jsonLines
        /// `application/json-seq` (RFC 7464).
        case jsonSequence
    }

    public var format: Format
    /// The media type the operation asks for in `Accept`.
    public var mediaType: String
    /// For a companion method (the same response also offers JSON): the name of the method
    /// that returns the JSON body.
    public var bufferedFunctionName: String?

    public init(format: Format, mediaType: String, bufferedFunctionName: String? = nil) {
        self.format = format
        self.mediaType = mediaType
        self.bufferedFunctionName = bufferedFunctionName
    }
}
