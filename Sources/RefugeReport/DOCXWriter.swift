#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import RefugeBasics
import RefugeZip

/// The draft declaration as a DOCX file: the smallest complete WordprocessingML package
/// (content types, the package relationship, the document, its styles, and the document's
/// relationship to them), stored with the report's time so the same declaration gives the
/// same bytes. Word, LibreOffice and python-docx open it; every paragraph can be edited.
public enum DOCXWriter {
    public static func data(_ d: Declaration, at time: Date) throws -> Data {
        var archive = ZipWriter(modified: time)
        do {
            for (path, text) in parts(d) { try archive.add(path: path, bytes: Array(text.utf8)) }
        } catch {
            throw DOCXError()
        }
        return Data(archive.finished())
    }

    struct DOCXError: Error, CustomStringConvertible {
        var description: String { "The declaration could not be packed as DOCX." }
    }

    static func parts(_ d: Declaration) -> [(String, String)] {
        [("[Content_Types].xml", contentTypes), ("_rels/.rels", packageRelationships),
         ("word/document.xml", documentXML(d)), ("word/styles.xml", styles),
         ("word/_rels/document.xml.rels", documentRelationships)]
    }

    static let header = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    static let contentTypes = header + """
    <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
    <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
    <Default Extension="xml" ContentType="application/xml"/>\
    <Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>\
    <Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>\
    </Types>
    """
    static let packageRelationships = header + """
    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
    <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>\
    </Relationships>
    """
    static let documentRelationships = header + """
    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
    <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>\
    </Relationships>
    """
    static let styles = header + """
    <w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">\
    <w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman"/>\
    <w:sz w:val="24"/><w:lang w:val="en-US"/></w:rPr></w:rPrDefault>\
    <w:pPrDefault><w:pPr><w:spacing w:after="200" w:line="360" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>\
    <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>\
    <w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/>\
    <w:pPr><w:jc w:val="center"/><w:spacing w:before="240" w:after="240"/></w:pPr><w:rPr><w:b/><w:caps/><w:sz w:val="28"/></w:rPr></w:style>\
    <w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/>\
    <w:pPr><w:keepNext/><w:spacing w:before="480" w:after="240"/></w:pPr><w:rPr><w:b/><w:caps/></w:rPr></w:style>\
    <w:style w:type="paragraph" w:styleId="Numbered"><w:name w:val="Numbered paragraph"/><w:basedOn w:val="Normal"/>\
    <w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs><w:ind w:left="720" w:hanging="720"/><w:jc w:val="both"/></w:pPr></w:style>\
    <w:style w:type="paragraph" w:styleId="Draft"><w:name w:val="Draft notice"/><w:basedOn w:val="Normal"/>\
    <w:pPr><w:pBdr><w:top w:val="dashed" w:sz="4" w:space="4" w:color="444444"/><w:bottom w:val="dashed" w:sz="4" w:space="4" w:color="444444"/></w:pBdr></w:pPr>\
    <w:rPr><w:i/><w:sz w:val="18"/></w:rPr></w:style>\
    </w:styles>
    """

    /// The document: each paragraph of the declaration a paragraph of its own, numbered in its
    /// text ("1." and a tab) so that the numbers survive any editor and any conversion.
    public static func documentXML(_ d: Declaration) -> String {
        var body: [String] = []
        body.append(paragraph(style: "Draft", runs: [run(DeclarationRenderer.draftNotice(d))]))
        body.append(paragraph(style: "Title", runs: [run(d.title)]))
        for (i, pieces) in d.paragraphs.enumerated() {
            var runs = [run("\(i + 1)."), "<w:r><w:tab/></w:r>"]
            for (n, piece) in pieces.enumerated() {
                if n > 0 { runs.append(run(" ")) }
                switch piece {
                case .text(let s): runs.append(run(s))
                case .needsTranslation(let s):
                    runs.append(run(DeclarationRenderer.translationNeeded, properties: "<w:b/><w:highlight w:val=\"yellow\"/>"))
                    runs.append(run(" "))
                    runs.append(run(s, properties: "<w:i/>"))
                }
            }
            body.append(paragraph(style: "Numbered", runs: runs))
        }
        body.append(paragraph(runs: [run(DeclarationRenderer.attestation)]))
        body.append(paragraph(runs: [run(DeclarationRenderer.executed)]))
        body.append(paragraph(runs: lines(DeclarationRenderer.signatureLines)))
        if let language = d.clientLanguageName {
            body.append(paragraph(style: "Heading1", runs: [run(DeclarationRenderer.certificateTitle)], pageBreakBefore: true))
            body.append(paragraph(runs: [run(DeclarationRenderer.certificate(language))]))
            body.append(paragraph(runs: lines(DeclarationRenderer.interpreterLines)))
        }
        let section = "<w:sectPr><w:pgSz w:w=\"12240\" w:h=\"15840\"/>"
            + "<w:pgMar w:top=\"1440\" w:right=\"1440\" w:bottom=\"1440\" w:left=\"1440\" w:header=\"720\" w:footer=\"720\" w:gutter=\"0\"/></w:sectPr>"
        return header + "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>"
            + body.joined() + section + "</w:body></w:document>\n"
    }

    static func paragraph(style: String? = nil, runs: [String], pageBreakBefore: Bool = false) -> String {
        var properties = ""
        if let style { properties += "<w:pStyle w:val=\"\(style)\"/>" }
        if pageBreakBefore { properties += "<w:pageBreakBefore/>" }
        return "<w:p>" + (properties.isEmpty ? "" : "<w:pPr>\(properties)</w:pPr>") + runs.joined() + "</w:p>"
    }

    /// A run of text; line breaks inside it become `<w:br/>`.
    static func run(_ text: String, properties: String = "") -> String {
        let rPr = properties.isEmpty ? "" : "<w:rPr>\(properties)</w:rPr>"
        let pieces = Escaping.plain(text).piecesSeparated(by: "\n").map { "<w:t xml:space=\"preserve\">\(xml($0))</w:t>" }
        return "<w:r>\(rPr)" + pieces.joined(separator: "<w:br/>") + "</w:r>"
    }

    /// Lines in one paragraph, separated by line breaks (signature blocks).
    static func lines(_ lines: [String]) -> [String] {
        [run(lines.joined(separator: "\n"))]
    }

    /// XML text: the five special characters as entities (controls were removed by `plain`).
    static func xml(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            // Characters XML 1.0 does not allow (Escaping.plain keeps newlines only).
            case "\u{FFFE}", "\u{FFFF}": continue
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
