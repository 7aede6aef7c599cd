/// One thing curses read: a character, or a key sequence it matched (from the terminfo entry or
/// from `TerminalKeySequences`).
public enum TerminalInput: Hashable, Sendable {
    case scalar(Unicode.Scalar)
    case sequence(TerminalKeySequences.Meaning)
}

/// Turns what curses read into `KeyEvent`s: control characters, Alt, bracketed paste, mouse
/// reports, and sequences curses did not know (dropped, never typed). Pure, so it is tested
/// with arrays of inputs.
///
/// Input comes in batches: everything curses could read without waiting. curses has already
/// waited its Esc delay before it hands over an Esc, so an Esc that ends a batch is the Esc key,
/// and an Esc followed by a character in the same batch is Alt with it (or the start of a
/// sequence curses did not know). A paste may span batches; `finishPaste()` hands over a paste
/// whose end never came.
public struct TerminalInputDecoder: Sendable {
    private static let escape = Unicode.Scalar(0x1B)

    /// The text of a bracketed paste so far; nil when no paste is in progress.
    private var paste: String?
    /// A carriage return ended the last batch inside a paste: a line feed after it is the same line end.
    private var pasteEndedWithReturn = false

    public init() {}

    /// Whether a bracketed paste has started and its end marker has not arrived yet.
    public var isInPaste: Bool { paste != nil }

    /// Decodes one batch.
    public mutating func feed(_ batch: [TerminalInput]) -> [KeyEvent] {
        var events: [KeyEvent] = []
        var index = 0
        while index < batch.count {
            if paste != nil {
                index = collectPaste(batch, from: index, into: &events)
                continue
            }
            switch batch[index] {
            case .sequence(.key(let key)):
                events.append(key)
                index += 1
            case .sequence(.pasteStart):
                paste = ""
                pasteEndedWithReturn = false
                index += 1
            case .sequence(.pasteEnd):
                index += 1
            case .sequence(.mouseReport):
                let (event, next) = Self.mouseReport(batch, from: index + 1)
                if let event { events.append(event) }
                index = next
            case .scalar(let scalar) where scalar == Self.escape:
                let (event, next) = Self.afterEscape(batch, from: index + 1)
                if let event { events.append(event) }
                index = next
            case .scalar(let scalar) where scalar.value < 0x20 || scalar.value == 0x7F:
                if scalar.value == 0x0D, index + 1 < batch.count, batch[index + 1] == .scalar("\n") {
                    index += 1
                }
                events.append(Self.controlKey(UInt8(scalar.value)))
                index += 1
            case .scalar(let scalar):
                // C1 controls cannot be shown or typed.
                if !(0x80..<0xA0).contains(scalar.value) { events.append(.character(Character(scalar))) }
                index += 1
            }
        }
        return events
    }

    /// The terminal never sent the end of a paste (it was cut off): hand over what came.
    public mutating func finishPaste() -> [KeyEvent] {
        guard let text = paste else { return [] }
        paste = nil
        return text.isEmpty ? [] : [.paste(text)]
    }

    /// The key for a C0 control character (or DEL).
    static func controlKey(_ byte: UInt8) -> KeyEvent {
        switch byte {
        case 0x0D, 0x0A: return .enter
        case 0x09: return .tab
        case 0x08, 0x7F: return .backspace
        case 0x1B: return .escape
        case 0x00: return .ctrl("@")
        case 0x01...0x1A: return .ctrl(Character(Unicode.Scalar(byte + 0x60)))
        default: return .ctrl(Character(Unicode.Scalar(byte + 0x40)))
        }
    }

    // MARK: - Bracketed paste

    /// Adds pasted characters up to the end marker (or the batch's end). Line ends become "\n",
    /// other control characters except tab are dropped, and keys curses found inside the text
    /// are dropped too: nothing pasted is ever taken as a command.
    private mutating func collectPaste(_ batch: [TerminalInput], from start: Int, into events: inout [KeyEvent]) -> Int {
        var text = paste ?? ""
        var index = start
        defer { if paste != nil { paste = text } }
        while index < batch.count {
            defer { index += 1 }
            switch batch[index] {
            case .sequence(.pasteEnd):
                if !text.isEmpty { events.append(.paste(text)) }
                paste = nil
                return index + 1
            case .sequence:
                pasteEndedWithReturn = false
            case .scalar(let scalar):
                let afterReturn = pasteEndedWithReturn
                pasteEndedWithReturn = scalar.value == 0x0D
                switch scalar.value {
                case 0x0D: text.append("\n")
                case 0x0A: if !afterReturn { text.append("\n") }
                case 0x09: text.append("\t")
                case 0..<0x20, 0x7F, 0x80..<0xA0: break
                default: text.unicodeScalars.append(scalar)
                }
            }
        }
        return index
    }

