import OpenAPIGenDeclarations
import OpenAPIGenSyntax

/// The companion methods of paged operations, as an extension of the client's protocol: one
/// implementation serves the client and any fake of the protocol (whose pages it walks).
///
/// ```swift
/// func listPetsItems(species: String? = nil, options: RequestOptions = RequestOptions())
///     -> AsyncThrowingStream<Pet, any Error>
/// {
///     OpenAPIGenRuntime.Pagination.items { (pageToken: String?) in
///         let page = try await self.listPets(species: species, pageToken: pageToken, options: options)
///         return OpenAPIGenRuntime.Page(items: page.items, nextCursor: page.nextPageToken)
///     }
/// }
/// ```
struct PaginationLowering {
    let lowering: ClientLowering
    private var context: LoweringContext { lowering.context }
    private func spell(_ type: TypeUsage) -> TypeSyntax { context.spell(type, []) }
    private func spell(_ type: TypeName) -> TypeSyntax { context.spell(type, []) }

    /// Lines of the generated code that are broken when longer.
    private static let width = LineWidth(100, countsIndentation: true)

    /// `extension <Client>Protocol { companions }`, or nothing when no operation is paged.
    func protocolExtension(_ client: ClientDeclaration, protocolName: Identifier) -> [OpenAPIGenSyntax.Declaration] {
        var members: [OpenAPIGenSyntax.Declaration] = []
        for paged in client.pagedOperations {
            guard
                let operation = client.protocolOperations.first(where: {
                    $0.functionName == paged.operationFunctionName
                })
            else { preconditionFailure("a paged operation is one of the client's") }
            if !members.isEmpty { members.append(.blankLine) }
            members.append(companion(paged, operation: operation))
        }
        guard !members.isEmpty else { return [] }
        return [.blankLine, .extension(ExtensionDescription(type: .named(protocolName), members: members))]
    }

    private func companion(_ paged: PagedOperationDeclaration, operation: OperationDeclaration)
        -> OpenAPIGenSyntax.Declaration
    {
        if paged.next.isURL { return linkCompanion(paged, operation: operation) }
        let all = lowering.parameters(operation)
        let cursor = Identifier(paged.cursorParameter)
        let kept = all.filter { $0.declaration.name != cursor }
        var locals = NameScope(reserved: Set(all.map(\.declaration.name.name)))
        let page = Identifier(locals.claim("page"))
        let items = Identifier(locals.claim("items"))
        let itemType = spell(paged.itemType)
        let stream = TypeSyntax.generic(
            spell(.swift("AsyncThrowingStream")), arguments: [itemType, .existential(spell(.swift("Error")))])

        let call = Expression.try(
            .await(.call(Expression.selfReference.dot(Identifier(operation.functionName)), all.map(\.argument))))
        var body: [Statement] = [
            .fitting(Self.width, .variable(VariableDescription(kind: .let, name: page, value: call)))
        ]
        body.append(
            .variable(VariableDescription(kind: .let, name: items, value: resultsExpression(paged.results, page))))
        let nextCursor: Expression
        switch paged.next {
        case .token(let path):
            nextCursor = access(path, from: .identifier(page)).expression
        case .lastItem(let path, let hasMore):
            let last = access(
                PropertyPath([PropertyPath.Step(name: "last", isOptional: true)] + path.steps), from: .identifier(items)
            ).expression
            if let hasMore {
                let flag = access(hasMore, from: .identifier(page))
                nextCursor = .ternary(
                    flag.isOptional ? .binary(flag.expression, .equal, .literal(.bool(true))) : flag.expression, last,
                    .literal(.nil))
            } else {
                nextCursor = last
            }
        case .offset(let limitParameter, let limitType):
            // The next offset is this one plus the items; an empty page, or one shorter than the
            // limit the caller passed, is the last.
            let count = Expression.identifier(items).dot("count")
            let nextOffset = Expression.binary(
                .parenthesized(.binary(.identifier(cursor), .nilCoalescing, .literal(.integer(0)))), .plus,
                converted(count, to: paged.cursorType))
            let limit: Expression =
                limitParameter.map { name in
                    let value = Expression.binary(.identifier(Identifier(name)), .nilCoalescing, .literal(.integer(1)))
                    return limitType == .named(.int)
                        ? .parenthesized(value) : .call(.type(spell(.int)), [Argument(nil, value)])
                } ?? .literal(.integer(1))
            nextCursor = .ternary(.binary(count, .lessThan, limit), .literal(.nil), nextOffset)
        case .link, .nextURL:
            preconditionFailure("linkCompanion lowers URL-paged operations")
        }
        body.append(
            .fitting(
                Self.width,
                .return(
                    .call(
                        .type(spell(RuntimeNames.page)),
                        [
                            Argument(RuntimeNames.Label.items, .identifier(items)),
                            Argument(RuntimeNames.Label.nextCursor, nextCursor),
                        ], .onePerLine(2)))))
        let walk = Expression.trailingClosure(
            Expression.type(spell(RuntimeNames.pagination)).dot(RuntimeNames.paginationItems.name),
            parameters: [TupleElement(cursor, .optional(spell(paged.cursorType)))], body: body)
        return .commented(
            documentation(
                paged, operation: operation,
                // A loop over the items, when every other argument has a default (it compiles as it is).
                example: kept.allSatisfy({ $0.declaration.defaultValue != nil })
                    ? [
                        "```swift", "for try await item in client.\(paged.functionName)() {", "    print(item)", "}",
                        "```",
                    ] : []),
            .function(
                FunctionDescription(
                    attributes: operation.isDeprecated ? [.deprecated] : [], access: context.access,
                    kind: .function(Identifier(paged.functionName)), parameters: kept.map(\.declaration),
                    returnType: stream, body: [.expression(walk)], layout: ClientLowering.signatureWidth)))
    }

