import Foundation
import RefugeEngine
import RefugeExpressions
import RefugeQuestionnaire
import RefugeReport
import RefugeSession
import XCTest

/// A redacted copy must be safe to hand on: nothing withheld may show, and nothing may show
/// that a withheld answer exists only to explain (its follow-up questions, its flags).
final class RedactionTests: XCTestCase {
    static let yaml = """
    format: 1
    id: bars
    version: "1"
    title: {en: Bars, es: Impedimentos}
    languages: [en, es]
    sections:
      - id: main
        title: Main
        items:
          - {id: name, type: text, prompt: "Name?", identifying: Client}
          - {id: arrested, type: yesno, prompt: "Ever arrested?", sensitive: true}
          - {id: arrest_where, type: text, prompt: "Where were you arrested?", show_if: "arrested == 'yes'", required: true}
          - {id: arrest_when, type: date, prompt: "When?", show_if: "arrested == 'yes'", timeline: "Arrested"}
          - {id: arrest_lawyer, type: text, prompt: "Lawyer's name?", show_if: "answered(arrest_where)", required: true}
          - {id: fear, type: longtext, prompt: "What do you fear?"}
          - {id: phone, type: text, prompt: "Phone?", identifying: Phone}
          - id: family
            type: repeat
            prompt: "Family"
            entry_label: "{{relative}}"
            items:
              - {id: relative, type: text, prompt: "Name", identifying: Relative}
              - {id: relative_born, type: date, prompt: "Born", timeline: "{{relative}} born"}
      - id: later
        title: Later
        show_if: "arrested == 'yes'"
        items:
          - {id: prison_name, type: text, prompt: "Which prison?"}
    checks:
      - {id: arrest_bar, kind: flag, severity: error, if: "arrested == 'yes'", message: "Possible criminal bar."}
      - {id: arrest_place, kind: clarify, if: "answered(arrest_where)", message: "Check the arrest place."}
      - {id: fear_given, kind: clarify, if: "answered(fear)", message: "Fear told by {{name}}."}
    report:
      timeline:
        leave_out: [relative_born]
    """

    func session(_ q: Questionnaire) throws -> Session {
        try ReportFixtures.session(q, language: "en") { i in
            i.update(AnswerRef("name")) { $0 = .answered(.text("Ana María López")) }
            i.update(AnswerRef("arrested")) { $0 = .answered(.choice("yes")) }
            i.update(AnswerRef("arrest_where")) {
                $0 = .answered(.text("Tegucigalpa jail"))
                $0.followUp = true
                $0.note = "Ask for papers"
            }
            i.update(AnswerRef("arrest_when")) { $0 = .answered(.date(PartialDate(year: 2021, month: 5))) }
            i.update(AnswerRef("fear")) {
                $0 = .answered(.text("Ana was told by the gang that López family would pay."))
                $0.followUp = true
            }
            i.update(AnswerRef("phone")) { $0 = .answered(.text("+504 9988 7766")) }
            let child = try i.addEntry(to: "family")
            i.update(AnswerRef(field: "relative", of: "family", entry: child)) { $0 = .answered(.text("Pedro")) }
            i.update(AnswerRef(field: "relative_born", of: "family", entry: child)) {
                $0 = .answered(.date(PartialDate(year: 2017, month: 4, day: 2)))
            }
            i.update(AnswerRef("family")) { $0.status = .answered }
            i.update(AnswerRef("prison_name")) { $0 = .answered(.text("La Tolva")) }
        }
    }

    func testQuestionsFlagsAndFollowUpsThatExistOnlyBecauseOfAWithheldAnswerAreLeftOut() throws {
        let q = try ReportFixtures.inline(Self.yaml)
        let s = try session(q)
        let plain = ReportFixtures.report(s, q)
        XCTAssertEqual(plain.flags.map(\.id), ["arrest_bar"])
        XCTAssertEqual(plain.followUps.map(\.label), ["arrest_where", "fear"])

        let report = ReportFixtures.report(s, q, redaction: .sensitive)
        let ids = report.answers.map(\.id)
        XCTAssertEqual(ids, ["name", "arrested", "fear", "phone", "family"], "the follow-ups of `arrested` and its section are left out")
        XCTAssertEqual(report.answers.first { $0.id == "arrested" }?.status, .redacted)
        XCTAssertTrue(report.flags.isEmpty, "no flag, not even a withheld bar")
        XCTAssertEqual(report.clarify.map(\.id), ["fear_given"], "a point to clarify over a left-out answer goes too")
        XCTAssertEqual(report.followUps.map(\.label), ["fear"])
        XCTAssertTrue(report.unansweredRequired.isEmpty, "`arrest_lawyer` is required but exists only because of the withheld answer")
        XCTAssertFalse(report.timeline.contains { $0.itemID == "arrest_when" })
        for format in ReportFormat.allCases {
            let text = ReportWriter.render(report, format: format)
            for leak in ["Where were you arrested", "arrest_where", "arrest_lawyer", "Tegucigalpa", "Possible criminal bar",
                         "arrest_bar", "Check the arrest place", "Which prison", "La Tolva", "Later", "2021-05"] {
                XCTAssertFalse(text.contains(leak), "\(format) shows \(leak)")
            }
        }
    }

