import RefugeCanvas
import XCTest

final class TextEditorEditingTests: XCTestCase {
    func testStartsWithTheCursorAtTheEnd() {
        let editor = TextEditor(text: "Жизнь")
        XCTAssertEqual(editor.text, "Жизнь")
        XCTAssertEqual(editor.cursor, 5)
        XCTAssertTrue(TextEditor().isEmpty)
        XCTAssertEqual(TextEditor().cursor, 0)
    }

    func testTypingInsertsAtTheCursor() {
        var editor = TextEditor(text: "Мир")
        editor.moveCursor(to: 0)
        editor.insert("Да, ")
        XCTAssertEqual(editor.text, "Да, Мир")
        XCTAssertEqual(editor.cursor, 4)
        editor.insert(Character("漢"))
        XCTAssertEqual(editor.text, "Да, 漢Мир")
        XCTAssertEqual(editor.cursor, 5)
    }

    func testCombiningMarkJoinsThePreviousLetter() {
        var editor = TextEditor()
        editor.insert("e")
        editor.insert("\u{301}")
        XCTAssertEqual(editor.characters, ["e\u{301}"])
        XCTAssertEqual(editor.cursor, 1)
        editor.insert("\u{308}")
        XCTAssertEqual(editor.characters.count, 1)
        XCTAssertEqual(editor.text.unicodeScalars.count, 3)
    }

    func testFlagHalvesTypedSeparatelyBecomeOneFlag() {
        var editor = TextEditor()
        editor.insert("\u{1F1FA}")
        editor.insert("\u{1F1E6}")
        XCTAssertEqual(editor.characters, ["🇺🇦"])
        XCTAssertEqual(editor.cursor, 1)
    }

    func testBackspaceRemovesWholeClusters() {
        var editor = TextEditor(text: "ae\u{301}🇺🇦👨‍👩‍👧👍🏽")
        XCTAssertEqual(editor.characters.count, 5)
        XCTAssertTrue(editor.deleteBackward())
        XCTAssertEqual(editor.text, "ae\u{301}🇺🇦👨‍👩‍👧")
        editor.deleteBackward()
        XCTAssertEqual(editor.text, "ae\u{301}🇺🇦")
        editor.deleteBackward()
        XCTAssertEqual(editor.text, "ae\u{301}")
        editor.deleteBackward()
        XCTAssertEqual(editor.text, "a")
        editor.deleteBackward()
        XCTAssertFalse(editor.deleteBackward())
        XCTAssertEqual(editor.text, "")
    }

    func testDeleteRemovesTheClusterAfterTheCursor() {
        var editor = TextEditor(text: "👨‍👩‍👧漢e\u{301}")
        editor.moveCursor(to: 0)
        XCTAssertTrue(editor.deleteForward())
        XCTAssertEqual(editor.text, "漢e\u{301}")
        editor.moveRight()
        editor.deleteForward()
        XCTAssertEqual(editor.text, "漢")
        XCTAssertFalse(editor.deleteForward())
        XCTAssertEqual(editor.cursor, 1)
    }

    func testDeletingBetweenFlagHalvesKeepsTheCursorOnABoundary() {
        var editor = TextEditor(text: "\u{1F1FA}x\u{1F1E6}")
        XCTAssertEqual(editor.characters.count, 3)
        editor.moveCursor(to: 2)
        editor.deleteBackward()
        XCTAssertEqual(editor.characters, ["🇺🇦"])
        XCTAssertEqual(editor.cursor, 1, "the halves joined; the cursor is after the flag, not inside it")
    }

    func testPastedTextIsNormalised() {
        var multi = TextEditor()
        multi.insert("one\r\ntwo\rthree\u{2028}four\tfive\u{7}")
        XCTAssertEqual(multi.text, "one\ntwo\nthree\nfour five")
        var single = TextEditor(mode: .singleLine)
        single.insert("Line one\nline two\r\n")
        XCTAssertEqual(single.text, "Line one line two ")
        XCTAssertFalse(single.insertNewline())
        XCTAssertEqual(TextEditor(text: "a\nb", mode: .singleLine).text, "a b")
    }

    func testLongPasteWithNewlines() {
        let pasted = (1...200).map { "Строка \($0): 漢字 😀 café" }.joined(separator: "\n")
        var editor = TextEditor(text: "Начало: ")
        editor.insert(pasted)
        XCTAssertEqual(editor.text, "Начало: " + pasted)
        XCTAssertEqual(editor.cursor, editor.characters.count)
        XCTAssertEqual(editor.layout(width: 80).lines.count, 200)
    }

    func testSetTextReplacesEverything() {
        var editor = TextEditor(text: "old")
        editor.moveCursor(to: 1)
        editor.setText("новый")
        XCTAssertEqual(editor.text, "новый")
        XCTAssertEqual(editor.cursor, 5)
        editor.moveCursor(to: 99)
        XCTAssertEqual(editor.cursor, 5)
        editor.moveCursor(to: -3)
        XCTAssertEqual(editor.cursor, 0)
    }

    func testLeftAndRightStepOverClusters() {
        var editor = TextEditor(text: "a👨‍👩‍👧b")
        XCTAssertTrue(editor.moveLeft())
        XCTAssertEqual(editor.cursor, 2)
        editor.moveLeft()
        XCTAssertEqual(editor.cursor, 1)
        editor.moveLeft()
        XCTAssertFalse(editor.moveLeft())
        XCTAssertEqual(editor.cursor, 0)
        editor.moveToEnd()
        XCTAssertFalse(editor.moveRight())
        editor.moveToStart()
        XCTAssertEqual(editor.cursor, 0)
    }

    func testKeysAreAppliedOrLeftToTheScreen() {
        var editor = TextEditor(mode: .multiLine)
        for key: KeyEvent in [.character("Д"), .character("а"), .enter, .paste("漢\n字"), .left, .backspace] {
            XCTAssertTrue(editor.handle(key, width: 20), "\(key)")
        }
        XCTAssertEqual(editor.text, "Да\n漢字")
        XCTAssertTrue(editor.handle(.up, width: 20))
        XCTAssertFalse(editor.handle(.up, width: 20), "Up on the first line is the screen's")
        XCTAssertTrue(editor.handle(.home, width: 20))
        XCTAssertTrue(editor.handle(.delete, width: 20))
        XCTAssertEqual(editor.text, "а\n漢字")
        for key: KeyEvent in [.pageDown, .pageUp, .escape, .tab, .function(1), .ctrl("n"), .resize(width: 1, height: 1)] {
            XCTAssertFalse(editor.handle(key, width: 20), "\(key)")
        }
        var single = TextEditor(mode: .singleLine)
        XCTAssertFalse(single.handle(.enter, width: 20))
        XCTAssertFalse(single.handle(.up, width: 20))
        XCTAssertFalse(single.handle(.down, width: 20))
        XCTAssertTrue(single.handle(.paste("a\nb"), width: 20))
        XCTAssertTrue(single.handle(.ctrl("a"), width: 20))
        XCTAssertEqual(single.cursor, 0)
        XCTAssertTrue(single.handle(.end, width: 20))
        XCTAssertEqual(single.cursor, 3)
        XCTAssertEqual(single.text, "a b")
    }
}
