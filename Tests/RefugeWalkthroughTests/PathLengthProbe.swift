import XCTest
final class PathLengthProbe: XCTestCase {
    func testProbe() throws {
        guard ProcessInfo.processInfo.environment["REFUGE_PROBE"] != nil else { return }
        for (name, story, lang) in [("ru", Stories.mobilizedRussian, "ru"), ("es", Stories.threatenedHonduran, "es"), ("en", Stories.priorRemoval, "en"), ("sv", Stories.brotherKilled, "es"), ("mam", Stories.indigenousPriorRemoval, "en"), ("ve", Stories.interiorArrest, "es")] {
            let h = try WalkthroughHarness(id: "probe-\(name)", language: lang, interviewerLanguage: "en", label: name)
            var s = ScriptedInterview(story)
            try? s.walk(h.controller)
            let q = s.clientQuestions(in: h.questionnaire)
            print("PROBE \(name): client=\(q.count) all=\(s.asked.count) military=\(h.isOnPath("military_intro"))")
            print("PROBE \(name) list: \(q.joined(separator: " "))")
            h.close()
        }
    }
}
