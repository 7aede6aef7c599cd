#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import RefugeBasics
import RefugeEngine
import RefugeQuestionnaire

/// The rules of every `InterviewCommand`, applied to values: an interview in, a changed
/// interview and the history it adds out. Nothing here reads a clock or touches a file, so the
/// screen can apply a command and return a save effect, plain mode and `refuge answer` can save
/// through `SessionController`, and tests need no folder.
///
/// A transaction applies one or more commands as one act: if any is refused, none is kept.
/// Each record changed in it gets one history entry (from what it was before the transaction
/// to what it is after), so `refuge answer q VALUE --note N` is one change, as it always was.
public struct CommandTransaction {
    public private(set) var interview: Interview
    /// The client's and the interviewer's language: answers are read in the language the
    /// question is asked in.
    let language: String
    let interviewerLanguage: String
    let time: Date

    /// History in order: a record's entry is made at the end, from its state before its first change.
    private enum Pending {
        case record(AnswerRef, before: Answer)
        case fixed(HistoryEntry)
    }
    private var pending: [Pending] = []
    private var touched: Set<AnswerRef> = []
    /// The top-level answers changed (a field's is its repeat's), so that saving need not
    /// compare every answer.
    public private(set) var touchedAnswers: Set<String> = []
    /// Whether anything in the session changed.
    public private(set) var changed = false
    /// Whether the command being applied changed anything yet.
    private var commandChanged = false

    init(interview: Interview, language: String, interviewerLanguage: String, time: Date) {
        self.interview = interview
        self.language = language
        self.interviewerLanguage = interviewerLanguage
        self.time = time
    }

    // MARK: Applying to a session

    /// Runs `body` on a copy of `interview`; when it returns, the session gets the new answers,
    /// progress, history and time and `interview` the new interview. When it throws, neither
    /// is touched. The session is changed in place (its history is appended to, not copied).
    public static func run<R>(session: inout Session, interview: inout Interview, time: Date,
                              changed: inout Bool,
                              _ body: (inout CommandTransaction) throws(CommandProblem) -> R) -> Result<R, CommandProblem> {
        var touched: Set<String> = []
        return run(session: &session, interview: &interview, time: time, changed: &changed, touchedAnswers: &touched, body)
    }

    /// `run`, also giving the top-level answers it changed (`touchedAnswers`).
    static func run<R>(session: inout Session, interview: inout Interview, time: Date,
                       changed: inout Bool, touchedAnswers: inout Set<String>,
                       _ body: (inout CommandTransaction) throws(CommandProblem) -> R) -> Result<R, CommandProblem> {
        var t = CommandTransaction(interview: interview, language: session.language,
                                   interviewerLanguage: session.interviewerLanguage, time: time)
        let result: R
        do {
            result = try body(&t)
        } catch {
            return .failure(error)
        }
        guard t.changed else { return .success(result) }
        changed = true
        touchedAnswers = t.touchedAnswers
        t.close(into: &session)
        interview = t.interview
        return .success(result)
    }

    private mutating func close(into session: inout Session) {
        for p in pending {
            switch p {
            case .fixed(let entry):
                session.history.append(entry)
            case .record(let ref, let before):
                let old = before.confirmedPart, new = interview.answers[ref].confirmedPart
                if old != new {
                    session.history.append(HistoryEntry(at: time, question: Session.historyName(ref),
                                                        old: old.isEmpty ? nil : old, new: new.isEmpty ? nil : new))
                }
            }
        }
        session.updated = time
        session.answers = interview.answers
        let p = interview.progress
        session.progress = Progress(answered: p.answered, total: p.total)
    }

    // MARK: Commands

