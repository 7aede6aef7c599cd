import Foundation
import RefugeQuestionnaire
import RefugeXLSForm
import ZIPFoundation

/// `refuge import` of a generated XLSForm (.xlsx on disk): reading the workbook, converting it and
/// writing the YAML text, and the same plus loading and validating the result, which is what the
/// command does before it writes the folder. The reference is unzipping the workbook's parts.
enum ImportBenchmark {
    static let convert = "import: read .xlsx + convert"
    static let convertAndValidate = "import: read .xlsx + convert + validate"

    static func run(sizes: [Int], scratch: Scratch, budget: Budget, into results: Results) throws {
        for questions in sizes {
            let folder = scratch.folder("xlsform")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let url = folder.appendingPathComponent("form-\(questions).xlsx")
            let form = GeneratedXLSForm(questions: questions)
            precondition(form.askedQuestions == questions)
            try form.write(to: url)
            let data = questions.formatted()
            let bytes = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0

            let (reference, _) = try measure(budget) {
                let archive = try Archive(url: url, accessMode: .read)
                for entry in archive { _ = try archive.extract(entry, consumer: { consume($0) }) }
            }
            results.setReference("unzip", data: data, median: reference.median)

            var sampleResult: ImportResult?
            let (samples, peak) = measure(budget) {
                let result = XLSFormImporter.importForm(path: url.path)
                precondition(result.errors.isEmpty && !result.files.isEmpty, "the generated form stopped importing: \(result.errors)")
                sampleResult = result
                consume(result)
            }
            let asked = form.askedQuestions
            results.add(Row(name: convert, data: data, items: questions, samples: samples, peak: peak,
                            reference: reference.median, referenceName: "unzip the parts",
                            detail: "\(bytes.formatted()) bytes, \(asked.formatted()) questions asked + \(form.rows().survey.count - 1 - asked) other rows, \(sampleResult?.warnings.count ?? 0) warnings"))

            let (full, fullPeak) = measure(budget) {
                let result = XLSFormImporter.importForm(path: url.path)
                let files = result.files.map { SourceFile(relativePath: $0.name, bytes: Array($0.text.utf8)) }
                let loaded = QuestionnaireLoader.load(files: files, displayRoot: "imported", sourcePath: "imported")
                precondition(loaded.errors.isEmpty, "the imported form stopped validating: \(loaded.errors.prefix(3))")
                consume(loaded)
            }
            results.add(Row(name: convertAndValidate, data: data, items: questions, samples: full, peak: fullPeak,
                            reference: reference.median, referenceName: "unzip the parts",
                            detail: "\(sampleResult?.files.map(\.text.utf8.count).reduce(0, +).formatted() ?? "?") bytes of YAML"))
        }
    }
}

/// An XLSForm of any number of questions, in English and Spanish, shaped like an intake: groups of 50 questions
/// with a relevance, every question type the importer reads, constraints, hints, choice lists and
/// expressions naming earlier questions. Written as a real .xlsx (shared strings, sparse rows).
struct GeneratedXLSForm {
    var questions: Int

    var askedQuestions: Int { rows().survey.dropFirst().filter { ["text", "integer", "decimal", "date", "acknowledge"].contains($0[0]) || $0[0].hasPrefix("select_") }.count }

