import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// glibc's heaps set up for one large piece of work in a process that exits after it
/// (`openapi-gen generate`): memory on transparent huge pages where the system leaves that
/// to programs, as glibc's own `glibc.malloc.hugetlb=1` tunable would (which only the
/// environment a process starts with can set).
///
/// The first write to each 4 KiB page of fresh memory costs a page fault: about 1.3–2 µs
/// each on the benchmark machine, and generating Stripe's SDK touches about 15,700 pages
/// (some 30 ms of the process's 250 ms of CPU time). A 2 MiB huge page is faulted in once for
/// 512 small ones, at about a tenth of the cost per byte. Where
/// `/sys/kernel/mm/transparent_hugepage/enabled` says `madvise` (as on the benchmark
/// machine), only ranges marked with `madvise(MADV_HUGEPAGE)` get them; this marks the
/// heaps. With `always` the system does it already; with `never` nothing is done.
///
/// Only hints: the memory behaves the same, and a hint the kernel refuses changes nothing.
public enum ProcessHeap {
    /// Sets the heaps up: once per process, before the work starts (later calls do nothing).
    ///
    /// glibc's heaps grow in steps of 32 MiB (`M_TOP_PAD`; untouched pages cost no memory),
    /// keep what is freed instead of handing it back to the system (`M_TRIM_THRESHOLD`), and
    /// serve blocks up to 32 MiB themselves instead of mapping each anew
    /// (`M_MMAP_THRESHOLD`): memory the work frees is used again without new faults. When
    /// huge pages are left to programs, the main heap (the one `brk` grows) is grown ahead
    /// by 56 MiB, untouched, and marked; each other thread's heap is marked by
    /// ``adviseThisThread()``.
    public static func prepareForLargeWork() {
        #if canImport(Glibc)
            _ = prepared
        #endif
    }

    /// Gives the memory of the stages done back to the system (glibc keeps freed memory,
    /// in the arenas of the threads that freed it, for reuse), so that the process's peak
    /// is the most that one stage holds, not their sum. Nothing once
    /// ``prepareForLargeWork()`` has run: the heaps are then kept whole for the stages to
    /// come (what the system took back would lose its marks and be faulted in again).
    public static func returnFreedMemory() {
        #if canImport(Glibc)
            guard !isPreparedForLargeWork, let trim = mallocTrim else { return }
            _ = trim(0)
        #endif
    }

    /// Whether ``prepareForLargeWork()`` has run.
    static var isPreparedForLargeWork: Bool {
        #if canImport(Glibc)
            state.withLock { $0.isPrepared }
        #else
            false
        #endif
    }

    /// Whether this system leaves transparent huge pages to programs (see
    /// ``marksHeaps(transparentHugePageSetting:)``): read once.
    static let systemLeavesHugePagesToPrograms: Bool = {
        guard
            let setting = try? String(
                contentsOfFile: "/sys/kernel/mm/transparent_hugepage/enabled", encoding: .utf8)
        else { return false }
        return marksHeaps(transparentHugePageSetting: setting)
    }()

    /// Marks the heap glibc gives the calling thread for huge pages, once per heap, when
    /// ``prepareForLargeWork()`` found them left to programs (otherwise this does nothing).
    /// Called by the threads that share out work (``ConcurrentWork``, the YAML reader's
    /// threads) as they start.
    public static func adviseThisThread() {
        #if canImport(Glibc)
            guard state.withLock({ $0.marksHeaps }) else { return }
            // glibc puts each thread's heap other than the main one (which `brk` grows, below
            // the break) at an address aligned to its largest size: a block's heap starts at
            // the block's address rounded down to it.
            guard let probe = malloc(64) else { return }
            let address = UInt(bitPattern: probe)
            free(probe)
            let programBreak = UInt(bitPattern: sbrk(0))
            if address < programBreak {
                // The main heap: what it grew by since it was last marked is marked now.
                markMainHeap(upTo: programBreak)
                return
            }
            let base = address & ~(threadHeapSize - 1)
            if state.withLock({ $0.marked.insert(base).inserted }) {
                _ = madvise(UnsafeMutableRawPointer(bitPattern: base), Int(threadHeapSize), MADV_HUGEPAGE)
            }
        #endif
    }

