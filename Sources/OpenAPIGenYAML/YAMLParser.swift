import CYAML
import Foundation
import OpenAPIGenDiagnostics
import enum OpenAPIGenConcurrency.ProcessHeap

/// Parses YAML (and JSON, which is YAML) with libyaml's event API into a ``YAMLNode``
/// tree. The tree is built with an explicit stack, so nesting depth is bounded by
/// ``YAMLLimits/maxDepth`` and never by the call stack. YAML 1.1's merge key
/// (`<<: *base`, `<<: [*a, *b]`) is applied: the merged pairs join the mapping, keeping
/// the marks of where they were written.
public enum YAMLParser {
    /// Parses exactly one document. Throws a located `Diagnostic`.
    /// `fileIndex` goes into every node's ``YAMLMark/file``.
    public static func parse(
        _ bytes: [UInt8], file: String, fileIndex: UInt16 = 0, limits: YAMLLimits = .default
    ) throws -> YAMLNode {
        try parseCollectingReferences(bytes, file: file, fileIndex: fileIndex, limits: limits).root
    }

    /// ``parse(_:file:fileIndex:limits:)``, also giving the value of every mapping entry
    /// whose key is `$ref` and whose value is a scalar, as written (each once, however many
    /// times aliases or merge keys bring it in), in the order written. Collected while the
    /// tree is built, so that a caller looking for one kind of reference need not walk it.
    public static func parseCollectingReferences(
        _ bytes: [UInt8], file: String, fileIndex: UInt16 = 0, limits: YAMLLimits = .default
    ) throws -> (root: YAMLNode, references: [String]) {
        try parseCollectingReferences(
            bytes, file: file, fileIndex: fileIndex, limits: limits, pipelineThreshold: pipelineThreshold,
            halvesThreshold: halvesThreshold)
    }

    /// From this many bytes on, libyaml reads the events on a thread of its own while the
    /// calling thread builds the tree from them (below, a thread costs more than it saves).
    static let pipelineThreshold = 256 * 1024

    /// From this many bytes on, a document is read in pieces at once, on threads of their
    /// own too (see ``JSONHalves``, ``YAMLBlockCut`` and ``pieceTargets``), when there is
    /// more than one core.
    static let halvesThreshold = 512 * 1024

