import Foundation
import RefugeQuestionnaire
import XCTest
@testable import RefugeXLSForm

/// Real, public XLSForms (from pyxform's tests): each imports to a questionnaire that loads with
/// no error and no warning, and says exactly the warnings listed beside it.
final class PublicFormTests: XCTestCase {
    static let folder = ImporterTests.fixtures.appendingPathComponent("pyxform")

    func testPublicFormsImportWithTheirListedWarnings() throws {
        for name in ["UCL_Biomass_Plot_Form", "xlsform_spec_test"] {
            let path = Self.folder.appendingPathComponent("\(name).xlsx").path
            let result = XLSFormImporter.importForm(path: path)
            XCTAssertEqual(result.errors, [], name)
            let files = result.files.map { SourceFile(relativePath: $0.name, bytes: Array($0.text.utf8)) }
            let loaded = QuestionnaireLoader.load(files: files, displayRoot: name, sourcePath: name)
            XCTAssertEqual(loaded.errors, [], name)
            if name == "UCL_Biomass_Plot_Form" {
                XCTAssertEqual(loaded.diagnostics, [], "the Swahili and English texts are complete")
            }
            // Messages name the sheet and row only (the absolute path differs between machines).
            let warnings = result.warnings.map { "\($0.place ?? "-"): \($0.message)" }.joined(separator: "\n") + "\n"
            let expectedFile = Self.folder.appendingPathComponent("\(name).warnings.txt")
            if ProcessInfo.processInfo.environment["REFUGE_WRITE_WARNINGS"] == "1" {
                try warnings.write(to: expectedFile, atomically: true, encoding: .utf8)
            }
            XCTAssertEqual(warnings, try String(contentsOf: expectedFile, encoding: .utf8), name)
        }
    }

    func testTypographicQuotesAreReadAsQuotes() throws {
        let result = XLSFormImporter.importForm(path: Self.folder.appendingPathComponent("UCL_Biomass_Plot_Form.xlsx").path)
        let yaml = try XCTUnwrap(result.files.first?.text)
        // survey!9: `${leader_name} = ‘other’`
        XCTAssertTrue(yaml.contains("show_if: \"leader_name == 'other'\""), yaml)
    }
}