    /// Whether ``prepareForLargeWork()`` marks heaps for huge pages, from the system's setting
    /// (the text of `/sys/kernel/mm/transparent_hugepage/enabled`, where the chosen mode is
    /// in brackets).
    static func marksHeaps(transparentHugePageSetting setting: String) -> Bool {
        setting.contains("[madvise]")
    }

    #if canImport(Glibc)
        /// The most a heap of a thread other than the main one spans, and its alignment
        /// (glibc's `HEAP_MAX_SIZE` on 64-bit systems: twice the largest mmap threshold).
        static let threadHeapSize: UInt = 64 << 20

        private struct State {
            var isPrepared = false
            /// Whether heaps are marked (the system leaves huge pages to programs).
            var marksHeaps = false
            /// The thread heaps marked, by address.
            var marked: Set<UInt> = []
            /// The part of the main heap marked (empty until some is; nil while heaps are not
            /// marked).
            var mainHeap: Range<UInt>?
        }

        /// What has been marked: the main heap's part grown ahead, and each thread heap's
        /// start (for tests, which look the marks up in `/proc/self/smaps`).
        static var marked: (mainHeap: Range<UInt>?, threadHeaps: Set<UInt>) {
            state.withLock { state in (state.mainHeap.flatMap { $0.isEmpty ? nil : $0 }, state.marked) }
        }

        private static let state = Locked(State())
        /// Keeps the block that grows the main heap from being optimised away with its `free`.
        nonisolated(unsafe) private static var growth: UnsafeMutableRawPointer?

        // `mallopt` and `malloc_trim` are glibc's own, not in the Glibc module: looked up.
        private typealias MallocOption = @convention(c) (Int32, Int32) -> Int32
        private typealias MallocTrim = @convention(c) (Int) -> Int32
        private static let mallocTrim = dlsym(nil, "malloc_trim").map { unsafeBitCast($0, to: MallocTrim.self) }

        private static let prepared: Bool = {
            guard let mallopt = dlsym(nil, "mallopt").map({ unsafeBitCast($0, to: MallocOption.self) }) else {
                return false
            }
            // M_TRIM_THRESHOLD, M_TOP_PAD and M_MMAP_THRESHOLD in glibc's <malloc.h>.
            _ = mallopt(-1, 1 << 30)
            _ = mallopt(-2, 32 << 20)
            _ = mallopt(-3, 32 << 20)
            state.withLock { $0.isPrepared = true }
            guard systemLeavesHugePagesToPrograms else { return true }
            // A block the main heap cannot hold grows it by the block and the top pad; freed,
            // it stays the heap's (the trim threshold), untouched, for the work to use.
            let before = UInt(bitPattern: sbrk(0))
            growth = malloc(24 << 20)
            free(growth)
            let after = UInt(bitPattern: sbrk(0))
            let start = (before + (2 << 20) - 1) & ~UInt((2 << 20) - 1)
            state.withLock {
                $0.marksHeaps = true
                $0.mainHeap = start..<start
            }
            markMainHeap(upTo: after)
            return true
        }()

        /// Marks the main heap from where its marks end (or, at first, from the first huge page
        /// that begins after what it held before) up to `end` (the break): the heap grows by
        /// `brk`, and what it grows by is a range of its own for the kernel, unmarked.
        private static func markMainHeap(upTo end: UInt) {
            state.withLock { state in
                guard let marked = state.mainHeap, end > marked.upperBound else { return }
                let start = marked.upperBound
                guard madvise(UnsafeMutableRawPointer(bitPattern: start), Int(end - start), MADV_HUGEPAGE) == 0
                else { return }
                state.mainHeap = marked.lowerBound..<end
            }
        }
    #endif
}

/// A value behind a lock.
final class Locked<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()

    init(_ value: Value) { self.value = value }

    func withLock<Result>(_ body: (inout Value) -> Result) -> Result {
        lock.lock()
        defer { lock.unlock() }
        return body(&value)
    }
}
