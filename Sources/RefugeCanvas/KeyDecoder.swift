/// Turns the bytes a terminal sends into `KeyEvent`s: UTF-8 text, control keys, escape sequences
/// (see `EscapeSequences`) and bracketed paste. Pure and incremental, so it is tested with byte
/// arrays and any split of them into reads.
///
/// A lone Esc cannot be told from the start of a sequence until time has passed; the decoder
/// keeps such bytes, and the caller, after waiting a short while with no new byte
/// (`hasPendingInput` says when), calls `timeoutElapsed()` to have them taken as they stand.
public struct KeyDecoder: Sendable {
    private static let escape: UInt8 = 0x1B
    private static let pasteEnd: [UInt8] = Array("\u{1B}[201~".utf8)

    /// Bytes received and not yet turned into events.
    private var pending: [UInt8] = []
    /// The bytes of a bracketed paste so far; nil when no paste is in progress.
    private var paste: [UInt8]?

    public init() {}

    /// Whether bytes are waiting for more (an Esc, an unfinished sequence or UTF-8 character):
    /// the caller should call `timeoutElapsed()` if nothing else arrives within its Esc delay.
    public var hasPendingInput: Bool { paste == nil && !pending.isEmpty }

    /// Whether a bracketed paste has started and its end marker has not arrived yet.
    public var isInPaste: Bool { paste != nil }

    /// Decodes newly read bytes; returns every event they complete.
    public mutating func feed<Bytes: Sequence>(_ bytes: Bytes) -> [KeyEvent] where Bytes.Element == UInt8 {
        pending.append(contentsOf: bytes)
        return decode(final: false)
    }

    /// No byte came for the Esc delay: what is pending is taken as it is (a lone Esc is the Esc
    /// key, Esc and one character is Alt with it, an unfinished sequence is dropped and an
    /// unfinished UTF-8 character becomes U+FFFD).
    public mutating func timeoutElapsed() -> [KeyEvent] {
        guard paste == nil else { return [] }
        return decode(final: true)
    }

    /// The terminal never sent the end of a paste (it was cut off): hand over what came.
    public mutating func finishPaste() -> [KeyEvent] {
        guard let content = paste else { return [] }
        let text = Self.pasteText(content + pending)
        paste = nil
        pending = []
        return text.isEmpty ? [] : [.paste(text)]
    }

    // MARK: - Decoding

    private mutating func decode(final: Bool) -> [KeyEvent] {
        var events: [KeyEvent] = []
        var index = 0
        while index < pending.count {
            if paste != nil {
                switch collectPaste(from: index) {
                case .finished(let next):
                    if let text = paste.map(Self.pasteText), !text.isEmpty {
                        events.append(.paste(text))
                    }
                    paste = nil
                    index = next
                    continue
                case .waiting(let keepFrom):
                    pending.removeFirst(keepFrom)
                    return events
                }
            }
            let step = decodeOne(at: index, final: final)
            switch step {
            case .needMore:
                pending.removeFirst(index)
                return events
            case .consumed(let count, let event):
                if let event { events.append(event) }
                index += count
            case .startPaste(let count):
                paste = []
                index += count
            }
        }
        pending.removeFirst(min(index, pending.count))
        return events
    }

    private enum Step {
        case needMore
        case consumed(Int, KeyEvent?)
        case startPaste(Int)
    }

    private func decodeOne(at index: Int, final: Bool) -> Step {
        let byte = pending[index]
        if byte == Self.escape {
            return decodeEscape(at: index, final: final)
        }
        if byte < 0x20 || byte == 0x7F {
            if byte == 0x0D, index + 1 < pending.count, pending[index + 1] == 0x0A {
                return .consumed(2, .enter)
            }
            return .consumed(1, Self.controlKey(byte))
        }
        switch decodeScalar(at: index) {
        case .incomplete:
            return final ? .consumed(pending.count - index, .character("\u{FFFD}")) : .needMore
        case .invalid:
            return .consumed(1, .character("\u{FFFD}"))
        case .scalar(let scalar, let length):
            if scalar.value >= 0x80, scalar.value < 0xA0 {
                return .consumed(length, nil)
            }
            return .consumed(length, .character(Character(scalar)))
        }
    }

    /// The key for a C0 control byte (or DEL).
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

    private func decodeEscape(at index: Int, final: Bool) -> Step {
        let available = pending.count - index
        guard available >= 2 else {
            return final ? .consumed(1, .escape) : .needMore
        }
        let next = pending[index + 1]
        switch next {
        case UInt8(ascii: "["):
            return decodeControlSequence(at: index, final: final)
        case UInt8(ascii: "O"):
            return decodeSingleShift(at: index, final: final)
        case Self.escape:
            return .consumed(1, .escape)
        case 0x20..<0x7F:
            return .consumed(2, .alt(Character(Unicode.Scalar(next))))
        case 0x80...:
            switch decodeScalar(at: index + 1) {
            case .scalar(let scalar, let length):
                return .consumed(1 + length, .alt(Character(scalar)))
            case .incomplete:
                return final ? .consumed(1, .escape) : .needMore
            case .invalid:
                return .consumed(1, .escape)
            }
        default:
            // Esc followed by a control key: two separate keys.
            return .consumed(1, .escape)
        }
    }

