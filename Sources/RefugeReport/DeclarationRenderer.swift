#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import RefugeBasics
import RefugeText

/// The formats of the draft declaration.
public enum DeclarationFormat: String, Sendable, CaseIterable {
    case text, markdown, html, docx
}

/// The draft declaration as text, Markdown, HTML and DOCX (WordprocessingML). Every format
/// holds the same parts: a draft notice, the title, the numbered paragraphs, the declarant's
/// attestation with date and signature lines, and, when the client does not speak English, an
/// interpreter's certificate.
public enum DeclarationRenderer {
    /// The declaration in `format`, as the bytes of a file.
    public static func data(_ d: Declaration, format: DeclarationFormat, now: Date) throws -> Data {
        switch format {
        case .text: return Data(text(d).utf8)
        case .markdown: return Data(markdown(d).utf8)
        case .html: return Data(html(d).utf8)
        case .docx: return try DOCXWriter.data(d, at: now)
        }
    }

    // The fixed wording, written once for every format.
    static func draftNotice(_ d: Declaration) -> String {
        "Draft for review, prepared by \(d.programVersion) from the preparation session of \(d.preparationDate.isoString) "
            + "(\(d.label)). Read it to the client\(d.clientLanguageName.map { " in \($0)" } ?? "") and correct it with them "
            + "before anything is signed. Confidential (8 CFR 208.6)."
    }
    static let attestation = "I declare under penalty of perjury under the laws of the United States of America that the "
        + "foregoing is true and correct to the best of my knowledge."
    static let executed = "Executed on ____________________ (date), at ______________________________ (place)."
    static let signatureLines = ["______________________________", "Signature of the declarant", "",
                                 "______________________________", "Printed name"]
    static let certificateTitle = "Certificate of interpretation"
    static func certificate(_ language: String) -> String {
        "I, ______________________________, certify that I am competent to interpret between \(language) and English, "
            + "and that I read the above declaration to the declarant in \(language). The declarant told me that they "
            + "understood it and that it is true."
    }
    static let interpreterLines = ["______________________________", "Signature of the interpreter", "",
                                   "Date: ____________________", "Name, address and telephone: ______________________________"]
    static let translationNeeded = "[translation needed]"

    // MARK: Plain text

