@testable import RefugeExpressions
import RefugeLimits
import XCTest

/// Numbers are exact decimals of up to 38 digits: kept as typed, compared by value across
/// scales, added and subtracted without rounding, printed canonically (`3`, never `3.0`), and
/// refused (typed) or nothing (computed) beyond the range.
final class ExactNumberTests: XCTestCase {
    private func number(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws -> ExactNumber {
        try XCTUnwrap(ExactNumber(text), "`\(text)` should be a number", file: file, line: line)
    }

    func testIntegersPrintAsIntegersAndEveryNumberCanonically() throws {
        XCTAssertEqual(value("1 + 2").map(String.init(describing:)), "number(3)")
        XCTAssertEqual(try number("3").description, "3")
        XCTAssertEqual(try number("3.0").description, "3", "an integer typed with a point is still an integer")
        XCTAssertEqual(try number("3.00").isInteger, true)
        XCTAssertEqual(try number("1.50").description, "1.5")
        XCTAssertEqual(try number("007").description, "7")
        XCTAssertEqual(try number("-0").description, "0", "no negative zero")
        XCTAssertEqual(try number("-0.0").description, "0")
        XCTAssertEqual(try number(".5").description, "0.5")
        XCTAssertEqual(try number("5.").description, "5")
        XCTAssertEqual(try number("-12.340").description, "-12.34")
        XCTAssertEqual(try number("0.000001").description, "0.000001", "no exponent for small numbers")
        XCTAssertEqual(try number("1" + String(repeating: "0", count: 30)).description, "1" + String(repeating: "0", count: 30),
                       "nor for large ones")
        XCTAssertEqual(ExactNumber(42).description, "42")
        XCTAssertEqual(ExactNumber(-7).description, "-7")
        XCTAssertEqual(value("2.5 - 0.5"), n(2), "a computed integer is an integer")
        XCTAssertEqual(value("2.5 - 0.5").map(String.init(describing:)), "number(2)")
    }

    func testComparisonsAcrossScales() throws {
        XCTAssertEqual(value("1.50 == 1.5", .showIf), .bool(true))
        XCTAssertEqual(value("1.5 == 1.500000", .showIf), .bool(true))
        XCTAssertEqual(value("2 == 2.0", .showIf), .bool(true))
        XCTAssertEqual(value("1.50 != 1.5", .showIf), .bool(false))
        XCTAssertEqual(value("1.49 < 1.5", .showIf), .bool(true))
        XCTAssertEqual(value("1.5 <= 1.50", .showIf), .bool(true))
        XCTAssertEqual(value("10 > 9.99999999999999999999", .showIf), .bool(true))
        XCTAssertEqual(value("0 - 1.5 < 0 - 1.49", .showIf), .bool(true), "negative numbers order the other way")
        XCTAssertEqual(value("-0.0001 < 0", .showIf), .bool(true))
        XCTAssertEqual(try number("1.50"), try number("1.5"))
        XCTAssertEqual(try number("1.50").hashValue, try number("1.5").hashValue)
        XCTAssertEqual(Set([try number("1.50"), try number("1.5"), try number("1.500")]).count, 1)
        XCTAssertTrue(try number("9007199254740992") < number("9007199254740993"))
        XCTAssertTrue(try number("-10") < number("-9.5"))
        XCTAssertTrue(try number("0.1") < number("0.10000000000000000000000000000000000001"))
        XCTAssertFalse(try number("2") < number("2.0"))
        let sorted = try ["3", "-1.5", "0", "0.25", "-2", "10", "2.75", "-0.5"].map { try number($0) }.sorted()
        XCTAssertEqual(sorted.map(\.description), ["-2", "-1.5", "-0.5", "0", "0.25", "2.75", "3", "10"])
    }

    func testSumsAndDifferencesAreExactForAnyDigits() throws {
        XCTAssertEqual(try number("0.1") + number("0.2"), try number("0.3"))
        XCTAssertEqual(try number("9007199254740992") + number("1"), try number("9007199254740993"))
        XCTAssertEqual(try number("99999999999999999999999999999999999998") + 1, try number(String(repeating: "9", count: 38)))
        XCTAssertEqual(try number("1") - number("0.00000000000000000000000000000000000001"),
                       try number("0." + String(repeating: "9", count: 38)))
        XCTAssertEqual(try number("5") - number("7.25"), try number("-2.25"))
        XCTAssertEqual(try number("-5") + number("7.25"), try number("2.25"))
        XCTAssertEqual(try number("-5") - number("-5"), 0)
        XCTAssertEqual((try number("-5") - number("-5"))?.description, "0", "a zero difference is not negative")
        XCTAssertEqual(-(try number("2.5")), try number("-2.5"))
        XCTAssertEqual(-ExactNumber(0), 0)
        // Against whole numbers small enough for Int: each sum is what Int arithmetic says.
        var g = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let a = Int.random(in: -1_000_000_000_000...1_000_000_000_000, using: &g)
            let b = Int.random(in: -1_000_000_000_000...1_000_000_000_000, using: &g)
            let scale = Int.random(in: 0...6, using: &g)
            func decimal(_ i: Int) -> ExactNumber {
                // i / 10^scale, written out: the point `scale` digits from the end.
                var digits = String(abs(i))
                if digits.count <= scale { digits = String(repeating: "0", count: scale - digits.count + 1) + digits }
                let text = scale == 0 ? digits : String(digits.dropLast(scale)) + "." + digits.suffix(scale)
                return ExactNumber((i < 0 ? "-" : "") + text)!
            }
            XCTAssertEqual(decimal(a) + decimal(b), decimal(a + b), "\(a) + \(b) at scale \(scale)")
            XCTAssertEqual(decimal(a) - decimal(b), decimal(a - b), "\(a) - \(b) at scale \(scale)")
            XCTAssertEqual(decimal(a) < decimal(b), a < b, "\(a) < \(b)")
        }
    }

