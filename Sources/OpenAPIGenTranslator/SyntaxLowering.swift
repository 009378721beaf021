import OpenAPIGenDeclarations
import OpenAPIGenSyntax

import enum OpenAPIGenConcurrency.ConcurrentWork

/// Turns the SDK's declarations into Swift syntax: how each type is coded, how each
/// parameter is sent, which runtime call, which docs. Everything the generated code means
/// is decided here; the printer only lays the syntax out.
public struct SyntaxLowering: Sendable {
    public let moduleName: String
    public let accessLevel: AccessLevel
    /// The conformances of the generated models (`Codable` and `Sendable`, and `Equatable`
    /// or `Hashable` when asked for).
    public let conformances: ModelConformances

    public init(
        moduleName: String, accessLevel: AccessLevel = .public, conformances: ModelConformances = ModelConformances()
    ) {
        self.moduleName = moduleName
        self.accessLevel = accessLevel
        self.conformances = conformances
    }

    /// The files as syntax: the header, a blank line, the imports, and each declaration
    /// after a blank line. Large files are lowered on every core.
    public func lower(_ files: [SwiftFile]) -> [SourceFile] {
        let lowering = prepare(files)
        return files.map { file in
            let declarations = file.declarations
            let pieces = ConcurrentWork.pieces(declarations.count, minimumCount: 64, itemsPerPiece: 32)
            let lowered = ConcurrentWork.map(pieces.count) { lowering.lower(declarations[pieces[$0]]) }
            return lowering.sourceFile(file, declarations: lowered.flatMap { $0 })
        }
    }

    /// What lowering any part of `files` needs (how each type is spelled from where it is
    /// used), worked out once: the generator lowers the files piece by piece with it.
    public func prepare(_ files: [SwiftFile]) -> PreparedLowering {
        PreparedLowering(
            context: LoweringContext(
                speller: TypeSpeller(moduleName: moduleName, files: files),
                access: AccessModifier(rawValue: accessLevel.rawValue)!, modelConformances: conformances))
    }
}

/// Lowers the declarations of the files it was prepared for, any part of them at a time,
/// on any thread.
public struct PreparedLowering: Sendable {
    let context: LoweringContext

    /// `declarations` as syntax, each after a blank line: consecutive pieces lowered apart
    /// join into what the whole would give.
    public func lower(_ declarations: ArraySlice<OpenAPIGenDeclarations.Declaration>) -> [OpenAPIGenSyntax.Declaration]
    {
        var lowered: [OpenAPIGenSyntax.Declaration] = []
        lowered.reserveCapacity(declarations.count * 2)
        for declaration in declarations {
            lowered.append(.blankLine)
            lowered += context.lower(declaration)
        }
        return lowered
    }

    /// `file` with `declarations` (its own, lowered) under its header and imports.
    public func sourceFile(_ file: SwiftFile, declarations: [OpenAPIGenSyntax.Declaration]) -> SourceFile {
        SourceFile(
            name: file.name, header: file.header, imports: file.imports.map { Identifier($0) },
            declarations: declarations)
    }
}

/// What every lowering step needs: how to spell a type from where it is used, and the
/// access level of the generated API, and the models' conformances.
struct LoweringContext: Sendable {
    let speller: TypeSpeller
    let access: AccessModifier
    let modelConformances: ModelConformances

    func spell(_ type: TypeUsage, _ scope: [String]) -> TypeSyntax { speller.spell(type, from: scope) }
    func spell(_ type: TypeName, _ scope: [String]) -> TypeSyntax { speller.spell(type, from: scope) }

    /// A top-level declaration (the client brings its protocol and webhooks along).
    func lower(_ declaration: OpenAPIGenDeclarations.Declaration) -> [OpenAPIGenSyntax.Declaration] {
        switch declaration {
        case .structure(let value): return [lower(value, in: [])]
        case .enumeration(let value): return [lower(value, in: [])]
        case .oneOf(let value): return [lower(value, in: [])]
        case .typeAlias(let value): return [lower(value, in: [])]
        case .client(let value):
            var result = [ClientLowering(context: self).client(value)]
            if !value.protocolOperations.isEmpty {
                result += [.blankLine] + ClientLowering(context: self).clientProtocol(value)
            }
            if let webhooks = value.webhooks {
                result += [.blankLine, WebhookLowering(context: self).webhooks(webhooks)]
            }
            return result
        case .clientExtension(let value): return [ClientLowering(context: self).clientExtension(value)]
        }
    }

