import Foundation

/// `UUID`s as generated models write them: in lower case, as RFC 9562 asks of output
/// (Foundation's `uuidString`, and so `UUID`'s own `Encodable`, writes upper case, which a
/// server comparing identifiers as text reads as another value). Generated models encode
/// their `UUID` and `[UUID]` properties through these (`encodeUUID(_:forKey:)`); reading
/// accepts either case.
public enum UUIDText {
    /// `uuid` in lower case: `01234500-12f1-1234-aa12-b1d234cb567e`.
    public static func lowercased(_ uuid: UUID) -> String { uuid.uuidString.lowercased() }

    /// Each of `uuids` in lower case.
    public static func lowercased(_ uuids: [UUID]) -> [String] { uuids.map { $0.uuidString.lowercased() } }
}
