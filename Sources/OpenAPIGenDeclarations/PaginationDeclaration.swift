/// A paged operation's companion method (`listPetsItems`), which returns every item of
/// every page as an `AsyncThrowingStream`, fetching a page only when the consumer reaches it.
/// Declared by the spec's `x-speakeasy-pagination` or the configuration's `pagination`.
public struct PagedOperationDeclaration: Hashable, Sendable {
    /// How the cursor of the next page comes from a page.
    public enum Next: Hashable, Sendable {
        /// A value of the response (`pagination.next_page_token`); nil or absent ends the walk.
        case token(PropertyPath)
        /// A property of the page's last item (Stripe's `starting_after` = the last item's
        /// `id`); an empty page ends the walk, and so does `hasMore` when it is not true.
        case lastItem(PropertyPath, hasMore: PropertyPath?)
        /// The offset of the next page: this page's offset plus its item count. An empty
        /// page ends the walk, and so does one shorter than the `limit` parameter when the
        /// caller passes one.
        case offset(limitParameter: String?, limitType: TypeUsage?)
        /// The URL of the response's `Link: <…>; rel="next"` header (RFC 8288), on the
        /// server's origin only; ``PagedOperationDeclaration/cursorParameter`` is empty: the
        /// companion has every parameter of the operation.
        case link
        /// A URL in the response body (`$.next`, Speakeasy's `nextUrl`), a `String`, on the
        /// server's origin only; as for ``link``, every parameter stays.
        case nextURL(PropertyPath)

        /// Whether the next page is asked for at a URL the page gives (``link``, ``nextURL(_:)``).
        public var isURL: Bool {
            switch self {
            case .link, .nextURL: true
            default: false
            }
        }
    }

    /// The companion's name.
    public var functionName: String
    /// The operation's method name, which the companion calls for each page.
    public var operationFunctionName: String
    public var operationID: String
    /// The operation's parameter that takes the cursor: the companion has every parameter
    /// of the operation but this one.
    public var cursorParameter: String
    /// The cursor's type, not optional.
    public var cursorType: TypeUsage
    public var itemType: TypeUsage
    /// Where a page's items are in the operation's return value.
    public var results: PropertyPath
    public var next: Next
    /// The spec's words for how pages are followed, for the documentation.
    public var summary: String

    public init(
        functionName: String, operationFunctionName: String, operationID: String, cursorParameter: String,
        cursorType: TypeUsage, itemType: TypeUsage, results: PropertyPath, next: Next, summary: String
    ) {
        self.functionName = functionName
        self.operationFunctionName = operationFunctionName
        self.operationID = operationID
        self.cursorParameter = cursorParameter
        self.cursorType = cursorType
        self.itemType = itemType
        self.results = results
        self.next = next
        self.summary = summary
    }
}

/// Swift properties followed one after the other from a value (`pagination.nextPageToken`).
public struct PropertyPath: Hashable, Sendable {
    public struct Step: Hashable, Sendable {
        /// The Swift property name.
        public var name: String
        /// Whether the property's type is optional (what follows is reached with `?.`).
        public var isOptional: Bool
        public init(name: String, isOptional: Bool) {
            self.name = name
            self.isOptional = isOptional
        }
    }
    public var steps: [Step]
    public init(_ steps: [Step]) { self.steps = steps }
}
