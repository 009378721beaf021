import Foundation

/// HMAC-SHA256 (RFC 2104 with SHA-256), the message authentication code most webhook
/// providers sign their deliveries with.
///
/// ```swift
/// let code = HMACSHA256.authenticationCode(for: Data("message".utf8), key: Data("secret".utf8))
/// let valid = HMACSHA256.constantTimeEquals(code, receivedCode)
///
/// var hmac = HMACSHA256(key: Data("secret".utf8))   // or in pieces
/// hmac.update(Data("mess".utf8))
/// hmac.update(Data("age".utf8))
/// let same = hmac.finalize()
/// ```
///
/// A value holds state derived from the key, as good as the key for forging codes: its
/// description and `dump` show nothing of it.
public struct HMACSHA256: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The size of an authentication code, in bytes.
    public static let byteCount = SHA256Hasher.digestByteCount

    /// The hash of `key XOR ipad`, fed the message.
    private var inner = SHA256Hasher()
    /// The hash of `key XOR opad`, fed the inner digest at the end.
    private var outer = SHA256Hasher()

    /// Starts a code with `key`: keys longer than 64 bytes are hashed first, as RFC 2104 says.
    public init(key: some DataProtocol) {
        var block = [UInt8](key)
        if block.count > SHA256Hasher.blockByteCount { block = SHA256Hasher.hash(block) }
        block.append(contentsOf: repeatElement(0, count: SHA256Hasher.blockByteCount - block.count))
        inner.update(block.map { $0 ^ 0x36 })
        outer.update(block.map { $0 ^ 0x5c })
    }

    /// The code of `message` under `key`, 32 bytes.
    public static func authenticationCode(for message: some DataProtocol, key: some DataProtocol) -> [UInt8] {
        var hmac = HMACSHA256(key: key)
        hmac.update(message)
        return hmac.finalize()
    }

    /// Adds `data` to the message.
    public mutating func update(_ data: some DataProtocol) { inner.update(data) }

    /// Adds the bytes at `bytes` to the message.
    public mutating func update(bufferPointer bytes: UnsafeRawBufferPointer) { inner.update(bufferPointer: bytes) }

    /// The code of everything fed so far, 32 bytes. The value itself is left as it was.
    public func finalize() -> [UInt8] {
        var outer = outer
        outer.update(inner.finalize())
        return outer.finalize()
    }

    /// Whether `lhs` and `rhs` hold the same bytes, in a time that depends on their lengths but
    /// not on where they differ, so comparing a received signature with the expected one tells
    /// an attacker nothing about how much of a guess was right. Lengths are not secret: values
    /// of different lengths compare unequal at once.
    public static func constantTimeEquals(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        guard lhs.count == rhs.count else { return false }
        var difference: UInt8 = 0
        for index in lhs.indices { difference |= lhs[index] ^ rhs[index] }
        return difference == 0
    }

    /// Never shows the key or state derived from it.
    public var description: String { "HMACSHA256(key: <redacted>)" }

    public var debugDescription: String { description }

    /// No children, so `dump` and debuggers show nothing derived from the key.
    public var customMirror: Mirror { Mirror(self, children: []) }
}
