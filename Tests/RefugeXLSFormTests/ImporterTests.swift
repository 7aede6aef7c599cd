import Foundation
import RefugeQuestionnaire
import XCTest
@testable import RefugeXLSForm

final class ImporterTests: XCTestCase {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let forms = ["intake", "family", "field-kit"]

    /// The .xlsx files (shared strings, rich text, inline strings, numbers, booleans, sparse
    /// rows, sheets in a shuffled order of parts) read as exactly the cells of the CSV files.
    func testEachXLSXFixtureReadsAsItsCSVFiles() throws {
        for form in Self.forms {
            let xlsx = try FormReader.read(path: Self.fixtures.appendingPathComponent("\(form).xlsx").path).get()
            let csv = try FormReader.read(path: Self.fixtures.appendingPathComponent(form).path).get()
            for (a, b) in [(xlsx.survey, csv.survey), (xlsx.choices!, csv.choices!), (xlsx.settings!, csv.settings!)] {
                XCTAssertEqual(a.header, Array(b.header.prefix(a.header.count)), "\(form) \(a.name)")
                XCTAssertEqual(a.rows.map(\.number), b.rows.map(\.number), "\(form) \(a.name)")
                for (x, y) in zip(a.rows, b.rows) {
                    XCTAssertEqual(trimmed(x.cells), trimmed(y.cells), "\(form) \(a.name)!\(x.number)")
                }
            }
        }
    }

    private func trimmed(_ cells: [String]) -> [String] {
        var cells = cells
        while cells.last == "" { cells.removeLast() }
        return cells
    }

    func testXLSXAndCSVGiveTheSameQuestionnaire() throws {
        for form in Self.forms {
            let a = XLSFormImporter.importForm(path: Self.fixtures.appendingPathComponent("\(form).xlsx").path)
            let b = XLSFormImporter.importForm(path: Self.fixtures.appendingPathComponent(form).path)
            XCTAssertFalse(a.files.isEmpty, "\(form): \(a.diagnostics)")
            XCTAssertEqual(a.files, b.files, form)
        }
    }

    /// Every imported fixture loads without a problem, warnings included.
    func testEachImportedFixtureLoadsCleanly() throws {
        for form in Self.forms {
            let result = XLSFormImporter.importForm(path: Self.fixtures.appendingPathComponent("\(form).xlsx").path)
            let loaded = load(result)
            XCTAssertNotNil(loaded.questionnaire, "\(form): \(loaded.diagnostics)")
            XCTAssertEqual(loaded.diagnostics, [], form)
        }
    }

    private func load(_ result: ImportResult) -> LoadResult {
        let files = result.files.map { SourceFile(relativePath: $0.name, bytes: Array($0.text.utf8)) }
        return QuestionnaireLoader.load(files: files, displayRoot: "out", sourcePath: "out")
    }

    private func sheet(_ name: String, _ rows: [[String]]) -> Sheet {
        Sheet.from(name: name, file: "f.xlsx", rawRows: rows.enumerated().map { Sheet.Row(number: $0.offset + 1, cells: $0.element) })
    }

