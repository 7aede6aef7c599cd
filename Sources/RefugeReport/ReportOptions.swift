#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import RefugeExpressions
import RefugeVersion

/// The formats a report can be written in.
public enum ReportFormat: String, Sendable, CaseIterable {
    case text, markdown, html, json, csv

    /// The file name extension for a report written to a file.
    public var fileExtension: String {
        switch self {
        case .text: return "txt"
        case .markdown: return "md"
        case .html: return "html"
        case .json: return "json"
        case .csv: return "csv"
        }
    }
}

/// How much a copy of the report withholds.
public enum Redaction: String, Sendable, CaseIterable, Comparable {
    /// Everything (the attorney's own copy).
    case none
    /// Answers to `sensitive` questions and answers marked for the lawyer only, and every
    /// question, flag and point to clarify that exists only because of one of them.
    case sensitive
    /// As `sensitive`, and the answers to `identifying` questions replaced by placeholders
    /// ("[Client]", "[Phone 1]") wherever they appear.
    case identity

    public static func < (a: Redaction, b: Redaction) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// What a report shows, chosen by whoever asks for it.
public struct ReportOptions: Sendable {
    /// Show only this language; nil shows the client's language and, where it differs, the
    /// interviewer's.
    public var language: String?
    public var redaction: Redaction
    /// Include the questionnaire author's notes.
    public var notes: Bool
    /// When the report is made (printed in its footer); injected so reports are reproducible.
    public var now: Date
    /// JSON and CSV: the label of each coded value beside it.
    public var labels: Bool
    /// Keep the dates the questionnaire leaves out of the chronology (`report.timeline.leave_out`).
    public var allDates: Bool
    /// List only answers changed after this day in "Changed answers" (nil: every change).
    public var changesSince: PartialDate?
    /// The program's version, printed in every report.
    public var programVersion: String
    /// What the report is built for (set by `ReportWriter` from the format; everything by default).
    var content: ReportContent = .everything

    public init(language: String? = nil, redact: Bool = false, redaction: Redaction? = nil, notes: Bool = false,
                labels: Bool = false, allDates: Bool = false, changesSince: PartialDate? = nil,
                programVersion: String = ReportProgramVersion.current, now: Date) {
        self.language = language
        self.redaction = redaction ?? (redact ? .sensitive : .none)
        self.notes = notes
        self.labels = labels
        self.allDates = allDates
        self.changesSince = changesSince
        self.programVersion = programVersion
        self.now = now
    }

    /// Any redaction at all.
    public var redact: Bool { redaction != .none }
}

/// How much of the report model a format reads, so that the JSON and CSV exports do not build
/// (and free) the printed texts they never write: every question's wording and answer as
/// people read it, in each language, page one and the printed body were most of the strings a
/// report made, and at ten thousand answers making and freeing them went far past the cache.
enum ReportContent: Sendable {
    /// Every part: the printed formats (text, Markdown, HTML) and `ReportBuilder.build`.
    case everything
    /// What the JSON export writes: the answers' values, labels, notes and marks (no
    /// `question`, `shown`, `refersTo`, `authorNote`, entry labels), the flags, the points to
    /// clarify, the chronology, the gaps, removed answers and changes by label; no page one,
    /// printed body, follow-up or draft lists.
    case exportedData
    /// What the CSV export writes: the answers alone, as for `exportedData`.
    case answersOnly

    /// The content the report in `format` reads.
    static func of(_ format: ReportFormat) -> ReportContent {
        switch format {
        case .text, .markdown, .html: return .everything
        case .json: return .exportedData
        case .csv: return .answersOnly
        }
    }
}

/// The program's version as reports print it, from `RefugeVersion` (the one place that says it).
public enum ReportProgramVersion {
    public static var current: String { "refuge \(RefugeVersion.full)" }
}
