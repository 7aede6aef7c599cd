// A small non-validating XML reader for the parts of an .xlsx (instead of FoundationXML's
// XMLParser, which brings full Foundation and libxml2): elements with attributes, text with
// the five predefined entities and character references, CDATA, comments and processing
// instructions. A document type declaration is refused (an .xlsx part never has one, and
// entity definitions are how XML bombs work). Names keep their prefixes (`r:id`).

/// What a reader of the events does with them.
protocol XMLEventHandler {
    mutating func start(_ name: String, attributes: [String: String])
    mutating func end(_ name: String)
    mutating func text(_ text: String)
}

struct XMLReadError: Error {
    /// The line (from 1) where the document stopped being well-formed XML.
    let line: Int
}

enum XMLReader {
    static func read<Handler: XMLEventHandler>(_ bytes: [UInt8], into handler: inout Handler) throws(XMLReadError) {
        var reader = Reader(b: bytes)
        try reader.document(&handler)
    }

    private struct Reader {
        let b: [UInt8]
        var i = 0
        var line = 1
        var open: [String] = []

        func fail() -> XMLReadError { XMLReadError(line: line) }

        mutating func advance(_ n: Int = 1) {
            for k in i..<min(i + n, b.count) where b[k] == 0x0A { line += 1 }
            i += n
        }

        func at(_ text: String) -> Bool {
            let t = Array(text.utf8)
            guard i + t.count <= b.count else { return false }
            for k in 0..<t.count where b[i + k] != t[k] { return false }
            return true
        }

        /// Skips past `terminator`; fails when it never comes.
        mutating func skip(past terminator: String) throws(XMLReadError) -> Range<Int> {
            let start = i
            while i < b.count {
                if at(terminator) {
                    let range = start..<i
                    advance(terminator.utf8.count)
                    return range
                }
                advance()
            }
            throw fail()
        }

        static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D }

        static func isNameByte(_ c: UInt8) -> Bool {
            !(isSpace(c) || c == UInt8(ascii: "/") || c == UInt8(ascii: ">") || c == UInt8(ascii: "=")
              || c == UInt8(ascii: "<") || c == UInt8(ascii: "\"") || c == UInt8(ascii: "'"))
        }

        mutating func skipSpace() { while i < b.count, Self.isSpace(b[i]) { advance() } }

        mutating func name() throws(XMLReadError) -> String {
            let start = i
            while i < b.count, Self.isNameByte(b[i]) { i += 1 }
            guard i > start else { throw fail() }
            return String(decoding: b[start..<i], as: UTF8.self)
        }

        mutating func document<Handler: XMLEventHandler>(_ handler: inout Handler) throws(XMLReadError) {
            if at("\u{FEFF}") { i += 3 }
            var sawRoot = false
            var text: [UInt8] = []
            func flush(_ handler: inout Handler, _ text: inout [UInt8]) throws(XMLReadError) {
                guard !text.isEmpty else { return }
                if open.isEmpty {
                    // Outside the root only white space may stand.
                    guard text.allSatisfy(Self.isSpace) else { throw fail() }
                } else {
                    handler.text(try decoded(text))
                }
                text = []
            }
            while i < b.count {
                if b[i] != UInt8(ascii: "<") {
                    // Line ends are read as one line feed (XML 1.0, 2.11).
                    if b[i] == 0x0D {
                        text.append(0x0A)
                        i += 1
                        if i < b.count, b[i] == 0x0A { i += 1 }
                        line += 1
                        continue
                    }
                    text.append(b[i])
                    advance()
                    continue
                }
                if at("<!--") {
                    try flush(&handler, &text)
                    _ = try skip(past: "-->")
                } else if at("<![CDATA[") {
                    guard !open.isEmpty else { throw fail() }
                    try flush(&handler, &text)
                    advance(9)
                    let range = try skip(past: "]]>")
                    handler.text(String(decoding: b[range], as: UTF8.self))
                } else if at("<?") {
                    try flush(&handler, &text)
                    _ = try skip(past: "?>")
                } else if at("<!") {
                    throw fail()   // a document type declaration
                } else if at("</") {
                    try flush(&handler, &text)
                    advance(2)
                    let closing = try name()
                    skipSpace()
                    guard i < b.count, b[i] == UInt8(ascii: ">"), open.last == closing else { throw fail() }
                    advance()
                    open.removeLast()
                    handler.end(closing)
                } else {
                    try flush(&handler, &text)
                    guard !(open.isEmpty && sawRoot) else { throw fail() }   // a second root
                    advance()
                    let element = try name()
                    var attributes: [String: String] = [:]
                    while true {
                        let before = i
                        skipSpace()
                        guard i < b.count else { throw fail() }
                        if b[i] == UInt8(ascii: ">") {
                            advance()
                            open.append(element)
                            sawRoot = true
                            handler.start(element, attributes: attributes)
                            break
                        }
                        if at("/>") {
                            advance(2)
                            sawRoot = true
                            handler.start(element, attributes: attributes)
                            handler.end(element)
                            break
                        }
                        guard i > before else { throw fail() }   // attributes are separated by space
                        let key = try name()
                        skipSpace()
                        guard i < b.count, b[i] == UInt8(ascii: "=") else { throw fail() }
                        advance()
                        skipSpace()
                        guard i < b.count, b[i] == UInt8(ascii: "\"") || b[i] == UInt8(ascii: "'") else { throw fail() }
                        let quote = b[i]
                        advance()
                        let start = i
                        while i < b.count, b[i] != quote {
                            guard b[i] != UInt8(ascii: "<") else { throw fail() }
                            advance()
                        }
                        guard i < b.count else { throw fail() }
                        // White space in a value reads as spaces (attribute-value normalisation).
                        let raw = b[start..<i].map { Self.isSpace($0) ? 0x20 : $0 }
                        advance()
                        guard attributes[key] == nil else { throw fail() }
                        attributes[key] = try decoded(raw)
                    }
                }
            }
            try flush(&handler, &text)
            guard open.isEmpty, sawRoot else { throw fail() }
        }

        /// Text with its entity and character references replaced.
        func decoded(_ raw: [UInt8]) throws(XMLReadError) -> String {
            guard raw.contains(UInt8(ascii: "&")) else { return String(decoding: raw, as: UTF8.self) }
            var out: [UInt8] = []
            out.reserveCapacity(raw.count)
            var k = 0
            while k < raw.count {
                guard raw[k] == UInt8(ascii: "&") else { out.append(raw[k]); k += 1; continue }
                guard let semicolon = raw[k...].firstIndex(of: UInt8(ascii: ";")), semicolon - k <= 12 else { throw fail() }
                let reference = String(decoding: raw[(k + 1)..<semicolon], as: UTF8.self)
                switch reference {
                case "lt": out.append(UInt8(ascii: "<"))
                case "gt": out.append(UInt8(ascii: ">"))
                case "amp": out.append(UInt8(ascii: "&"))
                case "quot": out.append(UInt8(ascii: "\""))
                case "apos": out.append(UInt8(ascii: "'"))
                default:
                    var value: UInt32?
                    if reference.hasPrefix("#x") { value = UInt32(reference.dropFirst(2), radix: 16) }
                    else if reference.hasPrefix("#") { value = UInt32(reference.dropFirst(), radix: 10) }
                    guard let value, let scalar = Unicode.Scalar(value), value != 0 else { throw fail() }
                    out.append(contentsOf: Array(String(Character(scalar)).utf8))
                }
                k = semicolon + 1
            }
            return String(decoding: out, as: UTF8.self)
        }
    }
}
