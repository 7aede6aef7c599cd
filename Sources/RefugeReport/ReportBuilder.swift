#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import RefugeBasics
import RefugeEngine
import RefugeExpressions
import RefugeQuestionnaire
import RefugeSession

/// Builds the report model: a pure function of the session, its questionnaire and the options.
public enum ReportBuilder {
    public static func build(session: Session, questionnaire: Questionnaire, options: ReportOptions) -> Report {
        var assembly = ReportAssembly(session: session, questionnaire: questionnaire, options: options)
        return assembly.report()
    }
}

/// One pass over the path that gathers the answers and, on the way, the chronology, the
/// follow-ups and the drafts.
struct ReportAssembly {
    let session: Session
    let questionnaire: Questionnaire
    let options: ReportOptions
    let interview: Interview
    let displayLanguages: [String]
    let wordsLanguage: String
    let interpolators: [String: Interpolator]

    /// Under redaction: questions that exist only because of a withheld answer (their
    /// `show_if`, their section's or their repeat's names one), left out of every part.
    var leftOut: Set<String> = []
    /// Under `--redact identity`: identifying answers and their placeholders.
    var mask = IdentityMask()

    /// The texts only the printed formats show are made: questions and answers as people read
    /// them, page one, the printed body, the follow-up and draft lists (not for the JSON and CSV
    /// exports, see `ReportContent`).
    var makesPrintedTexts: Bool { options.content == .everything }
    /// Only the answers are gathered (the CSV export): no checks, chronology, gaps, removed
    /// answers or changes.
    var answersOnly: Bool { options.content == .answersOnly }

    /// Dated events in the order met, each with its question's place in the file (`Item.order`).
    private var dated: [(event: ReportEvent, itemOrder: Int)] = []
    private var undated: [ReportEvent] = []
    private var followUps: [ReportMark] = []
    private var drafts: [ReportMark] = []
    /// Filled by `gatherAnswers`, which looks up the record of every top-level item: how many of
    /// the session's records it found, and the repeats among them with entries. When it found
    /// them all, `removedAnswers` knows without looking every record up again that only those
    /// repeats' entries can hold answers to questions that are gone.
    private var gathered = false
    private var matchedRecords = 0
    private var repeatsWithEntries: [String] = []

    init(session: Session, questionnaire: Questionnaire, options: ReportOptions) {
        self.session = session
        self.questionnaire = questionnaire
        self.options = options
        // Only read: no progress count or step index (see `Interview.init(readingOnly:…)`).
        let interview = Interview(readingOnly: questionnaire, answers: session.answers, today: session.interviewDate)
        self.interview = interview
        var languages: [String] = []
        // The reader's language first (it is printed first and bold), the client's below.
        for language in options.language.map({ [$0] }) ?? [session.interviewerLanguage, session.language]
        where !languages.contains(language) {
            languages.append(language)
        }
        self.displayLanguages = languages
        self.wordsLanguage = options.language ?? session.interviewerLanguage
        var interpolators: [String: Interpolator] = [:]
        for language in languages + [wordsLanguage] {
            interpolators[language] = Interpolator(interview: interview, language: language)
        }
        self.interpolators = interpolators
        self.leftOut = computeLeftOut()
        if options.redaction == .identity { self.mask = IdentityMask.build(self) }
    }

    // MARK: Redaction

    /// True when the record at `ref` must be withheld: redaction is on and the question is
    /// `sensitive` or the answer is marked for the lawyer only (a withheld repeat withholds
    /// every field of its entries).
    func hidden(_ ref: AnswerRef) -> Bool {
        guard options.redact else { return false }
        if let repeatID = ref.repeatID, hidden(AnswerRef(repeatID)) { return true }
        if leftOut.contains(ref.itemID) { return true }
        if questionnaire.item(ref.itemID)?.sensitive == true { return true }
        if let item = questionnaire.item(ref.itemID), item.type == .calculate, let expression = item.expression,
           namesWithheld(expression.references) {
            return true
        }
        return interview.answers[ref].lawyerOnly
    }

