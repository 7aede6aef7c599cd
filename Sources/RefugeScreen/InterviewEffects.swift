#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import RefugeCanvas
import RefugeEngine
import RefugeSession

/// What reaches the interview screen: a key, the clock, and the runner's answers to the
/// effects the screen asked for. `InterviewScreen.update` takes one and returns effects.
public enum InterviewMessage: Sendable {
    /// A key (or click, or resize); `at` is a monotonic clock in seconds, for the draft timer.
    case key(KeyEvent, at: Double)
    /// No key came for a while: a draft typed more than a second ago, or a move, is saved.
    case tick(at: Double)
    /// The program is about to stop (quit, signal, closed terminal): save what is typed.
    case stopping
    /// Jump to a question on the path, as Enter on the review does.
    case jump(AnswerRef)
    /// The last `.save` reached the disk.
    case saved
    /// The last `.save` failed (disk full, read-only, gone): the value stays in memory.
    case saveFailed(String)
    case rescueWritten(path: String)
    case rescueFailed(String)
    case reportWritten(path: String)
    case reportFailed(String)
    /// The answer to `.checkPassphrase`.
    case passphraseChecked(Bool)
}

/// What the interview screen asks of the world; the runner performs each and answers with a
/// message. The screen itself reads and writes nothing.
public enum InterviewEffect: Sendable, Equatable {
    /// Write the session value to its file. `kind` says why (tests and the runner may tell a
    /// confirmed change from a draft or a move); `touching`, the top-level answers changed since
    /// the last save, so that the save need not compare every answer.
    case save(Session, SaveKind, touching: Set<String>)
    /// Write a rescue copy of the session value into `folder` (after saving to its file failed).
    case writeRescueCopy(Session, folder: URL)
    /// Write the report for the session value (the menu's "write the report").
    case writeReport(Session)
    /// Does this passphrase open the session? (to come back from the hidden screen)
    case checkPassphrase(String)
    /// The person quit: the program may end.
    case quit

    public enum SaveKind: Int, Sendable, Comparable {
        /// A move, or a setting such as the interviewer's view: may wait, and rides along.
        case position
        /// Text being typed (an answer's draft, a note or translation not yet saved).
        case draft
        /// A confirmed change: an answer, a mark, an entry added or deleted, the language.
        case change
        /// Written whatever changed: the person chose to try again, or the program stops.
        case retry

        public static func < (a: SaveKind, b: SaveKind) -> Bool { a.rawValue < b.rawValue }
    }
}

/// What the interview screen knows of its surroundings, fixed when it opens (the effects that
/// need the outside world go through the runner).
public struct InterviewOptions: Sendable {
    /// The session has a passphrase that the hidden screen (F8) asks for before showing it again.
    public var asksPassphrase = false
    /// The menu can write a report.
    public var canWriteReport = false
    /// The session file is encrypted (a written report is then said to be an unencrypted copy).
    public var isProtected = false
    /// Where "save a rescue copy" puts the session; nil: `$HOME`.
    public var rescueFolder: URL?
    /// Said once when the interview opens (the backup was used, the questionnaire changed).
    public var openingNotice: String?

    public init(asksPassphrase: Bool = false, canWriteReport: Bool = false, isProtected: Bool = false,
                rescueFolder: URL? = nil, openingNotice: String? = nil) {
        self.asksPassphrase = asksPassphrase
        self.canWriteReport = canWriteReport
        self.isProtected = isProtected
        self.rescueFolder = rescueFolder
        self.openingNotice = openingNotice
    }
}
