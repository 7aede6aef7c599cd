import Foundation
import RefugeEngine
import RefugeQuestionnaire
import RefugeReport
import RefugeSession
import XCTest

/// A credible-fear session in a temporary sessions folder, with a fixed clock, driven the way
/// `refuge answer` drives it (no screen).
struct WalkthroughHarness {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let questionnairePath = "Questionnaires/credible-fear"
    /// 2026-11-18, 17:46 UTC: the session's creation, its interview date and the report's time.
    static let now = Date(timeIntervalSince1970: 1_795_000_000)

    /// Loaded once: every test walks the same questionnaire.
    static let questionnaire: Questionnaire? = QuestionnaireLoader.load(path: root.appendingPathComponent(questionnairePath).path).questionnaire

    let id: String
    let folder: URL
    let store: SessionStore
    let controller: SessionController

    init(id: String, language: String, interviewerLanguage: String, label: String) throws {
        self.id = id
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("walkthrough-\(UUID().uuidString)")
        store = SessionStore(folder: folder)
        let q = try XCTUnwrap(Self.questionnaire, "Questionnaires/credible-fear does not load")
        let created = Self.now
        let session = NewSession.make(id: id, questionnaire: q, language: language, interviewerLanguage: interviewerLanguage,
                                      label: label, now: created, timeZone: TimeZone(identifier: "UTC")!)
        let file = try store.create(session, questionnaire: q, key: nil)
        controller = SessionController(file: file, questionnaire: q, now: { created })
    }

    var interview: Interview { controller.interview }
    var questionnaire: Questionnaire { controller.questionnaire }

    func isOnPath(_ id: String) -> Bool { interview.isOnPath(AnswerRef(id)) }

    /// The session as saved on disk, read back through the store (not the in-memory copy).
    func savedSession() throws -> Session {
        try store.read(store.url(for: id), passphrase: nil).session
    }

    /// The report of the saved session, made at the fixed time. With REFUGE_WALKTHROUGH_REPORTS
    /// set to a folder, the report is also written there, for a person to read.
    func report(_ format: ReportFormat, language: String? = nil) throws -> String {
        let text = ReportWriter.render(session: try savedSession(), questionnaire: questionnaire, format: format,
                                       options: ReportOptions(language: language, redact: false, notes: false, now: Self.now))
        if let folder = ProcessInfo.processInfo.environment["REFUGE_WALKTHROUGH_REPORTS"], !folder.isEmpty {
            let url = URL(fileURLWithPath: folder).appendingPathComponent("\(id)\(language.map { "-" + $0 } ?? "").\(format.fileExtension)")
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        return text
    }

    func close() {
        controller.file.close()
        try? FileManager.default.removeItem(at: folder)
    }
}

/// Looking at reports: the text renderer wraps at 80 columns, so a key line is looked for in
/// the report with its line breaks and indents folded into single spaces.
enum ReportText {
    /// The report without its page headers ("label  Confidential · Page N of M" and the blank
    /// line after it, as one blank line), so a part that runs over a page reads as one.
    static func body(_ report: String) -> String {
        var lines = report.components(separatedBy: "\n")
        var i = 0
        while i < lines.count {
            let line = lines[i].replacingOccurrences(of: "\u{0C}", with: "")
            if line.range(of: #"Confidential · Page \d+ of \d+$"#, options: .regularExpression) != nil {
                lines.replaceSubrange(i..<min(i + 2, lines.count), with: i == 0 ? [] : [""])
                i += i == 0 ? 0 : 1
                continue
            }
            i += 1
        }
        return lines.joined(separator: "\n")
    }

    static func folded(_ text: String) -> String {
        body(text).split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\u{0C}" }).joined(separator: " ")
    }

    /// The titles of the report's parts: each is the run of lines above an underline of dashes,
    /// starting after a blank line or at a form feed (a bilingual title has a line per language).
    static func titles(in report: String) -> [(lines: Range<Int>, underline: Int)] {
        let lines = body(report).components(separatedBy: "\n")
        var result: [(Range<Int>, Int)] = []
        for (u, line) in lines.enumerated() where !line.isEmpty && line.allSatisfy({ $0 == "-" }) && u > 0 {
            var s = u - 1
            while s > 0, !lines[s].hasPrefix("\u{0C}"), !lines[s - 1].isEmpty { s -= 1 }
            result.append((s..<u, u))
        }
        return result
    }

    /// The body of the part whose title includes the line `heading`, up to the next title.
    static func part(_ heading: String, in report: String) -> String? {
        let lines = body(report).components(separatedBy: "\n")
        let titles = titles(in: report)
        guard let t = titles.firstIndex(where: { title in
            title.lines.contains { lines[$0].replacingOccurrences(of: "\u{0C}", with: "") == heading }
        }) else { return nil }
        let end = t + 1 < titles.count ? titles[t + 1].lines.lowerBound : lines.count
        return lines[(titles[t].underline + 1)..<end].joined(separator: "\n")
    }

    /// The line numbers at which the titles of parts start, by their first line.
    static func titleLine(_ heading: String, in report: String) -> Int? {
        let lines = body(report).components(separatedBy: "\n")
        return titles(in: report).first { title in
            title.lines.contains { lines[$0].replacingOccurrences(of: "\u{0C}", with: "") == heading }
        }?.lines.lowerBound
    }
}
