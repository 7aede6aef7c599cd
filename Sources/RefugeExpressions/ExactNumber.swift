import RefugeLimits

/// A number as Refuge keeps it: an exact decimal, every digit as typed, never a binary
/// approximation. `0.1 + 0.2 == 0.3` is true, a typed 9007199254740993 stays
/// 9007199254740993, and an integer stays an integer (it prints as `3`, never `3.0`).
///
/// **Range.** A number written out in full, without an exponent, may have at most
/// `Limits.numberDigits` (38) digits, not counting zeros in front of it or zeros at the end of
/// its fraction: `12345.678` has 8, `0.000123` has 6, `1.50` has 2. So every integer of up to 38
/// digits and every decimal down to 10⁻³⁸ is kept exactly. A typed number beyond that is refused
/// with a message saying so; a sum or difference beyond it is *nothing* (never rounded). There is
/// no division, multiplication or rounding in the expression language, so every value a
/// questionnaire computes (`+`, `-`, `count`, `length`, `years_between`) is exact.
///
/// **Form.** Only the value is kept, in one canonical form: `1.50` and `1.5` are the same number
/// and print as `1.5`; `-0` is `0`; `007` is `7`. That form is what the session file holds (a
/// JSON number with those digits), what the report prints and what interpolation shows.
///
/// **Why an own type rather than Foundation's `Decimal`:** `Decimal`'s `+` and `-` round
/// silently once a result needs more than 38 digits (the functions that report the rounding,
/// `NSDecimalAdd` and friends, exist only in full Foundation, which Refuge is moving away from),
/// it prints in whatever form it likes, and it equates numbers but stores them in several forms.
/// Here the canonical text *is* the value: equality and hashing are those of the text, printing
/// is free, and addition works digit by digit, so a result that does not fit is known, not
/// guessed. The 38 matches `Decimal`'s precision, which is how the session file is read back
/// (`ExactNumber+Coding.swift`): every number in range reads back digit for digit.
///
/// Most numbers in an interview are small integers (counts, ages, years), so those are kept as
/// an `Int` and compared and added as one (a few nanoseconds); the digit-by-digit path is for
/// the rest.
public struct ExactNumber: Sendable, Hashable, Comparable, CustomStringConvertible, ExpressibleByIntegerLiteral {
    /// One form per number, so that the synthesised `==` and hashing are the numbers' own: an
    /// integer of fewer than 19 digits is always `.integer`, every other number `.decimal`.
    private enum Storage: Sendable, Hashable {
        case integer(Int)
        /// The canonical text: an optional `-`, the integer digits without leading zeros (`0`
        /// when there are none), and `.` with the fraction's digits only when the fraction is
        /// not zero, without zeros at its end.
        case decimal(String)
    }

    private let storage: Storage

    /// The canonical text (`3`, `-2.5`, `9007199254740993`, `0.000001`).
    public var description: String {
        switch storage {
        case .integer(let value): return String(value)
        case .decimal(let text): return text
        }
    }

    /// Why a text is not a number Refuge can keep.
    public enum Refusal: Error, Sendable, Equatable {
        /// Not a decimal number: digits with an optional `.` and an optional leading `-`.
        case notANumber
        /// More digits than `Limits.numberDigits`: it cannot be kept exactly.
        case tooManyDigits
    }

    /// Integers of up to 18 digits: every sum or difference of two of them fits an `Int`.
    private static let smallLimit: UInt = 1_000_000_000_000_000_000

    private init(canonical: String) {
        let digits = canonical.utf8.count - (canonical.utf8.first == UInt8(ascii: "-") ? 1 : 0)
        if digits <= 18, !canonical.utf8.contains(UInt8(ascii: ".")), let value = Int(canonical) {
            storage = .integer(value)
        } else {
            storage = .decimal(canonical)
        }
    }

    public init(_ integer: Int) {
        storage = integer.magnitude < Self.smallLimit ? .integer(integer) : .decimal(String(integer))
    }

    public init(integerLiteral value: Int) { self.init(value) }

    /// The number `text` stands for, or nil when it is none or out of range (see `parse`).
    public init?(_ text: String) {
        guard case .success(let number) = Self.parse(text) else { return nil }
        self = number
    }

