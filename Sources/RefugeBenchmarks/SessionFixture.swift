import Foundation
import RefugeEngine
import RefugeExpressions
import RefugeQuestionnaire
import RefugeSession
import RefugeStorage

/// The real file system without fsync: everything else is the same system calls, so the
/// difference between a save through this and through `POSIXFileSystem` is the cost of fsync.
struct UnsyncedFileSystem: FileSystem {
    let real = POSIXFileSystem()
    func status(of path: String) throws -> FileStatus? { try real.status(of: path) }
    func readWholeFile(at path: String) throws -> Data { try real.readWholeFile(at: path) }
    func createNewFile(at path: String, permissions: UInt32) throws -> Int32 { try real.createNewFile(at: path, permissions: permissions) }
    func writeAll(_ data: Data, to descriptor: Int32, path: String) throws { try real.writeAll(data, to: descriptor, path: path) }
    func syncFile(_ descriptor: Int32, path: String) throws {}
    func closeFile(_ descriptor: Int32, path: String) throws { try real.closeFile(descriptor, path: path) }
    func linkItem(from source: String, to destination: String) throws { try real.linkItem(from: source, to: destination) }
    func renameItem(from source: String, to destination: String) throws { try real.renameItem(from: source, to: destination) }
    func removeItem(at path: String) throws { try real.removeItem(at: path) }
    func syncFolder(at path: String) throws {}
    func makeFolder(at path: String, permissions: UInt32) throws { try real.makeFolder(at: path, permissions: permissions) }
    func setPermissions(_ permissions: UInt32, at path: String) throws { try real.setPermissions(permissions, at: path) }
    func namesInFolder(at path: String) throws -> [String] { try real.namesInFolder(at: path) }
}

/// A filled session of one dataset, written to a sessions folder and open through a
/// `SessionController`, as the program has it after `refuge resume`.
final class SessionFixture {
    static let created = Date(timeIntervalSince1970: 1_795_000_000)

    let folder: URL
    let store: SessionStore
    let controller: SessionController
    /// Answered records (entry fields included).
    let answerCount: Int

    var session: Session { controller.session }
    var interview: Interview { controller.interview }

    /// - Parameters:
    ///   - sessionsFolder: where the session file goes (created when missing).
    ///   - fsync: false replaces fsync by nothing (see `UnsyncedFileSystem`).
    ///   - key: a key derived once, for a protected session.
    ///   - position: which step the session was left at (default: the first step).
    init(_ dataset: Dataset, filled: Bool = true, sessionsFolder: URL, id: String = "benchsession",
         fsync: Bool = true, key: SessionKey? = nil, questionnairePath: String? = nil,
         position: ((Interview) -> AnswerRef?)? = nil) throws {
        let q = dataset.questionnaire
        folder = sessionsFolder
        store = SessionStore(folder: sessionsFolder,
                             environment: StorageEnvironment(fileSystem: fsync ? POSIXFileSystem() as any FileSystem : UnsyncedFileSystem()))
        var session = NewSession.make(id: id, questionnaire: q, language: nil, interviewerLanguage: nil, label: "B-1",
                                      now: Self.created, timeZone: TimeZone(identifier: "UTC")!)
        if let questionnairePath { session.questionnaire.path = questionnairePath }
        var count = 0
        if filled {
            var filler = SessionFiller()
            let result = filler.fill(q, today: session.interviewDate)
            session.answers = result.answers
            count = result.count
            session.history = Self.history(of: result.answers, at: Self.created)
        }
        let interview = Interview(questionnaire: q, answers: session.answers, today: session.interviewDate)
        session.progress = Progress(answered: interview.progress.answered, total: interview.progress.total)
        session.position = (position?(interview) ?? interview.firstStep).map(Position.init)
        answerCount = count
        try? FileManager.default.removeItem(at: sessionsFolder.appendingPathComponent("\(id).refuge"))
        let file = try store.create(session, questionnaire: q, key: key)
        controller = SessionController(file: file, questionnaire: q, now: { SessionFixture.created })
    }

    /// One history entry per answered record, as a session answered question by question has.
    static func history(of answers: AnswerSet, at time: Date) -> [HistoryEntry] {
        var history: [HistoryEntry] = []
        for (id, answer) in answers.byID.sorted(by: { $0.key < $1.key }) {
            var top = answer
            top.entries = nil
            top.draft = nil
            history.append(HistoryEntry(at: time, question: id, old: nil, new: top))
            for entry in answer.entries ?? [] {
                for (field, value) in entry.answers.sorted(by: { $0.key < $1.key }) {
                    history.append(HistoryEntry(at: time, question: "\(id)[\(entry.id)].\(field)", old: nil, new: value))
                }
            }
        }
        return history
    }

    func close() {
        controller.file.close()
    }
}

/// A private scratch folder for one run, removed at the end.
///
/// Saves without fsync go to a second folder in memory (tmpfs, `/dev/shm`) where there is one:
/// on ext4, renaming a new file over an old one makes the kernel write the new file's data out
/// there and then (its `auto_da_alloc` safeguard, 3–4 ms a rename on this machine's disk), which
/// is the very flush that "no fsync" is meant to leave out. Saves with fsync use the disk.
struct Scratch {
    let root: URL
    /// Where saves without fsync go: in memory when possible, else `root`.
    let unsyncedRoot: URL
    var unsyncedInMemory: Bool { unsyncedRoot != root }

    init(base: String?, unsyncedBase: String?) throws {
        let name = "refuge-bench-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        root = URL(fileURLWithPath: base ?? NSTemporaryDirectory()).appendingPathComponent(name)
        let memory = unsyncedBase ?? (Self.isInMemory("/dev/shm") ? "/dev/shm" : nil)
        unsyncedRoot = memory.map { URL(fileURLWithPath: $0).appendingPathComponent(name) } ?? root
        for folder in Set([root, unsyncedRoot]) {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        }
    }

    func folder(_ name: String) -> URL { root.appendingPathComponent(name) }
    func unsyncedFolder(_ name: String) -> URL { unsyncedRoot.appendingPathComponent(name) }

    func remove() {
        try? FileManager.default.removeItem(at: root)
        try? FileManager.default.removeItem(at: unsyncedRoot)
    }

    /// Whether `path` is a tmpfs mount point, as /proc/self/mounts lists it.
    private static func isInMemory(_ path: String) -> Bool {
        guard let mounts = try? String(contentsOfFile: "/proc/self/mounts", encoding: .utf8) else { return false }
        return mounts.split(separator: "\n").contains { line in
            let fields = line.split(separator: " ")
            return fields.count > 2 && fields[1] == path && fields[2] == "tmpfs"
        }
    }
}
