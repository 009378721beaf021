/// A place where a document can be cut, so that libyaml reads the pieces between cuts at
/// once, on several threads: the start of a line that begins a key of a mapping inside
/// mappings only (the root counts), after at least one other key of that mapping. A piece
/// is read as what stands in for the mappings around its first line (``opening``), its
/// bytes, and what closes those open at its end (the next cut's ``closing``); the pieces'
/// trees are then joined along their spines (``DocumentPieces/join(_:_:depth:)``).
protocol DocumentCut: Sendable {
    /// The first byte after the cut (the start of a line).
    var cut: Int { get }
    /// The mappings open at the cut, the root's and the one whose key the line begins
    /// included.
    var depth: Int { get }
    /// What precedes the piece after the cut for libyaml: a stand-in key (``""``) for each
    /// enclosing mapping, the innermost's opening.
    var opening: [UInt8] { get }
    /// What follows the piece before the cut for libyaml: what closes the open mappings.
    var closing: [UInt8] { get }
    /// What is added to libyaml's lines in the piece after the cut (the opening's lines
    /// taken off), so that its marks are the whole's.
    var lineOffset: Int { get }
}

/// How the trees of a document's pieces are put together.
enum DocumentPieces {
    /// Cuts are made in mappings this deep at most: the piece after a cut repeats a
    /// stand-in key for each.
    static let maxCutDepth = 16

    /// Joins `second` (the tree of the piece after a cut `depth` mappings deep) to `first`
    /// (the tree of the text before the cut): at each level of the spine, the first's pairs
    /// (its last holding the next level) then the second's (its first, the stand-in,
    /// holding the next level). False when a key of the second is one of the first's at the
    /// same level (the caller then parses the whole, which reports it as usual; `first` is
    /// then left in pieces). `first`'s mappings are extended where they are, not copied.
    static func join(_ first: inout YAMLNode, _ second: YAMLNode, depth: Int) -> Bool {
        guard case .mapping(var pairs) = first.content, case .mapping(let more) = second.content,
            !pairs.isEmpty, let standIn = more.first
        else { return false }
        // The pairs are this function's alone while it extends them.
        first.content = .sequence([])
        let rest = depth == 1 ? more[...] : more.dropFirst()
        if !rest.isEmpty {
            var keys: Set<String> = []
            keys.reserveCapacity(pairs.count)
            for pair in pairs {
                guard let key = pair.key.scalar?.value else { return false }
                keys.insert(key)
            }
            for pair in rest {
                guard let key = pair.key.scalar?.value, !keys.contains(key) else { return false }
            }
        }
        if depth > 1 {
            guard join(&pairs[pairs.count - 1].value, standIn.value, depth: depth - 1) else { return false }
        }
        pairs.append(contentsOf: rest)
        first.content = .mapping(pairs)
        return true
    }
}
