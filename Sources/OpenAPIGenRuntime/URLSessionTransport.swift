import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The default transport: Foundation's `URLSession` (FoundationNetworking on Linux).
/// Cancelling the calling task cancels the request at once.
///
/// The default session follows a redirect only within the request's origin (scheme, host
/// and port). A redirect to another origin would take the request's credentials there, so
/// it is not followed: its 3xx response goes to the operation, which returns it when the
/// spec documents it (with its `Location` header) and throws `UnexpectedStatusError` when not.
public struct URLSessionTransport: HTTPTransport {
    private let session: URLSession

    /// A session without `URLSession`'s own timeouts and retries getting in the way of the
    /// client's: ``ClientConfiguration/timeout`` bounds every attempt.
    public static let defaultSession: URLSession = {
        let configuration = URLSessionConfiguration.default
        configuration.timeoutIntervalForRequest = 24 * 3600
        configuration.timeoutIntervalForResource = 24 * 3600
        configuration.httpMaximumConnectionsPerHost = 64
        configuration.urlCache = nil
        configuration.httpCookieStorage = nil
        return URLSession(configuration: configuration, delegate: SameOriginRedirects(), delegateQueue: nil)
    }()

    /// Where streamed requests go: a session with `session`'s configuration whose delegate
    /// hands on each piece of a body as it arrives.
    private let streaming: StreamingSession

    /// Sends ``HTTPRequest/streamedBody`` from disk (a body of several pieces is first
    /// written to a temporary file, removed when the request ends).
    public var canStreamRequestBodies: Bool { true }

    public init(session: URLSession = URLSessionTransport.defaultSession) {
        self.session = session
        streaming = session === URLSessionTransport.defaultSession ? .shared : StreamingSession(session.configuration)
    }

