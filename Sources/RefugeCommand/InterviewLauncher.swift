#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import RefugeBasics
import RefugePlain
import RefugeReport
import RefugeScreen
import RefugeSession
import RefugeStorage
import RefugeTerminal

/// Runs an open session: the full-screen program on a real terminal, else plain mode.
enum InterviewLauncher {
    static func run(_ controller: SessionController, plain: Bool) throws {
        defer { controller.file.close() }
        try? CoreDumps.disable()
        if plain || !Terminal.canRunFullScreen() || ProgramLocale.forcesPlainMode {
            if !plain {
                StandardStream.error.write(Data((ProgramLocale.plainModeNotice
                    ?? "This is not a full terminal, so Refuge runs in plain mode (one line at a time).").utf8 + [10]))
            }
            var io = StandardLineIO()
            var interview = PlainInterview(controller: controller)
            // No first frame to hurry here: the heap's unused memory goes back at once.
            HugePageHeap.settle()
            interview.run(&io)
            return
        }
        let terminal = try FullScreenRunner.startTerminal()
        defer { terminal.restore() }
        FullScreenRunner.runInterview(controller, services: screenServices(for: controller), on: terminal)
        if controller.hasUnsavedChanges { throw FullScreenRunner.unsavedFailure }
    }

    /// Report writing, passphrase checking for the hidden screen, and where rescue copies go.
    static func screenServices(for controller: SessionController) -> ScreenServices {
        let places = Places.current()
        // Rescue copies go beside the sessions folder (on the same disk when that disk is full,
        // so the dialog also lets the person type another folder).
        var services = ScreenServices(rescueFolder: URL(fileURLWithPath: places.home))
        if controller.file.isProtected {
            let url = controller.file.url
            services.checkPassphrase = { text in
                guard let passphrase = Passphrase(text) else { return false }
                return (try? StoredFile.load(at: url, passphrase: passphrase)) != nil
            }
        }
        let reports = URL(fileURLWithPath: places.reports)
        services.writeReport = { session, questionnaire in
            // A text copy for any printer and an HTML copy with page headers, side by side.
            let options = ReportOptions(now: Date())
            try ReportWriter.write(session: session, questionnaire: questionnaire, format: .html, options: options, intoFolder: reports)
            return try ReportWriter.write(session: session, questionnaire: questionnaire, format: .text, options: options, intoFolder: reports)
        }
        return services
    }
}