    /// The questions left out under redaction, worked out in file order (a `show_if` names
    /// only earlier questions, so one pass sees every question it depends on first).
    private func computeLeftOut() -> Set<String> {
        guard options.redact else { return [] }
        var result = Set<String>()
        for section in questionnaire.sections {
            let sectionNames = section.showIf?.references ?? []
            for item in section.items {
                if namesWithheld(sectionNames.union(item.showIf?.references ?? []), leftOut: result) {
                    result.insert(item.id)
                    result.formUnion(item.fields.map(\.id))
                    continue
                }
                for field in item.fields where namesWithheld(field.showIf?.references ?? [], leftOut: result) {
                    result.insert(field.id)
                }
            }
        }
        return result
    }

    /// True when redaction is on and one of `ids` is withheld: a sensitive question, an
    /// answer (or an entry's field) marked for the lawyer only, or a calculation over one.
    func namesWithheld(_ ids: Set<String>, seen: Set<String> = []) -> Bool {
        namesWithheld(ids, leftOut: leftOut, seen: seen)
    }

    func namesWithheld(_ ids: Set<String>, leftOut: Set<String>, seen: Set<String> = []) -> Bool {
        guard options.redact else { return false }
        for id in ids where !seen.contains(id) {
            guard let item = questionnaire.item(id) else { continue }
            if item.sensitive || leftOut.contains(id) { return true }
            if let repeatID = item.repeatID {
                if hidden(AnswerRef(repeatID)) { return true }
                if interview.answers.entries(of: repeatID).contains(where: { $0.answers[id]?.lawyerOnly == true }) { return true }
            } else if hidden(AnswerRef(id)) {
                return true
            }
            if item.type == .calculate, let expression = item.expression,
               namesWithheld(expression.references, leftOut: leftOut, seen: seen.union([id])) {
                return true
            }
        }
        return false
    }

    // MARK: Texts

    func interpolator(_ language: String) -> Interpolator {
        interpolators[language] ?? Interpolator(interview: interview, language: language)
    }

    private func formatter(_ language: String) -> AnswerFormatter {
        AnswerFormatter(questionnaire: questionnaire, language: language)
    }

    /// The languages an item is shown in: an interviewer's question only in the interviewer's
    /// language (or the one asked for).
    private func languages(for item: Item) -> [String] { languages(for: item.audience) }

    private func languages(for audience: Audience) -> [String] {
        audience == .interviewer ? [wordsLanguage] : displayLanguages
    }

    /// An author text in `languages`, answers filled in (withheld ones as the redaction mark).
    /// A rendering that fell back to the default language is marked, unless another language
    /// shown has that very text.
    func wording(_ text: LocalizedText?, _ languages: [String], entry: (repeatID: String, entryID: String)? = nil) -> Wording? {
        guard let text else { return nil }
        let rendered = languages.map { language -> (language: String, text: String, fallback: Bool) in
            let resolved = text.resolve(language, defaultLanguage: questionnaire.defaultLanguage)
            // The text is filled in only when it may name an answer, and the withheld ones are
            // told through a closure over `self`: passing the method `hidden` itself copied the
            // whole assembly (retaining each of its parts), and `interpolator(_:)` copies an
            // interpolator out of its table, for every dated question of an export.
            let filled = Interpolator.mayHavePlaceholder(resolved.text)
                ? interpolator(language).render(resolved.text, entry: entry, hide: { hidden($0) })
                : resolved.text
            return (language, filled, resolved.isFallback)
        }
        return Wording(rendered.map { part in
            let sharedWithTranslation = rendered.contains { !$0.fallback && $0.text == part.text }
            guard part.fallback, !sharedWithTranslation else { return (part.language, part.text) }
            return (part.language, part.text + " " + ProgramWords.text(.fallbackMarker, part.language))
        })
    }

    private func words(_ word: ReportWords.Word) -> String { ReportWords.text(word, wordsLanguage) }

    // MARK: The report

    /// The report from the whole model: every answer gathered into the report, then what the
    /// printed formats make from them.
    mutating func report() -> Report {
        var report = opening()
        var answers: [ReportAnswer] = []
        // The section of each answer, by index, for the printed body.
        var answerSections: [Int] = []
        // Sized once for every item on the path: growing the array step by step moved every
        // answer (a few hundred bytes each) again at each doubling.
        answers.reserveCapacity(expectedAnswers)
        answerSections.reserveCapacity(expectedAnswers)
        gatherAnswers { answer, section in
            answers.append(answer)
            answerSections.append(section)
        }
        if makesPrintedTexts {
            report.summary = summary(answers)
            report.parts = parts(answers, sections: answerSections)
        }
        report.answers = answers
        finish(&report)
        if options.redaction == .identity {
            report.header.label = ""
            report = mask.apply(to: report)
        }
        return report
    }