    func lower(_ declaration: OpenAPIGenDeclarations.Declaration, in scope: [String]) -> OpenAPIGenSyntax.Declaration {
        switch declaration {
        case .structure(let value): lower(value, in: scope)
        case .enumeration(let value): lower(value, in: scope)
        case .oneOf(let value): lower(value, in: scope)
        case .typeAlias(let value): lower(value, in: scope)
        case .client, .clientExtension: preconditionFailure("the client is not nested")
        }
    }

    /// `declaration` with `documentation` (unchanged without any).
    func documented(_ documentation: Documentation, _ declaration: OpenAPIGenSyntax.Declaration)
        -> OpenAPIGenSyntax.Declaration
    {
        documentation.isEmpty ? declaration : .commented(DocComment(text: documentation.lines), declaration)
    }

    /// `declaration` with a comment of fixed lines.
    func commented(_ lines: [String], _ declaration: OpenAPIGenSyntax.Declaration) -> OpenAPIGenSyntax.Declaration {
        .commented(DocComment(text: lines), declaration)
    }

    /// Deprecated types say so in their documentation rather than with `@available`, which
    /// would make the SDK's own uses of them warn.
    func deprecationNoted(_ docs: Documentation, _ isDeprecated: Bool) -> Documentation {
        guard isDeprecated else { return docs }
        return Documentation(docs.lines + (docs.isEmpty ? [] : [""]) + ["- Warning: Deprecated."])
    }

    /// The conformances of a generated value type: the models' (``ModelConformances/names``)
    /// unless `names` says otherwise.
    func conformances(_ scope: [String], names: [String]? = nil) -> [TypeSyntax] {
        (names ?? modelConformances.names).map { spell(.swift($0), scope) }
    }
}

// MARK: - Models

extension LoweringContext {
    private func lower(_ structure: StructDeclaration, in scope: [String]) -> OpenAPIGenSyntax.Declaration {
        let inner = scope + [structure.name]
        // Each property's name and type as syntax, made once for the places they appear in
        // (the property, the initialiser, decoding, encoding).
        let names = structure.properties.map { Identifier($0.name) }
        let types = structure.properties.map { spell($0.type, inner) }
        var members: [OpenAPIGenSyntax.Declaration] = structure.properties.indices.map { index in
            let property = structure.properties[index]
            return documented(
                property.documentation,
                .variable(
                    VariableDescription(
                        attributes: property.isIndirect ? [.propertyWrapper(spell(RuntimeNames.indirect, inner))] : [],
                        access: access, kind: .var, name: names[index], type: types[index]))
            )
        }
        members += [.blankLine, initializer(structure, names: names, types: types)]
        if structure.hasDataFileInitializer { members += [.blankLine, dataFileInitializer(structure, inner)] }
        if !structure.properties.isEmpty {
            members += [
                .blankLine, decodingInitializer(structure, names: names, types: types, inner), .blankLine,
                encodingMethod(structure, names: names, inner),
            ]
        }
        for nested in structure.nestedTypes { members += [.blankLine, lower(nested, in: inner)] }
        return documented(
            deprecationNoted(structure.documentation, structure.isDeprecated),
            .struct(
                TypeDescription(
                    access: access, name: Identifier(structure.name), conformances: conformances(inner),
                    members: members)))
    }

    /// `init(from:)`, written out with the runtime's `PropertyKey` in place of the
    /// `CodingKeys` enum (and its dozens of synthesised members) Swift would make for every
    /// model: same calls, same JSON, same errors, and a fifth less CPU to build a large SDK.
    /// An optional property decodes with `decodeIfPresent` (a missing key or `null` is nil),
    /// as synthesised code does. Each call is to the runtime's method for the property's
    /// type (`decodeString(forKey:)`, `decodeValue(_:forKey:)`), which calls the overload of
    /// `decode` Swift would pick; the type checker resolves it at once, where it weighs a
    /// dozen overloads for each `decode` (about a twelfth of each compile job of Stripe's SDK).
    private func decodingInitializer(
        _ structure: StructDeclaration, names: [Identifier], types: [TypeSyntax], _ scope: [String]
    ) -> OpenAPIGenSyntax.Declaration {
        let container: Identifier = "container"
        let key = spell(RuntimeNames.propertyKey, scope)
        var body: [Statement] = [
            .variable(
                VariableDescription(
                    kind: .let, name: container,
                    value: .try(
                        .call(
                            .name("decoder").dot("container"), [Argument("keyedBy", .metatype(key))]))))
        ]
        for (index, property) in structure.properties.enumerated() {
            let coder = Self.coder(for: property.type.nonOptionalUsage)
            let method = property.type.isOptional ? coder.decodeIfPresent : coder.decode
            var arguments = [Argument("forKey", .string(property.key))]
            if coder.decodingTakesType {
                // The type without its optional (`spell` spells an optional as its wrapped type's).
                var type = types[index]
                if property.type.isOptional, case .optional(let wrapped) = type { type = wrapped }
                arguments.insert(Argument(nil, .metatype(type)), at: 0)
            }
            body.append(
                .fitting(
                    Self.codingLineWidth,
                    .expression(
                        .assignment(
                            Expression.selfReference.dot(names[index]),
                            .try(.call(.name(container).dot(method.name), arguments, .lines([2])))))))
        }
        return codingFunction(.initializer, "from", "decoder", protocolName: "Decoder", body: body, scope)
    }

