import Foundation

/// How one property of an `application/x-www-form-urlencoded` body is written: the
/// spec's `encoding` entry for it (`style: deepObject`, `explode: false`...).
public struct FormFieldEncoding: Hashable, Sendable {
    public var style: QueryStyle
    public var explode: Bool

    public init(style: QueryStyle = .form, explode: Bool = true) {
        self.style = style
        self.explode = explode
    }

    public static let deepObject = FormFieldEncoding(style: .deepObject)
}

/// One part of a `multipart/form-data` body.
public struct MultipartPart: Hashable, Sendable {
    public var name: String
    public var filename: String?
    public var contentType: String?
    public var body: Data
    /// A local file whose contents are the part's body, read while the request is sent
    /// (``body`` is then ignored): a large upload never sits whole in memory.
    public var file: URL?

    public init(name: String, filename: String? = nil, contentType: String? = nil, body: Data) {
        self.name = name
        self.filename = filename
        self.contentType = contentType
        self.body = body
    }

    /// A part whose body is the contents of the local file `file`, read while the request
    /// is sent. `filename` defaults to the file's name.
    public init(name: String, file: URL, filename: String? = nil, contentType: String? = "application/octet-stream") {
        self.init(name: name, filename: filename ?? file.lastPathComponent, contentType: contentType, body: Data())
        self.file = file
    }
}

/// A file of a `multipart/form-data` body: bytes in memory, or a local file that is read
/// while the request is sent, so a large upload never sits whole in memory. Generated
/// multipart bodies hold their `format: binary` properties as this type.
///
/// ```swift
/// UploadPhotoRequest(file: MultipartFile(file: URL(fileURLWithPath: "/tmp/big.mov")))
/// UploadPhotoRequest(file: MultipartFile(pngData, filename: "me.png", contentType: "image/png"))
/// ```
///
/// Encoded as JSON (outside a multipart body) it is its bytes as `Data` is (a file is read
/// then), and it decodes from what `Data` decodes from.
public struct MultipartFile: Hashable, Sendable, Codable {
    public enum Contents: Hashable, Sendable {
        case data(Data)
        /// A local file, read while the request is sent.
        case file(URL)
    }

    public var contents: Contents
    /// The part's `filename`: nil sends the file's name (``Contents/file(_:)``) or the
    /// property's name (``Contents/data(_:)``).
    public var filename: String?
    /// The part's `Content-Type`: nil sends the one the spec gives the property (its
    /// multipart `encoding` or its `contentMediaType`), else `application/octet-stream`.
    public var contentType: String?

    /// Bytes in memory.
    public init(_ data: Data, filename: String? = nil, contentType: String? = nil) {
        self.contents = .data(data)
        self.filename = filename
        self.contentType = contentType
    }

    /// The contents of the local file `file`, read (64 KiB at a time) while the request is
    /// sent; `filename` defaults to the file's name. A file that cannot be read throws its
    /// error from the call, before anything is sent.
    public init(file: URL, filename: String? = nil, contentType: String? = nil) {
        self.contents = .file(file)
        self.filename = filename
        self.contentType = contentType
    }

    /// Bytes in memory, with the defaults of `init(_:filename:contentType:)`:
    /// `optionalData.map(MultipartFile.data)`.
    public static func data(_ data: Data) -> MultipartFile { MultipartFile(data) }

    /// Each of `data` in memory: `optionalList.map(MultipartFile.files)`.
    public static func files(_ data: [Data]) -> [MultipartFile] { data.map { MultipartFile($0) } }