    /// How many answers a report of this session may hold (the items on the path), to size
    /// what is written once.
    var expectedAnswers: Int { interview.path.onPath.count }

    /// The parts of the report that come before the answers and do not depend on them: the
    /// header, the flags and the points to clarify (no answers, chronology, gaps, removed answers
    /// or changes yet; `finish` adds those after `gatherAnswers`).
    func opening() -> Report {
        let title = wording(questionnaire.report?.title ?? questionnaire.title, displayLanguages)!
        let header = ReportHeader(
            title: title,
            questionnaireTitle: wording(questionnaire.title, displayLanguages)!,
            questionnaireID: questionnaire.id, questionnaireVersion: questionnaire.version,
            questionnaireSHA256: questionnaire.contentHash,
            sessionID: session.id, label: session.label, language: session.language,
            interviewerLanguage: session.interviewerLanguage, displayLanguages: displayLanguages,
            interviewDate: session.interviewDate, created: session.created, updated: session.updated,
            generated: options.now, legalDataAsOf: questionnaire.legalData?.asOf)

        let checks: [Check] = answersOnly ? [] : interview.holdingChecks.enumerated().sorted { a, b in
            let (sa, sb) = (a.element.severity == .error ? 0 : 1, b.element.severity == .error ? 0 : 1)
            return sa != sb ? sa < sb : a.offset < b.offset
        }.map(\.element)
        // A check that names a withheld answer is left out entirely: even a bar saying that
        // something was withheld would tell which rule the withheld answer met.
        .filter { !namesWithheld($0.condition.references) }
        func reportCheck(_ check: Check) -> ReportCheck {
            let text = check.message.resolve(wordsLanguage, defaultLanguage: questionnaire.defaultLanguage).text
            return ReportCheck(id: check.id, severity: check.severity,
                               message: interpolator(wordsLanguage).render(text, hide: hidden),
                               rule: check.rule.flatMap { questionnaire.legalData?.rule($0) })
        }

        return Report(
            header: header, wordsLanguage: wordsLanguage, redaction: options.redaction,
            labels: options.labels, programVersion: options.programVersion,
            summary: [], flags: checks.filter { $0.kind == .flag }.map(reportCheck), parts: [], answers: [],
            timeline: [], undatedEvents: [], clarify: checks.filter { $0.kind == .clarify }.map(reportCheck),
            followUps: [], drafts: [], removedAnswers: [], unansweredRequired: [], changes: [],
            changesSince: options.changesSince)
    }

    /// Walks the path in file order and hands over each answer with the index of its section,
    /// gathering the chronology, follow-ups and drafts on the way. The JSON and CSV exports
    /// write each answer as it comes (`ReportWriter.render(session:…)`), so no array of every
    /// answer is built, read back and freed: at ten thousand answers that array was several
    /// times the cache.
    ///
    /// Each item is read in place, through the array's buffer: taking `items[i]` copied the
    /// whole `Item` (about 800 bytes) and retained each of its texts and lists, for every
    /// question, which at ten thousand items read far more memory than the report uses.
    ///
    /// Whether an item is on the path is read from the walk's flags by flow position (each
    /// section's start, then its items, as `Questionnaire.flow` lists them), one after another:
    /// looking each id up in `path.onPath` hashed it and read a table larger than the L2 cache
    /// at ten thousand items, one more miss for every question. `leftOut` is empty unless
    /// redacting; it is not asked then.
    ///
    /// Unless only the answers are wanted (CSV), every top-level item's record is looked up
    /// here, on the path or not, and counted (see `removedAnswers`): the items off the path are
    /// usually few, and each record is then looked up once rather than once more for the
    /// removed answers.
    mutating func gatherAnswers(_ body: (ReportAnswer, Int) -> Void) {
        let onPathAt = interview.onPathByFlowPosition
        let checksLeftOut = !leftOut.isEmpty
        let records = session.answers.byID
        let matchesRecords = !answersOnly
        var sectionStart = 0
        for s in questionnaire.sections.indices {
            let items = questionnaire.sections[s].items
            let first = sectionStart + 1
            items.withUnsafeBufferPointer { items in
                for i in items.indices {
                    let gathers = onPathAt[first + i] && items[i].type != .info && !(checksLeftOut && leftOut.contains(items[i].id))
                    guard gathers || matchesRecords else { continue }
                    let found = records.index(forKey: items[i].id)
                    if matchesRecords, let found {
                        matchedRecords += 1
                        if items[i].type == .repeat, !(records.values[found].entries?.isEmpty ?? true) {
                            repeatsWithEntries.append(items[i].id)
                        }
                    }
                    guard gathers else { continue }
                    let record = found.map { records.values[$0] } ?? Answer()
                    if let answer = answer(items.baseAddress! + i, ref: AnswerRef(items[i].id), record: record, label: items[i].id, entry: nil) {
                        body(answer, s)
                    }
                }
            }
            sectionStart = first + items.count
        }
        gathered = matchesRecords
    }