    /// The thresholds are parameters for the tests, which run small documents through the
    /// pipeline and in halves too.
    static func parseCollectingReferences(
        _ bytes: [UInt8], file: String, fileIndex: UInt16, limits: YAMLLimits, pipelineThreshold: Int,
        halvesThreshold: Int
    ) throws -> (root: YAMLNode, references: [String]) {
        if bytes.count > limits.maxInputBytes {
            throw Diagnostic(
                .error, "the file is \(bytes.count) bytes, larger than the limit of \(limits.maxInputBytes) bytes",
                at: SourceLocation(file: file, line: 1, column: 1))
        }
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            throw Diagnostic(
                .error, "the file is empty; expected an OpenAPI document",
                at: SourceLocation(file: file, line: 1, column: 1))
        }
        return try bytes.withUnsafeBufferPointer { buffer in
            if buffer.count >= halvesThreshold, halvesThreshold == 0 || ProcessInfo.processInfo.activeProcessorCount > 1
            {
                let targets = pieceTargets.map { Int(Double(buffer.count) * $0) }
                if JSONHalves.startsAsJSON(buffer) {
                    if case .read(_, let root, let references) = parseJSONInPieces(
                        buffer, cutsNear: targets, file: file, fileIndex: fileIndex, limits: limits)
                    {
                        return (root, references)
                    }
                } else if case .read(_, let root, let references) = parseYAMLInPieces(
                    buffer, cutsNear: targets, file: file, fileIndex: fileIndex, limits: limits)
                {
                    return (root, references)
                }
            }
            var builder = TreeBuilder(file: file, fileIndex: fileIndex, limits: limits)
            defer { builder.free() }
            if buffer.count >= pipelineThreshold {
                try EventPipe.run(buffer, file: file) { try builder.handle(&$0) }
            } else {
                try readEvents(SegmentReader([buffer]), file: file) { try builder.handle(&$0) }
            }
            guard let root = builder.root else {
                throw Diagnostic(
                    .error, "the file is empty; expected an OpenAPI document",
                    at: SourceLocation(file: file, line: 1, column: 1))
            }
            return (root, builder.references)
        }
    }

    /// How reading a document in pieces went; the cut named is the first.
    enum PiecesOutcome<Cut: DocumentCut> {
        /// No cut near the target: the text is not what the cuts are found in (plain JSON
        /// up to one, see ``JSONHalves``; block YAML, see ``YAMLBlockCut``).
        case notCut
        /// Cut, but a piece failed (an error, a key of a piece that an earlier one has at
        /// the same level, text after the first cut that cannot be read in pieces): the
        /// caller reads the whole, which reports what it finds as usual.
        case fellBack(Cut)
        case read(Cut, root: YAMLNode, references: [String])
    }

    /// Where a large document is cut into pieces, as fractions of its bytes. This
    /// thread reads the first piece while another looks for the cuts; then each thread
    /// takes the next piece not yet taken. The pieces get smaller and smaller, so that the
    /// threads end close together even when one of them runs slower than the other for a
    /// while (as a virtual machine's cores do when others share them).
    static let pieceTargets = [0.28, 0.50, 0.67, 0.79, 0.88, 0.94, 0.98]

    /// Reads the JSON document in `buffer` in the pieces between the first cuts at or after
    /// each of `targets` (see ``JSONHalves``).
    static func parseJSONInPieces(
        _ buffer: UnsafeBufferPointer<UInt8>, cutsNear targets: [Int], file: String, fileIndex: UInt16,
        limits: YAMLLimits
    ) -> PiecesOutcome<JSONHalves> {
        parseInPieces(buffer, cutsNear: targets, file: file, fileIndex: fileIndex, limits: limits) {
            buffer, targets, decide in
            let first = JSONHalves.find(in: buffer, near: targets[0], maxDepth: limits.maxDepth)
            decide(first)
            return first.flatMap { $0.allCuts(in: buffer, near: targets.dropFirst()) }
        }
    }

    /// Reads the block-style YAML document in `buffer` in the pieces between the first cuts
    /// at or after each of `targets` (see ``YAMLBlockCut``).
    static func parseYAMLInPieces(
        _ buffer: UnsafeBufferPointer<UInt8>, cutsNear targets: [Int], file: String, fileIndex: UInt16,
        limits: YAMLLimits
    ) -> PiecesOutcome<YAMLBlockCut> {
        parseInPieces(buffer, cutsNear: targets, file: file, fileIndex: fileIndex, limits: limits) {
            buffer, targets, decide in
            let cuts = YAMLBlockCut.cuts(in: buffer, near: targets, maxDepth: limits.maxDepth)
            decide(cuts?.first)
            return cuts
        }
    }

    /// Reads `buffer` in the pieces between the first cuts at or after each of `targets`
    /// (byte offsets, in increasing order; fewer pieces when the text has no cut after a
    /// target): another thread finds the cuts with `findCuts` (which names the first as soon
    /// as it is known, then gives them all, or nil when the text after the first cannot be
    /// read in pieces), while this thread reads the first piece (the bytes before the first
    /// target at once: the cut cannot be before it; the rest once the cut is known). Then
    /// every reading thread takes the next piece not yet taken, and the trees are joined in
    /// order. The outcome names the first cut.
    static func parseInPieces<Cut: DocumentCut>(
        _ buffer: UnsafeBufferPointer<UInt8>, cutsNear targets: [Int], file: String, fileIndex: UInt16,
        limits: YAMLLimits,
        findCuts: @escaping @Sendable (UnsafeBufferPointer<UInt8>, [Int], (Cut?) -> Void) -> [Cut]?
    ) -> PiecesOutcome<Cut> {
        precondition(!targets.isEmpty, "a piece needs a cut")
        let decision = CutDecision<Cut>()
        let board = PieceBoard<Cut>()
        let whole = UnsafeInput([buffer])
        let finished = DispatchSemaphore(value: 0)
        // Threads of their own, not the global queue's: this thread waits for them, and the
        // queue's threads may all be busy (waiting on work like this one).
        let helpers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 4) - 1)
        for helper in 0..<helpers {
            let reader = Thread {
                ProcessHeap.adviseThisThread()
                let buffer = whole.segments[0]
                if helper == 0 {
                    let cuts = findCuts(buffer, targets) { decision.decide($0) }
                    // (No first cut was named when there is none.)
                    decision.decide(nil)
                    board.publish(cuts)
                }
                readPieces(board, buffer, file: file, fileIndex: fileIndex, limits: limits)
                finished.signal()
            }
            reader.start()
        }
        var builder = TreeBuilder(file: file, fileIndex: fileIndex, limits: limits)
        let firstInput = FirstPieceReader(buffer, target: targets[0], decision: decision, board: board)
        // The tree is taken out of the builder, so that joining extends its mappings in place.
        var first: (root: YAMLNode, references: [String])? =
            (try? readEvents(firstInput, file: file) { try builder.handle(&$0) }) != nil
            ? builder.root.map { ($0, builder.references) } : nil
        builder.root = nil
        builder.free()
        if first == nil { board.fail() }
        readPieces(board, buffer, file: file, fileIndex: fileIndex, limits: limits)
        for _ in 0..<helpers { finished.wait() }
        guard let firstCut = decision.wait() else { return .notCut }
        guard var joined = first.take(), let (cuts, pieces) = board.outcome() else { return .fellBack(firstCut) }
        for (cut, piece) in zip(cuts, pieces) {
            guard DocumentPieces.join(&joined.root, piece.root, depth: cut.depth) else { return .fellBack(firstCut) }
            joined.references += piece.references
        }
        return .read(firstCut, root: joined.root, references: joined.references)
    }

    /// Reads the pieces `board` gives out until none is left (or one failed).
    private static func readPieces<Cut: DocumentCut>(
        _ board: PieceBoard<Cut>, _ buffer: UnsafeBufferPointer<UInt8>, file: String, fileIndex: UInt16,
        limits: YAMLLimits
    ) {
        while let (index, start, end) = board.take() {
            let tree = readPiece(buffer, from: start, to: end, file: file, fileIndex: fileIndex, limits: limits)
            board.store(index, tree)
        }
    }

    /// The tree of the piece from the cut `start` to the cut `end` (or to the end): what
    /// opens the mappings enclosing `start`, the bytes, what closes those open at `end`.
    private static func readPiece<Cut: DocumentCut>(
        _ buffer: UnsafeBufferPointer<UInt8>, from start: Cut, to end: Cut?, file: String,
        fileIndex: UInt16, limits: YAMLLimits
    ) -> (root: YAMLNode, references: [String])? {
        start.opening.withUnsafeBufferPointer { opening in
            (end?.closing ?? []).withUnsafeBufferPointer { closing in
                var builder = TreeBuilder(
                    file: file, fileIndex: fileIndex, limits: limits, lineOffset: start.lineOffset)
                defer { builder.free() }
                let bytes = UnsafeBufferPointer(rebasing: buffer[start.cut..<(end?.cut ?? buffer.count)])
                let input = SegmentReader([opening, bytes, closing])
                guard (try? readEvents(input, file: file, { try builder.handle(&$0) })) != nil, let root = builder.root
                else { return nil }
                return (root, builder.references)
            }
        }
    }

    /// Gives `handle` each of libyaml's events for `input` up to the end of the stream, on
    /// the calling thread.
    private static func readEvents(
        _ input: SegmentReader, file: String, _ handle: (inout yaml_event_t) throws -> Void
    ) throws {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            throw Diagnostic(.error, "libyaml could not allocate a parser", at: nil)
        }
        defer { yaml_parser_delete(&parser) }
        input.attach(to: &parser)
        while true {
            var event = yaml_event_t()
            guard yaml_parser_parse(&parser, &event) == 1 else {
                throw libyamlError(parser, file: file, bytes: input.first)
            }
            defer { yaml_event_delete(&event) }
            if event.type == YAML_STREAM_END_EVENT { return }
            try handle(&event)
        }
    }

    /// Reads and parses the file at `path`; diagnostics name it `displayName` (or `path`).
    public static func parse(contentsOf path: String, displayName: String? = nil, limits: YAMLLimits = .default) throws
        -> YAMLNode
    {
        // Read whole: `parse` judges the size.
        guard let read = FileBytes.read(atPath: path, limit: .max) else {
            throw Diagnostic(.error, "cannot read file '\(displayName ?? path)'", at: nil)
        }
        return try parse(read.bytes, file: displayName ?? path, limits: limits)
    }

    fileprivate static func libyamlError(_ parser: yaml_parser_t, file: String, bytes: UnsafeBufferPointer<UInt8>)
        -> Diagnostic
    {
        var message = parser.problem.map { String(cString: $0) } ?? "invalid YAML"
        if let context = parser.context { message += " (\(String(cString: context)))" }
        if parser.error == YAML_READER_ERROR {
            // Reader errors (bad encodings) carry a byte offset rather than a mark: count
            // lines and characters up to it.
            let offset = min(Int(parser.problem_offset), bytes.count)
            var line = 1
            var column = 1
            for byte in bytes[0..<offset] {
                if byte == 0x0A {
                    line += 1
                    column = 1
                } else if byte & 0xC0 != 0x80 {
                    column += 1
                }
            }
            return Diagnostic(
                .error, "the file is not valid UTF-8 text: \(message) at byte \(offset)",
                at: SourceLocation(file: file, line: line, column: column))
        }
        return Diagnostic(
            .error, message,
            at: SourceLocation(
                file: file, line: Int(parser.problem_mark.line) + 1, column: Int(parser.problem_mark.column) + 1))
    }
}

