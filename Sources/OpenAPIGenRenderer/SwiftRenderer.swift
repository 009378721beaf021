import Foundation
import OpenAPIGenDeclarations

/// A rendered file: its name and its complete source text.
public struct RenderedFile: Hashable, Sendable {
    public var name: String
    public var contents: String

    public init(name: String, contents: String) {
        self.name = name
        self.contents = contents
    }
}

/// Prints declarations as formatted, deterministic Swift source.
public struct SwiftRenderer {
    public let moduleName: String
    public let accessLevel: AccessLevel

    public init(moduleName: String, accessLevel: AccessLevel = .public) {
        self.moduleName = moduleName
        self.accessLevel = accessLevel
    }

    public func render(_ files: [SwiftFile]) -> [RenderedFile] {
        let speller = TypeSpeller(moduleName: moduleName, files: files)
        return files.map { file in
            var printer = CodePrinter()
            for line in file.header { printer.line("// " + SourceEscaping.docCommentLines(line).joined(separator: " ")) }
            printer.line()
            for module in file.imports { printer.line("import \(module)") }
            let context = RenderContext(speller: speller, access: accessLevel.rawValue)
            for part in Self.renderInParallel(file.declarations, context: context) { printer.append(part) }
            return RenderedFile(name: file.name, contents: printer.text)
        }
    }
}

extension SwiftRenderer {
    /// Renders top-level declarations on every core: consecutive runs of them go to
    /// separate printers, joined in order afterwards, so the text is the same as from one
    /// printer.
    static func renderInParallel(_ declarations: [Declaration], context: RenderContext) -> [CodePrinter] {
        // Small files in one piece: a thread costs more than it saves.
        let chunkCount =
            declarations.count < 64 ? 1 : min(declarations.count / 32, 4 * ProcessInfo.processInfo.activeProcessorCount)
        let size = (declarations.count + chunkCount - 1) / chunkCount
        return ConcurrentWork.map(chunkCount) { chunk in
            var printer = CodePrinter(capacity: chunkCount == 1 ? 16_384 : 1 << 16)
            for declaration in declarations[min(chunk * size, declarations.count)..<min((chunk + 1) * size, declarations.count)] {
                printer.line()
                context.render(declaration, in: [], to: &printer)
            }
            return printer
        }
    }
}

struct RenderContext {
    let speller: TypeSpeller
    let access: String

    func render(_ declaration: Declaration, in scope: [String], to printer: inout CodePrinter) {
        switch declaration {
        case .structure(let value): render(value, in: scope, to: &printer)
        case .enumeration(let value): render(value, in: scope, to: &printer)
        case .oneOf(let value): render(value, in: scope, to: &printer)
        case .typeAlias(let value): render(value, in: scope, to: &printer)
        case .client(let value):
            ClientRenderer(context: self).render(value, to: &printer)
            if !value.protocolOperations.isEmpty {
                printer.line()
                ClientRenderer(context: self).renderProtocol(value, to: &printer)
            }
            if let webhooks = value.webhooks {
                printer.line()
                WebhookRenderer(context: self).render(webhooks, to: &printer)
            }
        case .clientExtension(let value): ClientRenderer(context: self).render(value, to: &printer)
        }
    }

    func documentation(_ docs: Documentation, to printer: inout CodePrinter) {
        guard !docs.isEmpty else { return }
        var lines = docs.lines.flatMap(SourceEscaping.docCommentLines)
        while lines.first?.isEmpty == true { lines.removeFirst() }
        while lines.last?.isEmpty == true { lines.removeLast() }
        for line in lines { printer.line(line.isEmpty ? "///" : "/// " + line) }
    }

    /// Deprecated types say so in their documentation rather than with `@available`, which
    /// would make the SDK's own uses of them warn.
    func deprecationNoted(_ docs: Documentation, _ isDeprecated: Bool) -> Documentation {
        guard isDeprecated else { return docs }
        return Documentation(docs.lines + (docs.isEmpty ? [] : [""]) + ["- Warning: Deprecated."])
    }

    func spell(_ type: TypeUsage, _ scope: [String]) -> String { speller.spell(type, from: scope) }
    func spell(_ type: TypeName, _ scope: [String]) -> String { speller.spell(type, from: scope) }

    /// The standard conformances every generated value type has.
    func conformances(_ scope: [String], _ extra: [String] = []) -> String {
        (["Codable", "Hashable", "Sendable"] + extra).map { spell(.swift($0), scope) }.joined(separator: ", ")
    }

