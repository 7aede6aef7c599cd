import Foundation
import RefugeEngine
import RefugeQuestionnaire
import RefugeReport
import XCTest

/// The three clients written for the 2026 rules. Each report is checked for the right legal
/// flags and no others, a CAT section, the chronology in order, and the number of questions
/// put to the client on the path (top-level client questions; a repeat counts once).
extension WalkthroughTests {
    /// The text of the part whose title has the line `title` (a bilingual title has two), folded.
    func part(_ title: String, _ report: String, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        ReportText.folded(try XCTUnwrap(ReportText.part(title, in: report), "the report has “\(title)”", file: file, line: line))
    }

    /// Asserts that the chronology lists these lines in this order.
    func assertChronology(_ report: String, inOrder lines: [String], file: StaticString = #filePath, line: UInt = #line) throws {
        let chronology = try part("Chronology", report, file: file, line: line)
        let positions = lines.map { chronology.range(of: $0)?.lowerBound }
        XCTAssertFalse(positions.contains(nil), "every event is dated in the chronology: \(chronology)", file: file, line: line)
        let found = positions.compactMap { $0 }
        XCTAssertEqual(found, found.sorted(), "the chronology is in date order: \(chronology)", file: file, line: line)
    }

    // MARK: 4. Her brother killed by a gang the local police work with

    func testWomanWhoseBrotherWasKilledByAGangThatWorksWithThePolice() throws {
        let (h, walk) = try walk(Stories.brotherKilled, id: "walk-sv", language: "es", interviewerLanguage: "en")
        defer { h.close() }
        XCTAssertEqual(walk.clientQuestions(in: h.questionnaire).count, 80, "client-facing questions without the military module (at most 85)")

        // Her brother has died: nothing about his own fear. The killing was done to him, so
        // nothing about her own injuries or detention in that incident; in the threat to her, yes.
        let family = h.interview.entries(of: "family")
        XCTAssertFalse(family[0].onPath.contains("family_own_fear"), "not asked of a relative who died")
        XCTAssertTrue(family[1].onPath.contains("family_fear_details"), "her mother's own facts")
        let incidents = h.interview.entries(of: "incidents")
        XCTAssertFalse(incidents[0].onPath.contains("injured") || incidents[0].onPath.contains("detained"))
        XCTAssertTrue(incidents[1].onPath.contains("injured") && incidents[1].onPath.contains("detained"))
        // Police collusion is recorded whether or not the crime was reported.
        XCTAssertTrue(incidents[0].onPath.contains("officials_connection_details") && incidents[0].onPath.contains("report_result"))
        XCTAssertTrue(incidents[1].onPath.contains("officials_connection_details") && incidents[1].onPath.contains("why_not_reported"))
        for id in ["military_intro", "cbp_one_appointment", "custody", "custody_fear", "prior_removal_date", "presence_proof"] {
            XCTAssertFalse(h.isOnPath(id), "\(id) should not be on her path")
        }

        let report = try h.report(.text)
        let document = try json(try h.report(.json))
        // Entry from Mexico in 2026: the 2024 rule and the 2025 proclamation; the renta she paid:
        // the material-support question and the bars; the police work with the gang: CAT.
        XCTAssertEqual(ids(document["flags"]), ["securing_border_window", "possible_bars", "proclamation_10888",
                                                "material_support_question", "cat_acquiescence", "interview_requests"])
        let flags = try part("Legal flags", report)
        XCTAssertTrue(flags.contains("Tren de Aragua, MS-13 and six Mexican cartels are designated terrorist organizations since 2025-02-20"), flags)
        XCTAssertTrue(flags.contains("Rule: Foreign Terrorist Organization designations"), flags)
        XCTAssertTrue(flags.contains("Deferral of removal under CAT is not barred"), flags)

        let cat = try part("Tortura (CAT)", report)
        XCTAssertTrue(cat.contains("¿Tiene miedo de que alguien le haga un daño muy grave a propósito si regresa?"), cat)
        XCTAssertTrue(cat.contains("- Police or officials work with them - Police or officials take money from them"), cat)
        let past = try part("Daños pasados (persecución)", report)
        XCTAssertTrue(past.contains("Mataron a alguien") && past.contains("Killed someone"), past)
        XCTAssertTrue(past.contains("Al día siguiente de la denuncia los pandilleros repetían lo que yo le dije al policía."), past)
        let bars = try part("Possible bars (attorney only)", report)
        XCTAssertTrue(bars.contains("25 dólares por semana"), bars)

        try assertChronology(report, inOrder: ["1995-04-21 Born", "2026-05-03 Mataron a mi hermano", "2026-06-10 Amenaza de muerte a mí",
                                               "2026-06-20 Left home country", "2026-08-13 Entered the United States"])
    }

    // MARK: 5. An Indigenous man removed at the border before

