import XCTest
@testable import RefugeXLSForm

final class ExpressionTranslatorTests: XCTestCase {
    private let symbols: [String: FormSymbol] = [
        "age": FormSymbol(id: "age", kind: .number),
        "Name-1": FormSymbol(id: "name_1", kind: .text),
        "born": FormSymbol(id: "born", kind: .date),
        "fear": FormSymbol(id: "fear", kind: .choice, choiceValues: ["yes", "no"]),
        "code": FormSymbol(id: "code", kind: .choice, choiceValues: ["1", "2"]),
        "langs": FormSymbol(id: "langs", kind: .multichoice, choiceValues: ["en", "es"]),
        "ok": FormSymbol(id: "ok", kind: .acknowledge),
        "kids": FormSymbol(id: "kids", kind: .repeatGroup),
        "kid_age": FormSymbol(id: "kid_age", kind: .number, repeatName: "kids"),
        "spot": FormSymbol(id: "", kind: .notImported("geopoint")),
        "total": FormSymbol(id: "total", kind: .calculate),
    ]

    private func refuge(_ xpath: String, constraintOn current: RefugeExpression.ValueKind? = nil, inRepeat: String? = nil) throws -> String {
        try ExpressionTranslator(symbols: symbols, repeatName: inRepeat, currentKind: current).translate(xpath).text
    }

    private func reason(_ xpath: String, constraintOn current: RefugeExpression.ValueKind? = nil) -> String? {
        do {
            _ = try ExpressionTranslator(symbols: symbols, repeatName: nil, currentKind: current).translate(xpath)
            return nil
        } catch {
            return error.reason
        }
    }

    func testOperatorsAndReferences() throws {
        XCTAssertEqual(try refuge("${fear} = 'yes'"), "fear == 'yes'")
        XCTAssertEqual(try refuge("${fear}='yes' and ${age}>=18"), "fear == 'yes' and age >= 18")
        XCTAssertEqual(try refuge("${age} < 5 or ${age} <= 6 or ${age} > 7"), "age < 5 or age <= 6 or age > 7")
        XCTAssertEqual(try refuge("${Name-1} = 'x'"), "name_1 == 'x'")
        // `!=` keeps XLSForm's meaning for an empty answer (true), which Refuge's `!=` would not.
        XCTAssertEqual(try refuge("${fear} != 'no'"), "not (fear == 'no')")
        XCTAssertEqual(try refuge("not(${fear} = 'no')"), "not (fear == 'no')")
        XCTAssertEqual(try refuge("not(true())"), "not true")
        XCTAssertEqual(try refuge(". >= 0 and . <= 120", constraintOn: .number), ". >= 0 and . <= 120")
    }

    func testPrecedenceIsKeptWithBracketsOnlyWhereRefugeNeedsThem() throws {
        XCTAssertEqual(try refuge("(${age} + 1) - 2 > 3"), "age + 1 - 2 > 3")
        XCTAssertEqual(try refuge("${age} - (1 + 2) > 3"), "age - (1 + 2) > 3")
        XCTAssertEqual(try refuge("(${age} > 1 or ${age} < 0) and ${fear} = 'yes'"), "(age > 1 or age < 0) and fear == 'yes'")
        XCTAssertEqual(try refuge("${age} > 1 or ${age} < 0 and ${fear} = 'yes'"), "age > 1 or age < 0 and fear == 'yes'")
        XCTAssertEqual(try refuge("-${age} < -1"), "-age < -1")
        XCTAssertEqual(try refuge("-(${age} - 1) < 0"), "-(age - 1) < 0")
    }

    func testFunctions() throws {
        XCTAssertEqual(try refuge("selected(${langs}, 'en')"), "'en' in langs")
        XCTAssertEqual(try refuge("selected(${fear}, 'yes')"), "fear == 'yes'")
        XCTAssertEqual(try refuge("count-selected(${langs}) >= 2"), "count(langs) >= 2")
        XCTAssertEqual(try refuge("string-length(.) > 3", constraintOn: .text), "length(.) > 3")
        XCTAssertEqual(try refuge("regex(., '^[0-9]{5}$')", constraintOn: .text), "matches(., '^[0-9]{5}$')")
        // ODK's regex() finds the pattern anywhere; Refuge's matches() needs the whole text.
        XCTAssertEqual(try refuge("regex(., '[0-9]')", constraintOn: .text), "matches(., '(?s).*(?:[0-9]).*')")
        XCTAssertEqual(try refuge(". <= today()", constraintOn: .date), ". <= today()")
        XCTAssertEqual(try refuge("${born} > date('2000-01-31')"), "born > date('2000-01-31')")
        XCTAssertEqual(try refuge("if(${age} >= 18, 'adult', 'minor')"), "if(age >= 18, 'adult', 'minor')")
        XCTAssertEqual(try refuge("coalesce(${Name-1}, 'nobody')"), "if(answered(name_1), name_1, 'nobody')")
        XCTAssertEqual(try refuge("count(${kids}) > 0"), "count(kids) > 0")
        XCTAssertEqual(try refuge("${fear} = ''"), "not answered(fear)")
        XCTAssertEqual(try refuge("${fear} != ''"), "answered(fear)")
        XCTAssertEqual(try refuge("true() and false()"), "true and false")
    }