    /// The runtime's coding methods for a property of `type` (optional or not): its own for
    /// a standard type and for `UUID`s (written in lower case), the generic ones otherwise.
    static func coder(for type: TypeUsage) -> RuntimeNames.PropertyCoder {
        switch type.nonOptionalUsage {
        case .named(let name) where name == .uuid: RuntimeNames.uuidCoder
        case .array(.named(let name)) where name == .uuid: RuntimeNames.uuidArrayCoder
        case .named(let name): RuntimeNames.standardCoders[name] ?? RuntimeNames.valueCoder
        default: RuntimeNames.valueCoder
        }
    }

    /// `init(from decoder: any Decoder) throws` or `func encode(to encoder: any Encoder) throws`.
    private func codingFunction(
        _ kind: FunctionDescription.Kind, _ label: Identifier, _ name: Identifier, protocolName: String,
        body: [Statement], _ scope: [String]
    ) -> OpenAPIGenSyntax.Declaration {
        .function(
            FunctionDescription(
                access: access, kind: kind,
                parameters: [
                    ParameterDescription(
                        label: .named(label), name: name, type: .existential(spell(.swift(protocolName), scope)))
                ],
                throwing: true, body: body))
    }

    /// `encode(to:)`, the counterpart of ``decodingInitializer(_:_:)``: a nil optional is
    /// left out (`encodeIfPresent`), as synthesised code does, and `UUID`s are written in
    /// lower case (RFC 9562), where Foundation writes upper case.
    private func encodingMethod(_ structure: StructDeclaration, names: [Identifier], _ scope: [String])
        -> OpenAPIGenSyntax.Declaration
    {
        let container: Identifier = "container"
        let key = spell(RuntimeNames.propertyKey, scope)
        var body: [Statement] = [
            .variable(
                VariableDescription(
                    kind: .var, name: container,
                    value: .call(.name("encoder").dot("container"), [Argument("keyedBy", .metatype(key))])))
        ]
        for (index, property) in structure.properties.enumerated() {
            let coder = Self.coder(for: property.type)
            let method = property.type.isOptional ? coder.encodeIfPresent : coder.encode
            // `self.` because a property may be named `container` or `encoder`.
            let value = Expression.selfReference.dot(names[index])
            let arguments = [Argument(nil, value), Argument("forKey", .string(property.key))]
            body.append(
                .fitting(
                    Self.codingLineWidth,
                    .expression(.try(.call(.name(container).dot(method.name), arguments, .lines([2]))))))
        }
        return codingFunction(.function("encode"), "to", "encoder", protocolName: "Encoder", body: body, scope)
    }

    private static let codingLineWidth = LineWidth(100, countsIndentation: true)

    /// The memberwise initialiser, with the spec's defaults.
    private func initializer(_ structure: StructDeclaration, names: [Identifier], types: [TypeSyntax])
        -> OpenAPIGenSyntax.Declaration
    {
        if structure.properties.isEmpty {
            return .function(FunctionDescription(access: access, kind: .initializer, body: []))
        }
        let parameters = structure.properties.indices.map { index in
            let property = structure.properties[index]
            return ParameterDescription(
                name: names[index], type: types[index],
                defaultValue: property.defaultValue.map(defaultValue)
                    ?? (property.type.isOptional ? .literal(.nil) : nil))
        }
        let body: [Statement] = names.map { name in
            .expression(.assignment(Expression.selfReference.dot(name), .identifier(name)))
        }
        return commented(
            [
                structure.properties.contains { $0.defaultValue != nil }
                    ? "Creates a value from its properties; optional ones default to the spec's `default` or `nil`."
                    : "Creates a value from its properties; optional ones default to `nil`."
            ],
            .function(
                FunctionDescription(
                    access: access, kind: .initializer, parameters: parameters, body: body,
                    layout: .fitting(LineWidth(100, countsIndentation: false)))))
    }

