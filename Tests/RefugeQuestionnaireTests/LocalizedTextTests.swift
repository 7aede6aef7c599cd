import RefugeQuestionnaire
import XCTest

/// A text keeps its translations sorted by language; it must behave as the dictionary it was.
final class LocalizedTextTests: XCTestCase {
    private let here = SourceLocation(file: "q.yaml", line: 3, column: 5)

    func testOrderDoesNotMatter() {
        let a = LocalizedText(entries: [.init(language: "ru", text: "Да"), .init(language: "en", text: "Yes"), .init(language: "es", text: "Sí")], location: here)
        let b = LocalizedText(["es": "Sí", "en": "Yes", "ru": "Да"], location: here)
        XCTAssertEqual(a, b)
        XCTAssertEqual(a.hashValue, b.hashValue)
        XCTAssertEqual(a.entries.map(\.language), ["en", "es", "ru"])
        XCTAssertEqual(a.translations, ["en": "Yes", "es": "Sí", "ru": "Да"])
        XCTAssertNotEqual(a, LocalizedText(["en": "Yes", "es": "Sí", "ru": "Нет"], location: here))
    }

    func testALanguageGivenTwiceKeepsItsLastText() {
        let text = LocalizedText(entries: [.init(language: "en", text: "One"), .init(language: "en", text: "Two")], location: here)
        XCTAssertEqual(text.translations, ["en": "Two"])
    }

    func testLookUpAndFallBack() {
        let text = LocalizedText(["en": "Yes", "ru": "Да"], location: here)
        XCTAssertEqual(text["ru"], "Да")
        XCTAssertNil(text["es"])
        XCTAssertEqual(text.resolve("ru", defaultLanguage: "en").text, "Да")
        XCTAssertEqual(text.resolve("ru", defaultLanguage: "en").isFallback, false)
        XCTAssertEqual(text.resolve("es", defaultLanguage: "en").text, "Yes")
        XCTAssertEqual(text.resolve("es", defaultLanguage: "en").isFallback, true)
        // Neither the language nor the default: the first text in sorted order.
        XCTAssertEqual(text.resolve("es", defaultLanguage: "fr").text, ["Yes", "Да"].sorted()[0])
        XCTAssertEqual(LocalizedText([:], location: here).resolve("en", defaultLanguage: "en").text, "")
    }

    func testTranslationsCanBeSet() {
        var text = LocalizedText(["en": "Yes"], location: here)
        text.translations["es"] = "Sí"
        XCTAssertEqual(text, LocalizedText(["es": "Sí", "en": "Yes"], location: here))
    }
}
