// Writes the imported questionnaire as YAML: questionnaire.yaml with the default language's
// texts, and one `<lang>.yaml` for each other language. Every id, value and text is written
// double-quoted with escapes, so the loader reads it back exactly (no `no` turning false).
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import RefugeBasics

enum YAMLWriter {
    /// The first line of every file the importer writes; `refuge import` replaces only folders
    /// whose questionnaire.yaml starts with it.
    static let marker = "# Written by `refuge import` from an XLSForm."

    static func files(_ q: OutputQuestionnaire) -> [(name: String, text: String)] {
        var result = [("questionnaire.yaml", main(q))]
        for language in q.languages.dropFirst() {
            result.append(("\(language).yaml", translation(q, language: language)))
        }
        return result
    }

    static func main(_ q: OutputQuestionnaire) -> String {
        let language = q.languages[0]
        var out = marker + "\n"
        for c in q.headerComments { out += comment(c, indent: 0) }
        out += "format: 1\n"
        out += "id: \(quoted(q.id))\n"
        out += "version: \(quoted(q.version))\n"
        out += "title: \(quoted(q.title[language] ?? q.id))\n"
        out += "languages: [\(q.languages.map(quoted).joined(separator: ", "))]\n"
        if !q.lists.isEmpty {
            out += "lists:\n"
            for list in q.lists {
                out += "  \(quoted(list.name)):\n"
                for choice in list.choices {
                    out += "    - {value: \(quoted(choice.value)), label: \(quoted(choice.label[language] ?? choice.value))}\n"
                }
            }
        }
        out += "sections:\n"
        for section in q.sections {
            out += "\n"
            for c in section.comments { out += comment(c, indent: 2) }
            out += "  - id: \(quoted(section.id))\n"
            out += "    title: \(quoted(section.title[language] ?? section.id))\n"
            if let showIf = section.showIf { out += "    show_if: \(quoted(showIf))\n" }
            out += "    items:\n"
            for item in section.items { write(item, indent: 6, language: language, into: &out) }
        }
        return out
    }

    private static func write(_ item: OutputItem, indent: Int, language: String, into out: inout String) {
        let pad = String(repeating: " ", count: indent)
        for c in unique(item.comments) { out += comment(c, indent: indent) }
        out += "\(pad)- id: \(quoted(item.id))\n"
        let inner = pad + "  "
        out += "\(inner)type: \(item.type)\n"
        func text(_ key: String, _ texts: Texts?) {
            if let value = texts?[language] { out += "\(inner)\(key): \(quoted(value))\n" }
        }
        text("prompt", item.prompt)
        text("text", item.text)
        text("help", item.help)
        text("note", item.note)
        if item.required { out += "\(inner)required: true\n" }
        if let v = item.showIf { out += "\(inner)show_if: \(quoted(v))\n" }
        if let v = item.choices { out += "\(inner)choices: \(quoted(v))\n" }
        if item.other { out += "\(inner)other: true\n" }
        if item.integer { out += "\(inner)integer: true\n" }
        if let v = item.min { out += "\(inner)min: \(v)\n" }
        if let v = item.max { out += "\(inner)max: \(v)\n" }
        if let v = item.minCount { out += "\(inner)min_count: \(v)\n" }
        if let v = item.maxCount { out += "\(inner)max_count: \(v)\n" }
        if let v = item.precision { out += "\(inner)precision: \(v)\n" }
        if let v = item.constraint { out += "\(inner)constraint: \(quoted(v))\n" }
        text("constraint_message", item.constraintMessage)
        if let v = item.expression { out += "\(inner)expression: \(quoted(v))\n" }
        if let v = item.count { out += "\(inner)count: \(quoted(v))\n" }
        if !item.items.isEmpty {
            out += "\(inner)items:\n"
            for field in item.items { write(field, indent: indent + 4, language: language, into: &out) }
        }
        for c in unique(item.trailingComments) { out += comment(c, indent: indent) }
    }

    static func translation(_ q: OutputQuestionnaire, language: String) -> String {
        var out = marker + "\n"
        out += "# The texts in `\(language)`; questionnaire.yaml holds those in `\(q.languages[0])`.\n"
        if let title = q.title[language] { out += "title: \(quoted(title))\n" }
        let sectionTitles = q.sections.compactMap { s in s.title[language].map { (s.id, $0) } }
        if !sectionTitles.isEmpty {
            out += "sections:\n"
            for (id, title) in sectionTitles { out += "  \(quoted(id)): \(quoted(title))\n" }
        }
        var items = ""
        func visit(_ item: OutputItem) {
            var entry = ""
            for (key, texts) in [("prompt", item.prompt), ("text", item.text), ("help", item.help), ("note", item.note),
                                 ("constraint_message", item.constraintMessage)] {
                if let value = texts?[language] { entry += "    \(key): \(quoted(value))\n" }
            }
            if !entry.isEmpty { items += "  \(quoted(item.id)):\n" + entry }
            item.items.forEach(visit)
        }
        q.sections.flatMap(\.items).forEach(visit)
        if !items.isEmpty { out += "items:\n" + items }
        let lists = q.lists.filter { $0.choices.contains { $0.label[language] != nil } }
        if !lists.isEmpty {
            out += "lists:\n"
            for list in lists {
                out += "  \(quoted(list.name)):\n"
                for choice in list.choices {
                    if let label = choice.label[language] { out += "    \(quoted(choice.value)): \(quoted(label))\n" }
                }
            }
        }
        return out
    }

    private static func unique(_ lines: [String]) -> [String] {
        var seen: Set<String> = []
        return lines.filter { seen.insert($0).inserted }
    }

    static func comment(_ text: String, indent: Int) -> String {
        let line = text.replacingEvery("\r\n", with: " ").replacingEvery("\n", with: " ").replacingEvery("\r", with: " ")
        return String(repeating: " ", count: indent) + "# " + line + "\n"
    }

    /// A YAML double-quoted scalar: `\` and `"` escaped, and every character YAML does not allow
    /// printed as it is (controls, line and paragraph separators, BOM, non-characters) escaped.
    static func quoted(_ s: String) -> String {
        var out = "\""
        out.reserveCapacity(s.utf8.count + 2)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                let v = scalar.value
                if v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v) || v == 0x2028 || v == 0x2029 || v == 0xFEFF
                    || v == 0xFFFE || v == 0xFFFF {
                    out += "\\u" + String(v, radix: 16, uppercase: true).leftPadded(to: 4)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
