import Foundation
import PetShopSDK
import TestHTTPServer
import XCTest

/// An SDK the build plugin generates from `Tests/Support/PetShopSDK/openapi.yaml` (oneOf
/// with a discriminator, anyOf, form, multipart, text and binary bodies, typed response
/// headers, several security schemes, server variables, parameter styles), called over
/// real HTTP against a server on 127.0.0.1 that the test starts.
final class PetShopEndToEndTests: XCTestCase {
    static let cat = #"{"kind": "cat", "name": "Tom", "born": "2020-02-29"}"#
    static let dog = #"{"kind": "dog", "name": "Rex", "owner": {"id": "o1", "pets": [{"kind": "cat", "name": "Kit"}]}}"#

    func testOneOfAnyOfTypedHeadersAndQueryStyles() async throws {
        let server = try TestHTTPServer { _ in
            .respondJSON(
                status: 200,
                json: "[\(Self.cat), \(Self.dog), {\"kind\": \"dog\", \"name\": \"Fido\", \"owner\": \"ann\"}]",
                headers: [("X-Total", "3"), ("X-Next-Page", "abc")])
        }
        defer { server.stop() }
        let client = PetShopClient(serverURL: server.baseURL, apiKey: "k-123")
        let page = try await client.listPets(
            tags: ["a b", "c"], filter: PetFilter(species: .cat, minAge: 2), session: "s;1")
        XCTAssertEqual(page.xTotal, 3)
        XCTAssertEqual(page.xNextPage, "abc")
        XCTAssertEqual(page.body.count, 3)
        guard case .cat(let tom) = page.body[0] else { return XCTFail("\(page.body[0])") }
        XCTAssertEqual(tom.born, CalendarDate("2020-02-29"))
        XCTAssertEqual(tom.lives, nil)
        guard case .dog(let rex) = page.body[1], case .owner(let owner)? = rex.owner else {
            return XCTFail("\(page.body[1])")
        }
        try assertSameJSON(owner.pets?.first, .cat(Cat(kind: "cat", name: "Kit", lives: nil)))
        guard case .dog(let fido) = page.body[2] else { return XCTFail("\(page.body[2])") }
        try assertSameJSON(fido.owner, .string("ann"))

        let sent = try XCTUnwrap(server.requests.first)
        XCTAssertEqual(sent.path, "/pets")
        XCTAssertEqual(sent.query, "tags=a%20b%7Cc&filter%5BminAge%5D=2&filter%5Bspecies%5D=cat")
        XCTAssertEqual(sent.header("X-API-Key"), "k-123")
        XCTAssertEqual(sent.header("Cookie"), "session=s%3B1")
    }

    func testFormBodyAndTheDefaultArgumentFromTheSpec() async throws {
        let server = try TestHTTPServer { _ in .respondJSON(status: 201, json: Self.cat) }
        defer { server.stop() }
        let client = PetShopClient(serverURL: server.baseURL, apiKey: "k")
        let created = try await client.createPet(
            CreatePetRequest(name: "Tom & Jerry", tags: ["x", "y"], metadata: ["color": "grey"]))
        try assertSameJSON(created, .cat(Cat(kind: "cat", name: "Tom", born: CalendarDate("2020-02-29"), lives: nil)))
        XCTAssertEqual(Cat(kind: "cat", name: "Tom").lives, 9, "the spec's default is the initialiser's")
        let sent = try XCTUnwrap(server.requests.first)
        XCTAssertEqual(sent.header("Content-Type"), "application/x-www-form-urlencoded")
        XCTAssertEqual(
            String(decoding: sent.body, as: UTF8.self), "metadata[color]=grey&name=Tom%20%26%20Jerry&tags=x&tags=y")
    }