    /// Applies one command at `cursor`. Refused: nothing in this transaction is kept.
    @discardableResult
    public mutating func perform(_ command: InterviewCommand, at cursor: InterviewCursor) throws(CommandProblem) -> CommandOutcome {
        commandChanged = false
        switch command {
        case .answer(let typed, let otherText):
            let (ref, item) = try askedQuestion(at: cursor)
            guard item.type != .repeat else { throw .notHere }
            // Read in the language the question is asked in; an interviewer's question also
            // takes the client's words (the interpreter may type what the client said).
            var parsed = AnswerParser.parse(typed, for: item, language: item.audience == .interviewer ? interviewerLanguage : language)
            if case .failure = parsed, item.audience == .interviewer, interviewerLanguage != language,
               case .success(let value) = AnswerParser.parse(typed, for: item, language: language) {
                parsed = .success(value)
            }
            switch parsed {
            case .success(let value): return try record(value, otherText: otherText, at: ref, cursor: cursor)
            case .failure(let problem): throw .refused(problem)
            }
        case .choose(let value, let otherText):
            let (ref, item) = try askedQuestion(at: cursor)
            guard item.type != .repeat else { throw .notHere }
            return try record(value, otherText: otherText, at: ref, cursor: cursor)
        case .confirmEmpty:
            let (ref, item) = try askedQuestion(at: cursor)
            let record = interview.answers[ref]
            if record.status == .dontKnow || record.status == .refused { return try moveOn(from: cursor) }
            if item.required { throw .refused(.required) }
            change(ref) { r in r.clearAnswer(); r.draft = nil }
            return try moveOn(from: cursor)
        case .skip, .forward:
            return try moveOn(from: cursor)
        case .dontKnow, .preferNotToSay:
            let (ref, item) = try askedQuestion(at: cursor)
            let status: AnswerStatus = command == .dontKnow ? .dontKnow : .refused
            if status == .dontKnow && !item.allowDontKnow { throw .refused(.dontKnowNotAllowed) }
            if status == .refused && !item.allowRefuse { throw .refused(.refuseNotAllowed) }
            change(ref) { r in r.clearAnswer(); r.status = status; r.draft = nil }
            return try moveOn(from: cursor, recorded: true)
        case .clear:
            let (ref, _) = try askedQuestion(at: cursor)
            change(ref) { r in r.clearAnswer(); r.draft = nil }
            return CommandOutcome(cursor: cursor)
        case .addEntry:
            let repeatID = try repeatList(at: cursor)
            let entryID: String
            do { entryID = try interview.addEntry(to: repeatID) } catch { throw .refused(error) }
            changed = true
            touchedAnswers.insert(repeatID)
            commandChanged = true
            pending.append(.fixed(HistoryEntry(at: time, question: "\(repeatID)[\(entryID)]", old: nil, new: Answer(status: .answered))))
            let first = InterviewCursor.firstField(of: entryID, in: repeatID, interview: interview)
            return CommandOutcome(cursor: first ?? cursor, entryID: entryID)
        case .reopenEntry(let entryID):
            let repeatID = try repeatList(at: cursor)
            guard interview.entryPath(entryID, of: repeatID) != nil else { throw .refused(.noSuchEntry) }
            return CommandOutcome(cursor: InterviewCursor.firstField(of: entryID, in: repeatID, interview: interview) ?? cursor)
        case .deleteEntry(let entryID):
            let repeatID = try repeatList(at: cursor)
            guard !Self.entriesAreFixed(repeatID, in: interview) else { throw .notHere }
            guard let entry = interview.answers.entries(of: repeatID).first(where: { $0.id == entryID }) else { throw .refused(.noSuchEntry) }
            interview.deleteEntry(entryID, of: repeatID)
            changed = true
            touchedAnswers.insert(repeatID)
            commandChanged = true
            // The history keeps what the deleted entry held.
            for (field, answer) in entry.answers.sorted(by: { $0.key < $1.key }) where !answer.confirmedPart.isEmpty {
                pending.append(.fixed(HistoryEntry(at: time, question: "\(repeatID)[\(entryID)].\(field)", old: answer.confirmedPart, new: nil)))
            }
            pending.append(.fixed(HistoryEntry(at: time, question: "\(repeatID)[\(entryID)]", old: Answer(status: .answered), new: nil)))
            return CommandOutcome(cursor: cursor)
        case .finishRepeat:
            if case .field(let repeatID, _, _) = cursor { return CommandOutcome(cursor: .step(repeatID)) }
            let repeatID = try repeatList(at: cursor)
            let ref = AnswerRef(repeatID)
            if let problem = interview.blockingProblem(at: ref) { throw .refused(problem) }
            if interview.answers[ref].status == nil { change(ref) { $0.status = .answered } }
            return try moveOn(from: cursor)
        case .note(let text):
            guard let ref = cursor.ref, interview.item(ref) != nil else { throw .notHere }
            let kept = Self.kept(text)
            change(ref) { $0.note = kept }
            return CommandOutcome(cursor: cursor)
        case .translation(let text):
            let (ref, _) = try askedQuestion(at: cursor)
            let kept = Self.kept(text)
            change(ref) { $0.translation = kept }
            return CommandOutcome(cursor: cursor)
        case .followUp(let on):
            guard let ref = cursor.ref, interview.item(ref) != nil else { throw .notHere }
            change(ref) { $0.followUp = on }
            return CommandOutcome(cursor: cursor)
        case .lawyerOnly(let on):
            let (ref, _) = try askedQuestion(at: cursor)
            change(ref) { $0.lawyerOnly = on }
            return CommandOutcome(cursor: cursor)
        case .otherText(let text):
            let (ref, _) = try askedQuestion(at: cursor)
            change(ref) { $0.otherText = text }
            return CommandOutcome(cursor: cursor)
        case .draft(let text):
            guard let ref = cursor.ref, interview.item(ref) != nil else { throw .notHere }
            change(ref) { $0.draft = text }
            return CommandOutcome(cursor: cursor)
        case .back:
            guard let previous = cursor.previous(in: interview) else { throw .atStart }
            return CommandOutcome(cursor: previous)
        case .jump(let ref):
            // Not refused off the path: the review only offers places on it, and a question
            // shown off the path (a test of every screen) records nothing by being shown.
            guard interview.item(ref) != nil else { throw .notHere }
            if let r = ref.repeatID, let e = ref.entryID { return CommandOutcome(cursor: .field(repeatID: r, entryID: e, field: ref.itemID)) }
            return CommandOutcome(cursor: .step(ref.itemID))
        }
    }