    /// The parts that follow the answers: the chronology, follow-ups and drafts gathered with
    /// them, and the gaps, removed answers and changes.
    func finish(_ report: inout Report) {
        report.timeline = Chronology.order(dated.map(\.event), story: storyRanks())
        report.undatedEvents = undated
        report.followUps = followUps
        report.drafts = drafts
        report.unansweredRequired = answersOnly ? [] : interview.unansweredRequired.filter { !leftOut.contains($0.ref.itemID) }.map { gap in
            guard makesPrintedTexts else { return ReportGap(label: gap.label, question: .empty) }
            let entry = gap.ref.repeatID.flatMap { r in gap.ref.entryID.map { (repeatID: r, entryID: $0) } }
            let item = questionnaire.item(gap.ref.itemID)
            let question = item.flatMap { wording($0.prompt, languages(for: $0), entry: entry) }
                ?? Wording(plain: gap.ref.itemID, language: wordsLanguage)
            return ReportGap(label: gap.label, question: question)
        }
        if !answersOnly {
            report.removedAnswers = removedAnswers()
            report.changes = changes()
        }
    }

    /// Each dated question's place in the story (`report.timeline.order`; the others after
    /// them, in file order). Only the questions with an event are ranked, from the order kept
    /// with each event: ranking every item of the questionnaire read each one again, a pass
    /// over memory that at ten thousand items no longer stays in the cache.
    private func storyRanks() -> [String: Int] {
        let order = questionnaire.report?.timelineOrder ?? []
        var ranks: [String: Int] = [:]
        // Sized once: grown step by step, the table was copied into a larger one at each doubling.
        ranks.reserveCapacity(order.count + dated.count)
        for (i, id) in order.enumerated() { ranks[id] = i }
        for (event, itemOrder) in dated where ranks[event.itemID] == nil {
            ranks[event.itemID] = order.count + itemOrder
        }
        return ranks
    }

    /// The printed body: the report's headings in order (each listing its questions in the
    /// order it names them), then questions no heading lists, under their section's title.
    /// Reads the printed answers in place: filtering them into a new array first copied every
    /// answer once more, and a heading looked each of its questions up by scanning them all.
    /// `sections[i]` is the index of the section of `answers[i]` (read there rather than looked
    /// up again for each answer).
    private func parts(_ answers: [ReportAnswer], sections: [Int]) -> [ReportPart] {
        var result: [ReportPart] = []
        var listed = Set<String>()
        let headings = questionnaire.report?.headings ?? []
        if !headings.isEmpty {
            var firstPrinted: [String: Int] = [:]
            for i in answers.indices where answers[i].printed && firstPrinted[answers[i].id] == nil {
                firstPrinted[answers[i].id] = i
            }
            for heading in headings {
                let listedAnswers = heading.items.compactMap { id in firstPrinted[id].map { answers[$0] } }
                listed.formUnion(heading.items)
                if !listedAnswers.isEmpty {
                    result.append(ReportPart(id: heading.id, title: wording(heading.title, displayLanguages)!, answers: listedAnswers))
                }
            }
        }
        let headingParts = result.count
        for i in answers.indices where answers[i].printed && !listed.contains(answers[i].id) {
            let answer = answers[i]
            let sectionID = questionnaire.sections[sections[i]].id
            if let last = result.indices.last, last >= headingParts, result[last].id == sectionID {
                result[last].answers.append(answer)
            } else {
                let title = questionnaire.section(sectionID).flatMap { wording($0.title, displayLanguages) }
                    ?? Wording(plain: sectionID, language: wordsLanguage)
                result.append(ReportPart(id: sectionID, title: title, answers: [answer]))
            }
        }
        return result
    }