    /// Reads ASCII digits with at most one `.` (`12`, `1.50`, `.5`, `5.`) and an optional leading
    /// `-`. Nothing else: no `+`, spaces, exponents, thousands separators or other scripts'
    /// digits (the answer parser turns those into this form first).
    public static func parse(_ text: String) -> Result<ExactNumber, Refusal> {
        var utf8 = Substring(text).utf8[...]
        let negative = utf8.first == UInt8(ascii: "-")
        if negative { utf8 = utf8.dropFirst() }
        let point = utf8.firstIndex(of: UInt8(ascii: "."))
        let integer = point.map { utf8[..<$0] } ?? utf8
        let fraction = point.map { utf8[utf8.index(after: $0)...] } ?? utf8[utf8.endIndex...]
        guard !(integer.isEmpty && fraction.isEmpty),
              integer.allSatisfy(isDigit), fraction.allSatisfy(isDigit) else { return .failure(.notANumber) }
        let zero = UInt8(ascii: "0")
        guard let number = canonical(negative: negative, integer: integer.map { $0 - zero }, fraction: fraction.map { $0 - zero }) else {
            return .failure(.tooManyDigits)
        }
        return .success(number)
    }

    // MARK: What a number is

    public var isNegative: Bool {
        switch storage {
        case .integer(let value): return value < 0
        case .decimal(let text): return text.utf8.first == UInt8(ascii: "-")
        }
    }

    /// True when there is no fraction: `3`, `-12`, not `2.5`.
    public var isInteger: Bool {
        switch storage {
        case .integer: return true
        case .decimal(let text): return !text.utf8.contains(UInt8(ascii: "."))
        }
    }

    /// The integer itself when it is one that fits an `Int`; nil otherwise.
    public var integerValue: Int? {
        switch storage {
        case .integer(let value): return value
        case .decimal(let text): return isInteger ? Int(text) : nil
        }
    }

    /// The largest integer not above this one (`2.7` → `2`, `-2.5` → `-3`).
    public func roundedDown() -> ExactNumber {
        if case .integer = storage { return self }
        let parts = self.parts
        guard !parts.fraction.isEmpty else { return self }
        let whole = ExactNumber.canonical(negative: parts.negative, integer: parts.integer, fraction: [])!
        return parts.negative ? (whole - 1) ?? whole : whole
    }

    // MARK: Arithmetic

    public static prefix func - (number: ExactNumber) -> ExactNumber {
        switch number.storage {
        case .integer(let value): return ExactNumber(-value)
        case .decimal(let text):
            return ExactNumber(canonical: text.utf8.first == UInt8(ascii: "-") ? String(text.dropFirst()) : "-" + text)
        }
    }

    /// The exact sum, or nil when it needs more digits than the range allows.
    public static func + (a: ExactNumber, b: ExactNumber) -> ExactNumber? {
        if case .integer(let x) = a.storage, case .integer(let y) = b.storage { return ExactNumber(x + y) }
        return sum(a.parts, b.parts)
    }

    /// The exact difference, or nil when it needs more digits than the range allows.
    public static func - (a: ExactNumber, b: ExactNumber) -> ExactNumber? {
        if case .integer(let x) = a.storage, case .integer(let y) = b.storage { return ExactNumber(x - y) }
        var right = b.parts
        right.negative.toggle()
        return sum(a.parts, right)
    }

    public static func < (a: ExactNumber, b: ExactNumber) -> Bool {
        if case .integer(let x) = a.storage, case .integer(let y) = b.storage { return x < y }
        let (left, right) = (a.description, b.description)
        let (leftNegative, rightNegative) = (left.utf8.first == UInt8(ascii: "-"), right.utf8.first == UInt8(ascii: "-"))
        if leftNegative != rightNegative { return leftNegative }
        let order = magnitudeOrder(left.utf8.dropFirst(leftNegative ? 1 : 0), right.utf8.dropFirst(rightNegative ? 1 : 0))
        return leftNegative ? order > 0 : order < 0
    }

    // MARK: Digits

    /// A number taken apart: its sign and its integer and fraction digits (values 0...9).
    private struct Parts {
        var negative: Bool
        var integer: [UInt8]
        var fraction: [UInt8]
    }

