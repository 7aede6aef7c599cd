import Foundation
import Glibc
import RefugeCanvas
import RefugeScreen
import RefugeSession
import RefugeStorage
import RefugeTerminal

/// The loop of the full-screen program: draw the screen's grid, read a key, let the screen
/// handle it (saving before the next key), and on any way out save and restore the terminal.
enum FullScreenRunner {
    static func run(_ controller: SessionController, services: ScreenServices) throws {
        let terminal: Terminal
        do {
            terminal = try Terminal.start()
        } catch {
            throw CommandFailure(error.description)
        }
        defer { terminal.restore() }
        let size = terminal.size()
        let screen = InterviewScreen(controller: controller, width: size.width, height: size.height, services: services)
        let clock = ContinuousClock()
        let start = clock.now
        func seconds() -> Double {
            let d = clock.now - start
            return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
        }
        terminal.draw(screen.view())
        while true {
            guard let event = terminal.readKey(timeout: .milliseconds(500)) else {
                screen.tick(at: seconds())
                terminal.draw(screen.view())
                continue
            }
            switch event {
            case .signal(SIGTSTP):
                screen.prepareToStop()
                terminal.suspend()
            case .signal(let number):
                // Save first, then give the terminal back, then go as the signal asked.
                screen.prepareToStop()
                terminal.restore()
                controller.file.close()
                Terminal.exit(bySignal: number)
            case .inputClosed:
                screen.prepareToStop()
                return
            default:
                if screen.handle(event, at: seconds()) == .quit { return }
            }
            terminal.draw(screen.view())
        }
    }
}
