import Foundation
import RefugeExpressions
import RefugeQuestionnaire
import XCTest

/// Loads a questionnaire from YAML text, failing the test with every diagnostic if it has errors.
func loadQuestionnaire(_ yaml: String, file: StaticString = #filePath, line: UInt = #line) throws -> Questionnaire {
    let result = QuestionnaireLoader.load(files: [SourceFile(relativePath: "test.yaml", bytes: Array(yaml.utf8))],
                                          displayRoot: "test.yaml", sourcePath: "test.yaml")
    guard let q = result.questionnaire else {
        XCTFail(result.diagnostics.map(\.description).joined(separator: "\n"), file: file, line: line)
        throw NSError(domain: "test", code: 1)
    }
    return q
}

let day = PartialDate(year: 2026, month: 11, day: 29)

/// A small questionnaire with every routing feature the engine must honour.
let routingYAML = """
format: 1
id: routing
version: "1"
title: Routing
languages: [en]
sections:
  - id: basics
    title: Basics
    items:
      - {id: intro, type: info, text: "Welcome"}
      - {id: name, type: text, prompt: "Name?", required: true}
      - id: born
        type: date
        prompt: "Born?"
        constraint: ". <= today()"
        constraint_message: "A birth date cannot be in the future"
      - {id: age, type: calculate, expression: "years_between(born, today())"}
      - id: afraid
        type: yesno
        prompt: "Afraid to return?"
        next:
          - if: "afraid == 'no'"
            goto: closing
      - id: why
        type: longtext
        prompt: "Why?"
        show_if: "afraid == 'yes'"
  - id: harm
    title: Harm
    show_if: "not (afraid == 'no')"
    items:
      - id: harmed
        type: yesno
        prompt: "Harmed before?"
      - id: incidents
        type: repeat
        prompt: "What happened?"
        show_if: "harmed == 'yes'"
        items:
          - {id: when, type: date, prompt: "When?", required: true}
          - {id: reported, type: yesno, prompt: "Reported to police?"}
          - {id: why_not, type: text, prompt: "Why not?", show_if: "reported == 'no'"}
      - id: grounds
        type: multichoice
        prompt: "Why?"
        other: true
        choices:
          - {value: political, label: "Politics"}
          - {value: religion, label: "Religion"}
      - {id: faith, type: text, prompt: "Which faith?", show_if: "'religion' in grounds"}
      - id: people
        type: number
        prompt: "How many people came with you?"
        min: 0
        integer: true
      - id: companions
        type: repeat
        prompt: "Who came with you?"
        count: "people"
        items:
          - {id: companion_name, type: text, prompt: "Name?"}
  - id: closing
    title: Closing
    items:
      - {id: anything_else, type: longtext, prompt: "Anything else?"}
checks:
  - id: reported_harm
    if: "any(incidents, reported == 'yes')"
    message: "At least one incident was reported"
  - id: young
    kind: flag
    if: "age < 18"
    message: "The client may be a minor"
"""
