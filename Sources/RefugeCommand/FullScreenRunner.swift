#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import RefugeBasics
import RefugeCanvas
import RefugeScreen
import RefugeSession
import RefugeStorage
import RefugeTerminal

/// The loops of the full-screen program: draw the screen's grid, read a key, hand it to the
/// screen's runner (which performs the screen's effects, saves included, before the next key is
/// read), and on any way out save and restore the terminal.
enum FullScreenRunner {
    static func startTerminal() throws -> Terminal {
        do {
            return try Terminal.start()
        } catch {
            throw CommandFailure(error.description)
        }
    }

    /// Runs one interview until the person quits (true) or the terminal went away (false).
    @discardableResult
    static func runInterview(_ controller: SessionController, services: ScreenServices, on terminal: Terminal) -> Bool {
        let size = terminal.size()
        // The screen changes the session value; the runner writes it (and its other effects).
        let screen = InterviewRunner(controller: controller, width: size.width, height: size.height, services: services)
        let clock = ContinuousClock()
        let start = clock.now
        func seconds() -> Double {
            let d = clock.now - start
            return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
        }
        terminal.draw(screen.view())
        HugePageHeap.settle()
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
                return false
            default:
                if screen.handle(event, at: seconds()) == .quit { return true }
            }
            terminal.draw(screen.view())
        }
    }

    /// The program's last word when it ends with answers in memory that its session file does
    /// not have (the person chose to quit without saving, or to keep only a rescue copy).
    static let unsavedFailure = CommandFailure(
        "Some answers could not be saved in the session file (the disk was full or could not be written). Any rescue copy is where the screen said.")

    /// The home screen; an opened session runs its interview, then the list comes back.
    /// Returns whether an interview ended with answers its file does not have.
    @discardableResult
    static func runHome(_ home: HomeRunner, services: (SessionController) -> ScreenServices, on terminal: Terminal) -> Bool {
        var unsaved = false
        terminal.draw(home.view())
        HugePageHeap.settle()
        while true {
            guard let event = terminal.readKey(timeout: .seconds(1)) else { continue }
            switch event {
            case .signal(SIGTSTP): terminal.suspend()
            case .signal(let number):
                terminal.restore()
                Terminal.exit(bySignal: number)
            case .inputClosed: return unsaved
            default:
                switch home.handle(event) {
                case .quit: return unsaved
                case .keepGoing: break
                case .open(let controller):
                    let quit = runInterview(controller, services: services(controller), on: terminal)
                    if controller.hasUnsavedChanges { unsaved = true }
                    controller.file.close()
                    guard quit else { return unsaved }
                    let size = terminal.size()
                    home.returnFromInterview(width: size.width, height: size.height)
                }
            }
            terminal.draw(home.view())
        }
    }
}
