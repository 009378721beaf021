/// The source of `ConformanceSupport`, the module every caller program imports: argument
/// values read from the judge's `arguments` output, the harness's request headers, the
/// response recorder, the round-trip check and the report (one JSON line per call on stdout).
///
/// It is a module of its own, compiled apart from the SDK, so that no type the SDK declares
/// (a `Data`, an `Error`, a `Result`) can change what its names mean.
enum SupportSource {
    static let fileName = "ConformanceSupport.swift"
    static let moduleName = "ConformanceSupport"

    static let text = #"""
        import Foundation
        import OpenAPIGenRuntime

        /// What a call did, as the caller program observed it.
        public enum Observation: Sendable {
            /// The method returned; `problem` says what is wrong with the value, if anything.
            case returned(problem: String?)
            /// The method threw the documented `APIError`; `problem` as above.
            case documentedError(status: Int, problem: String?)
            /// The method threw something else.
            case threw(String)
        }

        public enum Expectation: Sendable {
            case success, failure
        }

        /// Argument values for one call: the judge's `arguments` output for one operation and variant.
        public struct Arguments: Sendable {
            let values: [String: JSONValue]
            let operation: String

            /// The value of `key` (`query:limit`, `body:application/json`) decoded as `T`.
            public func value<T: Decodable>(_ type: T.Type, _ key: String) throws -> T {
                guard let value = lookUp(key) else {
                    throw HarnessError("the judge gave no value for \(key) of \(operation)")
                }
                return try decode(type, value, key)
            }

            /// nil when the judge gave no value for `key` (an optional argument in the "minimal" call).
            public func optional<T: Decodable>(_ type: T.Type, _ key: String) throws -> T? {
                guard let value = lookUp(key) else { return nil }
                return try decode(type, value, key)
            }

            private func lookUp(_ key: String) -> JSONValue? {
                if let value = values[key] { return value }
                guard key.hasPrefix("body:") else { return nil }
                // The media type as the spec writes it may carry parameters (`; charset=utf-8`).
                let base = Self.baseMediaType(String(key.dropFirst(5)))
                let bodies = values.filter { $0.key.hasPrefix("body:") }
                if let match = bodies.first(where: { Self.baseMediaType(String($0.key.dropFirst(5))) == base }) {
                    return match.value
                }
                return nil
            }

            static func baseMediaType(_ text: String) -> String {
                (text.split(separator: ";").first.map(String.init) ?? text).trimmingCharacters(in: .whitespaces).lowercased()
            }

            private func decode<T: Decodable>(_ type: T.Type, _ value: JSONValue, _ key: String) throws -> T {
                // Bytes and text sent as they are: the judge gives them as a string.
                if T.self == Data.self, case .string(let text) = value { return Data(text.utf8) as! T }
                do {
                    let data = try JSONCoding.makeEncoder().encode(value)
                    return try JSONCoding.makeDecoder().decode(type, from: data)
                } catch {
                    throw HarnessError("the SDK's \(T.self) cannot hold the judge's value for \(key): \(describe(error))")
                }
            }
        }

        public struct HarnessError: Error, CustomStringConvertible {
            public let description: String
            public init(_ description: String) { self.description = description }
        }

        /// Keeps the body of the last response, for the round-trip check.
        final class Recorder: ClientMiddleware, @unchecked Sendable {
            private let lock = NSLock()
            private var body = Data()
            var lastBody: Data { lock.withLock { body } }
            func intercept(
                _ request: HTTPRequest, operationID: String,
                next: @Sendable (HTTPRequest) async throws -> HTTPResponse
            ) async throws -> HTTPResponse {
                let response = try await next(request)
                lock.withLock { body = response.body }
                return response
            }
        }

        public final class Harness: @unchecked Sendable {
            public let serverURL: URL
            private let recorder = Recorder()
            private let arguments: [String: [String: [String: JSONValue]]]

            public init() {
                let environment = ProcessInfo.processInfo.environment
                guard let port = environment["CONFORMANCE_PORT"], let path = environment["CONFORMANCE_ARGUMENTS"],
                    let url = URL(string: "http://127.0.0.1:\(port)"),
                    let data = FileManager.default.contents(atPath: path),
                    let json = try? JSONCoding.makeDecoder().decode(JSONValue.self, from: data)
                else {
                    FileHandle.standardError.write(Data("CONFORMANCE_PORT and CONFORMANCE_ARGUMENTS must be set\n".utf8))
                    exit(2)
                }
                serverURL = url
                var arguments: [String: [String: [String: JSONValue]]] = [:]
                if case .object(let operations)? = json["operations"] {
                    for (key, entry) in operations {
                        for variant in ["minimal", "full"] {
                            if case .object(let values)? = entry[variant] { arguments[key, default: [:]][variant] = values }
                        }
                    }
                }
                self.arguments = arguments
            }

            public var middlewares: [any ClientMiddleware] { [recorder] }

            /// The judge's URL with a server's `path` (`/v1`): the judge checks the base path.
            public func url(path: String) -> URL {
                URL(string: serverURL.absoluteString + path) ?? serverURL
            }

            /// Every server an operation names, sent to the judge too, with its path.
            public func overrides(_ servers: [(server: String, path: String)]) -> [String: URL] {
                Dictionary(servers.map { ($0.server, url(path: $0.path)) }, uniquingKeysWith: { first, _ in first })
            }