    /// Ids, values and texts that YAML would otherwise read as something else come back as written.
    func testTrickyTextsReadBackLiterally() throws {
        let survey = sheet("survey", [
            ["type", "name", "label::English (en)", "label::Français (fr)", "hint::English (en)"],
            ["select_one answers", "no", "on: \"yes\" # not a comment", "« oui » \\ non", "line one\nline two\ttab"],
            ["text", "Q-2", "~", "010", "2022-09-21"],
        ])
        let choices = sheet("choices", [
            ["list_name", "name", "label::English (en)", "label::Français (fr)"],
            ["answers", "no", "NO", "non"],
            ["answers", "010", "2026.10", "null"],
            ["answers", "y.e_s-1", "- dash: colon", "[crochets]"],
        ])
        let settings = sheet("settings", [["form_id", "version", "form_title"], ["Tricky Form!", "2026.10", "true"]])
        let result = XLSFormImporter.convert(Workbook(survey: survey, choices: choices, settings: settings, source: "f.xlsx"))
        let loaded = load(result)
        let q = try XCTUnwrap(loaded.questionnaire, "\(loaded.diagnostics)")
        XCTAssertEqual(q.id, "tricky-form-")
        XCTAssertEqual(q.version, "2026.10")
        XCTAssertEqual(q.languages, ["en", "fr"])
        let items = q.allItems
        // `no` as a name is a reserved-free id but YAML 1.1 would read it as false unquoted.
        XCTAssertEqual(items.map(\.id), ["no", "q_2"])
        XCTAssertEqual(items[0].prompt?.translations["en"], "on: \"yes\" # not a comment")
        XCTAssertEqual(items[0].prompt?.translations["fr"], "« oui » \\ non")
        XCTAssertEqual(items[0].help?.translations["en"], "line one\nline two\ttab")
        XCTAssertEqual(items[1].prompt?.translations["en"], "~")
        XCTAssertEqual(items[1].prompt?.translations["fr"], "010")
        let values = items[0].choices.map(\.value)
        XCTAssertEqual(values, ["no", "010", "y.e_s-1"])
        XCTAssertEqual(items[0].choices[1].label.translations["en"], "2026.10")
        XCTAssertEqual(items[0].choices[1].label.translations["fr"], "null")
        XCTAssertEqual(items[0].choices[2].label.translations["fr"], "[crochets]")
    }

    func testUnbalancedGroupsAreErrorsAtTheirRow() {
        let open = sheet("survey", [["type", "name", "label"], ["begin group", "g", "G"], ["text", "a", "A"]])
        let r1 = XLSFormImporter.convert(Workbook(survey: open, choices: nil, settings: nil, source: "f.xlsx"))
        XCTAssertTrue(r1.files.isEmpty)
        XCTAssertEqual(r1.errors.map(\.description), ["f.xlsx:survey!2: error: `begin group` `g` is never closed with `end group`"])
        let crossed = sheet("survey", [["type", "name", "label"], ["begin repeat", "r", "R"], ["text", "a", "A"], ["end group"]])
        let r2 = XLSFormImporter.convert(Workbook(survey: crossed, choices: nil, settings: nil, source: "f.xlsx"))
        XCTAssertEqual(r2.errors.first?.place, "survey!4")
    }

    func testNestedGroupConditionsAreJoinedOntoEachQuestion() throws {
        let survey = sheet("survey", [
            ["type", "name", "label", "relevant"],
            ["integer", "age", "Age", ""],
            ["begin group", "outer", "Outer", "${age} > 10"],
            ["begin group", "inner", "", "${age} < 60"],
            ["text", "job", "Job", "${age} != 30"],
            ["end group"],
            ["end group"],
        ])
        let result = XLSFormImporter.convert(Workbook(survey: survey, choices: nil, settings: nil, source: "f.xlsx"))
        let q = try XCTUnwrap(load(result).questionnaire)
        XCTAssertEqual(q.sections.map(\.id), ["section_1", "outer"])
        XCTAssertEqual(q.sections[1].showIf?.source, "age > 10")
        let job = try XCTUnwrap(q.allItems.first { $0.id == "job" })
        XCTAssertEqual(job.showIf?.source, "(age < 60) and (not (age == 30))")
    }

