import RefugeExpressions
@testable import RefugeQuestionnaire
import XCTest

/// The model's sizes, which every pass over the items pays for (issue 19, sixth session): an
/// item was 824 bytes when its texts and expressions were held inline, and at ten thousand
/// items they no longer fitted the processor's L2 cache. A member added inline should be a
/// choice, not an accident.
final class ModelLayoutTests: XCTestCase {
    func testTextsAndExpressionsAreOneReferenceEach() {
        XCTAssertEqual(MemoryLayout<LocalizedText>.size, 8)
        XCTAssertEqual(MemoryLayout<LocalizedText?>.size, 8)
        XCTAssertEqual(MemoryLayout<RefugeExpressions.Expression?>.size, 8)
        XCTAssertEqual(MemoryLayout<SourceLocation>.size, 24)
    }

    func testAnItemStaysSmall() {
        XCTAssertLessThanOrEqual(MemoryLayout<Item>.stride, 176)
        // The members walks read over every item are in its first cache line.
        for member in [\Item.id, \Item.repeatID] as [PartialKeyPath<Item>] {
            XCTAssertLessThan(MemoryLayout<Item>.offset(of: member)!, 64)
        }
        XCTAssertLessThan(MemoryLayout<Item>.offset(of: \Item.showIf)!, 64)
        XCTAssertLessThan(MemoryLayout<Item>.offset(of: \Item.next)!, 64)
        XCTAssertLessThan(MemoryLayout<Item>.offset(of: \Item.fields)!, 64)
        XCTAssertLessThan(MemoryLayout<Item>.offset(of: \Item.type)!, 64)
    }

    /// An item's rare members are shared until one copy changes them, and setting one to what it
    /// is already (nil, mostly) makes no copy.
    func testRareMembersAreCopiedOnWrite() {
        var a = Item(id: "a", type: .number, location: SourceLocation(file: "q.yaml", line: 1, column: 1), sectionID: "s",
                     repeatID: nil, order: 0)
        a.minLength = nil
        a.constraint = nil
        XCTAssertTrue(a.rare === RareMembers.none)
        a.min = 1
        XCTAssertFalse(a.rare === RareMembers.none)
        XCTAssertNil(RareMembers.none.min)
        var b = a
        XCTAssertTrue(a.rare === b.rare)
        b.max = 9
        b.min = 2
        XCTAssertEqual(a.min, 1)
        XCTAssertNil(a.max)
        XCTAssertEqual(b.min, 2)
        XCTAssertEqual(b.max, 9)
        b.min = nil
        b.max = nil
        XCTAssertNil(b.min)
        XCTAssertEqual(a.min, 1)
    }

    /// A text shares its storage when copied and gets its own when its location changes.
    func testATextCopiedAndChangedKeepsValueSemantics() {
        let here = SourceLocation(file: "q.yaml", line: 3, column: 5)
        let a = LocalizedText(["ru": "Да", "en": "Yes"], location: here)
        var b = a
        b.location = SourceLocation(file: "q.yaml", line: 9, column: 1)
        XCTAssertEqual(a.location, here)
        XCTAssertEqual(b.location.line, 9)
        XCTAssertEqual(a.entries.map(\.language), ["en", "ru"])
        XCTAssertEqual(b.entries, a.entries)
        XCTAssertNotEqual(a, b)
        b.location = here
        XCTAssertEqual(a, b)
        XCTAssertEqual(a.hashValue, b.hashValue)
        var c = a
        c.translations = ["en": "No"]
        XCTAssertEqual(a["en"], "Yes")
        XCTAssertEqual(c["en"], "No")
        XCTAssertNil(c["ru"])
        XCTAssertEqual(c.location, here)
    }

    /// Texts given out of order or with a language twice are kept sorted and unique, as before.
    func testEntriesAreSortedAndUnique() {
        let here = SourceLocation(file: "q.yaml", line: 1, column: 1)
        let text = LocalizedText(entries: [.init(language: "ru", text: "a"), .init(language: "en", text: "b"),
                                           .init(language: "ru", text: "c")], location: here)
        XCTAssertEqual(text.entries, [.init(language: "en", text: "b"), .init(language: "ru", text: "c")])
        XCTAssertEqual(text.resolve("fr", defaultLanguage: "en").text, "b")
        XCTAssertTrue(text.resolve("fr", defaultLanguage: "en").isFallback)
        XCTAssertEqual(LocalizedText([:], location: here).resolve("en", defaultLanguage: "en").text, "")
    }
}