    func testUUIDPropertiesAreSentInLowerCase() async throws {
        let server = try TestHTTPServer { _ in
            .respondJSON(
                status: 201, json: #"{"kind": "cat", "name": "Tom", "chip": "7C9E6679-7425-40DE-944B-E07FC1F90AE7"}"#)
        }
        defer { server.stop() }
        let chip = UUID(uuidString: "7C9E6679-7425-40DE-944B-E07FC1F90AE7")!
        let friend = UUID(uuidString: "0E4D8A6B-1C2F-4A3B-9D8E-7F6A5B4C3D2E")!
        let client = PetShopClient(serverURL: server.baseURL, apiKey: "k")
        let created = try await client.createPet(CreatePetRequest(name: "Tom", chip: chip, friends: [friend, chip]))
        guard case .cat(let tom) = created else { return XCTFail("\(created)") }
        XCTAssertEqual(tom.chip, chip, "upper case is read too")
        let sent = try XCTUnwrap(server.requests.first)
        XCTAssertEqual(
            String(decoding: sent.body, as: UTF8.self),
            "chip=7c9e6679-7425-40de-944b-e07fc1f90ae7&friends=0e4d8a6b-1c2f-4a3b-9d8e-7f6a5b4c3d2e"
                + "&friends=7c9e6679-7425-40de-944b-e07fc1f90ae7&name=Tom")
        let json = String(decoding: try JSONCoding.makeEncoder().encode(tom), as: UTF8.self)
        XCTAssertEqual(json, #"{"chip":"7c9e6679-7425-40de-944b-e07fc1f90ae7","kind":"cat","name":"Tom"}"#)
        let none = String(decoding: try JSONCoding.makeEncoder().encode(Cat(kind: "cat", name: "Kit")), as: UTF8.self)
        XCTAssertEqual(none, #"{"kind":"cat","lives":9,"name":"Kit"}"#, "an absent UUID stays absent")
    }

    func testMultipartUploadUsesBasicAuthAndBinaryDownloadNeedsNone() async throws {
        let png = Data([0x89, 0x50, 0x4E, 0x47, 0, 1, 2])
        let server = try TestHTTPServer { request in
            request.method == "GET"
                ? .respond(status: 200, headers: [("Content-Type", "image/png")], body: png)
                : .respond(status: 204)
        }
        defer { server.stop() }
        let id = UUID(uuidString: "7C9E6679-7425-40DE-944B-E07FC1F90AE7")!
        let anonymous = PetShopClient(serverURL: server.baseURL)
        do {
            try await anonymous.uploadPhoto(id: id, body: UploadPhotoRequest(file: png))
            XCTFail("expected MissingCredentialsError")
        } catch let error as MissingCredentialsError {
            XCTAssertEqual(error.operationID, "uploadPhoto")
        }
        XCTAssertEqual(server.requests.count, 0, "nothing is sent without the credentials")
        let client = PetShopClient(serverURL: server.baseURL, basicAuth: (username: "ann", password: "pw"))
        try await client.uploadPhoto(id: id, body: UploadPhotoRequest(file: png, caption: "me"))
        let photo = try await anonymous.getPhoto(id: id)
        XCTAssertEqual(photo, png)

        let upload = try XCTUnwrap(server.requests.first)
        XCTAssertEqual(upload.path, "/pets/7c9e6679-7425-40de-944b-e07fc1f90ae7/photo")
        XCTAssertEqual(upload.header("Authorization"), "Basic " + Data("ann:pw".utf8).base64EncodedString())
        let contentType = try XCTUnwrap(upload.header("Content-Type"))
        XCTAssertTrue(contentType.hasPrefix("multipart/form-data; boundary="), contentType)
        XCTAssertNotNil(
            upload.body.range(
                of: Data("name=\"file\"; filename=\"file\"\r\nContent-Type: image/png\r\n\r\n".utf8)
                    + png))
        XCTAssertNotNil(upload.body.range(of: Data("name=\"caption\"\r\n\r\nme\r\n".utf8)))
        let download = try XCTUnwrap(server.requests.last)
        XCTAssertEqual(download.header("Accept"), "image/png")
        XCTAssertNil(download.header("Authorization"))
    }

    func testTextBodiesLabelPathsAndDocumentedErrors() async throws {
        let server = try TestHTTPServer { request in
            request.path.hasPrefix("/notes")
                ? .respond(status: 202, headers: [("Content-Type", "text/plain")], body: Data("stored: hi".utf8))
                : .respondJSON(status: 404, json: #"{"message": "no photo"}"#)
        }
        defer { server.stop() }
        let client = PetShopClient(serverURL: server.baseURL, apiKey: "k")
        let stored = try await client.postNote(day: CalendarDate("2026-11-25")!, body: "hi")
        XCTAssertEqual(stored, "stored: hi")
        let note = try XCTUnwrap(server.requests.first)
        XCTAssertEqual(note.path, "/notes/.2026-11-25")
        XCTAssertEqual(note.header("Content-Type"), "text/plain; charset=utf-8")
        XCTAssertEqual(String(decoding: note.body, as: UTF8.self), "hi")
        do {
            _ = try await client.getPhoto(id: UUID())
            XCTFail("expected APIError")
        } catch let error as APIError<Problem> {
            XCTAssertEqual(error.statusCode, 404)
            XCTAssertEqual(error.body?.message, "no photo")
        }
    }

    func testServerVariablesBuildTheServerURL() {
        XCTAssertEqual(PetShopClient.defaultServerURL.absoluteString, "https://eu.petshop.example/v1")
        XCTAssertEqual(
            PetShopClient.serverURL(region: "us", version: "v2")?.absoluteString, "https://us.petshop.example/v2")
    }
}

/// Generated code that compiled before and misbehaved at run time (issue 10), now called
/// over HTTP.
final class PetShopRunTimeBehaviourTests: XCTestCase {
    func testALoneDefaultResponseIsSuccessFor2xxAndAnErrorOtherwise() async throws {
        let server = try TestHTTPServer { request in
            request.path == "/users/ann"
                ? .respondJSON(status: 200, json: #"{"id": "ann"}"#)
                : .respondJSON(status: 404, json: #"{"id": "nobody"}"#)
        }
        defer { server.stop() }
        let client = PetShopClient(serverURL: server.baseURL, apiKey: "k")
        let user = try await client.getUser(name: "ann", verbose: 2)
        try assertSameJSON(user, Owner(id: "ann"))
        do {
            _ = try await client.getUser(name: "bob")
            XCTFail("a 404 must throw")
        } catch let error as APIError<Owner> {
            XCTAssertEqual(error.statusCode, 404)
            try assertSameJSON(error.body, Owner(id: "nobody"))
        }
        // The operation's `verbose` (an integer) replaced the path item's (a boolean): sent once.
        XCTAssertEqual(server.requests.first?.query, "verbose=2")
        XCTAssertNil(server.requests.last?.query)
    }

    func testAnUnknownDiscriminatorValueIsKeptNotFatal() async throws {
        let parrot = #"{"kind":"parrot","name":"Polly","words":["hello"]}"#
        let server = try TestHTTPServer { _ in
            .respondJSON(
                status: 200, json: "[\(PetShopEndToEndTests.cat), \(parrot)]", headers: [("X-Species", "cat, dog")])
        }
        defer { server.stop() }
        let client = PetShopClient(serverURL: server.baseURL, apiKey: "k")
        let page = try await client.listPets()
        XCTAssertEqual(page.body.count, 2, "one new subtype must not fail the whole list")
        guard case .unknown(let json) = page.body[1] else { return XCTFail("\(page.body[1])") }
        XCTAssertEqual(json["kind"], "parrot")
        XCTAssertEqual(json["words"], ["hello"])
        // It encodes back as it came.
        let reencoded = try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(page.body[1]))
        XCTAssertEqual(reencoded, try JSONDecoder().decode(JSONValue.self, from: Data(parrot.utf8)))
        // A list header of enum values, item by item.
        XCTAssertEqual(page.xSpecies, [.cat, .dog])
    }
}

final class PetShopServerTests: XCTestCase {
    /// `/exports` names a server of its own: it goes there (here: where `serverOverrides`
    /// says), while the other operations go to the client's `serverURL`.
    func testAnOperationWithItsOwnServerIsSentThere() async throws {
        let api = try TestHTTPServer { _ in .respondJSON(status: 200, json: "[]") }
        defer { api.stop() }
        let exports = try TestHTTPServer { _ in
            .respond(status: 200, headers: [("Content-Type", "text/csv")], body: Data("a,b\n".utf8))
        }
        defer { exports.stop() }
        let client = PetShopClient(
            serverURL: api.baseURL, serverOverrides: ["https://exports.petshop.example": exports.baseURL], apiKey: "k")
        let csv = try await client.exportPets()
        XCTAssertEqual(csv, "a,b\n")
        _ = try await client.listPets()
        XCTAssertEqual(exports.requests.map(\.path), ["/exports"])
        XCTAssertEqual(api.requests.map(\.path), ["/pets"])
    }
}