/// libyaml's events for a buffer, read on a thread of their own in batches, while
/// the calling thread handles them: the two halves of parsing (libyaml's scanning, and
/// building the tree) overlap. The events of a batch are handled in order, batches in the
/// order read, so the result and the first error are those of reading on one thread.
/// Handled batches go back to the reading thread, which frees their events (in its own
/// allocator arena) and fills them again, so that at most `capacity` batches are alive.
private final class EventPipe: @unchecked Sendable {
    private static let batchSize = 1024
    private static let capacity = 4

    private let condition = NSCondition()
    /// Batches read and not yet handled, oldest first.
    private var ready: [[yaml_event_t]] = []
    /// Batches handled, whose events are still to be freed.
    private var handled: [[yaml_event_t]] = []
    /// Batches in existence (at most `capacity`).
    private var batches = 0
    /// The reader has read the end of the stream, or failed (`failure`), or stopped.
    private var readerDone = false
    private var failure: Diagnostic?
    /// The handler failed: the reader stops at its next event.
    private var stopped = false

    /// Reads `buffer`'s events on another thread and gives each to `handle` on this one,
    /// until the end of the stream; throws libyaml's error, or `handle`'s. Returns only once
    /// the reading thread is done with `buffer` and every event is freed.
    static func run(
        _ buffer: UnsafeBufferPointer<UInt8>, file: String, _ handle: (inout yaml_event_t) throws -> Void
    ) throws {
        let pipe = EventPipe()
        let finished = DispatchSemaphore(value: 0)
        let input = UnsafeInput([buffer])
        // A thread of its own, not one of the global queue's: this thread waits for it, and
        // the queue's threads may all be busy (waiting on work like this one).
        let reader = Thread {
            ProcessHeap.adviseThisThread()
            pipe.read(input.segments[0], file: file)
            finished.signal()
        }
        reader.start()
        defer {
            pipe.stop()
            finished.wait()
            pipe.freeAll()
        }
        while var batch = pipe.nextReady() {
            defer { pipe.giveBack(batch) }
            for index in batch.indices where batch[index].type != YAML_STREAM_END_EVENT {
                try handle(&batch[index])
            }
        }
        if let failure = pipe.failure { throw failure }
    }

