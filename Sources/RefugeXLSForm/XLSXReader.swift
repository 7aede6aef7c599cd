// Reads the sheets of an .xlsx file: a zip of XML parts (ECMA-376). Only what an XLSForm needs:
// the workbook's sheet names, their parts, shared strings, and each cell's text. The zip is
// read by RefugeZip and the XML by XMLReader (no full Foundation, no libxml2).
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import RefugeLimits
import RefugeZip

enum XLSXReader {
    struct Failure: Error, Sendable { var message: String }

    /// Every sheet of the workbook, by name, in workbook order.
    static func sheets(at url: URL, display: String) throws(Failure) -> [(name: String, rows: [Sheet.Row])] {
        let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
        guard size <= ImportLimits.formFileBytes else {
            throw Failure(message: "this file is larger than \(ImportLimits.formFileBytes / 1_048_576) MB; it is refused")
        }
        let archive: ZipReader
        do {
            archive = try ZipReader(try Data(contentsOf: url))
        } catch {
            throw Failure(message: "this is not an .xlsx file (it cannot be opened as a zip archive); save it from the spreadsheet program as .xlsx")
        }
        func part(_ path: String) throws(Failure) -> [UInt8]? {
            guard let entry = archive[path] else { return nil }
            guard entry.uncompressedSize <= ImportLimits.partBytes else {
                throw Failure(message: "the part \(path) of this .xlsx is larger than \(ImportLimits.partBytes / 1_048_576) MB once unzipped; it is refused")
            }
            do {
                return try archive.contents(of: entry)
            } catch {
                throw Failure(message: "the part \(path) of this .xlsx is damaged")
            }
        }
        guard let workbook = try part("xl/workbook.xml") else {
            throw Failure(message: "this zip file has no xl/workbook.xml, so it is not an .xlsx workbook")
        }
        let sheetList = WorkbookParser.parse(workbook)
        let relations = try part("xl/_rels/workbook.xml.rels").map(RelationsParser.parse) ?? [:]
        let shared = try part("xl/sharedStrings.xml").map(SharedStringsParser.parse) ?? []
        var result: [(String, [Sheet.Row])] = []
        for (index, sheet) in sheetList.enumerated() {
            var target = relations[sheet.relation] ?? "worksheets/sheet\(index + 1).xml"
            // Targets are relative to xl/, or absolute from the package root.
            target = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
            guard let xml = try part(target) else {
                throw Failure(message: "the sheet \(sheet.name) has no part \(target) in this .xlsx")
            }
            result.append((sheet.name, try WorksheetParser.parse(xml, sharedStrings: shared, sheet: sheet.name)))
        }
        return result
    }
}

/// `<sheet name="survey" r:id="rId1"/>` entries of xl/workbook.xml.
private struct WorkbookParser: XMLEventHandler {
    var sheets: [(name: String, relation: String)] = []

    static func parse(_ data: [UInt8]) -> [(name: String, relation: String)] {
        var handler = WorkbookParser()
        do { try XMLReader.read(data, into: &handler) } catch { return [] }
        return handler.sheets
    }

    mutating func end(_ name: String) {}
    mutating func text(_ text: String) {}

    mutating func start(_ name: String, attributes: [String: String]) {
        guard localName(name) == "sheet", let sheetName = attributes["name"] else { return }
        let relation = attributes.first { localName($0.key) == "id" }?.value ?? ""
        sheets.append((sheetName, relation))
    }
}

/// Relationship id → target part, from xl/_rels/workbook.xml.rels.
private struct RelationsParser: XMLEventHandler {
    var targets: [String: String] = [:]

    static func parse(_ data: [UInt8]) -> [String: String] {
        var handler = RelationsParser()
        do { try XMLReader.read(data, into: &handler) } catch { return [:] }
        return handler.targets
    }

    mutating func end(_ name: String) {}
    mutating func text(_ text: String) {}

    mutating func start(_ name: String, attributes: [String: String]) {
        guard localName(name) == "Relationship", let id = attributes["Id"], let target = attributes["Target"] else { return }
        targets[id] = target
    }
}