    /// Changes one record (answer, marks, draft) in the transaction's interview; its history
    /// entry is made when the transaction ends.
    public mutating func change(_ ref: AnswerRef, _ body: (inout Answer) -> Void) {
        let old = interview.answers[ref]
        interview.update(ref, body)
        guard interview.answers[ref] != old else { return }
        changed = true
        commandChanged = true
        touchedAnswers.insert(ref.repeatID ?? ref.itemID)
        if touched.insert(ref).inserted { pending.append(.record(ref, before: old)) }
    }

    // MARK: The rules

    /// A value for the question at `ref`: checked against the question's own keys and its
    /// constraint, recorded with the "other" text when it uses the "other" choice.
    private mutating func record(_ value: AnswerValue, otherText: String?, at ref: AnswerRef, cursor: InterviewCursor) throws(CommandProblem) -> CommandOutcome {
        let usesOther: Bool
        switch value {
        case .choice(let v): usesOther = v == "other"
        case .choices(let vs): usesOther = vs.contains("other")
        default: usesOther = false
        }
        let other = usesOther ? (otherText ?? interview.answers[ref].otherText) : nil
        if let problem = interview.problem(with: value, otherText: other, for: ref) { throw .refused(problem) }
        change(ref) { r in r.status = .answered; r.value = value; r.otherText = other; r.draft = nil }
        return try moveOn(from: cursor, recorded: true)
    }

    /// The next place. Refused when something here blocks it and the command only moves; when
    /// it recorded an answer (`recorded`, even one the same as before) or changed anything, that
    /// stays and so does the cursor, with why.
    private func moveOn(from cursor: InterviewCursor, recorded: Bool = false) throws(CommandProblem) -> CommandOutcome {
        switch cursor.next(in: interview) {
        case .success(let next):
            return CommandOutcome(cursor: next, finishedEntry: cursor.finishesEntry(next))
        case .failure(let problem):
            guard commandChanged || recorded else { throw .refused(problem) }
            return CommandOutcome(cursor: cursor, held: problem)
        }
    }

    /// The question at the cursor, when it is one a person answers (not information, not past the end).
    private func askedQuestion(at cursor: InterviewCursor) throws(CommandProblem) -> (AnswerRef, Item) {
        guard let ref = cursor.ref, let item = interview.item(ref), item.type.isAsked else { throw .notHere }
        return (ref, item)
    }

    /// The repeat whose list the cursor is on.
    private func repeatList(at cursor: InterviewCursor) throws(CommandProblem) -> String {
        guard case .step(let id) = cursor, interview.item(AnswerRef(id))?.type == .repeat else { throw .notHere }
        return id
    }

    /// Whether a repeat's entries are fixed by its `count` (then they are not deleted); the
    /// screen asks before offering Delete.
    public static func entriesAreFixed(_ repeatID: String, in interview: Interview) -> Bool {
        interview.path.repeats[repeatID]?.expectedCount != nil
    }

    /// A note or translation: blank is none.
    private static func kept(_ text: String) -> String? {
        text.trimmingSpacesAndNewlines.isEmpty ? nil : text
    }
}
