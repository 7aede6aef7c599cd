#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import RefugeBasics

/// How fine a date is: a whole year, a month, or a single day.
public enum DatePrecision: String, Sendable, Hashable, Codable, CaseIterable {
    case year, month, day
}

/// A date as a person remembers it: a year, a month of a year, or a day, possibly marked
/// approximate ("around September 2022"). As a value it stands for the span of days it covers.
public struct PartialDate: Sendable, Hashable {
    public let year: Int
    /// 1-12, or nil for a year-only date.
    public let month: Int?
    /// Day of the month, or nil; never set without `month`.
    public let day: Int?
    /// Marked by the person as uncertain ("~"). It is shown and kept, but does not change
    /// comparisons.
    public var approximate: Bool

    /// Callers pass a real date (see `isValid(year:month:day:)`); input from people goes
    /// through `init?(iso:)` or `parseTyped(_:)`. A day without a month is dropped.
    public init(year: Int, month: Int? = nil, day: Int? = nil, approximate: Bool = false) {
        self.year = year
        self.month = month
        self.day = month == nil ? nil : day
        self.approximate = approximate
    }

    /// True when the parts name a real calendar date (month 1-12, a day that month has).
    public static func isValid(year: Int, month: Int?, day: Int?) -> Bool {
        guard (1...9999).contains(year) else { return false }
        guard let month else { return day == nil }
        guard (1...12).contains(month) else { return false }
        guard let day else { return true }
        return CivilCalendar.isValid(year: year, month: month, day: day)
    }

    public var precision: DatePrecision {
        day != nil ? .day : (month != nil ? .month : .year)
    }

    /// The first day of the span, as a day number (days since 1970-01-01).
    public var firstDay: Int {
        CivilCalendar.dayNumber(year: year, month: clampedMonth ?? 1, day: clampedDay ?? 1)
    }

    /// The last day of the span, as a day number (days since 1970-01-01).
    public var lastDay: Int {
        let month = clampedMonth ?? 12
        return CivilCalendar.dayNumber(
            year: year, month: month,
            day: clampedDay ?? CivilCalendar.daysInMonth(month, of: year))
    }

    /// The single day of a day-precision date; nil for a wider span.
    public var singleDay: Int? { day == nil ? nil : firstDay }

    // Clamped so that a date built unchecked by code never traps in arithmetic.
    private var clampedMonth: Int? { month.map { min(max($0, 1), 12) } }
    private var clampedDay: Int? {
        guard let day, let month = clampedMonth else { return nil }
        return min(max(day, 1), CivilCalendar.daysInMonth(month, of: year))
    }
}

// MARK: - ISO text

extension PartialDate {
    /// Reads `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, optionally preceded by `~` (approximate).
    /// Exactly these forms: this is the stored and exchanged form, not what people type.
    public init?(iso: String) {
        guard let date = Self.plainISO(iso) ?? Self.byCharacters(iso) else { return nil }
        self = date
    }

    /// The stored forms read by characters: every form `plainISO` leaves, and the reference its
    /// byte-by-byte reading is tested against (`PartialDateISOTests`).
    static func byCharacters(_ iso: String) -> PartialDate? {
        var text = Substring(iso)
        var approximate = false
        if text.first == "~" {
            approximate = true
            text = text.dropFirst()
        }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count) else { return nil }
        let widths = [4, 2, 2]
        var numbers: [Int] = []
        for (index, part) in parts.enumerated() {
            guard part.count == widths[index], part.allSatisfy({ $0.isASCII && $0.isNumber }),
                  let number = Int(part) else { return nil }
            numbers.append(number)
        }
        let month = numbers.count > 1 ? numbers[1] : nil
        let day = numbers.count > 2 ? numbers[2] : nil
        guard PartialDate.isValid(year: numbers[0], month: month, day: day) else { return nil }
        return PartialDate(year: numbers[0], month: month, day: day, approximate: approximate)
    }

    /// `init?(iso:)` for text of ASCII bytes in exactly one of its forms that names a real date,
    /// read byte by byte; nil for anything else, which the general reading then decides. (That
    /// one works on characters and asks Unicode whether each is a number: a twentieth of
    /// opening a session with fifty dates, `perf`.) ASCII bytes are each one character, and an
    /// ASCII digit is a number, so both readings agree wherever this one answers.
    private static func plainISO(_ iso: String) -> PartialDate? {
        var utf8 = iso.utf8[...]
        let approximate = utf8.first == UInt8(ascii: "~")
        if approximate { utf8 = utf8.dropFirst() }
        guard [4, 7, 10].contains(utf8.count) else { return nil }
        var numbers: [Int] = []
        var value = 0
        var width = 0
        for byte in utf8 {
            if byte == UInt8(ascii: "-") {
                guard width == (numbers.isEmpty ? 4 : 2) else { return nil }
                numbers.append(value)
                value = 0
                width = 0
            } else {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
                width += 1
            }
        }
        guard width == (numbers.isEmpty ? 4 : 2) else { return nil }
        numbers.append(value)
        let month = numbers.count > 1 ? numbers[1] : nil
        let day = numbers.count > 2 ? numbers[2] : nil
        guard isValid(year: numbers[0], month: month, day: day) else { return nil }
        return PartialDate(year: numbers[0], month: month, day: day, approximate: approximate)
    }

    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, with a leading `~` when approximate: the form shown
    /// in every language.
    public var isoString: String {
        approximate ? "~" + isoDateString : isoDateString
    }

    /// The date alone, without the approximate mark (the `date` field of the JSON form).
    public var isoDateString: String {
        var text = PartialDate.padded(year, width: 4)
        if let month {
            text += "-" + PartialDate.padded(month, width: 2)
            if let day { text += "-" + PartialDate.padded(day, width: 2) }
        }
        return text
    }

    private static func padded(_ number: Int, width: Int) -> String {
        let digits = String(number)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}

extension PartialDate: CustomStringConvertible {
    public var description: String { isoString }
}

// MARK: - Codable: {"date": "2022-09", "approximate": false}

extension PartialDate: Codable {
    private enum CodingKeys: String, CodingKey { case date, approximate }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let text = try container.decode(String.self, forKey: .date)
        let approximate = try container.decodeIfPresent(Bool.self, forKey: .approximate) ?? false
        // The message never repeats the value: answers must not reach logs.
        guard let parsed = PartialDate(iso: text) else {
            throw DecodingError.dataCorruptedError(
                forKey: .date, in: container,
                debugDescription: "a date must be written YYYY, YYYY-MM or YYYY-MM-DD")
        }
        self.init(year: parsed.year, month: parsed.month, day: parsed.day,
                  approximate: approximate || parsed.approximate)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(isoDateString, forKey: .date)
        try container.encode(approximate, forKey: .approximate)
    }
}

// MARK: - Today

extension PartialDate {
    /// The calendar day of `date` in `timeZone` (Gregorian), e.g. to start a session; without
    /// one, where this machine is (the C library's local time: TZ, else /etc/localtime).
    public static func today(from date: Date, timeZone: TimeZone? = nil) -> PartialDate {
        guard let timeZone else {
            let local = LocalTime.day(date)
            return PartialDate(year: local.year, month: local.month, day: local.day)
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return PartialDate(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1)
    }
}
