import Foundation

/// Numbers are exact decimals as typed. A number is kept as the binary floating-point value
/// whose shortest decimal form is exactly the decimal typed; one that has no such value (more
/// than about 15 significant digits, such as 9007199254740993, or beyond ±1.8e308) is refused
/// rather than silently changed. So every integer up to 9,007,199,254,740,992 in size, and every
/// decimal of up to 15 significant digits, is kept exactly; integers stay integers.
///
/// Arithmetic is done on the decimals themselves, so `0.1 + 0.2 == 0.3` holds, and the result
/// is again the value of its exact decimal (or *nothing* when it has none).
public enum ExactNumber {
    /// The value of the decimal `text` (ASCII digits, one optional `.`, an optional leading
    /// `-`), or nil when it cannot be kept exactly.
    public static func value(of text: String) -> Double? {
        guard let number = Double(text), number.isFinite, let typed = Decimal(string: text, locale: posix),
              decimal(number) == typed else { return nil }
        return number
    }

    /// `a + b` (or `a - b`) on the exact decimals; nil when the result cannot be kept exactly.
    static func combine(_ a: Double, _ b: Double, subtracting: Bool) -> Double? {
        var left = decimal(a)
        var right = decimal(b)
        var result = Decimal()
        let status = subtracting ? NSDecimalSubtract(&result, &left, &right, .plain) : NSDecimalAdd(&result, &left, &right, .plain)
        guard status == .noError else { return nil }
        // Double parsing from text is correctly rounded; the result is then checked like a typed number.
        return value(of: plainText(result))
    }

    /// The decimal a binary value stands for: its shortest form (what it prints as).
    static func decimal(_ number: Double) -> Decimal {
        Decimal(string: "\(number)", locale: posix) ?? Decimal(number)
    }

    /// A decimal as plain digits (`1234.5`), never with an exponent.
    private static func plainText(_ value: Decimal) -> String {
        var copy = value
        return NSDecimalString(&copy, posix)
    }

    private static let posix = Locale(identifier: "en_US_POSIX")
}
