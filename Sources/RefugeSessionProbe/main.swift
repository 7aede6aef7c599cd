// A helper process for the session crash tests: opens a session and answers a question again
// and again through the real session controller (history, progress, atomic save), printing each
// number only after its save returned. The tests kill it with SIGKILL at random moments.
//
// usage: refuge-session-probe SESSIONS_FOLDER SESSION_ID QUESTIONNAIRE_PATH
//                             [--journal-bound BYTES] [--reopen-every N]
//
// `--journal-bound` sets how far the journal grows before a full save; `--reopen-every N`
// closes the session (absorbing its journal) and opens it again after every N answers; with
// either, "ready" is printed once the session is open. REFUGE_PASSPHRASE opens a protected one.
import Foundation
import RefugeEngine
import RefugeQuestionnaire
import RefugeSession
import RefugeStorage

var arguments = Array(CommandLine.arguments.dropFirst())
@MainActor func option(_ name: String) -> Int? {
    guard let i = arguments.firstIndex(of: name), i + 1 < arguments.count, let value = Int(arguments[i + 1]) else { return nil }
    arguments.removeSubrange(i...(i + 1))
    return value
}
let journalBound = option("--journal-bound")
let reopenEvery = option("--reopen-every")
guard arguments.count == 3 else {
    FileHandle.standardError.write(Data("usage: refuge-session-probe SESSIONS_FOLDER SESSION_ID QUESTIONNAIRE_PATH [--journal-bound BYTES] [--reopen-every N]\n".utf8))
    exit(2)
}
var store = SessionStore(folder: URL(fileURLWithPath: arguments[0]))
if let journalBound { store.journalBound = journalBound }
let passphrase = ProcessInfo.processInfo.environment["REFUGE_PASSPHRASE"].flatMap(Passphrase.init)
guard let questionnaire = QuestionnaireLoader.load(path: arguments[2]).questionnaire else { exit(3) }
@MainActor func open() throws -> SessionController {
    let (file, _) = try store.open(store.url(for: arguments[1]), passphrase: passphrase)
    return SessionController(file: file, questionnaire: questionnaire)
}
do {
    var controller = try open()
    if journalBound != nil || reopenEvery != nil { FileHandle.standardOutput.write(Data("ready\n".utf8)) }
    var n = 0
    if case .text(let last)? = controller.interview.answers[AnswerRef("full_name")].value, let number = Int(last.split(separator: " ").last ?? "") {
        n = number
    }
    while true {
        n += 1
        let value = "answer \(n)"
        try controller.change(AnswerRef("full_name")) { $0 = .answered(.text(value)) }
        FileHandle.standardOutput.write(Data("\(n)\n".utf8))   // unbuffered: printed only once saved
        if let reopenEvery, n % reopenEvery == 0 {
            controller.file.close()
            controller = try open()
        }
    }
} catch {
    FileHandle.standardError.write(Data("\(error)\n".utf8))
    exit(1)
}