    /// A multipart body's initialiser that takes its `MultipartFile` properties as `Data`.
    /// A call that gives no file is the memberwise initialiser's: optional files default to
    /// nil here only when a required file tells the two apart, else all but the first do.
    private func dataFileInitializer(_ structure: StructDeclaration, _ scope: [String])
        -> OpenAPIGenSyntax.Declaration
    {
        let file = TypeUsage.named(RuntimeNames.multipartFile)
        let files = spell(RuntimeNames.multipartFile, scope)
        var parameters: [ParameterDescription] = []
        var arguments: [Argument] = []
        let hasRequiredFile = structure.properties.contains { $0.type == file }
        var optionalFiles = 0
        for property in structure.properties {
            let name = Identifier(property.name)
            let value = Expression.identifier(name)
            let converted: Expression?
            let dataType: TypeUsage?
            switch property.type {
            case file:
                dataType = .named(.data)
                converted = .call(.type(files), [Argument(nil, value)])
            case .optional(file):
                dataType = .optional(.named(.data))
                converted = .call(
                    value.dot("map"), [Argument(nil, .type(files).dot(RuntimeNames.multipartFileFromData.name))])
            case .array(file):
                dataType = .array(.named(.data))
                converted = .call(
                    value.dot("map"), [Argument(nil, .type(files).dot(RuntimeNames.multipartFileFromData.name))])
            case .optional(.array(file)):
                dataType = .optional(.array(.named(.data)))
                converted = .call(
                    value.dot("map"), [Argument(nil, .type(files).dot(RuntimeNames.multipartFilesFromData.name))])
            default:
                dataType = nil
                converted = nil
            }
            var defaultArgument =
                property.defaultValue.map(defaultValue) ?? (property.type.isOptional ? .literal(.nil) : nil)
            if dataType != nil, property.type.isOptional {
                optionalFiles += 1
                if !hasRequiredFile && optionalFiles == 1 { defaultArgument = nil }
            }
            parameters.append(
                ParameterDescription(
                    name: name, type: spell(dataType ?? property.type, scope), defaultValue: defaultArgument))
            arguments.append(Argument(name, converted ?? value))
        }
        return commented(
            [
                "Creates a value with its files' bytes in memory, each sent with its property's name as the",
                "filename and the content type the spec gives the property (else `application/octet-stream`);",
                "`MultipartFile(file:)` sends a file from disk instead.",
            ],
            .function(
                FunctionDescription(
                    access: access, kind: .initializer, parameters: parameters,
                    body: [
                        .fitting(
                            LineWidth(100, countsIndentation: true),
                            .expression(.call(.memberInit(.selfReference), arguments, .onePerLine(arguments.count))))
                    ],
                    layout: .fitting(LineWidth(100, countsIndentation: false)))))
    }

    private func defaultValue(_ value: PropertyDeclaration.DefaultValue) -> Expression {
        switch value {
        case .string(let text): .string(text)
        case .integer(let number): .literal(.integer(number))
        // Finite doubles print in a form Swift reads back exactly.
        case .number(let number): .literal(number.isFinite ? .double(number) : .integer(0))
        case .bool(let flag): .literal(.bool(flag))
        case .enumCase(let name): .member(nil, Identifier(name))
        }
    }

    private func literal(_ value: EnumDeclaration.RawValue) -> Literal {
        switch value {
        case .string(let text): .string(text)
        case .integer(let number): .integer(number)
        }
    }

