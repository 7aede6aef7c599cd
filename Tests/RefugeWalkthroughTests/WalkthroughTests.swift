import Foundation
import RefugeEngine
import RefugeQuestionnaire
import RefugeReport
import RefugeSession
import XCTest

/// Three people walked through the credible-fear questionnaire from the first question to the
/// last, each answer given through `AnswerRequest` (what `refuge answer` does), each ending in a
/// report checked for the lines an attorney must find. The paths differ as the law says: the
/// military section for the man called up, neither military nor torture for the woman a gang
/// threatens, the reasonable-fear warning for the man removed before.
final class WalkthroughTests: XCTestCase {
    func walk(_ story: [String: Said], id: String, language: String, interviewerLanguage: String,
              file: StaticString = #filePath, line: UInt = #line) throws -> (WalkthroughHarness, ScriptedInterview) {
        let harness = try WalkthroughHarness(id: id, language: language, interviewerLanguage: interviewerLanguage, label: id.uppercased())
        var script = ScriptedInterview(story)
        do {
            try script.walk(harness.controller, file: file, line: line)
        } catch {
            harness.close()
            throw error
        }
        XCTAssertEqual(harness.interview.unansweredRequired.map(\.label), [], "every required question was answered", file: file, line: line)
        return (harness, script)
    }

