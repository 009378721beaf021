import Foundation

/// Where an API key goes (OpenAPI's `apiKey` scheme `in`).
public enum APIKeyLocation: String, Hashable, Sendable {
    case header, query, cookie
}

/// A credential for one of a spec's security schemes. Generated clients take them at
/// init and send, for each operation, the first of its non-empty `security` alternatives
/// whose schemes all have one (anonymous access, an empty alternative, only when none
/// does). The value never appears in descriptions, logs or errors: not in this type's,
/// nor in the ``HTTPRequest``, ``HTTPHeaders``, ``RequestBuildError`` or ``TransportError``
/// text of a request that carries it. A value with a CR, LF or NUL is never sent.
public struct Credential: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    enum Kind: Sendable {
        case bearer(@Sendable () async throws -> String)
        case basic(username: String, password: String)
        case apiKey(@Sendable () async throws -> String, name: String, location: APIKeyLocation)
    }

    let kind: Kind

    /// `Authorization: Bearer <token>` (http bearer, OAuth 2 and OpenID Connect schemes).
    public static func bearer(_ token: String) -> Credential { Credential(kind: .bearer({ token })) }

    /// A bearer token asked for before every request, so a rotated token is picked up.
    public static func bearer(_ provider: @escaping @Sendable () async throws -> String) -> Credential {
        Credential(kind: .bearer(provider))
    }

    /// `Authorization: Basic <base64(username:password)>`.
    public static func basic(username: String, password: String) -> Credential {
        Credential(kind: .basic(username: username, password: password))
    }

    /// An API key sent as the header, query parameter or cookie `name`.
    public static func apiKey(_ key: String, name: String, in location: APIKeyLocation) -> Credential {
        Credential(kind: .apiKey({ key }, name: name, location: location))
    }

    public var description: String {
        switch kind {
        case .bearer: "Credential.bearer(<redacted>)"
        case .basic: "Credential.basic(<redacted>)"
        case .apiKey(_, let name, let location): "Credential.apiKey(<redacted>, \(location.rawValue) '\(name)')"
        }
    }

    public var debugDescription: String { description }

    /// No children, so `dump` and debuggers show no secret either.
    public var customMirror: Mirror { Mirror(self, children: []) }

    func apply(to builder: inout RequestBuilder) async throws {
        switch kind {
        case .bearer(let token):
            builder.headers["Authorization"] = "Bearer " + (try await token())
        case .basic(let username, let password):
            builder.headers["Authorization"] = "Basic " + Data("\(username):\(password)".utf8).base64EncodedString()
        case .apiKey(let key, let name, .header):
            builder.headers.setCredential(name, try await key())
        case .apiKey(let key, let name, .query):
            builder.addCredentialQueryItem(name, try await key())
        case .apiKey(let key, let name, .cookie):
            builder.addCookie(name, try await key())
        }
    }
}

/// An operation needs credentials the client was not given.
public struct MissingCredentialsError: Error, CustomStringConvertible {
    public let operationID: String
    /// The operation's `security` alternatives: each a set of scheme names that apply together.
    public let alternatives: [[String]]

    public var description: String {
        let options = alternatives.map { $0.map { "'\($0)'" }.joined(separator: " and ") }
        return "operation '\(operationID)' needs credentials for \(options.joined(separator: ", or ")); "
            + "pass them when creating the client"
    }
}

extension ClientCore {
    /// Applies the first of `builder.security`'s non-empty alternatives whose schemes all
    /// have a credential. An empty alternative (anonymous access) is used only when no other
    /// can be, wherever the spec lists it: `[{}, {apiKey: []}]` sends the key when the client
    /// has it. Throws ``MissingCredentialsError`` when no alternative can be used.
    func applyCredentials(to builder: inout RequestBuilder, operationID: String) async throws {
        let alternatives = builder.security
        guard !alternatives.isEmpty else { return }
        for alternative in alternatives
        where !alternative.isEmpty && alternative.allSatisfy({ credentials[$0] != nil }) {
            for name in alternative { try await credentials[name]!.apply(to: &builder) }
            return
        }
        if alternatives.contains(where: \.isEmpty) { return }
        throw MissingCredentialsError(operationID: operationID, alternatives: alternatives)
    }
}