    func rows() -> (survey: [[String]], choices: [[String]], settings: [[String]]) {
        var survey: [[String]] = [["type", "name", "label::English (en)", "label::Español (es)", "hint::English (en)", "hint::Español (es)",
                                   "required", "relevant", "constraint", "constraint_message::English (en)", "constraint_message::Español (es)",
                                   "calculation", "appearance"]]
        func row(_ cells: String...) -> [String] { cells.map { $0 } }
        var lastNumber: String?
        var lastChoice: String?
        var asked = 0
        var index = -1
        // `questions` counts the questions asked; a note and a calculate come with every eight.
        while asked < questions {
            index += 1
            if index % 10 != 0 && index % 10 != 7 { asked += 1 }
            if index % 50 == 0 {
                if index > 0 { survey.append(row("end group")) }
                let relevant = lastNumber.map { "${\($0)} >= 0 or ${\($0)} = ''" } ?? ""
                survey.append(row("begin group", "part_\(index / 50)", "Part \(index / 50 + 1)", "Parte \(index / 50 + 1)", "", "", "", relevant))
            }
            let name = "q\(index)"
            switch index % 10 {
            case 0:
                survey.append(row("note", name, "Now some questions about part \(index / 50 + 1)" + (lastNumber.map { ", after ${\($0)}." } ?? "."), "Ahora unas preguntas.",
                                  "Take your time.", "Tómese su tiempo."))
            case 1, 6:
                survey.append(row("integer", name, "How many times did it happen (\(index))?", "¿Cuántas veces pasó (\(index))?",
                                  "A number.", "Un número.", "yes", "", ". >= 0 and . < 1000", "From 0 to 999.", "De 0 a 999."))
                lastNumber = name
            case 2:
                survey.append(row("select_one yes_no", name, "Did it happen again (\(index))?", "¿Volvió a pasar (\(index))?",
                                  "", "", "", lastNumber.map { "${\($0)} > 0" } ?? ""))
                lastChoice = name
            case 3:
                survey.append(row("text", name, "What happened (\(index))?", "¿Qué pasó (\(index))?", "In your own words.", "Con sus palabras.",
                                  "", lastChoice.map { "${\($0)} = 'yes'" } ?? "", "string-length(.) < 2000", "Too long.", "Demasiado largo.",
                                  "", "multiline"))
            case 4:
                survey.append(row("date", name, "When was it (\(index))?", "¿Cuándo fue (\(index))?", "", "", "", "",
                                  ". <= today()", "Not in the future.", "No en el futuro.", "", "month-year"))
            case 5:
                survey.append(row("select_multiple who", name, "Who was there (\(index))?", "¿Quién estaba (\(index))?", "", "", "",
                                  lastChoice.map { "selected(${\($0)}, 'yes') or not(${\($0)} = 'no')" } ?? ""))
            case 7:
                survey.append(row("calculate", name, "", "", "", "", "", "", "", "", "",
                                  "if(${\(lastNumber!)} > 10, 'many', 'few')"))
            case 8:
                survey.append(row("decimal", name, "How far was it, in km (\(index))?", "¿A qué distancia, en km (\(index))?", "", "", "",
                                  "${\(lastNumber!)} != 0", ". > 0", "More than 0.", "Más de 0."))
            default:
                survey.append(row("acknowledge", name, "Please confirm you understood (\(index)).", "Confirme que entendió (\(index)).",
                                  "", "", "", "regex(${q\(index - 6)}, '^[a-z]+$') or string-length(${q\(index - 6)}) > 3"))
            }
        }
        survey.append(row("end group"))
        let choices = [["list_name", "name", "label::English (en)", "label::Español (es)"],
                       ["yes_no", "yes", "Yes", "Sí"], ["yes_no", "no", "No", "No"],
                       ["who", "police", "The police", "La policía"], ["who", "gang", "A gang", "Una pandilla"],
                       ["who", "family", "My family", "Mi familia"], ["who", "others", "Others", "Otros"]]
        let settings = [["form_id", "version", "form_title", "default_language"],
                        ["generated_\(questions)", "1", "Generated intake (\(questions) questions)", "English (en)"]]
        return (survey, choices, settings)
    }

    func write(to url: URL) throws {
        let (survey, choices, settings) = rows()
        try? FileManager.default.removeItem(at: url)
        let archive = try Archive(url: url, accessMode: .create)
        var shared: [String] = []
        var index: [String: Int] = [:]
        func sheet(_ rows: [[String]]) -> String {
            var xml = #"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#
            for (r, row) in rows.enumerated() {
                xml += "<row r=\"\(r + 1)\">"
                for (c, text) in row.enumerated() where !text.isEmpty {
                    let id = index[text] ?? { shared.append(text); index[text] = shared.count - 1; return shared.count - 1 }()
                    xml += "<c r=\"\(column(c))\(r + 1)\" t=\"s\"><v>\(id)</v></c>"
                }
                xml += "</row>"
            }
            return xml + "</sheetData></worksheet>"
        }
        let parts: [(String, String)] = [
            ("xl/worksheets/sheet1.xml", sheet(survey)),
            ("xl/worksheets/sheet2.xml", sheet(choices)),
            ("xl/worksheets/sheet3.xml", sheet(settings)),
        ]
        let sst = #"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#
            + shared.map { "<si><t xml:space=\"preserve\">\(escape($0))</t></si>" }.joined() + "</sst>"
        let workbook = #"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>"#
            + #"<sheet name="survey" sheetId="1" r:id="rId1"/><sheet name="choices" sheetId="2" r:id="rId2"/><sheet name="settings" sheetId="3" r:id="rId3"/></sheets></workbook>"#
        let rels = #"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
            + (1...3).map { #"<Relationship Id="rId\#($0)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet\#($0).xml"/>"# }.joined()
            + "</Relationships>"
        for (path, text) in parts + [("xl/sharedStrings.xml", sst), ("xl/workbook.xml", workbook), ("xl/_rels/workbook.xml.rels", rels)] {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
    }

    private func column(_ index: Int) -> String {
        var n = index + 1
        var letters = ""
        while n > 0 {
            let rem = (n - 1) % 26
            letters = String(UnicodeScalar(UInt8(65 + rem))) + letters
            n = (n - 1) / 26
        }
        return letters
    }

    private func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}
