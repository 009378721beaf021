import Foundation

/// One page of a paged list: its items, and the cursor of the next page (nil on the last).
public struct Page<Item, Cursor> {
    public var items: [Item]
    public var nextCursor: Cursor?
    /// Thrown once the page's items have been yielded, ending the walk (a next-page link
    /// that may not be followed).
    var endError: (any Error)?

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

    /// The items of every page of an operation whose response names the next page in a
    /// `Link: <…>; rel="next"` header (RFC 8288), fetching a page only when the consumer
    /// gets there. Generated companions of `Link`-paged operations call it.
    ///
    /// `fetchPage` calls the operation with the options it is given: the first time
    /// `options` as they are (the operation's own URL), then with the next page's URL in
    /// them, which the client sends its request to in place of the operation's path and
    /// query (its headers, credentials and body are the operation's, as for the first
    /// page). The `next` link is resolved against the URL of the request that fetched the
    /// page; the walk ends after a page without one.
    ///
    /// A next link is followed only to the origin (scheme, host and port) of the request
    /// that fetched the page, which the client's own server URL started: a link elsewhere
    /// ends the walk, after that page's items, with ``PaginationLinkError`` rather than
    /// sending the client's credentials to a host the response, not the caller, chose.
    /// The client checks it again before sending. A `Link` header never adds a header or a
    /// credential of its own: only its URL is used.
    ///
    /// An operation called through something other than a generated client (a fake of the
    /// client's protocol) reports no response headers: its walk ends after the first page.
    public static func linkedItems<Item: Sendable>(
        options: RequestOptions, relation: String = "next",
        fetchPage: @escaping @Sendable (RequestOptions) async throws -> [Item]
    ) -> AsyncThrowingStream<Item, any Error> {
        following(options: options) { options in
            let items = try await fetchPage(options)
            return (
                items,
                { headers, requestURL in
                    // A link to the same origin first, when the response gives several.
                    WebLink.url(rel: relation, in: headers, relativeTo: requestURL)
                        ?? WebLink.url(rel: relation, in: headers, relativeTo: requestURL, allowOtherOrigins: true)
                }
            )
        }
    }

    /// The items of every page of an operation whose response body gives the URL of the next
    /// page (`"next": "https://api.example.com/items?cursor=…"`, Speakeasy's `type: url`
    /// with `nextUrl: $.next`), fetching a page only when the consumer gets there.
    ///
    /// `fetchPage` calls the operation with the options it is given and returns the page's
    /// items with the URL its body gives (nil or empty on the last page). The rest is as
    /// for ``linkedItems(options:relation:fetchPage:)``: the URL is resolved against the
    /// request's, stands in for the operation's path and query, is followed only on the
    /// request's origin (another ends the walk with ``PaginationLinkError`` after the page's
    /// items), never twice, and a fake of the client's protocol gets its first page only.
    public static func nextURLItems<Item: Sendable>(
        options: RequestOptions,
        fetchPage: @escaping @Sendable (RequestOptions) async throws -> Page<Item, String>
    ) -> AsyncThrowingStream<Item, any Error> {
        following(options: options) { options in
            let page = try await fetchPage(options)
            let next = page.nextCursor
            return (
                page.items,
                { _, requestURL in
                    guard let next, !next.isEmpty else { return nil }
                    return URL(string: next, relativeTo: requestURL)?.absoluteURL
                }
            )
        }
    }

    /// The walk of ``linkedItems(options:relation:fetchPage:)`` and
    /// ``nextURLItems(options:fetchPage:)``: `fetchPage` gives a page's items and how to find
    /// the next page's URL (any origin) from the response's headers and the request's URL.
    private static func following<Item: Sendable>(
        options: RequestOptions,
        fetchPage:
            @escaping @Sendable (RequestOptions) async throws -> (
                [Item], @Sendable (HTTPHeaders, URL) -> URL?
            )
    ) -> AsyncThrowingStream<Item, any Error> {
        let walk = LinkedWalk()
        return items { (url: URL?) in
            let exchange = PageExchange(url: url)
            var pageOptions = options
            pageOptions.pageExchange = exchange
            let (items, findNext) = try await fetchPage(pageOptions)
            let pages = walk.fetched(url == nil ? exchange.recorded?.0 : nil)
            // Not through a client (a fake): no request to resolve against or to follow with.
            guard let (requestURL, headers) = exchange.recorded else { return Page(items: items, nextCursor: nil) }
            var page = Page<Item, URL>(items: items, nextCursor: nil)
            guard let next = findNext(headers, requestURL), next.scheme != nil else { return page }
            if !WebLink.sameOrigin(next, requestURL) {
                page.endError = PaginationLinkError(link: next, origin: requestURL)
            } else if next == walk.firstURL {
                // A link back to the first page (whose cursor was nil) goes round as well.
                page.endError = PaginationLoopError(pagesFetched: pages)
            } else {
                page.nextCursor = next
            }
            return page
        }
    }
}

