import Foundation

/// The formats a report can be written in.
public enum ReportFormat: String, Sendable, CaseIterable {
    case text, markdown, html, json

    /// The file name extension for a report written to a file.
    public var fileExtension: String {
        switch self {
        case .text: return "txt"
        case .markdown: return "md"
        case .html: return "html"
        case .json: return "json"
        }
    }
}

/// What a report shows, chosen by whoever asks for it.
public struct ReportOptions: Sendable {
    /// Show only this language; nil shows the client's language and, where it differs, the
    /// interviewer's.
    public var language: String?
    /// Withhold answers to `sensitive` questions and answers marked for the lawyer only.
    public var redact: Bool
    /// Include the questionnaire author's notes.
    public var notes: Bool
    /// When the report is made (printed in its header); injected so reports are reproducible.
    public var now: Date

    public init(language: String? = nil, redact: Bool = false, notes: Bool = false, now: Date) {
        self.language = language
        self.redact = redact
        self.notes = notes
        self.now = now
    }
}
