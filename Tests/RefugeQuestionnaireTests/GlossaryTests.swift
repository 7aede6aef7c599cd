import Foundation
import XCTest
@testable import RefugeQuestionnaire

/// `glossary.avoid_on_client_screens`: words a questionnaire keeps off what the client reads.
/// A hit in a client-facing text is a warning (an error under `refuge validate --strict`);
/// notes, interviewer questions and checks may use the words.
final class GlossaryTests: XCTestCase {
    private func load(_ text: String, translation: String? = nil) -> LoadResult {
        var files = [SourceFile(relativePath: "questionnaire.yaml", bytes: Array(text.utf8))]
        if let translation { files.append(SourceFile(relativePath: "ru.yaml", bytes: Array(translation.utf8))) }
        return QuestionnaireLoader.load(files: files, displayRoot: "q", sourcePath: "q")
    }

    static let questionnaire = """
        format: 1
        id: tiny
        version: "1"
        title: Tiny
        languages: [en, ru]
        glossary:
          avoid_on_client_screens:
            en: ["traitor", "social group"]
            ru: ["предател"]
        sections:
          - id: s
            title: "Your Social Group"
            items:
              - id: betrayal
                type: yesno
                prompt: "Would they call you a TRAITOR?"
                note: "Imputed opinion: being called a traitor."
              - id: coded
                type: multichoice
                audience: interviewer
                prompt: "Which social group?"
                choices:
                  - {value: family, label: "Family as a social group"}
              - id: why
                type: choice
                prompt: "Why?"
                choices:
                  - {value: views, label: "My views"}
                  - {value: group, label: "A social group I belong to"}
        checks:
          - {id: traitor_flag, kind: flag, if: "betrayal == 'yes'", message: "Called a traitor."}
        """

    static let russian = """
        title: "Маленькая"
        sections: {s: "Ваша группа"}
        items:
          betrayal: {prompt: "Назовут ли вас предателем?", note: "Вменённые взгляды."}
          coded: {prompt: "Какая группа?", choices: {family: "Семья"}}
          why: {prompt: "Почему?", choices: {views: "Мои взгляды", group: "Группа"}}
        checks: {traitor_flag: "Называют предателем."}
        """

    func testClientTextsWithAvoidedWordsAreWarnedInEveryLanguage() throws {
        let result = load(Self.questionnaire, translation: Self.russian)
        XCTAssertEqual(result.errors.map(\.description), [])
        let warnings = result.warnings.map(\.message)
        XCTAssertEqual(warnings.count, 4, warnings.joined(separator: "\n"))
        for expected in ["the title of section `s` (en) uses “social group”",
                         "the prompt of `betrayal` (en) uses “traitor”",
                         "the prompt of `betrayal` (ru) uses “предател”",
                         "the label of choice `group` of `why` (en) uses “social group”"] {
            XCTAssertTrue(warnings.contains { $0.hasPrefix(expected) }, "missing: \(expected)\n\(warnings.joined(separator: "\n"))")
        }
        // Notes, interviewer questions and check messages may use the words.
        XCTAssertFalse(warnings.contains { $0.contains("`coded`") || $0.hasPrefix("the note") || $0.contains("traitor_flag") })
        XCTAssertNotNil(result.questionnaire, "a warning alone does not stop loading")
    }

    func testAGlossaryOfALanguageTheQuestionnaireDoesNotHaveIsAnError() {
        let text = Self.questionnaire.replacingOccurrences(of: "    ru: [\"предател\"]", with: "    fr: [\"traître\"]")
        XCTAssertTrue(load(text, translation: Self.russian).errors.contains {
            $0.message.contains("`fr` in `glossary.avoid_on_client_screens` is not one of this questionnaire's languages")
        })
    }

    func testTheShippedCredibleFearQuestionnaireKeepsItsOwnGlossary() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let result = QuestionnaireLoader.load(path: root.appendingPathComponent("Questionnaires/credible-fear").path)
        XCTAssertEqual(result.warnings.map(\.description), [], "no client screen uses a word the glossary avoids")
        let text = try String(contentsOf: root.appendingPathComponent("Questionnaires/credible-fear/questionnaire.yaml"), encoding: .utf8)
        XCTAssertTrue(text.contains("avoid_on_client_screens:"), "the questionnaire declares its glossary")
    }
}
