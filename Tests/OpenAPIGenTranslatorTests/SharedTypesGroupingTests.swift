import XCTest

@testable import OpenAPIGenTranslator

/// `SharedTypes` groups equal nested types by key, in shards of their digests on every
/// core: the groups must be those of grouping on one thread, in the order of their first
/// members, whatever the shards and however digests collide.
final class SharedTypesGroupingTests: XCTestCase {
    func testShardedGroupingGivesTheGroupsOfOneThread() {
        var state: UInt64 = 0x9E37_79B9
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        for round in 0..<20 {
            // Values drawn from a small set so that many repeat; digests from an even
            // smaller one (even negative), so that unequal values collide too.
            let keys = (0..<(600 + round * 37)).map { _ in
                let value = "v\(next(150))"
                return HashedOnce(value, digest: value.utf8.count * 7919 - 20000)
            }
            let reference = oneThread(keys)
            for shards in [1, 2, 4, 7] {
                let groups = SharedTypes.groups(of: keys, shards: shards)
                XCTAssertEqual(groups.map(\.key.value), reference.map(\.value), "round \(round), \(shards) shards")
                XCTAssertEqual(groups.map(\.members), reference.map(\.members), "round \(round), \(shards) shards")
            }
        }
    }

    /// The plain loop: each key joins the first group whose key equals it.
    private func oneThread(_ keys: [HashedOnce<String>]) -> [(value: String, members: [Int])] {
        var groups: [(value: String, members: [Int])] = []
        for (index, key) in keys.enumerated() {
            if let group = groups.firstIndex(where: { $0.value == key.value }) {
                groups[group].members.append(index)
            } else {
                groups.append((key.value, [index]))
            }
        }
        return groups
    }
}
