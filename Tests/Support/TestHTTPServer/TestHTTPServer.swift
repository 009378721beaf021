import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A request as it arrived on the wire.
public struct RecordedRequest: Sendable {
    public var method: String
    /// The request target as sent, e.g. `/invitees?x=1`.
    public var target: String
    public var path: String
    /// The raw query string, without `?`.
    public var query: String?
    public var headers: [(name: String, value: String)]
    public var body: Data

    /// The first value of the header `name`, compared case-insensitively.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }
}

/// What the server does with a request.
public enum ServerAction: Sendable {
    case respond(status: Int, headers: [(String, String)] = [], body: Data = Data())
    /// A JSON body with `Content-Type: application/json`.
    case respondJSON(status: Int, json: String, headers: [(String, String)] = [])
    /// Reads the request, then closes the connection without a byte of response.
    case closeWithoutResponse
    /// Sends the head with the full `Content-Length`, then `sendBytes` of the body, then closes.
    case closeMidBody(status: Int, headers: [(String, String)] = [], body: Data, sendBytes: Int)
    /// Reads the request and never answers (until the client gives up or the server stops).
    case hang
    /// Waits, then does the action.
    indirect case delayed(seconds: Double, ServerAction)
    /// Sends the head (`Transfer-Encoding: chunked`), then carries out `steps` in order:
    /// each `.send` goes out at once as one chunk, `.wait` holds the rest back until the test
    /// fires its signal. After the last step the body ends (the zero-size chunk) unless a
    /// step ended the connection.
    case stream(status: Int, headers: [(String, String)] = [], steps: [StreamStep])
}

/// A step of ``ServerAction/stream(status:headers:steps:)``.
public enum StreamStep: Sendable {
    /// Sends these bytes as one chunk of the body.
    case send(Data)
    /// Sends this text as one chunk of the body.
    case sendText(String)
    /// Sends nothing more until the test fires the signal (or the server stops).
    case wait(ServerSignal)
    /// Fires the signal: the bytes of the steps before it have been written to the socket.
    case fire(ServerSignal)
    /// Reads from the connection until the client closes it, then fires the signal and ends
    /// the connection.
    case awaitClientClose(ServerSignal)
    /// Closes the connection without ending the body.
    case dropConnection
}

/// A one-shot signal between a test and the server's connection threads: the test fires
/// it to let a held-back response go on, or the server fires it to say what happened.
public final class ServerSignal: @unchecked Sendable {
    private let condition = NSCondition()
    private var fired = false
    private var waiters: [UUID: CheckedContinuation<Bool, Never>] = [:]

    public init() {}

    public var isFired: Bool {
        condition.lock()
        defer { condition.unlock() }
        return fired
    }

    public func fire() {
        condition.lock()
        fired = true
        let waiters = self.waiters
        self.waiters = [:]
        condition.broadcast()
        condition.unlock()
        for waiter in waiters.values { waiter.resume(returning: true) }
    }

    /// Waits in a task until the signal fires: true, or false once `timeout` seconds have
    /// passed without it (a bound on a failing test, never a means of synchronisation).
    public func wait(timeout: Double = 10) async -> Bool {
        let id = UUID()
        let timer = Task { [self] in
            guard (try? await Task.sleep(for: .seconds(timeout))) != nil else { return }
            removeWaiter(id)?.resume(returning: false)
        }
        defer { timer.cancel() }
        return await withCheckedContinuation { addWaiter(id, $0) }
    }

    private func removeWaiter(_ id: UUID) -> CheckedContinuation<Bool, Never>? {
        condition.lock()
        defer { condition.unlock() }
        return waiters.removeValue(forKey: id)
    }

    private func addWaiter(_ id: UUID, _ continuation: CheckedContinuation<Bool, Never>) {
        condition.lock()
        if fired {
            condition.unlock()
            continuation.resume(returning: true)
        } else {
            waiters[id] = continuation
            condition.unlock()
        }
    }

    /// Blocks the calling thread until the signal fires or `stopped()` says to give up.
    func block(while running: () -> Bool) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while !fired {
            guard running() else { return false }
            _ = condition.wait(until: Date().addingTimeInterval(0.05))
        }
        return true
    }
}

/// A real HTTP/1.1 server on 127.0.0.1 with an OS-chosen port, for end-to-end tests.
/// Each connection is served on its own thread; keep-alive is supported; every request
/// is recorded so tests can count how often it was sent.
public final class TestHTTPServer: @unchecked Sendable {
    public let port: Int
    public var baseURL: URL { URL(string: "http://127.0.0.1:\(port)")! }

