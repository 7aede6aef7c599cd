#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import RefugeCanvas
import RefugeEngine
import RefugeQuestionnaire
import RefugeSession

/// Performs an interview screen's effects: writes the session value to its open file, writes
/// rescue copies and reports, checks passphrases, and answers each with a message
/// (`.saved`, `.saveFailed(reason)`, ...). It is the only part of an interview on screen that
/// touches files; `FullScreenRunner` (the terminal loop) drives it key by key, and every effect
/// of a key is performed before the next key is read.
@dynamicMemberLookup
public final class InterviewRunner {
    public let screen: InterviewScreen
    public let file: OpenSession
    let services: ScreenServices
    private let now: @Sendable () -> Date

    /// `interview`: the session's interview when the caller has it already walked (it must be
    /// the one `file.session`'s answers and interview date give); nil walks it here.
    public init(file: OpenSession, questionnaire: Questionnaire, interview: Interview? = nil, width: Int, height: Int,
                services: ScreenServices = ScreenServices(), now: @escaping @Sendable () -> Date = { Date() }) {
        self.file = file
        self.services = services
        self.now = now
        let options = InterviewOptions(asksPassphrase: services.checkPassphrase != nil, canWriteReport: services.writeReport != nil,
                                       isProtected: file.isProtected, rescueFolder: services.rescueFolder,
                                       openingNotice: services.openingNotice)
        let model = interview.map { SessionModel(state: SessionState(session: file.session, interview: $0), now: now) }
            ?? SessionModel(session: file.session, questionnaire: questionnaire, now: now)
        screen = InterviewScreen(model: model, width: width, height: height, options: options)
    }

    /// The screen over the session a controller opened (the controller's file is written from now on).
    /// The controller's interview is reused when it is still the one its session's answers and
    /// date give (nothing was saved past it, as the screen's own saves do): walking the path of
    /// a large questionnaire again before the first frame cost as much as the first walk.
    public convenience init(controller: SessionController, width: Int, height: Int, services: ScreenServices = ScreenServices()) {
        let session = controller.session
        let interview = controller.interview
        let current = interview.answers == session.answers && interview.today == session.interviewDate
        self.init(file: controller.file, questionnaire: controller.questionnaire, interview: current ? interview : nil,
                  width: width, height: height, services: services)
    }

    /// The screen's state, read through the runner (`runner.cursor`, `runner.interview`).
    public subscript<T>(dynamicMember path: KeyPath<InterviewScreen, T>) -> T { screen[keyPath: path] }

    public enum Outcome: Equatable { case keepGoing, quit }

    /// Sends a message to the screen and performs what it asks, feeding the answers back until
    /// nothing is left to do.
    public func send(_ message: InterviewMessage) {
        var queue = [message]
        while !queue.isEmpty {
            let next = queue.removeFirst()
            for effect in screen.update(next) {
                if let answer = perform(effect) { queue.append(answer) }
            }
        }
    }

    /// Handles one key; `time` is a monotonic clock in seconds, for the draft timer.
    @discardableResult
    public func handle(_ key: KeyEvent, at time: Double = 0) -> Outcome {
        send(.key(key, at: time))
        return screen.wantsToQuit ? .quit : .keepGoing
    }

    public func tick(at time: Double) { send(.tick(at: time)) }

    /// Before the program stops (quit, signal, closed terminal): the draft is saved.
    public func prepareToStop() { send(.stopping) }

    /// Jumps to a question on the path (as the review does).
    public func jump(to ref: AnswerRef) { send(.jump(ref)) }

    public func view() -> CellGrid { screen.view() }

    /// Performs one effect; the message that answers it, if any.
    func perform(_ effect: InterviewEffect) -> InterviewMessage? {
        switch effect {
        case .save(let session, _, let touching):
            do {
                try file.save(session, touching: touching)
                return .saved
            } catch {
                return .saveFailed("\(error)")
            }
        case .writeRescueCopy(let session, let folder):
            // Named `<id>.rescue-<time>.refuge`: the id before the first dot, so it opens as its own session.
            let url = folder.appendingPathComponent("\(session.id).rescue-\(Int(now().timeIntervalSince1970)).refuge")
            do {
                return .rescueWritten(path: try file.saveCopy(of: session, to: url).path)
            } catch {
                return .rescueFailed("\(error)")
            }
        case .writeReport(let session):
            guard let write = services.writeReport else { return nil }
            do {
                return .reportWritten(path: try write(session, screen.questionnaire))
            } catch {
                return .reportFailed("\(error)")
            }
        case .checkPassphrase(let text):
            return .passphraseChecked(services.checkPassphrase?(text) ?? true)
        case .quit:
            return nil
        }
    }
}

/// What the runner needs from outside, injected so tests can supply their own.
public struct ScreenServices {
    /// Writes the report and returns where (the menu's "write the report").
    public var writeReport: ((Session, Questionnaire) throws -> String)?
    /// Checks a passphrase against the open session (to come back from the hidden screen).
    public var checkPassphrase: ((String) -> Bool)?
    /// Where "save a copy" puts the session after a failed save.
    public var rescueFolder: URL?
    /// Said once when the interview opens (the backup was used, the questionnaire changed).
    public var openingNotice: String?

    public init(writeReport: ((Session, Questionnaire) throws -> String)? = nil,
                checkPassphrase: ((String) -> Bool)? = nil, rescueFolder: URL? = nil) {
        self.writeReport = writeReport
        self.checkPassphrase = checkPassphrase
        self.rescueFolder = rescueFolder
    }
}