    private func render(_ structure: StructDeclaration, in scope: [String], to printer: inout CodePrinter) {
        let inner = scope + [structure.name]
        documentation(deprecationNoted(structure.documentation, structure.isDeprecated), to: &printer)
        let name = SwiftKeywords.escaped(structure.name)
        printer.block("\(access) struct \(name): \(conformances(inner))") { printer in
            for property in structure.properties {
                documentation(property.documentation, to: &printer)
                let wrapper = property.isIndirect ? "@\(spell(.runtime("Indirect"), inner)) " : ""
                printer.line("\(wrapper)\(access) var \(SwiftKeywords.escaped(property.name)): \(spell(property.type, inner))")
            }
            printer.line()
            renderInitializer(structure, inner, to: &printer)
            if structure.properties.contains(where: { $0.name != $0.key }) {
                printer.line()
                let raw = spell(.string, inner)
                printer.block("enum CodingKeys: \(raw), \(spell(.swift("CodingKey"), inner))") { printer in
                    for property in structure.properties {
                        let caseName = SwiftKeywords.escaped(property.name)
                        if property.name == property.key {
                            printer.line("case \(caseName)")
                        } else {
                            printer.line("case \(caseName) = \(SourceEscaping.stringLiteral(property.key))")
                        }
                    }
                }
            }
            for nested in structure.nestedTypes {
                printer.line()
                render(nested, in: inner, to: &printer)
            }
        }
    }

    private func renderInitializer(_ structure: StructDeclaration, _ scope: [String], to printer: inout CodePrinter) {
        if structure.properties.isEmpty {
            printer.line("\(access) init() {}")
            return
        }
        printer.line(
            structure.properties.contains { $0.defaultValue != nil }
                ? "/// Creates a value from its properties; optional ones default to the spec's `default` or `nil`."
                : "/// Creates a value from its properties; optional ones default to `nil`.")
        let parameters = structure.properties.map { property in
            let type = spell(property.type, scope)
            let name = SwiftKeywords.escaped(property.name)
            if let value = property.defaultValue { return "\(name): \(type) = \(literal(value))" }
            return "\(name): \(type)\(property.type.isOptional ? " = nil" : "")"
        }
        let single = "\(access) init(\(parameters.joined(separator: ", "))) {"
        if single.count <= 100 {
            printer.line(single)
        } else {
            printer.line("\(access) init(")
            printer.indent()
            for (index, parameter) in parameters.enumerated() {
                printer.line(parameter + (index == parameters.count - 1 ? "" : ","))
            }
            printer.outdent()
            printer.line(") {")
        }
        printer.indent()
        for property in structure.properties {
            let name = SwiftKeywords.escaped(property.name)
            printer.line("self.\(name) = \(name)")
        }
        printer.outdent()
        printer.line("}")
    }

    private func render(_ enumeration: EnumDeclaration, in scope: [String], to printer: inout CodePrinter) {
        let inner = scope + [enumeration.name]
        let raw = spell(enumeration.rawType, inner)
        documentation(deprecationNoted(enumeration.documentation, enumeration.isDeprecated), to: &printer)
        let name = SwiftKeywords.escaped(enumeration.name)
        printer.block("\(access) enum \(name): \(conformances(inner, ["RawRepresentable"]))") { printer in
            for item in enumeration.cases {
                documentation(item.documentation, to: &printer)
                printer.line("case \(SwiftKeywords.escaped(item.name))")
            }
            printer.line("/// A value this version of the SDK does not know; it keeps the raw value.")
            printer.line("case \(enumeration.unknownCaseName)(\(raw))")
            printer.line()
            printer.block("\(access) init(rawValue: \(raw))") { printer in
                printer.line("switch rawValue {")
                for item in enumeration.cases {
                    printer.line("case \(literal(item.rawValue)): self = .\(SwiftKeywords.escaped(item.name))")
                }
                printer.line("default: self = .\(enumeration.unknownCaseName)(rawValue)")
                printer.line("}")
            }
            printer.line()
            printer.block("\(access) var rawValue: \(raw)") { printer in
                printer.line("switch self {")
                for item in enumeration.cases {
                    printer.line("case .\(SwiftKeywords.escaped(item.name)): \(literal(item.rawValue))")
                }
                printer.line("case .\(enumeration.unknownCaseName)(let value): value")
                printer.line("}")
            }
        }
    }

