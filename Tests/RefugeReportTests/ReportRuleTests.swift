import Foundation
import RefugeEngine
import RefugeExpressions
import RefugeQuestionnaire
import RefugeReport
import RefugeSession
import RefugeText
import XCTest

/// One test per rule of the report: what it contains, in what order, and what it withholds.
final class ReportRuleTests: XCTestCase {
    static let eventsYAML = """
    format: 1
    id: events
    version: "1"
    title: {en: Events, es: Hechos}
    languages: [en, es]
    sections:
      - id: main
        title: Main
        items:
          - {id: born, type: date, prompt: "Born?", timeline: "Born"}
          - {id: left, type: date, precision: month, prompt: "Left?", timeline: "Left home"}
          - {id: arrested, type: date, prompt: "Arrested?", timeline: "Arrested"}
          - id: incidents
            type: repeat
            prompt: "Incidents"
            entry_label: "{{what}}"
            items:
              - {id: what, type: text, prompt: "What happened?"}
              - {id: when, type: date, prompt: "When did {{what}} happen?", timeline: "Incident", required: true}
          - {id: secret, type: text, prompt: "Secret?", sensitive: true}
          - {id: about, type: text, prompt: "You said {{secret}}. Anything else?"}
    checks:
      - {id: secret_told, kind: flag, if: "answered(secret)", message: "A secret was told."}
    """

    /// Dates of every precision, one approximate, entries of a repeat, a date not known and
    /// a required field left empty.
    func eventsSession(lawyerOnlyEntry: Bool = false) throws -> (Session, Questionnaire) {
        let q = try ReportFixtures.inline(Self.eventsYAML)
        let session = try ReportFixtures.session(q, language: "en") { i in
            i.update(AnswerRef("born")) { $0 = .answered(.date(PartialDate(year: 1990, month: 3, day: 15))) }
            i.update(AnswerRef("left")) { $0 = .answered(.date(PartialDate(year: 2022))) }
            i.update(AnswerRef("arrested")) { $0 = .answered(.date(PartialDate(year: 2022, month: 9, day: 15, approximate: true))) }
            let beaten = try i.addEntry(to: "incidents")
            i.update(AnswerRef(field: "what", of: "incidents", entry: beaten)) {
                $0 = .answered(.text("Beaten"))
                $0.lawyerOnly = lawyerOnlyEntry
            }
            i.update(AnswerRef(field: "when", of: "incidents", entry: beaten)) { $0 = .answered(.date(PartialDate(year: 2022, month: 9))) }
            let threat = try i.addEntry(to: "incidents")
            i.update(AnswerRef(field: "what", of: "incidents", entry: threat)) { $0 = .answered(.text("Threat")) }
            i.update(AnswerRef(field: "when", of: "incidents", entry: threat)) { $0 = .answered(.date(PartialDate(year: 2022, month: 9, day: 1))) }
            let summons = try i.addEntry(to: "incidents")
            i.update(AnswerRef(field: "what", of: "incidents", entry: summons)) { $0 = .answered(.text("Summons")) }
            i.update(AnswerRef(field: "when", of: "incidents", entry: summons)) { $0 = Answer(status: .dontKnow) }
            let raid = try i.addEntry(to: "incidents")
            i.update(AnswerRef(field: "what", of: "incidents", entry: raid)) { $0 = .answered(.text("Raid")) }
            i.update(AnswerRef("secret")) {
                $0 = .answered(.text("My brother is a police officer"))
                $0.note = "Said quietly: brother in the police"
                $0.translation = "Mi hermano es policía"
                $0.followUp = true
            }
            i.update(AnswerRef("about")) { $0 = .answered(.text("Nothing more")) }
        }
        return (session, q)
    }

