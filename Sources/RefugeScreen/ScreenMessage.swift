import RefugeEngine

/// A short line under the widget: why an answer was not taken, or what just happened. It is
/// kept as a function of the language so that it follows F12 into the interviewer's language.
struct ScreenMessage {
    var text: (String) -> String
    var isProblem = false
    /// Marks and "for the lawyer" notices: shown only in the interviewer's view.
    var interviewerOnly = false
}

extension InterviewScreen {
    /// The language of the program's own words: the interviewer's in their view and on the
    /// questions meant for the interviewer, else the client's.
    var uiLanguage: String { interviewerView || currentItem?.audience == .interviewer ? interviewerLanguage : language }

    /// The language of messages about the current question: an interviewer question speaks the
    /// interviewer's language in both views.
    var wordsLanguage: String { interviewerView ? interviewerLanguage : languageFor(currentItem) }

    /// The message as the current view may show it.
    var shownMessage: ScreenMessage? {
        guard let message, !message.interviewerOnly || interviewerView else { return nil }
        return message
    }

    func say(problem: Bool = false, interviewerOnly: Bool = false, _ text: @escaping (String) -> String) {
        message = ScreenMessage(text: text, isProblem: problem, interviewerOnly: interviewerOnly)
    }

    func say(_ word: ScreenWords.Word, problem: Bool = false, interviewerOnly: Bool = false) {
        say(problem: problem, interviewerOnly: interviewerOnly) { ScreenWords.text(word, $0) }
    }

    func sayProblem(_ problem: AnswerProblem) {
        let defaultLanguage = questionnaire.defaultLanguage
        say(problem: true) { problem.message($0, defaultLanguage: defaultLanguage) }
    }
}
