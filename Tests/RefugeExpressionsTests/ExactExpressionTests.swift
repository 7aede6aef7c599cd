@testable import RefugeExpressions
import RefugeLimits
import XCTest

/// `.` inside count/any/all, exact decimal numbers, and bounded regular expressions.
final class ExactExpressionTests: XCTestCase {
    /// Answers whose repeat entries know nothing of `.`, as the engine's entries do.
    struct EntriesWithoutDot: EvaluationEnvironment {
        var values: [String: Value] = [:]
        var entryValues: [[String: Value]] = []
        var dot: Value = .nothing
        var today: PartialDate { PartialDate(year: 2026, month: 11, day: 20) }
        func value(of id: String) -> Value { values[id] ?? .nothing }
        func isAnswered(_ id: String) -> Bool { values[id] != nil }
        func isDontKnow(_ id: String) -> Bool { false }
        func isRefused(_ id: String) -> Bool { false }
        func entries(of repeatID: String) -> [any EvaluationEnvironment] {
            entryValues.map { EntriesWithoutDot(values: values.merging($0) { _, field in field }) }
        }
    }

    func testDotInsideCountAnyAndAllIsTheValueBeingChecked() throws {
        let people = EntriesWithoutDot(entryValues: [["person_age": n(3)], ["person_age": n(40)]], dot: n(10))
        let context = ExpressionContext.constraint(dot: .number)
        let count = try XCTUnwrap(compiled("count(people, person_age > .) == 1", context))
        XCTAssertEqual(count.outcome(in: people), .accepted, "one entry is older than 10")
        let anyEqual = try XCTUnwrap(compiled("any(people, person_age == .)", context))
        XCTAssertEqual(anyEqual.outcome(in: people), .refused, "no entry is exactly 10")
        var forty = people
        forty.dot = n(40)
        XCTAssertEqual(anyEqual.outcome(in: forty), .accepted)
        let all = try XCTUnwrap(compiled("all(people, person_age < .)", context))
        XCTAssertEqual(all.outcome(in: forty), .refused, "40 is not below 40")
        forty.dot = n(41)
        XCTAssertEqual(all.outcome(in: forty), .accepted)
    }

    func testDecimalsAreExact() {
        XCTAssertEqual(value("0.1 + 0.2 == 0.3", .showIf), .bool(true))
        XCTAssertEqual(value("1.1 - 1 == 0.1", .showIf), .bool(true))
        XCTAssertEqual(value("0.1 + 0.2"), n("0.3"))
        XCTAssertEqual(value("0.3 - 0.1 - 0.2 == 0", .showIf), .bool(true))
    }

    func testIntegersStayIntegersAndNumbersAreKeptAsTyped() {
        XCTAssertEqual(value("2 + 3"), n(5))
        XCTAssertEqual(value("9007199254740993"), n("9007199254740993"))
        XCTAssertNotEqual(value("9007199254740993"), n("9007199254740992"), "one more than 2^53 is not 2^53")
        XCTAssertEqual(value("9007199254740992 + 1 == 9007199254740993", .showIf), .bool(true))
        XCTAssertEqual(ExactNumber("0.10000000000000001")?.description, "0.10000000000000001", "17 digits, kept")
        XCTAssertEqual(ExactNumber("12345678901234.5")?.description, "12345678901234.5")
    }

    func testQuotedAndCommentedPatternsWork() throws {
        func matches(_ pattern: String, _ text: String) throws -> Bool? { try WholeTextPattern(pattern).wholeMatch(text) }
        XCTAssertEqual(try matches("\\Qa.b", "a.b"), true, "an unclosed \\Q quotes to the end")
        XCTAssertEqual(try matches("\\Qa.b", "axb"), false)
        XCTAssertEqual(try matches("\\Qa)b\\E", "a)b"), true)
        XCTAssertEqual(try matches("(?x) a b # letters", "ab"), true, "an (?x) comment runs to the end")
        XCTAssertEqual(try matches("(?x) \\d+ # digits\n - x", "12-x"), true)
        XCTAssertEqual(try matches("a|ab", "ab"), true, "alternatives are tried against the whole text")
        XCTAssertEqual(try matches("[0-9]+", "12a"), false)
        XCTAssertEqual(try matches("\\\\Q", "\\Q"), true, "an escaped backslash before Q is no quotation")
    }

    func testARunawayPatternIsNothingAndAConstraintRefusesItWithItsOwnOutcome() throws {
        let pattern = try WholeTextPattern("(a+)+b")
        let started = Date()
        XCTAssertNil(pattern.wholeMatch(String(repeating: "a", count: 40)), "gave up: neither yes nor no")
        XCTAssertLessThan(Date().timeIntervalSince(started), 5)
        let constraint = try XCTUnwrap(compiled("matches(., '(a+)+b')", .constraint(dot: .text)))
        var answers = TestAnswers()
        answers.dot = .text(String(repeating: "a", count: 40))
        XCTAssertEqual(constraint.evaluate(in: answers), .nothing)
        XCTAssertEqual(constraint.outcome(in: answers), .unchecked, "never taken as fitting")
        answers.dot = .text("aab")
        XCTAssertEqual(constraint.outcome(in: answers), .accepted)
        answers.dot = .text("aac")
        XCTAssertEqual(constraint.outcome(in: answers), .refused)
    }

    func testAMegabyteTextThatMatchesIsAccepted() throws {
        let text = String(repeating: "abc de ", count: 150_000)
        XCTAssertGreaterThan(text.utf8.count, 1_000_000)
        XCTAssertEqual(try WholeTextPattern("[a-z ]+").wholeMatch(text), true)
        XCTAssertEqual(try WholeTextPattern("[a-z]+( [a-z]+)* ?").wholeMatch("abc de abc de"), true)
        // A group repeated once per word can pass the regex engine's own backtracking limit on
        // a text this long: then it is unknown, never a mismatch.
        XCTAssertNotEqual(try WholeTextPattern("(?:[a-z]+ ?)*").wholeMatch(text), false)
        XCTAssertNil(try WholeTextPattern("[a-z]+").wholeMatch(String(repeating: "a", count: Limits.regexTextLength + 1)),
                     "a text beyond the limit is not matched at all")
    }
}
