import Foundation
import RefugeEngine
import RefugeExpressions
import RefugeQuestionnaire

/// Answers a whole questionnaire the way a long session would: every question on the path in
/// turn (the path grows as answers open branches), two entries in each repeat, with a don't
/// know, a note, a follow-up or a translation here and there. Deterministic.
struct SessionFiller {
    var counter = 0

    mutating func fill(_ interview: inout Interview, entriesPerRepeat: Int = 2) throws {
        for _ in 0..<2000 {
            guard let next = interview.path.steps.first(where: { id in
                guard let item = interview.questionnaire.item(id), item.type.isAsked else { return false }
                return interview.answers.byID[id]?.status == nil
            }), let item = interview.questionnaire.item(next) else { return }
            if item.type == .repeat {
                let wanted = min(interview.path.repeats[next]?.expectedCount ?? entriesPerRepeat, item.maxCount ?? .max)
                while interview.entries(of: next).count < wanted { _ = try interview.addEntry(to: next) }
                for entry in interview.entries(of: next) { fillEntry(entry.entry.id, of: next, in: &interview) }
                interview.update(AnswerRef(next)) { $0.status = .answered }
            } else {
                let answer = sample(item)
                interview.update(AnswerRef(next)) { $0 = answer }
            }
        }
    }

    private mutating func fillEntry(_ entryID: String, of repeatID: String, in interview: inout Interview) {
        for _ in 0..<200 {
            guard let path = interview.entryPath(entryID, of: repeatID),
                  let field = path.fields.first(where: { path.entry.answers[$0]?.status == nil }),
                  let item = interview.questionnaire.item(field) else { return }
            let answer = sample(item)
            interview.update(AnswerRef(field: field, of: repeatID, entry: entryID)) { $0 = answer }
        }
    }

    mutating func sample(_ item: Item) -> Answer {
        counter += 1
        let n = counter
        var answer: Answer
        if n % 9 == 0 && item.allowDontKnow && item.type != .repeat {
            answer = Answer(status: .dontKnow)
        } else {
            answer = .answered(value(item, n))
        }
        if n % 7 == 0 { answer.note = "Client hesitated here; ask again with the documents in hand (note \(n))." }
        if n % 11 == 0 { answer.followUp = true }
        if n % 13 == 0, item.type == .text || item.type == .longtext {
            answer.translation = "Interpreter's rendering of answer \(n): they came at night and asked for me by name."
        }
        return answer
    }

    private func value(_ item: Item, _ n: Int) -> AnswerValue {
        switch item.type {
        case .text:
            return .text(["Иван Петрович Сидоров", "Ростов-на-Дону", "Отдел полиции № 3", "Мария, сестра", "A-123 456 789"][n % 5])
        case .longtext:
            return .text("""
            Они пришли ночью, в начале сентября, и спросили меня по имени. Сказали, что если я не явлюсь в военкомат, \
            меня заберут силой, а семье будет хуже. Я видел, что случилось с соседом (ответ \(n)).

            После этого я две недели жил у тёти в другом городе, а потом уехал через Казахстан.
            """)
        case .yesno: return .choice("yes")
        case .choice:
            let values = item.choiceValues.filter { $0 != "other" }
            return .choice(values.isEmpty ? "other" : values[n % min(values.count, 3)])
        case .multichoice:
            return .choices(Array(item.choiceValues.filter { $0 != "other" }.prefix(2)))
        case .number:
            let low = item.min ?? 0, high = item.max ?? 100
            return .number(Swift.min(high, Swift.max(low, ExactNumber(2 + n % 5))))
        case .date:
            switch item.precision {
            case .year: return .date(PartialDate(year: 2015 + n % 8))
            case .month: return .date(PartialDate(year: 2020 + n % 4, month: 1 + n % 12, approximate: n % 2 == 0))
            case .day: return .date(PartialDate(year: 2021 + n % 3, month: 1 + n % 12, day: 1 + n % 28))
            }
        case .info, .calculate, .repeat:
            return .text("")
        }
    }
}
