import Foundation
import XCTest

final class ValidateCommandTests: XCTestCase {
    func testShippedQuestionnairesAreValidUnderStrict() throws {
        let refuge = try RefugeBinary()
        defer { refuge.cleanUp() }
        let r = try refuge.run(["validate", "--strict", "Questionnaires"])
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
        XCTAssertTrue(r.stdout.contains("credible-fear"), r.stdout)
        XCTAssertTrue(r.stdout.contains("example-intake"), r.stdout)
    }

    func testEachBrokenFixtureExitsOneWithItsLineAndNoStackTrace() throws {
        let refuge = try RefugeBinary()
        defer { refuge.cleanUp() }
        let folder = RefugeBinary.packageRoot.appendingPathComponent("Tests/RefugeQuestionnaireTests/Fixtures/broken")
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() where name.hasSuffix(".yaml") {
            let path = folder.appendingPathComponent(name).path
            let expectation = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")[0].dropFirst("# expect: ".count)
            let position = expectation.split(separator: ":").prefix(2).joined(separator: ":")
            let r = try refuge.run(["validate", "--strict", path])
            XCTAssertEqual(r.status, 1, "\(name): \(r.stdout)\(r.stderr)")
            XCTAssertTrue(r.stdout.contains("\(name):\(position): "), "\(name): expected position \(position) in\n\(r.stdout)")
            XCTAssertFalse((r.stdout + r.stderr).contains("Fatal error"), name)
        }
    }

    func testUsageErrorsExitTwo() throws {
        let refuge = try RefugeBinary()
        defer { refuge.cleanUp() }
        XCTAssertEqual(try refuge.run(["validate"]).status, 2)
        XCTAssertEqual(try refuge.run(["validate", "--no-such-flag", "x"]).status, 2)
    }

    func testMissingFileIsAnErrorWithItsName() throws {
        let refuge = try RefugeBinary()
        defer { refuge.cleanUp() }
        let r = try refuge.run(["validate", "/nonexistent/q.yaml"])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stdout.contains("/nonexistent/q.yaml:1:1: error: there is no file or folder here"), r.stdout)
    }
}
