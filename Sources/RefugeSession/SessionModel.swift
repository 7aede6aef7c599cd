#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import RefugeEngine
import RefugeQuestionnaire

/// The full-screen program's session value: a `SessionState` (the session and its interview)
/// and the clock that stamps changes. Commands are applied by `CommandTransaction`, the same
/// rules `SessionController` applies before it saves; here nothing is written: each change says
/// whether it changed anything, and the screen asks its runner to save (an effect).
public struct SessionModel: Sendable {
    public private(set) var state: SessionState
    private let now: @Sendable () -> Date
    /// The top-level answers commands changed since `takeTouchedAnswers()` (a field's is its
    /// repeat's): handed with the session to `OpenSession.save(_:touching:)`, so that a save at
    /// ten thousand answers does not compare every one.
    public private(set) var touchedAnswers: Set<String> = []

    public init(session: Session, questionnaire: Questionnaire, now: @escaping @Sendable () -> Date = { Date() }) {
        self.state = SessionState(session: session, questionnaire: questionnaire)
        self.now = now
    }

    /// Over a session and its interview already walked (an open `SessionController`'s), so
    /// that the path is not walked a second time before the first frame.
    public init(state: SessionState, now: @escaping @Sendable () -> Date = { Date() }) {
        self.state = state
        self.now = now
    }

    public var session: Session { state.session }
    public var interview: Interview { state.interview }
    public var questionnaire: Questionnaire { state.interview.questionnaire }

    /// Applies one command at `cursor`; `changed` is false when it was refused or changed nothing.
    public mutating func perform(_ command: InterviewCommand, at cursor: InterviewCursor)
        -> (result: Result<CommandOutcome, CommandProblem>, changed: Bool) {
        var changed = false
        var touched: Set<String> = []
        let result = CommandTransaction.run(session: &state.session, interview: &state.interview, time: now(), changed: &changed,
                                            touchedAnswers: &touched) {
            t throws(CommandProblem) in try t.perform(command, at: cursor)
        }
        touchedAnswers.formUnion(touched)
        return (result, changed)
    }

    /// The answers changed since the last call (see `touchedAnswers`), forgetting them.
    public mutating func takeTouchedAnswers() -> Set<String> {
        defer { touchedAnswers = [] }
        return touchedAnswers
    }

    /// Where the person is; true when it moved. A move alone may wait for the next save.
    @discardableResult
    public mutating func setPosition(_ ref: AnswerRef?) -> Bool {
        let position = ref.map(Position.init)
        guard position != state.session.position else { return false }
        state.session.position = position
        return true
    }

    @discardableResult
    public mutating func setLanguage(_ language: String) -> Bool {
        guard language != state.session.language else { return false }
        state.session.language = language
        state.session.updated = now()
        return true
    }

    /// Whether the interviewer's view is on (F12), kept for the next time the session opens.
    @discardableResult
    public mutating func setInterviewerView(_ on: Bool) -> Bool {
        guard on != state.session.interviewerView else { return false }
        state.session.interviewerView = on
        return true
    }

    /// The note or translation being typed (nil: none).
    @discardableResult
    public mutating func setPendingText(_ pending: PendingText?) -> Bool {
        guard pending != state.session.pendingText else { return false }
        state.session.pendingText = pending
        return true
    }
}