    // MARK: - Esc, and sequences curses did not know

    /// After an Esc: the end of the batch is the Esc key; `[` or `O` start a sequence curses did
    /// not know (read to its final character and dropped, or decoded where it is a "CSI u" key);
    /// another character is Alt with it.
    private static func afterEscape(_ batch: [TerminalInput], from index: Int) -> (KeyEvent?, Int) {
        guard index < batch.count, case .scalar(let next) = batch[index] else { return (.escape, index) }
        switch next {
        case "[":
            return controlSequence(batch, from: index + 1)
        case "O":
            // `ESC O`, optional digits, one final character.
            var position = index + 1
            while position < batch.count, case .scalar(let scalar) = batch[position] {
                position += 1
                if !("0"..."9").contains(scalar) && scalar != ";" { return (nil, position) }
            }
            return (position == index + 1 ? .alt("O") : nil, position)
        case escape:
            return (.escape, index)
        default:
            if next.value < 0x20 || next.value == 0x7F || (0x80..<0xA0).contains(next.value) { return (.escape, index) }
            return (.alt(Character(next)), index + 1)
        }
    }

    /// `ESC [` then parameters (0x30-0x3F), intermediates (0x20-0x2F) and one final character
    /// (0x40-0x7E). Only the "CSI u" form means a key here; the rest (replies to queries, focus
    /// reports, keys nobody uses) is dropped. A character that cannot be inside a sequence ends it
    /// and is decoded as itself.
    private static func controlSequence(_ batch: [TerminalInput], from start: Int) -> (KeyEvent?, Int) {
        guard start < batch.count else { return (.alt("["), start) }
        var parameters = ""
        var position = start
        while position < batch.count, case .scalar(let scalar) = batch[position] {
            switch scalar.value {
            case 0x30...0x3F:
                parameters.unicodeScalars.append(scalar)
            case 0x20...0x2F:
                break
            case 0x40...0x7E:
                return (scalar == "u" ? unicodeKey(parameters) : nil, position + 1)
            default:
                return (nil, position)
            }
            position += 1
        }
        return (nil, position)
    }

    /// `ESC [ <code> ; <modifiers> u`: the key with that Unicode code, Ctrl applied.
    static func unicodeKey(_ parameters: String) -> KeyEvent? {
        let numbers = parameters.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) }
        guard let first = numbers.first, let code = first else { return nil }
        let modifiers = numbers.count > 1 ? numbers[1] ?? 1 : 1
        let ctrl = (max(1, modifiers) - 1) & 4 != 0
        switch code {
        case 9: return .tab
        case 13: return .enter
        case 27: return .escape
        case 127, 8: return .backspace
        default:
            guard code >= 0x20, code != 0x7F, !(0x80..<0xA0).contains(code), let scalar = Unicode.Scalar(code) else { return nil }
            let character = Character(scalar)
            if ctrl, let ascii = character.asciiValue, ascii >= 0x40, ascii < 0x7F {
                return controlKey(ascii & 0x1F)
            }
            return .character(character)
        }
    }

    // MARK: - Mouse

    /// After `ESC [ <`: `button ; column ; row` then `M` (press) or `m` (release). A press of the
    /// main button is a click on a cell (from 0), the wheel moves as ↑ and ↓, the rest is nothing.
    private static func mouseReport(_ batch: [TerminalInput], from start: Int) -> (KeyEvent?, Int) {
        var parameters = ""
        var position = start
        while position < batch.count, case .scalar(let scalar) = batch[position] {
            position += 1
            switch scalar {
            case "0"..."9", ";":
                parameters.unicodeScalars.append(scalar)
            case "M", "m":
                let numbers = parameters.split(separator: ";").compactMap { Int($0) }
                guard numbers.count == 3, scalar == "M" else { return (nil, position) }
                switch numbers[0] {
                case 0: return (.click(row: numbers[2] - 1, column: numbers[1] - 1), position)
                case 64: return (.up, position)
                case 65: return (.down, position)
                default: return (nil, position)
                }
            default:
                return (nil, position - 1)
            }
        }
        return (nil, position)
    }
}
