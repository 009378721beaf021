import Foundation
import OpenAPIGenRuntime
import XCTest

/// ``RequestBuilder/setQueryString(form:encoding:)`` and ``RequestBuilder/setQueryString(json:)``:
/// OpenAPI 3.2's `in: querystring`, one value as the whole query string.
final class QueryStringTests: XCTestCase {
    struct Filter: Codable, Hashable {
        var name: String?
        var limit: Int?
        var tags: [String]?
        var range: [String: Int]?
    }

    private let server = URL(string: "https://api.example.com/v1")!

    private func build(_ configure: (inout RequestBuilder) throws -> Void) throws -> HTTPRequest {
        var builder = RequestBuilder(method: .query, path: "/items/{id}")
        builder.setPathParameter("id", "a1")
        try configure(&builder)
        return try builder.build(serverURL: server)
    }

    func testAFormIsTheWholeQueryStringEncodedLikeAFormBody() throws {
        let filter = Filter(name: "Tom & Jerry", limit: 10, tags: ["x", "y"], range: ["max": 9, "min": 1])
        let request = try build { try $0.setQueryString(form: filter) }
        XCTAssertEqual(
            request.url.absoluteString,
            "https://api.example.com/v1/items/a1?limit=10&name=Tom%20%26%20Jerry&max=9&min=1&tags=x&tags=y")
        XCTAssertEqual(request.method, .query)
        XCTAssertNil(request.body)
        XCTAssertEqual(Array(request.headers.map(\.name)), ["Accept"], "no header is added")

        let styled = try build {
            try $0.setQueryString(
                form: filter,
                encoding: ["tags": FormFieldEncoding(style: .pipeDelimited, explode: false), "range": .deepObject])
        }
        XCTAssertEqual(
            styled.url.query(percentEncoded: true),
            "limit=10&name=Tom%20%26%20Jerry&range%5Bmax%5D=9&range%5Bmin%5D=1&tags=x%7Cy")
    }

    /// Stripe's `status_transitions[canceled][gt]=…`: a `deepObject` parameter whose members
    /// are objects or arrays nests its brackets instead of sending a member as JSON text.
    func testADeepObjectNestsItsBracketsForObjectAndArrayMembers() throws {
        struct Range: Codable {
            var gt: Int?
            var lte: Int?
        }
        struct Transitions: Codable {
            var canceled: Range?
            var paid: Range?
            var ids: [String]?
            var flag: Bool?
        }
        let value = Transitions(
            canceled: Range(gt: 5, lte: nil), paid: Range(gt: 1, lte: 9), ids: ["a", "b&c"], flag: true)
        let request = try build { try $0.addQueryObject("status_transitions", value, style: .deepObject) }
        XCTAssertEqual(
            request.url.query,
            "status_transitions%5Bcanceled%5D%5Bgt%5D=5&status_transitions%5Bflag%5D=true"
                + "&status_transitions%5Bids%5D%5B0%5D=a&status_transitions%5Bids%5D%5B1%5D=b%26c"
                + "&status_transitions%5Bpaid%5D%5Bgt%5D=1&status_transitions%5Bpaid%5D%5Blte%5D=9")
        XCTAssertFalse(request.url.absoluteString.contains("%7B"), "no member is sent as JSON text")
    }

    func testJSONIsThePercentEncodedTextAsTheWholeQueryString() throws {
        let request = try build { try $0.setQueryString(json: Filter(name: "a b", limit: 2)) }
        XCTAssertEqual(request.url.query(percentEncoded: true), "%7B%22limit%22%3A2%2C%22name%22%3A%22a%20b%22%7D")
        XCTAssertEqual(request.url.query(percentEncoded: false), #"{"limit":2,"name":"a b"}"#)
        XCTAssertEqual(request.url.path(percentEncoded: true), "/v1/items/a1")
    }

    func testNoValueCanChangeThePathOrEndTheQuery() throws {
        let hostile = Filter(name: "../../x?y=1#frag\r\nX-Injected: 1", tags: ["a&b=c", "/"])
        for request in [
            try build { try $0.setQueryString(form: hostile) },
            try build { try $0.setQueryString(json: hostile) },
        ] {
            XCTAssertEqual(request.url.path(percentEncoded: true), "/v1/items/a1")
            XCTAssertNil(request.url.fragment)
            XCTAssertEqual(Array(request.headers.map(\.name)), ["Accept"])
            let query = try XCTUnwrap(request.url.query(percentEncoded: true))
            XCTAssertFalse(query.contains(where: { "#?/\r\n []".contains($0) }), query)
        }
        let form = try build { try $0.setQueryString(form: hostile) }
        XCTAssertEqual(
            form.url.query(percentEncoded: true),
            "name=..%2F..%2Fx%3Fy%3D1%23frag%0D%0AX-Injected%3A%201&tags=a%26b%3Dc&tags=%2F")
    }

    func testNilOrAnEmptyFormSendsNoQueryAndCredentialItemsFollow() throws {
        let none = try build { try $0.setQueryString(form: Filter?.none) }
        XCTAssertNil(none.url.query)
        let noJSON = try build { try $0.setQueryString(json: Filter?.none) }
        XCTAssertNil(noJSON.url.query)
        let empty = try build { try $0.setQueryString(form: Filter()) }
        XCTAssertEqual(empty.url.absoluteString, "https://api.example.com/v1/items/a1")
        let withKey = try build {
            try $0.setQueryString(form: Filter(limit: 1))
            $0.addCredentialQueryItem("api_key", "secret")
        }
        XCTAssertEqual(withKey.url.query(percentEncoded: true), "limit=1&api_key=secret")
    }

    func testAFormMustBeAnObject() {
        XCTAssertThrowsError(try build { try $0.setQueryString(form: [1, 2]) }) { error in
            XCTAssertTrue(error is EncodingError, "\(error)")
        }
    }
}