    /// The file to upload `request`'s streamed body from, and whether it is a temporary
    /// copy to remove once the request has ended; nil without a streamed body.
    private static func uploadFile(_ request: HTTPRequest) throws -> (url: URL, isTemporary: Bool)? {
        guard let streamed = request.streamedBody else { return nil }
        if let file = streamed.singleFile { return (file, false) }
        let temporary = FileManager.default.temporaryDirectory
            .appendingPathComponent("openapi-gen-upload-\(UUID().uuidString.lowercased())")
        do {
            try streamed.write(to: temporary)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
        return (temporary, true)
    }

    /// A data task for `urlRequest`, uploading from `file` when there is one.
    private static func task(
        in session: URLSession, _ urlRequest: URLRequest, file: URL?,
        completion: (@Sendable (Data?, URLResponse?, (any Error)?) -> Void)? = nil
    ) -> URLSessionDataTask {
        switch (file, completion) {
        case (let file?, let completion?):
            session.uploadTask(with: urlRequest, fromFile: file, completionHandler: completion)
        case (let file?, nil): session.uploadTask(with: urlRequest, fromFile: file)
        case (nil, let completion?): session.dataTask(with: urlRequest, completionHandler: completion)
        case (nil, nil): session.dataTask(with: urlRequest)
        }
    }

    private static func urlRequest(_ request: HTTPRequest) -> URLRequest {
        var urlRequest = URLRequest(url: request.url)
        urlRequest.httpMethod = request.method.rawValue
        urlRequest.timeoutInterval = 24 * 3600
        for field in request.headers { urlRequest.addValue(field.value, forHTTPHeaderField: field.name) }
        urlRequest.httpBody = request.body
        return urlRequest
    }

    private static func headers(_ http: HTTPURLResponse) -> HTTPHeaders {
        var headers = HTTPHeaders()
        let fields = http.allHeaderFields.map { (String(describing: $0.key), String(describing: $0.value)) }
        for (name, value) in fields.sorted(by: { $0.0 < $1.0 }) {
            headers.add(name, value)
        }
        return headers
    }

    /// Returns when the head of the response has arrived; the body streams in as the
    /// session receives it, on Linux (FoundationNetworking) as on Apple platforms. Cancelling
    /// the calling task before the head arrives, or ending the body early (dropping it,
    /// breaking out of the loop over it, cancelling the task iterating it), cancels the data
    /// task, which closes the connection. The body is buffered as it arrives, however slowly
    /// it is read.
    ///
    /// Streamed requests go through a second session made with the configuration of the
    /// transport's session (FoundationNetworking delivers a body piece by piece only to a
    /// session's own delegate), so a delegate of the transport's session (say, one that
    /// answers authentication challenges) does not see them.
    public func sendStreaming(_ request: HTTPRequest) async throws -> HTTPStreamingResponse {
        let urlRequest = Self.urlRequest(request)
        let upload = try Self.uploadFile(request)
        // Only the caller holds the body stream: when it lets go, the stream ends as cancelled.
        let (body, continuation) = AsyncThrowingStream.makeStream(of: Data.self, throwing: (any Error).self)
        let exchange = StreamingExchange(
            continuation, removingWhenDone: upload?.isTemporary == true ? upload?.url : nil)
        let streaming = self.streaming
        let response = try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let task = Self.task(in: streaming.session, urlRequest, file: upload?.url)
                exchange.start(task, delegate: streaming.delegate, head: continuation)
            }
        } onCancel: {
            exchange.cancel()
        }
        return HTTPStreamingResponse(
            statusCode: response.statusCode, headers: Self.headers(response), body: body)
    }

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        #if canImport(FoundationNetworking)
            // FoundationNetworking gives a completion handler an empty body for a redirect the
            // delegate declines (a `302` to another origin, Twilio's documented `307`); a
            // session's own delegate gets it. So on Linux the default session's requests go the
            // streaming way and the body is gathered here. A session of the caller's keeps its
            // delegate (its redirect bodies are then lost to this FoundationNetworking defect).
            if streaming === StreamingSession.shared {
                let streamed = try await sendStreaming(request)
                var body = Data()
                for try await piece in streamed.body { body.append(piece) }
                try Self.checkRedirectBody(statusCode: streamed.statusCode, headers: streamed.headers, body: body)
                return HTTPResponse(statusCode: streamed.statusCode, headers: streamed.headers, body: body)
            }
        #endif
        let urlRequest = Self.urlRequest(request)
        let upload = try Self.uploadFile(request)
        defer { if let upload, upload.isTemporary { try? FileManager.default.removeItem(at: upload.url) } }
        let handle = DataTaskHandle()
        let session = self.session
        let (data, response): (Data, URLResponse) = try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let task = Self.task(in: session, urlRequest, file: upload?.url) { data, response, error in
                    if let error {
                        continuation.resume(throwing: error)
                    } else if let response {
                        continuation.resume(returning: (data ?? Data(), response))
                    } else {
                        continuation.resume(throwing: URLError(.badServerResponse))
                    }
                }
                handle.start(task)
            }
        } onCancel: {
            handle.cancel()
        }
        guard let http = response as? HTTPURLResponse else {
            throw URLError(.badServerResponse)
        }
        let headers = Self.headers(http)
        try Self.checkRedirectBody(statusCode: http.statusCode, headers: headers, body: data)
        return HTTPResponse(statusCode: http.statusCode, headers: headers, body: data)
    }

    /// FoundationNetworking (Linux) never delivers the body of a `301`–`308` response that
    /// has no `Location` (Twilio documents a `307` whose JSON body says where to go): rather
    /// than hand on an empty body as if the server had sent one, this says what happened.
    static func checkRedirectBody(statusCode: Int, headers: HTTPHeaders, body: Data) throws {
        #if canImport(FoundationNetworking)
            guard (301...308).contains(statusCode), body.isEmpty, headers["Location"] == nil,
                let length = headers["Content-Length"].flatMap({ Int($0) }), length > 0
            else { return }
            throw URLError(
                .cannotParseResponse,
                userInfo: [
                    NSLocalizedDescriptionKey:
                        "The \(statusCode) response without a Location header had a \(length)-byte body, which FoundationNetworking (Linux) does not deliver."
                ])
        #endif
    }
}

/// The running data task, so a cancellation that races with its start still cancels it.
private final class DataTaskHandle: @unchecked Sendable {
    private let lock = NSLock()
    private var task: URLSessionDataTask?
    private var isCancelled = false

    func start(_ task: URLSessionDataTask) {
        lock.lock()
        self.task = task
        let cancelled = isCancelled
        lock.unlock()
        if cancelled { task.cancel() }
        task.resume()
    }

    func cancel() {
        lock.lock()
        isCancelled = true
        let task = self.task
        lock.unlock()
        task?.cancel()
    }
}

/// A session with a delegate for streamed requests, created on first use.
private final class StreamingSession: @unchecked Sendable {
    static let shared = StreamingSession(URLSessionTransport.defaultSession.configuration)

    let delegate = StreamingDelegate()
    private let configuration: URLSessionConfiguration
    private let lock = NSLock()
    private var created: URLSession?

    init(_ configuration: URLSessionConfiguration) { self.configuration = configuration }

    var session: URLSession {
        lock.lock()
        defer { lock.unlock() }
        if let created { return created }
        let session = URLSession(configuration: configuration, delegate: delegate, delegateQueue: nil)
        created = session
        return session
    }

    deinit { created?.finishTasksAndInvalidate() }
}

/// Follows redirects within the request's origin only (see `URLSessionTransport`).
private final class SameOriginRedirects: NSObject, URLSessionTaskDelegate, @unchecked Sendable {
    #if canImport(FoundationNetworking)
        func urlSession(
            _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
            newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void
        ) {
            completionHandler(followsRedirect(from: task, to: request) ? request : nil)
        }
    #else
        func urlSession(
            _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
            newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void
        ) {
            completionHandler(followsRedirect(from: task, to: request) ? request : nil)
        }
    #endif
}

