import RefugeEngine
import XCTest

/// A record keeps its rarely set parts (texts beside the answer, marks, a repeat's entries) in a
/// box shared between copies (see `Answer`): it must still behave as a plain value.
final class AnswerRecordTests: XCTestCase {
    func testACopyDoesNotSeeTheOriginalsLaterChanges() {
        var original = Answer.answered(.choice("yes"))
        original.note = "first note"
        let copy = original
        original.note = "second note"
        original.followUp = true
        original.entries = [RepeatEntry(id: "e1")]
        XCTAssertEqual(copy.note, "first note")
        XCTAssertFalse(copy.followUp)
        XCTAssertNil(copy.entries)
        XCTAssertEqual(original.note, "second note")
        XCTAssertTrue(original.followUp)
        XCTAssertEqual(original.entries?.map(\.id), ["e1"])
    }

    func testAnEntryChangedInPlaceLeavesACopysEntriesAlone() {
        var group = Answer()
        group.entries = [RepeatEntry(id: "e1")]
        group.lastEntryNumber = 1
        let before = group
        group.entries![0].answers["name"] = .answered(.text("Ivan"))
        group.entries!.append(RepeatEntry(id: "e2"))
        group.lastEntryNumber += 1
        XCTAssertEqual(before.entries?.count, 1)
        XCTAssertTrue(before.entries?[0].answers.isEmpty ?? false)
        XCTAssertEqual(before.lastEntryNumber, 1)
        XCTAssertEqual(group.entries?.count, 2)
        XCTAssertEqual(group.entries?[0].answers["name"], .answered(.text("Ivan")))
        XCTAssertEqual(group.lastEntryNumber, 2)
    }

    func testRecordsThatSayTheSameAreEqualAndHashAlikeHoweverTheyWereMade() {
        var marked = Answer.answered(.text("Rostov"))
        marked.note = "to check"
        marked.lawyerOnly = true
        var cleared = marked
        cleared.note = nil
        cleared.lawyerOnly = false
        let plain = Answer.answered(.text("Rostov"))
        XCTAssertEqual(cleared, plain)
        XCTAssertEqual(cleared.hashValue, plain.hashValue)
        XCTAssertTrue(cleared.isEmpty == plain.isEmpty)

        var same = Answer.answered(.text("Rostov"))
        same.lawyerOnly = true
        same.note = "to check"
        XCTAssertEqual(same, marked)
        XCTAssertEqual(same.hashValue, marked.hashValue)
        XCTAssertEqual(Set([same, marked, plain, cleared]).count, 2)

        var other = marked
        other.translation = "проверить"
        XCTAssertNotEqual(other, marked)
        XCTAssertNotEqual(Answer.answered(.text("Rostov")), Answer.answered(.text("Moscow")))
    }

    func testClearingTheAnswerKeepsTheMarks() {
        var record = Answer.answered(.choice("other"))
        record.otherText = "a cousin"
        record.note = "ask again"
        record.followUp = true
        record.clearAnswer()
        XCTAssertNil(record.status)
        XCTAssertNil(record.value)
        XCTAssertNil(record.otherText)
        XCTAssertEqual(record.note, "ask again")
        XCTAssertTrue(record.followUp)
        XCTAssertFalse(record.isEmpty)
        record.note = nil
        record.followUp = false
        XCTAssertTrue(record.isEmpty)
        XCTAssertEqual(record, Answer())
    }

    /// Made whole (as reading a session does) or field by field, a record is the same value; one
    /// whose marks all have their defaults keeps no box, and a later change leaves it unshared.
    func testARecordMadeWholeIsTheRecordMadeFieldByField() {
        var byField = Answer.answered(.choice("other"))
        byField.otherText = "a cousin"
        byField.translation = "un primo"
        byField.lawyerOnly = true
        byField.entries = []
        byField.lastEntryNumber = 3
        let whole = Answer(status: .answered, value: .choice("other"), otherText: "a cousin", note: nil, translation: "un primo",
                           followUp: false, lawyerOnly: true, draft: nil, entries: [], lastEntryNumber: 3)
        XCTAssertEqual(whole, byField)
        XCTAssertEqual(whole.hashValue, byField.hashValue)
        XCTAssertEqual(whole.entries?.count, 0)
        XCTAssertFalse(whole.followUp)

        let bare = Answer(status: .refused, value: nil, otherText: nil, note: nil, translation: nil,
                          followUp: false, lawyerOnly: false, draft: nil, entries: nil, lastEntryNumber: 0)
        XCTAssertEqual(bare, Answer(status: .refused))
        XCTAssertEqual(bare.hashValue, Answer(status: .refused).hashValue)

        var changed = whole
        changed.note = "ask about the dates"
        XCTAssertNil(whole.note)
        XCTAssertEqual(changed.note, "ask about the dates")
        XCTAssertEqual(changed.translation, "un primo")
    }
}
