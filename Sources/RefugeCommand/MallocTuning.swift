#if canImport(Glibc)
import CGlibcMalloc
#endif
import RefugeBasics

/// The program's settings of the C library's allocator, made first thing in `main`: the mapping
/// threshold below for every command, and the heap's start on a huge page (`HugePageHeap`) for
/// those that open an interview.
///
/// glibc serves a request of 128 KB or more with a fresh memory mapping of its own, and unmaps it
/// on free. Resuming a session reads the compiled questionnaire (about 270 KB for credible-fear)
/// into such a buffer: its 67 pages were each faulted in, filled, read once and handed back,
/// while the questionnaire decoded from it then faulted in fresh heap pages of its own. From the
/// heap instead, the buffer's pages are freed into the heap and serve the decoding: a resumed
/// credible-fear session took 940 page faults to its first frame instead of 1,028 (medians of 40
/// resumes), at about a microsecond and a quarter each on the machine measured (README, "Round
/// two (issue 19)"). Larger requests (reports and imports of thousands of items) still get
/// mappings of their own, so their memory goes back at once.
enum MallocTuning {
    /// Requests below this many bytes come from the heap.
    static let ownMappingThreshold: Int32 = 1 << 20

    /// `arguments`: the program's arguments (without its name). A command that opens an
    /// interview (the home screen, `new`, `resume`) also starts its heap on a huge page
    /// (`HugePageHeap`): those fill about 1.4 MB of heap before their first frame. Other commands
    /// are left as they are; a small one would spend more zeroing a 2 MB page than it saves.
    static func apply(arguments: [String]) {
        #if canImport(Glibc)
        _ = mallopt(M_MMAP_THRESHOLD, ownMappingThreshold)
        if opensAnInterview(arguments) { _ = HugePageHeap.start(mappingThreshold: ownMappingThreshold) }
        #endif
    }

    static func opensAnInterview(_ arguments: [String]) -> Bool {
        guard let command = arguments.first else { return true }
        return command == "resume" || command == "new"
    }
}