    // MARK: One question

    private mutating func answer(_ item: UnsafePointer<Item>, ref: AnswerRef, record: Answer, label: String,
                                 entry: (repeatID: String, entryID: String)?) -> ReportAnswer? {
        // The item is read field by field where it lies (see `gatherAnswers`); only the rarer
        // paths that hand the whole item on (printed texts, labels, chronology, repeats) copy it.
        let languages = languages(for: item.pointee.audience)
        let question = makesPrintedTexts
            ? wording(item.pointee.prompt, languages, entry: entry) ?? Wording(plain: item.pointee.id, language: wordsLanguage)
            : .empty
        var result = ReportAnswer(
            id: item.pointee.id, label: label, question: question, forInterviewer: item.pointee.audience == .interviewer,
            printed: item.pointee.includeInReport, status: .unanswered, shown: nil, value: nil, otherText: nil,
            note: nil, translation: nil, draft: nil, followUp: false, lawyerOnly: false,
            authorNote: options.notes && makesPrintedTexts ? wording(item.pointee.note, [wordsLanguage], entry: entry)?.first : nil,
            entries: nil)

        if item.pointee.type == .calculate {
            let value = interview.calculatedValue(ref)
            guard let exported = ReportAssembly.export(value) else { return nil }
            result.status = .calculated
            result.value = exported
            if makesPrintedTexts { result.shown = Wording(languages.map { ($0, formatter($0).format(value) ?? "") }) }
            return result
        }
        guard !record.isEmpty else { return nil }

        let withheld = hidden(ref)
        // Under `--redact identity` an identifying question keeps only its status: its note,
        // translation and draft may name the person as well as the answer does.
        let masked = options.redaction == .identity && item.pointee.identifying != nil
        if !withheld && !masked && makesPrintedTexts { collectMarks(item.pointee, ref: ref, label: label, question: question, record: record) }
        // An identifying date (a birthday) stays out of an identity-redacted chronology. The
        // questions left out of it are looked up only for a dated question.
        if item.pointee.type == .date, !answersOnly, !withheld, item.pointee.timeline != nil,
           options.allDates || questionnaire.report?.timelineLeaveOut.contains(item.pointee.id) != true,
           mask.placeholder(for: ref) == nil {
            collectEvent(item, ref: ref, label: label, record: record, entry: entry)
        }
        if withheld {
            result.status = .redacted
            if makesPrintedTexts { result.shown = Wording(plain: ProgramWords.text(.redacted, wordsLanguage), language: wordsLanguage) }
            return result
        }
        if let placeholder = mask.placeholder(for: ref), record.status == .answered {
            // The placeholder stands for the answer and for everything said with it.
            result.status = .redacted
            result.placeholder = placeholder
            if makesPrintedTexts { result.shown = Wording(plain: placeholder, language: wordsLanguage) }
            return result
        }
        if masked {
            result.status = record.status == .dontKnow ? .dontKnow : record.status == .refused ? .refused : .unanswered
            if makesPrintedTexts { result.shown = shown(Answer(status: record.status), item.pointee, languages) }
            return result
        }

        result.otherText = record.otherText
        result.note = record.note
        result.translation = record.translation
        result.draft = record.draft
        result.followUp = record.followUp
        result.lawyerOnly = record.lawyerOnly
        if makesPrintedTexts { result.refersTo = explanation(before: item.pointee) }
        switch record.status {
        case .answered:
            result.status = .answered
            result.value = record.value.map(ReportAssembly.export)
            // The JSON export writes labels only with `--labels`; the CSV export always does.
            if options.labels || options.content != .exportedData {
                result.valueLabel = record.value.flatMap { valueLabel($0, item) }
            }
        case .dontKnow: result.status = .dontKnow
        case .refused: result.status = .refused
        case nil: result.status = record.draft != nil ? .draft : .unanswered
        }

        if item.pointee.type == .repeat {
            let entries = interview.entries(of: item.pointee.id)
            if record.status == nil, !entries.isEmpty { result.status = .answered }
            result.entries = entries.enumerated().map { offset, path in
                entryReport(path, number: offset + 1, of: item.pointee)
            }
            if entries.isEmpty && makesPrintedTexts {
                result.shown = record.status == .answered
                    ? Wording(languages.map { ($0, ReportWords.text(.none, $0)) })
                    : shown(record, item.pointee, languages)
            }
            return result
        }
        guard makesPrintedTexts else { return result }
        result.shown = shown(record, item.pointee, languages)
        if case .choices(let values)? = record.value, record.status == .answered, values.count > 1 {
            // Each selection on its own line: labels may themselves hold commas.
            result.isList = true
            result.shown = Wording(languages.map { language in
                (language, values.map { formatter(language).format(.choice($0), for: item.pointee, otherText: record.otherText) }
                    .joined(separator: "\n"))
            })
        }
        return result
    }