    func testTheRangeIs38DigitsAndATypedNumberBeyondItIsRefusedWithAClearMessage() throws {
        XCTAssertEqual(Limits.numberDigits, 38)
        let largest = String(repeating: "9", count: 38)
        XCTAssertEqual(try number(largest).description, largest)
        XCTAssertEqual(try number("-" + largest).description, "-" + largest)
        XCTAssertEqual(try number("0." + String(repeating: "0", count: 37) + "1").description, "0." + String(repeating: "0", count: 37) + "1")
        XCTAssertEqual(try number("1234567890123456789.0123456789012345678").description, "1234567890123456789.0123456789012345678")
        XCTAssertEqual(try number("000" + largest + ".000").description, largest, "zeros in front and at the end do not count")
        XCTAssertEqual(ExactNumber.parse(String(repeating: "9", count: 39)), .failure(.tooManyDigits))
        XCTAssertEqual(ExactNumber.parse("1" + String(repeating: "0", count: 38)), .failure(.tooManyDigits), "10^38")
        XCTAssertEqual(ExactNumber.parse("0." + String(repeating: "0", count: 38) + "1"), .failure(.tooManyDigits), "10^-39")
        XCTAssertEqual(ExactNumber.parse("1." + String(repeating: "1", count: 38)), .failure(.tooManyDigits))
        for text in ["", "-", ".", "1e5", "+1", "1 000", "1,5", "0x10", "1.2.3", "--1", "١٢", "inf", "nan"] {
            XCTAssertEqual(ExactNumber.parse(text), .failure(.notANumber), "`\(text)`")
        }
        assertRefused("age == " + String(repeating: "9", count: 39), .showIf, saying: "at most 38 digits")
        assertRefused("age == 1" + String(repeating: "0", count: 38), .showIf, saying: "too many digits to be kept exactly")
        XCTAssertEqual(value("age == " + largest, .showIf, answers: TestAnswers(values: ["age": n(largest)])), .bool(true))
    }

