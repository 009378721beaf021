import Foundation
import PetShopSDK
import TestHTTPServer
import XCTest

/// A generated multipart body's file property (`format: binary`, a `MultipartFile`) given a
/// file on disk: the upload is sent from the file, over HTTP, and arrives byte for byte.
final class FileUploadEndToEndTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("petshop-upload-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    /// `count` pseudo-random bytes written to `name`.
    private func file(_ name: String, count: Int) throws -> (URL, Data) {
        var generator = SystemRandomNumberGenerator()
        let words = (0..<(count + 7) / 8).map { _ in generator.next() as UInt64 }
        let data = words.withUnsafeBytes { Data($0.prefix(count)) }
        let url = directory.appendingPathComponent(name)
        try data.write(to: url)
        return (url, data)
    }

    private static let photoID = UUID(uuidString: "7C9E6679-7425-40DE-944B-E07FC1F90AE7")!

    func testAFileOnDiskIsUploadedStreamedAndArrivesExactly() async throws {
        let (url, contents) = try file("holiday.png", count: 5 << 20 + 4_321)  // 5 MiB and some
        let server = try TestHTTPServer { _ in .respond(status: 204) }
        defer { server.stop() }
        let recorder = BodyRecorder()
        let client = PetShopClient(
            serverURL: server.baseURL, basicAuth: (username: "ann", password: "pw"), middlewares: [recorder])

        let body = UploadPhotoRequest(file: MultipartFile(file: url, contentType: "image/png"), caption: "beach")
        try await client.uploadPhoto(id: Self.photoID, body: body)

        XCTAssertEqual(recorder.seen.count, 1)
        let sent = try XCTUnwrap(recorder.seen.first)
        XCTAssertNil(sent.body, "the request holds no in-memory body")
        XCTAssertEqual(
            sent.fileSegments, [url], "the request body reads the file itself while it is sent (not a copy in memory)")
        XCTAssertLessThan(sent.inMemoryBytes, 1_024, "only the parts' heads and the caption are in memory")

        let received = try XCTUnwrap(server.requests.first)
        XCTAssertEqual(received.path, "/pets/7c9e6679-7425-40de-944b-e07fc1f90ae7/photo")
        XCTAssertEqual(received.header("Authorization"), "Basic " + Data("ann:pw".utf8).base64EncodedString())
        let contentType = try XCTUnwrap(received.header("Content-Type"))
        XCTAssertTrue(contentType.hasPrefix("multipart/form-data; boundary="), contentType)
        let boundary = String(contentType.dropFirst("multipart/form-data; boundary=".count))
        var expected = Data()
        expected.append(Data("--\(boundary)\r\n".utf8))
        expected.append(
            Data(
                "Content-Disposition: form-data; name=\"file\"; filename=\"holiday.png\"\r\nContent-Type: image/png\r\n\r\n"
                    .utf8))
        expected.append(contents)
        expected.append(Data("\r\n--\(boundary)\r\n".utf8))
        expected.append(Data("Content-Disposition: form-data; name=\"caption\"\r\n\r\nbeach\r\n".utf8))
        expected.append(Data("--\(boundary)--\r\n".utf8))
        XCTAssertEqual(received.body.count, expected.count)
        XCTAssertTrue(received.body == expected, "the server receives the parts byte for byte")
    }

    func testBytesInMemoryStillWorkAndAMissingFileSendsNothing() async throws {
        let server = try TestHTTPServer { _ in .respond(status: 204) }
        defer { server.stop() }
        let client = PetShopClient(serverURL: server.baseURL, basicAuth: (username: "ann", password: "pw"))
        // `Data`, as before files could come from disk, and a `MultipartFile` with a filename.
        try await client.uploadPhoto(id: Self.photoID, body: UploadPhotoRequest(file: Data("abc".utf8)))
        try await client.uploadPhoto(
            id: Self.photoID,
            body: UploadPhotoRequest(
                file: MultipartFile(Data("xyz".utf8), filename: "x.txt", contentType: "text/plain")))
        XCTAssertEqual(server.requests.count, 2)
        XCTAssertNotNil(
            server.requests[0].body.range(
                of: Data("name=\"file\"; filename=\"file\"\r\nContent-Type: image/png\r\n\r\nabc\r\n".utf8)),
            "a file with no content type of its own is sent as the spec's encoding object says")
        XCTAssertNotNil(
            server.requests[1].body.range(
                of: Data("name=\"file\"; filename=\"x.txt\"\r\nContent-Type: text/plain\r\n\r\nxyz\r\n".utf8)))

        let missing = directory.appendingPathComponent("nowhere.png")
        do {
            try await client.uploadPhoto(id: Self.photoID, body: UploadPhotoRequest(file: MultipartFile(file: missing)))
            XCTFail("a file that cannot be read throws")
        } catch {
            XCTAssertTrue("\(error)".contains("nowhere.png"), "\(error)")
        }
        XCTAssertEqual(server.requests.count, 2, "nothing is sent when the file cannot be read")
    }

    /// A file with no content type of its own is sent as the spec says: `file` as the first
    /// type of its multipart `encoding` (`image/png, image/jpeg`), `thumbnail` (OpenAPI 3.1's
    /// `contentMediaType: image/jpeg`, a `MultipartFile` too) as its media type; one the
    /// caller gives wins.
    func testThePartContentTypesComeFromTheSpecUnlessTheCallerGivesOne() async throws {
        let (url, contents) = try file("scan", count: 70_000)
        let server = try TestHTTPServer { _ in .respond(status: 204) }
        defer { server.stop() }
        let client = PetShopClient(serverURL: server.baseURL, basicAuth: (username: "ann", password: "pw"))
        try await client.uploadPhoto(
            id: Self.photoID,
            body: UploadPhotoRequest(
                file: MultipartFile(file: url), caption: "c", thumbnail: MultipartFile(Data("jpg".utf8))))
        try await client.uploadPhoto(
            id: Self.photoID,
            body: UploadPhotoRequest(
                file: MultipartFile(file: url, contentType: "image/webp"),
                thumbnail: MultipartFile(Data("gif".utf8), filename: "t.gif", contentType: "image/gif")))

        XCTAssertEqual(server.requests.count, 2)
        let first = server.requests[0].body
        XCTAssertNotNil(
            first.range(
                of: Data("name=\"file\"; filename=\"scan\"\r\nContent-Type: image/png\r\n\r\n".utf8) + contents))
        XCTAssertNotNil(
            first.range(
                of: Data("name=\"thumbnail\"; filename=\"thumbnail\"\r\nContent-Type: image/jpeg\r\n\r\njpg".utf8)))
        let second = server.requests[1].body
        XCTAssertNotNil(
            second.range(
                of: Data("name=\"file\"; filename=\"scan\"\r\nContent-Type: image/webp\r\n\r\n".utf8) + contents))
        XCTAssertNotNil(
            second.range(of: Data("name=\"thumbnail\"; filename=\"t.gif\"\r\nContent-Type: image/gif\r\n\r\ngif".utf8)))
        XCTAssertNil(second.range(of: Data("image/png".utf8)))
    }

    /// The README's upload example.
    func testTheREADMEUploadExample() async throws {
        let (photoURL, contents) = try file("holiday.png", count: 200_000)
        let server = try TestHTTPServer { _ in .respond(status: 204) }
        defer { server.stop() }
        let client = PetShopClient(serverURL: server.baseURL, basicAuth: (username: "ann", password: "pw"))
        let id = Self.photoID
        // README upload: begin
        let photo = MultipartFile(file: photoURL, contentType: "image/png")  // read while it is sent
        try await client.uploadPhoto(id: id, body: UploadPhotoRequest(file: photo, caption: "beach"))
        // README upload: end
        XCTAssertNotNil(server.requests.first?.body.range(of: contents))
        let source = try String(contentsOf: URL(fileURLWithPath: #filePath), encoding: .utf8)
        let example = source.components(separatedBy: "// README upload: begin\n")[1]
            .components(separatedBy: "        // README upload: end")[0]
            .split(separator: "\n").map { String($0.dropFirst(8)) }.joined(separator: "\n")
        let readme = try String(
            contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
                .appendingPathComponent("../../README.md"),
            encoding: .utf8)
        XCTAssertTrue(readme.contains(example), "the README shows this example:\n\(example)")
    }
}

/// What middlewares see of each request's body.
private final class BodyRecorder: ClientMiddleware, @unchecked Sendable {
    struct Seen {
        var body: Data?
        var fileSegments: [URL]
        var inMemoryBytes: Int
    }
    private let lock = NSLock()
    private var log: [Seen] = []
    var seen: [Seen] { lock.withLock { log } }

    func intercept(
        _ request: HTTPRequest, operationID: String, next: @Sendable (HTTPRequest) async throws -> HTTPResponse
    ) async throws -> HTTPResponse {
        var files: [URL] = []
        var bytes = 0
        for segment in request.streamedBody?.segments ?? [] {
            switch segment {
            case .file(let url): files.append(url)
            case .data(let data): bytes += data.count
            }
        }
        lock.withLock { log.append(Seen(body: request.body, fileSegments: files, inMemoryBytes: bytes)) }
        return try await next(request)
    }
}
