import Foundation
import OpenAPIGenDeclarations
import OpenAPIGenModel

import enum OpenAPIGenSyntax.SwiftKeywords

/// Spec examples (``SpecValue``s) as ``ExampleValue``s, and usage examples of operations built
/// from them and from the declarations: code in the docs that compiles.
enum ExampleValues {
    /// The JSON value of a spec example.
    static func value(_ spec: SpecValue?, depth: Int = 0) -> ExampleValue? {
        guard let spec, depth < 64 else { return nil }
        switch spec.kind {
        case .null: return .null
        case .bool(let flag): return .bool(flag)
        case .integer(let number): return .integer(number)
        case .number(let number): return .number(number)
        case .string(let text): return .string(text)
        case .array(let items):
            return .array(items.compactMap { value($0, depth: depth + 1) })
        case .object(let members):
            return .object(
                members.compactMap { member in
                    value(member.value, depth: depth + 1).map { ExampleValue.Member(key: member.key, value: $0) }
                })
        }
    }
}

extension ExampleValues {
    /// `value` as JSON text: on one line when it fits in `width`, else indented two spaces a level.
    static func json(_ value: ExampleValue, width: Int = 88, indent: String = "") -> [String] {
        let single = indent + compact(value)
        if single.count <= width { return [single] }
        let inner = indent + "  "
        switch value {
        case .array(let items) where !items.isEmpty:
            var lines = [indent + "["]
            for (index, item) in items.enumerated() {
                var itemLines = json(item, width: width, indent: inner)
                if index < items.count - 1 { itemLines[itemLines.count - 1] += "," }
                lines += itemLines
            }
            return lines + [indent + "]"]
        case .object(let members) where !members.isEmpty:
            var lines = [indent + "{"]
            for (index, member) in members.enumerated() {
                var memberLines = json(member.value, width: width, indent: inner)
                memberLines[0] = inner + quoted(member.key) + ": " + memberLines[0].dropFirst(inner.count)
                if index < members.count - 1 { memberLines[memberLines.count - 1] += "," }
                lines += memberLines
            }
            return lines + [indent + "}"]
        default:
            return [single]
        }
    }

    static func compact(_ value: ExampleValue) -> String {
        switch value {
        case .null: "null"
        case .bool(let flag): flag ? "true" : "false"
        case .integer(let number): String(number)
        case .number(let number): number.isFinite ? "\(number)" : "null"
        case .string(let text): quoted(text)
        case .array(let items): "[" + items.map(compact).joined(separator: ", ") + "]"
        case .object(let members):
            "{" + members.map { quoted($0.key) + ": " + compact($0.value) }.joined(separator: ", ") + "}"
        }
    }

    /// A JSON string literal.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    out += String(format: "\\u%04X", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

/// Writes a call of each operation for its documentation, from the spec's examples where
/// it has them and from the declared types otherwise, so that the docs show code that
/// compiles against the generated SDK (a test type-checks them).
struct UsageExamples: Sendable {
    private let declarations: [Declaration]
    /// Each top-level declaration's index in `declarations`, by name.
    private var topLevel: [String: Int] = [:]
    let clientVariable = "client"

    init(_ declarations: [Declaration]) {
        self.declarations = declarations
        for (index, declaration) in declarations.enumerated() { topLevel[declaration.name] = index }
    }

    /// The declaration at `path` (`["Charge", "Status"]`), nested ones too: the last of
    /// that name at each level.
    private func declaration(at path: [String]) -> Declaration? {
        guard let first = path.first, let index = topLevel[first] else { return nil }
        var declaration = declarations[index]
        for name in path.dropFirst() {
            guard let nested = declaration.nestedTypes.last(where: { $0.name == name }) else { return nil }
            declaration = nested
        }
        return declaration
    }

