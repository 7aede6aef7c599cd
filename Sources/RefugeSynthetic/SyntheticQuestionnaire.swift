/// Writes questionnaires of any size in the real format, with the features that cost time:
/// `show_if`, `next`/`goto`, repeats, constraints, calculations and checks. Used by the property
/// tests and the benchmarks; the same seed gives the same file.
public enum SyntheticQuestionnaire {
    /// A deterministic generator (SplitMix64), so tests can be repeated; usable wherever the
    /// standard library takes a generator (`shuffled(using:)`, `randomElement(using:)`).
    public struct Random: RandomNumberGenerator, Sendable {
        var state: UInt64
        public init(seed: UInt64) { state = seed }
        public mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        public mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(n, 1))) }
    }

    /// YAML text for a questionnaire of about `items` items in sections of `perSection`.
    public static func yaml(items: Int, seed: UInt64 = 1, perSection: Int = 20) -> String {
        var random = Random(seed: seed)
        var out = """
        format: 1
        id: synthetic-\(items)
        version: "1"
        title: {en: "Generated questionnaire of \(items) items", ru: "Сгенерированная анкета"}
        languages: [en, ru]
        sections:

        """
        var yesnos: [String] = []
        var dates: [String] = []
        var made = 0
        var section = 0
        while made < items {
            let sectionID = "s\(section)"
            out += "  - id: \(sectionID)\n    title: {en: \"Part \(section + 1)\", ru: \"Часть \(section + 1)\"}\n"
            if section > 0 && section % 5 == 0, let y = yesnos.last {
                out += "    show_if: \"not (\(y) == 'no')\"\n"
            }
            out += "    items:\n"
            let count = min(perSection, items - made)
            for k in 0..<count {
                let id = "q\(made)"
                let kind = random.below(10)
                out += "      - id: \(id)\n"
                switch kind {
                case 0, 1, 2:
                    out += "        type: yesno\n"
                    yesnos.append(id)
                case 3:
                    out += "        type: date\n        precision: month\n        timeline: {en: \"Event \(made)\", ru: \"Событие \(made)\"}\n"
                    if let d = dates.last { out += "        constraint: \"not (. < \(d))\"\n        constraint_message: {en: \"Not before the earlier date\", ru: \"Не раньше прежней даты\"}\n" }
                    dates.append(id)
                case 4:
                    out += "        type: choice\n        choices:\n"
                    for c in 0..<4 { out += "          - {value: c\(c), label: {en: \"Choice \(c)\", ru: \"Вариант \(c)\"}}\n" }
                case 5:
                    out += "        type: number\n        min: 0\n        max: 120\n"
                case 6 where made % 50 < 10:
                    out += "        type: repeat\n        items:\n"
                    out += "          - {id: \(id)_a, type: text, prompt: {en: \"Field A\", ru: \"Поле А\"}}\n"
                    out += "          - {id: \(id)_b, type: yesno, prompt: {en: \"Field B\", ru: \"Поле Б\"}}\n"
                    out += "          - {id: \(id)_c, type: date, show_if: \"\(id)_b == 'yes'\", prompt: {en: \"Field C\", ru: \"Поле В\"}}\n"
                default:
                    out += "        type: text\n"
                }
                out += "        prompt: {en: \"Question \(made)\", ru: \"Вопрос \(made)\"}\n"
                if k > 0, random.below(4) == 0, let y = yesnos.last, y != id {
                    out += "        show_if: \"\(y) == 'yes'\"\n"
                }
                if kind <= 2, k + 3 < count, random.below(3) == 0 {
                    out += "        next:\n          - if: \"\(id) == 'no'\"\n            goto: q\(made + 2 + random.below(2))\n"
                }
                made += 1
            }
            section += 1
        }
        let checkCount = max(1, items / 100)
        out += "checks:\n"
        for c in 0..<checkCount {
            let y = yesnos.isEmpty ? nil : yesnos[random.below(yesnos.count)]
            let condition = y.map { "\($0) == 'yes'" } ?? "true"
            out += "  - id: check\(c)\n    if: \"\(condition)\"\n    message: {en: \"Check \(c)\", ru: \"Проверка \(c)\"}\n"
        }
        return out
    }
}
