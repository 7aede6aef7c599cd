/// The inside of a JSON string (without its quotes), as `JSONWriter.Escaping` describes it.
///
/// Works on the UTF-8 bytes and copies the runs between escapes whole: strings in a session
/// are mostly long answers with nothing to escape.
enum JSONStringEscaping {
    private static let hex = Array("0123456789abcdef".utf8)

    static func append(_ text: String, to bytes: inout [UInt8], escaping: JSONWriter.Escaping) {
        let all = escaping == .allControls
        var text = text
        text.withUTF8 { utf8 in
            var start = 0
            var i = 0
            while i < utf8.count {
                let byte = utf8[i]
                // How many bytes of input the escape replaces, and which scalar it stands for.
                var length = 1
                var scalar = UInt32(byte)
                if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                    // escaped below
                } else if all, byte == 0x7F {
                    // DEL
                } else if all, byte == 0xC2, i + 1 < utf8.count, (0x80...0x9F).contains(utf8[i + 1]) {
                    length = 2
                    scalar = UInt32(utf8[i + 1])
                } else if all, byte == 0xE2, i + 2 < utf8.count, utf8[i + 1] == 0x80, utf8[i + 2] == 0xA8 || utf8[i + 2] == 0xA9 {
                    length = 3
                    scalar = 0x2000 | UInt32(utf8[i + 2] & 0x3F)
                } else {
                    i += 1
                    continue
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<i]))
                appendEscape(scalar, to: &bytes)
                i += length
                start = i
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
        }
    }

    private static func appendEscape(_ scalar: UInt32, to bytes: inout [UInt8]) {
        let backslash = UInt8(ascii: "\\")
        switch scalar {
        case 0x22: bytes += [backslash, UInt8(ascii: "\"")]
        case 0x5C: bytes += [backslash, backslash]
        case 0x0A: bytes += [backslash, UInt8(ascii: "n")]
        case 0x0D: bytes += [backslash, UInt8(ascii: "r")]
        case 0x09: bytes += [backslash, UInt8(ascii: "t")]
        case 0x08: bytes += [backslash, UInt8(ascii: "b")]
        case 0x0C: bytes += [backslash, UInt8(ascii: "f")]
        default:
            bytes += [backslash, UInt8(ascii: "u")]
            for shift in stride(from: 12, through: 0, by: -4) {
                bytes.append(hex[Int((scalar >> UInt32(shift)) & 0xF)])
            }
        }
    }
}
