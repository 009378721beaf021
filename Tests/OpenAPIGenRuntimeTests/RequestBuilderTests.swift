import Foundation
import OpenAPIGenRuntime
import XCTest

final class RequestBuilderTests: XCTestCase {
    func testPathParametersArePercentEncodedSoTheyCannotChangeThePath() throws {
        var builder = RequestBuilder(method: .get, path: "/users/{id}/events")
        builder.setPathParameter("id", "../admin?x=1#frag/é")
        let request = try builder.build(serverURL: URL(string: "https://api.example.com/v2/")!)
        XCTAssertEqual(
            request.url.absoluteString, "https://api.example.com/v2/users/..%2Fadmin%3Fx%3D1%23frag%2F%C3%A9/events")
    }

    func testQueryParametersCannotAddParameters() throws {
        var builder = RequestBuilder(method: .get, path: "/search")
        builder.addQueryParameter("q", "a&admin=true")
        builder.addQueryParameter("limit", 10)
        builder.addQueryParameter("missing", Optional<String>.none)
        builder.addQueryParameter("tags", ["x", "y z"])
        builder.addQueryParameter("ids", [1, 2], explode: false)
        let request = try builder.build(serverURL: URL(string: "http://127.0.0.1:8080")!)
        XCTAssertEqual(
            request.url.absoluteString,
            "http://127.0.0.1:8080/search?q=a%26admin%3Dtrue&limit=10&tags=x&tags=y%20z&ids=1,2")
    }

    func testQueryStylesKeepValuesApartFromDelimiters() throws {
        var builder = RequestBuilder(method: .get, path: "/s")
        builder.addQueryParameter("form", ["a,b", "c"], style: .form, explode: false)
        builder.addQueryParameter("space", ["a b", "c"], style: .spaceDelimited, explode: false)
        builder.addQueryParameter("pipe", ["a|b", "c"], style: .pipeDelimited, explode: false)
        builder.addQueryParameter("filter", ["status": "active", "x]&y": "1"], style: .deepObject)
        builder.addQueryParameter("flat", ["k": 1], style: .form, explode: true)
        let request = try builder.build(serverURL: URL(string: "https://x.test")!)
        XCTAssertEqual(
            request.url.query,
            "form=a%2Cb,c&space=a%20b%20c&pipe=a%7Cb%7Cc&filter%5Bstatus%5D=active&filter%5Bx%5D%26y%5D=1&k=1")
    }

    func testMissingPathParameterIsAnError() {
        let builder = RequestBuilder(method: .get, path: "/users/{id}")
        XCTAssertThrowsError(try builder.build(serverURL: URL(string: "https://x.test")!)) { error in
            XCTAssertEqual("\(error)", "no value for the path parameter 'id'")
        }
    }

    func testJSONBodySetsContentTypeAndAccept() throws {
        var builder = RequestBuilder(method: .post, path: "/things")
        try builder.setJSONBody(["when": Date(timeIntervalSince1970: 0)])
        let request = try builder.build(serverURL: URL(string: "https://x.test")!)
        XCTAssertEqual(request.headers["content-type"], "application/json")
        XCTAssertEqual(request.headers["Accept"], "application/json")
        XCTAssertEqual(
            String(decoding: try XCTUnwrap(request.body), as: UTF8.self), #"{"when":"1970-01-01T00:00:00Z"}"#)
    }

    func testBearerMiddlewareNeverShowsTheToken() async throws {
        let middleware = BearerTokenMiddleware(token: "secret-token-123")
        XCTAssertFalse(String(describing: middleware).contains("secret-token-123"))
        XCTAssertFalse(String(reflecting: middleware).contains("secret-token-123"))
        var dumped = ""
        dump(middleware, to: &dumped)
        XCTAssertFalse(dumped.contains("secret-token-123"))
        let request = HTTPRequest(method: .get, url: URL(string: "https://x.test")!)
        let response = try await middleware.intercept(request, operationID: "op") { sent in
            HTTPResponse(statusCode: 200, body: Data((sent.headers["Authorization"] ?? "").utf8))
        }
        XCTAssertEqual(String(decoding: response.body, as: UTF8.self), "Bearer secret-token-123")
    }

    func testErrorDescriptionsSummariseTheBody() {
        let body = Data(
            #"{"title":"Invalid Argument","message":"The supplied parameters are invalid.","details":[]}"#.utf8)
        let error = APIError<JSONValue>(
            operationID: "createInvitee", statusCode: 400, headers: [:], body: nil, rawBody: body)
        XCTAssertEqual(
            error.description,
            "createInvitee failed with HTTP 400 (Bad Request): Invalid Argument: The supplied parameters are invalid.")
        let unexpected = UnexpectedStatusError(
            operationID: "createInvitee", statusCode: 418, headers: [:], body: Data("<html>teapot</html>".utf8))
        XCTAssertEqual(unexpected.description, "createInvitee received an undocumented HTTP 418: <html>teapot</html>")
    }
}

final class PathStyleTests: XCTestCase {
    private func path(_ configure: (inout RequestBuilder) -> Void) throws -> String {
        var builder = RequestBuilder(method: .get, path: "/r/{a}/{b}")
        configure(&builder)
        return try builder.build(serverURL: URL(string: "https://x.test")!).url.path(percentEncoded: true)
    }

    func testLabelMatrixAndSimpleStylesKeepValuesEncoded() throws {
        XCTAssertEqual(
            try path {
                $0.setPathParameter("a", [1, 2], style: .label, explode: true)
                $0.setPathParameter("b", "x/y;z", style: .matrix)
            }, "/r/.1.2/;b=x%2Fy%3Bz")
        XCTAssertEqual(
            try path {
                $0.setPathParameter("a", ["p", "q r"], style: .label)
                $0.setPathParameter("b", [3, 4], style: .matrix, explode: true)
            }, "/r/.p,q%20r/;b=3;b=4")
        XCTAssertEqual(
            try path {
                $0.setPathParameter("a", ["p", "q"])
                $0.setPathParameter("b", [5, 6], style: .matrix)
            }, "/r/p,q/;b=5,6")
    }

    func testAJSONBodyIsSentAsTheMediaTypeTheSpecNames() throws {
        var builder = RequestBuilder(method: .patch, path: "/articles")
        try builder.setJSONBody(["title": "A"], contentType: "application/vnd.api+json")
        let request = try builder.build(serverURL: URL(string: "https://api.test")!)
        XCTAssertEqual(request.headers["Content-Type"], "application/vnd.api+json")
        XCTAssertEqual(request.body, Data(#"{"title":"A"}"#.utf8))
        var plain = RequestBuilder(method: .post, path: "/articles")
        try plain.setJSONBody(["title": "A"])
        XCTAssertEqual(
            try plain.build(serverURL: URL(string: "https://api.test")!).headers["Content-Type"], "application/json")
    }
}