    /// The operation's example call; empty when a value of some argument cannot be written
    /// (a type that only contains itself, say).
    func example(_ operation: OperationDeclaration) -> [ExampleStatement] {
        var arguments: [ExampleExpression.Argument] = []
        for parameter in operation.parameters {
            if parameter.type.isOptional && parameter.example == nil { continue }
            guard let expression = expression(parameter.type.nonOptionalUsage, parameter.example, depth: 0) else {
                return []
            }
            arguments.append(.init(label: SwiftKeywords.argumentLabel(parameter.name), expression: expression))
        }
        if let body = operation.body {
            if !body.type.isOptional || body.example != nil {
                guard var expression = expression(body.type.nonOptionalUsage, body.example, depth: 0) else { return [] }
                // The body's type by name, so the reader sees what to build: `CreateInviteeRequest(…)`.
                if case .call(".init", let members) = expression, case .named(let name) = body.type.nonOptionalUsage,
                    name.module == nil
                {
                    expression = .call(name.path.map(SwiftKeywords.escaped).joined(separator: "."), members)
                }
                arguments.append(.init(label: operation.parameters.isEmpty ? nil : "body", expression: expression))
            }
        }
        let call = ExampleExpression.call(
            "try await \(clientVariable).\(SwiftKeywords.escaped(operation.functionName))", arguments)
        return [ExampleStatement(resultName: operation.returnType == nil ? nil : resultName(operation), value: call)]
            + streamingLoop(operation)
    }

    /// For a streaming operation, the loop over what its call returned.
    private func streamingLoop(_ operation: OperationDeclaration) -> [ExampleStatement] {
        switch operation.streaming?.format {
        case .serverSentEvents?:
            [ExampleStatement(resultName: nil, value: .code("for try await event in events { print(event.data) }"))]
        case .jsonLines?, .jsonSequence?:
            [ExampleStatement(resultName: nil, value: .code("for try await item in items { print(item) }"))]
        case nil: []
        }
    }

    private func resultName(_ operation: OperationDeclaration) -> String {
        switch operation.streaming?.format {
        case .serverSentEvents?: return "events"
        case .jsonLines?, .jsonSequence?: return "items"
        case nil: break
        }
        if operation.output != nil { return "output" }
        switch operation.returnType?.nonOptionalUsage {
        case .array?: return "items"
        case .named(let name)? where name.module == nil:
            let typeName = name.path.last ?? ""
            if typeName.hasSuffix("Response") { return "response" }
            let candidate = SwiftNaming.lowerCamel(typeName, fallback: "result")
            return candidate.count <= 24 && SwiftKeywords.escaped(candidate) == candidate ? candidate : "result"
        default: return "result"
        }
    }

    /// A Swift expression of `type`, from `example` where it fits.
    private func expression(_ type: TypeUsage, _ example: ExampleValue?, depth: Int) -> ExampleExpression? {
        guard depth < 8 else { return nil }
        let example = example == .null ? nil : example
        switch type {
        case .optional(let inner):
            return expression(inner, example, depth: depth)
        case .array(let item):
            if case .array(let items)? = example {
                guard let first = items.first else { return .array([]) }
                return expression(item, first, depth: depth + 1).map { .array([$0]) }
            }
            return expression(item, nil, depth: depth + 1).map { .array([$0]) }
        case .dictionary(let value):
            if case .object(let members)? = example, let first = members.first {
                return expression(value, first.value, depth: depth + 1).map {
                    .dictionary([.init(key: .string(first.key), value: $0)])
                }
            }
            return expression(value, nil, depth: depth + 1).map { .dictionary([.init(key: .string("key"), value: $0)]) }
        case .named(let name):
            return named(name, example, depth: depth)
        }
    }