/// The URL of a URL-paged list's first request, and how many pages were fetched.
private final class LinkedWalk: @unchecked Sendable {
    private let lock = NSLock()
    private var first: URL?
    private var pages = 0
    /// Counts a page (the first's URL given); returns the count.
    func fetched(_ firstURL: URL?) -> Int {
        lock.withLock {
            if let firstURL { first = firstURL }
            pages += 1
            return pages
        }
    }
    var firstURL: URL? { lock.withLock { first } }
}

/// A next-page URL (of a `Link: <…>; rel="next"` header, or in the body) that points to
/// another origin (scheme, host or port) than the request it answered: it is not followed,
/// since the request would carry the client's credentials to a server the response chose.
public struct PaginationLinkError: Error, CustomStringConvertible {
    /// The link's URL as the response gave it (only its origin is in ``description``, which
    /// may be logged).
    public let link: URL
    /// The origin (`scheme://host:port`, nothing more: no path, no query that could hold a
    /// credential) of the request whose response gave the link, or of the client's server.
    public let origin: String
    /// `origin` is reduced to its scheme, host and port.
    public init(link: URL, origin: URL) {
        self.link = link
        self.origin = Self.origin(of: origin)
    }
    public var description: String {
        "the next-page link goes to \(Self.origin(of: link)), another origin than \(origin); "
            + "it was not followed, so that the client's credentials stay with its server"
    }

    private static func origin(of url: URL) -> String {
        var text = (url.scheme ?? "") + "://" + (url.host ?? "")
        if let port = url.port { text += ":\(port)" }
        return text
    }
}

/// What a page request of ``Pagination/linkedItems(options:relation:fetchPage:)`` carries
/// through ``RequestOptions`` to ``ClientCore``: the URL to send the request to (nil for the
/// first page) and, back, the URL the request went to and the response's headers.
final class PageExchange: @unchecked Sendable, Hashable {
    let url: URL?
    private let lock = NSLock()
    private var requestURL: URL?
    private var headers: HTTPHeaders?

    init(url: URL?) { self.url = url }

    func record(requestURL: URL) {
        lock.withLock { self.requestURL = requestURL }
    }

    func record(headers: HTTPHeaders) {
        lock.withLock { self.headers = headers }
    }

    /// The request's URL and the response's headers, once a response has arrived.
    var recorded: (URL, HTTPHeaders)? {
        lock.withLock {
            guard let requestURL, let headers else { return nil }
            return (requestURL, headers)
        }
    }

    static func == (left: PageExchange, right: PageExchange) -> Bool { left === right }
    func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }
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
    /// Thrown once the items of the last page have been yielded: the page repeated a
    /// cursor (``PaginationLoopError``), or its ``Page/endError``.
    private var ending: (any Error)?

    init(cursor: Cursor?, fetchPage: @escaping @Sendable (Cursor?) async throws -> Page<Item, Cursor>) {
        self.cursor = cursor
        self.fetchPage = fetchPage
        if let cursor { used.insert(cursor) }
    }

    func next() async throws -> Item? {
        while position == buffer.count {
            guard !done else { return nil }
            if let ending = self.ending {
                done = true
                throw ending
            }
            do {
                try Task.checkCancellation()
                let page = try await fetchPage(cursor)
                pagesFetched += 1
                buffer = page.items
                position = 0
                if let endError = page.endError {
                    ending = endError
                } else if let next = page.nextCursor {
                    if used.insert(next).inserted {
                        cursor = next
                    } else {
                        // This page's items still count; the walk stops where it would go round.
                        ending = PaginationLoopError(pagesFetched: pagesFetched)
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

    /// Whether `a` and `b` have the same scheme, host and port (a default port as the
    /// scheme's: `https://h` and `https://h:443` are one origin).
    static func sameOrigin(_ a: URL, _ b: URL) -> Bool {
        func port(_ url: URL) -> Int? {
            url.port ?? (url.scheme?.lowercased() == "https" ? 443 : url.scheme?.lowercased() == "http" ? 80 : nil)
        }
        return a.scheme?.lowercased() == b.scheme?.lowercased() && a.host?.lowercased() == b.host?.lowercased()
            && port(a) == port(b)
    }
}