    func json(_ text: String) throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    func testChronologySortsPartialAndApproximateDatesAndPutsUnknownDatesLast() throws {
        let (session, q) = try eventsSession()
        let exported = try json(ReportFixtures.render(session, q, .json))
        let timeline = try XCTUnwrap(exported["timeline"] as? [[String: Any]])
        // "left" (2022) overlaps every 2022 date: it comes first, as it does in the file; the
        // two incidents overlap (September and 1 September) and keep the order they were told
        // in; "arrested" (~15 September) comes after the 1 September incident, which ends before it.
        XCTAssertEqual(timeline.map { $0["question"] as? String },
                       ["born", "left", "incidents[1].when", "incidents[2].when", "arrested"])
        XCTAssertEqual(timeline.map { $0["date"] as? String }, ["1990-03-15", "2022", "2022-09", "2022-09-01", "2022-09-15"])
        XCTAssertEqual(timeline.map { $0["approximate"] as? Bool }, [false, false, false, false, true])
        XCTAssertEqual(timeline[3]["text"] as? String, "Incident: Threat")
        let undated = try XCTUnwrap(exported["timeline_undated"] as? [[String: Any]])
        XCTAssertEqual(undated.map { $0["question"] as? String }, ["incidents[3].when"])

        let text = ReportFixtures.render(session, q, .text)
        let chronology = String(text[try XCTUnwrap(text.range(of: "\nChronology\n")).lowerBound...])
        let order = ["1990-03-15", "2022 ", "2022-09 ", "2022-09-01", "~2022-09-15", "date unknown"].map {
            chronology.range(of: $0)?.lowerBound
        }
        let found = order.compactMap { $0 }
        XCTAssertEqual(found.count, order.count, "every date is in the chronology")
        XCTAssertEqual(found, found.sorted())
        XCTAssertTrue(chronology.contains("date unknown  Incident: Summons (Don't know)"))
    }

    func testRepeatIsRenderedPerEntryWithItsLabel() throws {
        let q = try ReportFixtures.shipped("example-intake.yaml")
        let session = try ReportFixtures.exampleSession(q, language: "en")
        let text = ReportFixtures.render(session, q, .text)
        XCTAssertTrue(text.contains("    1. Child: Pedro\n"))
        XCTAssertTrue(text.contains("    2. Other, please say: prima: Lucía\n"))
        XCTAssertTrue(text.contains("       How old is Pedro?\n           7\n"))
        let html = ReportFixtures.render(session, q, .html)
        XCTAssertEqual(html.components(separatedBy: "<table class=\"entry\">").count - 1, 2)
        let entries = try XCTUnwrap(((try json(ReportFixtures.render(session, q, .json)))["answers"] as? [String: Any])?["family"] as? [String: Any])
        XCTAssertEqual((entries["entries"] as? [[String: Any]])?.count, 2)
    }

    func testFollowUpIsListedWithItsNote() throws {
        let q = try ReportFixtures.shipped("example-intake.yaml")
        let report = ReportFixtures.report(try ReportFixtures.exampleSession(q, language: "en"), q)
        XCTAssertEqual(report.followUps.map(\.label), ["why_left"])
        XCTAssertEqual(report.followUps.first?.text, "Ask for the name of the gang & the dates of each demand.")
        let text = ReportWriter.render(report, format: .text)
        let followUps = String(text[text.range(of: "Follow-up\n---------")!.lowerBound...])
        // Listed by the question's text, not its id, on page one.
        XCTAssertTrue(followUps.contains("  In your own words, why did you leave?\n      Ask for the name of the gang & the dates of each demand.\n"))
        XCTAssertFalse(followUps.prefix(200).contains("why_left"))
        XCTAssertTrue(text.range(of: "Follow-up\n---------")!.lowerBound < text.range(of: "\u{0C}")!.lowerBound, "on page one")
    }

    func testPointToClarifyIsListedInTheInterviewersLanguage() throws {
        let q = try ReportFixtures.shipped("example-intake.yaml")
        let session = try ReportFixtures.exampleSession(q, language: "es")
        let report = ReportFixtures.report(session, q)
        XCTAssertEqual(report.clarify.map(\.id), ["left_after_entry"])
        XCTAssertEqual(report.clarify.first?.message, "The date the client left their country is after the date they entered the United States.")
        XCTAssertEqual(report.flags.map(\.id), ["prior_removal"])
        let spanish = ReportFixtures.report(session, q, language: "es")
        XCTAssertEqual(spanish.clarify.first?.message, "La fecha en que la persona salió de su país es posterior a su entrada a los Estados Unidos.")
    }

