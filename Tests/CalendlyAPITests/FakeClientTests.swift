import CalendlyAPI
import Foundation
import OpenAPIGenRuntime
import XCTest

/// The README's "Testing code that uses the SDK" example, run, and found in the README as is.
final class FakeClientTests: XCTestCase {
    func testTheREADMEExample() async throws {
        let cannedJSON = Samples.response
        let request = try JSONCoding.makeDecoder().decode(CreateInviteeRequest.self, from: Data(Samples.request.utf8))

        // README: begin
        // A transport that answers every request with a canned response: the real client, no network.
        struct CannedTransport: HTTPTransport {
            let json: String
            func send(_ request: HTTPRequest) async throws -> HTTPResponse {
                HTTPResponse(statusCode: 201, headers: ["Content-Type": "application/json"], body: Data(json.utf8))
            }
        }
        let client = CalendlyClient(token: "test", transport: CannedTransport(json: cannedJSON))
        let booked = try await client.createInvitee(request)

        // Or a fake of the whole client: app code takes `some CalendlyClientProtocol`.
        struct FakeCalendly: CalendlyClientProtocol {
            let booked: CreateInviteeResponse
            func createInvitee(_ body: CreateInviteeRequest, options: RequestOptions) async throws
                -> CreateInviteeResponse
            {
                booked
            }
        }
        func book(_ request: CreateInviteeRequest, with calendly: some CalendlyClientProtocol) async throws -> String {
            try await calendly.createInvitee(request).resource.email  // `options` defaulted
        }
        let email = try await book(request, with: FakeCalendly(booked: booked))
        // README: end

        XCTAssertEqual(email, "test@example.com")
        let source = try String(contentsOf: URL(fileURLWithPath: #filePath), encoding: .utf8)
        let example = source.components(separatedBy: "// README: begin\n")[1].components(
            separatedBy: "        // README: end")[0]
        let unindented = example.split(separator: "\n", omittingEmptySubsequences: false)
            .map { line -> String in
                let spaces = line.prefix { $0 == " " }.count
                return String(line.dropFirst(min(8, spaces)))
            }.joined(separator: "\n")
        let readme = try String(
            contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
                "../../README.md"),
            encoding: .utf8)
        XCTAssertTrue(readme.contains(unindented), "the README shows this example:\n\(unindented)")
    }
}
