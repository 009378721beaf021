import Foundation

/// A value a response header can hold, read from the header's text.
public protocol HeaderValue {
    init?(headerText: String)
}

extension String: HeaderValue { public init?(headerText: String) { self = headerText } }
extension Int: HeaderValue {
    public init?(headerText: String) { self.init(headerText.trimmingCharacters(in: .whitespaces)) }
}
extension Int32: HeaderValue {
    public init?(headerText: String) { self.init(headerText.trimmingCharacters(in: .whitespaces)) }
}
extension Int64: HeaderValue {
    public init?(headerText: String) { self.init(headerText.trimmingCharacters(in: .whitespaces)) }
}
extension Double: HeaderValue {
    public init?(headerText: String) { self.init(headerText.trimmingCharacters(in: .whitespaces)) }
}
extension Float: HeaderValue {
    public init?(headerText: String) { self.init(headerText.trimmingCharacters(in: .whitespaces)) }
}
extension Bool: HeaderValue {
    public init?(headerText: String) {
        switch headerText.trimmingCharacters(in: .whitespaces).lowercased() {
        case "true": self = true
        case "false": self = false
        default: return nil
        }
    }
}
extension Date: HeaderValue {
    public init?(headerText: String) {
        guard let date = RFC3339.date(from: headerText.trimmingCharacters(in: .whitespaces)) else { return nil }
        self = date
    }
}
extension UUID: HeaderValue {
    public init?(headerText: String) { self.init(uuidString: headerText.trimmingCharacters(in: .whitespaces)) }
}
extension CalendarDate: HeaderValue {
    public init?(headerText: String) { self.init(headerText.trimmingCharacters(in: .whitespaces)) }
}

extension HTTPResponse {
    /// The header `name` read as `T`; nil when it is absent or not a `T`.
    public func headerValue<T: HeaderValue>(_ name: String, as type: T.Type = T.self) -> T? {
        headers[name].flatMap(T.init(headerText:))
    }

    /// A header of a generated enum type.
    public func headerValue<T: RawRepresentable>(_ name: String, as type: T.Type = T.self) -> T?
    where T.RawValue: HeaderValue {
        headerValue(name, as: T.RawValue.self).flatMap(T.init(rawValue:))
    }

    /// A list header (`simple` style: `a,b,c`); nil when absent or when an item is not a `T`.
    public func headerValue<T: HeaderValue>(_ name: String, as type: [T].Type = [T].self) -> [T]? {
        guard let text = headers[name] else { return nil }
        var items: [T] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            guard let item = T(headerText: String(part).trimmingCharacters(in: .whitespaces)) else { return nil }
            items.append(item)
        }
        return items
    }
}

extension HTTPResponse {
    /// A list header of a generated enum type (`simple` style: `a,b,c`), read item by item;
    /// nil when absent or when an item is not a `T` (an unknown value of an open enum is one).
    public func headerValue<T: RawRepresentable>(_ name: String, as type: [T].Type = [T].self) -> [T]?
    where T.RawValue: HeaderValue {
        guard let raw = headerValue(name, as: [T.RawValue].self) else { return nil }
        var items: [T] = []
        for value in raw {
            guard let item = T(rawValue: value) else { return nil }
            items.append(item)
        }
        return items
    }
}