    public init(from decoder: any Decoder) throws {
        self.init(try decoder.singleValueContainer().decode(Data.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch contents {
        case .data(let data): try container.encode(data)
        case .file(let url): try container.encode(Data(contentsOf: url))
        }
    }

    /// The part that sends it under `name`, with `defaultContentType` when it has no
    /// content type of its own.
    func part(name: String, defaultContentType: String?) -> MultipartPart {
        let contentType = contentType ?? defaultContentType ?? "application/octet-stream"
        return switch contents {
        case .data(let data):
            MultipartPart(name: name, filename: filename ?? name, contentType: contentType, body: data)
        case .file(let url):
            MultipartPart(name: name, file: url, filename: filename, contentType: contentType)
        }
    }
}

extension RequestBuilder {
    /// Sets `body` as `application/x-www-form-urlencoded`: each property of the value's
    /// JSON form becomes `name=value`. Arrays repeat the name (`form`, exploded) or join
    /// their items with commas (`explode: false`); objects write their members as
    /// `name[key]=value` with `deepObject` and as `key=value` otherwise. Values nested
    /// deeper use brackets, arrays with indices: `items[0][price]=...`, the form that
    /// Rails-style servers (Stripe among them) read. Names are in key order, so the body
    /// is deterministic; `null` members are left out.
    public mutating func setFormBody(
        _ value: some Encodable, encoding: [String: FormFieldEncoding] = [:]
    ) throws {
        body = Data(try Self.formPairs(value, encoding: encoding, encode: Self.formEncode).joined(separator: "&").utf8)
        streamedBody = nil
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    }

    /// The `name=value` pairs of a form (``setFormBody(_:encoding:)``), each side encoded by
    /// `encode`, in key order.
    static func formPairs(
        _ value: some Encodable, encoding: [String: FormFieldEncoding], encode: (String) -> String
    ) throws -> [String] {
        let json = try JSONCoding.makeDecoder().decode(JSONValue.self, from: JSONCoding.makeEncoder().encode(value))
        guard case .object(let members) = json else {
            throw EncodingError.invalidValue(
                value, EncodingError.Context(codingPath: [], debugDescription: "A form must be an object."))
        }
        // `name=value`, each side already encoded.
        var pairs: [String] = []
        func add(_ name: String, _ text: String) { pairs.append(encode(name) + "=" + encode(text)) }
        for (name, member) in members.sorted(by: { $0.key < $1.key }) {
            let field = encoding[name] ?? FormFieldEncoding()
            switch member {
            case .array(let items) where field.style != .deepObject:
                if field.explode || items.contains(where: \.isContainer) {
                    for (index, item) in items.enumerated() {
                        if item.isContainer {
                            flatten(item, prefix: "\(name)[\(index)]", into: &pairs, encode: encode)
                        } else if let text = item.formText {
                            add(name, text)
                        }
                    }
                } else {
                    // Items are encoded one by one, so the delimiter stays apart from them.
                    let separator = field.style == .spaceDelimited ? "%20" : field.style == .pipeDelimited ? "%7C" : ","
                    let texts = items.compactMap(\.formText).map(encode)
                    pairs.append(encode(name) + "=" + texts.joined(separator: separator))
                }
            case .object(let object) where field.style != .deepObject:
                if field.explode {
                    for (key, item) in object.sorted(by: { $0.key < $1.key }) {
                        flatten(item, prefix: key, into: &pairs, encode: encode)
                    }
                } else {
                    let flat = object.sorted { $0.key < $1.key }.compactMap { key, item in
                        item.formText.map { encode(key) + "," + encode($0) }
                    }
                    pairs.append(encode(name) + "=" + flat.joined(separator: ","))
                }
            default:
                flatten(member, prefix: name, into: &pairs, encode: encode)
            }
        }
        return pairs
    }

    /// Appends `prefix=value` for a scalar, or one pair per scalar inside a container, each
    /// one's name the path to it in brackets (`prefix[key][0]`); `null`s are left out.
    static func flatten(
        _ value: JSONValue, prefix: String, into pairs: inout [String], encode: (String) -> String
    ) {
        switch value {
        case .null: break
        case .array(let items):
            for (index, item) in items.enumerated() {
                flatten(item, prefix: "\(prefix)[\(index)]", into: &pairs, encode: encode)
            }
        case .object(let members):
            for (key, item) in members.sorted(by: { $0.key < $1.key }) {
                flatten(item, prefix: "\(prefix)[\(key)]", into: &pairs, encode: encode)
            }
        default:
            if let text = value.formText { pairs.append(encode(prefix) + "=" + encode(text)) }
        }
    }

    /// Percent-encoding for form bodies: as for queries, but brackets stay readable.
    private static func formEncode(_ text: String) -> String {
        percentEncode(text).replacingOccurrences(of: "%5B", with: "[").replacingOccurrences(of: "%5D", with: "]")
    }

    /// Sets a `multipart/form-data` body with `parts`, and a boundary no part contains.
    ///
    /// When a part has a ``MultipartPart/file``, the body becomes a ``streamedBody`` that
    /// reads the file while the request is sent, and the boundary holds 128 random bits
    /// (the file is not read here to check it).
    public mutating func setMultipartBody(_ parts: [MultipartPart]) {
        let hasFiles = parts.contains { $0.file != nil }
        var boundary = hasFiles ? "openapi-gen-boundary-" + UUID().uuidString.lowercased() : "openapi-gen-boundary"
        var counter = 0
        while parts.contains(where: { $0.file == nil && $0.body.range(of: Data(boundary.utf8)) != nil }) {
            counter += 1
            boundary = "openapi-gen-boundary-\(counter)-\(UInt64.random(in: 0...UInt64.max))"
        }
        var segments: [StreamedRequestBody.Segment] = []
        var data = Data()
        for part in parts {
            data.append(Data("--\(boundary)\r\n".utf8))
            var disposition = "Content-Disposition: form-data; name=\"\(Self.quoted(part.name))\""
            if let filename = part.filename { disposition += "; filename=\"\(Self.quoted(filename))\"" }
            data.append(Data((disposition + "\r\n").utf8))
            if let contentType = part.contentType { data.append(Data("Content-Type: \(contentType)\r\n".utf8)) }
            data.append(Data("\r\n".utf8))
            if let file = part.file {
                segments += [.data(data), .file(file)]
                data = Data()
            } else {
                data.append(part.body)
            }
            data.append(Data("\r\n".utf8))
        }
        data.append(Data("--\(boundary)--\r\n".utf8))
        if hasFiles {
            body = nil
            streamedBody = StreamedRequestBody(segments: segments + [.data(data)])
        } else {
            body = data
            streamedBody = nil
        }
        headers["Content-Type"] = "multipart/form-data; boundary=\(boundary)"
    }

    /// Sets a body that is the contents of the local file `file`, read while the request is
    /// sent (an `application/octet-stream` upload of any size).
    public mutating func setBody(file: URL, contentType: String) {
        body = nil
        streamedBody = StreamedRequestBody(segments: [.file(file)])
        headers["Content-Type"] = contentType
    }

    /// Sets a `multipart/form-data` body from a value's properties: ``MultipartFile``
    /// properties are sent as files (from disk, while the request is sent, for a
    /// ``MultipartFile/Contents/file(_:)``: the body is then a ``streamedBody``), `Data`
    /// properties as files too (`application/octet-stream`), strings and numbers as text,
    /// anything else as JSON; arrays of files or text send one part per item. Parts are in
    /// the order the value encodes its properties. `contentTypes` maps a property's name to
    /// its files' `Content-Type` when they have none of their own (the spec's `encoding`
    /// or `contentMediaType`; `application/octet-stream` for a property it does not name).
    public mutating func setMultipartBody(_ value: some Encodable, contentTypes: [String: String] = [:]) throws {
        let encoder = MultipartPartsEncoder()
        encoder.storage.contentTypes = contentTypes
        try value.encode(to: encoder)
        setMultipartBody(encoder.storage.parts)
    }

    /// Sets a body sent as it is (`application/octet-stream`, images, ...).
    public mutating func setBody(_ data: Data, contentType: String) {
        body = data
        streamedBody = nil
        headers["Content-Type"] = contentType
    }

    /// Sets a text body (`text/plain`, ...) in UTF-8.
    public mutating func setTextBody(_ text: String, contentType: String) {
        body = Data(text.utf8)
        streamedBody = nil
        headers["Content-Type"] = contentType.contains("charset") ? contentType : contentType + "; charset=utf-8"
    }

    private static func quoted(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "%22"
            case "\r": out += "%0D"
            case "\n": out += "%0A"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

extension JSONValue {
    fileprivate var isContainer: Bool {
        switch self {
        case .array, .object: true
        default: false
        }
    }

    /// The text of a scalar in a form body; nil for `null` and containers.
    fileprivate var formText: String? {
        switch self {
        case .string(let text): text
        case .bool(let flag): flag ? "true" : "false"
        case .integer(let number): String(number)
        case .number(let number): String(number)
        case .null, .array, .object: nil
        }
    }
}

// MARK: - Multipart parts from an Encodable value

private final class MultipartStorage {
    var parts: [MultipartPart] = []
    /// Property name -> default `Content-Type` of its files.
    var contentTypes: [String: String] = [:]
}

/// Encodes the top level of a value into multipart parts, one per property.
private struct MultipartPartsEncoder: Encoder {
    let storage = MultipartStorage()
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(MultipartKeyedContainer<Key>(storage: storage))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        MultipartRejectingContainer()
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        MultipartRejectingContainer()
    }
}

private struct MultipartKeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let storage: MultipartStorage
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil(forKey key: Key) throws {}

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        let name = key.stringValue
        let fileType = storage.contentTypes[name]
        switch value {
        case let file as MultipartFile:
            storage.parts.append(file.part(name: name, defaultContentType: fileType))
        case let files as [MultipartFile]:
            storage.parts += files.map { $0.part(name: name, defaultContentType: fileType) }
        case let data as Data:
            storage.parts.append(
                MultipartPart(
                    name: name, filename: name, contentType: fileType ?? "application/octet-stream", body: data))
        case let files as [Data]:
            for data in files {
                storage.parts.append(
                    MultipartPart(
                        name: name, filename: name, contentType: fileType ?? "application/octet-stream", body: data))
            }
        case let text as String:
            storage.parts.append(MultipartPart(name: name, body: Data(text.utf8)))
        case let texts as [String]:
            for text in texts { storage.parts.append(MultipartPart(name: name, body: Data(text.utf8))) }
        default:
            let json = try JSONCoding.makeEncoder().encode(value)
            // Numbers, booleans, enums and dates go as their plain text.
            if let scalar = try? JSONCoding.makeDecoder().decode(JSONValue.self, from: json) {
                switch scalar {
                case .string(let text):
                    storage.parts.append(MultipartPart(name: name, body: Data(text.utf8)))
                    return
                case .bool, .integer, .number:
                    storage.parts.append(MultipartPart(name: name, body: json))
                    return
                case .array(let items):
                    // An array is sent as one part per item, all with the property's name
                    // (OpenAPI 3.1 §4.8.14.4), each item as a property of its type would be.
                    for item in items { try appendItem(item, name: name) }
                    return
                default: break
                }
            }
            storage.parts.append(MultipartPart(name: name, contentType: "application/json", body: json))
        }
    }

    /// One item of an array property as a part: a scalar as its plain text, an object or
    /// an array as JSON; a null item sends no part.
    private func appendItem(_ item: JSONValue, name: String) throws {
        switch item {
        case .null: return
        case .string(let text):
            storage.parts.append(MultipartPart(name: name, body: Data(text.utf8)))
        case .bool, .integer, .number:
            storage.parts.append(MultipartPart(name: name, body: try JSONCoding.makeEncoder().encode(item)))
        case .array, .object:
            storage.parts.append(
                MultipartPart(
                    name: name, contentType: "application/json", body: try JSONCoding.makeEncoder().encode(item)))
        }
    }

    mutating func encode(_ value: Bool, forKey key: Key) throws { try encode(value as Bool?, key) }
    mutating func encode(_ value: String, forKey key: Key) throws {
        storage.parts.append(MultipartPart(name: key.stringValue, body: Data(value.utf8)))
    }
    mutating func encode(_ value: Double, forKey key: Key) throws { try encode(value as Double?, key) }
    mutating func encode(_ value: Float, forKey key: Key) throws { try encode(value as Float?, key) }
    mutating func encode(_ value: Int, forKey key: Key) throws { try encode(value as Int?, key) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { try encode(value as Int8?, key) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { try encode(value as Int16?, key) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { try encode(value as Int32?, key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { try encode(value as Int64?, key) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { try encode(value as UInt?, key) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { try encode(value as UInt8?, key) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { try encode(value as UInt16?, key) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { try encode(value as UInt32?, key) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { try encode(value as UInt64?, key) }

    private func encode<T: LosslessStringConvertible>(_ value: T?, _ key: Key) throws {
        if let value { storage.parts.append(MultipartPart(name: key.stringValue, body: Data(String(value).utf8))) }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        KeyedEncodingContainer(MultipartKeyedContainer<NestedKey>(storage: MultipartStorage()))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        MultipartRejectingContainer()
    }

    mutating func superEncoder() -> any Encoder { MultipartPartsEncoder() }
    mutating func superEncoder(forKey key: Key) -> any Encoder { MultipartPartsEncoder() }
}

/// A multipart body must be an object; anything else is an encoding error.
private struct MultipartRejectingContainer: UnkeyedEncodingContainer, SingleValueEncodingContainer {
    var codingPath: [any CodingKey] { [] }
    var count: Int { 0 }
    private func reject() -> EncodingError {
        EncodingError.invalidValue(
            0, EncodingError.Context(codingPath: [], debugDescription: "A multipart body must be an object."))
    }
    mutating func encodeNil() throws { throw reject() }
    mutating func encode<T: Encodable>(_ value: T) throws { throw reject() }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<
        NestedKey
    > {
        KeyedEncodingContainer(MultipartKeyedContainer<NestedKey>(storage: MultipartStorage()))
    }
    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer { self }
    mutating func superEncoder() -> any Encoder { MultipartPartsEncoder() }
}