    private var parts: Parts {
        let text = description
        var utf8 = text.utf8[...]
        let negative = utf8.first == UInt8(ascii: "-")
        if negative { utf8 = utf8.dropFirst() }
        let point = utf8.firstIndex(of: UInt8(ascii: "."))
        let integer = point.map { utf8[..<$0] } ?? utf8
        let fraction = point.map { utf8[utf8.index(after: $0)...] } ?? utf8[utf8.endIndex...]
        return Parts(negative: negative, integer: integer.map { $0 - UInt8(ascii: "0") },
                     fraction: fraction.map { $0 - UInt8(ascii: "0") })
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    /// The number with these digits (values 0...9) in canonical form, or nil when it has more
    /// digits than the range allows. A zero is never negative.
    private static func canonical(negative: Bool, integer: [UInt8], fraction: [UInt8]) -> ExactNumber? {
        let integer = integer.drop { $0 == 0 }
        var fraction = fraction[...]
        while fraction.last == 0 { fraction.removeLast() }
        guard integer.count + fraction.count <= Limits.numberDigits else { return nil }
        if integer.isEmpty && fraction.isEmpty { return ExactNumber(canonical: "0") }
        // Built as ASCII bytes: appending Characters through the generic `append(contentsOf:)`
        // cost run-time type look-ups at the first number of every start.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(integer.count + fraction.count + 3)
        if negative { bytes.append(UInt8(ascii: "-")) }
        if integer.isEmpty { bytes.append(UInt8(ascii: "0")) } else { for digit in integer { bytes.append(digit + UInt8(ascii: "0")) } }
        if !fraction.isEmpty {
            bytes.append(UInt8(ascii: "."))
            for digit in fraction { bytes.append(digit + UInt8(ascii: "0")) }
        }
        return ExactNumber(canonical: String(decoding: bytes, as: UTF8.self))
    }

    /// Both magnitudes as digit strings of one length, lined up at the point.
    private static func aligned(_ a: Parts, _ b: Parts) -> (a: [UInt8], b: [UInt8], scale: Int) {
        let scale = max(a.fraction.count, b.fraction.count)
        let whole = max(a.integer.count, b.integer.count)
        func padded(_ p: Parts) -> [UInt8] {
            Array(repeating: 0, count: whole - p.integer.count) + p.integer
                + p.fraction + Array(repeating: 0, count: scale - p.fraction.count)
        }
        return (padded(a), padded(b), scale)
    }

    /// -1, 0 or 1 as the canonical magnitude `a` is below, equal to or above `b`. The longer
    /// integer part is the larger; with integer parts of one length the texts compare byte by
    /// byte, because `.` sorts before every digit and a canonical fraction ends in a non-zero
    /// digit (`12` < `12.05` < `12.5`).
    private static func magnitudeOrder(_ a: Substring.UTF8View, _ b: Substring.UTF8View) -> Int {
        let point = UInt8(ascii: ".")
        let (aWhole, bWhole) = (a.prefix { $0 != point }.count, b.prefix { $0 != point }.count)
        if aWhole != bWhole { return aWhole < bWhole ? -1 : 1 }
        if a.elementsEqual(b) { return 0 }
        return a.lexicographicallyPrecedes(b) ? -1 : 1
    }

    private static func sum(_ a: Parts, _ b: Parts) -> ExactNumber? {
        let (x, y, scale) = aligned(a, b)
        var digits: [UInt8]
        let negative: Bool
        if a.negative == b.negative {
            digits = Array(repeating: 0, count: x.count + 1)
            var carry: UInt8 = 0
            for i in stride(from: x.count - 1, through: 0, by: -1) {
                let d = x[i] + y[i] + carry
                digits[i + 1] = d % 10
                carry = d / 10
            }
            digits[0] = carry
            negative = a.negative
        } else {
            // The smaller magnitude from the larger; the sign is the larger one's.
            let aIsLarger = x.lexicographicallyPrecedes(y) == false
            let (large, small) = aIsLarger ? (x, y) : (y, x)
            digits = Array(repeating: 0, count: large.count)
            var borrow: UInt8 = 0
            for i in stride(from: large.count - 1, through: 0, by: -1) {
                let subtrahend = small[i] + borrow
                if large[i] >= subtrahend {
                    digits[i] = large[i] - subtrahend
                    borrow = 0
                } else {
                    digits[i] = large[i] + 10 - subtrahend
                    borrow = 1
                }
            }
            negative = aIsLarger ? a.negative : b.negative
        }
        let split = digits.count - scale
        return canonical(negative: negative, integer: Array(digits[..<split]), fraction: Array(digits[split...]))
    }
}
