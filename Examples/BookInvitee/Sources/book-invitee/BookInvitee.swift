import ArgumentParser
import CalendlyAPI
import Foundation
import OpenAPIGenRuntime

@main
struct BookInvitee: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "book-invitee",
        abstract: "Book an invitee on a Calendly event type, without Calendly's scheduling page.",
        discussion: """
            Reads the access token from CALENDLY_TOKEN and, optionally, the API's address
            from CALENDLY_API_URL (default https://api.calendly.com).

            Example:
              CALENDLY_TOKEN=... book-invitee \\
                --event-type https://api.calendly.com/event_types/AAAAAAAAAAAAAAAA \\
                --start 2026-12-01T09:00:00Z --email jsmith@example.com --name "John Smith"
            """
    )

    @Option(help: "The event type's URI.")
    var eventType: String

    @Option(help: "The start time, RFC 3339 (e.g. 2026-12-01T09:00:00Z); it must be an available slot.")
    var start: String

    @Option(help: "The invitee's email address.")
    var email: String

    @Option(help: "The invitee's full name.")
    var name: String?

    @Option(help: "The invitee's time zone, an IANA name such as Europe/Paris.")
    var timezone: String?

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        guard let token = environment["CALENDLY_TOKEN"], !token.isEmpty else {
            throw ValidationError("set CALENDLY_TOKEN to a Calendly personal access token or OAuth access token")
        }
        guard let startTime = RFC3339.date(from: start) else {
            throw ValidationError("--start must be an RFC 3339 date-time such as 2026-12-01T09:00:00Z, not '\(start)'")
        }
        var serverURL = CalendlyClient.defaultServerURL
        if let text = environment["CALENDLY_API_URL"] {
            guard let url = URL(string: text), url.scheme != nil else {
                throw ValidationError("CALENDLY_API_URL is not a URL: '\(text)'")
            }
            serverURL = url
        }
        let client = CalendlyClient(serverURL: serverURL, token: token)
        do {
            let created = try await client.createInvitee(
                CreateInviteeRequest(
                    eventType: eventType, startTime: startTime,
                    invitee: .init(email: email, name: name, timezone: timezone)))
            let invitee = created.resource
            print("Booked \(invitee.name) <\(invitee.email)>: \(invitee.status.rawValue)")
            print("Invitee:    \(invitee.uri)")
            print("Event:      \(invitee.event)")
            print("Cancel:     \(invitee.cancelURL)")
            print("Reschedule: \(invitee.rescheduleURL)")
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode.failure
        }
    }
}
