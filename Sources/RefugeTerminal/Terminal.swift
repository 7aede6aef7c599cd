import CNcursesw
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import RefugeCanvas

/// The full-screen terminal: the only code in Refuge that talks to curses.
///
/// It draws `CellGrid`s (handing curses only the cells that changed since the last frame) and reads
/// keys, resizes and signals as `KeyEvent`s. curses reads the keys too (keypad mode, with every
/// sequence of `TerminalKeySequences` bound, and its own Esc delay); `TerminalInputDecoder`
/// turns what it read into events (paste, mouse, Alt, sequences nobody knows).
///
/// Use it from one thread, in a synchronous loop:
///
/// ```swift
/// let terminal: Terminal
/// do {
///     terminal = try Terminal.start()
/// } catch {
///     print(error)                      // a sentence for the user, e.g. "Refuge needs a UTF-8 terminal…"
///     exit(1)
/// }
/// defer { terminal.restore() }          // on every exit path; calling it twice is fine
/// var state = ...                       // the screen's state
/// terminal.draw(view(state, terminal.size()))
/// while true {
///     guard let event = terminal.readKey(timeout: .seconds(1)) else {
///         saveDraftIfChanged()          // nothing typed for a second
///         continue
///     }
///     switch event {
///     case .signal(SIGTSTP): save(); terminal.suspend()       // Ctrl-Z from outside: save, then stop
///     case .signal(let number): save(); terminal.restore(); Terminal.exit(bySignal: number)
///     case .inputClosed: save(); terminal.restore(); exit(0)
///     default: update(&state, event)    // .resize is an event like any other: lay out again
///     }
///     terminal.draw(view(state, terminal.size()))
/// }
/// ```
///
/// Keys: the terminal is in raw mode, so Ctrl-C, Ctrl-Z and Ctrl-\ arrive as `.ctrl("c")`,
/// `.ctrl("z")` and `.ctrl("\\")` (the program decides what they mean); the signals themselves
/// (from `kill`, a closed window, a shutdown) arrive as `.signal`. Bracketed paste is on, so a
/// pasted text arrives whole as `.paste` and its newlines are never taken for Enter.
public final class Terminal {
    /// Settings for starting the terminal.
    public struct Options: Sendable {
        /// How long a lone Esc waits for the rest of a key sequence before it counts as the Esc key.
        public var escapeDelay: Duration
        /// How long an unfinished paste waits for more text before it is handed over as it is.
        public var pasteTimeout: Duration
        /// Whether to use colours: `nil` decides from the terminal and the NO_COLOR variable.
        public var color: Bool?

        public init(escapeDelay: Duration = .milliseconds(50), pasteTimeout: Duration = .seconds(2), color: Bool? = nil) {
            self.escapeDelay = escapeDelay
            self.pasteTimeout = pasteTimeout
            self.color = color
        }
    }

    let options: Options
    let signals: SignalRelay
    private let screen: OpaquePointer
    private let output: UnsafeMutablePointer<FILE>
    private let input: UnsafeMutablePointer<FILE>
    var palette: CursesPalette
    var decoder = TerminalInputDecoder()
    var keys = CursesKeys()
    var queue: [KeyEvent] = []
    /// The frame on screen, to compare the next one with; nil forces a full redraw.
    var shown: CellGrid?
    var inputClosed = false
    private(set) var isActive = true

    /// Whether standard input and output are a terminal that can show full screens (TERM set,
    /// not "dumb"). When this is false, the program should use the plain mode.
    public static func canRunFullScreen() -> Bool {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { return false }
        guard let term = getenv("TERM").map({ String(cString: $0) }), !term.isEmpty, term != "dumb" else { return false }
        return true
    }

    /// Checks the terminal and the locale, catches signals, and switches to full-screen mode.
    public static func start(options: Options = Options()) throws(TerminalError) -> Terminal {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw .notATerminal }
        let term = getenv("TERM").map { String(cString: $0) }
        guard let term, !term.isEmpty, term != "dumb" else { throw .unsupportedTerminal(term) }
        try requireUTF8Locale()

