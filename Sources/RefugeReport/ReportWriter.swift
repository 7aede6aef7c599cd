#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import RefugeBasics
#if canImport(Glibc)
import Glibc
#endif
import RefugeQuestionnaire
import RefugeSession
import RefugeStorage

/// Makes a report and writes it: to a string, or to a private file (mode 0600) that
/// replaces any earlier one at once.
public enum ReportWriter {
    /// The report in `format`.
    public static func render(_ report: Report, format: ReportFormat) -> String {
        switch format {
        case .text: return TextRenderer().render(report)
        case .markdown: return MarkdownRenderer().render(report)
        case .html: return HTMLRenderer().render(report)
        case .json: return JSONRenderer.render(report)
        case .csv: return CSVRenderer.render(report)
        }
    }

    /// Builds only what `format` reads (`ReportContent`): the JSON and CSV exports skip the
    /// printed texts, and write each answer as it is gathered. The output is the same as
    /// rendering the full model.
    public static func render(session: Session, questionnaire: Questionnaire, format: ReportFormat,
                              options: ReportOptions) -> String {
        if var assembly = gathering(session: session, questionnaire: questionnaire, format: format, options: options) {
            return format == .json ? String(decoding: JSONRenderer.bytes(gathering: &assembly), as: UTF8.self)
                : CSVRenderer.render(gathering: &assembly)
        }
        var options = options
        options.content = .of(format)
        return render(ReportBuilder.build(session: session, questionnaire: questionnaire, options: options), format: format)
    }

    /// The report as the UTF-8 bytes of its file, which is what `refuge report` and the
    /// program's own report files write. The JSON export hands over its writer's bytes as
    /// they are (see `JSONRenderer.bytes(gathering:)`); the other formats are made as text.
    public static func renderBytes(session: Session, questionnaire: Questionnaire, format: ReportFormat,
                                   options: ReportOptions) -> [UInt8] {
        if format == .json, var assembly = gathering(session: session, questionnaire: questionnaire, format: format, options: options) {
            return JSONRenderer.bytes(gathering: &assembly)
        }
        return Array(render(session: session, questionnaire: questionnaire, format: format, options: options).utf8)
    }

    /// The exports write each answer as it is gathered (nil for the other formats, and under
    /// `--redact identity`, whose mask reads the whole report first, so it is built whole).
    private static func gathering(session: Session, questionnaire: Questionnaire, format: ReportFormat,
                                  options: ReportOptions) -> ReportAssembly? {
        guard options.redaction != .identity, format == .json || format == .csv else { return nil }
        var options = options
        options.content = .of(format)
        return ReportAssembly(session: session, questionnaire: questionnaire, options: options)
    }

    /// Writes the report to `file` and returns its path.
    @discardableResult
    public static func write(session: Session, questionnaire: Questionnaire, format: ReportFormat,
                             options: ReportOptions, to file: URL) throws -> String {
        try writePrivately(renderBytes(session: session, questionnaire: questionnaire, format: format, options: options), to: file.path)
        return file.path
    }

    /// Writes the report into `folder` (created with mode 0700 when missing) under a name made
    /// from the session's label (or id), the day and the format, and returns its path. The
    /// full-screen program writes to `reports/` this way.
    @discardableResult
    public static func write(session: Session, questionnaire: Questionnaire, format: ReportFormat,
                             options: ReportOptions, intoFolder folder: URL) throws -> String {
        // Created 0700 with any missing parent (an existing folder is used as it is).
        try StoredFile.prepareFolder(folder)
        let name = fileName(session: session, format: format, options: options)
        return try write(session: session, questionnaire: questionnaire, format: format, options: options,
                         to: folder.appendingPathComponent(name))
    }

    /// `<label>-<id>-<YYYY-MM-DD>[-redacted].<ext>` (`<id>-...` without a label), with anything
    /// but letters, digits, `.`, `_` and `-` in the label replaced, so a label never names another
    /// folder. The id keeps two sessions with the same label apart: a report written for one
    /// never replaces the other's.
    public static func fileName(session: Session, format: ReportFormat, options: ReportOptions) -> String {
        let base = session.label.isEmpty ? session.id : session.label + "-" + session.id
        var safe = String(base.unicodeScalars.map { scalar -> Character in
            let ok = (scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)))
                || scalar == "-" || scalar == "_" || scalar == "."
            return ok ? Character(scalar) : "_"
        })
        while safe.hasPrefix(".") { safe.removeFirst() }
        if safe.isEmpty { safe = "report" }
        let day = String(JSONRenderer.timestamp(options.now).prefix(10))
        let redaction = options.redaction == .identity ? "-redacted-identity" : options.redact ? "-redacted" : ""
        return "\(safe)-\(day)\(redaction).\(format.fileExtension)"
    }

    /// Writes through a temporary file created with mode 0600 in the same folder, then renames
    /// it over `path`: readers see the old file or the whole new one, and never a moment when
    /// the report is readable by others.
    public static func writePrivately(_ data: Data, to path: String) throws {
        try data.withUnsafeBytes { try writePrivately(buffer: $0, to: path) }
    }

    public static func writePrivately(_ bytes: [UInt8], to path: String) throws {
        try bytes.withUnsafeBytes { try writePrivately(buffer: $0, to: path) }
    }

    private static func writePrivately(buffer: UnsafeRawBufferPointer, to path: String) throws {
        let folder = PathText.deletingLastComponent(path)
        let temporary = (folder.isEmpty ? "." : folder) + "/.\(PathText.lastComponent(path)).\(getpid()).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw ReportWriteError(path: path, code: errno) }
        var failed: Int32 = 0
        var offset = 0
        while offset < buffer.count {
            let n = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
            if n < 0 { if errno == EINTR { continue }; failed = errno; break }
            offset += n
        }
        if failed == 0 && fchmod(fd, 0o600) != 0 { failed = errno }
        if failed == 0 && fsync(fd) != 0 { failed = errno }
        close(fd)
        if failed == 0 && rename(temporary, path) != 0 { failed = errno }
        if failed != 0 {
            unlink(temporary)
            throw ReportWriteError(path: path, code: failed)
        }
    }
}

/// A report file that could not be written, with the system's reason.
public struct ReportWriteError: Error, CustomStringConvertible {
    public var path: String
    public var code: Int32
    public var description: String { "The report could not be written to \(path): \(String(cString: strerror(code)))." }
}