    /// The companion of an operation whose pages give the next one's URL, in a `Link` header
    /// or in the body: the runtime follows the URLs, calling the operation with the options it
    /// gives each page.
    ///
    /// ```swift
    /// Pagination.linkedItems(options: options) { (options: RequestOptions) in
    ///     let page = try await self.listRepos(perPage: perPage, options: options)
    ///     return page
    /// }
    /// Pagination.nextURLItems(options: options) { (options: RequestOptions) in
    ///     let page = try await self.listOrders(options: options)
    ///     return Page(items: page.orders ?? [], nextCursor: page.next)
    /// }
    /// ```
    private func linkCompanion(_ paged: PagedOperationDeclaration, operation: OperationDeclaration)
        -> OpenAPIGenSyntax.Declaration
    {
        let all = lowering.parameters(operation)
        var locals = NameScope(reserved: Set(all.map(\.declaration.name.name)))
        let page = Identifier(locals.claim("page"))
        let itemType = spell(paged.itemType)
        let stream = TypeSyntax.generic(
            spell(.swift("AsyncThrowingStream")), arguments: [itemType, .existential(spell(.swift("Error")))])
        let call = Expression.try(
            .await(.call(Expression.selfReference.dot(Identifier(operation.functionName)), all.map(\.argument))))
        var body: [Statement] = [
            .fitting(Self.width, .variable(VariableDescription(kind: .let, name: page, value: call)))
        ]
        let walker: Identifier
        if case .nextURL(let path) = paged.next {
            walker = RuntimeNames.paginationNextURLItems.name
            body.append(
                .fitting(
                    Self.width,
                    .return(
                        .call(
                            .type(spell(RuntimeNames.page)),
                            [
                                Argument(RuntimeNames.Label.items, resultsExpression(paged.results, page)),
                                Argument(
                                    RuntimeNames.Label.nextCursor, access(path, from: .identifier(page)).expression),
                            ], .onePerLine(2)))))
        } else {
            walker = RuntimeNames.paginationLinkedItems.name
            body.append(.return(resultsExpression(paged.results, page)))
        }
        // The closure's `options` (the page's) stands in for the caller's in the call.
        let options = RuntimeNames.Label.options
        let walk = Expression.trailingClosure(
            .call(
                Expression.type(spell(RuntimeNames.pagination)).dot(walker),
                [Argument(options, .identifier(options))]),
            parameters: [TupleElement(options, spell(RuntimeNames.requestOptions))], body: body)
        return .commented(
            documentation(
                paged, operation: operation,
                example: all.allSatisfy({ $0.declaration.defaultValue != nil })
                    ? [
                        "```swift", "for try await item in client.\(paged.functionName)() {", "    print(item)", "}",
                        "```",
                    ] : []),
            .function(
                FunctionDescription(
                    attributes: operation.isDeprecated ? [.deprecated] : [], access: context.access,
                    kind: .function(Identifier(paged.functionName)), parameters: all.map(\.declaration),
                    returnType: stream, body: [.expression(walk)], layout: ClientLowering.signatureWidth)))
    }

