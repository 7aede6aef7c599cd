import Foundation
import XCTest

/// `refuge answer` driven like a shell script through a whole path of the example
/// questionnaire; the session file then holds exactly those answers.
final class AnswerCommandTests: XCTestCase {
    func testScriptedFullPathIsSavedExactly() throws {
        let refuge = try RefugeBinary()
        defer { refuge.cleanUp() }
        let id = try refuge.newSession(["--questionnaire", "example-intake", "--no-passphrase", "--label", "A-123"])
        let script: [[String]] = [
            ["interpreter_used", "in_person"],
            ["full_name", "Ana María Pérez"],
            ["birth_date", "1990-04-02"],
            ["nationality", "other", "--other-text", "Honduras (Garífuna)"],
            ["languages_spoken", "es,mam"],
            ["left_country_date", "~2024-09"],
            ["entry_date", "2024-11-03"],
            ["removed_before", "no"],
            ["family_with_you", "yes"],
            ["family[1].family_name", "Luis"],
            ["family[1].family_relation", "child"],
            ["family[1].family_age", "7"],
            ["family", "done"],
            ["family_own_fear", "yes"],
            ["afraid_to_return", "yes", "--note", "Cried when asked"],
            ["why_left", "-"],
            ["harmed_before", "yes"],
            ["harm_date", "--dont-know"],
            ["harm_details", "They burned our shop.", "--follow-up"],
            ["phone", "--refuse"],
            ["consent", "yes"],
        ]
        for step in script {
            let stdin = step.contains("-") ? "The gang said they would kill us.\nWe left at night.\n" : nil
            let r = try refuge.run(["answer", id] + step, stdin: stdin)
            XCTAssertEqual(r.status, 0, "\(step): \(r.stderr)")
        }
        let answers = try refuge.answers(id)
        XCTAssertEqual(Set(answers.keys), ["interpreter_used", "full_name", "birth_date", "nationality", "languages_spoken",
                                            "left_country_date", "entry_date", "removed_before", "family_with_you", "family",
                                            "family_own_fear", "afraid_to_return", "why_left", "harmed_before", "harm_date",
                                            "harm_details", "phone", "consent"])
        func value(_ id: String) -> [String: Any]? { (answers[id] as? [String: Any])?["value"] as? [String: Any] }
        XCTAssertEqual(value("full_name")?["text"] as? String, "Ana María Pérez")
        XCTAssertEqual(value("left_country_date")?["date"] as? String, "~2024-09")
        XCTAssertEqual(value("languages_spoken")?["choices"] as? [String], ["es", "mam"])
        XCTAssertEqual((answers["nationality"] as? [String: Any])?["other_text"] as? String, "Honduras (Garífuna)")
        XCTAssertEqual(value("why_left")?["text"] as? String, "The gang said they would kill us.\nWe left at night.")
        XCTAssertEqual((answers["harm_date"] as? [String: Any])?["status"] as? String, "dont_know")
        XCTAssertEqual((answers["phone"] as? [String: Any])?["status"] as? String, "refused")
        XCTAssertEqual((answers["harm_details"] as? [String: Any])?["follow_up"] as? Bool, true)
        XCTAssertEqual((answers["afraid_to_return"] as? [String: Any])?["note"] as? String, "Cried when asked")
        let family = try XCTUnwrap((answers["family"] as? [String: Any])?["entries"] as? [[String: Any]])
        XCTAssertEqual(family.count, 1)
        let fields = try XCTUnwrap(family[0]["answers"] as? [String: Any])
        XCTAssertEqual(((fields["family_age"] as? [String: Any])?["value"] as? [String: Any])?["number"] as? Double, 7)
        // The readable header tracks progress.
        let header = try XCTUnwrap(try refuge.sessionJSON(id)["header"] as? [String: Any])
        XCTAssertEqual(header["label"] as? String, "A-123")
        let list = try refuge.run(["list"])
        XCTAssertTrue(list.stdout.contains("A-123"), list.stdout)
    }