    /// The reading thread: fills batches until the end of the stream, an error, or `stop()`.
    private func read(_ buffer: UnsafeBufferPointer<UInt8>, file: String) {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            finish(failure: Diagnostic(.error, "libyaml could not allocate a parser", at: nil))
            return
        }
        defer { yaml_parser_delete(&parser) }
        yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
        while var batch = emptyBatch() {
            while batch.count < Self.batchSize {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else {
                    publish(batch)
                    finish(failure: YAMLParser.libyamlError(parser, file: file, bytes: buffer))
                    return
                }
                batch.append(event)
                if event.type == YAML_STREAM_END_EVENT {
                    publish(batch)
                    finish(failure: nil)
                    return
                }
            }
            publish(batch)
        }
        finish(failure: nil)
    }

    /// A batch to fill: a new one while fewer than `capacity` exist, else a handled one
    /// (its events freed here) once there is one; nil once stopped.
    private func emptyBatch() -> [yaml_event_t]? {
        condition.lock()
        defer { condition.unlock() }
        while !stopped && handled.isEmpty && batches == Self.capacity { condition.wait() }
        if stopped { return nil }
        if var batch = handled.popLast() {
            condition.unlock()
            for index in batch.indices { yaml_event_delete(&batch[index]) }
            batch.removeAll(keepingCapacity: true)
            condition.lock()
            return batch
        }
        batches += 1
        var batch: [yaml_event_t] = []
        batch.reserveCapacity(Self.batchSize)
        return batch
    }

    private func publish(_ batch: [yaml_event_t]) {
        condition.lock()
        ready.append(batch)
        condition.broadcast()
        condition.unlock()
    }

    private func finish(failure: Diagnostic?) {
        condition.lock()
        self.failure = failure
        readerDone = true
        condition.broadcast()
        condition.unlock()
    }

    /// The next batch read, waiting for it; nil once the reader is done and every batch
    /// is handled.
    private func nextReady() -> [yaml_event_t]? {
        condition.lock()
        defer { condition.unlock() }
        while ready.isEmpty && !readerDone { condition.wait() }
        return ready.isEmpty ? nil : ready.removeFirst()
    }

    private func giveBack(_ batch: [yaml_event_t]) {
        condition.lock()
        handled.append(batch)
        condition.broadcast()
        condition.unlock()
    }

    /// Tells the reader to stop at its next batch (the handler failed, or all is done).
    private func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
    }

    /// Frees the events of every batch left, once the reader is done.
    private func freeAll() {
        for var batch in ready + handled {
            for index in batch.indices { yaml_event_delete(&batch[index]) }
        }
        ready = []
        handled = []
    }
}

/// Input buffers, sent to a reading thread, which is done with them before the function
/// that sent them returns.
private struct UnsafeInput: @unchecked Sendable {
    let segments: [UnsafeBufferPointer<UInt8>]

    init(_ segments: [UnsafeBufferPointer<UInt8>]) { self.segments = segments }
}

/// The tree and references of a half read on another thread (written by that thread
/// before it signals, read after the wait).
/// The pieces of a document read in pieces, after the first (which the calling thread
/// reads): given out in order once the cuts are known, each one's tree kept in its slot.
private final class PieceBoard<Cut: DocumentCut>: @unchecked Sendable {
    private let condition = NSCondition()
    private var published = false
    /// The cuts, the first included (nil when the pieces cannot be read: no cut, or text
    /// after the first cut that is not plain JSON).
    private var cuts: [Cut]?
    private var next = 0
    private var trees: [(root: YAMLNode, references: [String])?] = []
    /// A piece failed: no more are given out.
    private var failed = false

