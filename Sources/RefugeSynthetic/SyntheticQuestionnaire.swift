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

    /// How the items' kinds and their `show_if` and `next` are chosen.
    public enum Mix: Sendable {
        /// Every size holds the same mix in proportion, so a tenfold size is tenfold work: kinds
        /// are dealt in shuffled decks of ten (three yes/no, a date, a choice, a number, four
        /// texts, one of which is a repeat in the first deck of every fifty items), each full
        /// section gets the same number of item `show_if` (three in twenty items) and of `next`
        /// (a third of its yes/no questions), and every fifth section has a `show_if` of its
        /// own. Where they fall is drawn from the seed.
        case proportional
        /// Each item's kind drawn on its own, as the generator did until issue 19's fourth
        /// session: with seed 7 the 100-item file has no repeat while 1,000 has 19. Kept so the
        /// benchmarks can show what the proportional mix changes (`refuge-benchmarks --synthetic-mix`).
        case random
    }

    /// YAML text for a questionnaire of about `items` items in sections of `perSection`.
    public static func yaml(items: Int, seed: UInt64 = 1, perSection: Int = 20, mix: Mix = .proportional) -> String {
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
        var deck: [Kind] = []
        var made = 0
        var section = 0
        while made < items {
            let sectionShown: Bool
            switch mix {
            case .proportional: sectionShown = section % 5 == 4
            case .random: sectionShown = section > 0 && section % 5 == 0
            }
            out += "  - id: s\(section)\n    title: {en: \"Part \(section + 1)\", ru: \"Часть \(section + 1)\"}\n"
            if sectionShown, let y = yesnos.last {
                out += "    show_if: \"not (\(y) == 'no')\"\n"
            }
            out += "    items:\n"
            let count = min(perSection, items - made)
            let planned: [Planned]
            switch mix {
            case .proportional: planned = proportionalSection(first: made, count: count, yesNoBefore: !yesnos.isEmpty, deck: &deck, &random)
            case .random: planned = randomSection(first: made, count: count, &random)
            }
            for (k, item) in planned.enumerated() {
                write(item, number: made + k, yesnos: &yesnos, dates: &dates, to: &out)
            }
            made += count
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

    enum Kind: Equatable {
        case yesno, date, choice, number, `repeat`, text
    }

    /// One item as chosen: its kind, whether it is shown only when the last yes/no question
    /// before it was answered yes, the item its `next` jumps to when its own answer is no.
    struct Planned {
        var kind: Kind
        var shownIfYes = false
        var gotoOnNo: Int?
    }

    /// The items of one section, chosen as `Mix.proportional` says.
    static func proportionalSection(first: Int, count: Int, yesNoBefore: Bool, deck: inout [Kind], _ random: inout Random) -> [Planned] {
        var planned: [Planned] = []
        for k in 0..<count {
            let number = first + k
            if number % 10 == 0 {
                let fourth: Kind = number % 50 == 0 ? .repeat : .text
                deck = [.yesno, .yesno, .yesno, .date, .choice, .number, fourth, .text, .text, .text].shuffled(using: &random)
            }
            planned.append(Planned(kind: deck[number % 10]))
        }
        // Which items can have a show_if: not the section's first, not a yes/no question (as in
        // the random mix, where one would read itself), and only after some yes/no question.
        var canShow: [Int] = []
        var seenYesNo = yesNoBefore
        for (k, item) in planned.enumerated() {
            if item.kind == .yesno { seenYesNo = true } else if k > 0 && seenYesNo { canShow.append(k) }
        }
        // Three in twenty items, about as many as the random mix gave (a quarter of the items that
        // could have one), a fixed count so the first section, with fewer to choose from, has as many.
        let shown = canShow.shuffled(using: &random)
        for k in shown.prefix(count * 3 / 20) { planned[k].shownIfYes = true }
        let yesnoCount = planned.filter { $0.kind == .yesno }.count
        let jumping = planned.indices.filter { planned[$0].kind == .yesno && $0 + 3 < count }.shuffled(using: &random)
        for k in jumping.prefix(yesnoCount / 3) { planned[k].gotoOnNo = first + k + 2 + random.below(2) }
        return planned
    }

    /// The items of one section, chosen as `Mix.random` says (the draws in the order the
    /// generator made them before, so a seed gives the very file it gave then).
    static func randomSection(first: Int, count: Int, _ random: inout Random) -> [Planned] {
        var planned: [Planned] = []
        for k in 0..<count {
            let number = first + k
            let drawn = random.below(10)
            let kind: Kind
            switch drawn {
            case 0, 1, 2: kind = .yesno
            case 3: kind = .date
            case 4: kind = .choice
            case 5: kind = .number
            case 6 where number % 50 < 10: kind = .repeat
            default: kind = .text
            }
            var item = Planned(kind: kind)
            if k > 0, random.below(4) == 0, kind != .yesno { item.shownIfYes = true }
            if drawn <= 2, k + 3 < count, random.below(3) == 0 { item.gotoOnNo = number + 2 + random.below(2) }
            planned.append(item)
        }
        return planned
    }

    /// Writes one item; `yesnos` and `dates` are every yes/no and date question so far.
    static func write(_ item: Planned, number: Int, yesnos: inout [String], dates: inout [String], to out: inout String) {
        let id = "q\(number)"
        out += "      - id: \(id)\n"
        switch item.kind {
        case .yesno:
            out += "        type: yesno\n"
            yesnos.append(id)
        case .date:
            out += "        type: date\n        precision: month\n        timeline: {en: \"Event \(number)\", ru: \"Событие \(number)\"}\n"
            if let d = dates.last { out += "        constraint: \"not (. < \(d))\"\n        constraint_message: {en: \"Not before the earlier date\", ru: \"Не раньше прежней даты\"}\n" }
            dates.append(id)
        case .choice:
            out += "        type: choice\n        choices:\n"
            for c in 0..<4 { out += "          - {value: c\(c), label: {en: \"Choice \(c)\", ru: \"Вариант \(c)\"}}\n" }
        case .number:
            out += "        type: number\n        min: 0\n        max: 120\n"
        case .repeat:
            out += "        type: repeat\n        items:\n"
            out += "          - {id: \(id)_a, type: text, prompt: {en: \"Field A\", ru: \"Поле А\"}}\n"
            out += "          - {id: \(id)_b, type: yesno, prompt: {en: \"Field B\", ru: \"Поле Б\"}}\n"
            out += "          - {id: \(id)_c, type: date, show_if: \"\(id)_b == 'yes'\", prompt: {en: \"Field C\", ru: \"Поле В\"}}\n"
        case .text:
            out += "        type: text\n"
        }
        out += "        prompt: {en: \"Question \(number)\", ru: \"Вопрос \(number)\"}\n"
        // A yes/no question is never shown by its own answer: `yesnos.last` is an earlier one.
        if item.shownIfYes, let y = yesnos.last, y != id {
            out += "        show_if: \"\(y) == 'yes'\"\n"
        }
        if let target = item.gotoOnNo {
            out += "        next:\n          - if: \"\(id) == 'no'\"\n            goto: q\(target)\n"
        }
    }
}