/// The shared string table: each `<si>` is one string, either one `<t>` or rich-text runs
/// `<r><t>…</t></r>` joined; phonetic hints (`<rPh>`) are not part of the text.
private struct SharedStringsParser: XMLEventHandler {
    var strings: [String] = []
    private var current = ""
    private var inText = false
    private var phonetic = 0

    static func parse(_ data: [UInt8]) -> [String] {
        var handler = SharedStringsParser()
        do { try XMLReader.read(data, into: &handler) } catch { return [] }
        return handler.strings
    }

    mutating func start(_ name: String, attributes: [String: String]) {
        switch localName(name) {
        case "si": current = ""
        case "rPh": phonetic += 1
        case "t": inText = phonetic == 0
        default: break
        }
    }

    mutating func end(_ name: String) {
        switch localName(name) {
        case "si": strings.append(current)
        case "rPh": phonetic -= 1
        case "t": inText = false
        default: break
        }
    }

    mutating func text(_ string: String) {
        if inText { current += string }
    }
}

/// Cells of one worksheet. A cell's column comes from its reference (`C7`), so empty cells
/// that the file leaves out (sparse rows) keep the others in their columns.
private struct WorksheetParser: XMLEventHandler {
    var rows: [Sheet.Row] = []
    let shared: [String]
    private var rowNumber = 0
    private var cells: [String] = []
    private var column = 0
    private var cellType = ""
    private var value = ""
    private var collecting = false
    private var inInline = false
    private var phonetic = 0
    var badSharedIndex = false

    init(shared: [String]) { self.shared = shared }

    static func parse(_ data: [UInt8], sharedStrings: [String], sheet: String) throws(XLSXReader.Failure) -> [Sheet.Row] {
        var handler = WorksheetParser(shared: sharedStrings)
        do {
            try XMLReader.read(data, into: &handler)
        } catch {
            throw XLSXReader.Failure(message: "the sheet \(sheet) is not well-formed XML (line \(error.line))")
        }
        if handler.badSharedIndex {
            throw XLSXReader.Failure(message: "the sheet \(sheet) names a shared string that the file does not have")
        }
        return handler.rows
    }

    mutating func start(_ name: String, attributes: [String: String]) {
        switch localName(name) {
        case "row":
            rowNumber = attributes["r"].flatMap(Int.init) ?? rowNumber + 1
            cells = []
            column = 0
        case "c":
            if let reference = attributes["r"], let index = WorksheetParser.columnIndex(reference) {
                column = index
            }
            cellType = attributes["t"] ?? "n"
            value = ""
        case "v": collecting = true; value = ""
        case "is": inInline = true; value = ""
        case "rPh": phonetic += 1
        case "t" where inInline: collecting = phonetic == 0
        default: break
        }
    }

    mutating func end(_ name: String) {
        switch localName(name) {
        case "v", "t": collecting = false
        case "is": inInline = false
        case "rPh": phonetic -= 1
        case "c":
            let text: String
            switch cellType {
            case "s":
                if let index = Int(value.trimmed), shared.indices.contains(index) { text = shared[index] } else {
                    if !value.isEmpty { badSharedIndex = true }
                    text = ""
                }
            case "b": text = value == "1" ? "TRUE" : (value == "0" ? "FALSE" : value)
            default: text = value   // inlineStr, str (a formula's text), n (a number as written), e
            }
            if cells.count <= column { cells += Array(repeating: "", count: column - cells.count + 1) }
            cells[column] = text
            column += 1
        case "row":
            rows.append(Sheet.Row(number: rowNumber, cells: cells))
        default: break
        }
    }

    mutating func text(_ string: String) {
        if collecting { value += string }
    }

    /// `AB12` → 27 (0-based column of the letters).
    static func columnIndex(_ reference: String) -> Int? {
        var index = 0
        var letters = 0
        for scalar in reference.unicodeScalars {
            guard scalar.value >= 65 && scalar.value <= 90 else { break }
            index = index * 26 + Int(scalar.value - 64)
            letters += 1
        }
        return letters == 0 ? nil : index - 1
    }
}

private func localName(_ qualified: String) -> String {
    if let colon = qualified.lastIndex(of: ":") { return String(qualified[qualified.index(after: colon)...]) }
    return qualified
}