    /// `ESC [` parameters (0x30-0x3F), intermediates (0x20-0x2F), one final byte (0x40-0x7E).
    private func decodeControlSequence(at index: Int, final: Bool) -> Step {
        var position = index + 2
        guard position < pending.count else {
            return final ? .consumed(2, .alt("[")) : .needMore
        }
        if pending[position] == UInt8(ascii: "[") {
            guard position + 1 < pending.count else { return final ? .consumed(3, nil) : .needMore }
            return .consumed(4, EscapeSequences.linuxConsoleFunctionKey(final: pending[position + 1]))
        }
        var parameters = ""
        while position < pending.count {
            let byte = pending[position]
            switch byte {
            case 0x30...0x3F:
                parameters.append(Character(Unicode.Scalar(byte)))
            case UInt8(ascii: "$") where parameters.first?.isNumber == true:
                // rxvt ends Shift-modified keys with "$" (ESC [ 2 $): a final byte there.
                return .consumed(position - index + 1, EscapeSequences.controlSequence(parameters: parameters, final: byte))
            case 0x20...0x2F:
                break
            case 0x40...0x7E:
                let length = position - index + 1
                if byte == UInt8(ascii: "~"), parameters == "200" {
                    return .startPaste(length)
                }
                return .consumed(length, EscapeSequences.controlSequence(parameters: parameters, final: byte))
            default:
                // A byte that cannot be inside a sequence: drop what came before it.
                return .consumed(position - index, nil)
            }
            position += 1
        }
        return final ? .consumed(pending.count - index, nil) : .needMore
    }

    /// `ESC O` then an optional modifier digit and one final byte.
    private func decodeSingleShift(at index: Int, final: Bool) -> Step {
        var position = index + 2
        while position < pending.count, (0x30...0x39).contains(pending[position]) || pending[position] == UInt8(ascii: ";") {
            position += 1
        }
        guard position < pending.count else {
            if position == index + 2 {
                return final ? .consumed(2, .alt("O")) : .needMore
            }
            return final ? .consumed(pending.count - index, nil) : .needMore
        }
        return .consumed(position - index + 1, EscapeSequences.singleShift(final: pending[position]))
    }

    // MARK: - Bracketed paste

    private enum PasteProgress {
        /// The end marker was found; decoding goes on at this index.
        case finished(Int)
        /// No end marker yet; the bytes from this index (a possible start of the marker) stay
        /// pending until more arrive.
        case waiting(Int)
    }

    /// Adds the paste bytes from `index` on to `paste`, up to the end marker if it is there.
    private mutating func collectPaste(from index: Int) -> PasteProgress {
        let marker = Self.pasteEnd
        var position = index
        while position < pending.count {
            if pending[position] == Self.escape {
                let available = min(marker.count, pending.count - position)
                if pending[position..<(position + available)].elementsEqual(marker[0..<available]) {
                    paste?.append(contentsOf: pending[index..<position])
                    if available == marker.count {
                        return .finished(position + marker.count)
                    }
                    // The marker is split across reads: keep its beginning for the next one.
                    return .waiting(position)
                }
            }
            position += 1
        }
        paste?.append(contentsOf: pending[index..<position])
        return .waiting(pending.count)
    }

    /// Pasted bytes as text: line ends become "\n", other control characters except tab are
    /// dropped (they cannot be shown), invalid UTF-8 becomes U+FFFD.
    static func pasteText(_ bytes: [UInt8]) -> String {
        var cleaned: [UInt8] = []
        cleaned.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0D {
                cleaned.append(0x0A)
                if index + 1 < bytes.count, bytes[index + 1] == 0x0A { index += 1 }
            } else if byte == 0x0A || byte == 0x09 || (byte >= 0x20 && byte != 0x7F) {
                cleaned.append(byte)
            }
            index += 1
        }
        return String(decoding: cleaned, as: UTF8.self)
    }

    // MARK: - UTF-8

    private enum ScalarResult {
        case scalar(Unicode.Scalar, Int)
        case incomplete
        case invalid
    }

    /// Decodes one UTF-8 scalar starting at `index`, strictly (no overlong forms, no surrogates).
    private func decodeScalar(at index: Int) -> ScalarResult {
        let lead = pending[index]
        let length: Int
        var value: UInt32
        switch lead {
        case 0x00...0x7F: return .scalar(Unicode.Scalar(lead), 1)
        case 0xC2...0xDF: length = 2; value = UInt32(lead & 0x1F)
        case 0xE0...0xEF: length = 3; value = UInt32(lead & 0x0F)
        case 0xF0...0xF4: length = 4; value = UInt32(lead & 0x07)
        default: return .invalid
        }
        for offset in 1..<length {
            guard index + offset < pending.count else { return .incomplete }
            let byte = pending[index + offset]
            guard byte & 0xC0 == 0x80 else { return .invalid }
            value = value << 6 | UInt32(byte & 0x3F)
        }
        let minimum: UInt32 = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000
        guard value >= minimum, let scalar = Unicode.Scalar(value) else { return .invalid }
        return .scalar(scalar, length)
    }
}
