import CNcursesw
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import RefugeCanvas

extension Terminal {
    /// Waits for the next event: a key, a paste, a resize, a signal, or the end of input.
    ///
    /// - Parameter timeout: how long to wait; nil waits until something happens.
    /// - Returns: the event, or nil when the timeout passed with nothing to report (use it to
    ///   save drafts and run timers).
    public func readKey(timeout: Duration? = nil) -> KeyEvent? {
        // Left until now so that the first frame is drawn without waiting for it.
        keys.defineOnce()
        let clock = ContinuousClock()
        let deadline = timeout.map { clock.now.advanced(by: $0) }
        while true {
            if !queue.isEmpty {
                return queue.removeFirst()
            }
            guard isActive else { return nil }
            let remaining = deadline.map { max(.zero, $0 - clock.now) }
            // An unfinished paste waits for its end marker only so long, if that ends first.
            let waitingForPaste = decoder.isInPaste && remaining.map { options.pasteTimeout <= $0 } ?? decoder.isInPaste
            let wait = waitingForPaste ? options.pasteTimeout : remaining

            switch poll(for: wait) {
            case .interrupted:
                continue
            case .timedOut:
                if waitingForPaste {
                    queue += decoder.finishPaste()
                } else {
                    return nil
                }
            case .ready(let signalsWaiting, let inputWaiting, let hungUp):
                if signalsWaiting {
                    handleSignals()
                }
                if inputWaiting {
                    readInput(hungUp: hungUp)
                }
            }
        }
    }

    private enum PollResult {
        case timedOut
        case interrupted
        case ready(signals: Bool, input: Bool, hungUp: Bool)
    }

    private func poll(for wait: Duration?) -> PollResult {
        var descriptors = [
            pollfd(fd: signals.readDescriptor, events: Int16(POLLIN), revents: 0),
            pollfd(fd: inputClosed ? -1 : STDIN_FILENO, events: Int16(POLLIN), revents: 0),
        ]
        let milliseconds: Int32
        if let wait {
            let (seconds, attoseconds) = wait.components
            milliseconds = Int32(clamping: seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000)
        } else {
            milliseconds = -1
        }
        #if os(Linux)
        let count = Glibc.poll(&descriptors, nfds_t(descriptors.count), milliseconds)
        #else
        let count = Darwin.poll(&descriptors, nfds_t(descriptors.count), milliseconds)
        #endif
        if count < 0 {
            // Any failure other than a signal is treated as a quiet moment: the caller's loop
            // goes on (and its timeout keeps meaning something).
            return errno == EINTR ? .interrupted : .timedOut
        }
        if count == 0 {
            return .timedOut
        }
        let inputEvents = Int32(descriptors[1].revents)
        return .ready(
            signals: descriptors[0].revents & Int16(POLLIN) != 0,
            input: inputEvents & (POLLIN | POLLHUP | POLLERR | POLLNVAL) != 0,
            hungUp: inputEvents & (POLLHUP | POLLERR | POLLNVAL) != 0
        )
    }

    /// Takes everything curses can read without waiting (it has its own Esc delay for the rest of
    /// a key sequence) and decodes it as one batch.
    private func readInput(hungUp: Bool) {
        let window = refuge_stdscr()
        var batch: [TerminalInput] = []
        var character: wint_t = 0
        while true {
            let result = wget_wch(window, &character)
            if result == KEY_CODE_YES {
                if let meaning = keys.meaning(of: Int32(bitPattern: character)) { batch.append(.sequence(meaning)) }
            } else if result == OK {
                batch.append(.scalar(Unicode.Scalar(UInt32(character)) ?? "\u{FFFD}"))
            } else {
                break
            }
        }
        queue += decoder.feed(batch)
        // Input was ready but nothing came: the terminal is gone (closed window, lost
        // connection), or reads fail. Keep nothing half-typed.
        if batch.isEmpty, hungUp || refuge_bytes_waiting(STDIN_FILENO) <= 0 {
            queue += decoder.finishPaste()
            inputClosed = true
            queue.append(.inputClosed)
        }
    }

    private func handleSignals() {
        for number in signals.drain() {
            switch number {
            case SIGWINCH:
                resizeToWindow()
            case SIGCONT:
                resumeAfterStop()
            default:
                queue.append(.signal(number))
            }
        }
    }

    /// Reads the new size from the kernel, tells curses, and queues one `.resize` (replacing an
    /// older one still waiting, so a window dragged across the screen gives one event).
    func resizeToWindow() {
        var rows: Int32 = 0
        var columns: Int32 = 0
        if refuge_window_size(STDOUT_FILENO, &rows, &columns) == 0 {
            resizeterm(rows, columns)
        }
        redrawAll()
        let (width, height) = size()
        queue.removeAll { if case .resize = $0 { return true } else { return false } }
        queue.append(.resize(width: width, height: height))
    }

    /// Back after the process was stopped: the shell may have changed the terminal's modes, and
    /// the screen holds whatever was drawn meanwhile.
    func resumeAfterStop() {
        guard isActive else { return }
        reset_prog_mode()
        enterFullScreenModes()
        resizeToWindow()
    }
}