    func testIndigenousManWithAPriorExpeditedRemovalIsOnTheReasonableFearTrack() throws {
        let (h, walk) = try walk(Stories.indigenousPriorRemoval, id: "walk-mam", language: "en", interviewerLanguage: "en")
        defer { h.close() }
        // Every branch of his story is open (political, ethnic, family, the reinstatement track):
        // above the 85 of a typical path, every question bears on an element.
        XCTAssertEqual(walk.clientQuestions(in: h.questionnaire).count, 90)

        // The track: the removal's details and the rights text about asking for a judge's review;
        // no asylum-only questions (CBP One, crossing emergencies) and no earlier-stay questions.
        for id in ["prior_removal_count", "prior_removal_how", "prior_fear_claimed", "reentry_charged", "reinstatement_notice",
                   "rights_review_reasonable_fear", "rights_review_reasonable_fear_understood", "fear_torture", "officials_role"] {
            XCTAssertTrue(h.isOnPath(id), "\(id) should be on his path")
        }
        for id in ["cbp_one_appointment", "crossing_danger", "prior_us_visits", "custody", "military_intro"] {
            XCTAssertFalse(h.isOnPath(id), "\(id) should not be on his path")
        }
        let help = try XCTUnwrap(h.questionnaire.item("prior_removal")?.help?.resolve("en", defaultLanguage: "en").text)
        XCTAssertTrue(help.contains("If you were only turned back at the border without an order, or left on your own, answer no"),
                      "voluntary returns are not swept in: \(help)")
        let rights = try XCTUnwrap(h.questionnaire.item("rights_review_reasonable_fear")?.text?.resolve("en", defaultLanguage: "en").text)
        XCTAssertTrue(rights.contains("Say clearly: \"Yes, I want a judge to review it.\""), rights)
        XCTAssertTrue(rights.contains("If you do not answer that question, it counts as saying no."), rights)

        let report = try h.report(.text)
        let document = try json(try h.report(.json))
        // Reasonable fear, and CAT against the mayor's men; none of the asylum-only flags although
        // he crossed from Mexico in 2026.
        XCTAssertEqual(ids(document["flags"]), ["prior_removal_rfi", "cat_acquiescence"])
        XCTAssertEqual(ids(document["clarify"]), ["papers_not_understood"])
        let flags = try part("Legal flags", report)
        XCTAssertTrue(flags.hasPrefix("!! Prior removal: if the order is reinstated"), flags)
        XCTAssertTrue(flags.contains("Rule: Reinstatement of a prior removal order and the reasonable fear interview. Status: in force"), flags)

        let procedure = try part("Entry and procedural posture", report)
        for line in ["The last time, how did it happen? Officers sent me back soon after I crossed, without a judge",
                     "That time, did you tell the officers or the judge that you were afraid to go back? No",
                     "Did an officer give you a paper saying that your old order to leave will be used again? Yes"] {
            XCTAssertTrue(procedure.contains(line), "“\(line)”: \(procedure)")
        }
        let cat = try part("Torture (CAT)", report)
        XCTAssertTrue(cat.contains("For example beat you, torture you or kill you. Yes"), cat)
        XCTAssertTrue(cat.contains("- Officials themselves are the danger - Police or officials work with them"), cat)
        let nexus = try part("Nexus: protected grounds", report)
        XCTAssertTrue(nexus.contains("They call us Indians and say our land is not ours."), nexus)

        try assertChronology(report, inOrder: ["1990-03-05 Born", "2021-06 Earlier removal from the United States",
                                               "2026-08-12 Beaten after a community meeting", "2026-08-30 Left home country",
                                               "2026-09-21 Entered the United States"])
    }

    // MARK: 6. Entered after 2025-01-20, arrested far from the border

    func testManWhoEnteredIn2025AndWasArrestedInTheInterior() throws {
        let (h, walk) = try walk(Stories.interiorArrest, id: "walk-ve", language: "es", interviewerLanguage: "en")
        defer { h.close() }
        XCTAssertEqual(walk.clientQuestions(in: h.questionnaire).count, 90, "his path opens custody, politics and the interior arrest")
        for id in ["us_arrest_date", "presence_proof", "mistreatment_forms", "custody_fear", "fear_third_country_details"] {
            XCTAssertTrue(h.isOnPath(id), "\(id) should be on his path")
        }
        // He came on 2025-03-15, after CBP One appointments ended (2025-01-20): no CBP One question.
        XCTAssertFalse(h.isOnPath("cbp_one_appointment"))

        let report = try h.report(.text)
        let document = try json(try h.report(.json))
        // Inside the lawful-pathways window after transit, after 2024-06-05 and 2025-01-20, more than
        // a year ago, arrested in the interior, afraid of Mexico, and the state is his persecutor.
        // His arrest at a protest is political: no possible-bars flag, only a point to clarify.
        XCTAssertEqual(ids(document["flags"]), ["clp_window", "securing_border_window", "proclamation_10888", "expedited_removal_interior",
                                                "one_year_deadline", "third_country_fear", "cat_acquiescence"])
        XCTAssertEqual(ids(document["clarify"]), ["rights_not_understood", "fear_not_told_at_border", "political_arrest"])
        let flags = try part("Legal flags", report)
        XCTAssertTrue(flags.contains("Arrested inside the country, away from the border (2026-10-07; entry 2025-03-15)."), flags)
        XCTAssertTrue(flags.contains("Proof of presence the client named: A lease or rent receipts, Pay slips or work records."), flags)
        XCTAssertTrue(flags.contains("Status: on appeal (as of 2026-11)."), flags)
        XCTAssertTrue(flags.contains("withholding and CAT are still screened, at a reasonable possibility standard"), flags)
        XCTAssertFalse(flags.contains("Possible bar facts"), flags)
        let clarify = try part("Points to clarify", report)
        XCTAssertTrue(clarify.contains("not clear: Asking a judge to review a decision."), clarify)

        let cat = try part("Tortura (CAT)", report)
        XCTAssertTrue(cat.contains("Me golpearon y no me dieron agua."), cat)
        XCTAssertTrue(cat.contains("From what the client said about custody: were officials involved? Officials did it themselves"), cat)
        XCTAssertTrue(cat.contains("En el Helicoide torturan a los presos políticos."), cat)

        try assertChronology(report, inOrder: ["2024-07-30 Detenido en la protesta", "2024-11-02 Left home country",
                                               "2025-03-15 Entered the United States",
                                               "2026-10-07 Stopped or arrested by US immigration officers"])
    }
}
