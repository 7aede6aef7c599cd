#if canImport(Glibc)
import Glibc
import CGlibcMalloc
#endif

/// Puts the heap's next two megabytes on one transparent huge page, so that a full-screen start
/// fills its memory with one page fault instead of hundreds.
///
/// Why: resuming credible-fear touches about 350 fresh heap pages before its first frame, and on
/// the 2-core VM this was measured on each first touch costs 1.5–2 µs in the kernel (a quarter of
/// the start-up's samples were page faults). One 2 MB huge page is zeroed in about 0.2 ms (median
/// of 40 faults in a C test) against 0.6–0.9 ms for 400 small pages (README, "Round two (issue
/// 19)"). The kernel gives a huge page only to a 2 MB-aligned block of a region advised with
/// `MADV_HUGEPAGE` whose first touch comes after the advice, so the allocator is made to carry on
/// exactly at such a block:
/// 1. the start of malloc's top chunk (the memory it carves new allocations from) is found as the
///    program break less the top chunk's size (`mallinfo2().keepcost`);
/// 2. one allocation (the spacer) takes everything from there up to just before the next 2 MB
///    boundary, while a larger top pad makes the allocator extend the break past the whole block;
/// 3. the block is advised, and the next allocation carved from the top starts on the boundary.
///
/// The spacer is address space only: it is never written (but for its header, on a page already
/// in use) and never freed, so it costs no memory. Whenever the allocator did not do exactly what
/// was planned the spacer is freed and the settings are put back; where the kernel has no
/// transparent huge pages (`never` in /sys/kernel/mm/transparent_hugepage/enabled) the advice is
/// ignored and the pages are ordinary ones.
///
/// A huge page is resident whole once touched, about 0.6 MB more than the start-up uses, so once
/// the first frame is out `settle` gives back what nobody uses: the interview session's peak
/// stayed at 11.6–11.8 MB against 11.4 MB without the huge page (`refuge-benchmarks --only
/// startup`; issue 19's ceiling is 12 MB).
public enum HugePageHeap {
    public static let hugePageSize = 2 << 20

    /// What `start` did.
    public enum Outcome: Equatable, Sendable {
        /// The block at `block` (2 MB-aligned) is advised and the next allocation from the top
        /// starts there.
        case advised(block: Int)
        /// The allocator's heap was not laid out as planned; nothing was changed.
        case unexpectedLayout
        /// Not glibc, or the kernel refused the advice.
        case unavailable
    }

    /// The arithmetic of step 2, for glibc's chunks on 64-bit systems: a chunk starts 16 bytes
    /// before the pointer malloc returns (its size word ends there) and a request of `n` bytes
    /// takes a chunk of `n + 8` rounded up to 16 (glibc's `request2size`).
    public struct Plan: Equatable, Sendable {
        /// The 2 MB boundary where the allocation after the spacer begins.
        public let block: Int
        /// What to ask malloc for so that the spacer's chunk, starting at the top, ends 16 bytes
        /// before `block` (where the top chunk's header then lies, on the page below `block`).
        public let spacerRequest: Int

        static let chunkHeader = 16
        static let alignment = 16

        /// `margin`: the least room kept between the top's start and the block, so that the
        /// spacer is a real chunk and the top's header page is not the block's.
        public init?(topStart: Int, hugePage: Int = HugePageHeap.hugePageSize, margin: Int = 64 * 1024) {
            guard topStart > 0, topStart % Self.alignment == 0, hugePage > 0, hugePage & (hugePage - 1) == 0 else { return nil }
            let block = (topStart + margin + hugePage - 1) & ~(hugePage - 1)
            let spacerChunk = block - Self.chunkHeader - topStart
            guard spacerChunk >= 4 * Self.alignment else { return nil }
            self.block = block
            self.spacerRequest = spacerChunk - 8
        }

        /// The size of the chunk glibc makes for a request of `bytes` (`request2size`).
        public static func chunkSize(forRequest bytes: Int) -> Int {
            max(32, (bytes + 8 + alignment - 1) & ~(alignment - 1))
        }
    }

