/// A value with its hash worked out once, on the core that made it: looking it up in a set
/// or dictionary then hashes an `Int`, and equal digests are confirmed by comparing the
/// values in full. The passes that group repeated declarations (``SharedTypes``,
/// ``SharedEnums``) look each key up several times, and hashing a declaration in full
/// each time was a large part of their cost.
struct HashedOnce<Value: Equatable & Sendable>: Hashable, Sendable {
    let value: Value
    /// Any hash of the value's parts: equal values must have equal digests.
    let digest: Int

    init(_ value: Value, digest: Int) {
        self.value = value
        self.digest = digest
    }

    func hash(into hasher: inout Hasher) { hasher.combine(digest) }

    static func == (lhs: HashedOnce, rhs: HashedOnce) -> Bool { lhs.digest == rhs.digest && lhs.value == rhs.value }
}

extension HashedOnce where Value: Hashable {
    /// The value with its own hash as the digest.
    init(_ value: Value) { self.init(value, digest: value.hashValue) }
}
