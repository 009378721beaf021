import OpenAPIGenDeclarations
import XCTest

@testable import OpenAPIGenTranslator

/// `SharedTypes` groups nested types by comparing them in place
/// (`SharedTypes.sameShape`): two types are one when their copies with the documentation
/// taken out and the paths inside them written relative to each (the comparison it
/// replaced, kept below as the reference) are equal, and their names are.
final class SharedTypesShapeTests: XCTestCase {
    func testComparingInPlaceGivesWhatComparingNormalizedCopiesGave() {
        var random = SplitMix64(seed: 0x54A9E)
        var same = 0
        var different = 0
        for round in 0..<3000 {
            let pathA = ["Top\(random.next(3))", "Inner"]
            let pathB = random.next(4) == 0 ? pathA : ["Other\(random.next(3))", "Nested", "Inner"]
            let a = randomDeclaration(&random, name: "Inner", path: pathA, depth: 0)
            // Often a copy of `a` moved to `pathB`, with a change or two; sometimes unrelated.
            let b =
                random.next(5) == 0
                ? randomDeclaration(&random, name: "Inner", path: pathB, depth: 0)
                : mutated(moved(a, from: pathA, to: pathB), &random)
            let expected = a.name == b.name && normalized(a, at: pathA) == normalized(b, at: pathB)
            XCTAssertEqual(SharedTypes.sameShape(a, at: pathA, b, at: pathB), expected, "round \(round)")
            XCTAssertEqual(SharedTypes.sameShape(b, at: pathB, a, at: pathA), expected, "round \(round), swapped")
            if expected { same += 1 } else { different += 1 }
        }
        // Both outcomes, many times.
        XCTAssertGreaterThan(same, 600)
        XCTAssertGreaterThan(different, 600)
    }

    // MARK: - The reference

    /// `declaration` without its name and documentation (its nested types' documentation
    /// too), and with paths inside it written relative to it.
    private func normalized(_ declaration: Declaration, at path: [String]) -> Declaration {
        func relative(_ type: TypeUsage) -> TypeUsage {
            type.mappingNames { name in
                guard name.module == nil, name.path.starts(with: path) else { return name }
                return TypeName(module: nil, path: ["$"] + name.path.dropFirst(path.count))
            }
        }
        func strip(_ declaration: Declaration) -> Declaration {
            declaration.mappingOwnTypes(relative).withDocumentation(Documentation())
                .withNestedTypes(declaration.nestedTypes.map(strip))
        }
        return strip(declaration).withName("")
    }

    // MARK: - Random declarations

    private func randomType(_ random: inout SplitMix64, path: [String]) -> TypeUsage {
        let name: TypeName
        switch random.next(7) {
        case 0: name = .string
        case 1: name = TypeName(module: nil, path: path)
        case 2: name = TypeName(module: nil, path: path + ["Child\(random.next(2))"])
        case 3: name = TypeName(module: nil, path: ["$", "Child\(random.next(2))"])
        case 4: name = TypeName(module: "Other", path: path + ["Child0"])
        default: name = TypeName(module: nil, path: ["Shared\(random.next(3))"])
        }
        switch random.next(5) {
        case 0: return .optional(.named(name))
        case 1: return .array(.named(name))
        case 2: return .dictionary(.optional(.named(name)))
        default: return .named(name)
        }
    }

    private func documentation(_ random: inout SplitMix64) -> Documentation {
        Documentation(random.next(2) == 0 ? [] : ["Doc \(random.next(3))."])
    }

    private func randomDeclaration(_ random: inout SplitMix64, name: String, path: [String], depth: Int)
        -> Declaration
    {
        let nested =
            depth < 2
            ? (0..<random.next(3)).map {
                randomDeclaration(&random, name: "Child\($0)", path: path + ["Child\($0)"], depth: depth + 1)
            } : []
        switch random.next(depth == 0 ? 2 : 4) {
        case 0:
            return .structure(
                StructDeclaration(
                    name: name, documentation: documentation(&random), isDeprecated: random.next(6) == 0,
                    properties: (0..<random.next(4)).map { index in
                        PropertyDeclaration(
                            name: "p\(index)", key: "p\(index)", type: randomType(&random, path: path),
                            documentation: documentation(&random), isDeprecated: random.next(8) == 0)
                    }, nestedTypes: nested))
        case 1:
            return .oneOf(
                OneOfDeclaration(
                    name: name, documentation: documentation(&random),
                    cases: (0..<(1 + random.next(3))).map { index in
                        OneOfDeclaration.Case(name: "c\(index)", type: randomType(&random, path: path))
                    }, nestedTypes: nested))
        case 2:
            return .typeAlias(
                TypeAliasDeclaration(
                    name: name, documentation: documentation(&random), target: randomType(&random, path: path)))
        default:
            return .enumeration(
                EnumDeclaration(
                    name: name, documentation: documentation(&random), rawType: .string,
                    cases: (0..<random.next(3)).map { index in
                        EnumDeclaration.Case(
                            name: "v\(index)", rawValue: .string("v\(index)"), documentation: documentation(&random))
                    }, unknownCaseName: random.next(2) == 0 ? "unknown" : "other"))
        }
    }

    /// `declaration` (at `from`) as declared at `to`: the names inside it follow it.
    private func moved(_ declaration: Declaration, from: [String], to: [String]) -> Declaration {
        func move(_ declaration: Declaration) -> Declaration {
            declaration.mappingOwnTypes { type in
                type.mappingNames { name in
                    guard name.module == nil, name.path.starts(with: from) else { return name }
                    return TypeName(module: nil, path: to + name.path.dropFirst(from.count))
                }
            }.withNestedTypes(declaration.nestedTypes.map(move))
        }
        return move(declaration)
    }

    /// `declaration` with up to two random changes: some leave its shape as it is (the
    /// documentation), the others change it.
    private func mutated(_ declaration: Declaration, _ random: inout SplitMix64) -> Declaration {
        var declaration = declaration
        for _ in 0..<random.next(3) {
            switch random.next(6) {
            case 0: declaration = declaration.withDocumentation(Documentation(["Changed."]))
            case 1: declaration = declaration.withName("Renamed")
            case 2:
                declaration = declaration.mappingOwnTypes { type in
                    random.next(3) == 0 ? .optional(type) : type
                }
            case 3:
                declaration = declaration.withNestedTypes(
                    declaration.nestedTypes.map { $0.withDocumentation(Documentation(["Nested doc."])) })
            case 4:
                if case .structure(var structure) = declaration, !structure.properties.isEmpty {
                    structure.properties[0].documentation = Documentation(["Property doc."])
                    declaration = .structure(structure)
                }
            default:
                if case .oneOf(var choice) = declaration {
                    choice.isIndirect.toggle()
                    declaration = .oneOf(choice)
                } else if case .structure(var structure) = declaration {
                    structure.hasDataFileInitializer.toggle()
                    declaration = .structure(structure)
                }
            }
        }
        return declaration
    }
}

/// A small deterministic random number generator (SplitMix64).
private struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next(_ bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((value ^ (value >> 31)) % UInt64(bound))
    }
}
