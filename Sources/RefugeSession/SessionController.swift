#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import RefugeEngine
import RefugeExpressions
import RefugeQuestionnaire

/// Joins an open session and its interview: "perform and save". Every change is made by
/// `CommandTransaction` (the one place with the interview's rules), recorded in the history, and
/// saved before the call returns. Plain mode and `refuge answer` change sessions through it; the
/// screen performs the same commands.
public final class SessionController: @unchecked Sendable {
    // Driven from one thread (the program's loop); not shared.
    public let file: OpenSession
    public private(set) var interview: Interview
    private let now: @Sendable () -> Date

    public init(file: OpenSession, questionnaire: Questionnaire, now: @escaping @Sendable () -> Date = { Date() }) {
        self.file = file
        self.now = now
        self.interview = Interview(questionnaire: questionnaire, answers: file.session.answers, today: file.session.interviewDate)
    }

    public var session: Session { file.session }
    /// Whether the file on disk is behind the session in memory (a save failed since the last good one).
    public var hasUnsavedChanges: Bool { file.hasUnsavedChanges }
    public var questionnaire: Questionnaire { interview.questionnaire }

    /// The session and its interview as one value (for applying commands without saving).
    public var state: SessionState { SessionState(session: file.session, interview: interview) }

    /// Performs one command (see `InterviewCommand`) at `cursor` and, when it changed the
    /// session, saves before returning: plain mode and `refuge answer` work this way. A refused
    /// command changes nothing and is returned as the failure; a failed save is thrown, with
    /// the change kept in memory (nothing typed is lost).
    @discardableResult
    public func perform(_ command: InterviewCommand, at cursor: InterviewCursor) throws(SessionError) -> Result<CommandOutcome, CommandProblem> {
        try transaction { t throws(CommandProblem) in try t.perform(command, at: cursor) }
    }

    /// Performs several commands as one act (all kept or none) and saves once.
    public func transaction<R>(_ body: (inout CommandTransaction) throws(CommandProblem) -> R) throws(SessionError) -> Result<R, CommandProblem> {
        let time = now()
        var changed = false
        var result: Result<R, CommandProblem>?
        var touched: Set<String> = []
        // Applied to the open session in place, so that its history is appended to, not copied.
        file.stage { s in
            result = CommandTransaction.run(session: &s, interview: &interview, time: time, changed: &changed,
                                            touchedAnswers: &touched, body)
        }
        if changed { try file.flush(touching: touched) }
        return result!
    }

    /// Applies `change` to one record and saves. On a failed save the change stays in memory
    /// (nothing typed is lost) and the error is thrown for the caller to show.
    public func change(_ ref: AnswerRef, _ change: (inout Answer) -> Void) throws(SessionError) {
        _ = try transaction { t in t.change(ref, change) }
    }

    /// Adds an entry to a repeat and saves (`InterviewCommand.addEntry`).
    public func addEntry(to repeatID: String) throws -> String {
        switch try perform(.addEntry, at: .step(repeatID)) {
        case .success(let outcome): return outcome.entryID ?? ""
        case .failure(.refused(let problem)): throw problem
        case .failure: throw AnswerProblem.notAQuestion
        }
    }

    /// Deletes an entry of a repeat and saves (`InterviewCommand.deleteEntry`).
    public func deleteEntry(_ entryID: String, of repeatID: String) throws(SessionError) {
        _ = try perform(.deleteEntry(entryID), at: .step(repeatID))
    }

    /// Records where the person is. With `saveNow: false` it is kept in memory and written
    /// with the next save (an answer, a draft, or the screen's idle tick), so moving between
    /// questions does not rewrite the whole file on every key.
    public func setPosition(_ ref: AnswerRef?, saveNow: Bool = true) throws(SessionError) {
        let position = ref.map(Position.init)
        guard position != file.session.position else { return }
        if saveNow {
            try commit(touching: []) { $0.position = position }
        } else {
            file.stage { $0.position = position }
        }
    }

    public func setLanguage(_ language: String) throws(SessionError) {
        guard language != file.session.language else { return }
        let time = now()
        try commit(touching: []) { s in
            s.language = language
            s.updated = time
        }
    }

    /// Remembers whether the interviewer's view is on (F12), for the next time the session opens.
    public func setInterviewerView(_ on: Bool) throws(SessionError) {
        guard on != file.session.interviewerView else { return }
        try commit(touching: []) { $0.interviewerView = on }
    }

    /// Keeps (or, with nil, forgets) the note or translation being typed.
    public func setPendingText(_ pending: PendingText?) throws(SessionError) {
        guard pending != file.session.pendingText else { return }
        try commit(touching: []) { $0.pendingText = pending }
    }

    public func setInterviewDate(_ date: PartialDate) throws(SessionError) {
        interview.setToday(date)
        let time = now()
        try commit { s in
            s.interviewDate = date
            s.updated = time
        }
    }

    /// Writes the in-memory session again (after a failed save).
    public func retrySave() throws(SessionError) { try file.flush() }

    /// Applies `change` to the session, brings its answers and progress up to the interview's,
    /// and saves. `touching`: the top-level answers the interview's last change may have
    /// altered (nil: any), so that the save need not compare every answer.
    func commit(touching: Set<String>? = nil, _ change: (inout Session) -> Void) throws(SessionError) {
        let answers = interview.answers
        let p = interview.progress
        try file.update(touching: touching) { s in
            change(&s)
            s.answers = answers
            s.progress = Progress(answered: p.answered, total: p.total)
        }
    }
}

extension SessionController {
    /// Records that the session now uses this (changed) questionnaire, so the person is told
    /// only once. Answers to questions it no longer has stay in the session.
    public func adoptQuestionnaire(_ q: Questionnaire) throws(SessionError) {
        try commit { s in
            s.questionnaire = QuestionnaireRef(id: q.id, version: q.version, sha256: q.contentHash, path: s.questionnaire.path)
        }
    }
}