    func testIdentityRedactionReplacesIdentifyingAnswersWithStablePlaceholders() throws {
        let q = try ReportFixtures.inline(Self.yaml)
        let s = try session(q)
        let report = ReportFixtures.report(s, q, redaction: .identity)
        XCTAssertEqual(report.answers.first { $0.id == "name" }?.placeholder, "[Client]")
        XCTAssertEqual(report.answers.first { $0.id == "phone" }?.placeholder, "[Phone]")
        let family = try XCTUnwrap(report.answers.first { $0.id == "family" }?.entries?.first)
        XCTAssertEqual(family.answers.first { $0.id == "relative" }?.placeholder, "[Relative 1]")
        XCTAssertEqual(family.label.first, "[Relative 1]")
        // The client's own words keep their meaning with the names masked, word by word.
        XCTAssertEqual(report.answers.first { $0.id == "fear" }?.shown?.first,
                       "[Client] was told by the gang that [Client] family would pay.")
        XCTAssertEqual(report.clarify.first?.message, "Fear told by [Client].")
        XCTAssertEqual(report.header.label, "", "the case label may be a name")
        // Identity includes sensitive.
        XCTAssertEqual(report.answers.first { $0.id == "arrested" }?.status, .redacted)
        for format in ReportFormat.allCases {
            let text = ReportWriter.render(report, format: format)
            for leak in ["Ana", "María", "López", "Lopez", "9988", "Pedro", "A-2026-0117"] {
                XCTAssertFalse(text.contains(leak), "\(format) shows \(leak)")
            }
        }
        let json = ReportWriter.render(report, format: .json)
        XCTAssertTrue(json.contains("\"placeholder\": \"[Client]\""))
    }

    func testFamilyBirthdaysStayOutOfTheChronologyUnlessAskedFor() throws {
        let q = try ReportFixtures.inline(Self.yaml)
        let s = try session(q)
        XCTAssertFalse(ReportFixtures.report(s, q).timeline.contains { $0.itemID == "relative_born" })
        XCTAssertTrue(ReportFixtures.report(s, q, allDates: true).timeline.contains { $0.itemID == "relative_born" })
    }

    /// Marker strings in every withheld answer, note, translation and other text of a full
    /// credible-fear session (every sensitive question, and answers marked for the lawyer only),
    /// and in every identifying answer: none may appear in any redacted output of any format.
    func testNoPlantedMarkerReachesAnyRedactedOutput() throws {
        let q = try ReportFixtures.shipped("example-intake.yaml")
        var session = try ReportFixtures.exampleSession(q, language: "es")
        var withheld: [String] = []
        var identifying: [String] = []
        var counter = 0
        func plant(_ answer: inout Answer, _ item: Item, into list: inout [String]) {
            counter += 1
            let marker = "MARKER\(counter)X"
            list.append(marker)
            if answer.status == .answered, item.type == .text || item.type == .longtext {
                answer.value = .text("words \(marker) words")
            }
            answer.note = "note \(marker)"
            answer.translation = "translation \(marker)"
            if answer.otherText != nil { answer.otherText = "other \(marker)" }
        }
        // Answers marked for the lawyer only, sensitive questions, and identifying questions.
        session.answers.byID["why_left"]?.lawyerOnly = true
        session.answers.byID["entry_date"]?.lawyerOnly = true
        for (id, answer) in session.answers.byID {
            guard var answer = Optional(answer), let item = q.item(id) else { continue }
            if item.sensitive || answer.lawyerOnly {
                plant(&answer, item, into: &withheld)
            } else if item.identifying != nil, item.type == .text {
                counter += 1
                let marker = "IDMARK\(counter)X"
                identifying.append(marker)
                answer.value = .text("\(marker)")
                answer.note = "note \(marker)"
            }
            if var entries = answer.entries {
                for e in entries.indices {
                    for (field, var fieldAnswer) in entries[e].answers {
                        guard let fieldItem = q.item(field), fieldItem.identifying != nil, fieldItem.type == .text else { continue }
                        counter += 1
                        let marker = "IDMARK\(counter)X"
                        identifying.append(marker)
                        fieldAnswer.value = .text(marker)
                        fieldAnswer.note = "note \(marker)"
                        entries[e].answers[field] = fieldAnswer
                    }
                }
                answer.entries = entries
            }
            session.answers.byID[id] = answer
        }
        XCTAssertGreaterThanOrEqual(withheld.count, 3)
        XCTAssertGreaterThanOrEqual(identifying.count, 3)
        // The draft declaration in its four formats (the DOCX by its document XML).
        func declarations(_ redaction: Redaction) throws -> [String] {
            let d = try XCTUnwrap(DeclarationBuilder.build(session: session, questionnaire: q,
                                                           options: ReportOptions(redaction: redaction, now: ReportFixtures.now)))
            let docx = DOCXWriter.documentXML(d)
            return [DeclarationRenderer.text(d), DeclarationRenderer.markdown(d), DeclarationRenderer.html(d), docx]
        }
        XCTAssertTrue(try declarations(.none).contains { text in withheld.contains { text.contains($0) } },
                      "the declaration holds some of the markers")
        for text in try declarations(.sensitive) {
            for marker in withheld { XCTAssertFalse(text.contains(marker), "declaration --redact sensitive shows \(marker)") }
        }
        for text in try declarations(.identity) {
            for marker in withheld + identifying { XCTAssertFalse(text.contains(marker), "declaration --redact identity shows \(marker)") }
        }
        for format in ReportFormat.allCases {
            let full = ReportFixtures.render(session, q, format)
            XCTAssertTrue((withheld + identifying).allSatisfy { full.contains($0) }, "\(format): the markers are there to be found")
            for language in [nil, "es", "en"] {
                let sensitive = ReportFixtures.render(session, q, format, language: language, redaction: .sensitive, notes: true)
                for marker in withheld { XCTAssertFalse(sensitive.contains(marker), "\(format) --redact sensitive shows \(marker)") }
                let identity = ReportFixtures.render(session, q, format, language: language, redaction: .identity, notes: true)
                for marker in withheld + identifying {
                    XCTAssertFalse(identity.contains(marker), "\(format) --redact identity shows \(marker)")
                }
            }
        }
    }
}
