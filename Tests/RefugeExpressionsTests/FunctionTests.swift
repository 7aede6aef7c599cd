import RefugeExpressions
import XCTest

/// Every function of the language: answered, dont_know, refused, count, any, all, date, today,
/// years_between, length, matches and if.
final class FunctionTests: XCTestCase {
    let people = TestAnswers(
        values: ["age": n(40), "name": .text("Ana"), "harms": .set(["beaten", "threatened"])],
        dontKnow: ["left"], refused: ["ground"],
        entryValues: ["people": [
            ["person_age": n(8), "relation": .text("child")],
            ["person_age": n(41), "relation": .text("spouse")],
            ["person_age": .nothing, "relation": .text("child")],
        ]])

    func testAnsweredDontKnowAndRefused() {
        XCTAssertEqual(value("answered(age)", .showIf, answers: people), .bool(true))
        XCTAssertEqual(value("answered(left)", .showIf, answers: people), .bool(false), "don't know is not a real value")
        XCTAssertEqual(value("dont_know(left)", .showIf, answers: people), .bool(true))
        XCTAssertEqual(value("dont_know(age)", .showIf, answers: people), .bool(false))
        XCTAssertEqual(value("refused(ground)", .showIf, answers: people), .bool(true))
        XCTAssertEqual(value("refused(left)", .showIf, answers: people), .bool(false))
        XCTAssertEqual(value("answered(people)", .showIf, answers: people), .bool(true))
    }

    func testCountOfEntriesAndSelections() {
        XCTAssertEqual(value("count(people)", answers: people), n(3))
        XCTAssertEqual(value("count(harms)", answers: people), n(2))
        XCTAssertEqual(value("count(harms)"), n(0), "no answer counts 0, not nothing")
        XCTAssertEqual(value("count(people)"), n(0))
        XCTAssertEqual(value("count(people, relation == 'child')", answers: people), n(2))
        XCTAssertEqual(value("count(people, person_age < 18)", answers: people), n(1), "an unknown age is not counted")
    }

    func testAnyAndAll() {
        XCTAssertEqual(value("any(people, relation == 'spouse')", .showIf, answers: people), .bool(true))
        XCTAssertEqual(value("any(people, relation == 'parent')", .showIf, answers: people), .bool(false))
        XCTAssertEqual(value("all(people, relation != 'parent')", .showIf, answers: people), .bool(true))
        XCTAssertEqual(value("all(people, relation == 'child')", .showIf, answers: people), .bool(false))
        XCTAssertEqual(value("any(people, relation == 'child')", .showIf), .bool(false), "any is false on no entries")
        XCTAssertEqual(value("all(people, relation == 'child')", .showIf), .bool(true), "all is true on no entries")
        XCTAssertEqual(value("any(people, person_age > age)", .showIf, answers: people), .bool(true),
                       "outer questions are visible inside the entry")
    }

    func testDateAndToday() {
        XCTAssertEqual(value("date('2022-09-21')"), day("2022-09-21"))
        XCTAssertEqual(value("date('2022-09')"), day("2022-09"))
        XCTAssertEqual(value("date('2022')"), day("2022"))
        XCTAssertEqual(value("today()"), day("2026-11-20"), "today() is the session's interview date")
        var later = TestAnswers()
        later.today = PartialDate(year: 2027, month: 1, day: 2)
        XCTAssertEqual(value("today()", answers: later), day("2027-01-02"))
    }

    func testYearsBetween() {
        XCTAssertEqual(value("years_between(date('1990-04-02'), date('2026-11-20'))"), n(36))
        XCTAssertEqual(value("years_between(date('1990-11-21'), date('2026-11-20'))"), n(35), "a birthday not yet reached")
        XCTAssertEqual(value("years_between(date('1990-11-20'), date('2026-11-20'))"), n(36), "on the birthday")
        XCTAssertEqual(value("years_between(date('1990-02'), date('2026-11-20'))"), n(36), "every day of the month agrees")
        XCTAssertEqual(value("years_between(date('1990-11'), date('2026-11-20'))"), .nothing, "the month's days disagree")
        XCTAssertEqual(value("years_between(born, today())"), .nothing, "nothing in, nothing out")
    }

    func testLengthCountsCharactersAsPeopleDo() {
        XCTAssertEqual(value("length('Ana')"), n(3))
        XCTAssertEqual(value("length('José')"), n(4))
        XCTAssertEqual(value("length('e\u{301}')"), n(1), "a letter with a combining accent is one")
        XCTAssertEqual(value("length('🇺🇦')"), n(1), "a flag is one")
        XCTAssertEqual(value("length('')"), n(0))
        XCTAssertEqual(value("length(name)"), .nothing, "nothing for nothing")
    }

    func testMatchesTheWholeText() {
        XCTAssertEqual(value("matches('A123', '[A-Z][0-9]+')", .showIf), .bool(true))
        XCTAssertEqual(value("matches('A123x', '[A-Z][0-9]+')", .showIf), .bool(false), "the whole text must match")
        XCTAssertEqual(value("matches('xA123', '[A-Z][0-9]+')", .showIf), .bool(false))
        XCTAssertEqual(value("matches('a|b', 'a\\|b')", .showIf), .bool(true), "a backslash reaches the regex as written")
        XCTAssertEqual(value("matches(name, '.*')", .calculate), .nothing, "nothing for nothing")
        assertRefused("matches(name, '[')", .showIf, saying: "not a valid regular expression")
    }

    func testIfChoosesLikeAShowIf() {
        XCTAssertEqual(value("if(age > 18, 'adult', 'child')", answers: people), .text("adult"))
        XCTAssertEqual(value("if(age > 50, 'older', 'younger')", answers: people), .text("younger"))
        XCTAssertEqual(value("if(children > 1, 1, 2)"), n(2), "a condition on nothing is false")
    }

    func testWrongArgumentsAreRefused() {
        assertRefused("today(1)", saying: "today")
        assertRefused("count()", saying: "count")
        assertRefused("years_between(age, today())", saying: "two dates")
        assertRefused("length(age)", saying: "characters of a text")
        assertRefused("count(name)", saying: "counts the entries")
        assertRefused("matches(name, story)", .showIf, saying: "in quotes")
        assertRefused("date('2022-13')", saying: "date")
        assertRefused("lenght(name)", saying: "did you mean `length`")
        assertRefused("age(1)", saying: "is a question, not a function")
    }
}