    func publish(_ cuts: [Cut]?) {
        condition.lock()
        self.cuts = cuts
        trees = Array(repeating: nil, count: cuts?.count ?? 0)
        if cuts == nil { failed = true }
        published = true
        condition.broadcast()
        condition.unlock()
    }

    /// The next piece (its slot, and the cuts it starts and ends at, nil for the end of
    /// the text), once the cuts are known; nil when none is left or one failed.
    func take() -> (Int, Cut, Cut?)? {
        condition.lock()
        defer { condition.unlock() }
        while !published { condition.wait() }
        guard !failed, let cuts, next < cuts.count else { return nil }
        let index = next
        next += 1
        return (index, cuts[index], index + 1 < cuts.count ? cuts[index + 1] : nil)
    }

    func store(_ index: Int, _ tree: (root: YAMLNode, references: [String])?) {
        condition.lock()
        if let tree { trees[index] = tree } else { failed = true }
        condition.unlock()
    }

    /// Whether no more pieces are given out (one failed, or the text cannot be read in
    /// pieces).
    var hasFailed: Bool {
        condition.lock()
        defer { condition.unlock() }
        return failed
    }

    /// Stops giving pieces out (the first piece failed).
    func fail() {
        condition.lock()
        failed = true
        condition.unlock()
    }

    /// The cuts and the trees of the pieces after each, once every piece is read; nil when
    /// any failed.
    func outcome() -> ([Cut], [(root: YAMLNode, references: [String])])? {
        condition.lock()
        defer { condition.unlock() }
        guard !failed, let cuts else { return nil }
        let read = trees.compactMap { $0 }
        return read.count == cuts.count ? (cuts, read) : nil
    }
}

/// libyaml's input: one buffer (given to libyaml as it is), or several read one after
/// another through a read handler. Must outlive the parser it is attached to.
private class SegmentReader {
    private var segments: [UnsafeBufferPointer<UInt8>]
    private var segment = 0
    private var offset = 0

    init(_ segments: [UnsafeBufferPointer<UInt8>]) { self.segments = segments }

    /// The first buffer (where libyaml's errors are located).
    var first: UnsafeBufferPointer<UInt8> { segments[0] }

    /// Reads `more` after the buffers given so far.
    func append(_ more: UnsafeBufferPointer<UInt8>) { segments.append(more) }

    /// The one buffer that libyaml can be given as it is (with no read handler), if any.
    var wholeInput: UnsafeBufferPointer<UInt8>? { segments.count == 1 ? segments[0] : nil }

    func attach(to parser: inout yaml_parser_t) {
        if let whole = wholeInput {
            yaml_parser_set_input_string(&parser, whole.baseAddress, whole.count)
        } else {
            yaml_parser_set_input(&parser, segmentReadHandler, Unmanaged.passUnretained(self).toOpaque())
        }
    }

    /// Copies up to `size` bytes of what is left into `buffer`: how many, 0 at the end;
    /// nil to stop libyaml with an error.
    fileprivate func read(into buffer: UnsafeMutablePointer<UInt8>, size: Int) -> Int? {
        var written = 0
        while written < size && segment < segments.count {
            let source = segments[segment]
            let count = min(size - written, source.count - offset)
            if count > 0, let base = source.baseAddress {
                (buffer + written).update(from: base + offset, count: count)
                written += count
                offset += count
            }
            if offset == source.count {
                segment += 1
                offset = 0
            }
        }
        return written
    }
}

/// libyaml's read handler for a ``SegmentReader`` (its `data`).
private func segmentReadHandler(
    data: UnsafeMutableRawPointer?, buffer: UnsafeMutablePointer<UInt8>?, size: Int,
    sizeRead: UnsafeMutablePointer<Int>?
) -> Int32 {
    guard let data, let buffer, let sizeRead,
        let read = Unmanaged<SegmentReader>.fromOpaque(data).takeUnretainedValue().read(into: buffer, size: size)
    else { return 0 }
    sizeRead.pointee = read
    return 1
}

/// The first piece of a document read in pieces: the bytes before `target` at once, then,
/// once the first cut is known, those up to the cut and what closes the open mappings; an
/// error (which stops libyaml) when there is no cut, or as soon as the pieces cannot be
/// read (the other thread found text after the cut that cannot, or a piece failed).
private final class FirstPieceReader<Cut: DocumentCut>: SegmentReader {
    private let buffer: UnsafeBufferPointer<UInt8>
    private let decision: CutDecision<Cut>
    private let board: PieceBoard<Cut>
    /// What closes the open mappings, once the cut is known (freed with the reader).
    private var closing: UnsafeMutableBufferPointer<UInt8>?
    private var decided = false

