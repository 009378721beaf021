import OpenAPIGenDiagnostics
import OpenAPIGenModel

extension OperationTranslator {
    /// The method name an operation gets unless the configuration renames it.
    static func naturalFunctionName(_ operation: OpenAPIOperation) -> String {
        SwiftNaming.lowerCamel(
            operation.operationID ?? "\(operation.method) \(operation.path)", fallback: operation.method)
    }

    /// Reserves the names the configuration's `nameOverrides` give the included operations,
    /// so no other operation takes them, and returns the errors of renames that collide.
    func reserveRenamedOperations(in names: inout NameScope) -> [Diagnostic] {
        let overrides = types.overrides
        guard overrides.names.contains(where: { if case .operation = $0.target { true } else { false } }) else {
            return []
        }
        var keys: [String] = []
        var naturalNames: [String: String] = [:]
        var renamed: [String: NameOverride] = [:]
        for item in document.paths {
            for operation in item.operations where isIncluded(operation) {
                let key = operation.operationID ?? "\(operation.method) \(operation.path)"
                keys.append(key)
                naturalNames[key] = Self.naturalFunctionName(operation)
                if let id = operation.operationID, let override = overrides.operationName(id) {
                    renamed[key] = override
                }
            }
        }
        let errors = NameOverrideCollisions.operations(
            keys, renamed: renamed, reserved: names.taken, naturalName: { naturalNames[$0] ?? $0 })
        for override in renamed.values { names.reserve(override.swiftName) }
        return errors
    }
}
