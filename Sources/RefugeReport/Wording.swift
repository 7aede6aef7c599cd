/// One text in the report's languages: the client's and, where it reads differently, the
/// interviewer's (or a single language). Identical renderings are kept once.
public struct Wording: Sendable, Hashable {
    public struct Part: Sendable, Hashable {
        public var language: String
        public var text: String
    }

    public private(set) var parts: [Part]

    public init(_ parts: [(language: String, text: String)]) {
        var kept: [Part] = []
        for part in parts where !kept.contains(where: { $0.text == part.text }) {
            kept.append(Part(language: part.language, text: part.text))
        }
        self.parts = kept
    }

    /// A text that is the same in every language (a typed answer, an id).
    public init(plain text: String, language: String) {
        self.parts = [Part(language: language, text: text)]
    }

    public var first: String { parts.first?.text ?? "" }

    /// No text at all: what the JSON and CSV exports' model holds where only printed formats
    /// read a text (`ReportContent`).
    static let empty = Wording([])

    /// The rendering in `language`, or the first one when that language has the same text
    /// (or is not shown).
    public func text(in language: String) -> String {
        parts.first { $0.language == language }?.text ?? first
    }

    /// Every rendering on one line, separated by " / ".
    public var joined: String { parts.map(\.text).joined(separator: " / ") }
}

extension Wording {
    /// Every rendering changed by `transform` (renderings that become equal are kept once).
    public func mapped(_ transform: (String) -> String) -> Wording {
        Wording(parts.map { ($0.language, transform($0.text)) })
    }
}
