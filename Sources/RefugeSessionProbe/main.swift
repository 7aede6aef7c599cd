// A helper process for the session crash test: opens a session and answers a question again
// and again through the real session controller (history, progress, atomic save), printing each
// number only after its save returned. The test kills it with SIGKILL at random moments.
//
// usage: refuge-session-probe SESSIONS_FOLDER SESSION_ID QUESTIONNAIRE_PATH
import Foundation
import RefugeEngine
import RefugeQuestionnaire
import RefugeSession

let arguments = CommandLine.arguments
guard arguments.count == 4 else {
    FileHandle.standardError.write(Data("usage: refuge-session-probe SESSIONS_FOLDER SESSION_ID QUESTIONNAIRE_PATH\n".utf8))
    exit(2)
}
let store = SessionStore(folder: URL(fileURLWithPath: arguments[1]))
guard let questionnaire = QuestionnaireLoader.load(path: arguments[3]).questionnaire else { exit(3) }
do {
    let (file, _) = try store.open(store.url(for: arguments[2]), passphrase: nil)
    let controller = SessionController(file: file, questionnaire: questionnaire)
    var n = 0
    if case .text(let last)? = controller.interview.answers[AnswerRef("full_name")].value, let number = Int(last.split(separator: " ").last ?? "") {
        n = number
    }
    while true {
        n += 1
        let value = "answer \(n)"
        try controller.change(AnswerRef("full_name")) { $0 = .answered(.text(value)) }
        FileHandle.standardOutput.write(Data("\(n)\n".utf8))   // unbuffered: printed only once saved
    }
} catch {
    FileHandle.standardError.write(Data("\(error)\n".utf8))
    exit(1)
}
