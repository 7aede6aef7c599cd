import RefugeQuestionnaire
import RefugeSynthetic
import XCTest

/// The generated questionnaires the benchmarks and property tests use: every size holds the
/// same mix in proportion (so a tenfold size is tenfold work, issue 19), every feature that costs
/// time is in even the smallest, a seed always gives the same file, and the random mix is still
/// the very file the generator gave before (the benchmarks compare the two).
final class SyntheticQuestionnaireTests: XCTestCase {
    private func load(_ yaml: String) throws -> Questionnaire {
        let result = QuestionnaireLoader.load(files: [SourceFile(relativePath: "synthetic.yaml", bytes: Array(yaml.utf8))],
                                              displayRoot: "synthetic.yaml", sourcePath: "synthetic.yaml")
        return try XCTUnwrap(result.questionnaire, "\(result.errors.map(\.message).prefix(3))")
    }

    /// How many of each thing that costs time a questionnaire holds.
    private struct Mix: Equatable, CustomStringConvertible {
        var yesno = 0, dates = 0, choices = 0, numbers = 0, texts = 0, repeats = 0
        var itemShowIfs = 0, nexts = 0, sectionShowIfs = 0, checks = 0, timelines = 0, fieldShowIfs = 0

        init(_ q: Questionnaire) {
            for section in q.sections {
                if section.showIf != nil { sectionShowIfs += 1 }
                for item in section.items {
                    switch item.type {
                    case .yesno: yesno += 1
                    case .date: dates += 1
                    case .choice: choices += 1
                    case .number: numbers += 1
                    case .text: texts += 1
                    case .repeat: repeats += 1
                    default: break
                    }
                    if item.showIf != nil { itemShowIfs += 1 }
                    if !item.next.isEmpty { nexts += 1 }
                    if item.timeline != nil { timelines += 1 }
                    fieldShowIfs += item.fields.filter { $0.showIf != nil }.count
                }
            }
            checks = q.checks.count
        }

        func times(_ n: Int) -> Mix {
            var m = self
            for path in [\Mix.yesno, \.dates, \.choices, \.numbers, \.texts, \.repeats, \.itemShowIfs, \.nexts, \.sectionShowIfs,
                         \.checks, \.timelines, \.fieldShowIfs] {
                m[keyPath: path] *= n
            }
            return m
        }

        var description: String {
            "yes/no \(yesno), dates \(dates), choices \(choices), numbers \(numbers), texts \(texts), repeats \(repeats), "
                + "item show_if \(itemShowIfs), next \(nexts), section show_if \(sectionShowIfs), checks \(checks), "
                + "timelines \(timelines), field show_if \(fieldShowIfs)"
        }
    }

    func testEveryTenfoldSizeHoldsTenTimesTheSameMix() throws {
        for seed: UInt64 in [7, 1, 2] {
            let hundred = Mix(try load(SyntheticQuestionnaire.yaml(items: 100, seed: seed)))
            XCTAssertEqual(Mix(try load(SyntheticQuestionnaire.yaml(items: 1_000, seed: seed))), hundred.times(10), "seed \(seed)")
            if seed == 7 {
                XCTAssertEqual(Mix(try load(SyntheticQuestionnaire.yaml(items: 10_000, seed: seed))), hundred.times(100))
            }
        }
    }

    /// The random mix's sizes differ: what the proportional mix was made to fix.
    func testTheRandomMixIsNotProportional() throws {
        let hundred = Mix(try load(SyntheticQuestionnaire.yaml(items: 100, seed: 7, mix: .random)))
        let thousand = Mix(try load(SyntheticQuestionnaire.yaml(items: 1_000, seed: 7, mix: .random)))
        XCTAssertEqual(hundred.repeats, 0)
        XCTAssertEqual(thousand.repeats, 19)
    }

    func testEvenTheSmallestHoldsEveryFeature() throws {
        for seed: UInt64 in 1...8 {
            let q = try load(SyntheticQuestionnaire.yaml(items: 100, seed: seed))
            let mix = Mix(q)
            XCTAssertEqual(mix.repeats, 2, "seed \(seed)")
            XCTAssertEqual(mix.fieldShowIfs, 2, "seed \(seed): each repeat has a field shown by another field")
            XCTAssertEqual(mix.yesno, 30, "seed \(seed)")
            XCTAssertEqual(mix.texts, 38, "seed \(seed)")
            XCTAssertEqual(mix.itemShowIfs, 15, "seed \(seed)")
            XCTAssertEqual(mix.nexts, 10, "seed \(seed)")
            XCTAssertEqual(mix.sectionShowIfs, 1, "seed \(seed)")
            XCTAssertEqual(mix.checks, 1, "seed \(seed)")
            XCTAssertEqual(mix.timelines, mix.dates, "seed \(seed)")
            let constrained = q.allItems.filter { $0.type == .date && $0.repeatID == nil && $0.constraint != nil }.count
            XCTAssertEqual(constrained, mix.dates - 1, "seed \(seed): every date but the first is not before the last")
        }
    }

    func testASeedGivesTheSameFileAndAnotherSeedAnother() {
        XCTAssertEqual(SyntheticQuestionnaire.yaml(items: 300, seed: 3), SyntheticQuestionnaire.yaml(items: 300, seed: 3))
        XCTAssertNotEqual(SyntheticQuestionnaire.yaml(items: 300, seed: 3), SyntheticQuestionnaire.yaml(items: 300, seed: 4))
    }

    /// The random mix is kept to compare with: it must stay the file main's generator wrote
    /// before the proportional mix (FNV-1a of the bytes and their count, taken from that generator).
    func testTheRandomMixIsTheEarlierGeneratorsFile() {
        func fnv(_ text: String) -> UInt64 {
            var h: UInt64 = 0xCBF2_9CE4_8422_2325
            for b in text.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01B3 }
            return h
        }
        let hundred = SyntheticQuestionnaire.yaml(items: 100, seed: 7, mix: .random)
        let thousand = SyntheticQuestionnaire.yaml(items: 1_000, seed: 7, mix: .random)
        XCTAssertEqual(hundred.utf8.count, 17_268)
        XCTAssertEqual(fnv(hundred), 0x2EAB_E946_1399_F805)
        XCTAssertEqual(thousand.utf8.count, 172_631)
        XCTAssertEqual(fnv(thousand), 0xCAC5_52CE_699A_C130)
    }
}