    /// `value` as `type` (an integer type): `Int64(items.count)`, or `value` itself for `Int`.
    private func converted(_ value: Expression, to type: TypeUsage) -> Expression {
        type == .named(.int) ? value : .call(.type(spell(type)), [Argument(nil, value)])
    }

    /// `page.data`, or `page.data ?? []` when some property on the way is optional.
    private func resultsExpression(_ path: PropertyPath, _ page: Identifier) -> Expression {
        let results = access(path, from: .identifier(page))
        return results.isOptional
            ? .binary(results.expression, .nilCoalescing, .array([], .inline)) : results.expression
    }

    /// `base.a.b`, with `?.` after each optional property; whether the result is optional.
    private func access(_ path: PropertyPath, from base: Expression) -> (expression: Expression, isOptional: Bool) {
        var expression = base
        var isOptional = false
        for step in path.steps {
            expression = .member(isOptional ? .optionalChain(expression) : expression, Identifier(step.name))
            isOptional = isOptional || step.isOptional
        }
        return (expression, isOptional)
    }

    private func documentation(_ paged: PagedOperationDeclaration, operation: OperationDeclaration, example: [String])
        -> DocComment
    {
        var lines: [DocComment.Line] = [
            .text("Every item of `\(operation.functionName)`, page after page."),
            .text(""),
            .joined([.lines(paged.summary, separator: " ")]),
            .text("A page is fetched only when the loop reaches its first item, and never twice; breaking"),
            .text("out of the loop (or cancelling its task) fetches no further page."),
        ]
        if paged.next.isURL {
            lines += [
                .text(
                    "The arguments are those of `\(operation.functionName)`: the pages after the first are asked for"),
                .text("at the given URL (whose query stands in for the query parameters) with the same headers."),
                .text("Through a fake of the protocol, which sends no request, the walk ends after the first page."),
            ]
        } else {
            lines.append(
                .text(
                    "The arguments are those of `\(operation.functionName)` but `\(paged.cursorParameter)`, sent with every page."
                ))
        }
        if !example.isEmpty { lines += [.text("")] + example.map(DocComment.Line.text) }
        lines += [
            .text(""),
            .text(
                "- Returns: The items, in order. An error fetching a page (one `\(operation.functionName)` throws) is"),
            .text("  thrown from the loop after the items of the pages before it, and ends the walk; so does"),
        ]
        lines +=
            paged.next.isURL
            ? [
                .text("  `\(RuntimeNames.module.name).PaginationLoopError` when a link comes back that was already"),
                .text(
                    "  followed, and `\(RuntimeNames.module.name).PaginationLinkError` (after the page's items) when"),
                .text("  it goes to another scheme, host or port than the server's."),
            ]
            : [
                .text(
                    "  `\(RuntimeNames.module.name).PaginationLoopError` when a cursor comes back that was already used."
                )
            ]
        return DocComment(lines)
    }
}
