import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import RefugeBasics
import RefugeEngine
import RefugeQuestionnaire
import RefugeSession
import RefugeStorage

/// Options shared by every command that opens a session's contents.
struct PassphraseOptions: ParsableArguments {
    @Option(name: .customLong("passphrase-file"), help: "Read the passphrase from this file (else REFUGE_PASSPHRASE, else the terminal asks).", completion: .file())
    var passphraseFile: String?
}

/// Opening sessions the same way in every command.
final class SessionAccess {
    let places: Places
    let store: SessionStore
    /// While the full screen is up nothing may be written to the terminal behind curses' back:
    /// notices are then kept here and shown on the screen instead.
    var holdsNotices = false
    private(set) var heldNotices: [String] = []

    init(places: Places = .current()) {
        self.places = places
        var store = SessionStore(folder: URL(fileURLWithPath: places.sessions))
        store.questionnaireCache = QuestionnaireCache(folder: places.cache)
        self.store = store
    }

    /// `known`: whether the file is protected, when finding it read its header already.
    func passphrase(for url: URL, file: String?, known: Bool? = nil) throws -> Passphrase? {
        guard known ?? store.isProtected(url) else { return nil }
        guard let p = try PassphraseSource.forOpening(file: file) else {
            throw CommandFailure("This session is protected: give its passphrase in REFUGE_PASSPHRASE or with --passphrase-file.")
        }
        return p
    }

    /// Opens a session for changes: locked, with its questionnaire. Notices (backup used,
    /// questionnaire changed) go to standard error; they never contain answers.
    func openForWriting(_ selector: String, passphraseFile: String?) throws -> SessionController {
        let (url, isProtected, read) = try store.locate(selector)
        return try open(url, passphrase: try passphrase(for: url, file: passphraseFile, known: isProtected), read: read)
    }

    /// `read`: the file as finding it read it (see `SessionStore.locate`).
    func open(_ url: URL, passphrase: Passphrase?, read: ReadBeforeLock? = nil) throws -> SessionController {
        let (file, recovery) = try store.open(url, passphrase: passphrase, read: read)
        if let recovery { note("The session file was damaged; its last good copy was used (\(recovery)). The damaged file is kept beside it.") }
        do {
            // The bytes of the questionnaire's files (350 KB for credible-fear) are needed only to
            // write a new session's copy of them; an open session never reads them, so they are
            // not kept through the interview, nor read at all when the compiled cache's entry
            // shows the files unchanged.
            let (questionnaire, notice) = try store.questionnaire(for: file.session, catalog: places.catalog, sourceBytes: .notNeeded)
            if let notice { note(notice) }
            let controller = SessionController(file: file, questionnaire: questionnaire)
            if questionnaire.contentHash != file.session.questionnaire.sha256 {
                try controller.adoptQuestionnaire(questionnaire)
            }
            return controller
        } catch {
            file.close()
            throw error
        }
    }

    /// Reads a session without locking it.
    func read(_ selector: String, passphraseFile: String?) throws -> (Session, Questionnaire) {
        let url = try store.resolve(selector)
        let passphrase = try passphrase(for: url, file: passphraseFile)
        let (session, recovery) = try store.read(url, passphrase: passphrase)
        if let recovery { note("The session file was damaged; its last good copy was used (\(recovery)).") }
        // Reading (reports, exports) never writes a copy of the questionnaire's files.
        let (questionnaire, notice) = try store.questionnaire(for: session, catalog: places.catalog, sourceBytes: .notNeeded)
        if let notice { note(notice) }
        return (session, questionnaire)
    }

    func note(_ message: String) {
        if holdsNotices {
            heldNotices.append(message)
        } else {
            StandardStream.error.write(Data((TerminalSafe.text(message) + "\n").utf8))
        }
    }

    /// The notices held since the last call (opening a session from the home screen).
    func takeNotices() -> [String] {
        defer { heldNotices = [] }
        return heldNotices
    }
}
