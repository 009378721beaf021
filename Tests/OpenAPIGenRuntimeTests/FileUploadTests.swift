import Foundation
import OpenAPIGenRuntime
import TestHTTPServer
import XCTest

/// Request bodies read from files while they are sent: multipart uploads with a file part
/// and raw file bodies, over ``URLSessionTransport`` and through the in-memory fallback.
final class FileUploadTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("upload-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    /// A file of `count` pseudo-random bytes (never a run of boundary text).
    private func file(_ name: String, count: Int) throws -> (URL, Data) {
        var generator = SystemRandomNumberGenerator()
        var bytes = [UInt8](repeating: 0, count: count)
        for index in bytes.indices { bytes[index] = UInt8.random(in: 0...255, using: &generator) }
        let url = directory.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return (url, Data(bytes))
    }

    /// The multipart body `parts` make with `boundary`, built by hand.
    private func expectedMultipart(_ parts: [(headers: String, body: Data)], boundary: String) -> Data {
        var data = Data()
        for part in parts {
            data.append(Data("--\(boundary)\r\n\(part.headers)\r\n\r\n".utf8))
            data.append(part.body)
            data.append(Data("\r\n".utf8))
        }
        data.append(Data("--\(boundary)--\r\n".utf8))
        return data
    }

    private func uploadsInTemporaryDirectory() throws -> Int {
        try FileManager.default.contentsOfDirectory(atPath: FileManager.default.temporaryDirectory.path)
            .filter { $0.hasPrefix("openapi-gen-upload-") }.count
    }

    func testAMultipartUploadWithAFilePartIsSentFromTheFile() async throws {
        let (url, contents) = try file("photo.bin", count: 3 << 20 + 12_345)
        let server = try TestHTTPServer { _ in .respondJSON(status: 201, json: "{}") }
        defer { server.stop() }
        let recorder = RequestRecorder()
        let core = ClientCore(
            serverURL: server.baseURL, transport: URLSessionTransport(), middlewares: [recorder],
            configuration: ClientConfiguration(timeout: 60, retryPolicy: .disabled))
        var builder = RequestBuilder(method: .post, path: "/photos")
        builder.setMultipartBody([
            MultipartPart(name: "title", body: Data("Sunset".utf8)),
            MultipartPart(name: "photo", file: url, contentType: "image/jpeg"),
            MultipartPart(name: "note", contentType: "text/plain", body: Data("after".utf8)),
        ])
        XCTAssertNil(builder.body, "the file is not read into memory when the body is set")
        let uploadsBefore = try uploadsInTemporaryDirectory()

        let response = try await core.send(builder, operationID: "uploadPhoto")

        XCTAssertEqual(response.statusCode, 201)
        XCTAssertEqual(recorder.bodies, [nil], "middlewares see no in-memory body: the transport reads the file")
        XCTAssertEqual(recorder.streamed, [true])
        let recorded = try XCTUnwrap(server.requests.first)
        let contentType = try XCTUnwrap(recorded.header("Content-Type"))
        XCTAssertTrue(contentType.hasPrefix("multipart/form-data; boundary=openapi-gen-boundary-"), contentType)
        let boundary = String(contentType.dropFirst("multipart/form-data; boundary=".count))
        let expected = expectedMultipart(
            [
                (#"Content-Disposition: form-data; name="title""#, Data("Sunset".utf8)),
                (
                    "Content-Disposition: form-data; name=\"photo\"; filename=\"photo.bin\"\r\nContent-Type: image/jpeg",
                    contents
                ),
                ("Content-Disposition: form-data; name=\"note\"\r\nContent-Type: text/plain", Data("after".utf8)),
            ], boundary: boundary)
        XCTAssertEqual(recorded.body.count, expected.count)
        XCTAssertTrue(recorded.body == expected, "the server receives the parts with the file's bytes exactly")
        XCTAssertEqual(try uploadsInTemporaryDirectory(), uploadsBefore, "the temporary upload file is removed")
    }

    func testARawFileBodyIsSentAsItIs() async throws {
        let (url, contents) = try file("archive.tar", count: 200_000)
        let server = try TestHTTPServer { _ in .respond(status: 204) }
        defer { server.stop() }
        let core = ClientCore(serverURL: server.baseURL, transport: URLSessionTransport(), middlewares: [])
        var builder = RequestBuilder(method: .put, path: "/archive")
        builder.setBody(file: url, contentType: "application/x-tar")
        let response = try await core.send(builder, operationID: "putArchive")
        XCTAssertEqual(response.statusCode, 204)
        XCTAssertEqual(server.requests.first?.header("Content-Type"), "application/x-tar")
        XCTAssertTrue(server.requests.first?.body == contents)
        XCTAssertTrue(FileManager.default.fileExists(atPath: url.path), "the caller's file is left alone")
    }

    func testAStreamedCallCanUploadAFile() async throws {
        let (url, contents) = try file("input.jsonl", count: 70_000)
        let server = try TestHTTPServer { request in
            .stream(
                status: 200, headers: [("Content-Type", "application/x-ndjson")],
                steps: [.sendText("{\"received\":\(request.body.count)}\n")])
        }
        defer { server.stop() }
        let core = ClientCore(serverURL: server.baseURL, transport: URLSessionTransport(), middlewares: [])
        var builder = RequestBuilder(method: .post, path: "/batches")
        builder.setMultipartBody([MultipartPart(name: "file", file: url)])
        let uploadsBefore = try uploadsInTemporaryDirectory()
        let response = try await core.sendStreaming(builder, operationID: "createBatch")
        struct Receipt: Decodable, Sendable { var received: Int }
        var receipts: [Int] = []
        for try await receipt in core.jsonLines(of: Receipt.self, from: response, operationID: "createBatch") {
            receipts.append(receipt.received)
        }
        let body = try XCTUnwrap(server.requests.first?.body)
        XCTAssertEqual(receipts, [body.count])
        XCTAssertNotNil(body.range(of: contents))
        XCTAssertEqual(try uploadsInTemporaryDirectory(), uploadsBefore)
    }

    func testATransportThatCannotStreamGetsTheBodyInMemory() async throws {
        let (url, contents) = try file("small.bin", count: 1000)
        let transport = CapturingTransport()
        let core = ClientCore(
            serverURL: URL(string: "https://api.example.com")!, transport: transport, middlewares: [])
        var builder = RequestBuilder(method: .post, path: "/files")
        builder.setMultipartBody([MultipartPart(name: "file", file: url, filename: "a.bin")])
        _ = try await core.send(builder, operationID: "upload")
        let request = try XCTUnwrap(transport.requests.first)
        XCTAssertNil(request.streamedBody)
        let body = try XCTUnwrap(request.body)
        let boundary = String(
            try XCTUnwrap(request.headers["Content-Type"]).dropFirst("multipart/form-data; boundary=".count))
        XCTAssertEqual(
            body,
            expectedMultipart(
                [
                    (
                        "Content-Disposition: form-data; name=\"file\"; filename=\"a.bin\"\r\nContent-Type: application/octet-stream",
                        contents
                    )
                ],
                boundary: boundary))
    }

    func testAMissingFileThrowsBeforeAnythingIsSent() async throws {
        let server = try TestHTTPServer { _ in .respond(status: 204) }
        defer { server.stop() }
        let core = ClientCore(serverURL: server.baseURL, transport: URLSessionTransport(), middlewares: [])
        var builder = RequestBuilder(method: .put, path: "/archive")
        builder.setBody(file: directory.appendingPathComponent("missing"), contentType: "application/octet-stream")
        do {
            _ = try await core.send(builder, operationID: "putArchive")
            XCTFail("a missing file must throw")
        } catch {
            XCTAssertFalse(error is TransportError, "not a transport failure: \(error)")
        }
        XCTAssertEqual(server.requests.count, 0)
    }

    func testTheStreamedBodyPiecesInOrder() throws {
        let (url, contents) = try file("piece", count: 150_000)
        let body = StreamedRequestBody(segments: [
            .data(Data("head".utf8)), .file(url), .data(Data()), .data(Data("tail".utf8)),
        ])
        XCTAssertEqual(try body.length(), 150_008)
        XCTAssertEqual(try body.collect(), Data("head".utf8) + contents + Data("tail".utf8))
        let copy = directory.appendingPathComponent("copy")
        try body.write(to: copy)
        XCTAssertEqual(try Data(contentsOf: copy), Data("head".utf8) + contents + Data("tail".utf8))
        XCTAssertThrowsError(try StreamedRequestBody(segments: [.file(directory)]).length(), "a directory is no file")
    }

    /// The body a generated multipart struct encodes: `MultipartFile` properties (one file on
    /// disk, files in memory, an array, an optional left out) as file parts.
    func testMultipartFilePropertiesOfAnEncodableBody() throws {
        struct Upload: Encodable {
            var title: String
            var main: MultipartFile
            var extras: [MultipartFile]
            var preview: MultipartFile?
            var legacy: Data
        }
        let (url, contents) = try file("main.mov", count: 100_000)
        var builder = RequestBuilder(method: .post, path: "/uploads")
        try builder.setMultipartBody(
            Upload(
                title: "t", main: MultipartFile(file: url, contentType: "video/quicktime"),
                extras: [MultipartFile(Data("e1".utf8)), .data(Data("e2".utf8))], preview: nil,
                legacy: Data("old".utf8)))
        XCTAssertNil(builder.body, "the file is not read when the body is set")
        let streamed = try XCTUnwrap(builder.streamedBody)
        XCTAssertEqual(streamed.segments.filter { if case .file = $0 { true } else { false } }, [.file(url)])
        let boundary = String(
            try XCTUnwrap(builder.headers["Content-Type"]).dropFirst("multipart/form-data; boundary=".count))
        XCTAssertEqual(
            try streamed.collect(),
            expectedMultipart(
                [
                    (#"Content-Disposition: form-data; name="title""#, Data("t".utf8)),
                    (
                        "Content-Disposition: form-data; name=\"main\"; filename=\"main.mov\"\r\nContent-Type: video/quicktime",
                        contents
                    ),
                    (
                        "Content-Disposition: form-data; name=\"extras\"; filename=\"extras\"\r\nContent-Type: application/octet-stream",
                        Data("e1".utf8)
                    ),
                    (
                        "Content-Disposition: form-data; name=\"extras\"; filename=\"extras\"\r\nContent-Type: application/octet-stream",
                        Data("e2".utf8)
                    ),
                    (
                        "Content-Disposition: form-data; name=\"legacy\"; filename=\"legacy\"\r\nContent-Type: application/octet-stream",
                        Data("old".utf8)
                    ),
                ], boundary: boundary))
    }

    /// As JSON (a schema a JSON body or response shares with a multipart one) a file is its
    /// bytes, as `Data` is.
    func testAMultipartFileInJSONIsItsBytes() throws {
        let (url, contents) = try file("small.bin", count: 300)
        let encoder = JSONEncoder()
        XCTAssertEqual(
            try encoder.encode([MultipartFile(Data("hi".utf8))]), try encoder.encode([Data("hi".utf8)]))
        XCTAssertEqual(try encoder.encode([MultipartFile(file: url)]), try encoder.encode([contents]))
        let decoded = try JSONDecoder().decode([MultipartFile].self, from: try encoder.encode([contents]))
        XCTAssertEqual(decoded, [MultipartFile(contents)])
        XCTAssertEqual(MultipartFile.files([Data("a".utf8)]), [MultipartFile(Data("a".utf8))])
    }

    func testSettingAnotherBodyDropsTheStreamedOne() throws {
        var builder = RequestBuilder(method: .post, path: "/x")
        builder.setBody(file: URL(fileURLWithPath: "/dev/null"), contentType: "application/octet-stream")
        XCTAssertNotNil(builder.streamedBody)
        try builder.setJSONBody(["a": 1])
        XCTAssertNil(builder.streamedBody)
        XCTAssertNotNil(builder.body)
        builder.setMultipartBody([MultipartPart(name: "a", body: Data("1".utf8))])
        XCTAssertNil(builder.streamedBody)
        XCTAssertTrue(builder.headers["Content-Type"]?.hasSuffix("boundary=openapi-gen-boundary") == true)
    }
}

/// Records what the middleware chain sees of each request's body.
private final class RequestRecorder: ClientMiddleware, @unchecked Sendable {
    private let lock = NSLock()
    private var seen: [(body: Data?, streamed: Bool)] = []

    var bodies: [Data?] { lock.withLock { seen.map(\.body) } }
    var streamed: [Bool] { lock.withLock { seen.map(\.streamed) } }

    func intercept(
        _ request: HTTPRequest, operationID: String, next: @Sendable (HTTPRequest) async throws -> HTTPResponse
    ) async throws -> HTTPResponse {
        lock.withLock { seen.append((request.body, request.streamedBody != nil)) }
        return try await next(request)
    }
}

/// Keeps the requests it is given; answers 200.
private final class CapturingTransport: HTTPTransport, @unchecked Sendable {
    private let lock = NSLock()
    private var log: [HTTPRequest] = []

    var requests: [HTTPRequest] { lock.withLock { log } }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        lock.withLock { log.append(request) }
        return HTTPResponse(statusCode: 200)
    }
}