    private func named(_ name: TypeName, _ example: ExampleValue?, depth: Int) -> ExampleExpression? {
        if name.module != nil { return builtin(name, example) }
        guard let declaration = declaration(at: name.path) else { return nil }
        let spelled = name.path.map(SwiftKeywords.escaped).joined(separator: ".")
        switch declaration {
        case .structure(let structure):
            var arguments: [ExampleExpression.Argument] = []
            for property in structure.properties {
                let value = example?[property.key]
                let omissible = property.type.isOptional || property.defaultValue != nil
                if omissible && (value == nil || value == .null) { continue }
                guard let expression = expression(property.type.nonOptionalUsage, value, depth: depth + 1) else {
                    if omissible { continue }
                    return nil
                }
                arguments.append(.init(label: SwiftKeywords.argumentLabel(property.name), expression: expression))
            }
            return .call(".init", arguments)
        case .enumeration(let enumeration):
            let chosen =
                enumeration.cases.first { item in
                    switch (item.rawValue, example) {
                    case (.string(let raw), .string(let value)?): raw == value
                    case (.integer(let raw), .integer(let value)?): raw == value
                    default: false
                    }
                } ?? enumeration.cases.first
            if let chosen { return .code("." + SwiftKeywords.escaped(chosen.name)) }
            return .code(spelled + "(rawValue: \(enumeration.rawType == .string ? "\"value\"" : "0"))")
        case .oneOf(let choice):
            // The case the example's discriminator names, else the first that can be written.
            var candidates = choice.cases
            if let property = choice.discriminatorProperty, case .string(let value)? = example?[property] {
                candidates = candidates.filter { $0.discriminatorValues.contains(value) } + candidates
            }
            for item in candidates {
                if let inner = expression(item.type, example, depth: depth + 1) {
                    return .call("." + SwiftKeywords.escaped(item.name), [.init(label: nil, expression: inner)])
                }
            }
            return nil
        case .typeAlias(let alias):
            return expression(alias.target, example, depth: depth)
        case .client, .clientExtension:
            return nil
        }
    }

    private func builtin(_ name: TypeName, _ example: ExampleValue?) -> ExampleExpression? {
        switch name {
        case .string:
            if case .string(let text)? = example { return .string(text) }
            return .string("string")
        case .int, .int32, .int64:
            if case .integer(let number)? = example { return .code(String(number)) }
            return .code("1")
        case .double, .float:
            if case .number(let number)? = example, number.isFinite { return .code("\(number)") }
            if case .integer(let number)? = example { return .code(String(number)) }
            return .code("1.5")
        case .bool:
            if case .bool(let flag)? = example { return .code(flag ? "true" : "false") }
            return .code("true")
        case .date: return .code("Date()")
        case RuntimeNames.calendarDate: return .code("\(RuntimeNames.calendarDate.path[0])(Date())")
        case .uuid: return .code("UUID()")
        case .data: return .code("Data()")
        case RuntimeNames.multipartFile:
            return .code("\(RuntimeNames.multipartFile.path[0])(file: URL(fileURLWithPath: \"file.bin\"))")
        case RuntimeNames.jsonValue: return json(example ?? .object([]), depth: 0)
        default: return nil
        }
    }

    /// A `JSONValue` literal.
    private func json(_ value: ExampleValue, depth: Int) -> ExampleExpression? {
        guard depth < 8 else { return nil }
        switch value {
        case .null: return .code("nil")
        case .bool(let flag): return .code(flag ? "true" : "false")
        case .integer(let number): return .code(String(number))
        case .number(let number): return number.isFinite ? .code("\(number)") : nil
        case .string(let text): return .string(text)
        case .array(let items):
            var expressions: [ExampleExpression] = []
            for item in items.prefix(3) {
                guard let expression = json(item, depth: depth + 1) else { return nil }
                expressions.append(expression)
            }
            return .array(expressions)
        case .object(let members):
            var pairs: [ExampleExpression.Pair] = []
            for member in members {
                guard let expression = json(member.value, depth: depth + 1) else { return nil }
                pairs.append(.init(key: .string(member.key), value: expression))
            }
            return .dictionary(pairs)
        }
    }
}
