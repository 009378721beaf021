import Foundation
import OpenAPIGenRuntime
import XCTest

/// Webhook signature verification: deliveries signed as Calendly, Standard Webhooks and GitHub
/// sign them (expected values from Python's `hmac` module and the Standard Webhooks libraries'
/// published vector), and each way a delivery can be refused.
final class WebhookVerifierTests: XCTestCase {
    private let calendlyKey = "calendly-signing-key-123"
    private let calendlyBody = Data(#"{"event":"invitee.created","payload":{"email":"ada@example.com"}}"#.utf8)
    private let calendlyTime = Date(timeIntervalSince1970: 1_700_000_000)
    /// `hmac.new(b"calendly-signing-key-123", b"1700000000." + body, hashlib.sha256).hexdigest()`.
    private let calendlySignature = "7b38605cd8884f20cdb8ff3ae5863b6598a5e3cc8b9834327e3f4af57a960d18"

    /// The Standard Webhooks libraries' signing test: secret, message id, timestamp, payload and signature.
    private let standardSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
    private let standardID = "msg_p5jXN8AQM9LWM0D4loKWxJek"
    private let standardTime = Date(timeIntervalSince1970: 1_614_265_330)
    private let standardBody = Data(#"{"test": 2432232314}"#.utf8)
    private let standardSignature = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="

    private var calendly: WebhookVerifier { .calendly(signingKey: calendlyKey) }

    private func calendlyHeaders(_ value: String) -> HTTPHeaders { ["Calendly-Webhook-Signature": value] }

    private func standardHeaders(signature: String? = nil) -> HTTPHeaders {
        [
            "webhook-id": standardID, "webhook-timestamp": "1614265330",
            "webhook-signature": signature ?? standardSignature,
        ]
    }

    /// Signs as Calendly does, with this module's HMAC.
    private func calendlySign(_ body: Data, key: String, at time: Int) -> String {
        let code = HMACSHA256.authenticationCode(for: Data("\(time).".utf8) + body, key: Data(key.utf8))
        return "t=\(time),v1=\(hex(code))"
    }

    private func assertRejects(
        _ verifier: WebhookVerifier, body: Data, headers: HTTPHeaders, now: Date,
        _ expected: WebhookVerificationError.Reason, file: StaticString = #filePath, line: UInt = #line
    ) {
        XCTAssertThrowsError(try verifier.verify(body: body, headers: headers, now: now), file: file, line: line) {
            XCTAssertEqual(($0 as? WebhookVerificationError)?.reason, expected, "\($0)", file: file, line: line)
        }
    }

    // MARK: Calendly

    func testCalendlyAcceptsADeliverySignedWithTheKey() throws {
        let headers = calendlyHeaders("t=1700000000,v1=\(calendlySignature)")
        try calendly.verify(body: calendlyBody, headers: headers, now: calendlyTime.addingTimeInterval(10))
        // Names compare case-insensitively; spaces after commas and uppercase hex are accepted.
        let relaxed: HTTPHeaders = ["calendly-webhook-signature": "t=1700000000, v1=\(calendlySignature.uppercased())"]
        try calendly.verify(body: calendlyBody, headers: relaxed, now: calendlyTime)
        XCTAssertEqual(calendlySign(calendlyBody, key: calendlyKey, at: 1_700_000_000), headers.fields[0].value)
    }

    func testCalendlyRefusesATamperedBodyOrAnotherKey() {
        let headers = calendlyHeaders("t=1700000000,v1=\(calendlySignature)")
        var tampered = calendlyBody
        tampered[tampered.count - 3] = UInt8(ascii: "X")
        assertRejects(calendly, body: tampered, headers: headers, now: calendlyTime, .signatureMismatch)
        assertRejects(
            .calendly(signingKey: "another-key"), body: calendlyBody, headers: headers, now: calendlyTime,
            .signatureMismatch)
        // The timestamp is signed too: the same signature with another `t` does not verify.
        assertRejects(
            calendly, body: calendlyBody, headers: calendlyHeaders("t=1700000001,v1=\(calendlySignature)"),
            now: calendlyTime, .signatureMismatch)
        assertRejects(
            calendly, body: calendlyBody, headers: calendlyHeaders("t=1700000000,v1=zz"), now: calendlyTime,
            .signatureMismatch)
    }

    func testCalendlyRefusesTimestampsOutsideTheTolerance() throws {
        let headers = calendlyHeaders("t=1700000000,v1=\(calendlySignature)")
        try calendly.verify(body: calendlyBody, headers: headers, now: calendlyTime.addingTimeInterval(180))
        try calendly.verify(body: calendlyBody, headers: headers, now: calendlyTime.addingTimeInterval(-180))
        assertRejects(
            calendly, body: calendlyBody, headers: headers, now: calendlyTime.addingTimeInterval(181),
            .timestampOutsideTolerance(age: 181, tolerance: 180))
        assertRejects(
            calendly, body: calendlyBody, headers: headers, now: calendlyTime.addingTimeInterval(-600),
            .timestampOutsideTolerance(age: -600, tolerance: 180))
        let lenient = WebhookVerifier.calendly(signingKey: calendlyKey, tolerance: 3600)
        try lenient.verify(body: calendlyBody, headers: headers, now: calendlyTime.addingTimeInterval(3000))
        // A freshly signed delivery passes with the default clock.
        let now = Int(Date().timeIntervalSince1970)
        let fresh = calendlyHeaders(calendlySign(calendlyBody, key: calendlyKey, at: now))
        try calendly.verify(body: calendlyBody, headers: fresh)
    }

    func testCalendlyRefusesMissingAndMalformedHeaders() {
        let name = "Calendly-Webhook-Signature"
        assertRejects(calendly, body: calendlyBody, headers: [:], now: calendlyTime, .missingHeader(name))
        assertRejects(
            calendly, body: calendlyBody, headers: calendlyHeaders(" "), now: calendlyTime, .missingHeader(name))
        for value in [
            "garbage", "v1=\(calendlySignature)", "t=abc,v1=\(calendlySignature)", "t=-5,v1=\(calendlySignature)",
            "t=,v1=\(calendlySignature)", "t=1700000000,t=1700000000,v1=\(calendlySignature)",
            "t=1700000000,,v1=\(calendlySignature)",
        ] {
            assertRejects(
                calendly, body: calendlyBody, headers: calendlyHeaders(value), now: calendlyTime,
                .malformedHeader(name))
        }
        assertRejects(
            calendly, body: calendlyBody, headers: calendlyHeaders("t=1700000000,v0=\(calendlySignature)"),
            now: calendlyTime, .missingSignature(header: name))
    }

    func testCalendlyAcceptsAnyValidV1AmongSeveral() throws {
        let wrong = String(repeating: "0", count: 64)
        let headers = calendlyHeaders("t=1700000000,v1=\(wrong),v1=\(calendlySignature),v0=abc")
        try calendly.verify(body: calendlyBody, headers: headers, now: calendlyTime)
    }

    func testAnEmptySigningKeyRefusesEverything() {
        let headers = calendlyHeaders(calendlySign(calendlyBody, key: "", at: 1_700_000_000))
        assertRejects(
            .calendly(signingKey: ""), body: calendlyBody, headers: headers, now: calendlyTime, .invalidSecret)
        assertRejects(
            .hmacSHA256(header: "X-Sig", secret: ""), body: calendlyBody,
            headers: ["X-Sig": "sha256=" + hex(HMACSHA256.authenticationCode(for: calendlyBody, key: [UInt8]()))],
            now: calendlyTime, .invalidSecret)
    }

    // MARK: Standard Webhooks

    func testStandardWebhooksPublishedVector() throws {
        let verifier = try WebhookVerifier.standardWebhooks(secret: standardSecret)
        try verifier.verify(body: standardBody, headers: standardHeaders(), now: standardTime)
        let unprefixed = try WebhookVerifier.standardWebhooks(secret: "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
        try unprefixed.verify(body: standardBody, headers: standardHeaders(), now: standardTime.addingTimeInterval(300))
        // Python: base64(hmac(b64decode(key), b"msg_….1614265330." + body)) gives the same value.
        let key = try XCTUnwrap(Data(base64Encoded: "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"))
        let code = HMACSHA256.authenticationCode(for: Data("\(standardID).1614265330.".utf8) + standardBody, key: key)
        XCTAssertEqual("v1," + Data(code).base64EncodedString(), standardSignature)
    }

    func testStandardWebhooksAcceptsOneValidSignatureAmongSeveral() throws {
        let verifier = try WebhookVerifier.standardWebhooks(secret: standardSecret)
        let other = "Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc="
        let list = "v1,\(other) v2,\(other) v1a,\(other) \(standardSignature) v1,%%notbase64 v1,\(other)"
        try verifier.verify(body: standardBody, headers: standardHeaders(signature: list), now: standardTime)
        assertRejects(
            verifier, body: standardBody, headers: standardHeaders(signature: "v1,\(other) v1,%%notbase64"),
            now: standardTime, .signatureMismatch)
        assertRejects(
            verifier, body: standardBody, headers: standardHeaders(signature: "v1a,\(other) v2,\(other) nocomma"),
            now: standardTime, .missingSignature(header: "webhook-signature"))
    }

    func testStandardWebhooksRefusesTamperingAndOtherSecrets() throws {
        let verifier = try WebhookVerifier.standardWebhooks(secret: standardSecret)
        assertRejects(
            verifier, body: Data(#"{"test": 2432232315}"#.utf8), headers: standardHeaders(), now: standardTime,
            .signatureMismatch)
        var otherID = standardHeaders()
        otherID["webhook-id"] = "msg_other"
        assertRejects(verifier, body: standardBody, headers: otherID, now: standardTime, .signatureMismatch)
        var otherTime = standardHeaders()
        otherTime["webhook-timestamp"] = "1614265331"
        assertRejects(verifier, body: standardBody, headers: otherTime, now: standardTime, .signatureMismatch)
        let otherKey = Data(repeating: 7, count: 24).base64EncodedString()
        let otherSecret = try WebhookVerifier.standardWebhooks(secret: "whsec_" + otherKey)
        assertRejects(
            otherSecret, body: standardBody, headers: standardHeaders(), now: standardTime, .signatureMismatch)
    }

    func testStandardWebhooksRefusesOldAndFutureTimestamps() throws {
        let verifier = try WebhookVerifier.standardWebhooks(secret: standardSecret)
        assertRejects(
            verifier, body: standardBody, headers: standardHeaders(), now: standardTime.addingTimeInterval(301),
            .timestampOutsideTolerance(age: 301, tolerance: 300))
        assertRejects(
            verifier, body: standardBody, headers: standardHeaders(), now: standardTime.addingTimeInterval(-301),
            .timestampOutsideTolerance(age: -301, tolerance: 300))
        // With today's clock, the 2021 vector is a replay.
        XCTAssertThrowsError(try verifier.verify(body: standardBody, headers: standardHeaders())) {
            guard case .timestampOutsideTolerance(let age, 300)? = ($0 as? WebhookVerificationError)?.reason else {
                return XCTFail("\($0)")
            }
            XCTAssertGreaterThan(age, 150_000_000)
        }
    }

    func testStandardWebhooksRefusesMissingAndMalformedHeaders() throws {
        let verifier = try WebhookVerifier.standardWebhooks(secret: standardSecret)
        for name in ["webhook-id", "webhook-timestamp", "webhook-signature"] {
            var headers = standardHeaders()
            headers[name] = nil
            assertRejects(verifier, body: standardBody, headers: headers, now: standardTime, .missingHeader(name))
        }
        for timestamp in ["1614265330.0", "abc", "-1614265330", "+1614265330", "1614265330000000000000"] {
            var headers = standardHeaders()
            headers["webhook-timestamp"] = timestamp
            assertRejects(
                verifier, body: standardBody, headers: headers, now: standardTime,
                .malformedHeader("webhook-timestamp"))
        }
    }

    func testStandardWebhooksRefusesUnusableSecrets() {
        for secret in ["", "whsec_", "whsec_not base64!", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaS"] {
            XCTAssertThrowsError(try WebhookVerifier.standardWebhooks(secret: secret), secret) {
                XCTAssertEqual(($0 as? WebhookVerificationError)?.reason, .invalidSecret)
                XCTAssertFalse(secret.count > 6 && "\($0)".contains(secret.dropFirst(6)), "\($0)")
            }
        }
    }

    // MARK: Single-header HMAC (GitHub)

    func testGitHubStyleSignatures() throws {
        // GitHub's documented example: secret "It's a Secret to Everybody", body "Hello, World!".
        let secret = "It's a Secret to Everybody"
        let body = Data("Hello, World!".utf8)
        let now = Date(timeIntervalSince1970: 0)
        let github = WebhookVerifier.hmacSHA256(header: "X-Hub-Signature-256", secret: secret)
        let valid = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"
        try github.verify(body: body, headers: ["x-hub-signature-256": valid], now: now)
        assertRejects(
            github, body: Data("Hello, World?".utf8), headers: ["X-Hub-Signature-256": valid], now: now,
            .signatureMismatch)
        assertRejects(
            .hmacSHA256(header: "X-Hub-Signature-256", secret: "another"), body: body,
            headers: ["X-Hub-Signature-256": valid], now: now, .signatureMismatch)
        assertRejects(github, body: body, headers: [:], now: now, .missingHeader("X-Hub-Signature-256"))
        for value in [String(valid.dropFirst(7)), "sha256=xyz", "sha1=" + valid.dropFirst(7), "sha256=abc"] {
            assertRejects(
                github, body: body, headers: ["X-Hub-Signature-256": value], now: now,
                .malformedHeader("X-Hub-Signature-256"))
        }
        let base64 = WebhookVerifier.hmacSHA256(header: "X-Signature", secret: secret, encoding: .base64, prefix: nil)
        try base64.verify(
            body: body, headers: ["X-Signature": "dXEH6g6yUJ/CESIczphLijdXC211hsIsRvQ3nIsEPhc="], now: now)
        assertRejects(
            base64, body: body, headers: ["X-Signature": "not base64"], now: now, .malformedHeader("X-Signature"))
    }

    // MARK: Custom and no verification

    func testCustomAndNoVerification() throws {
        let custom = WebhookVerifier.custom("shared token") { _, headers, _ in
            guard headers["X-Token"] == "t0k3n" else { throw WebhookVerificationError(.signatureMismatch) }
        }
        try custom.verify(body: Data(), headers: ["X-Token": "t0k3n"])
        assertRejects(custom, body: Data(), headers: ["X-Token": "guess"], now: Date(), .signatureMismatch)
        XCTAssertEqual(custom.description, #"WebhookVerifier.custom("shared token")"#)
        try WebhookVerifier.insecureNoVerification.verify(body: Data("forged".utf8), headers: [:])
    }

    // MARK: Redaction

    func testVerifiersNeverShowTheirSecret() throws {
        let verifiers: [(WebhookVerifier, String)] = [
            (calendly, calendlyKey),
            (try .standardWebhooks(secret: standardSecret), "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"),
            (.hmacSHA256(header: "X-Hub-Signature-256", secret: "gh-s3cret"), "gh-s3cret"),
        ]
        for (verifier, secret) in verifiers {
            var dumped = ""
            dump(verifier, to: &dumped)
            for text in [String(describing: verifier), String(reflecting: verifier), dumped] {
                XCTAssertFalse(text.contains(secret), text)
                XCTAssertTrue(text.contains("WebhookVerifier.") && text.contains("<redacted>"), text)
            }
        }
        XCTAssertEqual(
            calendly.description, "WebhookVerifier.calendly(signingKey: <redacted>, tolerance: 180 seconds)")
        XCTAssertEqual(
            try WebhookVerifier.standardWebhooks(secret: standardSecret, tolerance: 0.5).description,
            "WebhookVerifier.standardWebhooks(secret: <redacted>, tolerance: 0.5 seconds)")
        XCTAssertEqual(
            WebhookVerifier.hmacSHA256(header: "X-Hub-Signature-256", secret: "gh-s3cret").description,
            #"WebhookVerifier.hmacSHA256(header: "X-Hub-Signature-256", secret: <redacted>, encoding: .hex, "#
                + #"prefix: "sha256=")"#)
    }

    /// Errors name the header and the problem, never the secret or the signature that was expected.
    func testErrorsShowNeitherSecretNorExpectedSignature() throws {
        let tamperedBody = Data("tampered".utf8)
        let expected = HMACSHA256.authenticationCode(
            for: Data("1700000000.".utf8) + tamperedBody, key: Data(calendlyKey.utf8))
        var errors: [Error] = []
        for (body, value, now) in [
            (tamperedBody, "t=1700000000,v1=\(calendlySignature)", calendlyTime),
            (calendlyBody, "t=1700000000,v1=\(calendlySignature)", calendlyTime.addingTimeInterval(3600)),
            (calendlyBody, "t=1700000000", calendlyTime), (calendlyBody, "nonsense", calendlyTime),
        ] {
            XCTAssertThrowsError(try calendly.verify(body: body, headers: calendlyHeaders(value), now: now)) {
                errors.append($0)
            }
        }
        XCTAssertEqual(errors.count, 4)
        for error in errors {
            var dumped = ""
            dump(error, to: &dumped)
            for text in [String(describing: error), String(reflecting: error), dumped] {
                XCTAssertFalse(text.contains(calendlyKey), text)
                XCTAssertFalse(text.contains(hex(expected)), text)
                XCTAssertFalse(text.contains(Data(expected).base64EncodedString()), text)
            }
        }
        XCTAssertEqual(
            errors.map { "\($0)" },
            [
                "webhook signature verification failed: no signature matches the body "
                    + "(the body was changed, or signed with another secret)",
                "webhook signature verification failed: signed 3600 seconds ago, more than the 180 seconds allowed "
                    + "(a replayed delivery, or a clock out of sync)",
                "webhook signature verification failed: the 'Calendly-Webhook-Signature' header has no v1 signature",
                "webhook signature verification failed: the 'Calendly-Webhook-Signature' header is malformed",
            ])
        XCTAssertEqual(
            WebhookVerificationError(.timestampOutsideTolerance(age: -42.04, tolerance: 30)).description,
            "webhook signature verification failed: signed 42 seconds in the future, more than the 30 seconds "
                + "allowed (check the clock)")
        XCTAssertEqual(
            WebhookVerificationError(.missingHeader("webhook-id")).description,
            "webhook signature verification failed: the 'webhook-id' header is missing")
    }
}