    private func lower(_ enumeration: EnumDeclaration, in scope: [String]) -> OpenAPIGenSyntax.Declaration {
        let inner = scope + [enumeration.name]
        let raw = spell(enumeration.rawType, inner)
        let unknown = Identifier(enumeration.unknownCaseName)
        var members: [OpenAPIGenSyntax.Declaration] = enumeration.cases.map { item in
            documented(item.documentation, .enumCase(EnumCaseDescription(name: Identifier(item.name))))
        }
        members.append(
            commented(
                ["A value this version of the SDK does not know; it keeps the raw value."],
                .enumCase(EnumCaseDescription(name: unknown, associatedValues: [raw]))))
        let rawValue: Identifier = "rawValue"
        let fromRaw = SwitchDescription(
            subject: .identifier(rawValue),
            cases: enumeration.cases.map { item in
                SwitchCaseDescription(
                    .patterns([.literal(literal(item.rawValue))]),
                    body: [.expression(.assignment(.selfReference, .member(nil, Identifier(item.name))))],
                    sameLine: true)
            } + [
                SwitchCaseDescription(
                    .default,
                    body: [
                        .expression(
                            .assignment(
                                .selfReference, .call(.member(nil, unknown), [Argument(nil, .identifier(rawValue))])))
                    ],
                    sameLine: true)
            ])
        let value: Identifier = "value"
        // A switch statement of `return`s, not a switch expression: each literal then gets
        // its type from the getter's, instead of the branches being joined into one
        // expression, which is measurably cheaper to compile for large enums.
        let toRaw = SwitchDescription(
            subject: .selfReference,
            cases: enumeration.cases.map { item in
                SwitchCaseDescription(
                    .patterns([.member(nil, Identifier(item.name))]),
                    body: [.return(.literal(literal(item.rawValue)))],
                    sameLine: true)
            } + [
                SwitchCaseDescription(
                    .patterns([.call(.member(nil, unknown), [Argument(nil, .binding(value))])]),
                    body: [.return(.identifier(value))], sameLine: true)
            ])
        members += [
            .blankLine,
            .function(
                FunctionDescription(
                    access: access, kind: .initializer, parameters: [ParameterDescription(name: rawValue, type: raw)],
                    body: [.switch(fromRaw)])),
            .blankLine,
            .variable(
                VariableDescription(access: access, kind: .var, name: rawValue, type: raw, getter: [.switch(toRaw)])),
        ]
        return documented(
            deprecationNoted(enumeration.documentation, enumeration.isDeprecated),
            .enum(
                TypeDescription(
                    access: access, name: Identifier(enumeration.name),
                    conformances: conformances(inner, names: modelConformances.valueEnumNames), members: members)))
    }