    private let listener: Int32
    private let handler: @Sendable (RecordedRequest) -> ServerAction
    private let lock = NSLock()
    private var log: [RecordedRequest] = []
    private var openConnections: Set<Int32> = []
    private var isStopped = false
    private let running = DispatchGroup()

    public init(handler: @escaping @Sendable (RecordedRequest) -> ServerAction) throws {
        signal(SIGPIPE, SIG_IGN)
        self.handler = handler
        #if canImport(Glibc)
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
            let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw ServerError.system("socket", errno) }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(0).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(fd, 128) == 0 else {
            let code = errno
            close(fd)
            throw ServerError.system("bind/listen", code)
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        listener = fd
        port = Int(UInt16(bigEndian: address.sin_port))
        running.enter()
        Thread.detachNewThread { [self] in
            acceptLoop()
            running.leave()
        }
    }

    deinit { stop() }

    /// Every request received so far, in arrival order.
    public var requests: [RecordedRequest] {
        lock.lock()
        defer { lock.unlock() }
        return log
    }

    public func requestCount(path: String) -> Int { requests.filter { $0.path == path }.count }

    /// Stops accepting, ends every open connection and waits for the server's threads.
    public func stop() {
        lock.lock()
        if isStopped {
            lock.unlock()
            return
        }
        isStopped = true
        for fd in openConnections { shutdown(fd, Int32(SHUT_RDWR)) }
        lock.unlock()
        _ = running.wait(timeout: .now() + 10)
        close(listener)
    }

    private var stopped: Bool {
        lock.lock()
        defer { lock.unlock() }
        return isStopped
    }

    private func acceptLoop() {
        while !stopped {
            var descriptor = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
            guard poll(&descriptor, 1, 50) > 0 else { continue }
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else { continue }
            lock.lock()
            if isStopped {
                lock.unlock()
                close(connection)
                return
            }
            openConnections.insert(connection)
            running.enter()
            lock.unlock()
            Thread.detachNewThread { [self] in
                serve(connection)
                lock.lock()
                openConnections.remove(connection)
                lock.unlock()
                close(connection)
                running.leave()
            }
        }
    }

    // MARK: One connection

    private func serve(_ fd: Int32) {
        var reader = Reader(fd: fd)
        while let request = reader.readRequest() {
            lock.lock()
            log.append(request)
            lock.unlock()
            let keepOpen = perform(handler(request), on: fd, reader: &reader)
            if !keepOpen || request.header("Connection")?.lowercased() == "close" { return }
        }
    }

    /// Carries out `action`; returns whether the connection stays open.
    private func perform(_ action: ServerAction, on fd: Int32, reader: inout Reader) -> Bool {
        switch action {
        case .respond(let status, let headers, let body):
            return write(fd, head(status, headers, contentLength: body.count) + body)
        case .respondJSON(let status, let json, let headers):
            let body = Data(json.utf8)
            return write(
                fd, head(status, [("Content-Type", "application/json")] + headers, contentLength: body.count) + body)
        case .closeWithoutResponse:
            return false
        case .closeMidBody(let status, let headers, let body, let sendBytes):
            _ = write(fd, head(status, headers, contentLength: body.count) + body.prefix(sendBytes))
            return false
        case .hang:
            reader.drainUntilClosed()
            return false
        case .stream(let status, let headers, let steps):
            var text = "HTTP/1.1 \(status) \(Self.reason(status))\r\n"
            for (name, value) in headers { text += "\(name): \(value)\r\n" }
            text += "Transfer-Encoding: chunked\r\n\r\n"
            guard write(fd, Data(text.utf8)) else { return false }
            func chunk(_ data: Data) -> Bool {
                data.isEmpty
                    || write(fd, Data((String(data.count, radix: 16) + "\r\n").utf8) + data + Data("\r\n".utf8))
            }
            for step in steps {
                switch step {
                case .send(let data):
                    guard chunk(data) else { return false }
                case .sendText(let text):
                    guard chunk(Data(text.utf8)) else { return false }
                case .wait(let signal):
                    guard signal.block(while: { !stopped }) else { return false }
                case .fire(let signal):
                    signal.fire()
                case .awaitClientClose(let signal):
                    if reader.awaitClose(while: { !stopped }) { signal.fire() }
                    return false
                case .dropConnection:
                    return false
                }
            }
            return write(fd, Data("0\r\n\r\n".utf8))
        case .delayed(let seconds, let next):
            let deadline = Date().addingTimeInterval(seconds)
            while Date() < deadline {
                if stopped { return false }
                usleep(10_000)
            }
            return perform(next, on: fd, reader: &reader)
        }
    }