    func testASumBeyondTheRangeIsNothingNeverRounded() throws {
        let largest = String(repeating: "9", count: 38)
        XCTAssertNil(try number(largest) + 1)
        XCTAssertNil(try number("-" + largest) - 1)
        XCTAssertNil(try number("1" + String(repeating: "0", count: 37)) + number("0.1"), "39 digits: not rounded to 10^37")
        XCTAssertEqual(value(largest + " + 1"), .nothing)
        XCTAssertEqual(value(largest + " + 1 == " + largest, .showIf), .nothing, "a comparison with nothing is nothing")
        XCTAssertEqual(value(largest + " + 1 > 0", .constraint(dot: .number)), .nothing)
        XCTAssertEqual(value(largest + " - 1"), n("99999999999999999999999999999999999998"))
    }

    func testThereIsNoDivisionSoOneThirdNeverArisesAndATypedThirdIsKeptToItsDigits() throws {
        assertRefused("1 / 3", saying: "not multiplied or divided")
        assertRefused("age * 2 > 10", .showIf, saying: "`*` is not part of this language")
        // A third typed to the full range is kept, digit for digit; one digit more is refused.
        let third = "0." + String(repeating: "3", count: 38)
        XCTAssertEqual(try number(third).description, third)
        XCTAssertEqual(value(third + " + " + third + " + " + third), n("0." + String(repeating: "9", count: 38)),
                       "three thirds typed to 38 digits: exactly what was typed, added")
        XCTAssertEqual(ExactNumber.parse(third + "3"), .failure(.tooManyDigits))
    }

    func testCountsLengthsAndYearSpansAreIntegers() {
        XCTAssertEqual(value("length('abc')").map(String.init(describing:)), "number(3)")
        XCTAssertEqual(value("years_between(date('1990-04-02'), date('2026-11-20'))"), n(36))
        XCTAssertEqual(value("count(people) + 0.5", answers: TestAnswers(entryValues: ["people": [[:], [:]]])), n("2.5"))
    }

    func testRoundingDownAndIntegerValues() throws {
        XCTAssertEqual(try number("2.7").roundedDown(), 2)
        XCTAssertEqual(try number("-2.5").roundedDown(), -3)
        XCTAssertEqual(try number("-2").roundedDown(), -2)
        XCTAssertEqual(try number("0.5").roundedDown(), 0)
        XCTAssertEqual(try number("-0.5").roundedDown(), -1)
        XCTAssertEqual(try number("12").integerValue, 12)
        XCTAssertNil(try number("12.5").integerValue)
        XCTAssertNil(try number(String(repeating: "9", count: 30)).integerValue, "beyond Int")
    }

    func testSmallIntegersAndOtherNumbersAreOneKindOfValue() throws {
        // Integers of up to 18 digits are kept as an Int, the rest as digits: each number has
        // one form however it was made, so equality, hashing and order hold across the two.
        let limit = try number("1000000000000000000")
        XCTAssertEqual(ExactNumber(999_999_999_999_999_999) + 1, limit)
        XCTAssertEqual((ExactNumber(999_999_999_999_999_999) + 1)?.hashValue, limit.hashValue)
        XCTAssertEqual(limit - 1, ExactNumber(999_999_999_999_999_999))
        XCTAssertEqual(try number("123"), ExactNumber(123))
        XCTAssertEqual(try number("-123.0"), ExactNumber(-123))
        XCTAssertEqual(ExactNumber(Int.min).description, "-9223372036854775808")
        XCTAssertEqual((-ExactNumber(Int.min)).description, "9223372036854775808")
        XCTAssertEqual(ExactNumber(Int.max) + 1, try number("9223372036854775808"))
        XCTAssertTrue(ExactNumber(5) < limit)
        XCTAssertTrue(try number("-" + String(repeating: "9", count: 30)) < ExactNumber(-5))
        XCTAssertTrue(try ExactNumber(2) < number("2.5"))
        XCTAssertTrue(try number("2.5") < ExactNumber(3))
        XCTAssertEqual(try number("2.5") + number("0.5"), 3)
        XCTAssertEqual((try number("2.5") + number("0.5"))?.integerValue, 3)
        XCTAssertEqual(limit.integerValue, 1_000_000_000_000_000_000)
    }

    func testTheSyntaxTreePrintsNumbersCanonically() throws {
        let tree = try Parser.parse("1.50 + 9007199254740993 - 3.0").get()
        XCTAssertEqual(tree.description, "((1.5 + 9007199254740993) - 3)")
    }
}