    func testRequiredQuestionsWithoutAnyAnswerAreListed() throws {
        let (session, q) = try eventsSession()
        let exported = try json(ReportFixtures.render(session, q, .json))
        XCTAssertEqual(exported["unanswered_required"] as? [String], ["incidents[4].when"])
        let text = ReportFixtures.render(session, q, .text)
        XCTAssertTrue(text.contains("Required questions without an answer\n------------------------------------\n  When did Raid happen?\n"))

        let intake = try ReportFixtures.shipped("example-intake.yaml")
        let report = ReportFixtures.report(try ReportFixtures.exampleSession(intake, language: "en"), intake)
        XCTAssertEqual(report.unansweredRequired.map(\.label), ["consent"])
    }

    func testOffPathAnswersAreAbsent() throws {
        let q = try ReportFixtures.shipped("example-intake.yaml")
        var session = try ReportFixtures.exampleSession(q, language: "en")
        session.answers.byID["family_with_you"] = .answered(.choice("no"))
        session.answers.byID["harmed_before"] = .answered(.choice("no"))
        let exported = try json(ReportFixtures.render(session, q, .json))
        let answers = try XCTUnwrap(exported["answers"] as? [String: Any])
        for gone in ["family", "family_own_fear", "harm_date", "harm_details", "why_left"] where gone != "why_left" {
            XCTAssertNil(answers[gone], "\(gone) is off the path")
        }
        XCTAssertNotNil(answers["why_left"])
        let timeline = try XCTUnwrap(exported["timeline"] as? [[String: Any]])
        XCTAssertFalse(timeline.contains { $0["question"] as? String == "harm_date" })
        for format in ReportFormat.allCases {
            let rendered = ReportFixtures.render(session, q, format)
            XCTAssertFalse(rendered.contains("Pedro"), "\(format)")
            XCTAssertFalse(rendered.contains("bate"), "\(format)")
        }
    }

    func testHTMLEscapesMarkupAndAmpersands() throws {
        let q = try ReportFixtures.shipped("example-intake.yaml")
        var session = try ReportFixtures.exampleSession(q, language: "en")
        session.answers.byID["full_name"] = .answered(.text("<script>alert('x')</script> Tom & \"Jerry\""))
        session.label = "</style><script>alert(1)</script>"
        let html = ReportFixtures.render(session, q, .html)
        XCTAssertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; Tom &amp; &quot;Jerry&quot;"))
        XCTAssertFalse(html.contains("<script"))
        XCTAssertEqual(html.components(separatedBy: "</style>").count, 2, "the label cannot end the style element")
        XCTAssertTrue(html.contains("name of the gang &amp; the dates"))
        XCTAssertFalse(html.contains(" & "), "no bare ampersand between words")
    }

    func testTerminalEscapeSequencesAreStrippedFromTextAndMarkdown() throws {
        let q = try ReportFixtures.shipped("example-intake.yaml")
        var session = try ReportFixtures.exampleSession(q, language: "en")
        session.answers.byID["full_name"] = .answered(.text("Ana\u{1B}[2J\u{1B}[31m\u{1B}]0;owned\u{07}\u{9B}1;1HLópez\u{1B}(0\u{08}\r"))
        for format in [ReportFormat.text, .markdown] {
            let rendered = ReportFixtures.render(session, q, format)
            XCTAssertTrue(rendered.contains("AnaLópez"), "\(format)")
            let controls = rendered.unicodeScalars.filter { ($0.value < 0x20 && $0 != "\n" && $0 != "\u{0C}") || (0x7F..<0xA0).contains($0.value) }
            XCTAssertEqual(controls.count, 0, "\(format) holds no control characters")
            XCTAssertFalse(rendered.contains("owned"), "\(format): the OSC string is gone")
        }
        XCTAssertTrue(ReportFixtures.render(session, q, .json).contains("Ana\\u001b[2J"))
    }

