import Foundation

/// Checks that a webhook delivery was signed by its sender, before anything decodes its body.
///
/// Configure one with the secret the provider gave you, and call ``verify(body:headers:now:)``
/// with the raw body exactly as received (not JSON decoded and encoded again) and the request's
/// headers:
///
/// ```swift
/// let verifier = WebhookVerifier.calendly(signingKey: signingKeyFromTheEnvironment)
/// do {
///     try verifier.verify(body: rawBody, headers: headers)
/// } catch let error as WebhookVerificationError {
///     // Refuse the delivery (401) and log error.description: it says what is wrong, never the secret.
/// }
/// ```
///
/// Signatures are compared in constant time. Calendly and Standard Webhooks deliveries carry
/// the time they were signed, and a delivery signed longer ago (or further ahead) than the
/// tolerance is refused, so a captured delivery cannot be replayed later. The secret never
/// appears in a description, `dump` or error.
public struct WebhookVerifier: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// How a signature header writes the HMAC-SHA256 bytes.
    public enum SignatureEncoding: String, Hashable, Sendable {
        /// Hexadecimal digits, either case (GitHub's `X-Hub-Signature-256`).
        case hex
        /// Standard base64 with padding.
        case base64
    }

    /// Shown instead of the verifier's configuration, without its secret.
    public let description: String
    private let check: @Sendable (_ body: Data, _ headers: HTTPHeaders, _ now: Date) throws -> Void

    private init(
        description: String,
        check: @escaping @Sendable (_ body: Data, _ headers: HTTPHeaders, _ now: Date) throws -> Void
    ) {
        self.description = description
        self.check = check
    }

    /// Throws a ``WebhookVerificationError`` unless `body` and `headers` are a delivery signed
    /// with this verifier's secret, at a time within its tolerance of `now`.
    ///
    /// - Parameters:
    ///   - body: The request body, byte for byte as received.
    ///   - headers: The request headers; names compare case-insensitively.
    ///   - now: The current time, against which the signature's timestamp is checked.
    public func verify(body: Data, headers: HTTPHeaders, now: Date = Date()) throws {
        try check(body, headers, now)
    }

    public var debugDescription: String { description }

    /// No children, so `dump` and debuggers show no secret.
    public var customMirror: Mirror { Mirror(self, children: []) }

    // MARK: Schemes

    /// Calendly's webhook signatures: `Calendly-Webhook-Signature: t=<unix seconds>,v1=<hex>`,
    /// where the `v1` value is the HMAC-SHA256 of `<t>.<body>` keyed with the webhook
    /// subscription's signing key.
    ///
    /// ```swift
    /// let verifier = WebhookVerifier.calendly(signingKey: "my-signing-key")
    /// try verifier.verify(body: rawBody, headers: headers)
    /// ```
    ///
    /// - Parameters:
    ///   - signingKey: The `signing_key` given when creating the webhook subscription. An empty
    ///     key makes every delivery fail verification with ``WebhookVerificationError/Reason/invalidSecret``.
    ///   - tolerance: How far, in seconds, `t` may be from the current time, before or after.
    public static func calendly(signingKey: String, tolerance: TimeInterval = 180) -> WebhookVerifier {
        let keyed = HMACSHA256(key: Data(signingKey.utf8))
        let isKeyEmpty = signingKey.isEmpty
        let header = "Calendly-Webhook-Signature"
        return WebhookVerifier(
            description: "WebhookVerifier.calendly(signingKey: <redacted>, tolerance: \(seconds(tolerance)))"
        ) { body, headers, now in
            guard !isKeyEmpty else { throw WebhookVerificationError(.invalidSecret) }
            let value = try requiredValue(header, in: headers)
            var timestamp: Substring?
            var signatures: [Substring] = []
            for field in value.split(separator: ",", omittingEmptySubsequences: false) {
                let field = field.trimmingCharacters(in: .whitespaces)
                guard let equals = field.firstIndex(of: "=") else {
                    throw WebhookVerificationError(.malformedHeader(header))
                }
                let value = field[field.index(after: equals)...]
                switch field[..<equals] {
                case "t":
                    guard timestamp == nil else { throw WebhookVerificationError(.malformedHeader(header)) }
                    timestamp = value
                case "v1":
                    signatures.append(value)
                default:
                    continue  // Other schemes' signatures, for rotation to a new one.
                }
            }
            guard let timestamp, let signedAt = unixTime(timestamp) else {
                throw WebhookVerificationError(.malformedHeader(header))
            }
            guard !signatures.isEmpty else { throw WebhookVerificationError(.missingSignature(header: header)) }
            var code = keyed
            code.update(Data("\(timestamp).".utf8))
            code.update(body)
            let expected = code.finalize()
            guard matchesAny(expected, signatures.map { decodeHex($0) }) else {
                throw WebhookVerificationError(.signatureMismatch)
            }
            try checkAge(signedAt: signedAt, now: now, tolerance: tolerance)
        }
    }

    /// The Standard Webhooks scheme (standardwebhooks.com), which Svix and others sign with:
    /// headers `webhook-id`, `webhook-timestamp` (unix seconds) and `webhook-signature`, a
    /// space-separated list of `v1,<base64>` signatures of which one must match. Each is the
    /// HMAC-SHA256 of `<id>.<timestamp>.<body>` keyed with the secret's decoded bytes. Several
    /// signatures let the sender rotate secrets; entries of other versions (`v1a`) are skipped.
    ///
    /// ```swift
    /// let verifier = try WebhookVerifier.standardWebhooks(secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
    /// try verifier.verify(body: rawBody, headers: headers)
    /// ```
    ///
    /// - Parameters:
    ///   - secret: `whsec_` followed by the base64 of the key, as the sender shows it; the
    ///     base64 alone is accepted too.
    ///   - tolerance: How far, in seconds, `webhook-timestamp` may be from the current time.
    /// - Throws: ``WebhookVerificationError`` with ``WebhookVerificationError/Reason/invalidSecret``
    ///   when the secret is not base64 or is empty; the error does not show it.
    public static func standardWebhooks(secret: String, tolerance: TimeInterval = 300) throws -> WebhookVerifier {
        let encoded = secret.hasPrefix("whsec_") ? String(secret.dropFirst("whsec_".count)) : secret
        guard let decoded = Data(base64Encoded: encoded), !decoded.isEmpty else {
            throw WebhookVerificationError(.invalidSecret)
        }
        let keyed = HMACSHA256(key: decoded)
        return WebhookVerifier(
            description: "WebhookVerifier.standardWebhooks(secret: <redacted>, tolerance: \(seconds(tolerance)))"
        ) { body, headers, now in
            let id = try requiredValue("webhook-id", in: headers)
            let timestamp = try requiredValue("webhook-timestamp", in: headers)
            let list = try requiredValue("webhook-signature", in: headers)
            guard let signedAt = unixTime(Substring(timestamp)) else {
                throw WebhookVerificationError(.malformedHeader("webhook-timestamp"))
            }
            var signatures: [Substring] = []
            for entry in list.split(separator: " ") {
                guard let comma = entry.firstIndex(of: ","), entry[..<comma] == "v1" else { continue }
                signatures.append(entry[entry.index(after: comma)...])
            }
            guard !signatures.isEmpty else {
                throw WebhookVerificationError(.missingSignature(header: "webhook-signature"))
            }
            var code = keyed
            code.update(Data("\(id).\(timestamp).".utf8))
            code.update(body)
            let expected = code.finalize()
            guard matchesAny(expected, signatures.map { Data(base64Encoded: String($0)).map { [UInt8]($0) } }) else {
                throw WebhookVerificationError(.signatureMismatch)
            }
            try checkAge(signedAt: signedAt, now: now, tolerance: tolerance)
        }
    }

    /// An HMAC-SHA256 of the body alone in one header, as GitHub signs deliveries
    /// (`X-Hub-Signature-256: sha256=<hex>`).
    ///
    /// Such a signature carries no timestamp, so a captured delivery can be replayed as it is:
    /// prefer a scheme with one where the sender offers it, and treat deliveries as idempotent.
    ///
    /// ```swift
    /// let github = WebhookVerifier.hmacSHA256(header: "X-Hub-Signature-256", secret: "my-webhook-secret")
    /// try github.verify(body: rawBody, headers: headers)
    /// ```
    ///
    /// - Parameters:
    ///   - header: The header holding the signature.
    ///   - secret: The shared secret; its UTF-8 bytes are the key. An empty secret makes every
    ///     delivery fail verification with ``WebhookVerificationError/Reason/invalidSecret``.
    ///   - encoding: How the header writes the signature's bytes.
    ///   - prefix: Text the header value must start with before the signature, or nil for none.
    public static func hmacSHA256(
        header: String, secret: String, encoding: SignatureEncoding = .hex, prefix: String? = "sha256="
    ) -> WebhookVerifier {
        let keyed = HMACSHA256(key: Data(secret.utf8))
        let isKeyEmpty = secret.isEmpty
        let shownPrefix = prefix.map { "\"\($0)\"" } ?? "nil"
        return WebhookVerifier(
            description: "WebhookVerifier.hmacSHA256(header: \"\(header)\", secret: <redacted>, "
                + "encoding: .\(encoding.rawValue), prefix: \(shownPrefix))"
        ) { body, headers, _ in
            guard !isKeyEmpty else { throw WebhookVerificationError(.invalidSecret) }
            var value = Substring(try requiredValue(header, in: headers))
            if let prefix {
                guard value.hasPrefix(prefix) else { throw WebhookVerificationError(.malformedHeader(header)) }
                value = value.dropFirst(prefix.count)
            }
            let received: [UInt8]? =
                switch encoding {
                case .hex: decodeHex(value)
                case .base64: Data(base64Encoded: String(value)).map { [UInt8]($0) }
                }
            guard let received else { throw WebhookVerificationError(.malformedHeader(header)) }
            var code = keyed
            code.update(body)
            guard HMACSHA256.constantTimeEquals(code.finalize(), received) else {
                throw WebhookVerificationError(.signatureMismatch)
            }
        }
    }

    /// A scheme this type does not know: `verify` runs the closure, which throws to refuse the
    /// delivery (preferably a ``WebhookVerificationError``, whose text never shows a secret).
    ///
    /// - Parameters:
    ///   - name: Shown in the verifier's description; put no secret in it.
    ///   - verify: Given the raw body, the headers and the current time.
    public static func custom(
        _ name: String, verify: @escaping @Sendable (_ body: Data, _ headers: HTTPHeaders, _ now: Date) throws -> Void
    ) -> WebhookVerifier {
        WebhookVerifier(description: "WebhookVerifier.custom(\"\(name)\")", check: verify)
    }

    /// Accepts every delivery without checking anything. Unsafe: anyone who learns the
    /// endpoint's URL can send it forged events. Only for local development and tests, or
    /// when something in front of the app (a gateway) has already verified the signature.
    ///
    /// Not named `none`, which would be mistaken for `Optional.none` where a verifier is optional.
    public static let insecureNoVerification = WebhookVerifier(
        description: "WebhookVerifier.insecureNoVerification"
    ) { _, _, _ in }

    // MARK: Helpers

    /// The value of `name`, which must be present and not empty.
    private static func requiredValue(_ name: String, in headers: HTTPHeaders) throws -> String {
        guard let value = headers[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else {
            throw WebhookVerificationError(.missingHeader(name))
        }
        return value
    }

    /// Unix seconds written as 1 to 18 ASCII digits, as a date.
    private static func unixTime(_ text: Substring) -> Date? {
        guard (1...18).contains(text.utf8.count), text.utf8.allSatisfy({ (0x30...0x39).contains($0) }),
            let seconds = Int64(text)
        else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    /// Throws unless `signedAt` is within `tolerance` seconds of `now`, before or after.
    private static func checkAge(signedAt: Date, now: Date, tolerance: TimeInterval) throws {
        let age = now.timeIntervalSince(signedAt)
        guard abs(age) <= tolerance else {
            throw WebhookVerificationError(.timestampOutsideTolerance(age: age, tolerance: tolerance))
        }
    }

    /// Whether any of `candidates` (nil where a signature did not decode) equals `expected`,
    /// comparing each in constant time.
    private static func matchesAny(_ expected: [UInt8], _ candidates: [[UInt8]?]) -> Bool {
        var matched = false
        for case let candidate? in candidates where HMACSHA256.constantTimeEquals(expected, candidate) {
            matched = true
        }
        return matched
    }

    /// The bytes written by an even number of hexadecimal digits of either case.
    private static func decodeHex(_ text: Substring) -> [UInt8]? {
        let digits = Array(text.utf8)
        guard digits.count % 2 == 0 else { return nil }
        func value(_ digit: UInt8) -> UInt8? {
            switch digit {
            case 0x30...0x39: digit - 0x30
            case 0x41...0x46: digit - 0x41 + 10
            case 0x61...0x66: digit - 0x61 + 10
            default: nil
            }
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let high = value(digits[index]), let low = value(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
        }
        return bytes
    }
}

/// `180 seconds`, or `0.5 seconds`: to a tenth of a second.
private func seconds(_ interval: TimeInterval) -> String {
    let tenths = (interval * 10).rounded() / 10
    if tenths.isFinite, tenths.rounded() == tenths, abs(tenths) < 1e15 { return "\(Int64(tenths)) seconds" }
    return "\(tenths) seconds"
}

/// A webhook delivery failed verification, or a verifier was configured with an unusable secret.
///
/// The description says what is wrong and names the header concerned, but never shows a
/// secret, an expected signature or a header's value.
public struct WebhookVerificationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What is wrong.
    public enum Reason: Hashable, Sendable {
        /// A header the scheme needs is absent or empty.
        case missingHeader(String)
        /// A header the scheme needs does not have the scheme's format (or its timestamp is not unix seconds).
        case malformedHeader(String)
        /// The signature header has no signature of the version this verifier checks (`v1`).
        case missingSignature(header: String)
        /// No signature in the delivery matches its body: it was changed, or signed with another secret.
        case signatureMismatch
        /// The signature is valid but was made `age` seconds ago (negative: in the future), more
        /// than `tolerance` away from now: a replayed delivery, or a clock out of sync.
        case timestampOutsideTolerance(age: TimeInterval, tolerance: TimeInterval)
        /// The verifier's secret is empty or, for Standard Webhooks, not base64.
        case invalidSecret
    }

    public let reason: Reason

    public init(_ reason: Reason) { self.reason = reason }

    public var description: String {
        switch reason {
        case .missingHeader(let name):
            "webhook signature verification failed: the '\(name)' header is missing"
        case .malformedHeader(let name):
            "webhook signature verification failed: the '\(name)' header is malformed"
        case .missingSignature(let header):
            "webhook signature verification failed: the '\(header)' header has no v1 signature"
        case .signatureMismatch:
            "webhook signature verification failed: no signature matches the body "
                + "(the body was changed, or signed with another secret)"
        case .timestampOutsideTolerance(let age, let tolerance) where age < 0:
            "webhook signature verification failed: signed \(seconds(-age)) in the future, more than the "
                + "\(seconds(tolerance)) allowed (check the clock)"
        case .timestampOutsideTolerance(let age, let tolerance):
            "webhook signature verification failed: signed \(seconds(age)) ago, more than the "
                + "\(seconds(tolerance)) allowed (a replayed delivery, or a clock out of sync)"
        case .invalidSecret:
            "webhook verifier misconfigured: its secret is empty or not in the expected format (not shown)"
        }
    }
}