    /// The label of a coded value in the reader's language (`--labels`), from the item where it
    /// lies (see `gatherAnswers`).
    private func valueLabel(_ value: AnswerValue, _ item: UnsafePointer<Item>) -> ReportValue? {
        func label(_ v: String) -> String {
            AnswerFormatter.choiceLabel(v, type: item.pointee.type, choices: item.pointee.choices, other: item.pointee.other,
                                        language: wordsLanguage, defaultLanguage: questionnaire.defaultLanguage)
        }
        switch value {
        case .choice(let v): return .text(label(v))
        case .choices(let vs): return .texts(vs.map(label))
        default: return nil
        }
    }

    /// For a question straight after an explanation screen that opens with a bold heading (a
    /// rights screen, followed by "Is this clear to you?"), that heading, so the answer says
    /// which explanation was understood.
    ///
    /// The item before is found through the flow table: scanning the section for the item read
    /// every item before it, for each yes/no and choice question.
    private func explanation(before item: Item) -> Wording? {
        guard item.repeatID == nil, item.type == .yesno || item.type == .choice else { return nil }
        let items: [Item]
        let index: Int
        if let position = questionnaire.flowPosition[item.id], case .item(let s, let i) = questionnaire.flow[position],
           questionnaire.sections[s].id == item.sectionID {
            items = questionnaire.sections[s].items
            index = i
        } else {
            guard let section = questionnaire.section(item.sectionID),
                  let i = section.items.firstIndex(where: { $0.id == item.id }) else { return nil }
            items = section.items
            index = i
        }
        guard index > 0, items[index - 1].type == .info, let text = items[index - 1].text else { return nil }
        func heading(_ language: String) -> String? {
            let resolved = text.resolve(language, defaultLanguage: questionnaire.defaultLanguage).text
            guard let first = resolved.split(separator: "\n").first.map({ $0.trimmingSpaces }),
                  first.hasPrefix("**"), first.hasSuffix("**"), first.count > 4 else { return nil }
            return interpolator(language).render(String(first.dropFirst(2).dropLast(2)), hide: hidden)
        }
        let parts = displayLanguages.compactMap { language in heading(language).map { (language, $0) } }
        return parts.isEmpty ? nil : Wording(parts)
    }

    private func shown(_ record: Answer, _ item: Item, _ languages: [String]) -> Wording {
        guard record.status != nil else { return Wording(plain: words(.notAnswered), language: wordsLanguage) }
        return Wording(languages.map { ($0, formatter($0).display(record, for: item) ?? "") })
    }