    func testRedactionWithholdsSensitiveAndLawyerOnlyAnswersEverywhere() throws {
        let (session, q) = try eventsSession(lawyerOnlyEntry: true)
        let exported = try json(ReportFixtures.render(session, q, .json, redact: true))
        let answers = try XCTUnwrap(exported["answers"] as? [String: Any])
        XCTAssertEqual(answers["secret"] as? [String: String], ["status": "redacted"])
        let entries = try XCTUnwrap((answers["incidents"] as? [String: Any])?["entries"] as? [[String: Any]])
        XCTAssertEqual(entries[0]["what"] as? [String: String], ["status": "redacted"])
        XCTAssertEqual((entries[1]["what"] as? [String: Any])?["value"] as? String, "Threat")
        XCTAssertEqual((exported["flags"] as? [Any])?.count, 0, "a flag over a withheld answer would tell it")
        let timeline = try XCTUnwrap(exported["timeline"] as? [[String: Any]])
        let beaten = timeline.first { ($0["question"] as? String) == "incidents[1].when" }
        XCTAssertEqual(beaten?["text"] as? String, "Incident: [withheld]")

        let report = ReportFixtures.report(session, q, redact: true)
        XCTAssertEqual(report.answers.first { $0.id == "about" }?.question.first, "You said [withheld]. Anything else?")
        XCTAssertTrue(report.followUps.isEmpty, "the follow-up of a withheld answer is not listed: its question would tell")
        for format in ReportFormat.allCases {
            let redacted = ReportFixtures.render(session, q, format, redact: true)
            for secret in ["police", "policía", "Beaten", "A secret was told"] {
                XCTAssertFalse(redacted.contains(secret), "\(format) withholds \(secret)")
            }
            let mark = format == .markdown ? "\\[withheld\\]" : format == .csv ? ",redacted," : "[withheld]"
            XCTAssertTrue(redacted.contains(mark), "\(format) shows the mark")
            let plain = ReportFixtures.render(session, q, format)
            XCTAssertTrue(plain.contains("My brother is a police officer"), "\(format) without redaction shows it")
        }
    }

    func testRedactionDropsTimelineEntriesOfWithheldDates() throws {
        let q = try ReportFixtures.shipped("example-intake.yaml")
        var session = try ReportFixtures.exampleSession(q, language: "en")
        session.answers.byID["harm_date"]?.lawyerOnly = true
        let report = ReportFixtures.report(session, q, redact: true)
        XCTAssertFalse(report.timeline.contains { $0.question == "harm_date" })
        XCTAssertTrue(ReportFixtures.report(session, q).timeline.contains { $0.question == "harm_date" })
    }

    func testOneLanguageShowsOnlyThatLanguage() throws {
        let q = try ReportFixtures.shipped("example-intake.yaml")
        let session = try ReportFixtures.exampleSession(q, language: "es")
        let spanish = ReportFixtures.render(session, q, .text, language: "es")
        XCTAssertTrue(spanish.contains("¿Cuál es su nombre completo?"))
        XCTAssertFalse(spanish.contains("What is your full name?"))
        XCTAssertTrue(spanish.contains("Cronología"))
        let both = ReportFixtures.render(session, q, .text)
        XCTAssertTrue(both.contains("What is your full name?\n¿Cuál es su nombre completo?\n"), "the reader's language first")
    }

    func testAuthorNotesOnlyWithNotes() throws {
        let q = try ReportFixtures.shipped("example-intake.yaml")
        let session = try ReportFixtures.exampleSession(q, language: "en")
        let note = "The client's own account: listen for who harmed them and why (nexus)."
        XCTAssertFalse(ReportFixtures.render(session, q, .text).contains("nexus"))
        XCTAssertTrue(ReportFixtures.render(session, q, .markdown, notes: true).contains(note))
        XCTAssertTrue(ReportFixtures.render(session, q, .text, notes: true).contains("Interviewer's note: Interpreter on the line"))
    }

    func testDraftsAndRemovedAnswersAreListed() throws {
        let q = try ReportFixtures.shipped("example-intake.yaml")
        let report = ReportFixtures.report(try ReportFixtures.exampleSession(q, language: "en"), q)
        XCTAssertEqual(report.drafts.map(\.label), ["phone"])
        XCTAssertEqual(report.drafts.first?.text, "+504 9")
        XCTAssertEqual(report.removedAnswers.map(\.label), ["church_name"])
        XCTAssertEqual(report.removedAnswers.first?.shown, "Iglesia del Camino")
    }

    func testTextLinesFitEightyColumnsWithWideCharacters() throws {
        let q = try ReportFixtures.shipped("example-intake.yaml")
        var session = try ReportFixtures.exampleSession(q, language: "en")
        session.answers.byID["why_left"] = .answered(.text(String(repeating: "我们的村子被烧毁了。😢 ", count: 20)
            + String(repeating: "x", count: 200)))
        let text = ReportFixtures.render(session, q, .text)
        for line in text.split(separator: "\n") {
            XCTAssertLessThanOrEqual(DisplayWidth.of(String(line)), 80, String(line))
        }
        XCTAssertTrue(text.contains("    我们的村子被烧毁了。😢 我们的村子被烧毁了。😢"))
    }

