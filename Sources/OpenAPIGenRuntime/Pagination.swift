import Foundation

/// One page of a paged list: its items, and the cursor of the next page (nil on the last).
public struct Page<Item, Cursor> {
    public var items: [Item]
    public var nextCursor: Cursor?

    public init(items: [Item], nextCursor: Cursor?) {
        self.items = items
        self.nextCursor = nextCursor
    }
}

extension Page: Sendable where Item: Sendable, Cursor: Sendable {}

/// Walks a paged list item by item.
public enum Pagination {
    /// The items of every page in order, fetching a page only when the consumer asks for an
    /// item past the ones already fetched.
    ///
    /// `fetchPage` gets `firstCursor` (nil by default: the first page) and then each page's
    /// ``Page/nextCursor``; the walk ends after a page without one. Empty pages that have a
    /// next cursor are skipped over. No page is fetched twice: a next cursor equal to one
    /// already used ends the walk with ``PaginationLoopError`` instead of going round for
    /// ever (after that page's items). An error `fetchPage` throws is thrown from the loop
    /// (after the items of the pages before it) and ends the walk. Cancelling the consuming
    /// task ends the walk too (the loop ends, or throws `CancellationError` when a page
    /// was being fetched). When the
    /// consumer stops (breaks out of the loop, drops the stream) no further page is fetched:
    /// pages are fetched by the consumer's own `next()`, never ahead of it.
    public static func items<Item: Sendable, Cursor: Hashable & Sendable>(
        startingAt firstCursor: Cursor? = nil,
        fetchPage: @escaping @Sendable (Cursor?) async throws -> Page<Item, Cursor>
    ) -> AsyncThrowingStream<Item, any Error> {
        let walk = PageWalk(cursor: firstCursor, fetchPage: fetchPage)
        return AsyncThrowingStream(unfolding: { try await walk.next() })
    }
}

/// A paged list's next cursor came back to one already fetched, which would fetch the same
/// pages again for ever.
public struct PaginationLoopError: Error, CustomStringConvertible {
    /// How many pages had been fetched.
    public let pagesFetched: Int
    public init(pagesFetched: Int) { self.pagesFetched = pagesFetched }
    public var description: String {
        "the next-page cursor after page \(pagesFetched) repeats an earlier one; the list was not walked further"
    }
}

/// Where a walk through the pages is. Only the consumer's `next()` calls touch it, one at a time.
private final class PageWalk<Item: Sendable, Cursor: Hashable & Sendable>: @unchecked Sendable {
    private let fetchPage: @Sendable (Cursor?) async throws -> Page<Item, Cursor>
    private var cursor: Cursor?
    private var used: Set<Cursor> = []
    private var buffer: [Item] = []
    private var position = 0
    private var pagesFetched = 0
    /// Whether the last page has been fetched (or the walk failed).
    private var done = false
    /// Thrown once the items of the page that repeated a cursor have been yielded.
    private var loop: PaginationLoopError?

    init(cursor: Cursor?, fetchPage: @escaping @Sendable (Cursor?) async throws -> Page<Item, Cursor>) {
        self.cursor = cursor
        self.fetchPage = fetchPage
        if let cursor { used.insert(cursor) }
    }

    func next() async throws -> Item? {
        while position == buffer.count {
            guard !done else { return nil }
            if let loop = self.loop {
                done = true
                throw loop
            }
            do {
                try Task.checkCancellation()
                let page = try await fetchPage(cursor)
                pagesFetched += 1
                buffer = page.items
                position = 0
                if let next = page.nextCursor {
                    if used.insert(next).inserted {
                        cursor = next
                    } else {
                        // This page's items still count; the walk stops where it would go round.
                        loop = PaginationLoopError(pagesFetched: pagesFetched)
                    }
                } else {
                    done = true
                }
            } catch {
                done = true
                buffer = []
                position = 0
                throw error
            }
        }
        defer { position += 1 }
        return buffer[position]
    }
}

/// One link of an HTTP `Link` header (RFC 8288).
public struct WebLink: Sendable, Hashable {
    /// The target as written between `<` and `>`, possibly relative.
    public var target: String
    /// The parameters in order, names lowercased, values unquoted (`\"` and `\\` unescaped).
    public var parameters: [Parameter]

