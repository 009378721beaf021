import Foundation
import TestHTTPServer
import XCTest

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

final class TestHTTPServerTests: XCTestCase {
    func testRecordsRequestsAndAnswersThem() async throws {
        let server = try TestHTTPServer { request in
            .respondJSON(status: 201, json: #"{"echo":"\#(request.method)"}"#, headers: [("X-Test", "1")])
        }
        defer { server.stop() }
        var request = URLRequest(
            url: server.baseURL.appendingPathComponent("invitees").appending(queryItems: [.init(name: "a", value: "b")])
        )
        request.httpMethod = "POST"
        request.httpBody = Data(#"{"x":1}"#.utf8)
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = try XCTUnwrap(response as? HTTPURLResponse)
        XCTAssertEqual(http.statusCode, 201)
        XCTAssertEqual(http.value(forHTTPHeaderField: "X-Test"), "1")
        XCTAssertEqual(String(decoding: data, as: UTF8.self), #"{"echo":"POST"}"#)
        let recorded = try XCTUnwrap(server.requests.first)
        XCTAssertEqual(recorded.method, "POST")
        XCTAssertEqual(recorded.path, "/invitees")
        XCTAssertEqual(recorded.query, "a=b")
        XCTAssertEqual(recorded.header("content-type"), "application/json")
        XCTAssertEqual(String(decoding: recorded.body, as: UTF8.self), #"{"x":1}"#)
        XCTAssertEqual(server.requestCount(path: "/invitees"), 1)
    }

    func testServesManyConcurrentClients() async throws {
        let server = try TestHTTPServer { _ in .respond(status: 200, body: Data("ok".utf8)) }
        defer { server.stop() }
        let url = server.baseURL.appendingPathComponent("ping")
        let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<50 {
                group.addTask {
                    let (_, response) = try await URLSession.shared.data(from: url)
                    return (response as? HTTPURLResponse)?.statusCode ?? 0
                }
            }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        XCTAssertEqual(statuses, Array(repeating: 200, count: 50))
        XCTAssertEqual(server.requestCount(path: "/ping"), 50)
    }

    func testMisbehavioursMakeTheClientFail() async throws {
        for action in [
            ServerAction.closeWithoutResponse, .closeMidBody(status: 200, body: Data(count: 100), sendBytes: 10),
        ] {
            let server = try TestHTTPServer { _ in action }
            defer { server.stop() }
            var request = URLRequest(url: server.baseURL)
            request.timeoutInterval = 5
            do {
                let (data, _) = try await URLSession.shared.data(for: request)
                XCTAssertNotEqual(data.count, 100, "\(action): a truncated body must not arrive whole")
            } catch {}
            XCTAssertEqual(server.requests.count, 1)
        }
    }

    func testAHangingResponseTimesOutAndStopReturnsPromptly() async throws {
        let server = try TestHTTPServer { _ in .hang }
        var request = URLRequest(url: server.baseURL)
        request.timeoutInterval = 1
        do {
            _ = try await URLSession.shared.data(for: request)
            XCTFail("a request to a hanging server must time out")
        } catch {}
        let started = Date()
        server.stop()
        server.stop()
        XCTAssertLessThan(Date().timeIntervalSince(started), 5)
    }

    func testAStreamedResponseIsSentInChunksWithTheRestHeldBackUntilReleased() async throws {
        let sent = ServerSignal()
        let release = ServerSignal()
        let server = try TestHTTPServer { _ in
            .stream(
                status: 200, headers: [("Content-Type", "text/plain")],
                steps: [.sendText("first "), .fire(sent), .wait(release), .send(Data("second".utf8)), .sendText("")])
        }
        defer { server.stop() }
        let download = Task { try await URLSession.shared.data(from: server.baseURL.appendingPathComponent("s")) }
        let firstSent = await sent.wait()
        XCTAssertTrue(firstSent)
        XCTAssertFalse(release.isFired)
        release.fire()
        let (data, response) = try await download.value
        XCTAssertEqual((response as? HTTPURLResponse)?.statusCode, 200)
        XCTAssertEqual(
            String(decoding: data, as: UTF8.self), "first second", "chunks reassembled, an empty step sends nothing")
    }

    func testASignalWaitGivesUpAtItsBound() async {
        let signal = ServerSignal()
        let fired = await signal.wait(timeout: 0.05)
        XCTAssertFalse(fired)
        signal.fire()
        let firedNow = await signal.wait(timeout: 0.05)
        XCTAssertTrue(firedNow)
    }

    func testTheServerSeesAClientCloseTheConnectionMidBody() async throws {
        let sent = ServerSignal()
        let closed = ServerSignal()
        let server = try TestHTTPServer { _ in
            .stream(status: 200, steps: [.sendText("part"), .fire(sent), .awaitClientClose(closed)])
        }
        defer { server.stop() }
        let task = URLSession.shared.dataTask(with: server.baseURL.appendingPathComponent("s"))
        task.resume()
        let partSent = await sent.wait()
        XCTAssertTrue(partSent)
        XCTAssertFalse(closed.isFired, "the client has not let go yet")
        task.cancel()
        let sawClose = await closed.wait()
        XCTAssertTrue(sawClose)
    }

    func testADroppedConnectionEndsTheBodyShort() async throws {
        let server = try TestHTTPServer { _ in .stream(status: 200, steps: [.sendText("part"), .dropConnection]) }
        defer { server.stop() }
        var request = URLRequest(url: server.baseURL)
        request.timeoutInterval = 5
        do {
            let (data, _) = try await URLSession.shared.data(for: request)
            XCTFail("a chunked body without its last chunk must fail, got \(data.count) bytes")
        } catch {}
    }
}
