#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import RefugeBasics
import RefugeEngine
import RefugeExpressions
import RefugeQuestionnaire

/// `--redact identity`: every answer to an `identifying` question gets a stable placeholder
/// ("[Client]", "[Phone 1]"), the same for the same value wherever it appears, and every text
/// of the report (answers, notes, translations, entry labels, the chronology, check messages)
/// has those values replaced by their placeholders, words of names included.
struct IdentityMask: Sendable {
    /// Placeholders by answer (`item` or `repeat/entry/item`).
    private var byRef: [String: String] = [:]
    /// Texts to replace, longest first, with their placeholder and whether case is ignored.
    private var replacements: [(text: String, placeholder: String, ignoreCase: Bool)] = []

    /// (Without `--redact identity` there are none, and no key is made: two per answer.)
    func placeholder(for ref: AnswerRef) -> String? { byRef.isEmpty ? nil : byRef[IdentityMask.key(ref)] }

    private static func key(_ ref: AnswerRef) -> String {
        [ref.repeatID, ref.entryID, ref.itemID].compactMap { $0 }.joined(separator: "/")
    }

    static func build(_ assembly: ReportAssembly) -> IdentityMask {
        let q = assembly.questionnaire
        let interview = assembly.interview
        // Every identifying answer on the path, in path order.
        var found: [(ref: AnswerRef, item: Item, answer: Answer)] = []
        for id in interview.path.steps {
            guard let item = q.item(id), !assembly.leftOut.contains(id) else { continue }
            if item.identifying != nil {
                found.append((AnswerRef(id), item, interview.answers[AnswerRef(id)]))
            }
            guard item.type == .repeat else { continue }
            for entry in interview.entries(of: id) {
                for fieldID in entry.fields {
                    guard let field = q.item(fieldID), field.identifying != nil else { continue }
                    let ref = AnswerRef(field: fieldID, of: id, entry: entry.entry.id)
                    found.append((ref, field, interview.answers[ref]))
                }
            }
        }
        // Earlier values of identifying answers (the history) are masked too.
        var earlier: [(item: Item, value: AnswerValue, otherText: String?)] = []
        for change in assembly.session.history {
            let itemID = String(change.question.split(separator: ".").last ?? Substring(change.question))
            guard let item = q.item(itemID), item.identifying != nil else { continue }
            for answer in [change.old, change.new].compactMap({ $0 }) {
                if let value = answer.value { earlier.append((item, value, answer.otherText)) }
            }
        }

        // Placeholders: one per distinct value of a word, numbered unless the word belongs to
        // one question outside any repeat and has one value.
        var words: [String: (values: [String], numbered: Bool)] = [:]
        var wordOrder: [String] = []
        let questionsByWord = Dictionary(grouping: q.allItems.filter { $0.identifying != nil }, by: { $0.identifying! })
        func note(_ word: String, _ raw: String, _ item: Item) -> (Int, Bool) {
            if words[word] == nil {
                let items = questionsByWord[word] ?? []
                words[word] = ([], items.count > 1 || items.contains { $0.repeatID != nil })
                wordOrder.append(word)
            }
            if let index = words[word]!.values.firstIndex(of: raw) { return (index + 1, words[word]!.numbered) }
            words[word]!.values.append(raw)
            return (words[word]!.values.count, words[word]!.numbered)
        }
        var pending: [(ref: AnswerRef?, word: String, raw: String, renderings: [String])] = []
        let languages = Array(Set(assembly.displayLanguages + [assembly.wordsLanguage, "en"])).sorted()
        func renderings(_ item: Item, _ value: AnswerValue, _ otherText: String?) -> [String] {
            var texts = [ReportAssembly.raw(value)]
            if let otherText { texts.append(otherText) }
            for language in languages {
                texts.append(AnswerFormatter(questionnaire: q, language: language).format(value, for: item, otherText: otherText))
            }
            if case .date(let d) = value { texts += [d.isoDateString, d.isoString] }
            return texts
        }
        for (ref, item, answer) in found {
            guard answer.status == .answered, let value = answer.value else { continue }
            pending.append((ref, item.identifying!, ReportAssembly.raw(value).lowercased(),
                            renderings(item, value, answer.otherText)))
            _ = note(item.identifying!, ReportAssembly.raw(value).lowercased(), item)
        }
        for (item, value, otherText) in earlier {
            pending.append((nil, item.identifying!, ReportAssembly.raw(value).lowercased(), renderings(item, value, otherText)))
            _ = note(item.identifying!, ReportAssembly.raw(value).lowercased(), item)
        }

        var mask = IdentityMask()
        var seen: Set<String> = []
        for entry in pending {
            let numbered = words[entry.word]!.numbered || words[entry.word]!.values.count > 1
            let number = words[entry.word]!.values.firstIndex(of: entry.raw)! + 1
            let placeholder = numbered ? "[\(entry.word) \(number)]" : "[\(entry.word)]"
            if let ref = entry.ref { mask.byRef[key(ref)] = placeholder }
            for text in entry.renderings {
                let trimmed = text.trimmingSpacesAndNewlines
                guard trimmed.count >= 2, seen.insert(trimmed.lowercased()).inserted else { continue }
                mask.replacements.append((trimmed, placeholder, true))
                // The words of a name or an address, each on its own ("Ana" in a story).
                // Case kept: "Family" of "Family Residential Center" is masked, the word "family"
                // of a story is not.
                for word in IdentityMask.words(of: trimmed) where seen.insert(word).inserted {
                    mask.replacements.append((word, placeholder, false))
                }
            }
        }
        mask.replacements.sort { $0.text.count > $1.text.count }
        return mask
    }

