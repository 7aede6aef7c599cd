import Foundation
import XCTest

/// `refuge import` driven as a person would: each fixture XLSForm (as .xlsx and as CSV) is
/// imported, the folder passes `refuge validate --strict`, and a session is walked through
/// `refuge answer` with answers that turn relevance on and off and run into constraints.
final class ImportCommandTests: XCTestCase {
    static let fixtures = RefugeBinary.packageRoot.appendingPathComponent("Tests/RefugeXLSFormTests/Fixtures")

    private func importForm(_ refuge: RefugeBinary, _ form: String, strict: Bool = false) throws -> (RefugeBinary.Result, String) {
        let out = refuge.home.appendingPathComponent("imported-\(form)").path
        let r = try refuge.run(["import", Self.fixtures.appendingPathComponent(form).path, "-o", out] + (strict ? ["--strict"] : []))
        return (r, out)
    }

    func testEveryFixtureImportsAndValidatesStrictly() throws {
        let refuge = try RefugeBinary()
        defer { refuge.cleanUp() }
        for form in ["intake.xlsx", "intake", "family.xlsx", "family", "field-kit.xlsx", "field-kit"] {
            let (r, out) = try importForm(refuge, form)
            XCTAssertEqual(r.status, 0, "\(form): \(r.stderr)")
            XCTAssertTrue(r.stdout.contains("imported to \(out)"), r.stdout)
            let v = try refuge.run(["validate", "--strict", out])
            XCTAssertEqual(v.status, 0, "\(form): \(v.stdout)\(v.stderr)")
        }
    }

    func testWarningsNameFileSheetAndRowAndStrictMakesThemErrors() throws {
        let refuge = try RefugeBinary()
        defer { refuge.cleanUp() }
        let (lenient, _) = try importForm(refuge, "field-kit.xlsx")
        XCTAssertEqual(lenient.status, 0, lenient.stderr)
        let xlsx = Self.fixtures.appendingPathComponent("field-kit.xlsx").path
        XCTAssertTrue(lenient.stderr.contains("\(xlsx):survey!3: warning: `location` (geopoint) is not imported"), lenient.stderr)
        XCTAssertTrue(lenient.stderr.contains("\(xlsx):survey!6: warning: the choice_filter"), lenient.stderr)
        XCTAssertTrue(lenient.stdout.contains("warnings"), lenient.stdout)

        let (strict, _) = try importForm(refuge, "field-kit", strict: true)
        XCTAssertEqual(strict.status, 1, strict.stderr)
        let csv = Self.fixtures.appendingPathComponent("field-kit/survey.csv").path
        XCTAssertTrue(strict.stderr.contains("\(csv):survey!9: error: the calculation `${hh_size} * 2` is not imported"), strict.stderr)
        XCTAssertTrue(strict.stderr.contains("not imported ("), strict.stderr)

        // Forms with nothing to drop pass --strict.
        let (clean, _) = try importForm(refuge, "intake.xlsx", strict: true)
        XCTAssertEqual(clean.status, 0, clean.stderr)
        XCTAssertEqual(clean.stderr, "")
    }

