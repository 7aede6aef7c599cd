import RefugeEngine

/// What a person does in an interview, whatever they do it with: a key on the screen, a line in
/// plain mode, an argument of `refuge answer`. The front ends translate their input into these
/// and show the outcome; the rules of each act live in `CommandTransaction`, in one place.
///
/// Every command acts at a cursor (the question the person is on) and, when it succeeds,
/// returns where they are now (`CommandOutcome.cursor`); when the rules refuse it, it returns a
/// `CommandProblem` and changes nothing.
public enum InterviewCommand: Sendable, Equatable {
    /// Typed input (text, number, date, a choice's number or value): parsed in the question's
    /// language, checked (type, limits, choices, constraint), recorded; then on. `otherText` is
    /// the text of an "other" choice; nil keeps what is recorded.
    case answer(String, otherText: String? = nil)
    /// A value already chosen (a row of a list, yes or no): checked, recorded; then on.
    case choose(AnswerValue, otherText: String? = nil)
    /// Confirmed with nothing given (an emptied field, a list with nothing chosen): "don't know"
    /// and "prefer not to say" stay and it goes on; a required question is refused (`required`)
    /// and keeps what it has; an optional one loses its earlier answer and draft, and goes on.
    case confirmEmpty
    /// Goes on without a new answer: what is recorded stays. A required question with nothing
    /// recorded is refused (`required`), as is an answer the rules no longer accept.
    case skip
    /// Records "don't know", then on.
    case dontKnow
    /// Records "prefer not to say", then on.
    case preferNotToSay
    /// Takes the answer back (its note, translation and marks stay); stays on the question.
    case clear
    /// At a repeat's list: a new entry, and the cursor on its first question.
    case addEntry
    /// At a repeat's list: the cursor on the first question of this entry.
    case reopenEntry(String)
    /// At a repeat's list: removes this entry (its answers stay in the history).
    case deleteEntry(String)
    /// At a repeat's list: the list is complete (refused while it has too few entries), then
    /// on. In an entry: back to its list, leaving the entry as it is.
    case finishRepeat
    /// The interviewer's note (blank removes it).
    case note(String)
    /// The interpreter's translation of the answer (blank removes it).
    case translation(String)
    /// The follow-up mark on or off.
    case followUp(Bool)
    /// The "for the lawyer only" mark on or off.
    case lawyerOnly(Bool)
    /// The text that goes with an "other" choice, alone.
    case otherText(String)
    /// Text typed and not confirmed (nil: none). Kept, never history.
    case draft(String?)
    /// The previous place on the path.
    case back
    /// The next place, only when nothing here blocks it (same rule as `skip`).
    case forward
    /// Any place (the review's jump, which offers places on the path); required questions on
    /// the way may stay open.
    case jump(AnswerRef)
}

/// Why a command was refused. The front end words it in its own language.
public enum CommandProblem: Error, Sendable, Equatable {
    /// The interview's rules refused: the answer (kind, limits, choices, constraint), or
    /// moving on from here (required, too few entries, ...).
    case refused(AnswerProblem)
    /// Back from the first question.
    case atStart
    /// The command means nothing here (a translation on an information screen, an entry added
    /// outside a list, an entry deleted from a list with a fixed count, anything past the end).
    case notHere
}

/// Where a command left the person, and what else the front end may want to say.
public struct CommandOutcome: Sendable, Equatable {
    /// Where the person is now.
    public var cursor: InterviewCursor
    /// Recorded, but the interview cannot go on from here yet (for example a list with a fixed
    /// count that is not reached): why. The cursor then stays.
    public var held: AnswerProblem?
    /// Moving on completed an entry and returned to its list.
    public var finishedEntry = false
    /// The entry `addEntry` made.
    public var entryID: String?

    public init(cursor: InterviewCursor, held: AnswerProblem? = nil, finishedEntry: Bool = false, entryID: String? = nil) {
        self.cursor = cursor; self.held = held; self.finishedEntry = finishedEntry; self.entryID = entryID
    }
}