    public struct Parameter: Sendable, Hashable {
        public var name: String
        public var value: String
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    public init(target: String, parameters: [Parameter]) {
        self.target = target
        self.parameters = parameters
    }

    /// The first value of the parameter `name` (case-insensitive), as RFC 8288 says a
    /// repeated parameter is read.
    public func parameter(_ name: String) -> String? {
        let name = name.lowercased()
        return parameters.first { $0.name == name }?.value
    }

    /// The relation types of `rel`, lowercased (`rel="next last"` is both `next` and `last`).
    public var relations: [String] {
        (parameter("rel") ?? "").lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
    }

    /// The links of a `Link` field value (`<https://…?page=2>; rel="next", <…>; rel=prev`).
    /// Parsing is lenient as RFC 8288 §3 allows: a malformed link ends the parse, the links
    /// before it are kept; commas and semicolons inside quoted values and inside `<…>` are
    /// part of them.
    public static func parse(_ value: String) -> [WebLink] {
        var links: [WebLink] = []
        var rest = Substring(value)
        func skipSpace() { rest = rest.drop { $0 == " " || $0 == "\t" } }
        while true {
            skipSpace()
            while rest.first == "," {
                rest = rest.dropFirst()
                skipSpace()
            }
            guard rest.first == "<", let close = rest.firstIndex(of: ">") else { return links }
            let target = String(rest[rest.index(after: rest.startIndex)..<close])
            rest = rest[rest.index(after: close)...]
            var parameters: [Parameter] = []
            while true {
                skipSpace()
                guard rest.first == ";" else { break }
                rest = rest.dropFirst()
                skipSpace()
                let name = rest.prefix { !"=;, \t".contains($0) }
                rest = rest.dropFirst(name.count)
                skipSpace()
                var value = ""
                if rest.first == "=" {
                    rest = rest.dropFirst()
                    skipSpace()
                    if rest.first == "\"" {
                        rest = rest.dropFirst()
                        var closed = false
                        while let character = rest.first {
                            rest = rest.dropFirst()
                            if character == "\\", let escaped = rest.first {
                                value.append(escaped)
                                rest = rest.dropFirst()
                            } else if character == "\"" {
                                closed = true
                                break
                            } else {
                                value.append(character)
                            }
                        }
                        guard closed else { return links }
                    } else {
                        let token = rest.prefix { !";, \t".contains($0) }
                        value = String(token)
                        rest = rest.dropFirst(token.count)
                    }
                }
                if !name.isEmpty { parameters.append(Parameter(name: name.lowercased(), value: value)) }
            }
            links.append(WebLink(target: target, parameters: parameters))
            skipSpace()
            guard rest.first == "," else { return links }
        }
    }

    /// The URL of the first link with relation `relation` in the `Link` fields of
    /// `headers`, resolved against `base` (the request's URL) when relative. `rel="next"`
    /// pagination: `WebLink.url(rel: "next", in: response.headers, relativeTo: request.url)`.
    ///
    /// With `base`, a link to another origin (scheme, host or port) is passed over unless
    /// `allowOtherOrigins`: following it would send the client's credentials to a server
    /// that the response, not the caller, chose.
    public static func url(
        rel relation: String, in headers: HTTPHeaders, relativeTo base: URL? = nil, allowOtherOrigins: Bool = false
    ) -> URL? {
        let relation = relation.lowercased()
        for field in headers where field.name.caseInsensitiveCompare("Link") == .orderedSame {
            for link in parse(field.value) where link.relations.contains(relation) {
                guard let url = URL(string: link.target, relativeTo: base)?.absoluteURL, url.scheme != nil else {
                    continue
                }
                if let base, !allowOtherOrigins, !sameOrigin(url, base.absoluteURL) { continue }
                return url
            }
        }
        return nil
    }

    private static func sameOrigin(_ a: URL, _ b: URL) -> Bool {
        func port(_ url: URL) -> Int? {
            url.port ?? (url.scheme?.lowercased() == "https" ? 443 : url.scheme?.lowercased() == "http" ? 80 : nil)
        }
        return a.scheme?.lowercased() == b.scheme?.lowercased() && a.host?.lowercased() == b.host?.lowercased()
            && port(a) == port(b)
    }
}
