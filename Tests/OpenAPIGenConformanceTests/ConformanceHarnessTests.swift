import Foundation
import OpenAPIGenConformance
import XCTest

/// The conformance harness end to end: the judge (Conformance/judge.py, in the environment
/// `.ci/setup` makes) against an SDK generated from Fixtures/events.yaml and its caller
/// program. The correct SDK passes; an SDK with deliberate mistakes fails, and the failing
/// lines name the operation and what the validator said.
final class ConformanceHarnessTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    /// The path of a spec in `Fixtures`.
    static func fixture(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/" + name).path
    }

    static let spec = fixture("events.yaml")

    /// The runner, with its support module compiled; fails (never skips) when the judge's
    /// environment is missing, saying how to make it.
    func makeRunner() throws -> ConformanceRunner {
        let work = NSTemporaryDirectory() + "conformance-tests-\(UUID().uuidString)"
        addTeardownBlock { try? FileManager.default.removeItem(atPath: work) }
        let settings: ConformanceSettings
        do {
            settings = try ConformanceSettings.locate(
                packageRoot: Self.root.path, runtimeModules: Self.runtimeModules(), workDirectory: work)
        } catch {
            XCTFail("\(error)")
            throw error
        }
        let runner = ConformanceRunner(settings: settings)
        try runner.prepare()
        return runner
    }

    /// The `Modules` folder of this test's build, where the runtime module is.
    static func runtimeModules() -> String {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(
                "Modules"),
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("Modules"),
            root.appendingPathComponent(".build/debug/Modules"),
        ]
        let found = candidates.first {
            FileManager.default.fileExists(atPath: $0.appendingPathComponent("OpenAPIGenRuntime.swiftmodule").path)
        }
        return (found ?? candidates[2]).path
    }

    func testTheGeneratedSDKPasses() throws {
        let report = try makeRunner().check(Self.spec, name: "events.yaml")
        XCTAssertEqual(
            report.line, "ok   events.yaml: 3 operations, 9 calls, 9 requests valid, 9 responses decoded",
            report.failures.joined(separator: "\n"))
        XCTAssertEqual(report.failures, [])
    }

    /// A `oneOf` without a discriminator whose alternatives both decode the judge's answers
    /// (Adyen's pattern): the SDK keeps the alternative the value fits, so every body
    /// round-trips (taking the first that decodes lost `issuer` and `recurring`).
    func testAOneOfWithoutDiscriminatorDecodesTheAlternativeTheValueFits() throws {
        let spec = Self.fixture("payment-methods.yaml")
        let report = try makeRunner().check(spec, name: "payment-methods.yaml")
        XCTAssertEqual(
            report.line, "ok   payment-methods.yaml: 2 operations, 4 calls, 4 requests valid, 4 responses decoded",
            report.failures.joined(separator: "\n"))
        XCTAssertEqual(report.failures, [])
    }

    /// Box's fragment paths (`/items/{id}#shared_link`): the SDK sends the path without the
    /// fragment and the query with it (a `#` in the URL dropped the required `fields`).
    func testAPathWithAFragmentIsSentWithoutIt() throws {
        let spec = Self.fixture("fragments.yaml")
        let report = try makeRunner().check(spec, name: "fragments.yaml")
        XCTAssertEqual(
            report.line, "ok   fragments.yaml: 2 operations, 4 calls, 4 requests valid, 4 responses decoded",
            report.failures.joined(separator: "\n"))
    }

    static let streams = fixture("streams.yaml")

    /// Streamed operations are called too: the judge answers server-sent events, JSON Lines
    /// and JSON text sequences with three items each, and the caller reads and decodes them.
    func testStreamedOperationsAreCalledAndEveryItemDecodes() throws {
        let report = try makeRunner().check(Self.streams, name: "streams.yaml")
        XCTAssertEqual(report.failures, [])
        XCTAssertTrue(report.line.hasPrefix("ok   streams.yaml: 7 operations, "), report.line)
        XCTAssertEqual(report.calls, report.responsesDecoded, report.line)
        XCTAssertEqual(report.calls, report.requestsValid, report.line)
    }

    /// A stream read the wrong way fails: the SDK asks for JSON instead of JSON Lines, the
    /// judge answers one JSON value, and the caller counts one item where three were sent.
    func testAStreamReadTheWrongWayFails() throws {
        var edits = 0
        let report = try makeRunner().check(Self.streams, name: "streams.yaml") { name, contents in
            guard contents.contains("request.headers[\"Accept\"] = \"application/x-ndjson\"") else { return contents }
            edits += 1
            return contents.replacingOccurrences(
                of: "request.headers[\"Accept\"] = \"application/x-ndjson\"",
                with: "request.headers[\"Accept\"] = \"application/json\"")
        }
        XCTAssertEqual(edits, 1, "the generated client no longer has the line this test edits")
        XCTAssertTrue(report.line.hasPrefix("FAIL streams.yaml"), report.line)
        let streamLogs = report.failures.filter { $0.hasPrefix("streamLogs (GET /logs) 200 ") }
        XCTAssertFalse(streamLogs.isEmpty, report.failures.joined(separator: "\n"))
        for failure in streamLogs {
            XCTAssertTrue(failure.contains("the stream yielded 1 item(s), the judge sent 3"), failure)
        }
    }

    func testDeliberateMistakesFailNamingTheOperation() throws {
        // Three mistakes in listEvents: a query parameter renamed, a required header dropped,
        // a date-time sent as seconds since 1970.
        var edits = 0
        let report = try makeRunner().check(Self.spec, name: "events.yaml") { name, contents in
            guard name == "Client.swift" else { return contents }
            var lines: [String] = []
            for line in contents.split(separator: "\n", omittingEmptySubsequences: false) {
                if line.contains("addQueryParameter(\"limit\", limit)") {
                    lines.append(line.replacingOccurrences(of: "\"limit\"", with: "\"limits\""))
                    edits += 1
                } else if line.contains("setHeader(\"X-Request-Id\"") {
                    edits += 1
                } else if line.contains("addQueryParameter(\"since\", since)") {
                    lines.append(line.replacingOccurrences(of: "since)", with: "String(since.timeIntervalSince1970))"))
                    edits += 1
                } else {
                    lines.append(String(line))
                }
            }
            return lines.joined(separator: "\n")
        }
        XCTAssertEqual(edits, 3, "the generated client no longer has the lines this test edits")
        XCTAssertTrue(report.line.hasPrefix("FAIL events.yaml: 3 operations, 9 calls, 6 requests valid"), report.line)
        let listEvents = report.failures.filter { $0.hasPrefix("listEvents (GET /events) ") }
        // Every call of listEvents fails (200 twice, 404), and no other operation does.
        XCTAssertEqual(listEvents.count, 3, report.failures.joined(separator: "\n"))
        XCTAssertEqual(report.failures.count, 3, report.failures.joined(separator: "\n"))
        for failure in listEvents {
            XCTAssertTrue(failure.contains("request invalid"), failure)
            XCTAssertTrue(failure.contains("limit"), "the missing query parameter is named: \(failure)")
            XCTAssertTrue(failure.contains("X-Request-Id"), "the missing header is named: \(failure)")
            XCTAssertTrue(failure.contains("since"), "the badly encoded date is named: \(failure)")
        }
    }

    /// The judge serves the spec's server path (`/v1` in events.yaml): an SDK that drops the
    /// base path fails every call, each saying so.
    func testASDKThatDropsTheServersBasePathFails() throws {
        var edits = 0
        let report = try makeRunner().check(Self.spec, name: "events.yaml") { name, contents in
            guard name == "Client.swift", contents.contains("serverURL: serverURL,") else { return contents }
            edits += 1
            return contents.replacingOccurrences(
                of: "serverURL: serverURL,", with: "serverURL: serverURL.deletingLastPathComponent(),")
        }
        XCTAssertEqual(edits, 1, "the generated client no longer has the line this test edits")
        XCTAssertTrue(report.line.hasPrefix("FAIL events.yaml: 3 operations, 9 calls, 0 requests valid"), report.line)
        XCTAssertEqual(report.failures.count, 9, report.failures.joined(separator: "\n"))
        for failure in report.failures {
            XCTAssertTrue(failure.contains("lacks the server's base path /v1"), failure)
        }
    }

    /// An empty form body is the encoding of `{}`: the judge takes it where the form's schema
    /// does (all fields optional, as Stripe's are) and the caller gave no field. An SDK that
    /// sends every form empty fails where a field is required or was given.
    func testAnEmptyFormBodyPassesOnlyWhereTheSchemaTakesNoFields() throws {
        let spec = Self.fixture("empty-forms.yaml")
        let passing = try makeRunner().check(spec, name: "empty-forms.yaml")
        XCTAssertEqual(
            passing.line, "ok   empty-forms.yaml: 2 operations, 4 calls, 4 requests valid, 4 responses decoded",
            passing.failures.joined(separator: "\n"))
        var edits = 0
        let report = try makeRunner().check(spec, name: "empty-forms.yaml") { name, contents in
            guard name == "Client.swift" else { return contents }
            edits += contents.components(separatedBy: "setFormBody(body)").count - 1
            return contents.replacingOccurrences(
                of: "setFormBody(body)", with: "setFormBody(OpenAPIGenRuntime.JSONValue.object([:]))")
        }
        XCTAssertEqual(edits, 2, "the generated client no longer has the lines this test edits")
        XCTAssertTrue(report.line.hasPrefix("FAIL empty-forms.yaml"), report.line)
        // The empty form passes where the caller gave no field (createLoginLink's minimal call);
        // where it gave some, or the schema requires one, the call fails.
        XCTAssertEqual(report.failures.count, 3, report.failures.joined(separator: "\n"))
        for failure in report.failures {
            if failure.hasPrefix("strict (POST /v1/strict) 200 ") {
                XCTAssertTrue(failure.contains("Missing required request body"), failure)
            } else {
                XCTAssertTrue(failure.hasPrefix("createLoginLink (POST /v1/login_links) 200 full: "), failure)
                XCTAssertTrue(failure.contains("was given but not sent"), failure)
            }
        }
    }

    /// Nested `deepObject` form values (Stripe's) are compared member by member with the
    /// caller's: the SDK passes, and one that sends a nested member wrong fails, naming it.
    func testANestedFormIsComparedMemberByMember() throws {
        let spec = Self.fixture("nested-forms.yaml")
        let passing = try makeRunner().check(spec, name: "nested-forms.yaml")
        XCTAssertEqual(
            passing.line, "ok   nested-forms.yaml: 1 operations, 2 calls, 2 requests valid, 2 responses decoded",
            passing.failures.joined(separator: "\n"))
        var edits = 0
        // `settings[tax][enabled]` sent as the opposite of the caller's value.
        let sent = #"try container.encodeBool(self.enabled, forKey: "enabled")"#
        let report = try makeRunner().check(spec, name: "nested-forms.yaml") { name, contents in
            guard name == "Types.swift", contents.contains(sent) else { return contents }
            edits += 1
            return contents.replacingOccurrences(
                of: sent, with: #"try container.encodeBool(!self.enabled, forKey: "enabled")"#)
        }
        XCTAssertEqual(edits, 1, "the generated types no longer have the line this test edits")
        XCTAssertTrue(report.line.hasPrefix("FAIL nested-forms.yaml"), report.line)
        XCTAssertEqual(report.failures.count, 2, report.failures.joined(separator: "\n"))
        for failure in report.failures {
            XCTAssertTrue(failure.contains(".settings.tax.enabled is 'false', True was given"), failure)
        }
    }
}
