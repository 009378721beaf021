import OpenAPIGenDeclarations
import XCTest

@testable import OpenAPIGenTranslator

/// ``RecursionBreaker`` finds cycles through strongly connected components; the search it
/// replaced (kept below as the reference, unchanged) looked for a path back from every
/// stored type. On random graphs of structs, enums, aliases, optionals and arrays, with
/// nested types, both give the same declarations.
final class RecursionBreakerTests: XCTestCase {
    func testComponentsGiveWhatTheSearchGaveOnRandomModels() {
        var generator = SplitMix(seed: 0x5EED)
        var indirectProperties = 0
        var indirectEnums = 0
        var removedCases = 0
        for round in 0..<400 {
            let declarations = randomModels(&generator, count: 2 + round % 23)
            let expected = ReferenceRecursionBreaker.apply(to: declarations)
            let actual = RecursionBreaker.apply(to: declarations)
            XCTAssertEqual(actual, expected, "round \(round)")
            if actual != expected { break }
            let before = declarations.flatMap(Self.allDeclarations)
            let after = actual.flatMap(Self.allDeclarations)
            for (old, new) in zip(before, after) {
                switch (old, new) {
                case (.structure, .structure(let structure)):
                    indirectProperties += structure.properties.filter(\.isIndirect).count
                case (.oneOf(let oldChoice), .oneOf(let choice)):
                    indirectEnums += choice.isIndirect ? 1 : 0
                    removedCases += oldChoice.cases.count - choice.cases.count
                default: break
                }
            }
        }
        // The models exercise every outcome.
        XCTAssertGreaterThan(indirectProperties, 100)
        XCTAssertGreaterThan(indirectEnums, 20)
        XCTAssertGreaterThan(removedCases, 5)
    }

    /// ``ModelLayout`` runs both layout passes with one index of the models and one
    /// rewrite: the declarations are those of the breaker, then ``OutOfLineStorage``.
    func testModelLayoutGivesTheBreakerThenOutOfLineStorage() {
        var generator = SplitMix(seed: 0x1A70)
        var storedOutOfLine = 0
        var cut = 0
        for round in 0..<300 {
            let declarations = randomModels(&generator, count: 4 + round % 40)
            let broken = RecursionBreaker.apply(to: declarations)
            let expected = OutOfLineStorage.apply(to: broken)
            let actual = ModelLayout.apply(to: declarations)
            XCTAssertEqual(actual, expected, "round \(round)")
            if actual != expected { break }
            for (before, after) in zip(
                declarations.flatMap(Self.allDeclarations), broken.flatMap(Self.allDeclarations))
            where before != after { cut += 1 }
            for (before, after) in zip(broken.flatMap(Self.allDeclarations), actual.flatMap(Self.allDeclarations)) {
                guard case (.structure(let before), .structure(let after)) = (before, after) else { continue }
                let madeIndirect = zip(before.properties, after.properties).filter { !$0.isIndirect && $1.isIndirect }
                storedOutOfLine += madeIndirect.count
            }
        }
        // Both passes change some of the models.
        XCTAssertGreaterThan(cut, 100)
        XCTAssertGreaterThan(storedOutOfLine, 20)
    }

    func testAChainOfThousandsOfTypesDoesNotOverflowTheStack() {
        let count = 20_000
        let declarations = (0..<count).map { index in
            Declaration.structure(
                StructDeclaration(
                    name: "T\(index)", documentation: Documentation(),
                    properties: [
                        PropertyDeclaration(
                            name: "next", key: "next",
                            type: .optional(.named(TypeName(module: nil, path: ["T\((index + 1) % count)"]))),
                            documentation: Documentation())
                    ], nestedTypes: []))
        }
        let broken = RecursionBreaker.apply(to: declarations)
        // One cycle through all of them: every property is on it.
        XCTAssertTrue(
            broken.allSatisfy { declaration in
                guard case .structure(let structure) = declaration else { return false }
                return structure.properties.allSatisfy(\.isIndirect)
            })
    }

    private static func allDeclarations(_ declaration: Declaration) -> [Declaration] {
        [declaration] + declaration.nestedTypes.flatMap(allDeclarations)
    }