            /// Runs one call and prints its line.
            public func call(
                _ number: Int, operation: String, status: String, variant: String, expect: Expectation,
                _ body: (Arguments, RequestOptions) async throws -> Observation
            ) async {
                let arguments = Arguments(values: self.arguments[operation]?[variant] ?? [:], operation: operation)
                let options = RequestOptions(
                    timeout: 30, retryPolicy: .disabled,
                    headers: [
                        "X-Conformance-Call": String(number), "X-Conformance-Operation": operation,
                        "X-Conformance-Status": status, "X-Conformance-Variant": variant,
                    ])
                let observation: Observation
                do {
                    observation = try await body(arguments, options)
                } catch {
                    observation = .threw(describe(error))
                }
                var problem: String?
                switch (observation, expect) {
                case (.returned(let found), .success): problem = found
                case (.documentedError(_, let found), .failure): problem = found
                case (.returned, .failure): problem = "returned, but status \(status) is a documented error"
                case (.documentedError(let code, _), .success):
                    problem = "threw APIError (status \(code)), but status \(status) is a documented success"
                case (.threw(let text), _): problem = text
                }
                var line: [String: JSONValue] = [
                    "call": .integer(Int64(number)), "operation": .string(operation), "status": .string(status),
                    "variant": .string(variant),
                ]
                if let problem { line["problem"] = .string(problem) }
                let data = (try? JSONCoding.makeEncoder().encode(JSONValue.object(line))) ?? Data()
                FileHandle.standardOutput.write(data + Data("\n".utf8))
            }

            /// nil when `stream` yields exactly `count` items, each decoded; otherwise what went wrong.
            public func consume<Item>(_ stream: AsyncThrowingStream<Item, any Error>, expecting count: Int) async -> String? {
                var received = 0
                do {
                    for try await _ in stream { received += 1 }
                } catch {
                    return "streamed item \(received + 1): \(describe(error))"
                }
                return received == count ? nil : "the stream yielded \(received) item(s), the judge sent \(count)"
            }

            /// nil when `value`, encoded again, says what the last response's body said.
            public func roundTrip<T: Encodable>(_ value: T?) -> String? {
                guard let value else { return "no value, but the response documents a body" }
                let original: JSONValue
                do {
                    original = try JSONCoding.makeDecoder().decode(JSONValue.self, from: recorder.lastBody)
                } catch {
                    return "the response body is not JSON: \(describe(error))"
                }
                let again: JSONValue
                do {
                    again = try JSONCoding.makeDecoder().decode(
                        JSONValue.self, from: JSONCoding.makeEncoder().encode(value))
                } catch {
                    return "the decoded \(T.self) cannot be encoded again: \(describe(error))"
                }
                return Self.difference(original, again, at: "")
            }

            /// Where `again` (the decoded value encoded again) differs from `original` (the body).
            static func difference(_ original: JSONValue, _ again: JSONValue, at path: String) -> String? {
                let place = path.isEmpty ? "the body" : path
                switch (original, again) {
                case (.object(let old), .object(let new)):
                    for key in old.keys.sorted() where old[key] != .null {
                        guard let value = new[key] else { return "round trip lost \(place).\(key)" }
                        if let found = difference(old[key]!, value, at: path + "." + key) { return found }
                    }
                    for key in new.keys.sorted() where old[key] == nil && new[key] != .null {
                        return "round trip added \(place).\(key)"
                    }
                    return nil
                case (.array(let old), .array(let new)):
                    guard old.count == new.count else {
                        return "round trip changed \(place) from \(old.count) to \(new.count) items"
                    }
                    for (index, pair) in zip(old, new).enumerated() {
                        if let found = difference(pair.0, pair.1, at: path + "[\(index)]") { return found }
                    }
                    return nil
                case (.string(let old), .string(let new)):
                    if old == new { return nil }
                    if let first = RFC3339.date(from: old), let second = RFC3339.date(from: new),
                        abs(first.timeIntervalSince(second)) < 0.001
                    {
                        return nil
                    }
                    return "round trip changed \(place) from \(excerpt(old)) to \(excerpt(new))"
                default:
                    if let old = number(original), let new = number(again), old == new { return nil }
                    if original == again { return nil }
                    return "round trip changed \(place) from \(excerpt("\(original)")) to \(excerpt("\(again)"))"
                }
            }

            static func number(_ value: JSONValue) -> Double? {
                switch value {
                case .integer(let number): Double(number)
                case .number(let number): number
                default: nil
                }
            }

            static func excerpt(_ text: String) -> String { text.count > 60 ? "\(text.prefix(60))…" : text }
        }

        /// An error in one line; decoding errors with their coding path.
        public func describe(_ error: any Error) -> String {
            if let error = error as? DecodingError {
                let context: DecodingError.Context
                switch error {
                case .typeMismatch(_, let found), .valueNotFound(_, let found), .keyNotFound(_, let found),
                    .dataCorrupted(let found):
                    context = found
                @unknown default:
                    return "\(error)"
                }
                let path = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
                    .joined(separator: ".")
                return "decoding failed at \(path.isEmpty ? "the top level" : path): \(context.debugDescription)"
            }
            return String("\(error)".prefix(400))
        }
        """#
}