    init(_ buffer: UnsafeBufferPointer<UInt8>, target: Int, decision: CutDecision<Cut>, board: PieceBoard<Cut>) {
        self.buffer = buffer
        self.decision = decision
        self.board = board
        super.init([UnsafeBufferPointer(rebasing: buffer[..<min(target, buffer.count)])])
    }

    deinit { closing?.deallocate() }

    /// More is read once the cut is known: always through the read handler.
    override var wholeInput: UnsafeBufferPointer<UInt8>? { nil }

    fileprivate override func read(into target: UnsafeMutablePointer<UInt8>, size: Int) -> Int? {
        if board.hasFailed { return nil }
        guard let count = super.read(into: target, size: size) else { return nil }
        guard count == 0, !decided else { return count }
        decided = true
        guard let cut = decision.wait() else { return nil }
        let closing = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: cut.closing.count)
        _ = closing.initialize(from: cut.closing)
        self.closing = closing
        append(UnsafeBufferPointer(rebasing: buffer[first.count..<cut.cut]))
        append(UnsafeBufferPointer(closing))
        return super.read(into: target, size: size)
    }
}

/// Where a document is first cut (or that it is not), decided on one thread (the first
/// decision counts), waited for on another.
private final class CutDecision<Cut: DocumentCut>: @unchecked Sendable {
    private let condition = NSCondition()
    private var decided = false
    private var cut: Cut?

    func decide(_ cut: Cut?) {
        condition.lock()
        if !decided {
            self.cut = cut
            decided = true
            condition.broadcast()
        }
        condition.unlock()
    }

    func wait() -> Cut? {
        condition.lock()
        defer { condition.unlock() }
        while !decided { condition.wait() }
        return cut
    }
}

/// Turns the event stream into nodes, one open collection per stack frame.
private struct TreeBuilder {
    let file: String
    let fileIndex: UInt16
    let limits: YAMLLimits
    /// Added to libyaml's lines (a half of a document read apart).
    let lineOffset: Int
    var root: YAMLNode?
    /// The scalar values of `$ref` keys, as written.
    private(set) var references: [String] = []
    private var documents = 0
    private var stack: [Frame] = []
    /// The items of the open sequences and the pairs of the open mappings, each
    /// collection's on top of its parent's: moved into an array of their exact size when
    /// the collection ends (no array grows item by item).
    private var openItems = Scratch<YAMLNode>()
    private var openPairs = Scratch<YAMLPair>()
    private var recentStrings = RecentStrings()
    private var anchors: [String: (node: YAMLNode, size: Int)] = [:]
    private var aliasBudget: Int

    private struct Frame {
        var mark: YAMLMark
        var anchor: String?
        var isMapping: Bool
        /// Where this collection's items (or pairs) begin in `openItems` (or `openPairs`).
        var start: Int
        var pendingKey: YAMLNode?
        /// Keys seen so far, for finding duplicates; built once a mapping is large (a few
        /// keys are faster to compare one by one than to hash).
        var keyMarks: [String: YAMLMark]?
        /// Nodes in this collection so far, itself included (for the alias budget).
        var size = 1
        /// Where this mapping's merge key (`<<`) was written, once it has been seen.
        var mergeKeyMark: YAMLMark?
        /// Set while the merge key waits for its value.
        var pendingKeyIsMerge = false
        /// The pairs the merge key brings in (the first mapping's first when it names a
        /// list of them), and how many explicit pairs came before it.
        var merged: (position: Int, pairs: [YAMLPair])?
    }

    init(file: String, fileIndex: UInt16, limits: YAMLLimits, lineOffset: Int = 0) {
        self.file = file
        self.fileIndex = fileIndex
        self.limits = limits
        self.lineOffset = lineOffset
        aliasBudget = limits.maxAliasExpansions
    }

    /// Frees the scratch buffers, and whatever an error left in them.
    mutating func free() {
        openItems.free()
        openPairs.free()
    }

    private func location(_ mark: YAMLMark) -> SourceLocation {
        SourceLocation(file: file, line: mark.line, column: mark.column)
    }