    private func render(_ choice: OneOfDeclaration, in scope: [String], to printer: inout CodePrinter) {
        let inner = scope + [choice.name]
        documentation(deprecationNoted(choice.documentation, choice.isDeprecated), to: &printer)
        let name = SwiftKeywords.escaped(choice.name)
        let keyword = choice.isIndirect ? "indirect enum" : "enum"
        printer.block("\(access) \(keyword) \(name): \(conformances(inner))") { printer in
            for item in choice.cases {
                printer.line("case \(SwiftKeywords.escaped(item.name))(\(spell(item.type, inner)))")
            }
            if let unknown = choice.unknownCaseName {
                printer.line("/// A value whose discriminator names no alternative this version of the SDK knows; it")
                printer.line("/// keeps the JSON as it came, and encodes it back unchanged.")
                printer.line("case \(SwiftKeywords.escaped(unknown))(\(spell(.jsonValue, inner)))")
            }
            printer.line()
            let decoder = spell(.swift("Decoder"), inner)
            printer.block("\(access) init(from decoder: any \(decoder)) throws") { printer in
                if let property = choice.discriminatorProperty {
                    let key = SourceEscaping.stringLiteral(property)
                    printer.line("switch try decoder.decodeDiscriminator(\(key)) {")
                    var used: Set<String> = []
                    for item in choice.cases {
                        let values = item.discriminatorValues.filter { used.insert($0).inserted }
                        guard !values.isEmpty else { continue }
                        let patterns = values.map(SourceEscaping.stringLiteral).joined(separator: ", ")
                        printer.line(
                            "case \(patterns): self = .\(SwiftKeywords.escaped(item.name))(try decoder.singleValueContainer().decode(\(spell(item.type, inner)).self))")
                    }
                    if let unknown = choice.unknownCaseName {
                        printer.line(
                            "default: self = .\(SwiftKeywords.escaped(unknown))(try decoder.singleValueContainer().decode(\(spell(.jsonValue, inner)).self))")
                    } else {
                        printer.line("case let value: throw decoder.unknownDiscriminator(value, property: \(key), of: Self.self)")
                    }
                    printer.line("}")
                } else if choice.cases.isEmpty {
                    printer.line("throw decoder.noAlternativeMatched(Self.self, errors: [])")
                } else {
                    printer.line("var errors: [any \(spell(.swift("Error"), inner))] = []")
                    for item in choice.cases {
                        printer.line(
                            "if let value = decoder.decodeAlternative(\(spell(item.type, inner)).self, errors: &errors) { self = .\(SwiftKeywords.escaped(item.name))(value); return }")
                    }
                    printer.line("throw decoder.noAlternativeMatched(Self.self, errors: errors)")
                }
            }
            printer.line()
            printer.block("\(access) func encode(to encoder: any \(spell(.swift("Encoder"), inner))) throws") { printer in
                printer.line("var container = encoder.singleValueContainer()")
                printer.line("switch self {")
                for item in choice.cases {
                    printer.line("case .\(SwiftKeywords.escaped(item.name))(let value): try container.encode(value)")
                }
                if let unknown = choice.unknownCaseName {
                    printer.line("case .\(SwiftKeywords.escaped(unknown))(let value): try container.encode(value)")
                }
                printer.line("}")
            }
            for nested in choice.nestedTypes {
                printer.line()
                render(nested, in: inner, to: &printer)
            }
        }
    }

    private func literal(_ value: PropertyDeclaration.DefaultValue) -> String {
        switch value {
        case .string(let text): SourceEscaping.stringLiteral(text)
        case .integer(let number): String(number)
        // Finite doubles print in a form Swift reads back exactly.
        case .number(let number): number.isFinite ? "\(number)" : "0"
        case .bool(let flag): flag ? "true" : "false"
        case .enumCase(let name): "." + SwiftKeywords.escaped(name)
        }
    }

    private func literal(_ value: EnumDeclaration.RawValue) -> String {
        switch value {
        case .string(let text): SourceEscaping.stringLiteral(text)
        case .integer(let number): String(number)
        }
    }

    private func render(_ alias: TypeAliasDeclaration, in scope: [String], to printer: inout CodePrinter) {
        documentation(alias.documentation, to: &printer)
        printer.line("\(access) typealias \(SwiftKeywords.escaped(alias.name)) = \(spell(alias.target, scope))")
    }
}