    /// `count` top-level types, some with a nested struct or enum; properties and cases
    /// name random types, some through `?`, arrays, aliases or types that do not exist.
    private func randomModels(_ generator: inout SplitMix, count: Int) -> [Declaration] {
        var paths: [[String]] = []
        var kinds: [Int] = []
        for index in 0..<count {
            kinds.append(Int(generator.next() % 5))
            paths.append(["T\(index)"])
            if kinds[index] < 3, generator.next() % 3 == 0 { paths.append(["T\(index)", "Inner"]) }
        }
        func randomType(_ generator: inout SplitMix) -> TypeUsage {
            let roll = generator.next() % 10
            if roll == 0 { return .named(.string) }
            if roll == 1 { return .named(TypeName(module: nil, path: ["Missing"])) }
            let named = TypeUsage.named(TypeName(module: nil, path: paths[Int(generator.next() % UInt64(paths.count))]))
            switch roll {
            case 2: return .array(named)
            case 3, 4: return .optional(named)
            default: return named
            }
        }
        func members(_ generator: inout SplitMix) -> Int { Int(generator.next() % 4) }
        func structure(_ name: String, nested: [Declaration], _ generator: inout SplitMix) -> Declaration {
            .structure(
                StructDeclaration(
                    name: name, documentation: Documentation(),
                    properties: (0..<members(&generator)).map { index in
                        PropertyDeclaration(
                            name: "p\(index)", key: "p\(index)", type: randomType(&generator),
                            documentation: Documentation())
                    }, nestedTypes: nested))
        }
        func choice(_ name: String, nested: [Declaration], _ generator: inout SplitMix) -> Declaration {
            .oneOf(
                OneOfDeclaration(
                    name: name, documentation: Documentation(),
                    cases: (0..<(1 + members(&generator))).map { index in
                        OneOfDeclaration.Case(name: "c\(index)", type: randomType(&generator))
                    }, nestedTypes: nested))
        }
        return (0..<count).map { index in
            let name = "T\(index)"
            let hasInner = paths.contains(["T\(index)", "Inner"])
            let inner: [Declaration] =
                hasInner
                ? [
                    generator.next() % 2 == 0
                        ? structure("Inner", nested: [], &generator) : choice("Inner", nested: [], &generator)
                ]
                : []
            switch kinds[index] {
            case 0, 1: return structure(name, nested: inner, &generator)
            case 2: return choice(name, nested: inner, &generator)
            case 3:
                return .typeAlias(
                    TypeAliasDeclaration(name: name, documentation: Documentation(), target: randomType(&generator)))
            default:
                return .enumeration(
                    EnumDeclaration(
                        name: name, documentation: Documentation(),
                        rawType: TypeName(module: "Swift", path: ["String"]),
                        cases: [], unknownCaseName: "unknown"))
            }
        }
    }
}

/// A small deterministic random number generator (SplitMix64).
private struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}

/// ``RecursionBreaker`` as it was before components: a search from every stored type.
private enum ReferenceRecursionBreaker {
    static func apply(to declarations: [Declaration]) -> [Declaration] {
        let index = ModelIndex(declarations)
        let ids = index.ids
        let holders = index.models
        func directTarget(_ type: TypeUsage) -> Int? { index.target(of: type) }
        var edges: [[Int]] = holders.map { declaration in
            switch declaration {
            case .structure(let structure): structure.properties.compactMap { directTarget($0.type) }
            case .oneOf(let choice): choice.cases.compactMap { directTarget($0.type) }
            default: []
            }
        }
        var reachCache: [Set<Int>?] = Array(repeating: nil, count: holders.count)
        func reachable(from start: Int) -> Set<Int> {
            if let cached = reachCache[start] { return cached }
            var seen: Set<Int> = []
            var stack = [start]
            while let node = stack.popLast() {
                for next in edges[node] where seen.insert(next).inserted { stack.append(next) }
            }
            reachCache[start] = seen
            return seen
        }
        func reachableThroughEnums(from start: Int) -> Set<Int> {
            var seen: Set<Int> = []
            var stack = [start]
            while let node = stack.popLast() {
                guard case .oneOf = holders[node] else { continue }
                for next in edges[node] where seen.insert(next).inserted { stack.append(next) }
            }
            return seen
        }
        func closesCycle(_ type: TypeUsage, at id: Int) -> Bool {
            guard let target = directTarget(type) else { return false }
            return target == id || reachable(from: target).contains(id)
        }

        // First the enums: an `indirect` enum stores its cases out of line, which breaks
        // every cycle through it, so structs on such a cycle keep their plain properties.
        var indirectEnums: Set<Int> = []
        for (id, declaration) in holders.enumerated() {
            if case .oneOf(let choice) = declaration, choice.cases.contains(where: { closesCycle($0.type, at: id) }) {
                indirectEnums.insert(id)
            }
        }
        for id in edges.indices { edges[id].removeAll { indirectEnums.contains($0) } }
        reachCache = Array(repeating: nil, count: holders.count)

        func rewrite(_ declaration: Declaration, in parent: [String]) -> Declaration {
            let path = parent + [declaration.name]
            switch declaration {
            case .structure(var structure):
                let id = ids[path]!
                for index in structure.properties.indices {
                    guard let target = directTarget(structure.properties[index].type), !indirectEnums.contains(target)
                    else { continue }
                    if closesCycle(structure.properties[index].type, at: id) {
                        structure.properties[index].isIndirect = true
                    }
                }
                structure.nestedTypes = structure.nestedTypes.map { rewrite($0, in: path) }
                return .structure(structure)
            case .oneOf(var choice):
                let id = ids[path]!
                // A case that leads back to this enum through enums alone would make decoding
                // try the same value forever; such a case adds no value the others lack.
                choice.cases.removeAll { item in
                    guard let target = directTarget(item.type) else { return false }
                    return target == id || reachableThroughEnums(from: target).contains(id)
                }
                choice.isIndirect = indirectEnums.contains(id)
                choice.nestedTypes = choice.nestedTypes.map { rewrite($0, in: path) }
                return .oneOf(choice)
            default:
                return declaration
            }
        }
        return declarations.map { rewrite($0, in: []) }
    }
}