    private func mark(_ mark: yaml_mark_t) -> YAMLMark {
        YAMLMark(line: Int(mark.line) + 1 + lineOffset, column: Int(mark.column) + 1, file: fileIndex)
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)) }
    }

    mutating func handle(_ event: inout yaml_event_t) throws {
        let mark = mark(event.start_mark)
        switch event.type {
        case YAML_DOCUMENT_START_EVENT:
            documents += 1
            if documents > 1 {
                throw Diagnostic(.error, "expected a single YAML document, found another one", at: location(mark))
            }
        case YAML_SCALAR_EVENT:
            let data = event.data.scalar
            let value = recentStrings.string(UnsafeBufferPointer(start: data.value, count: data.length))
            let style: YAMLScalar.Style
            switch data.style {
            case YAML_SINGLE_QUOTED_SCALAR_STYLE: style = .singleQuoted
            case YAML_DOUBLE_QUOTED_SCALAR_STYLE: style = .doubleQuoted
            case YAML_LITERAL_SCALAR_STYLE: style = .literal
            case YAML_FOLDED_SCALAR_STYLE: style = .folded
            default: style = .plain
            }
            // A plain scalar with a non-specific tag (`!`) is a string, as quoting would make it.
            var tag = Self.string(data.tag)
            if tag == "!" { tag = "tag:yaml.org,2002:str" }
            let node = YAMLNode(.scalar(YAMLScalar(value: value, style: style, tag: tag)), mark: mark)
            if let anchor = Self.string(data.anchor) { anchors[anchor] = (node, 1) }
            try add(node, size: 1)
        case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
            if stack.count >= limits.maxDepth {
                throw Diagnostic(
                    .error, "nesting is deeper than the limit of \(limits.maxDepth) levels", at: location(mark))
            }
            let isMapping = event.type == YAML_MAPPING_START_EVENT
            let anchor =
                isMapping ? Self.string(event.data.mapping_start.anchor) : Self.string(event.data.sequence_start.anchor)
            stack.append(
                Frame(
                    mark: mark, anchor: anchor, isMapping: isMapping,
                    start: isMapping ? openPairs.count : openItems.count))
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            let frame = stack.removeLast()
            let content: YAMLNode.Content
            if frame.isMapping {
                let pairs = openPairs.popArray(from: frame.start)
                content = .mapping(frame.merged.map { Self.pairs(pairs, merging: $0) } ?? pairs)
            } else {
                content = .sequence(openItems.popArray(from: frame.start))
            }
            let node = YAMLNode(content, mark: frame.mark)
            if let anchor = frame.anchor { anchors[anchor] = (node, frame.size) }
            try add(node, size: frame.size)
        case YAML_ALIAS_EVENT:
            let name = Self.string(event.data.alias.anchor) ?? ""
            guard let anchored = anchors[name] else {
                throw Diagnostic(.error, "undefined alias '\(name)'", at: location(mark))
            }
            aliasBudget -= anchored.size
            if aliasBudget < 0 {
                throw Diagnostic(
                    .error,
                    "aliases expand to more than the limit of \(limits.maxAliasExpansions) nodes (a \"billion laughs\" document?)",
                    at: location(mark))
            }
            var node = anchored.node
            node.mark = mark
            try add(node, size: anchored.size)
        default:
            break
        }
    }

    private mutating func add(_ node: consuming YAMLNode, size: Int) throws {
        guard !stack.isEmpty else {
            root = node
            return
        }
        let top = stack.count - 1
        stack[top].size += size
        if !stack[top].isMapping {
            openItems.append(node)
            return
        }
        if stack[top].pendingKeyIsMerge {
            stack[top].merged = (openPairs.count - stack[top].start, try mergedPairs(node))
            stack[top].pendingKeyIsMerge = false
            return
        }
        if let key = stack[top].pendingKey.take() {
            if key.isScalar("$ref"), case .scalar(let value) = node.content {
                references.append(value.value)
            }
            openPairs.append(YAMLPair(key: key, value: node))
            return
        }
        guard case .scalar(let scalar) = node.content else {
            throw Diagnostic(
                .error, "mapping keys must be scalars, found \(node.kindDescription)", at: location(node.mark))
        }
        if Self.isMergeKey(scalar) {
            if let first = stack[top].mergeKeyMark {
                throw Diagnostic(
                    .error,
                    "duplicate merge key '<<' (first defined at line \(first.line), column \(first.column)); "
                        + "merge several mappings with a list: '<<: [*a, *b]'",
                    at: location(node.mark))
            }
            stack[top].mergeKeyMark = node.mark
            stack[top].pendingKeyIsMerge = true
            return
        }
        var first: YAMLMark?
        if let marks = stack[top].keyMarks {
            first = marks[scalar.value]
        } else {
            for index in stack[top].start..<openPairs.count where openPairs[index].pointee.key.isScalar(scalar.value) {
                first = openPairs[index].pointee.key.mark
                break
            }
        }
        if let first {
            throw Diagnostic(
                .error, "duplicate key '\(scalar.value)' (first defined at line \(first.line), column \(first.column))",
                at: location(node.mark))
        }
        if stack[top].keyMarks != nil {
            stack[top].keyMarks![scalar.value] = node.mark
        } else if openPairs.count - stack[top].start >= 12 {
            var marks: [String: YAMLMark] = [scalar.value: node.mark]
            for index in stack[top].start..<openPairs.count {
                let key = openPairs[index].pointee.key
                if let value = key.scalar?.value { marks[value] = key.mark }
            }
            stack[top].keyMarks = marks
        }
        stack[top].pendingKey = consume node
    }

    /// YAML 1.1's merge key: a plain `<<` without a tag, or any key tagged `!!merge`.
    /// A quoted `"<<"` (as in JSON) is an ordinary key.
    private static func isMergeKey(_ scalar: YAMLScalar) -> Bool {
        if let tag = scalar.tag { return tag == "tag:yaml.org,2002:merge" }
        return scalar.style == .plain && scalar.value.utf8.count == 2 && scalar.value == "<<"
    }

    /// The pairs a merge key's value brings in: those of a mapping, or of each mapping of a
    /// list in turn, where a key already brought in by an earlier mapping is left out.
    private func mergedPairs(_ value: YAMLNode) throws -> [YAMLPair] {
        let sources: [YAMLNode]
        switch value.content {
        case .mapping: sources = [value]
        case .sequence(let items): sources = items
        case .scalar:
            throw Diagnostic(
                .error,
                "the merge key '<<' must be given a mapping or a list of mappings (such as '*base'), "
                    + "found \(value.kindDescription)",
                at: location(value.mark))
        }
        var pairs: [YAMLPair] = []
        var seen: Set<String> = []
        for source in sources {
            guard let sourcePairs = source.mapping else {
                // An entry of an aliased list was written before the alias: point at the alias.
                let written = (source.mark.line, source.mark.column) > (value.mark.line, value.mark.column)
                throw Diagnostic(
                    .error, "each entry of the merge key's list must be a mapping, found \(source.kindDescription)",
                    at: location(written ? source.mark : value.mark))
            }
            for pair in sourcePairs where seen.insert(pair.key.scalar?.value ?? "").inserted {
                pairs.append(pair)
            }
        }
        return pairs
    }

    /// A mapping's pairs with the merged ones in the place of the merge key, except those
    /// whose key the mapping gives itself: explicit keys win.
    private static func pairs(_ pairs: [YAMLPair], merging merged: (position: Int, pairs: [YAMLPair])) -> [YAMLPair] {
        let explicit = Set(pairs.compactMap { $0.key.scalar?.value })
        let inserted = merged.pairs.filter { !explicit.contains($0.key.scalar?.value ?? "") }
        var pairs = pairs
        pairs.insert(contentsOf: inserted, at: merged.position)
        return pairs
    }
}

