import Foundation
import RefugeCanvas
import RefugeQuestionnaire
@testable import RefugeScreen
import RefugeSession
import XCTest

/// The home screen for a real caseload: newest first, finding a label, paging, asking before
/// quitting or writing a report, letters after a refused open, and the questionnaire picker.
final class HomeCaseloadTests: XCTestCase {
    struct Refused: Error, CustomStringConvertible { var description: String { "That passphrase does not open this session." } }

    func home(rows: [HomeScreen.Row], choices: @escaping () -> [HomeScreen.Choice] = { [HomeScreen.Choice(id: "x", title: "X", languages: ["en"])] },
              opened: @escaping (URL) throws -> Void = { _ in throw Refused() },
              reports: @escaping () -> Void = {}, load: ((String) -> HomeScreen.Choice?)? = nil) -> HomeRunner {
        let services = HomeServices(
            listSessions: { rows }, questionnaires: choices,
            create: { _, _, _, _, _ in throw Refused() },
            open: { url, _ in try opened(url); throw Refused() },
            delete: { _ in XCTFail("nothing is deleted here") },
            writeReport: { _, _ in reports(); return "/tmp/r.txt" },
            loadQuestionnaire: load)
        return HomeRunner(services: services, width: 80, height: 24)
    }

    func row(_ label: String, minutesAgo: Double, protected: Bool = false) -> HomeScreen.Row {
        HomeScreen.Row(url: URL(fileURLWithPath: "/s/\(label).refuge"), id: "id-\(label)", label: label, questionnaire: "credible-fear 2026.11",
                       language: "ru", progress: "3/92", updated: "2026-12-06 10:00", isProtected: protected,
                       updatedAt: Date(timeIntervalSince1970: 1_795_000_000 - minutesAgo * 60))
    }

    func testNewestFirstAndColumnsFit80() {
        let h = home(rows: [row("A-1", minutesAgo: 60), row("B-2", minutesAgo: 1), row("C-3", minutesAgo: 30)])
        XCTAssertEqual(h.rows.map(\.label), ["B-2", "C-3", "A-1"])
        let text = h.view().renderText()
        XCTAssertTrue(text.contains("LOCK"), text)
        for line in text.split(separator: "\n") { XCTAssertLessThanOrEqual(line.count, 80) }
    }

    func testSlashFiltersByLabelAndEnterOpensOnlyAVisibleRow() {
        var opened: [URL] = []
        let h = home(rows: [row("A-100", minutesAgo: 1), row("B-200", minutesAgo: 2), row("A-300", minutesAgo: 3)],
                     opened: { opened.append($0) })
        _ = h.handle(.character("/"))
        for c in "b-2" { _ = h.handle(.character(c)) }
        XCTAssertEqual(h.visibleRows.map { h.rows[$0].label }, ["B-200"])
        XCTAssertTrue(h.view().renderText().contains("Find: b-2"))
        _ = h.handle(.enter)
        XCTAssertEqual(opened.last?.lastPathComponent, "B-200.refuge")
        _ = h.handle(.escape)                               // Esc ends the filter: every row again
        XCTAssertEqual(h.visibleRows.count, 3)
    }

    func testTypingADigitFindsACaseNumber() {
        let h = home(rows: [row("2026-17", minutesAgo: 1), row("2025-03", minutesAgo: 2)])
        for c in "2025" { _ = h.handle(.character(c)) }
        XCTAssertEqual(h.visibleRows.map { h.rows[$0].label }, ["2025-03"])
    }

    func testHomeEndAndPageKeys() {
        let h = home(rows: (0..<40).map { row("S-\($0)", minutesAgo: Double($0)) })
        _ = h.handle(.end)
        XCTAssertEqual(h.rows[h.highlight].label, "S-39")
        _ = h.handle(.home)
        XCTAssertEqual(h.highlight, 0)
        _ = h.handle(.pageDown)
        XCTAssertEqual(h.highlight, h.pageSize)
        _ = h.handle(.pageUp)
        XCTAssertEqual(h.highlight, 0)
        XCTAssertTrue(h.view().renderText().contains("↓"), "the list goes on below")
    }

    func testEscAsksBeforeQuitting() {
        let h = home(rows: [row("A-1", minutesAgo: 1)])
        guard case .keepGoing = h.handle(.escape) else { return XCTFail("Esc does not quit at once") }
        XCTAssertTrue(h.view().renderText().contains("Quit Refuge?"))
        guard case .keepGoing = h.handle(.character("n")) else { return XCTFail("any other key stays") }
        _ = h.handle(.escape)
        guard case .quit = h.handle(.character("y")) else { return XCTFail("y quits") }
    }

    func testLettersAfterARefusedOpenDoNothingAndAReportAsksFirst() {
        var reports = 0
        let h = home(rows: [row("A-1", minutesAgo: 1)], reports: { reports += 1 })
        _ = h.handle(.enter)                                 // refused
        XCTAssertTrue(h.view().renderText().contains("does not open"))
        for c in "rdnq" { guard case .keepGoing = h.handle(.character(c)) else { return XCTFail("\(c) acted") } }
        XCTAssertEqual(reports, 0)
        guard case .list = h.mode else { return XCTFail("still on the list") }
        _ = h.handle(.down)                                  // any other key ends the quiet
        _ = h.handle(.character("r"))
        XCTAssertEqual(reports, 0, "r asks first")
        XCTAssertTrue(h.view().renderText().contains("Write a report for A-1"))
        _ = h.handle(.character("y"))
        XCTAssertEqual(reports, 1)
    }

    func testThePickerSeesNewQuestionnairesAndOffersAFile() {
        var installed = [HomeScreen.Choice(id: "x", title: "X", languages: ["en"])]
        var asked: [String] = []
        let h = home(rows: [], choices: { installed }, load: { path in
            asked.append(path)
            return path == "/q/mine.yaml" ? HomeScreen.Choice(id: path, title: "Mine", languages: ["en", "uk"]) : nil
        })
        installed.append(HomeScreen.Choice(id: "y", title: "Added later", languages: ["en", "es"]))
        _ = h.handle(.character("n"))
        _ = h.handle(.right)
        XCTAssertTrue(h.view().renderText().contains("Added later"), "seen without a restart:\n\(h.view().renderText())")
        _ = h.handle(.right)
        XCTAssertTrue(h.view().renderText().contains("a file:"), h.view().renderText())
        for c in "/q/nope.yaml" { _ = h.handle(.character(c)) }
        _ = h.handle(.enter)
        XCTAssertTrue(h.view().renderText().contains("No questionnaire can be read"), h.view().renderText())
        for _ in 0..<9 { _ = h.handle(.backspace) }
        for c in "mine.yaml" { _ = h.handle(.character(c)) }
        _ = h.handle(.enter)
        XCTAssertEqual(asked.last, "/q/mine.yaml")
        _ = h.handle(.right)
        XCTAssertTrue(h.view().renderText().contains("Українська"), h.view().renderText())
    }
}