    public static func text(_ d: Declaration, width: Int = 80) -> String {
        var lines: [String] = []
        lines += LineBreaker.wrap(Escaping.plain(draftNotice(d)), width: width)
        lines += ["", center(Escaping.plain(d.title.uppercased()), width: width), ""]
        for (i, paragraph) in d.paragraphs.enumerated() {
            let text = paragraph.map { piece -> String in
                switch piece {
                case .text(let s): return Escaping.plain(s)
                case .needsTranslation(let s): return "\(translationNeeded) \(Escaping.plain(s))"
                }
            }.joined(separator: " ")
            let number = "\(i + 1)."
            let indent = String(repeating: " ", count: 5)
            var first = number.padded(toWidth: 5)
            for chunk in text.piecesSeparated(by: "\n") where !chunk.trimmingSpaces.isEmpty {
                lines += LineBreaker.wrap(chunk, width: width, first: first, rest: indent)
                first = indent
            }
            lines.append("")
        }
        lines += LineBreaker.wrap(attestation, width: width) + [""] + LineBreaker.wrap(executed, width: width) + [""]
        lines += signatureLines
        if let language = d.clientLanguageName {
            lines += ["", "", certificateTitle.uppercased(), ""] + LineBreaker.wrap(certificate(language), width: width) + [""]
            lines += interpreterLines
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func center(_ s: String, width: Int) -> String {
        let w = DisplayWidth.of(s)
        return w >= width ? s : String(repeating: " ", count: (width - w) / 2) + s
    }

    // MARK: Markdown

    public static func markdown(_ d: Declaration) -> String {
        var out = ["*" + Escaping.markdown(draftNotice(d)) + "*", "", "# " + inline(d.title), ""]
        for (i, paragraph) in d.paragraphs.enumerated() {
            let text = paragraph.map { piece -> String in
                switch piece {
                case .text(let s): return lines(s)
                case .needsTranslation(let s): return "**\(Escaping.markdown(translationNeeded))** *" + lines(s) + "*"
                }
            }.joined(separator: " ")
            // "1." starts an ordered list; each paragraph is its own one-item list so that the
            // numbers are the declaration's own, in every renderer.
            out += ["\(i + 1). " + text, ""]
        }
        out += [inline(attestation), "", inline(executed), ""]
        out += signatureLines.map { $0.isEmpty ? "" : inline($0) } .chunkedParagraphs()
        if let language = d.clientLanguageName {
            out += ["", "## " + inline(certificateTitle), "", inline(certificate(language)), ""]
            out += interpreterLines.map { $0.isEmpty ? "" : inline($0) }.chunkedParagraphs()
        }
        return out.joined(separator: "\n") + "\n"
    }

    private static func inline(_ s: String) -> String { Escaping.markdown(s.replacingEvery("\n", with: " ")) }

    /// A person's words on one line (paragraph breaks inside a numbered paragraph become spaces).
    private static func lines(_ s: String) -> String {
        Escaping.markdown(Escaping.plain(s)).split(whereSeparator: \.isNewline).joined(separator: " ")
    }

    // MARK: HTML

    public static func html(_ d: Declaration) -> String {
        let e = Escaping.html
        var out = ["<!DOCTYPE html>", "<html lang=\"en\">", "<head>", "<meta charset=\"utf-8\">",
                   "<meta name=\"generator\" content=\"\(e(d.programVersion))\">",
                   "<title>\(e(d.title))</title>", "<style>", style, "</style>", "</head>", "<body>"]
        out.append("<p class=\"draft\">\(e(draftNotice(d)))</p>")
        out.append("<h1>\(e(d.title))</h1>")
        out.append("<ol class=\"paragraphs\">")
        for paragraph in d.paragraphs {
            let text = paragraph.map { piece -> String in
                switch piece {
                case .text(let s): return "<span class=\"text\">\(e(s))</span>"
                case .needsTranslation(let s):
                    return "<mark>\(e(translationNeeded))</mark> <span class=\"original\">\(e(s))</span>"
                }
            }.joined(separator: " ")
            out.append("<li>\(text)</li>")
        }
        out.append("</ol>")
        out.append("<p>\(e(attestation))</p>")
        out.append("<p>\(e(executed))</p>")
        out.append("<p class=\"signature\">" + signatureLines.map(e).joined(separator: "<br>") + "</p>")
        if let language = d.clientLanguageName {
            out.append("<section class=\"certificate\">")
            out.append("<h2>\(e(certificateTitle))</h2>")
            out.append("<p>\(e(certificate(language)))</p>")
            out.append("<p class=\"signature\">" + interpreterLines.map(e).joined(separator: "<br>") + "</p>")
            out.append("</section>")
        }
        out += ["</body>", "</html>"]
        return out.joined(separator: "\n") + "\n"
    }

    static let style = """
    body { font-family: "Liberation Serif", "DejaVu Serif", "Times New Roman", serif; font-size: 12pt; line-height: 1.6;
           max-width: 40em; margin: 2em auto; padding: 0 1em; color: #000; background: #fff; }
    .draft { font-family: "DejaVu Sans", sans-serif; font-size: 9pt; border: 1px dashed #444; padding: .3em .6em; }
    h1 { font-size: 14pt; text-align: center; text-transform: uppercase; margin: 1.2em 0; }
    h2 { font-size: 12pt; text-transform: uppercase; margin-top: 2.5em; }
    ol.paragraphs { padding-left: 2em; }
    ol.paragraphs li { margin: 0 0 .9em; padding-left: .4em; text-align: justify; }
    .text, .original { white-space: pre-wrap; }
    mark { background: #ffe58a; font-family: "DejaVu Sans", sans-serif; font-size: 9pt; }
    .original { font-style: italic; }
    .signature { margin-top: 2.2em; }
    .certificate { break-before: page; page-break-before: always; }
    @page { size: auto; margin: 25mm 25mm 22mm 25mm; @bottom-right { content: counter(page) " / " counter(pages); font: 9pt sans-serif; } }
    @media print { body { max-width: none; margin: 0; padding: 0; } mark { -webkit-print-color-adjust: exact; print-color-adjust: exact; } }
    """
}

extension Array where Element == String {
    /// Lines as Markdown paragraphs: a blank line between each, empty lines kept as one break.
    fileprivate func chunkedParagraphs() -> [String] {
        var out: [String] = []
        for line in self where !line.isEmpty { out += [line, ""] }
        return out
    }
}
