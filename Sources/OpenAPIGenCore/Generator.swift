import Foundation
import OpenAPIGenConcurrency
import OpenAPIGenDeclarations
import OpenAPIGenDiagnostics
import OpenAPIGenModel
import OpenAPIGenRenderer
import OpenAPIGenTranslator
import OpenAPIGenYAML

/// What one generation run produced.
public struct GenerationResult: Sendable {
    public var files: [RenderedFile]
    /// The warnings of every stage, in the order they were given.
    public var warnings: [Diagnostic]
}

/// The whole pipeline: bytes -> YAML nodes -> OpenAPI document -> Swift declarations ->
/// source text. Each stage is its own module; this only connects them, passing each the
/// part of the configuration it reads and one collector for their warnings.
public enum Generator {
    /// Generates from a spec's bytes. `file` names the spec in diagnostics.
    ///
    /// Each stage's input is released as soon as the next stage has what it needs (the
    /// bytes once parsed, the YAML tree once the document is read, the document once
    /// translated, and so on), so that the largest specs never hold every stage at once.
    ///
    /// `teardown` says whether the last structures are freed (see ``Teardown``).
    ///
    /// `stageDone`, when given, is called as each ``GenerationStage`` ends (the benchmark
    /// times the stages with it); it changes nothing else.
    public static func generate(
        _ bytes: consuming [UInt8], file: String, configuration: GeneratorConfiguration,
        limits: YAMLLimits = .default, teardown: Teardown = .free, stageDone: ((GenerationStage) -> Void)? = nil
    ) throws -> GenerationResult {
        if teardown == .leaveToExit { ProcessLifetime.prepareForOneGeneration() }
        let diagnostics = DiagnosticCollector()
        let document = try DocumentParser.parse(consume bytes, file: file, limits: limits, diagnostics: diagnostics)
        ProcessHeap.returnFreedMemory()
        stageDone?(.parse)
        let translation: Translation
        do {
            translation = try Translator(configuration: configuration.translation)
                .translate(document, diagnostics: diagnostics)
        } catch let errors as DiagnosticList {
            // The warnings given before the errors are reported with them.
            throw DiagnosticList(diagnostics.diagnostics + errors.diagnostics)
        }
        // The document is freed while the SDK is rendered (and is, before this returns),
        // or left to the exit.
        var documentFreed: ConcurrentWork.Release?
        switch teardown {
        case .free: documentFreed = ConcurrentWork.release(consume document)
        case .leaveToExit: ProcessLifetime.keep(consume document)
        }
        stageDone?(.translate)
        let lowering = SyntaxLowering(
            moduleName: configuration.moduleName, accessLevel: configuration.accessLevel,
            conformances: configuration.modelConformances
        )
        let files = render((consume translation).files, lowering: lowering, teardown: teardown)
        documentFreed?.wait()
        stageDone?(.render)
        return GenerationResult(files: files, warnings: diagnostics.diagnostics)
    }

    /// Lowers and prints `files` piece by piece on every core: each piece of a file's
    /// declarations becomes syntax and the syntax becomes text in one go, on one thread,
    /// and the declarations and their syntax are freed there (or kept to the process's
    /// exit, ``Teardown/leaveToExit``), so no stage waits for another to finish every file,
    /// and the largest piece goes first. The text is the same as lowering every file, then
    /// printing every file.
    static func render(
        _ files: consuming [SwiftFile], lowering: SyntaxLowering, teardown: Teardown = .free
    ) -> [RenderedFile] {
        let prepared = lowering.prepare(files)
        let ranges = files.indices.flatMap { index in
            ConcurrentWork.pieces(files[index].declarations.count, minimumCount: 32, itemsPerPiece: 16)
                .map { (file: index, range: $0) }
        }
        let pieces = ranges.map {
            PieceOfFile(file: $0.file, declarations: Array(files[$0.file].declarations[$0.range]))
        }
        // The client (with its protocol: every operation twice) is the longest piece.
        let holdsClient = pieces.map { piece in
            piece.declarations.contains { if case .client = $0 { true } else { false } }
        }
        let shells = files.map { SwiftFile(name: $0.name, header: $0.header, imports: $0.imports, declarations: []) }
        // The pieces hold the declarations from here: each is freed where it is rendered.
        _ = consume files
        let priority = pieces.indices.filter { holdsClient[$0] } + pieces.indices.filter { !holdsClient[$0] }
        let texts = ConcurrentWork.map(pieces.count, priority: priority) { index in
            let declarations = pieces[index].take()
            let syntax = prepared.lower(declarations[...])
            if teardown == .leaveToExit { ProcessLifetime.keep((declarations, syntax)) }
            return SwiftPrinter.text(of: syntax[...])
        }
        var collected = Array(repeating: [PrintedText](), count: shells.count)
        for (piece, text) in zip(pieces, texts) { collected[piece.file].append(text) }
        // Each file's parts joined into its bytes on every core, the largest first.
        let parts = collected
        let sizes = parts.map { $0.reduce(0) { $0 + $1.byteCount } }
        return ConcurrentWork.map(shells.count, priority: shells.indices.sorted { sizes[$0] > sizes[$1] }) { index in
            let header = SwiftPrinter.header(of: prepared.sourceFile(shells[index], declarations: []))
            return SwiftPrinter.join(header, parts[index], name: shells[index].name)
        }
    }