        // The relay refuses a second terminal before anything of the first one is touched.
        let signals = try SignalRelay()
        EmergencyRestore.arm()
        // curses gets its own descriptors, so closing its FILEs later leaves stdin/stdout open.
        let output = fdopen(dup(STDOUT_FILENO), "w")
        let input = fdopen(dup(STDIN_FILENO), "r")
        guard let output, let input else {
            if let output { fclose(output) }
            if let input { fclose(input) }
            signals.uninstall()
            EmergencyRestore.disarm()
            throw .cannotStart("could not open the terminal (errno \(errno))")
        }
        guard let screen = newterm(nil, output, input) else {
            fclose(output)
            fclose(input)
            signals.uninstall()
            EmergencyRestore.disarm()
            throw .unsupportedTerminal(term)
        }
        let wantsColor = options.color ?? (getenv("NO_COLOR").map { String(cString: $0).isEmpty } ?? true)
        let terminal = Terminal(options: options, signals: signals, screen: screen, output: output, input: input, wantsColor: wantsColor)
        return terminal
    }

    private init(
        options: Options,
        signals: SignalRelay,
        screen: OpaquePointer,
        output: UnsafeMutablePointer<FILE>,
        input: UnsafeMutablePointer<FILE>,
        wantsColor: Bool
    ) {
        self.options = options
        self.signals = signals
        self.screen = screen
        self.output = output
        self.input = input
        // Modes first: the palette's colour setup needs a running screen.
        self.palette = CursesPalette(wantsColor: false)
        enterFullScreenModes()
        self.palette = CursesPalette(wantsColor: wantsColor)
    }

    deinit {
        restore()
    }

    /// Terminal modes for the interview; also used after coming back from a suspension.
    func enterFullScreenModes() {
        let window = refuge_stdscr()
        raw()
        noecho()
        nonl()
        intrflush(window, false)
        // curses reads the keys: every sequence Refuge knows is bound, it waits `escapeDelay`
        // for the rest of one, and never blocks (the loop polls the terminal and the signals).
        keypad(window, true)
        nodelay(window, true)
        set_escdelay(Int32(clamping: options.escapeDelay.components.seconds * 1000 + options.escapeDelay.components.attoseconds / 1_000_000_000_000_000))
        // Bound when the first key is read (`readKey`), after the first frame is drawn.
        keys = CursesKeys()
        // Without this, curses would stop painting while keys are waiting, leaving half a screen
        // on a fast paste.
        typeahead(-1)
        curs_set(0)
        allowEightBitInput()
        def_prog_mode()
        setBracketedPaste(true)
    }

    /// raw() leaves ISTRIP as it was; a UTF-8 terminal needs all eight bits of every byte.
    private func allowEightBitInput() {
        var settings = termios()
        guard tcgetattr(STDIN_FILENO, &settings) == 0 else { return }
        settings.c_iflag &= ~tcflag_t(ISTRIP)
        settings.c_cflag |= tcflag_t(CS8)
        tcsetattr(STDIN_FILENO, TCSANOW, &settings)
    }

    func setBracketedPaste(_ on: Bool) {
        // Bracketed paste, and mouse clicks reported in xterm's SGR form (a client who points
        // can click a choice); both are turned off again on every way out.
        let sequence = on ? "\u{1B}[?2004h\u{1B}[?1000h\u{1B}[?1006h" : "\u{1B}[?1006l\u{1B}[?1000l\u{1B}[?2004l"
        fflush(output)
        _ = sequence.utf8CString.withUnsafeBufferPointer { buffer in
            write(STDOUT_FILENO, buffer.baseAddress, buffer.count - 1)
        }
    }

    /// Leaves full-screen mode and gives the terminal back as it was: cursor shown, echo on,
    /// bracketed paste off, signal handlers as before. Call it on every way out (after saving);
    /// calling it again does nothing.
    public func restore() {
        guard isActive else { return }
        isActive = false
        curs_set(1)
        endwin()
        setBracketedPaste(false)
        EmergencyRestore.restoreSavedSettings()
        EmergencyRestore.disarm()
        delscreen(screen)
        fclose(output)
        fclose(input)
        signals.uninstall()
    }

    /// Stops the program the way Ctrl-Z does in a shell (after the caller saved): the terminal
    /// is restored, the process stops, and when it is continued (`fg`) full-screen mode comes
    /// back and a `.resize` event asks for a fresh frame.
    public func suspend() {
        guard isActive else { return }
        curs_set(1)
        endwin()
        setBracketedPaste(false)
        signals.setDefault(SIGTSTP)
        raise(SIGTSTP)
        // Continued.
        signals.install(SIGTSTP)
        resumeAfterStop()
    }

    /// Ends the process with the status a shell expects for this signal (128 + number), after
    /// the terminal has been restored.
    public static func exit(bySignal number: Int32) -> Never {
        signal(number, SIG_DFL)
        raise(number)
        _exit(128 + number)
    }

    private static func requireUTF8Locale() throws(TerminalError) {
        setlocale(LC_CTYPE, "")
        let codeset = refuge_codeset().map { String(cString: $0) } ?? ""
        let normalized = codeset.uppercased().filter { $0 != "-" && $0 != "_" }
        guard normalized == "UTF8" else { throw .notUTF8(codeset: codeset) }
    }
}