    private mutating func entryReport(_ path: EntryPath, number: Int, of item: Item) -> ReportEntry {
        let context = (repeatID: item.id, entryID: path.entry.id)
        let label = !makesPrintedTexts ? .empty : wording(item.entryLabel, languages(for: item), entry: context)
            ?? Wording(languages(for: item).map { ($0, "\(ProgramWords.text(.entry, $0)) \(number)") })
        var answers: [ReportAnswer] = []
        // The fields are read in place, as in `gatherAnswers`.
        item.fields.withUnsafeBufferPointer { fields in
            for f in fields.indices where path.onPath.contains(fields[f].id) && !leftOut.contains(fields[f].id) {
                let ref = AnswerRef(field: fields[f].id, of: item.id, entry: path.entry.id)
                if var answer = answer(fields.baseAddress! + f, ref: ref, record: interview.answers[ref],
                                       label: "\(item.id)[\(number)].\(fields[f].id)", entry: context) {
                    answer.printed = answer.printed && fields[f].includeInReport
                    answers.append(answer)
                }
            }
        }
        return ReportEntry(id: path.entry.id, number: number, label: label, answers: answers)
    }

    // MARK: Gathered on the way

    /// Follow-ups and drafts of answers that are shown (a withheld one is not listed at all:
    /// its question would say what was withheld).
    private mutating func collectMarks(_ item: Item, ref: AnswerRef, label: String, question: Wording, record: Answer) {
        if record.followUp {
            followUps.append(ReportMark(label: label, question: question, text: record.note))
        }
        if let draft = record.draft {
            drafts.append(ReportMark(label: label, question: question, text: draft))
        }
    }

    /// Reads the item where it lies (see `gatherAnswers`): a dated question is about one in ten,
    /// and copying each out retained every text and list it holds, memory the export does not
    /// otherwise read.
    private mutating func collectEvent(_ item: UnsafePointer<Item>, ref: AnswerRef, label: String, record: Answer,
                                       entry: (repeatID: String, entryID: String)?) {
        guard let timeline = item.pointee.timeline, let text = wording(timeline, displayLanguages, entry: entry) else { return }
        var entryLabel: Wording?
        // A timeline text that already names the entry's answers needs no entry label.
        let namesAnswers = timeline.withTranslations { $0.contains { Interpolator.mayHavePlaceholder($0.text) } }
        if let entry, !namesAnswers, let repeatItem = questionnaire.item(entry.repeatID) {
            let number = interview.entries(of: entry.repeatID).firstIndex { $0.entry.id == entry.entryID }.map { $0 + 1 } ?? 0
            entryLabel = wording(repeatItem.entryLabel, displayLanguages, entry: entry)
                ?? Wording(displayLanguages.map { ($0, "\(ProgramWords.text(.entry, $0)) \(number)") })
        }
        switch (record.status, record.value) {
        case (.answered, .date(let date)?):
            let event = ReportEvent(date: date, missing: nil, text: text, entryLabel: entryLabel, question: label, itemID: item.pointee.id)
            dated.append((event, item.pointee.order))
        case (.dontKnow, _), (.refused, _):
            let missing = Wording(displayLanguages.map { ($0, formatter($0).display(record, for: item.pointee) ?? "") })
            undated.append(ReportEvent(date: nil, missing: missing, text: text, entryLabel: entryLabel, question: label, itemID: item.pointee.id))
        default:
            break
        }
    }

