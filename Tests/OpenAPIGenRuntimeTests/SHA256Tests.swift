import Foundation
import OpenAPIGenRuntime
import XCTest

/// Lowercase hex of `bytes`.
func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

/// SHA-256 against the FIPS 180-4 examples and NIST's vectors; lengths around the 55/56/64-byte
/// padding boundaries against Python's `hashlib.sha256(b"a" * n).hexdigest()`.
final class SHA256Tests: XCTestCase {
    private func sha256(_ text: String) -> String { hex(SHA256Hasher.hash(Data(text.utf8))) }

    func testNISTVectors() {
        XCTAssertEqual(sha256(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(sha256("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(
            sha256("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        XCTAssertEqual(
            sha256(
                "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrs"
                    + "mnopqrstnopqrstu"),
            "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1")
    }

    func testOneMillionAs() {
        let message = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        XCTAssertEqual(
            hex(SHA256Hasher.hash(message)), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    func testLengthsAroundThePaddingBoundaries() {
        let expected: [Int: String] = [
            55: "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318",
            56: "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a",
            63: "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34",
            64: "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb",
            65: "635361c48bb9eab14198e76ea8ab7f1a41685d6ad62aa9146d301d4f17eb0ae0",
            119: "31eba51c313a5c08226adf18d4a359cfdfd8d2e816b13f4af952f7ea6584dcfb",
            120: "2f3d335432c70b580af0e8e1b3674a7c020d683aa5f73aaaedfdc55af904c21c",
            1000: "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3",
        ]
        for (length, digest) in expected {
            XCTAssertEqual(sha256(String(repeating: "a", count: length)), digest, "\(length) bytes")
        }
    }

    /// Any split of the message gives the digest of the whole, including pieces that end inside
    /// the pending block, fill it, or span several blocks.
    func testPiecesGiveTheDigestOfTheWhole() {
        let message = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        let whole = SHA256Hasher.hash(message)
        for pieceSize in [1, 3, 55, 63, 64, 65, 128, 999] {
            var hasher = SHA256Hasher()
            var start = 0
            while start < message.count {
                let end = min(start + pieceSize, message.count)
                message[start..<end].withUnsafeBytes { hasher.update(bufferPointer: $0) }
                start = end
            }
            XCTAssertEqual(hasher.finalize(), whole, "pieces of \(pieceSize)")
        }
        var hasher = SHA256Hasher()
        hasher.update(Data(message.prefix(100)))
        let partial = hasher.finalize()
        hasher.update(message.dropFirst(100))
        XCTAssertEqual(partial, SHA256Hasher.hash(message.prefix(100)), "finalize leaves the hasher as it was")
        XCTAssertEqual(hasher.finalize(), whole)
    }

    func testDescriptionAndDumpShowNoMessageBytes() {
        var hasher = SHA256Hasher()
        hasher.update(Data("s3cr3t-body".utf8))
        var dumped = ""
        dump(hasher, to: &dumped)
        XCTAssertEqual(String(describing: hasher), "SHA256Hasher(11 bytes)")
        for text in [String(reflecting: hasher), dumped] {
            XCTAssertFalse(text.contains("115"), text)  // "s" as a byte
            XCTAssertFalse(text.contains("pending"), text)
        }
    }
}

/// HMAC-SHA256 against RFC 4231's test cases 1–7 and Python's `hmac` module.
final class HMACSHA256Tests: XCTestCase {
    private func hmac(key: [UInt8], _ message: [UInt8]) -> String {
        hex(HMACSHA256.authenticationCode(for: message, key: key))
    }

    private func ascii(_ text: String) -> [UInt8] { Array(text.utf8) }

    func testRFC4231() {
        // 1: a 20-byte key.
        XCTAssertEqual(
            hmac(key: [UInt8](repeating: 0x0b, count: 20), ascii("Hi There")),
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")
        // 2: a key shorter than the code.
        XCTAssertEqual(
            hmac(key: ascii("Jefe"), ascii("what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
        // 3: combined key and data longer than 64 bytes.
        XCTAssertEqual(
            hmac(key: [UInt8](repeating: 0xaa, count: 20), [UInt8](repeating: 0xdd, count: 50)),
            "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe")
        // 4: the same with a 25-byte key.
        XCTAssertEqual(
            hmac(key: Array(1...25), [UInt8](repeating: 0xcd, count: 50)),
            "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b")
        // 5: truncation to 128 bits.
        XCTAssertEqual(
            String(hmac(key: [UInt8](repeating: 0x0c, count: 20), ascii("Test With Truncation")).prefix(32)),
            "a3b6167473100ee06e0c796c2955552b")
        // 6: a 131-byte key, hashed first.
        XCTAssertEqual(
            hmac(
                key: [UInt8](repeating: 0xaa, count: 131),
                ascii("Test Using Larger Than Block-Size Key - Hash Key First")),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")
        // 7: a 131-byte key and a message longer than a block.
        XCTAssertEqual(
            hmac(
                key: [UInt8](repeating: 0xaa, count: 131),
                ascii(
                    "This is a test using a larger than block-size key and a larger than block-size data. "
                        + "The key needs to be hashed before being used by the HMAC algorithm.")),
            "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2")
    }

    /// `hmac.new(b"key", b"msg", hashlib.sha256).hexdigest()` and a key of exactly one block.
    func testAgainstPythonsHMAC() {
        XCTAssertEqual(
            hmac(key: ascii("key"), ascii("msg")), "2d93cbc1be167bcb1637a4a23cbff01a7878f0c50ee833954ea5221bb1b8c628")
        XCTAssertEqual(
            hmac(key: [UInt8](repeating: 0xaa, count: 64), ascii("block-size key")),
            "8d399ac19a777322d6932c70aade08e1cc09c3305a9ea8f1d7e040ac39b11f7b")
    }

    func testPiecesGiveTheCodeOfTheWhole() {
        var code = HMACSHA256(key: Data("key".utf8))
        code.update(Data("m".utf8))
        "sg".utf8.withContiguousStorageIfAvailable { code.update(bufferPointer: UnsafeRawBufferPointer($0)) }
        XCTAssertEqual(hex(code.finalize()), "2d93cbc1be167bcb1637a4a23cbff01a7878f0c50ee833954ea5221bb1b8c628")
    }

    func testConstantTimeEquals() {
        let code = HMACSHA256.authenticationCode(for: ascii("msg"), key: ascii("key"))
        XCTAssertTrue(HMACSHA256.constantTimeEquals(code, code))
        XCTAssertTrue(HMACSHA256.constantTimeEquals([], []))
        for index in [0, 15, 31] {
            var other = code
            other[index] ^= 0x01
            XCTAssertFalse(HMACSHA256.constantTimeEquals(code, other), "differs at \(index)")
        }
        XCTAssertFalse(HMACSHA256.constantTimeEquals(code, Array(code.prefix(31))))
        XCTAssertFalse(HMACSHA256.constantTimeEquals(code, code + [0]))
    }

    func testDescriptionAndDumpShowNoKey() {
        let code = HMACSHA256(key: Data("k3y-s3cret".utf8))
        var dumped = ""
        dump(code, to: &dumped)
        XCTAssertEqual(String(describing: code), "HMACSHA256(key: <redacted>)")
        XCTAssertEqual(String(reflecting: code), "HMACSHA256(key: <redacted>)")
        XCTAssertFalse(dumped.contains("inner") || dumped.contains("outer") || dumped.contains("state"), dumped)
    }
}
