import Foundation
import OpenAPIGenRuntime
import TestHTTPServer
import XCTest

/// The code the generator is to emit for streaming operations and paged lists, written by
/// hand here (as the report to the generator's engineer shows it) and run over HTTP, so the
/// pattern is known to compile and work.
final class GeneratedCodePatternTests: XCTestCase {
    // MARK: What a generated SDK would hold

    struct ChatChunk: Codable, Equatable, Sendable { var delta: String }
    struct ErrorResponse: Codable, Equatable, Sendable { var message: String }
    struct Invitee: Codable, Equatable, Sendable { var name: String }
    struct InviteeList: Codable, Sendable {
        struct Pagination: Codable, Sendable {
            var nextPageToken: String?
            enum CodingKeys: String, CodingKey { case nextPageToken = "next_page_token" }
        }
        var collection: [Invitee]
        var pagination: Pagination
    }

    struct ExampleClient: Sendable {
        let core: ClientCore

        /// `POST /chat` (`streamChat`): `text/event-stream` of `ChatChunk`, 400 documented.
        func streamChat(options: RequestOptions = RequestOptions()) async throws
            -> AsyncThrowingStream<ServerSentEvent<ChatChunk>, any Error>
        {
            var request = RequestBuilder(method: .post, path: "/chat")
            request.headers["Accept"] = "text/event-stream"
            let response = try await core.sendStreaming(request, operationID: "streamChat", options: options)
            switch response.statusCode {
            case 200:
                return core.serverSentEvents(
                    of: ChatChunk.self, from: response, operationID: "streamChat", terminator: "[DONE]")
            case 400:
                throw await core.documentedError(ErrorResponse.self, from: response, operationID: "streamChat")
            default:
                throw await core.unexpectedStatus(response, operationID: "streamChat")
            }
        }

        /// `GET /invitees` (`listInvitees`), one page.
        func listInvitees(pageToken: String? = nil, options: RequestOptions = RequestOptions()) async throws
            -> InviteeList
        {
            var request = RequestBuilder(method: .get, path: "/invitees")
            request.addQueryParameter("page_token", pageToken)
            let response = try await core.send(request, operationID: "listInvitees", options: options)
            switch response.statusCode {
            case 200: return try core.decodeJSON(InviteeList.self, from: response, operationID: "listInvitees")
            default: throw core.unexpectedStatus(response, operationID: "listInvitees")
            }
        }

        /// Every invitee of `listInvitees`, page after page as the loop reaches them. The
        /// runtime's names are qualified: an SDK may have a schema called `Pagination` or `Page`.
        func listInviteesItems(options: RequestOptions = RequestOptions()) -> AsyncThrowingStream<Invitee, any Error> {
            OpenAPIGenRuntime.Pagination.items { (pageToken: String?) in
                let page = try await listInvitees(pageToken: pageToken, options: options)
                return OpenAPIGenRuntime.Page(items: page.collection, nextCursor: page.pagination.nextPageToken)
            }
        }
    }

    // MARK: Over HTTP

    func testTheStreamingOperationPattern() async throws {
        let server = try TestHTTPServer { request in
            request.header("X-Fail") == nil
                ? .stream(
                    status: 200, headers: [("Content-Type", "text/event-stream")],
                    steps: [
                        .sendText("data: {\"delta\":\"Hel\"}\n\n"),
                        .sendText(": keep-alive\n\ndata: {\"delta\":\"lo\"}\n\n"),
                        .sendText("data: [DONE]\n\n"),
                    ])
                : .respondJSON(status: 400, json: #"{"message":"no model"}"#)
        }
        defer { server.stop() }
        let client = ExampleClient(
            core: ClientCore(serverURL: server.baseURL, transport: URLSessionTransport(), middlewares: []))
        var text = ""
        for try await event in try await client.streamChat() { text += event.data.delta }
        XCTAssertEqual(text, "Hello")
        XCTAssertEqual(server.requests.first?.header("Accept"), "text/event-stream")

        do {
            _ = try await client.streamChat(options: RequestOptions(headers: ["X-Fail": "1"]))
            XCTFail("a 400 must throw")
        } catch let error as APIError<ErrorResponse> {
            XCTAssertEqual(error.body, ErrorResponse(message: "no model"))
        }
    }

    func testThePagedListPattern() async throws {
        let server = try TestHTTPServer { request in
            switch request.query {
            case nil:
                .respondJSON(
                    status: 200,
                    json: #"{"collection":[{"name":"a"},{"name":"b"}],"pagination":{"next_page_token":"p2"}}"#)
            case "page_token=p2": .respondJSON(status: 200, json: #"{"collection":[{"name":"c"}],"pagination":{}}"#)
            default: .respond(status: 404)
            }
        }
        defer { server.stop() }
        let client = ExampleClient(
            core: ClientCore(serverURL: server.baseURL, transport: URLSessionTransport(), middlewares: []))
        var names: [String] = []
        for try await invitee in client.listInviteesItems() { names.append(invitee.name) }
        XCTAssertEqual(names, ["a", "b", "c"])
        XCTAssertEqual(server.requests.map { $0.query ?? "" }, ["", "page_token=p2"])
    }
}
