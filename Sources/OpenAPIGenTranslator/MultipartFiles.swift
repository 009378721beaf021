import OpenAPIGenDeclarations

/// The file properties of `multipart/form-data` request bodies (`type: string, format:
/// binary`, which other bodies hold as `Data`) become the runtime's `MultipartFile`, which
/// is bytes in memory or a file on disk that is read while the request is sent:
///
/// ```swift
/// try await client.uploadPhoto(id: id, body: UploadPhotoRequest(file: MultipartFile(file: url)))
/// ```
///
/// `[Data]` becomes `[MultipartFile]`, and an optional one stays optional. The struct keeps
/// an initialiser that takes the files as `Data` (`StructDeclaration.hasDataFileInitializer`),
/// so code written when they were `Data` still compiles.
enum MultipartFiles {
    static func apply(to declarations: [Declaration], client: ClientDeclaration) -> [Declaration] {
        var bodies: Set<[String]> = []
        for operation in client.operations {
            guard let body = operation.body, case .multipart = body.format,
                let path = structPath(body.type, in: declarations, depth: 0)
            else { continue }
            bodies.insert(path)
        }
        guard !bodies.isEmpty else { return declarations }
        return declarations.map { rewrite($0, scope: [], bodies: bodies) }
    }

    /// The path of the struct `type` names, through type aliases.
    private static func structPath(_ type: TypeUsage, in declarations: [Declaration], depth: Int) -> [String]? {
        guard depth < 16, case .named(let name) = type.nonOptionalUsage, name.module == nil,
            let first = name.path.first
        else { return nil }
        var declaration = declarations.first { $0.name == first }
        for component in name.path.dropFirst() {
            guard case .structure(let parent)? = declaration else { return nil }
            declaration = parent.nestedTypes.first { $0.name == component }
        }
        switch declaration {
        case .structure: return name.path
        case .typeAlias(let alias): return structPath(alias.target, in: declarations, depth: depth + 1)
        default: return nil
        }
    }

    private static func rewrite(_ declaration: Declaration, scope: [String], bodies: Set<[String]>) -> Declaration {
        guard case .structure(var structure) = declaration else { return declaration }
        let path = scope + [structure.name]
        if bodies.contains(path) {
            var changed = false
            for index in structure.properties.indices {
                if let type = fileType(structure.properties[index].type) {
                    structure.properties[index].type = type
                    changed = true
                }
            }
            structure.hasDataFileInitializer = changed
        }
        structure.nestedTypes = structure.nestedTypes.map { rewrite($0, scope: path, bodies: bodies) }
        return .structure(structure)
    }

    /// `type` with `MultipartFile` in place of `Data` (`Data`, `[Data]`, optional or not);
    /// nil for any other type.
    private static func fileType(_ type: TypeUsage) -> TypeUsage? {
        switch type {
        case .named(.data): .named(RuntimeNames.multipartFile)
        case .optional(let inner): fileType(inner).map { .optional($0) }
        case .array(.named(.data)): .array(.named(RuntimeNames.multipartFile))
        default: nil
        }
    }
}
