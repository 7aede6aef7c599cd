import Foundation
import RefugePlain
import RefugeSession

/// Runs an open session: the full-screen program on a real terminal, else plain mode.
enum InterviewLauncher {
    static func run(_ controller: SessionController, plain: Bool) throws {
        defer { controller.file.close() }
        let env = ProcessInfo.processInfo.environment
        let term = env["TERM"] ?? ""
        let canDraw = isatty(0) == 1 && isatty(1) == 1 && !term.isEmpty && term != "dumb"
        if plain || !canDraw {
            if !plain {
                FileHandle.standardError.write(Data("This is not a full terminal, so Refuge runs in plain mode (one line at a time).\n".utf8))
            }
            var io = StandardLineIO()
            var interview = PlainInterview(controller: controller)
            interview.run(&io)
            return
        }
        var io = StandardLineIO()
        var interview = PlainInterview(controller: controller)
        interview.run(&io)
    }
}
