import RefugeEngine
import RefugeQuestionnaire

/// Where a person is in an interview, and how they move: onwards (only when nothing blocks),
/// back, into a repeat's entry and out of it. Shared by the screen and plain mode.
public enum InterviewCursor: Equatable, Sendable {
    /// A top-level item: an info screen, a question, or a repeat's list of entries.
    case step(String)
    /// A field of one entry of a repeat.
    case field(repeatID: String, entryID: String, field: String)
    /// Past the last question.
    case end

    public var ref: AnswerRef? {
        switch self {
        case .step(let id): return AnswerRef(id)
        case .field(let r, let e, let f): return AnswerRef(field: f, of: r, entry: e)
        case .end: return nil
        }
    }

    /// Where a session was left, if that is still on the path; else the first step.
    public static func resume(_ interview: Interview, at position: Position?) -> InterviewCursor {
        if let p = position, interview.isOnPath(p.ref) {
            if let r = p.repeatID, let e = p.entryID { return .field(repeatID: r, entryID: e, field: p.itemID) }
            return .step(p.itemID)
        }
        return interview.firstStep.map { .step($0.itemID) } ?? .end
    }

    /// The next place, or the problem that keeps the person here (required, constraint, ...).
    public func next(in interview: Interview) -> Result<InterviewCursor, AnswerProblem> {
        switch self {
        case .step(let id):
            if let block = interview.blockingProblem(at: AnswerRef(id)) { return .failure(block) }
            return .success(interview.step(after: id).map { .step($0.itemID) } ?? .end)
        case .field(let r, let e, let f):
            if let block = interview.blockingProblem(at: AnswerRef(field: f, of: r, entry: e)) { return .failure(block) }
            if let next = interview.field(after: f, entry: e, of: r) {
                return .success(.field(repeatID: r, entryID: e, field: next.itemID))
            }
            return .success(.step(r))
        case .end:
            return .success(.end)
        }
    }

    /// True when moving on from a field returns to its repeat's list (the entry is complete).
    public func finishesEntry(_ next: InterviewCursor) -> Bool {
        if case .field(let r, _, _) = self, next == .step(r) { return true }
        return false
    }

    /// The previous place, or nil at the first question.
    public func previous(in interview: Interview) -> InterviewCursor? {
        switch self {
        case .step(let id):
            return interview.step(before: id).map { .step($0.itemID) }
        case .field(let r, let e, let f):
            if let previous = interview.field(before: f, entry: e, of: r) {
                return .field(repeatID: r, entryID: e, field: previous.itemID)
            }
            return .step(r)
        case .end:
            return interview.path.steps.last.map { .step($0) }
        }
    }

    /// The first field of an entry (nil when none is on its path).
    public static func firstField(of entryID: String, in repeatID: String, interview: Interview) -> InterviewCursor? {
        interview.field(after: nil, entry: entryID, of: repeatID).map { .field(repeatID: repeatID, entryID: entryID, field: $0.itemID) }
    }
}
