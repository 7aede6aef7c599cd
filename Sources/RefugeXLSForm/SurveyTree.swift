// The survey sheet as a tree: questions inside groups and repeats, as begin/end rows nest them.

enum QuestionType: Equatable, Sendable {
    case text, integer, decimal, range, date, note, calculate, acknowledge
    case selectOne(list: String, other: Bool)
    case selectMultiple(list: String, other: Bool)
    case beginGroup, endGroup, beginRepeat, endRepeat
    /// A type Refuge cannot ask, with the reason in an author's words.
    case unsupported(type: String, reason: String)

    /// Reads a `type` cell: `select_one yes_no or_other`, `begin group`, `integer`, …
    static func parse(_ raw: String) -> QuestionType {
        var words = raw.split(whereSeparator: \.isWhitespace).map(String.init)
        guard !words.isEmpty else { return .unsupported(type: raw, reason: "the type is empty") }
        words[0] = words[0].lowercased()
        // pyxform also reads `select one`, `begin group`, `end repeat` with a space.
        if words.count >= 2, ["select", "begin", "end"].contains(words[0]) {
            words = [words[0] + "_" + words[1].lowercased()] + words.dropFirst(2)
        }
        let first = words[0]
        switch first {
        case "text", "string": return .text
        case "integer", "int": return .integer
        case "decimal": return .decimal
        case "range": return .range
        case "date": return .date
        case "note": return .note
        case "calculate": return .calculate
        case "acknowledge", "trigger": return .acknowledge
        case "begin_group": return .beginGroup
        case "end_group": return .endGroup
        case "begin_repeat": return .beginRepeat
        case "end_repeat": return .endRepeat
        case "select_one", "select_multiple":
            guard words.count >= 2 else { return .unsupported(type: raw, reason: "`\(first)` names no choice list") }
            let other = words.count >= 3 && words[2].lowercased() == "or_other"
            if words.count > (other ? 3 : 2) {
                return .unsupported(type: raw, reason: "the type has words after the list name that are not `or_other`")
            }
            return first == "select_one" ? .selectOne(list: words[1], other: other) : .selectMultiple(list: words[1], other: other)
        default:
            return .unsupported(type: first, reason: unsupportedReason(first))
        }
    }

    static func unsupportedReason(_ type: String) -> String {
        switch type {
        case "geopoint", "geotrace", "geoshape", "start-geopoint":
            return "Refuge does not record locations"
        case "image", "audio", "video", "file", "background-audio", "background-video":
            return "Refuge keeps typed answers only, no photos, recordings or files"
        case "barcode": return "Refuge does not scan barcodes"
        case "time", "datetime": return "Refuge's dates have no time of day"
        case "start", "end", "today", "deviceid", "subscriberid", "simserial", "phonenumber", "username", "email", "audit":
            return "this is device metadata; a Refuge session records its own interview date and nothing about the device"
        case "rank": return "Refuge has no ranking questions"
        case "hidden", "xml-external", "csv-external": return "it has no equivalent in Refuge"
        case "select_one_from_file", "select_multiple_from_file", "select_one_external", "select_multiple_external":
            return "choices from external files are not read"
        case "begin_loop", "end_loop": return "loops over a choice list have no equivalent (use a repeat)"
        default: return "it is not an XLSForm type Refuge knows"
        }
    }
}

indirect enum SurveyNode: Sendable {
    case question(SheetRecord, QuestionType)
    case group(SurveyGroup)
}

struct SurveyGroup: Sendable {
    var record: SheetRecord
    var isRepeat: Bool
    var name: String
    var children: [SurveyNode] = []
}