    private func head(_ status: Int, _ headers: [(String, String)], contentLength: Int) -> Data {
        var text = "HTTP/1.1 \(status) \(Self.reason(status))\r\n"
        for (name, value) in headers { text += "\(name): \(value)\r\n" }
        text += "Content-Length: \(contentLength)\r\n\r\n"
        return Data(text.utf8)
    }

    private func write(_ fd: Int32, _ data: Data) -> Bool {
        data.withUnsafeBytes { buffer -> Bool in
            var offset = 0
            while offset < buffer.count {
                #if canImport(Glibc)
                    let sent = send(fd, buffer.baseAddress! + offset, buffer.count - offset, Int32(MSG_NOSIGNAL))
                #else
                    let sent = send(fd, buffer.baseAddress! + offset, buffer.count - offset, 0)
                #endif
                if sent <= 0 { return false }
                offset += sent
            }
            return true
        }
    }

    static func reason(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 201: "Created"
        case 204: "No Content"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 418: "I'm a teapot"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        case 504: "Gateway Timeout"
        default: "Status \(status)"
        }
    }
}

public enum ServerError: Error, CustomStringConvertible {
    case system(String, Int32)
    public var description: String {
        switch self {
        case .system(let call, let code): "\(call) failed: \(String(cString: strerror(code)))"
        }
    }
}

/// Buffered reads of HTTP/1.1 requests from a socket.
private struct Reader {
    let fd: Int32
    private var buffer: [UInt8] = []

    init(fd: Int32) { self.fd = fd }

    /// Reads more bytes; false at end of stream or on error.
    private mutating func fill() -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65_536)
        let count = recv(fd, &chunk, chunk.count, 0)
        guard count > 0 else { return false }
        buffer += chunk[0..<count]
        return true
    }

    /// Reads (and drops) what arrives until the peer closes the connection: true, or false
    /// when `running()` turns false first.
    mutating func awaitClose(while running: () -> Bool) -> Bool {
        while running() {
            var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&descriptor, 1, 50) > 0 else { continue }
            var chunk = [UInt8](repeating: 0, count: 4096)
            if recv(fd, &chunk, chunk.count, 0) <= 0 { return true }
        }
        return false
    }

    mutating func drainUntilClosed() {
        while fill() { buffer.removeAll() }
    }

    private mutating func readLine() -> String? {
        while true {
            if let end = firstCRLF() {
                let line = String(decoding: buffer[0..<end], as: UTF8.self)
                buffer.removeFirst(end + 2)
                return line
            }
            guard buffer.count < 1 << 20, fill() else { return nil }
        }
    }

    private func firstCRLF() -> Int? {
        guard buffer.count >= 2 else { return nil }
        for index in 0..<(buffer.count - 1) where buffer[index] == 13 && buffer[index + 1] == 10 { return index }
        return nil
    }

    private mutating func readBytes(_ count: Int) -> [UInt8]? {
        while buffer.count < count { guard fill() else { return nil } }
        let bytes = Array(buffer[0..<count])
        buffer.removeFirst(count)
        return bytes
    }

    mutating func readRequest() -> RecordedRequest? {
        guard let requestLine = readLine(), !requestLine.isEmpty else { return nil }
        let parts = requestLine.split(separator: " ")
        guard parts.count == 3 else { return nil }
        var headers: [(name: String, value: String)] = []
        while let line = readLine() {
            if line.isEmpty { break }
            guard let colon = line.firstIndex(of: ":") else { return nil }
            headers.append(
                (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
        }
        func header(_ name: String) -> String? {
            headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
        }
        var body: [UInt8] = []
        if header("Transfer-Encoding")?.lowercased() == "chunked" {
            while let sizeLine = readLine(), let size = Int(sizeLine.split(separator: ";")[0], radix: 16) {
                if size == 0 {
                    while let trailer = readLine(), !trailer.isEmpty {}
                    break
                }
                guard let chunk = readBytes(size), readLine() != nil else { return nil }
                body += chunk
            }
        } else if let length = header("Content-Length").flatMap({ Int($0) }), length > 0 {
            guard let bytes = readBytes(length) else { return nil }
            body = bytes
        }
        let target = String(parts[1])
        let split = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        return RecordedRequest(
            method: String(parts[0]), target: target, path: String(split[0]),
            query: split.count > 1 ? String(split[1]) : nil, headers: headers, body: Data(body))
    }
}
