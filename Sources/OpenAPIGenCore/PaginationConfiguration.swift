import OpenAPIGenDiagnostics
import OpenAPIGenModel
import OpenAPIGenTranslator
import OpenAPIGenYAML

/// An operation the configuration's `pagination` declares paged.
public typealias ConfiguredPagination = OpenAPIGenTranslator.ConfiguredPagination

extension ConfigurationFile {
    /// The configuration's `pagination`: operationIds, each with a declaration in the shape
    /// of `x-speakeasy-pagination`, for specs that cannot be edited. A malformed declaration
    /// is an error at its value; an operationId the spec lacks is a warning when generating.
    ///
    /// ```yaml
    /// pagination:
    ///   listPets:
    ///     type: cursor
    ///     inputs: [{name: page_token, in: parameters, type: cursor}]
    ///     outputs: {results: $.items, nextCursor: $.next_page_token}
    /// ```
    static func pagination(_ node: YAMLNode, file: String) throws -> [ConfiguredPagination] {
        func location(_ node: YAMLNode) -> SourceLocation {
            SourceLocation(file: file, line: node.mark.line, column: node.mark.column)
        }
        guard let entries = node.mapping else {
            throw Diagnostic(
                .error,
                "'pagination' must be a mapping from operationIds to their pagination, found \(node.kindDescription)",
                at: location(node))
        }
        var result: [ConfiguredPagination] = []
        for entry in entries {
            guard let operationID = entry.key.scalar?.value, !operationID.isEmpty else {
                throw Diagnostic(.error, "a key of 'pagination' must be an operationId", at: location(entry.key))
            }
            guard !result.contains(where: { $0.operationID == operationID }) else {
                throw Diagnostic(.error, "'pagination' names '\(operationID)' twice", at: location(entry.key))
            }
            let rule = try PaginationRule.parse(value(entry.value, location), what: "'pagination.\(operationID)'")
            result.append(ConfiguredPagination(operationID: operationID, location: location(entry.key), rule: rule))
        }
        return result
    }

    /// A YAML node as a spec value (plain scalars read as YAML 1.2's core schema reads them).
    private static func value(_ node: YAMLNode, _ location: (YAMLNode) -> SourceLocation) -> SpecValue {
        switch node.content {
        case .scalar(let scalar):
            let kind: SpecValue.Kind
            if scalar.isNull {
                kind = .null
            } else if let flag = scalar.boolValue {
                kind = .bool(flag)
            } else if let number = scalar.intValue {
                kind = .integer(number)
            } else if let number = scalar.doubleValue {
                kind = .number(number)
            } else {
                kind = .string(scalar.value)
            }
            return SpecValue(kind, text: scalar.value, at: location(node))
        case .sequence(let items):
            return SpecValue(.array(items.map { value($0, location) }), text: nil, at: location(node))
        case .mapping(let pairs):
            let members = pairs.compactMap { pair in
                pair.key.scalar.map { SpecValue.Member(key: $0.value, value: value(pair.value, location)) }
            }
            return SpecValue(.object(members), text: nil, at: location(node))
        }
    }
}