    func json(_ text: String) throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    func ids(_ list: Any?) -> [String] {
        (list as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
    }

    // MARK: 1. Called up for mobilization (Russian)

    func testRussianManCalledUpReachesMilitaryServiceAndHisReportShowsTheSummons() throws {
        let (h, walk) = try walk(Stories.mobilizedRussian, id: "walk-ru", language: "ru", interviewerLanguage: "en")
        defer { h.close() }

        // The military section opens through its trigger: a country with compulsory service
        // (and later his own fear of service); before his nationality it is not on the path.
        XCTAssertEqual(walk.wasOnPath("military_intro", whenAsked: "nationality"), false)
        XCTAssertEqual(walk.wasOnPath("military_intro", whenAsked: "other_citizenship"), true, "Russia is a conscription country")
        // The torture section opens when he names the enlistment office and the state as whom he fears.
        XCTAssertEqual(walk.wasOnPath("torture_intro", whenAsked: "feared_actors"), false)
        XCTAssertEqual(walk.wasOnPath("torture_intro", whenAsked: "feared_names"), true, "officials feared: CAT questions follow")
        for id in ["military_intro", "summons_date", "summons_response", "searched_for_date", "official_measures_details",
                   "refusal_reasons", "acs_applied", "expected_punishment", "deployed", "relocation_military_details",
                   "torture_intro", "custody", "custody_fear"] {
            XCTAssertTrue(h.isOnPath(id), "\(id) should be on his path")
        }
        // Never harmed, family not harmed: the routing jumps over the incidents. Never held:
        // nothing is asked about mistreatment in custody, only what he fears.
        for id in ["incidents", "threat_continues", "prior_removal_date", "deployed_where", "desertion_details",
                   "acs_result", "separate_interview", "protection_transit_result",
                   "mistreatment_forms", "mistreatment_reasons", "officials_involved", "lasting_effects", "medical_records"] {
            XCTAssertFalse(h.isOnPath(id), "\(id) should not be on his path")
        }
        XCTAssertTrue(walk.asked.contains("transit[2].transit_problems"), "both transit countries were entered")
        // He came in 2026: the CBP One questions (2023-01-12 to 2025-01-20) are not asked. He fears
        // the army, so the country question is not asked again; relocation is asked once, in the
        // military section; what happened to others once, under past harm.
        for id in ["cbp_one_appointment", "cbp_one_story", "conscription_possible", "relocate_safely", "others_fate", "us_arrest_date"] {
            XCTAssertFalse(h.isOnPath(id), "\(id) should not be on his path")
        }
        XCTAssertEqual(walk.clientQuestions(in: h.questionnaire).count, 108, "client-facing questions, with the military module (at most 110)")
        XCTAssertTrue(walk.asked.contains("service[1].service_end_how"))
        XCTAssertEqual(h.interview.entries(of: "transit").count, 2)

        // The report, in Russian with the interviewer's English.
        let report = try h.report(.text)
        let folded = ReportText.folded(report)
        XCTAssertTrue(ReportText.body(report).hasPrefix("Credible fear preparation summary\nСводка подготовки к собеседованию об обоснованном страхе\n"),
                      "the reader's language first")
        XCTAssertTrue(folded.contains("Languages: client ru, interviewer en"))
        XCTAssertFalse(report.contains(ProgramWords.text(.fallbackMarker, "ru")), "every Russian text is translated")

        let chronology = try XCTUnwrap(ReportText.part("Chronology", in: report), "the report has a chronology")
        let foldedChronology = ReportText.folded(chronology)
        XCTAssertTrue(foldedChronology.contains("2026-04-14 Call-up papers received"), chronology)
        let order = ["1994-05-12 Born", "2026-04-14 Call-up papers received", "2026-04-20 ", "2026-05-20 ", "2026-09-28 "]
        let positions = order.map { foldedChronology.range(of: $0)?.lowerBound }
        XCTAssertFalse(positions.contains(nil), "birth, summons, departure, search and entry are all dated: \(chronology)")
        XCTAssertEqual(positions.compactMap { $0 }, positions.compactMap { $0 }.sorted(), "the chronology is in date order")

        let military = try XCTUnwrap(ReportText.part("Военная служба (Matter of A-G-; УВКБ ООН, GIP 10)", in: report),
                                     "the military service heading is in the report")
        XCTAssertNotNil(ReportText.titleLine("Military service (Matter of A-G-; UNHCR GIP 10)", in: report), "with its English title")
        let foldedMilitary = ReportText.folded(military)
        for line in ["Получали ли вы повестку или требование явиться в военкомат?", "Yes / Да",
                     "When did you receive it, or learn about it? Когда вы её получили или узнали о ней? 2026-04-14",
                     "Mobilization / Мобилизация", "I did not go / Я не пошёл (не пошла)",
                     "A criminal case / Уголовное дело",
                     // Each selection of a multichoice on its own line (here an interviewer's question, in English only).
                     "- Prison - Being sent to fight anyway - Being called a traitor or an enemy, publicly or by officials",
                     "Я не хочу убивать украинцев. Это несправедливая война."] {
            XCTAssertTrue(foldedMilitary.contains(line), "the military section shows “\(line)”:\n\(military)")
        }
        // His fear in his words: prosecution and the front.
        let claim = ReportText.folded(try XCTUnwrap(ReportText.part("Суть требования", in: report)))
        XCTAssertTrue(claim.contains("Мне пришла повестка из военкомата."), claim)
        XCTAssertTrue(claim.contains("заведут уголовное дело и всё равно отправят на фронт."), claim)
        let persecutor = ReportText.folded(try XCTUnwrap(ReportText.part("Преследователь и защита со стороны государства", in: report)))
        XCTAssertTrue(persecutor.contains("Военный комиссариат") || persecutor.contains("военкомат") || persecutor.contains("Военкомат"), persecutor)
        XCTAssertTrue(persecutor.contains("The military enlistment office"), persecutor)
        // The torture section: never held, so only what he fears, asked without an "again".
        let torture = ReportText.folded(try XCTUnwrap(ReportText.part("Пытки (CAT)", in: report)))
        XCTAssertTrue(torture.contains("Are you afraid that you would be arrested or put in prison if you went back? Боитесь ли вы, что вас арестуют или посадят в тюрьму, если вы вернётесь? Yes / Да"), torture)
        XCTAssertTrue(torture.contains("What do you think would happen to you if you were held or imprisoned after going back? "
                                       + "Что, по-вашему, с вами будет, если после возвращения вас задержат или посадят в тюрьму? "
                                       + "Меня посадят в СИЗО"), torture)
        XCTAssertFalse(torture.contains("Were officials involved?"), torture)

        // Legal flags: an entry from Mexico after 2024-06-05 and after 2025-01-20, each with its
        // rule's status and source; the state is whom he fears, so CAT; nothing about a prior removal.
        let flags = ReportText.folded(try XCTUnwrap(ReportText.part("Legal flags", in: report)))
        XCTAssertTrue(flags.contains("the Securing the Border rule may be applied"), flags)
        XCTAssertTrue(flags.contains("Status: partly vacated by a court (as of 2026-11). Source: 8 CFR 208.35; Las Americas Immigrant Advocacy Center v. DHS"), flags)
        XCTAssertTrue(flags.contains("Proclamation 10888 may be invoked"), flags)
        XCTAssertFalse(flags.contains("Prior removal"), flags)
        XCTAssertTrue(folded.contains("Legal data as of: 2026-11"), String(report.prefix(1200)))

        let document = try json(try h.report(.json))
        XCTAssertEqual(ids(document["flags"]), ["securing_border_window", "proclamation_10888", "cat_acquiescence"])
        XCTAssertEqual(document["legal_data_as_of"] as? String, "2026-11")
        let answers = try XCTUnwrap(document["answers"] as? [String: Any])
        let summons = (answers["summons_date"] as? [String: Any])?["value"] as? [String: Any]
        XCTAssertEqual(summons?["date"] as? String, "2026-04-14")
        XCTAssertEqual(summons?["approximate"] as? Bool, false)
        XCTAssertNil(answers["incidents"], "no incidents on his path")
        XCTAssertEqual((answers["expected_punishment"] as? [String: Any])?["value"] as? [String], ["prison", "sent_to_front", "labelled_traitor"])
    }

    // MARK: 2. Threatened by a gang (Spanish)

    func testHonduranWomanThreatenedByAGangShowsThreatsAndThatThePoliceWouldNotHelp() throws {
        let (h, walk) = try walk(Stories.threatenedHonduran, id: "walk-es", language: "es", interviewerLanguage: "en")
        defer { h.close() }

        // Not a conscription country, no fear of the army: the military section never opens.
        // No state actor, no detention, no beating, no fear of prison: no torture section either.
        // She fears being killed by a gang the police work with: the torture questions open through
        // that fear (CAT for everyone), not only through custody; never held, so nothing about prison.
        for id in ["military_intro", "summons_received", "conscription_possible", "custody", "custody_fear",
                   "prior_removal_date", "acs_applied", "cbp_one_appointment", "us_arrest_date", "presence_proof"] {
            XCTAssertFalse(h.isOnPath(id), "\(id) should not be on her path")
        }
        for id in ["incidents", "threat_continues_details", "protection_failures", "relocation_obstacles", "moved_within_details",
                   "social_group_details", "earlier_statements_explained", "torture_intro", "officials_role", "lasting_effects"] {
            XCTAssertTrue(h.isOnPath(id), "\(id) should be on her path")
        }
        XCTAssertEqual(walk.wasOnPath("military_intro", whenAsked: "harmed_before"), false)
        let incidents = h.interview.entries(of: "incidents")
        XCTAssertEqual(incidents.count, 2)
        XCTAssertTrue(incidents[0].onPath.contains("why_not_reported") && !incidents[0].onPath.contains("report_result"))
        XCTAssertTrue(incidents[1].onPath.contains("report_result") && !incidents[1].onPath.contains("why_not_reported"))

        let report = try h.report(.text)
        let folded = ReportText.folded(report)
        XCTAssertTrue(ReportText.body(report).hasPrefix("Credible fear preparation summary\nResumen de la preparación"), String(report.prefix(300)))
        XCTAssertFalse(report.contains(ProgramWords.text(.fallbackMarker, "es")), "every Spanish text is translated")
        // Her one answer filed under the military heading is her "no" to fearing service.
        let military = ReportText.folded(try XCTUnwrap(ReportText.part("Servicio militar (Matter of A-G-; ACNUR, GIP 10)", in: report)))
        XCTAssertEqual(military, "Are you afraid of being forced to serve in the army, or of being "
                       + "punished for avoiding or leaving military service? ¿Tiene miedo de que lo/la obliguen a servir en el ejército, o de que lo/la castiguen por evitar o "
                       + "abandonar el servicio militar? No")
        XCTAssertEqual(walk.clientQuestions(in: h.questionnaire).count, 83, "client-facing questions without the military module (at most 85)")
        let cat = ReportText.folded(try XCTUnwrap(ReportText.part("Tortura (CAT)", in: report), "a CAT section for a gang victim"))
        XCTAssertTrue(cat.contains("¿Tiene miedo de que alguien le haga un daño muy grave a propósito si regresa?"), cat)
        XCTAssertTrue(cat.contains("- Police or officials work with them - Officials know and do nothing"), cat)

        // The gang's threats, in her words, under past harm.
        let past = ReportText.folded(try XCTUnwrap(ReportText.part("Daños pasados (persecución)", in: report)))
        for line in ["2026-03-02: Amenaza en la pulpería", "2026-07-10: Amenaza contra mi hijo",
                     "A gang or criminal group / Una pandilla o un grupo criminal",
                     "O pagás la renta o te morís.",
                     "La policía no me iba a ayudar", "The police would not help",
                     "El policía me dijo que con la mara no se metían y que mejor me fuera.",
                     "Le escribieron a mi mamá que me están esperando."] {
            XCTAssertTrue(past.contains(line), "past harm shows “\(line)”:\n\(past)")
        }
        // State protection: the police cannot or will not protect her.
        let protection = ReportText.folded(try XCTUnwrap(ReportText.part("Persecutor y protección del Estado", in: report)))
        for line in ["¿Podrían protegerlo/la la policía o el gobierno de su país?",
                     "No: they cannot or will not protect me / No: no pueden o no quieren protegerme",
                     "La policía trabaja con la mara. Cuando denuncié, no hicieron nada.",
                     "A gang or criminal group / Una pandilla o un grupo criminal"] {
            XCTAssertTrue(protection.contains(line), "state protection shows “\(line)”:\n\(protection)")
        }
        // Flags and points to clarify, in the interviewer's English.
        let flags = ReportText.folded(try XCTUnwrap(ReportText.part("Legal flags", in: report)))
        XCTAssertFalse(flags.contains("CBP One"), "she came in 2026, after CBP One appointments ended: \(flags)")
        XCTAssertTrue(flags.contains("officer's gender"), flags)
        XCTAssertTrue(flags.contains("screen for CAT"), flags)
        let clarify = ReportText.folded(try XCTUnwrap(ReportText.part("Points to clarify", in: report)))
        XCTAssertTrue(clarify.contains("did not tell the border officers they were afraid"), clarify)
        XCTAssertTrue(clarify.contains("signed papers they did not understand"), clarify)
        XCTAssertTrue(clarify.contains("earlier statements were incomplete or different"), clarify)
        XCTAssertTrue(folded.contains("Chronology"))

        let document = try json(try h.report(.json))
        XCTAssertEqual(ids(document["flags"]), ["securing_border_window", "proclamation_10888", "cat_acquiescence", "gender_based_claim", "interview_requests"])
        XCTAssertEqual(ids(document["clarify"]), ["fear_not_told_at_border", "earlier_statements", "papers_not_understood"])
        let answers = try XCTUnwrap(document["answers"] as? [String: Any])
        XCTAssertEqual((answers["police_protect"] as? [String: Any])?["value"] as? String, "no_cannot_or_will_not")
        XCTAssertNil(answers["summons_received"], "no military answers")
    }

    // MARK: 3. Removed before (English)

    func testPriorRemovalPutsTheReasonableFearFlagAtTheTopOfTheReport() throws {
        let (h, _) = try walk(Stories.priorRemoval, id: "walk-en", language: "en", interviewerLanguage: "en")
        defer { h.close() }

        XCTAssertTrue(h.isOnPath("prior_removal_date"))
        XCTAssertTrue(h.isOnPath("prior_removal_how") && h.isOnPath("rights_review_reasonable_fear"), "the reinstatement track")
        XCTAssertFalse(h.isOnPath("prior_us_visits"), "earlier stays are covered by the removal questions")
        // A beating in a past incident opens the torture questions; nothing opens the military ones.
        XCTAssertTrue(h.isOnPath("incidents"))
        XCTAssertTrue(h.isOnPath("torture_intro"))
        XCTAssertFalse(h.isOnPath("military_intro"))
        XCTAssertFalse(h.isOnPath("summons_date"))
        // Beaten but never held: asked about lasting injuries, not about custody.
        XCTAssertTrue(h.isOnPath("lasting_effects"))
        XCTAssertFalse(h.isOnPath("custody") || h.isOnPath("mistreatment_forms") || h.isOnPath("officials_involved"))

        let report = try h.report(.text)
        let flagsTitle = try XCTUnwrap(ReportText.titleLine("Legal flags", in: report))
        let firstPart = try XCTUnwrap(ReportText.titleLine("The client", in: report))
        XCTAssertLessThan(flagsTitle, firstPart, "legal flags come before the answers")
        let flags = try XCTUnwrap(ReportText.part("Legal flags", in: report))
        XCTAssertTrue(flags.hasPrefix("!! Prior removal: if the order is reinstated, this is a reasonable fear"), flags)
        // On the reinstatement track no asylum-only flag is raised, though he entered from Mexico in 2026.
        for asylumOnly in ["Securing the Border rule may be applied", "lawful-pathways window", "Proclamation 10888 may", "one-year asylum filing"] {
            XCTAssertFalse(ReportText.folded(flags).contains(asylumOnly), flags)
        }
        XCTAssertTrue(ReportText.folded(flags).contains("asylum is not available, only withholding of removal and CAT"), flags)
        XCTAssertTrue(ReportText.folded(flags).contains("counts as declining it: the client must say clearly that they want review."), flags)
        let procedure = ReportText.folded(try XCTUnwrap(ReportText.part("Entry and procedural posture", in: report)))
        XCTAssertTrue(procedure.contains("Has a US officer or judge ever deported you, or ordered you to leave the United States? Yes"), procedure)
        XCTAssertTrue(procedure.contains("When did that happen? 2019-07-18"), procedure)
        let chronology = ReportText.folded(try XCTUnwrap(ReportText.part("Chronology", in: report)))
        XCTAssertTrue(chronology.contains("2019-07-18 Earlier removal from the United States"), chronology)

        let document = try json(try h.report(.json))
        let flagList = try XCTUnwrap(document["flags"] as? [[String: Any]])
        XCTAssertEqual(flagList.first?["id"] as? String, "prior_removal_rfi")
        XCTAssertTrue((flagList.first?["message"] as? String ?? "").contains("reasonable fear interview, not a credible fear interview"))
        // The Markdown and HTML reports carry it too, before the first answer.
        for format in [ReportFormat.markdown, .html] {
            let text = try h.report(format)
            let flag = try XCTUnwrap(text.range(of: "Prior removal: if the order is reinstated"), "\(format)")
            // Page one names the client too; the answers are the details after the contents.
            let contents = try XCTUnwrap(text.range(of: "Contents"), "\(format)")
            let name = try XCTUnwrap(text.range(of: "Juan Tzoc Ixcoy", range: contents.upperBound..<text.endIndex), "\(format)")
            XCTAssertLessThan(flag.lowerBound, name.lowerBound, "\(format): the flag comes before the answers")
        }
    }
}
