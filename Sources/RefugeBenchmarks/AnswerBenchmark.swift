import Foundation
import RefugeEngine
import RefugeQuestionnaire
import RefugeScreen
import RefugeSession
import RefugeStorage

/// One confirmed answer: the constraint check, the change (path recomputed, history recorded)
/// and the save through RefugeStorage, for a session open without and with a passphrase, with
/// the real fsync and with fsync left out (the difference is the cost of fsync).
enum AnswerBenchmark {
    static func name(encrypted: Bool, fsync: Bool) -> String {
        "answer: confirm + save" + (encrypted ? ", encrypted" : "") + (fsync ? "" : ", no fsync")
    }
    static let onScreen = "answer: Enter on screen, no fsync"
    /// The unencrypted save without fsync once more, with the files on the disk.
    static let unsyncedOnDisk = "answer: confirm + save, no fsync, files on disk"

    /// Each case: its name, whether it is encrypted, whether it fsyncs, whether its files are on
    /// the disk (saves without fsync are otherwise kept in memory, see `Scratch`).
    private static let cases: [(name: String, encrypted: Bool, fsync: Bool, onDisk: Bool)] =
        [false, true].flatMap { encrypted in
            [false, true].map { fsync in (name(encrypted: encrypted, fsync: fsync), encrypted, fsync, fsync) }
        } + [(unsyncedOnDisk, false, false, true)]

    static func run(_ datasets: [Dataset], key: SessionKey, scratch: Scratch, budget: Budget, into results: Results) throws {
        for d in datasets {
            for c in cases {
                let (encrypted, fsync) = (c.encrypted, c.fsync)
                let folderName = "answers-\(d.name)-\(encrypted ? "encrypted" : "plain")-\(fsync ? "fsync" : "nofsync")-\(c.onDisk ? "disk" : "memory")"
                let fixture = try SessionFixture(d, sessionsFolder: c.onDisk ? scratch.folder(folderName) : scratch.unsyncedFolder(folderName),
                                                 fsync: fsync, key: encrypted ? key : nil)
                defer { fixture.close() }
                guard let ref = KeyBenchmark.middleStep(fixture.interview, type: .text) else { continue }
                let reference = try referenceFor(fixture, data: d.name, budget: budget, into: results)
                var flip = false
                let (samples, peak) = try measure(budget) {
                    flip.toggle()
                    let value = AnswerValue.text(flip ? "Rostov-on-Don" : "Rostov na Donu")
                    precondition(fixture.interview.problem(with: value, for: ref) == nil, "the benchmark's answer was refused")
                    try fixture.controller.change(ref) { r in r.status = .answered; r.value = value; r.draft = nil }
                }
                results.add(Row(name: c.name, data: d.name, items: d.items,
                                samples: samples, peak: peak, reference: reference, referenceName: "JSON-encode session",
                                detail: "\(fixture.answerCount.formatted()) answers" + place(c.onDisk, scratch)))
            }
            try enterOnScreen(d, scratch: scratch, budget: budget, into: results)
        }
    }

    /// Enter on an answered text field with a changed text, as a person confirms an answer:
    /// parse, check, change and save, move on, save the position. Ctrl-P (untimed) comes back.
    static func enterOnScreen(_ d: Dataset, scratch: Scratch, budget: Budget, into results: Results) throws {
        let fixture = try SessionFixture(d, sessionsFolder: scratch.unsyncedFolder("enter-\(d.name)"), fsync: false)
        defer { fixture.close() }
        guard let ref = KeyBenchmark.middleStep(fixture.interview, type: .text) else { return }
        try fixture.controller.setPosition(ref)
        let screen = InterviewRunner(controller: fixture.controller, width: 80, height: 24)
        let reference = try referenceFor(fixture, data: d.name, budget: budget, into: results)
        var flip = false
        let (samples, peak) = measure(budget, prepare: {
            if screen.cursor != .step(ref.itemID) { screen.handle(.ctrl("p")) }
            precondition(screen.cursor == .step(ref.itemID), "Ctrl-P did not come back to the question")
            flip.toggle()
            screen.handle(.backspace)
            screen.handle(.character(flip ? "x" : "y"))
        }) {
            screen.handle(.enter)
            consume(screen.view())
        }
        precondition(screen.cursor != .step(ref.itemID), "Enter did not confirm the answer")
        results.add(Row(name: onScreen, data: d.name, items: d.items, samples: samples, peak: peak,
                        reference: reference, referenceName: "JSON-encode session",
                        detail: "\(fixture.answerCount.formatted()) answers" + place(false, scratch)))
    }

    private static func place(_ onDisk: Bool, _ scratch: Scratch) -> String {
        onDisk ? ", on disk" : scratch.unsyncedInMemory ? ", in memory (tmpfs)" : ", on disk"
    }

    /// The reference for saves: Foundation's `JSONSerialization` writing the whole session (the
    /// document the session file holds, read into Foundation's objects beforehand), once.
    static func referenceFor(_ fixture: SessionFixture, data: String, budget: Budget, into results: Results) throws -> Double {
        if let known = results.reference("session-json", data: data) { return known }
        let document = try JSONSerialization.jsonObject(with: fixture.session.fileBody())
        let (samples, _) = try measure(budget) { consume(try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys])) }
        results.setReference("session-json", data: data, median: samples.median)
        return samples.median
    }
}
