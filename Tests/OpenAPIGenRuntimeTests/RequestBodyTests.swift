import Foundation
import OpenAPIGenRuntime
import XCTest

final class RequestBodyTests: XCTestCase {
    struct LineItem: Codable, Hashable {
        var price: String
        var quantity: Int
    }

    struct Charge: Codable, Hashable {
        var amount: Int
        var currency: String?
        var capture: Bool?
        var expand: [String]?
        var metadata: [String: String]?
        var tags: [String]?
        var lineItems: [LineItem]?
        var created: Date?
        var note: String?

        enum CodingKeys: String, CodingKey {
            case amount, currency, capture, expand, metadata, tags, created, note
            case lineItems = "line_items"
        }
    }

    private func formBody(_ value: Charge, encoding: [String: FormFieldEncoding] = [:]) throws -> String {
        var builder = RequestBuilder(method: .post, path: "/v1/charges")
        try builder.setFormBody(value, encoding: encoding)
        let request = try builder.build(serverURL: URL(string: "https://api.example.com")!)
        XCTAssertEqual(request.headers["Content-Type"], "application/x-www-form-urlencoded")
        return String(decoding: request.body ?? Data(), as: UTF8.self)
    }

    func testFormBodiesWriteStripeStyleBracketsAndHonourEncodings() throws {
        let charge = Charge(
            amount: 2000, currency: "usd", capture: false, expand: ["customer", "invoice"],
            metadata: ["order": "6735", "note": "a&b=c"], tags: ["x", "y"],
            lineItems: [LineItem(price: "price_1", quantity: 2), LineItem(price: "price_2", quantity: 1)],
            created: Date(timeIntervalSince1970: 0), note: nil)
        let body = try formBody(
            charge,
            encoding: ["expand": .deepObject, "metadata": .deepObject, "tags": FormFieldEncoding(explode: false)])
        XCTAssertEqual(
            body,
            "amount=2000&capture=false&created=1970-01-01T00%3A00%3A00Z&currency=usd&expand[0]=customer&expand[1]=invoice"
                + "&line_items[0][price]=price_1&line_items[0][quantity]=2&line_items[1][price]=price_2"
                + "&line_items[1][quantity]=1&metadata[note]=a%26b%3Dc&metadata[order]=6735&tags=x,y")
    }

    func testFormDefaultsExplodeArraysAndFlattenObjects() throws {
        let body = try formBody(Charge(amount: 1, expand: ["a", "b"], metadata: ["k": "v"]))
        XCTAssertEqual(body, "amount=1&expand=a&expand=b&k=v")
    }

    struct Upload: Codable {
        enum Purpose: String, Codable { case avatar }
        var file: Data
        var purpose: Purpose
        var size: Int
        var labels: [String]
        var meta: [String: Int]
        var caption: String?
    }

    func testMultipartBodiesSendFilesTextAndJSONParts() throws {
        var builder = RequestBuilder(method: .post, path: "/files")
        try builder.setMultipartBody(
            Upload(file: Data([0, 1, 2]), purpose: .avatar, size: 3, labels: ["a", "b"], meta: ["w": 1]))
        let request = try builder.build(serverURL: URL(string: "https://api.example.com")!)
        XCTAssertEqual(request.headers["Content-Type"], "multipart/form-data; boundary=openapi-gen-boundary")
        var expected = Data()
        func add(_ text: String) { expected.append(Data(text.utf8)) }
        add("--openapi-gen-boundary\r\nContent-Disposition: form-data; name=\"file\"; filename=\"file\"\r\n")
        add("Content-Type: application/octet-stream\r\n\r\n")
        expected.append(Data([0, 1, 2]))
        add("\r\n--openapi-gen-boundary\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\navatar\r\n")
        add("--openapi-gen-boundary\r\nContent-Disposition: form-data; name=\"size\"\r\n\r\n3\r\n")
        add("--openapi-gen-boundary\r\nContent-Disposition: form-data; name=\"labels\"\r\n\r\na\r\n")
        add("--openapi-gen-boundary\r\nContent-Disposition: form-data; name=\"labels\"\r\n\r\nb\r\n")
        add("--openapi-gen-boundary\r\nContent-Disposition: form-data; name=\"meta\"\r\n")
        add("Content-Type: application/json\r\n\r\n{\"w\":1}\r\n--openapi-gen-boundary--\r\n")
        XCTAssertEqual(
            String(decoding: request.body ?? Data(), as: UTF8.self), String(decoding: expected, as: UTF8.self))
    }

    struct Transcription: Codable {
        enum Granularity: String, Codable { case word, segment }
        var granularities: [Granularity]
        var sizes: [Int]
        var points: [[String: Int]]

        enum CodingKeys: String, CodingKey {
            case granularities = "timestamp_granularities[]"
            case sizes, points
        }
    }

    /// An array of anything but strings (enums, numbers, objects) is sent as one part per
    /// item with the property's name, as OpenAI's `timestamp_granularities[]`, not as one
    /// JSON part.
    func testMultipartArraysOfNonStringsSendOnePartPerItem() throws {
        var builder = RequestBuilder(method: .post, path: "/audio/transcriptions")
        try builder.setMultipartBody(
            Transcription(granularities: [.word, .segment], sizes: [1, 2], points: [["x": 1], ["y": 2]]))
        let request = try builder.build(serverURL: URL(string: "https://api.example.com")!)
        var expected = ""
        func add(_ name: String, _ value: String, json: Bool = false) {
            expected += "--openapi-gen-boundary\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n"
            if json { expected += "Content-Type: application/json\r\n" }
            expected += "\r\n\(value)\r\n"
        }
        add("timestamp_granularities[]", "word")
        add("timestamp_granularities[]", "segment")
        add("sizes", "1")
        add("sizes", "2")
        add("points", "{\"x\":1}", json: true)
        add("points", "{\"y\":2}", json: true)
        expected += "--openapi-gen-boundary--\r\n"
        XCTAssertEqual(String(decoding: request.body ?? Data(), as: UTF8.self), expected)
    }

    func testTheMultipartBoundaryNeverOccursInAPart() throws {
        var builder = RequestBuilder(method: .post, path: "/files")
        builder.setMultipartBody([MultipartPart(name: "x\"y", body: Data("--openapi-gen-boundary".utf8))])
        let request = try builder.build(serverURL: URL(string: "https://api.example.com")!)
        let contentType = try XCTUnwrap(request.headers["Content-Type"])
        let boundary = String(contentType.dropFirst("multipart/form-data; boundary=".count))
        XCTAssertNotEqual(boundary, "openapi-gen-boundary")
        let text = String(decoding: request.body ?? Data(), as: UTF8.self)
        XCTAssertTrue(text.hasPrefix("--\(boundary)\r\nContent-Disposition: form-data; name=\"x%22y\"\r\n"), text)
        XCTAssertTrue(text.hasSuffix("\r\n--\(boundary)--\r\n"), text)
    }

    func testTextAndByteBodiesKeepTheirContentType() throws {
        var builder = RequestBuilder(method: .post, path: "/notes")
        builder.setTextBody("héllo", contentType: "text/plain")
        var request = try builder.build(serverURL: URL(string: "https://api.example.com")!)
        XCTAssertEqual(request.headers["Content-Type"], "text/plain; charset=utf-8")
        XCTAssertEqual(request.body, Data("héllo".utf8))
        builder.setBody(Data([9, 8]), contentType: "image/png")
        request = try builder.build(serverURL: URL(string: "https://api.example.com")!)
        XCTAssertEqual(request.headers["Content-Type"], "image/png")
        XCTAssertEqual(request.body, Data([9, 8]))
    }
}
