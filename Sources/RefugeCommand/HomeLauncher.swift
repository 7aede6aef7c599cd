#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import RefugeBasics
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import RefugeEngine
import RefugeQuestionnaire
import RefugeReport
import RefugeScreen
import RefugeSession
import RefugeStorage
import RefugeTerminal

/// `refuge` alone: the home screen on a real terminal, a plain list of sessions elsewhere.
enum HomeLauncher {
    static func run() throws {
        let access = SessionAccess()
        guard Terminal.canRunFullScreen(), !ProgramLocale.forcesPlainMode else {
            print(ProgramLocale.plainModeNotice.map { "\($0) Sessions:" } ?? "This is not a full terminal. Sessions:")
            try ListCommand.printSessions(json: false)
            print("Start one with `refuge new --plain`, continue one with `refuge resume SESSION --plain`.")
            return
        }
        try? CoreDumps.disable()
        access.holdsNotices = true
        let terminal = try FullScreenRunner.startTerminal()
        defer { terminal.restore() }
        let size = terminal.size()
        let home = HomeRunner(services: services(access), width: size.width, height: size.height)
        let unsaved = FullScreenRunner.runHome(home, services: { controller in
            var services = InterviewLauncher.screenServices(for: controller)
            let notices = access.takeNotices()
            services.openingNotice = notices.isEmpty ? nil : notices.joined(separator: " ")
            return services
        }, on: terminal)
        if unsaved { throw FullScreenRunner.unsavedFailure }
    }

    static func services(_ access: SessionAccess) -> HomeServices {
        let catalog = access.places.catalog
        func passphrase(_ text: String?) -> Passphrase? { text.flatMap(Passphrase.init) }
        return HomeServices(
            listSessions: {
                access.store.list().map { s in
                    let h = s.header
                    return HomeScreen.Row(url: s.url, id: h?.id ?? s.url.deletingPathExtension().lastPathComponent,
                                          label: h?.label ?? "(cannot be read)",
                                          questionnaire: h.map { "\($0.questionnaire.id) \($0.questionnaire.version)" } ?? "-",
                                          language: h?.language ?? "-",
                                          progress: h.map { "\($0.progress.answered)/\($0.progress.total)" } ?? "-",
                                          updated: h.map { LocalTime.minuteText($0.updated) } ?? "-", isProtected: s.isProtected,
                                          updatedAt: h?.updated)
                }
            },
            questionnaires: {
                catalog.all().compactMap(\.result.questionnaire).map {
                    HomeScreen.Choice(id: $0.id, title: $0.title.resolve("en", defaultLanguage: $0.defaultLanguage).text, languages: $0.languages)
                }
            },
            create: { id, language, interviewerLanguage, label, pass in
                guard let q = catalog.find(id)?.result.questionnaire else { throw CommandFailure("The questionnaire \(id) cannot be loaded.") }
                let key = try passphrase(pass).map { try SessionKey.derive(from: $0) }
                var generator = SystemRandomNumberGenerator()
                var session = NewSession.make(id: SessionStore.newID(using: &generator), questionnaire: q, language: language,
                                              interviewerLanguage: interviewerLanguage, label: label, now: Date())
                NewSession.prepare(&session, questionnaire: q)
                let file = try access.store.create(session, questionnaire: q, key: key)
                return SessionController(file: file, questionnaire: q)
            },
            open: { url, pass in try access.open(url, passphrase: passphrase(pass)) },
            delete: { url in try access.store.delete(url) },
            writeReport: { url, pass in
                let (session, _) = try access.store.read(url, passphrase: passphrase(pass))
                let (q, _) = try access.store.questionnaire(for: session, catalog: catalog, sourceBytes: .notNeeded)
                let folder = URL(fileURLWithPath: access.places.reports)
                let options = ReportOptions(now: Date())
                try ReportWriter.write(session: session, questionnaire: q, format: .html, options: options, intoFolder: folder)
                return try ReportWriter.write(session: session, questionnaire: q, format: .text, options: options, intoFolder: folder)
            },
            loadQuestionnaire: { path in
                // "A file…" in the picker: the same lookup as `refuge new --questionnaire PATH`.
                guard let q = catalog.find(path)?.result.questionnaire else { return nil }
                return HomeScreen.Choice(id: path, title: q.title.resolve("en", defaultLanguage: q.defaultLanguage).text, languages: q.languages)
            })
    }
}