/// Whether `task` may follow a redirect to `request`: only to the origin it was sent to.
private func followsRedirect(from task: URLSessionTask, to request: URLRequest) -> Bool {
    guard let original = task.originalRequest?.url, let target = request.url else { return false }
    func port(_ url: URL) -> Int? {
        url.port ?? (url.scheme?.lowercased() == "https" ? 443 : url.scheme?.lowercased() == "http" ? 80 : nil)
    }
    return original.scheme?.lowercased() == target.scheme?.lowercased()
        && original.host?.lowercased() == target.host?.lowercased() && port(original) == port(target)
}

/// Routes a streaming session's callbacks to the exchange of each data task, and follows
/// redirects within the request's origin only, as `SameOriginRedirects` does.
private final class StreamingDelegate: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    private let lock = NSLock()
    private var exchanges: [Int: StreamingExchange] = [:]

    func register(_ exchange: StreamingExchange, for task: URLSessionTask) {
        lock.lock()
        exchanges[task.taskIdentifier] = exchange
        lock.unlock()
    }

    private func exchange(_ task: URLSessionTask, remove: Bool = false) -> StreamingExchange? {
        lock.lock()
        defer { lock.unlock() }
        return remove ? exchanges.removeValue(forKey: task.taskIdentifier) : exchanges[task.taskIdentifier]
    }

    #if canImport(FoundationNetworking)
        func urlSession(
            _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
            completionHandler: @escaping (URLSession.ResponseDisposition) -> Void
        ) {
            exchange(dataTask)?.receivedHead(response)
            completionHandler(.allow)
        }
    #else
        func urlSession(
            _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
            completionHandler: @escaping @Sendable (URLSession.ResponseDisposition) -> Void
        ) {
            exchange(dataTask)?.receivedHead(response)
            completionHandler(.allow)
        }
    #endif

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        exchange(dataTask)?.received(data)
    }

    #if canImport(FoundationNetworking)
        func urlSession(
            _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
            newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void
        ) {
            completionHandler(followsRedirect(from: task, to: request) ? request : nil)
        }
    #else
        func urlSession(
            _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
            newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void
        ) {
            completionHandler(followsRedirect(from: task, to: request) ? request : nil)
        }
    #endif

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        exchange(task, remove: true)?.completed(task.response, error: error)
    }
}

/// One streamed request: the continuation waiting for the head, then the one feeding the body.
private final class StreamingExchange: @unchecked Sendable {
    private let continuation: AsyncThrowingStream<Data, any Error>.Continuation
    private let lock = NSLock()
    private var head: CheckedContinuation<HTTPURLResponse, any Error>?
    private var task: URLSessionDataTask?
    private var isCancelled = false

    /// A temporary upload file to remove when the exchange ends.
    private let temporaryFile: URL?

    init(_ continuation: AsyncThrowingStream<Data, any Error>.Continuation, removingWhenDone temporaryFile: URL?) {
        self.continuation = continuation
        self.temporaryFile = temporaryFile
    }

    func start(
        _ task: URLSessionDataTask, delegate: StreamingDelegate,
        head: CheckedContinuation<HTTPURLResponse, any Error>
    ) {
        lock.lock()
        self.task = task
        self.head = head
        let cancelled = isCancelled
        lock.unlock()
        // The body ending early (dropped, or its consumer gone) ends the exchange.
        continuation.onTermination = { [weak self] termination in
            if case .cancelled = termination { self?.cancel() }
        }
        delegate.register(self, for: task)
        if cancelled { task.cancel() }
        task.resume()
    }

    func cancel() {
        lock.lock()
        isCancelled = true
        let task = self.task
        lock.unlock()
        task?.cancel()
    }

    func receivedHead(_ response: URLResponse) {
        lock.lock()
        let head = self.head
        self.head = nil
        lock.unlock()
        if let http = response as? HTTPURLResponse {
            head?.resume(returning: http)
        } else {
            head?.resume(throwing: URLError(.badServerResponse))
        }
    }

    func received(_ data: Data) { continuation.yield(data) }

    func completed(_ response: URLResponse?, error: (any Error)?) {
        if let temporaryFile { try? FileManager.default.removeItem(at: temporaryFile) }
        if let error {
            failHead(error)
            continuation.finish(throwing: error)
        } else {
            if let response { receivedHead(response) }
            failHead(URLError(.badServerResponse))  // no head at all
            continuation.finish()
        }
    }

    /// Throws `error` to the caller still waiting for the head, if any.
    private func failHead(_ error: any Error) {
        lock.lock()
        let head = self.head
        self.head = nil
        lock.unlock()
        head?.resume(throwing: error)
    }
}