    /// A run of one file's declarations, handed to the one thread that renders it.
    private final class PieceOfFile: @unchecked Sendable {
        let file: Int
        private(set) var declarations: [Declaration]

        init(file: Int, declarations: [Declaration]) {
            self.file = file
            self.declarations = declarations
        }

        /// The declarations, which the piece no longer holds (called once, by the thread
        /// that took the piece).
        func take() -> [Declaration] {
            defer { declarations = [] }
            return declarations
        }
    }

    /// Generates from the spec at `path`.
    public static func generate(
        contentsOf path: String, configuration: GeneratorConfiguration, limits: YAMLLimits = .default,
        teardown: Teardown = .free, stageDone: ((GenerationStage) -> Void)? = nil
    ) throws -> GenerationResult {
        // Before the file is read: its bytes go to the prepared heap too.
        if teardown == .leaveToExit { ProcessLifetime.prepareForOneGeneration() }
        func tooLarge(_ size: Int) -> Diagnostic {
            Diagnostic(
                .error, "the file is \(size) bytes, larger than the limit of \(limits.maxInputBytes) bytes",
                at: SourceLocation(file: path, line: 1, column: 1))
        }
        let bytes: [UInt8]
        if let read = FileBytes.read(atPath: path, limit: limits.maxInputBytes) {
            if let size = read.oversized { throw tooLarge(size) }
            bytes = read.bytes
        } else {
            // A directory, or a file that could not be opened or read: the general reader
            // says which.
            guard let data = FileManager.default.contents(atPath: path) else {
                var isDirectory: ObjCBool = false
                let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
                let reason =
                    !exists ? "no such file" : isDirectory.boolValue ? "it is a directory" : "permission denied"
                throw Diagnostic(.error, "cannot read '\(path)': \(reason)", at: nil)
            }
            if data.count > limits.maxInputBytes { throw tooLarge(data.count) }
            bytes = data.withUnsafeBytes { [UInt8]($0) }
        }
        return try generate(
            consume bytes, file: path, configuration: configuration, limits: limits, teardown: teardown,
            stageDone: stageDone)
    }
}

/// What becomes of the largest structures a generation is done with.
public enum Teardown: Sendable {
    /// Everything is freed before ``Generator`` returns: for tools that generate many times
    /// in one process, tests, and leak checkers.
    case free
    /// Each rendered piece's declarations and syntax, and the OpenAPI document, are left
    /// for the process's exit to reclaim, as compilers leave theirs (clang's
    /// `-disable-free`): freeing them costs about 8% of a large spec's generation (118 M of
    /// Stripe's 2,245 M instructions for the pieces, about 70 M for the document, which
    /// was freed on the other core while the SDK was rendered); the peak holds about 24 MB
    /// more (Stripe: 78 MB). glibc's heaps are also set up for one large piece of work
    /// (``OpenAPIGenConcurrency/ProcessHeap``: steps of 32 MB, freed memory kept for the
    /// stages to come, transparent huge pages where the system leaves them to programs). For
    /// a process that exits once the files are written: `openapi-gen generate`.
    case leaveToExit
}

/// Structures kept until the process exits (``Teardown/leaveToExit``).
enum ProcessLifetime {
    /// Sets glibc's heaps up for one large generation (see ``ProcessHeap``). Once per process.
    static func prepareForOneGeneration() {
        ProcessHeap.prepareForLargeWork()
    }

    /// Keeps `value` alive for the rest of the process: never freed.
    static func keep<Value>(_ value: consuming sending Value) {
        _ = Unmanaged.passRetained(Kept(value))
    }

    private final class Kept<Value> {
        let value: Value

        init(_ value: consuming Value) { self.value = value }
    }
}

/// The stages of ``Generator/generate(_:file:configuration:limits:teardown:stageDone:)``, in order.
public enum GenerationStage: String, Sendable, CaseIterable {
    /// libyaml's events, the YAML tree, the OpenAPI document and its `$ref`s (the file read
    /// before it, for a path).
    case parse
    /// The document into declarations (``OpenAPIGenTranslator/Translator``).
    case translate
    /// The declarations into the Swift syntax model (``OpenAPIGenTranslator/SyntaxLowering``)
    /// and the syntax into source text (``OpenAPIGenRenderer/SwiftPrinter``), piece by
    /// piece on every core.
    case render
}
