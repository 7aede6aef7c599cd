#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import RefugeEngine
import RefugeQuestionnaire

/// A session and its interview as one value: what a command reads and returns. Applying a
/// command is pure (no clock, no file): the screen applies it here and asks for a save, while
/// `SessionController` applies it to the open session and saves at once.
public struct SessionState: Sendable {
    public var session: Session
    public var interview: Interview

    public init(session: Session, interview: Interview) {
        self.session = session
        self.interview = interview
    }

    public init(session: Session, questionnaire: Questionnaire) {
        self.init(session: session, interview: Interview(questionnaire: questionnaire, answers: session.answers, today: session.interviewDate))
    }

    /// Applies one command at `cursor`, stamped `time`. Refused: the state is unchanged.
    @discardableResult
    public mutating func perform(_ command: InterviewCommand, at cursor: InterviewCursor, time: Date) -> Result<CommandOutcome, CommandProblem> {
        transaction(time: time) { t throws(CommandProblem) in try t.perform(command, at: cursor) }
    }

    /// Applies one command and tells whether the session changed (so a front end that saves
    /// by effect asks for a save only then).
    public mutating func perform(_ command: InterviewCommand, at cursor: InterviewCursor, time: Date,
                                 changed: inout Bool) -> Result<CommandOutcome, CommandProblem> {
        transaction(time: time, changed: &changed) { t throws(CommandProblem) in try t.perform(command, at: cursor) }
    }

    /// Applies several commands as one act: all are kept, or (when one is refused) none.
    public mutating func transaction<R>(time: Date, _ body: (inout CommandTransaction) throws(CommandProblem) -> R) -> Result<R, CommandProblem> {
        var changed = false
        return transaction(time: time, changed: &changed, body)
    }

    /// `transaction`, telling whether the session changed.
    public mutating func transaction<R>(time: Date, changed: inout Bool,
                                        _ body: (inout CommandTransaction) throws(CommandProblem) -> R) -> Result<R, CommandProblem> {
        CommandTransaction.run(session: &session, interview: &interview, time: time, changed: &changed, body)
    }

    /// The state after `command`, and its outcome; `self` is unchanged.
    public func performing(_ command: InterviewCommand, at cursor: InterviewCursor, time: Date) -> (SessionState, Result<CommandOutcome, CommandProblem>) {
        var copy = self
        let result = copy.perform(command, at: cursor, time: time)
        return (copy, result)
    }
}