    /// Words worth masking on their own, as written: four characters or more, or three starting
    /// with a capital letter (a short first name), never a lone short lower-case word ("del").
    static func words(of text: String) -> [String] {
        let parts = text.split { !($0.isLetter || $0.isNumber) }.map(String.init)
        guard parts.count > 1 else { return [] }
        return parts.filter { part in
            part.count >= 4 || (part.count == 3 && (part.first?.isUppercase ?? false))
        }
    }

    /// `text` with every identifying value replaced by its placeholder, at word boundaries.
    func apply(_ text: String) -> String {
        guard !replacements.isEmpty, !text.isEmpty else { return text }
        var result = text
        for replacement in replacements {
            result = IdentityMask.replace(replacement.text, with: replacement.placeholder, in: result,
                                          ignoreCase: replacement.ignoreCase)
        }
        return result
    }

    /// Replaces whole-word occurrences (not inside a longer word, not inside a placeholder).
    static func replace(_ needle: String, with placeholder: String, in text: String, ignoreCase: Bool) -> String {
        guard text.firstRange(of: needle, ignoringCase: ignoreCase) != nil else { return text }
        var out = ""
        var rest = text[...]
        while let range = rest.firstRange(of: needle, ignoringCase: ignoreCase) {
            let before = range.lowerBound > rest.startIndex ? rest[rest.index(before: range.lowerBound)]
                : out.last
            let after = range.upperBound < rest.endIndex ? rest[range.upperBound] : nil
            let boundaryBefore = before.map { !($0.isLetter || $0.isNumber) && $0 != "[" } ?? true
            let boundaryAfter = after.map { !($0.isLetter || $0.isNumber) && $0 != "]" } ?? true
            out += rest[rest.startIndex..<range.lowerBound]
            if boundaryBefore && boundaryAfter || !(needle.first!.isLetter || needle.first!.isNumber) {
                out += placeholder
            } else {
                out += rest[range]
            }
            rest = rest[range.upperBound...]
        }
        out += rest
        return out
    }

    func apply(_ wording: Wording) -> Wording { wording.mapped(apply) }

    /// The whole report with every text masked.
    func apply(to report: Report) -> Report {
        var r = report
        let m = { (s: String) in self.apply(s) }
        let w = { (x: Wording) in self.apply(x) }
        r.header.title = w(r.header.title)
        r.summary = r.summary.map { element in
            var e = element
            e.lines = e.lines.map { var l = $0; l.question = m(l.question); l.answer = m(l.answer); return l }
            return e
        }
        r.flags = r.flags.map { var c = $0; c.message = m(c.message); return c }
        r.clarify = r.clarify.map { var c = $0; c.message = m(c.message); return c }
        func answer(_ a: ReportAnswer) -> ReportAnswer {
            var a = a
            a.question = w(a.question)
            if a.placeholder == nil { a.shown = a.shown.map(w) }
            a.value = a.value.map { mapValue($0, m) }
            a.valueLabel = a.valueLabel.map { mapValue($0, m) }
            a.otherText = a.otherText.map(m); a.note = a.note.map(m)
            a.translation = a.translation.map(m); a.draft = a.draft.map(m)
            a.authorNote = a.authorNote.map(m); a.refersTo = a.refersTo.map(w)
            a.entries = a.entries?.map { entry in
                var e = entry
                e.label = w(e.label)
                e.answers = e.answers.map(answer)
                return e
            }
            return a
        }
        r.answers = r.answers.map(answer)
        r.parts = r.parts.map { part in var p = part; p.title = w(p.title); p.answers = p.answers.map(answer); return p }
        func event(_ e: ReportEvent) -> ReportEvent {
            var e = e
            e.text = w(e.text); e.entryLabel = e.entryLabel.map(w); e.missing = e.missing.map(w)
            return e
        }
        r.timeline = r.timeline.map(event)
        r.undatedEvents = r.undatedEvents.map(event)
        func mark(_ k: ReportMark) -> ReportMark { var k = k; k.question = w(k.question); k.text = k.text.map(m); return k }
        r.followUps = r.followUps.map(mark)
        r.drafts = r.drafts.map(mark)
        r.unansweredRequired = r.unansweredRequired.map { var g = $0; g.question = w(g.question); return g }
        r.changes = r.changes.map { c in
            var c = c
            c.question = m(c.question); c.old = m(c.old); c.new = m(c.new)
            return c
        }
        return r
    }

    private func mapValue(_ value: ReportValue, _ m: (String) -> String) -> ReportValue {
        switch value {
        case .text(let s): return .text(m(s))
        case .texts(let vs): return .texts(vs.map(m))
        default: return value
        }
    }
}