    private func lower(_ choice: OneOfDeclaration, in scope: [String]) -> OpenAPIGenSyntax.Declaration {
        let inner = scope + [choice.name]
        let jsonValue = spell(RuntimeNames.jsonValue, inner)
        var members: [OpenAPIGenSyntax.Declaration] = choice.cases.map { item in
            .enumCase(EnumCaseDescription(name: Identifier(item.name), associatedValues: [spell(item.type, inner)]))
        }
        let unknown = choice.unknownCaseName.map { Identifier($0) }
        if let unknown {
            members.append(
                commented(
                    [
                        "A value whose discriminator names no alternative this version of the SDK knows; it",
                        "keeps the JSON as it came, and encodes it back unchanged.",
                    ], .enumCase(EnumCaseDescription(name: unknown, associatedValues: [jsonValue]))))
        }
        let decoder: Identifier = "decoder"
        let value: Identifier = "value"
        /// `decoder.name(arguments)`.
        func decoderCall(_ member: RuntimeNames.Member, _ arguments: [Argument]) -> Expression {
            .call(Expression.identifier(decoder).dot(member.name), arguments)
        }
        /// `try decoder.singleValueContainer().decode(T.self)`.
        func decodeSingleValue(_ type: TypeSyntax) -> Expression {
            .try(
                .call(
                    Expression.call(Expression.identifier(decoder).dot("singleValueContainer"), []).dot("decode"),
                    [Argument(nil, .metatype(type))]))
        }
        var decoding: [Statement] = []
        if let property = choice.discriminatorProperty {
            var used: Set<String> = []
            var cases: [SwitchCaseDescription] = []
            for item in choice.cases {
                let values = item.discriminatorValues.filter { used.insert($0).inserted }
                guard !values.isEmpty else { continue }
                cases.append(
                    SwitchCaseDescription(
                        .patterns(values.map { .string($0) }),
                        body: [
                            .expression(
                                .assignment(
                                    .selfReference,
                                    .call(
                                        .member(nil, Identifier(item.name)),
                                        [Argument(nil, decodeSingleValue(spell(item.type, inner)))])))
                        ], sameLine: true))
            }
            if let unknown {
                cases.append(
                    SwitchCaseDescription(
                        .default,
                        body: [
                            .expression(
                                .assignment(
                                    .selfReference,
                                    .call(.member(nil, unknown), [Argument(nil, decodeSingleValue(jsonValue))])))
                        ], sameLine: true))
            } else {
                cases.append(
                    SwitchCaseDescription(
                        .patterns([.binding(value)]),
                        body: [
                            .throw(
                                decoderCall(
                                    RuntimeNames.unknownDiscriminator,
                                    [
                                        Argument(nil, .identifier(value)),
                                        Argument(RuntimeNames.Label.property, .string(property)),
                                        Argument(RuntimeNames.Label.of, .metatype(.selfType)),
                                    ]))
                        ], sameLine: true))
            }
            decoding = [
                .switch(
                    SwitchDescription(
                        subject: .try(
                            decoderCall(RuntimeNames.decodeDiscriminator, [Argument(nil, .string(property))])),
                        cases: cases))
            ]
        } else if choice.cases.isEmpty {
            decoding = [
                .throw(
                    decoderCall(
                        RuntimeNames.noAlternativeMatched,
                        [Argument(nil, .metatype(.selfType)), Argument(RuntimeNames.Label.errors, .array([], .inline))])
                )
            ]
        } else {
            // Every alternative is tried; the runtime keeps the one the value fits (see
            // `AlternativeChoice`), or fails as ambiguous for a `oneOf`.
            let choiceName: Identifier = "choice"
            let choiceType = TypeSyntax.generic(spell(RuntimeNames.alternativeChoice, inner), arguments: [.selfType])
            decoding.append(
                .variable(
                    VariableDescription(
                        kind: .var, name: choiceName,
                        value: .call(
                            .type(choiceType),
                            [
                                Argument(nil, .identifier(decoder)),
                                Argument(RuntimeNames.Label.exclusive, .literal(.bool(choice.isExclusive))),
                            ]))))
            for item in choice.cases {
                decoding.append(
                    .expression(
                        .call(
                            Expression.identifier(choiceName).dot(RuntimeNames.considerAlternative.name),
                            [
                                Argument(nil, .metatype(spell(item.type, inner))),
                                Argument(nil, .member(.type(.selfType), Identifier(item.name))),
                            ])))
            }
            decoding.append(
                .expression(
                    .assignment(
                        .selfReference,
                        .try(.call(Expression.identifier(choiceName).dot(RuntimeNames.chosenAlternative.name), [])))))
        }
        let container: Identifier = "container"
        let encoder: Identifier = "encoder"
        let encodeValue: [Statement] = [
            .expression(
                .try(.call(Expression.identifier(container).dot("encode"), [Argument(nil, .identifier(value))])))
        ]
        let encoding: [Statement] = [
            .variable(
                VariableDescription(
                    kind: .var, name: container,
                    value: .call(Expression.identifier(encoder).dot("singleValueContainer"), []))),
            .switch(
                SwitchDescription(
                    subject: .selfReference,
                    cases: (choice.cases.map { Identifier($0.name) } + (unknown.map { [$0] } ?? [])).map { name in
                        SwitchCaseDescription(
                            .patterns([.call(.member(nil, name), [Argument(nil, .binding(value))])]), body: encodeValue,
                            sameLine: true)
                    })),
        ]
        members += [
            .blankLine,
            .function(
                FunctionDescription(
                    access: access, kind: .initializer,
                    parameters: [
                        ParameterDescription(
                            label: .named("from"), name: decoder, type: .existential(spell(.swift("Decoder"), inner)))
                    ], throwing: true, body: decoding)),
            .blankLine,
            .function(
                FunctionDescription(
                    access: access, kind: .function("encode"),
                    parameters: [
                        ParameterDescription(
                            label: .named("to"), name: encoder, type: .existential(spell(.swift("Encoder"), inner)))
                    ], throwing: true, body: encoding)),
        ]
        for nested in choice.nestedTypes { members += [.blankLine, lower(nested, in: inner)] }
        return documented(
            deprecationNoted(choice.documentation, choice.isDeprecated),
            .enum(
                TypeDescription(
                    access: access, isIndirect: choice.isIndirect, name: Identifier(choice.name),
                    conformances: conformances(inner), members: members)))
    }

    private func lower(_ alias: TypeAliasDeclaration, in scope: [String]) -> OpenAPIGenSyntax.Declaration {
        documented(
            alias.documentation,
            .typealias(
                TypealiasDescription(access: access, name: Identifier(alias.name), target: spell(alias.target, scope))))
    }
}