    /// Steps 1–3. `mappingThreshold`: the `M_MMAP_THRESHOLD` the program uses, set again after the
    /// spacer (which may be larger) was made.
    public static func start(mappingThreshold: Int32) -> Outcome {
        #if canImport(Glibc) && os(Linux)
        // The top pad makes the one extension of the break cover the whole block; a higher
        // mapping threshold keeps the spacer (up to 2 MB) on the heap; a high trim threshold keeps
        // later frees from handing the block's end back (and faulting it in again). `mallopt`
        // also merges the allocator's small free chunks first (glibc consolidates before any
        // setting), so none of them joins the top after it was measured.
        _ = mallopt(M_TOP_PAD, Int32(hugePageSize + 256 * 1024))
        _ = mallopt(M_MMAP_THRESHOLD, Int32(2 * hugePageSize))
        _ = mallopt(M_TRIM_THRESHOLD, Int32(2 * hugePageSize))
        func putBack() {
            _ = mallopt(M_MMAP_THRESHOLD, mappingThreshold)
            _ = mallopt(M_TOP_PAD, defaultTopPad)
        }
        // The spacer must come from the top: when the free memory elsewhere in the heap could
        // hold it (a process that has run a while), the allocator may take it from there.
        guard let heap = HeapState.now(), let plan = Plan(topStart: heap.topStart),
              heap.freeOutsideTop < plan.spacerRequest else {
            putBack()
            _ = mallopt(M_TRIM_THRESHOLD, defaultTrimThreshold)
            return .unexpectedLayout
        }
        let spacer = malloc(plan.spacerRequest)
        putBack()
        guard let spacer, Int(bitPattern: spacer) == heap.topStart + Plan.chunkHeader,
              let after = HeapState.now(), after.topStart == plan.block - Plan.chunkHeader,
              after.programBreak >= plan.block + hugePageSize else {
            free(spacer)
            _ = mallopt(M_TRIM_THRESHOLD, defaultTrimThreshold)
            return .unexpectedLayout
        }
        guard madvise(UnsafeMutableRawPointer(bitPattern: plan.block), hugePageSize, MADV_HUGEPAGE) == 0 else { return .unavailable }
        return .advised(block: plan.block)
        #else
        return .unavailable
        #endif
    }

    /// Once the first frame is out: hands the heap's free pages back (the huge page is split,
    /// and the part of it nothing uses leaves the resident memory), and lets the allocator trim
    /// its top again as it did before `start` (which kept it from trimming, since a trim into the
    /// block before the first frame splits the huge page and its pages are faulted in one by one
    /// again). Harmless where `start` did nothing.
    public static func settle() {
        #if canImport(Glibc) && os(Linux)
        _ = malloc_trim(0)
        _ = mallopt(M_TRIM_THRESHOLD, defaultTrimThreshold)
        #endif
    }

    #if canImport(Glibc) && os(Linux)
    /// glibc's own trim threshold (128 KB, mallopt(3)), set again by `settle`.
    static let defaultTrimThreshold: Int32 = 128 * 1024

    /// glibc's own top pad (128 KB, mallopt(3); the break grew in steps of 132 KB), set again
    /// after the spacer.
    static let defaultTopPad: Int32 = 128 * 1024

    /// Where the main heap stands: its end (the program break), the start of malloc's top chunk
    /// (the break less the top's size) and the free memory in all its other chunks.
    struct HeapState {
        let programBreak: Int
        let topStart: Int
        let freeOutsideTop: Int

        static func now() -> HeapState? {
            guard let end = sbrk(0), Int(bitPattern: end) != -1 else { return nil }
            let info = mallinfo2()
            return HeapState(programBreak: Int(bitPattern: end), topStart: Int(bitPattern: end) - Int(info.keepcost),
                             freeOutsideTop: Int(info.fordblks) - Int(info.keepcost))
        }
    }
    #endif
}