    func testUnsupportedRowsAreWarningsAndComments() throws {
        let result = XLSFormImporter.importForm(path: Self.fixtures.appendingPathComponent("field-kit").path)
        XCTAssertEqual(result.errors, [])
        let places = Set(result.warnings.compactMap(\.place))
        for place in ["survey!3", "survey!4", "survey!6", "survey!7", "survey!8", "survey!9", "survey!10", "survey!11",
                      "survey!12", "survey!13", "survey!14", "survey!18", "survey!19", "settings!2", "choices!4"] {
            XCTAssertTrue(places.contains(place), "no warning at \(place): \(places.sorted())")
        }
        let yaml = try XCTUnwrap(result.files.first { $0.name == "questionnaire.yaml" }?.text)
        XCTAssertTrue(yaml.contains("# warning (survey!3): `location` (geopoint) is not imported"), yaml)
        XCTAssertTrue(yaml.contains("# warning (survey!9): the calculation `${hh_size} * 2` is not imported"), yaml)
        XCTAssertFalse(yaml.contains("id: \"location\""))
    }

    func testACalculationThatCannotBeTranslatedTakesWhatNamesItWithIt() throws {
        let survey = sheet("survey", [
            ["type", "name", "label", "calculation", "constraint"],
            ["integer", "n", "N", "", ""],
            ["calculate", "twice", "", "${n} * 2", ""],
            ["calculate", "more", "", "${twice} + 1", ""],
            ["integer", "m", "M: ${more}", "", ". < ${more}"],
        ])
        let result = XLSFormImporter.convert(Workbook(survey: survey, choices: nil, settings: nil, source: "f.xlsx"))
        XCTAssertEqual(result.errors, [])
        XCTAssertEqual(result.warnings.compactMap(\.place), ["survey!3", "survey!4", "survey!5", "survey!5"])
        let q = try XCTUnwrap(load(result).questionnaire, "\(load(result).diagnostics)")
        XCTAssertEqual(q.allItems.map(\.id), ["n", "m"])
        XCTAssertEqual(q.allItems[1].prompt?.translations["en"], "M: ${more}")
        XCTAssertNil(q.allItems[1].constraint)
    }

    func testLanguagesOneColonHeadersAndTextsMissingInTheDefaultLanguage() throws {
        let survey = sheet("survey", [
            ["type", "name", "label:English (en)", "label::Kiswahili (sw)", "hint::Kiswahili (sw)", "label"],
            ["text", "a", "Name?", "Jina?", "Andika jina", ""],
            ["text", "b", "", "Umri?", "", ""],
            ["text", "c", "", "", "", "Plain"],
        ])
        let result = XLSFormImporter.convert(Workbook(survey: survey, choices: nil, settings: nil, source: "f.xlsx"))
        let q = try XCTUnwrap(load(result).questionnaire, "\(load(result).diagnostics)")
        // Without default_language the first language with text is the default; a column
        // without a language fills its gaps; a text only in Swahili is used for English too.
        XCTAssertEqual(q.languages, ["en", "sw"])
        XCTAssertEqual(q.allItems[0].help?.translations, ["en": "Andika jina", "sw": "Andika jina"])
        XCTAssertEqual(q.allItems[1].prompt?.translations, ["en": "Umri?", "sw": "Umri?"])
        XCTAssertEqual(q.allItems[2].prompt?.translations["en"], "Plain")
        XCTAssertEqual(result.warnings.compactMap(\.place), ["survey!2", "survey!3"])
    }

    func testANameUsedTwiceGivesTwoIds() throws {
        let survey = sheet("survey", [
            ["type", "name", "label"],
            ["text", "family", "Family name"],
            ["begin group", "family", "Family"],
            ["text", "Family", "Again"],
            ["end group"],
            ["begin repeat", "family", "Relatives"],
            ["text", "relative", "Name"],
            ["end repeat"],
        ])
        let result = XLSFormImporter.convert(Workbook(survey: survey, choices: nil, settings: nil, source: "f.xlsx"))
        let q = try XCTUnwrap(load(result).questionnaire, "\(load(result).diagnostics)")
        XCTAssertEqual(q.sections.map(\.id), ["section_1", "family_2", "section_3"])
        XCTAssertEqual(q.allItems.map(\.id), ["family", "family_3", "family_4", "relative"])
        XCTAssertEqual(result.warnings.compactMap(\.place), ["survey!3", "survey!6"], "`Family` is another name than `family`")
    }
}
