#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import RefugeEngine
import RefugeExpressions
import RefugeQuestionnaire
import RefugeVersion

/// Making a new session: defaults for its languages, and answers carried over from another
/// session (an intake feeding a credible-fear preparation).
public enum NewSession {
    /// The interviewer's language: `en` where the questionnaire has it, else its first language.
    public static func defaultInterviewerLanguage(_ q: Questionnaire) -> String {
        q.languages.contains("en") ? "en" : q.defaultLanguage
    }

    public static func make(id: String, questionnaire q: Questionnaire, language: String?, interviewerLanguage: String?,
                            label: String, now: Date, timeZone: TimeZone? = nil) -> Session {
        var session = Session(id: id, label: label,
                              questionnaire: QuestionnaireRef(id: q.id, version: q.version, sha256: q.contentHash, path: q.sourcePath),
                              language: language ?? q.defaultLanguage,
                              interviewerLanguage: interviewerLanguage ?? defaultInterviewerLanguage(q),
                              created: now, interviewDate: PartialDate.today(from: now, timeZone: timeZone))
        session.createdWith = RefugeVersion.full
        return session
    }

    /// Sets the progress and the first position of a session about to be created (after any
    /// answers were carried over), so the header and `resume` are right from the start.
    public static func prepare(_ session: inout Session, questionnaire q: Questionnaire) {
        let interview = Interview(questionnaire: q, answers: session.answers, today: session.interviewDate)
        session.progress = Progress(answered: interview.progress.answered, total: interview.progress.total)
        session.position = interview.firstStep.map(Position.init)
    }

    /// The answers of `source` whose question id and type match a question of `target`
    /// (repeats: entries with their matching fields). Drafts are not carried over.
    public static func carryOver(from source: AnswerSet, sourceQuestionnaire: Questionnaire, to target: Questionnaire) -> AnswerSet {
        var result = AnswerSet()
        for (id, answer) in source.byID {
            guard let from = sourceQuestionnaire.item(id), let to = target.item(id),
                  from.type == to.type, from.repeatID == nil, to.repeatID == nil else { continue }
            var copy = answer
            copy.draft = nil
            if to.type == .repeat {
                copy.entries = answer.entries?.map { entry in
                    var e = entry
                    e.answers = entry.answers.filter { fieldID, _ in
                        guard let f = sourceQuestionnaire.item(fieldID), let t = target.item(fieldID) else { return false }
                        return f.type == t.type && t.repeatID == id
                    }.mapValues { var a = $0; a.draft = nil; return a }
                    return e
                }
            }
            if case .choice(let v)? = copy.value, to.type == .choice, !to.choiceValues.contains(v) { continue }
            if case .choices(let vs)? = copy.value, !vs.allSatisfy(to.choiceValues.contains) { continue }
            result.byID[id] = copy
        }
        return result
    }
}