    /// Answers kept for questions the questionnaire no longer has, by id (fields of a repeat
    /// as `repeat[N].field`, N counting every stored entry).
    /// Only the records that can hold one (a gone question, or a repeat whose entries may keep
    /// gone fields) are sorted, and only an item's type is read: sorting every id and copying
    /// every item out of the questionnaire grew faster than the session.
    private func removedAnswers() -> [ReportRemovedAnswer] {
        var result: [ReportRemovedAnswer] = []
        // Each record's entries are read in place: going through the table's (id, answer) pairs
        // copied every answer out of it (and retained each of its texts).
        let byID = session.answers.byID
        var candidates: [String] = []
        if gathered, matchedRecords == byID.count {
            // Gathering found every record under a top-level question the questionnaire has
            // (the usual session): only the repeats among them can hold gone fields, in their
            // entries. Looking every record up in the questionnaire again was, at ten thousand
            // answers, a tenth of a JSON export.
            candidates = repeatsWithEntries
        } else {
            for index in byID.indices {
                let id = byID.keys[index]
                // A top-level question the questionnaire has (found in its flow table, without
                // reading the item) can only hold gone fields, in entries, when it is a repeat.
                if let position = questionnaire.flowPosition[id], case .item = questionnaire.flow[position] {
                    if byID.values[index].entries?.isEmpty ?? true || questionnaire.itemType(id) != .repeat { continue }
                    candidates.append(id)
                } else if let type = questionnaire.itemType(id), type != .repeat {
                    continue
                } else {
                    candidates.append(id)
                }
            }
        }
        for id in candidates.sorted() {
            guard let record = session.answers.byID[id] else { continue }
            let item = questionnaire.item(id)
            // A gone repeat with entries is listed by its entries' fields.
            if item == nil, !record.isEmpty, record.entries?.isEmpty ?? true {
                result.append(removed(record, label: id))
            }
            // A field the repeat still lists is known without looking it up among every
            // question of the questionnaire (a lookup that missed the cache at ten thousand).
            let fields = item?.fields ?? []
            func isGone(_ field: String) -> Bool {
                !fields.contains { $0.id == field } && questionnaire.itemType(field) == nil
            }
            for (offset, entry) in (record.entries ?? []).enumerated() {
                for field in entry.answers.keys.sorted() where isGone(field) {
                    guard let fieldRecord = entry.answers[field], !fieldRecord.isEmpty else { continue }
                    result.append(removed(fieldRecord, label: "\(id)[\(offset + 1)].\(field)"))
                }
            }
        }
        return result
    }

    private func removed(_ record: Answer, label: String) -> ReportRemovedAnswer {
        // Whether a question that is gone was sensitive can no longer be known: a redacted
        // copy withholds every answer to one.
        if options.redact {
            return ReportRemovedAnswer(label: label, status: .redacted, shown: ProgramWords.text(.redacted, wordsLanguage),
                                       value: nil, otherText: nil, note: nil, translation: nil, followUp: false, lawyerOnly: false)
        }
        var status = ReportStatus.unanswered
        var shown = words(.notAnswered)
        switch record.status {
        case .answered:
            status = .answered
            shown = record.value.map(ReportAssembly.raw) ?? words(.none)
        case .dontKnow: status = .dontKnow; shown = ProgramWords.text(.dontKnow, wordsLanguage)
        case .refused: status = .refused; shown = ProgramWords.text(.preferNotToSay, wordsLanguage)
        case nil:
            if let draft = record.draft { status = .draft; shown = draft }
        }
        if let other = record.otherText { shown += " (\(other))" }
        return ReportRemovedAnswer(label: label, status: status, shown: shown,
                                   value: status == .draft ? record.draft.map(ReportValue.text) : record.value.map(ReportAssembly.export),
                                   otherText: record.otherText, note: record.note, translation: record.translation,
                                   followUp: record.followUp, lawyerOnly: record.lawyerOnly)
    }

    // MARK: Values

    static func export(_ value: AnswerValue) -> ReportValue {
        switch value {
        case .text(let s): return .text(s)
        case .number(let n): return .number(n)
        case .date(let d): return .date(d)
        case .choice(let v): return .text(v)
        case .choices(let vs): return .texts(vs)
        }
    }

    static func export(_ value: Value) -> ReportValue? {
        switch value {
        case .nothing: return nil
        case .text(let s): return .text(s)
        case .number(let n): return .number(n)
        case .date(let d): return .date(d)
        case .bool(let b): return .bool(b)
        case .set(let s): return .texts(s.sorted())
        case .list(let l): return .texts(l.compactMap { item in export(item).map(raw) })
        }
    }

    /// A stored value as it was stored (for answers whose question is gone: no labels left).
    static func raw(_ value: AnswerValue) -> String {
        switch value {
        case .text(let s): return s
        case .number(let n): return AnswerFormatter.format(number: n)
        case .date(let d): return d.isoString
        case .choice(let v): return v
        case .choices(let vs): return vs.joined(separator: ", ")
        }
    }

    static func raw(_ value: ReportValue) -> String {
        switch value {
        case .text(let s): return s
        case .number(let n): return AnswerFormatter.format(number: n)
        case .date(let d): return d.isoString
        case .texts(let vs): return vs.joined(separator: ", ")
        case .bool(let b): return b ? "true" : "false"
        }
    }
}