    func testLiteralsTakeTheTypeOfWhatTheyAreComparedWith() throws {
        XCTAssertEqual(try refuge("${born} < '2020-05-01'"), "born < date('2020-05-01')")
        XCTAssertEqual(try refuge("${code} = 1"), "code == '1'")
        XCTAssertEqual(try refuge("${age} = '18'"), "age == 18")
        XCTAssertEqual(try refuge("${ok} = 'OK'"), "ok == 'yes'")
        XCTAssertEqual(try refuge("selected(${code}, 2)"), "code == '2'")
        XCTAssertEqual(try refuge("${age} > .5"), "age > 0.5")
    }

    func testInsideARepeatItsFieldsAreNamedPlainly() throws {
        XCTAssertEqual(try refuge("${kid_age} >= 5", inRepeat: "kids"), "kid_age >= 5")
        XCTAssertNotNil(reason("${kid_age} >= 5"))
    }

    func testWhatRefugeCannotSayIsReportedWithAReason() {
        XCTAssertEqual(reason("${age} * 2 > 3"), "Refuge expressions have no multiplication (`*`)")
        XCTAssertEqual(reason("${age} div 2 > 3"), "Refuge expressions have no division (`div`)")
        XCTAssertEqual(reason("${age} mod 2 = 0"), "Refuge expressions have no remainder (`mod`)")
        XCTAssertTrue(reason("jr:choice-name(${fear}, '${fear}') = 'Yes'")?.contains("jr:choice-name") == true)
        XCTAssertTrue(reason("indexed-repeat(${kid_age}, ${kids}, 1) > 3")?.contains("indexed-repeat") == true)
        XCTAssertTrue(reason("concat(${fear}, 'x') = 'yesx'")?.contains("`concat()`") == true)
        XCTAssertTrue(reason("${spot} != ''")?.contains("geopoint") == true)
        XCTAssertTrue(reason("${nobody} = 1")?.contains("names no question") == true)
        XCTAssertTrue(reason(". > 1")?.contains("only in a constraint") == true)
        XCTAssertTrue(reason("/data/age > 1")?.contains("path") == true)
        XCTAssertTrue(reason("${langs} = 'en'")?.contains("selected") == true)
        XCTAssertTrue(reason("${born} + 1 > 3")?.contains("dates") == true)
        XCTAssertTrue(reason("${age} > ")?.contains("cannot be read") == true)
        XCTAssertTrue(reason("${age > 1")?.contains("cannot be read") == true)
    }

    func testAQuestionNamingItselfInItsConstraintMeansTheAnswerBeingGiven() throws {
        let t = ExpressionTranslator(symbols: symbols, repeatName: nil, currentKind: .number, selfName: "age")
        XCTAssertEqual(try t.translate("${age} >= 0 and ${age} < 130").text, ". >= 0 and . < 130")
        XCTAssertThrowsError(try ExpressionTranslator(symbols: symbols, repeatName: nil, currentKind: .multichoice, selfName: "langs")
            .translate("count-selected(${langs}) = 1 or selected(., 'en')"))
    }

    func testSelectionCountConstraintsBecomeMinAndMaxCount() {
        func bounds(_ c: String) -> [Int?]? { SelectionCount.bounds(of: c, selfName: "langs").map { [$0.min, $0.max] } }
        XCTAssertEqual(bounds("count-selected(.) >= 1 and count-selected(.) <= 2"), [1, 2])
        XCTAssertEqual(bounds("count-selected(${langs}) > 1"), [2, nil])
        XCTAssertEqual(bounds("3 > count-selected(.)"), [nil, 2])
        XCTAssertEqual(bounds("count-selected(.) = 2"), [2, 2])
        XCTAssertNil(bounds("count-selected(.) >= 1 or count-selected(.) = 0"))
        XCTAssertNil(bounds("count-selected(.) > 3 and count-selected(.) < 2"))
        XCTAssertNil(bounds("selected(., 'en')"))
    }

    func testDeepOrLongExpressionsAreRefusedNotCrashing() {
        let deep = String(repeating: "(", count: 4_000) + "1" + String(repeating: ")", count: 4_000)
        XCTAssertTrue(reason(deep)?.contains("levels deep") == true)
        XCTAssertTrue(reason(String(repeating: "-", count: 5_000) + "1 > 0")?.contains("levels deep") == true)
        XCTAssertTrue(reason("${age} > 1" + String(repeating: " or ${age} > 1", count: 2_000))?.contains("longer than") == true)
        XCTAssertEqual(try refuge(String(repeating: "(", count: 50) + "${age} > 1" + String(repeating: ")", count: 50)), "age > 1")
    }

    func testQuotingAStringWithQuotes() throws {
        XCTAssertEqual(try ExpressionTranslator.quote("it's"), "\"it's\"")
        XCTAssertEqual(try ExpressionTranslator.quote("say \"it's\""), "'say \"it\\'s\"'")
        // A closing quote after a backslash would be read as part of the text.
        XCTAssertThrowsError(try ExpressionTranslator.quote("ends with \\"))
    }
}