    func testRefusalsNameTheRuleNeverTheValueAndChangeNothing() throws {
        let refuge = try RefugeBinary()
        defer { refuge.cleanUp() }
        let id = try refuge.newSession(["--questionnaire", "example-intake", "--no-passphrase"])
        let before = try Data(contentsOf: refuge.sessionsFolder.appendingPathComponent("\(id).refuge"))
        let cases: [([String], String)] = [
            (["harm_details", "secret-words-1"], "not on the path"),
            (["birth_date", "2999-01-01"], "constraint"),
            (["languages_spoken", "klingon"], "one of the choices"),
            (["removed_before", "perhaps"], "yes or no"),
            (["birth_date", "03/04/2022"], "could be read two ways"),
            (["no_such_question", "x"], "no question"),
            (["family[1].family_name", "Luis"], "not on the path"),
        ]
        for (args, rule) in cases {
            let r = try refuge.run(["answer", id] + args)
            XCTAssertEqual(r.status, 1, "\(args)")
            XCTAssertTrue(r.stderr.contains(rule), "\(args): \(r.stderr)")
            XCTAssertTrue(r.stderr.contains("`\(args[0])`"), "the message names the question: \(r.stderr)")
            XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, "one line: \(r.stderr)")
            if args[1] != "x" { XCTAssertFalse(r.stderr.contains(args[1]), "the refused value leaked: \(r.stderr)") }
        }
        let after = try Data(contentsOf: refuge.sessionsFolder.appendingPathComponent("\(id).refuge"))
        XCTAssertEqual(before, after, "a refused answer must leave the session file as it was")
    }

    func testAnEntryPastTheLimitIsRefusedInWordsAndChangesNothing() throws {
        let refuge = try RefugeBinary()
        defer { refuge.cleanUp() }
        let questionnaire = refuge.home.appendingPathComponent("one-child.yaml")
        try """
        format: 1
        id: one-child
        version: "1"
        title: "One child"
        languages: [en]
        sections:
          - id: family
            title: "Family"
            items:
              - id: children
                type: repeat
                prompt: "Your children"
                max_count: 1
                items:
                  - id: child_name
                    type: text
                    prompt: "Name"
        """.write(to: questionnaire, atomically: true, encoding: .utf8)
        let id = try refuge.newSession(["--questionnaire", questionnaire.path, "--no-passphrase"])
        XCTAssertEqual(try refuge.run(["answer", id, "children[1].child_name", "Luis"]).status, 0)
        let before = try Data(contentsOf: refuge.sessionsFolder.appendingPathComponent("\(id).refuge"))
        let r = try refuge.run(["answer", id, "children[2].child_name", "Marta"])
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.stderr.trimmingCharacters(in: .whitespacesAndNewlines),
                       "Error: `children[2].child_name`: No more can be added here (at most 1).")
        XCTAssertFalse(r.stderr.contains("Marta"), "the refused value leaked: \(r.stderr)")
        let after = try Data(contentsOf: refuge.sessionsFolder.appendingPathComponent("\(id).refuge"))
        XCTAssertEqual(before, after, "a refused entry must leave the session file as it was")
    }

    func testNotesTranslationsAndOtherTextsCanComeFromStandardInputAndEmptyInputIsRefused() throws {
        let refuge = try RefugeBinary()
        defer { refuge.cleanUp() }
        let id = try refuge.newSession(["--questionnaire", "example-intake", "--no-passphrase"])
        XCTAssertEqual(try refuge.run(["answer", id, "full_name", "Ana", "--note", "-"], stdin: "a private note\n").status, 0)
        XCTAssertEqual(try refuge.run(["answer", id, "full_name", "--translation", "-"], stdin: "Anna\n").status, 0)
        XCTAssertEqual(try refuge.run(["answer", id, "nationality", "other", "--other-text", "-"], stdin: "Honduras\n").status, 0)
        var answers = try refuge.answers(id)
        let name = try XCTUnwrap(answers["full_name"] as? [String: Any])
        XCTAssertEqual(name["note"] as? String, "a private note")
        XCTAssertEqual(name["translation"] as? String, "Anna")
        XCTAssertEqual((answers["nationality"] as? [String: Any])?["other_text"] as? String, "Honduras")

        for (arguments, input) in [(["birth_date", "-"], ""), (["birth_date", "-"], "\n"), (["full_name", "--note", "-"], "  \n")] {
            let refused = try refuge.run(["answer", id] + arguments, stdin: input)
            XCTAssertEqual(refused.status, 1, "\(arguments) with \(input.debugDescription)")
            XCTAssertTrue(refused.stderr.contains("Standard input was empty"), refused.stderr)
        }
        answers = try refuge.answers(id)
        XCTAssertNil(answers["birth_date"], "nothing stored for an empty input")
        XCTAssertEqual((answers["full_name"] as? [String: Any])?["note"] as? String, "a private note")
        XCTAssertEqual(try refuge.run(["answer", id, "full_name", "-", "--note", "-"], stdin: "x").status, 2, "only one `-`")
    }
}
