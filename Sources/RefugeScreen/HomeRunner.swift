#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import RefugeCanvas
import RefugeSession

/// Performs the home screen's effects with `HomeServices` (the sessions folder, the catalog,
/// reports) and answers each with a message. An opened or created session is handed back to
/// the caller (`FullScreenRunner`), which runs its interview.
@dynamicMemberLookup
public final class HomeRunner {
    public let screen: HomeScreen
    let services: HomeServices

    public enum Outcome { case keepGoing, quit, open(SessionController) }

    public init(services: HomeServices, width: Int, height: Int) {
        self.services = services
        screen = HomeScreen(width: width, height: height, offersFile: services.loadQuestionnaire != nil)
        _ = send(.reload)
    }

    /// The screen's state, read through the runner.
    public subscript<T>(dynamicMember path: KeyPath<HomeScreen, T>) -> T { screen[keyPath: path] }

    /// Sends a message and performs what it asks until nothing is left; a session opened on the
    /// way is returned.
    @discardableResult
    public func send(_ message: HomeMessage) -> SessionController? {
        var queue = [message]
        var opened: SessionController?
        while !queue.isEmpty {
            let next = queue.removeFirst()
            for effect in screen.update(next) {
                let (answer, controller) = perform(effect)
                if let controller { opened = controller }
                if let answer { queue.append(answer) }
            }
        }
        return opened
    }

    public func handle(_ key: KeyEvent) -> Outcome {
        if let controller = send(.key(key)) { return .open(controller) }
        return screen.wantsToQuit ? .quit : .keepGoing
    }

    /// Back from an interview: the list is read again (progress changed) at the current size.
    public func returnFromInterview(width: Int, height: Int) { send(.returned(width: width, height: height)) }

    public func view() -> CellGrid { screen.view() }

    func perform(_ effect: HomeEffect) -> (HomeMessage?, SessionController?) {
        switch effect {
        case .listSessions:
            return (.sessionsListed(services.listSessions()), nil)
        case .listQuestionnaires:
            return (.questionnairesListed(services.questionnaires()), nil)
        case .loadQuestionnaire(let path):
            return (.questionnaireLoaded(services.loadQuestionnaire?(path)), nil)
        case .open(let url, let passphrase):
            do {
                return (.opened, try services.open(url, passphrase))
            } catch {
                return (.openFailed("\(error)"), nil)
            }
        case .create(let request):
            do {
                let controller = try services.create(request.questionnaire, request.language, request.interviewerLanguage,
                                                     request.label, request.passphrase)
                if request.interviewerHolds { try controller.setInterviewerView(true) }
                return (.opened, controller)
            } catch {
                return (.createFailed("\(error)"), nil)
            }
        case .delete(let url, let name):
            do {
                try services.delete(url)
                return (.deleted(name: name), nil)
            } catch {
                return (.deleteFailed("\(error)"), nil)
            }
        case .writeReport(let url, let passphrase, let isProtected):
            do {
                return (.reportWritten(path: try services.writeReport(url, passphrase), isProtected: isProtected), nil)
            } catch {
                return (.reportFailed("\(error)"), nil)
            }
        case .quit:
            return (nil, nil)
        }
    }
}
