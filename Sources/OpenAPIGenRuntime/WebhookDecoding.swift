import Foundation

/// A webhook request whose body is not what the spec describes for it, or that names a
/// webhook this version of the SDK does not know.
public struct WebhookDecodingError: Error, CustomStringConvertible {
    /// The webhook the body was decoded as, by the spec's name, when known.
    public let webhook: String?
    /// Where in the body decoding failed, e.g. `payload.email`; empty for the whole body.
    public let codingPath: String
    /// What went wrong there.
    public let reason: String

    public init(webhook: String?, codingPath: String, reason: String) {
        self.webhook = webhook
        self.codingPath = codingPath
        self.reason = reason
    }

    public var description: String {
        let place = codingPath.isEmpty ? "the body" : "'\(codingPath)'"
        let subject = webhook.map { "the '\($0)' webhook" } ?? "a webhook"
        return "\(subject) does not match its schema at \(place): \(reason)"
    }
}

/// What generated webhook enums use to read a verified body.
public enum WebhookDecoding {
    /// The body decoded as `type`, the payload of the webhook the spec names `webhook`.
    public static func decode<T: Decodable>(_ type: T.Type, from body: Data, webhook: String) throws -> T {
        do {
            return try JSONCoding.decode(type, from: body)
        } catch {
            let (codingPath, reason) = ResponseDecodingError.explain(error)
            throw WebhookDecodingError(webhook: webhook, codingPath: codingPath, reason: reason)
        }
    }

    /// The string value of the body's top-level property `name`: the one that tells the
    /// webhooks apart (`event: invitee.created`).
    public static func string(property name: String, in body: Data) throws -> String {
        let object: [String: JSONValue]
        do {
            object = try JSONCoding.decode([String: JSONValue].self, from: body)
        } catch {
            throw WebhookDecodingError(webhook: nil, codingPath: "", reason: "the body is not a JSON object.")
        }
        guard let value = object[name]?.stringValue else {
            throw WebhookDecodingError(
                webhook: nil, codingPath: name,
                reason: "the property that names the webhook is missing or not a string.")
        }
        return value
    }

    /// The error for a body whose `property` names no webhook the SDK knows (one added to
    /// the API after the SDK was generated, say).
    public static func unknownWebhook(_ value: String, property: String) -> WebhookDecodingError {
        WebhookDecodingError(
            webhook: nil, codingPath: property, reason: "'\(value)' names no webhook this version of the SDK knows.")
    }
}
