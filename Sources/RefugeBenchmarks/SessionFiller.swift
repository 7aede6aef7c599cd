import Foundation
import RefugeEngine
import RefugeExpressions
import RefugeQuestionnaire

/// Answers every question on the path, the way a long session ends up: values of each type, two
/// entries per repeat, notes and follow-up marks here and there. It answers in rounds (all open
/// questions, then one walk of the path) rather than one question at a time, so filling a
/// 10,000-item questionnaire costs a few walks, not ten thousand.
struct SessionFiller {
    private var counter = 0

    /// The filled answers and how many records were answered (entry fields included).
    mutating func fill(_ q: Questionnaire, today: PartialDate) -> (answers: AnswerSet, count: Int) {
        var interview = Interview(questionnaire: q, today: today)
        var count = 0
        for _ in 0..<100 {
            var answers = interview.answers
            var changed = false
            for id in interview.path.steps {
                guard let item = q.item(id), item.type.isAsked else { continue }
                if item.type == .repeat {
                    if answers.byID[id]?.status == nil {
                        let wanted = min(interview.path.repeats[id]?.expectedCount ?? 2, item.maxCount ?? .max)
                        while answers.entries(of: id).count < wanted { _ = answers.addEntry(to: id) }
                        var group = answers.byID[id] ?? Answer()
                        group.status = .answered
                        answers.byID[id] = group
                        count += 1
                        changed = true
                    }
                    for entry in interview.entries(of: id) {
                        for field in entry.fields where entry.entry.answers[field]?.status == nil {
                            guard let fieldItem = q.item(field) else { continue }
                            answers[AnswerRef(field: field, of: id, entry: entry.entry.id)] = sample(fieldItem)
                            count += 1
                            changed = true
                        }
                    }
                } else if answers.byID[id]?.status == nil {
                    answers.byID[id] = sample(item)
                    count += 1
                    changed = true
                }
            }
            if !changed { break }
            interview.replaceAnswers(answers)
        }
        return (interview.answers, count)
    }

    mutating func sample(_ item: Item) -> Answer {
        counter += 1
        let n = counter
        var answer: Answer = n % 17 == 0 && item.allowDontKnow ? Answer(status: .dontKnow) : .answered(value(item, n))
        if n % 7 == 0 { answer.note = "Asked again with the documents in hand (note \(n))." }
        if n % 11 == 0 { answer.followUp = true }
        if n % 13 == 0, item.type == .text || item.type == .longtext {
            answer.translation = "The interpreter's words for answer \(n): they came at night and asked for him by name."
        }
        return answer
    }

    private func value(_ item: Item, _ n: Int) -> AnswerValue {
        switch item.type {
        case .text:
            return .text(["Ivan Sidorov", "Rostov-on-Don", "Police station no. 3", "Maria, his sister", "A-123 456 789"][n % 5])
        case .longtext:
            return .text("""
            They came at night at the start of September and asked for me by name. They said that if I did not report \
            to the enlistment office they would take me by force (answer \(n)).

            After that I lived with my aunt in another town for two weeks, then left through Kazakhstan.
            """)
        case .yesno:
            return .choice("yes")
        case .choice:
            let values = item.choiceValues.filter { $0 != "other" }
            return .choice(values.isEmpty ? "other" : values[n % min(values.count, 3)])
        case .multichoice:
            return .choices(Array(item.choiceValues.filter { $0 != "other" }.prefix(2)))
        case .number:
            let low = item.min ?? 0, high = item.max ?? 100
            return .number(Swift.min(high, Swift.max(low, ExactNumber(2 + n % 5))))
        case .date:
            // The same date everywhere: generated constraints ask each date not to be before the last.
            switch item.precision {
            case .year: return .date(PartialDate(year: 2019))
            case .month: return .date(PartialDate(year: 2020, month: 3))
            case .day: return .date(PartialDate(year: 2021, month: 4, day: 5))
            }
        case .info, .calculate, .repeat:
            return .text("")
        }
    }
}