    func testMarkdownEscapesWhatWouldBecomeMarkup() throws {
        let q = try ReportFixtures.shipped("example-intake.yaml")
        var session = try ReportFixtures.exampleSession(q, language: "en")
        session.answers.byID["why_left"] = .answered(.text("*not bold* [x](http://e) <b>hi</b>\n# not a heading\n1. not a list\n    not code"))
        let markdown = ReportFixtures.render(session, q, .markdown)
        XCTAssertTrue(markdown.contains("> \\*not bold\\* \\[x\\](http://e) \\<b\\>hi\\</b\\>\n"))
        XCTAssertTrue(markdown.contains("> \\# not a heading\n"))
        XCTAssertTrue(markdown.contains("> 1\\. not a list\n"))
        XCTAssertTrue(markdown.contains("> &#32;&#32;&#32;&#32;not code\n"))
    }

    func testJSONIsValidAndKeepsTheContractsKeyOrder() throws {
        let q = try ReportFixtures.shipped("example-intake.yaml")
        let text = ReportFixtures.render(try ReportFixtures.exampleSession(q, language: "es"), q, .json)
        let exported = try json(text)
        XCTAssertEqual(exported["format"] as? Int, 1)
        let keys = ["\"format\"", "\"questionnaire\"", "\"session\"", "\"flags\"", "\"answers\"", "\"timeline\"",
                    "\"clarify\"", "\"unanswered_required\"", "\"removed_answers\""]
        let positions = keys.map { text.range(of: $0)!.lowerBound }
        XCTAssertEqual(positions, positions.sorted())
        let answers = try XCTUnwrap(exported["answers"] as? [String: Any])
        XCTAssertEqual((answers["age"] as? [String: Any])?["status"] as? String, "calculated")
        XCTAssertEqual((answers["age"] as? [String: Any])?["value"] as? Int, 36)
        XCTAssertEqual((answers["phone"] as? [String: Any])?["status"] as? String, "draft")
        XCTAssertEqual(((answers["family"] as? [String: Any])?["entries"] as? [[String: Any]])?[1]["family_age"] as? [String: String],
                       ["status": "dont_know"])
        let session = try XCTUnwrap(exported["session"] as? [String: Any])
        XCTAssertEqual(session["created"] as? String, "2026-11-29T14:05:00Z")
        XCTAssertEqual(session["interview_date"] as? String, "2026-11-29")
    }

    func testReportFalseLeavesOnlyThePrintedFormats() throws {
        let q = try ReportFixtures.inline("""
        format: 1
        id: hidden
        version: "1"
        title: Hidden
        languages: [en]
        sections:
          - id: main
            title: Main
            items:
              - {id: shown, type: number, prompt: "How many children?"}
              - {id: internal, type: text, prompt: "Case worker code?", report: false}
              - {id: doubled, type: calculate, expression: "shown + shown"}
              - {id: flagged, type: text, prompt: "Anything to add?"}
        """)
        let session = ReportFixtures.session(q, language: "en") { i in
            i.update(AnswerRef("shown")) { $0 = .answered(.number(2)) }
            i.update(AnswerRef("internal")) { $0 = .answered(.text("CW-991")) }
            i.update(AnswerRef("flagged")) { $0.followUp = true }
        }
        let answers = try XCTUnwrap(try json(ReportFixtures.render(session, q, .json))["answers"] as? [String: Any])
        XCTAssertEqual((answers["internal"] as? [String: Any])?["value"] as? String, "CW-991")
        XCTAssertEqual((answers["doubled"] as? [String: Any])?["value"] as? Int, 4)
        let flagged = try XCTUnwrap(answers["flagged"] as? [String: Any])
        XCTAssertEqual(flagged.keys.sorted(), ["follow_up", "status"])
        XCTAssertEqual(flagged["status"] as? String, "unanswered")
        XCTAssertEqual(flagged["follow_up"] as? Bool, true)
        for format in [ReportFormat.text, .markdown, .html] {
            let printed = ReportFixtures.render(session, q, format)
            XCTAssertFalse(printed.contains("CW-991"), "\(format)")
            XCTAssertFalse(printed.contains("doubled"), "\(format)")
            XCTAssertTrue(printed.contains("Anything to add?"), "\(format)")
        }
    }
}
