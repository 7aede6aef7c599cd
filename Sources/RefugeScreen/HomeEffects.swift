#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import RefugeCanvas

/// What reaches the home screen: a key, and the runner's answers to its effects.
public enum HomeMessage: Sendable {
    case key(KeyEvent)
    /// Read the sessions and questionnaires (when the screen first shows).
    case reload
    /// Back from an interview, at the terminal's size now.
    case returned(width: Int, height: Int)
    case sessionsListed([HomeScreen.Row])
    case questionnairesListed([HomeScreen.Choice])
    /// The answer to `.loadQuestionnaire` (nil: nothing readable there).
    case questionnaireLoaded(HomeScreen.Choice?)
    /// A session was opened or created: its interview runs now.
    case opened
    case openFailed(String)
    case createFailed(String)
    case deleted(name: String)
    case deleteFailed(String)
    case reportWritten(path: String, isProtected: Bool)
    case reportFailed(String)
}

/// What the home screen asks of the world; `HomeRunner` performs each.
public enum HomeEffect: Sendable, Equatable {
    case listSessions
    case listQuestionnaires
    /// Read a questionnaire from a typed path ("a file…" in the picker).
    case loadQuestionnaire(String)
    /// Open a session (its interview runs until the person is back on the home screen).
    case open(URL, passphrase: String?)
    /// Create a session and open it.
    case create(NewSessionRequest)
    case delete(URL, name: String)
    /// Write the report of a session (an unencrypted copy of a protected one).
    case writeReport(URL, passphrase: String?, isProtected: Bool)
    case quit
}

/// The new-session form, filled in.
public struct NewSessionRequest: Sendable, Equatable {
    public var questionnaire: String
    public var language: String
    public var interviewerLanguage: String
    public var label: String
    /// nil: the session has no passphrase (chosen explicitly).
    public var passphrase: String?
    /// The interviewer holds the keyboard: the session opens in the interviewer's view.
    public var interviewerHolds: Bool

    public init(questionnaire: String, language: String, interviewerLanguage: String, label: String, passphrase: String?,
                interviewerHolds: Bool) {
        self.questionnaire = questionnaire
        self.language = language
        self.interviewerLanguage = interviewerLanguage
        self.label = label
        self.passphrase = passphrase
        self.interviewerHolds = interviewerHolds
    }
}
