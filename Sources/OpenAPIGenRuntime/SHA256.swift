import Foundation

/// SHA-256 (FIPS 180-4), in Swift so that generated SDKs can verify webhook signatures on
/// Linux, where Foundation has neither CommonCrypto nor CryptoKit.
///
/// Feed bytes in any number of pieces, then read the 32-byte digest:
///
/// ```swift
/// let digest = SHA256Hasher.hash(Data("abc".utf8))   // ba7816bf…f20015ad, 32 bytes
///
/// var hasher = SHA256Hasher()
/// hasher.update(Data("a".utf8))
/// hasher.update(Data("bc".utf8))
/// let same = hasher.finalize()
/// ```
///
/// Named `SHA256Hasher`, not `SHA256`, so that files importing both this module and
/// CryptoKit still find CryptoKit's `SHA256` without ambiguity. Its description and `dump`
/// show no bytes of the message.
public struct SHA256Hasher: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The size of a digest, in bytes.
    public static let digestByteCount = 32
    /// The size of the blocks the compression function takes, in bytes (also HMAC's block size).
    public static let blockByteCount = 64

    /// The eight working words of the hash (H0…H7).
    private var state = State()
    /// Bytes not yet compressed: fewer than 64.
    private var pending: [UInt8]
    /// Bytes fed so far.
    private var byteCount: UInt64 = 0

    public init() {
        pending = []
        pending.reserveCapacity(Self.blockByteCount)
    }

    /// The digest of `data`, 32 bytes.
    public static func hash(_ data: some DataProtocol) -> [UInt8] {
        var hasher = SHA256Hasher()
        hasher.update(data)
        return hasher.finalize()
    }

    /// Adds `data` to the message.
    public mutating func update(_ data: some DataProtocol) {
        for region in data.regions {
            region.withUnsafeBytes { update(bufferPointer: $0) }
        }
    }

    /// Adds the bytes at `bytes` to the message; full blocks are compressed in place, unbuffered.
    public mutating func update(bufferPointer bytes: UnsafeRawBufferPointer) {
        guard !bytes.isEmpty else { return }
        byteCount &+= UInt64(bytes.count)
        var rest = bytes[...]
        if !pending.isEmpty {
            let taken = min(Self.blockByteCount - pending.count, rest.count)
            pending.append(contentsOf: rest.prefix(taken))
            rest = rest.dropFirst(taken)
            guard pending.count == Self.blockByteCount else { return }
            pending.withUnsafeBytes { state.compress(blocks: $0) }
            pending.removeAll(keepingCapacity: true)
        }
        let whole = rest.count - rest.count % Self.blockByteCount
        if whole > 0 { state.compress(blocks: UnsafeRawBufferPointer(rebasing: rest.prefix(whole))) }
        pending.append(contentsOf: rest.dropFirst(whole))
    }

    /// The digest of everything fed so far, 32 bytes. The hasher itself is left as it was.
    public func finalize() -> [UInt8] {
        var copy = self
        let bitCount = byteCount &* 8
        // 0x80, then zeros up to 56 bytes into a block, then the length in bits, big-endian.
        var padding: [UInt8] = [0x80]
        let used = Int(byteCount % UInt64(Self.blockByteCount)) + 1
        let zeros = (Self.blockByteCount * 2 - 8 - used) % Self.blockByteCount
        padding.append(contentsOf: repeatElement(0, count: zeros))
        for shift in stride(from: 56, through: 0, by: -8) {
            padding.append(UInt8(truncatingIfNeeded: bitCount >> shift))
        }
        padding.withUnsafeBytes { copy.update(bufferPointer: $0) }
        precondition(copy.pending.isEmpty, "SHA-256 padding must end on a block boundary")
        return copy.state.bytes
    }

    public var description: String { "SHA256Hasher(\(byteCount) bytes)" }

    public var debugDescription: String { description }

    /// No children: the buffered bytes may be part of a secret.
    public var customMirror: Mirror { Mirror(self, children: []) }

    /// The hash value, H0…H7, and the compression function.
    private struct State: Sendable {
        var h0: UInt32 = 0x6a09_e667
        var h1: UInt32 = 0xbb67_ae85
        var h2: UInt32 = 0x3c6e_f372
        var h3: UInt32 = 0xa54f_f53a
        var h4: UInt32 = 0x510e_527f
        var h5: UInt32 = 0x9b05_688c
        var h6: UInt32 = 0x1f83_d9ab
        var h7: UInt32 = 0x5be0_cd19

        var bytes: [UInt8] {
            var digest: [UInt8] = []
            digest.reserveCapacity(SHA256Hasher.digestByteCount)
            for word in [h0, h1, h2, h3, h4, h5, h6, h7] {
                digest.append(contentsOf: [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: word >> $0) })
            }
            return digest
        }

        /// Compresses `blocks`, whose size is a multiple of 64, into the state (FIPS 180-4 §6.2.2).
        mutating func compress(blocks: UnsafeRawBufferPointer) {
            precondition(blocks.count % SHA256Hasher.blockByteCount == 0)
            withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
                SHA256Hasher.roundConstants.withUnsafeBufferPointer { k in
                    var offset = 0
                    while offset < blocks.count {
                        for t in 0..<16 {
                            let word = blocks.loadUnaligned(fromByteOffset: offset + t * 4, as: UInt32.self)
                            w[t] = UInt32(bigEndian: word)
                        }
                        for t in 16..<64 {
                            let s0 = w[t - 15].rotatedRight(7) ^ w[t - 15].rotatedRight(18) ^ (w[t - 15] >> 3)
                            let s1 = w[t - 2].rotatedRight(17) ^ w[t - 2].rotatedRight(19) ^ (w[t - 2] >> 10)
                            w[t] = w[t - 16] &+ s0 &+ w[t - 7] &+ s1
                        }
                        var (a, b, c, d, e, f, g, h) = (h0, h1, h2, h3, h4, h5, h6, h7)
                        for t in 0..<64 {
                            let sigma1 = e.rotatedRight(6) ^ e.rotatedRight(11) ^ e.rotatedRight(25)
                            let choice = (e & f) ^ (~e & g)
                            let t1 = h &+ sigma1 &+ choice &+ k[t] &+ w[t]
                            let sigma0 = a.rotatedRight(2) ^ a.rotatedRight(13) ^ a.rotatedRight(22)
                            let majority = (a & b) ^ (a & c) ^ (b & c)
                            let t2 = sigma0 &+ majority
                            (h, g, f, e, d, c, b, a) = (g, f, e, d &+ t1, c, b, a, t1 &+ t2)
                        }
                        h0 &+= a
                        h1 &+= b
                        h2 &+= c
                        h3 &+= d
                        h4 &+= e
                        h5 &+= f
                        h6 &+= g
                        h7 &+= h
                        offset += SHA256Hasher.blockByteCount
                    }
                }
            }
        }
    }

    /// K0…K63: the first 32 bits of the fractional parts of the cube roots of the first 64 primes.
    private static let roundConstants: [UInt32] = [
        0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
        0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174,
        0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
        0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967,
        0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
        0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070,
        0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
        0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2,
    ]
}

extension UInt32 {
    fileprivate func rotatedRight(_ count: UInt32) -> UInt32 { (self >> count) | (self << (32 - count)) }
}