    func testUsageAndFileErrors() throws {
        let refuge = try RefugeBinary()
        defer { refuge.cleanUp() }
        XCTAssertEqual(try refuge.run(["import"]).status, 2)
        XCTAssertEqual(try refuge.run(["import", "--no-such-flag", "x.xlsx"]).status, 2)
        let missing = try refuge.run(["import", "/nonexistent/form.xlsx"])
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.stderr.contains("/nonexistent/form.xlsx: error: there is no file or folder here"), missing.stderr)
        // A file that is not a zip is named as such, without a stack trace.
        let fake = refuge.home.appendingPathComponent("fake.xlsx")
        try Data("type,name\n".utf8).write(to: fake)
        let notZip = try refuge.run(["import", fake.path])
        XCTAssertEqual(notZip.status, 1)
        XCTAssertTrue(notZip.stderr.contains("not an .xlsx file"), notZip.stderr)
    }

    func testAFolderNotWrittenByImportIsNeverOverwritten() throws {
        let refuge = try RefugeBinary()
        defer { refuge.cleanUp() }
        let own = refuge.home.appendingPathComponent("mine")
        try FileManager.default.createDirectory(at: own, withIntermediateDirectories: true)
        try Data("format: 1\n".utf8).write(to: own.appendingPathComponent("questionnaire.yaml"))
        let r = try refuge.run(["import", Self.fixtures.appendingPathComponent("family").path, "-o", own.path])
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(try String(contentsOf: own.appendingPathComponent("questionnaire.yaml"), encoding: .utf8), "format: 1\n")
        // An earlier import is replaced, and a translation file it no longer has is removed.
        let (first, out) = try importForm(refuge, "intake.xlsx")
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: out + "/es.yaml"))
        let again = try refuge.run(["import", Self.fixtures.appendingPathComponent("family.xlsx").path, "-o", out])
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out + "/es.yaml"))
    }

    /// `refuge answer`; `refusedFor` is a word the refusal must contain (empty: any refusal).
    private func answer(_ refuge: RefugeBinary, _ id: String, _ args: [String], stdin: String? = nil, refusedFor rule: String? = nil,
                        file: StaticString = #filePath, line: UInt = #line) throws {
        let r = try refuge.run(["answer", id] + args, stdin: stdin)
        if let rule {
            XCTAssertEqual(r.status, 1, "\(args) should be refused", file: file, line: line)
            XCTAssertTrue(rule.isEmpty || r.stderr.contains(rule), "\(args): expected \(rule) in \(r.stderr)", file: file, line: line)
        } else {
            XCTAssertEqual(r.status, 0, "\(args): \(r.stderr)", file: file, line: line)
        }
    }

    func testIntakeWalkedThroughRelevanceAndConstraints() throws {
        let refuge = try RefugeBinary()
        defer { refuge.cleanUp() }
        let (imported, out) = try importForm(refuge, "intake.xlsx")
        XCTAssertEqual(imported.status, 0, imported.stderr)
        let id = try refuge.newSession(["--questionnaire", out, "--no-passphrase", "--language", "es"])
        try answer(refuge, id, ["full_name", "A"], refusedFor: "constraint")            // string-length(.) >= 2
        try answer(refuge, id, ["full_name", "Ana Pérez"])
        try answer(refuge, id, ["birth_date", "2999-01-01"], refusedFor: "constraint") // . < today()
        try answer(refuge, id, ["birth_date", "1899-05-01"], refusedFor: "constraint") // . > date('1900-01-01')
        try answer(refuge, id, ["birth_date", "2010-04-02"])
        try answer(refuge, id, ["age", "150"], refusedFor: "constraint")
        try answer(refuge, id, ["age", "16"])
        try answer(refuge, id, ["guardian", "My aunt"])                                   // if(age >= 18, …) = 'minor'
        try answer(refuge, id, ["has_a_number", "no"])
        try answer(refuge, id, ["a_number", "A12345678"], refusedFor: "not on the path") // ${has_a_number} = 'yes'
        try answer(refuge, id, ["has_a_number", "yes"])
        try answer(refuge, id, ["a_number", "B12"], refusedFor: "constraint")           // regex()
        try answer(refuge, id, ["a_number", "A123456789"])
        try answer(refuge, id, ["country", "other", "--other-text", "Venezuela"])       // or_other
        try answer(refuge, id, ["langs", "es,en,mam"], refusedFor: "")                  // count-selected(.) <= 2
        try answer(refuge, id, ["langs", "es,mam"])
        try answer(refuge, id, ["best_language", "Mam"])                                 // count-selected(${langs}) >= 2
        try answer(refuge, id, ["interpreter_ok", "yes"])                                // not(selected(${langs}, 'en'))
        try answer(refuge, id, ["weeks_travel", "0"], refusedFor: "constraint")
        try answer(refuge, id, ["weeks_travel", "3.5"])
        try answer(refuge, id, ["fear_level", "6"], refusedFor: "5")                      // range 1..5
        try answer(refuge, id, ["fear_level", "3"])
        // fear_level >= 3 and the interpreter acknowledged: not shown; above 4 it is.
        try answer(refuge, id, ["fear_story", "They came at night."], refusedFor: "not on the path")
        try answer(refuge, id, ["fear_level", "5"])
        try answer(refuge, id, ["fear_story", "They came at night."])
        try answer(refuge, id, ["left_date", "2009-12"], refusedFor: "constraint")      // . >= ${birth_date}
        try answer(refuge, id, ["left_date", "2024-09"])
        try answer(refuge, id, ["companions", "25"], refusedFor: "constraint")
        try answer(refuge, id, ["companions", "2"])

        let answers = try refuge.answers(id)
        XCTAssertEqual(Set(answers.keys), ["full_name", "birth_date", "age", "guardian", "has_a_number", "a_number", "country",
                                            "langs", "best_language", "interpreter_ok", "weeks_travel", "fear_level", "fear_story", "left_date",
                                            "companions"])
        let report = try refuge.run(["report", id, "--format", "text", "--language", "es"])
        XCTAssertEqual(report.status, 0, report.stderr)
        XCTAssertTrue(report.stdout.contains("¿Cuál es su nombre completo?"), report.stdout)
        XCTAssertTrue(report.stdout.contains("Venezuela"), report.stdout)

        // An adult is not asked who takes care of them, and a speaker of English gets no interpreter question.
        let adult = try refuge.newSession(["--questionnaire", out, "--no-passphrase"])
        try answer(refuge, adult, ["age", "30"])
        try answer(refuge, adult, ["guardian", "Nobody"], refusedFor: "not on the path")
        try answer(refuge, adult, ["langs", "en"])
        try answer(refuge, adult, ["interpreter_ok", "yes"], refusedFor: "not on the path")
        try answer(refuge, adult, ["best_language", "English"], refusedFor: "not on the path")
    }

    func testFamilyRepeatsWalkedThrough() throws {
        let refuge = try RefugeBinary()
        defer { refuge.cleanUp() }
        let (imported, out) = try importForm(refuge, "family")
        XCTAssertEqual(imported.status, 0, imported.stderr)
        let id = try refuge.newSession(["--questionnaire", out, "--no-passphrase"])
        try answer(refuge, id, ["n_children", "-"], stdin: "-1\n", refusedFor: "constraint")
        try answer(refuge, id, ["n_children", "2"])
        try answer(refuge, id, ["children[1].child_name", "Luis"])
        try answer(refuge, id, ["children[1].child_age", "20"], refusedFor: "constraint")
        try answer(refuge, id, ["children[1].child_age", "7"])
        try answer(refuge, id, ["children[1].in_school", "1"])                          // ${child_age} >= 5
        try answer(refuge, id, ["children[2].child_name", "Eva"])
        try answer(refuge, id, ["children[2].child_age", "3"])
        try answer(refuge, id, ["children[2].in_school", "1"], refusedFor: "not on the path")
        try answer(refuge, id, ["children[3].child_name", "Too many"], refusedFor: "")  // repeat_count ${n_children}
        try answer(refuge, id, ["adults", "none"])
        try answer(refuge, id, ["contact", "My cousin"])                                // count(${adults}) = 0
        try answer(refuge, id, ["adults[1].adult_name", "Rosa"])
        try answer(refuge, id, ["adults", "done"])
        try answer(refuge, id, ["contact", "My cousin"], refusedFor: "not on the path")
        let answers = try refuge.answers(id)
        let children = try XCTUnwrap((answers["children"] as? [String: Any])?["entries"] as? [[String: Any]])
        XCTAssertEqual(children.count, 2)
    }

    /// What was not imported is visible in the walk: the choice_filter and the `mod` constraint
    /// are gone (any district, an odd number), the relevance with indexed-repeat is gone (always asked).
    func testFieldKitWalkedThroughWhatWasLeftOut() throws {
        let refuge = try RefugeBinary()
        defer { refuge.cleanUp() }
        let (imported, out) = try importForm(refuge, "field-kit")
        XCTAssertEqual(imported.status, 0, imported.stderr)
        let id = try refuge.newSession(["--questionnaire", out, "--no-passphrase"])
        try answer(refuge, id, ["village", "Lakeside"])
        try answer(refuge, id, ["location", "1.5 2.5"], refusedFor: "no question")
        try answer(refuge, id, ["region", "north"])
        try answer(refuge, id, ["district", "d2"])
        try answer(refuge, id, ["district", "d3"], refusedFor: "one of the choices")
        try answer(refuge, id, ["hh_size", "4"])
        try answer(refuge, id, ["even_number", "3"])
        try answer(refuge, id, ["members[1].member_name", "Ana"])
        try answer(refuge, id, ["members", "done"])
        try answer(refuge, id, ["first_member_note", "Eldest"])
        let answers = try refuge.answers(id)
        XCTAssertEqual(Set(answers.keys), ["village", "region", "district", "hh_size", "even_number", "members", "first_member_note"])
    }
}