/// Strings of up to 16 bytes made lately, by a hash of their bytes: keys and short values
/// repeat (`type`, `string`, `description`…), and one found here is not decoded again.
private struct RecentStrings {
    private struct Entry {
        var words: (UInt64, UInt64) = (0, 0)
        var length = -1
        var string = ""
    }

    private var entries = [Entry](repeating: Entry(), count: 1024)

    mutating func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        guard let base = bytes.baseAddress, bytes.count <= 16 else {
            return String(decoding: bytes, as: UTF8.self)
        }
        var words: (UInt64, UInt64) = (0, 0)
        withUnsafeMutableBytes(of: &words) { $0.baseAddress!.copyMemory(from: base, byteCount: bytes.count) }
        let mixed = (words.0 &* 0x9E37_79B9_7F4A_7C15) ^ (words.1 &* 0xC2B2_AE3D_27D4_EB4F) ^ UInt64(bytes.count)
        let slot = Int(truncatingIfNeeded: mixed >> 54)  // 10 bits: 1,024 entries
        if entries[slot].length == bytes.count && entries[slot].words == words { return entries[slot].string }
        let string = String(decoding: bytes, as: UTF8.self)
        entries[slot] = Entry(words: words, length: bytes.count, string: string)
        return string
    }
}

/// A stack of values in one buffer that doubles when full, from which the values on top
/// are moved (not copied) into an array of their exact size. `free()` must be called.
private struct Scratch<Element> {
    private var base: UnsafeMutablePointer<Element>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int = 64) {
        self.capacity = capacity
        base = .allocate(capacity: capacity)
    }

    /// The value at `index` (below `count`), to read in place.
    subscript(index: Int) -> UnsafePointer<Element> {
        UnsafePointer(base + index)
    }

    mutating func append(_ element: consuming Element) {
        if count == capacity {
            let grown = UnsafeMutablePointer<Element>.allocate(capacity: capacity * 2)
            grown.moveInitialize(from: base, count: count)
            base.deallocate()
            base = grown
            capacity *= 2
        }
        (base + count).initialize(to: element)
        count += 1
    }

    /// The values from `start` up, moved out in order; `count` becomes `start`. (Appended
    /// one by one to an array of the right capacity: `Array(unsafeUninitializedCapacity:)`
    /// looks the array's type up at run time on every call.)
    mutating func popArray(from start: Int) -> [Element] {
        guard count > start else { return [] }
        var array: [Element] = []
        array.reserveCapacity(count - start)
        for index in start..<count { array.append((base + index).move()) }
        count = start
        return array
    }

    mutating func free() {
        base.deinitialize(count: count)
        base.deallocate()
        count = 0
        capacity = 0
    }
}
