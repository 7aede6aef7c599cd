import RefugeBasics
// Proleptic Gregorian calendar arithmetic on plain integers.
// Date spans are compared as day numbers, so this has to be exact, fast and free of
// Foundation's time zones; the algorithms are the well-known "days from civil" pair.

public enum CivilCalendar {
    static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// Days in `month` (1-12) of `year`.
    static func daysInMonth(_ month: Int, of year: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public static func isValid(year: Int, month: Int, day: Int) -> Bool {
        (1...12).contains(month) && day >= 1 && day <= daysInMonth(month, of: year)
    }

    /// Days since 1970-01-01 (negative before it).
    public static func dayNumber(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let shiftedMonth = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The inverse of `dayNumber`.
    public static func civilDate(dayNumber: Int) -> (year: Int, month: Int, day: Int) {
        UTCTime.civil(fromDays: dayNumber)
    }

    /// Whole years from day `from` to day `to` as birthdays count them (negative when `to`
    /// is earlier). Someone born on 29 February gains a year on 1 March in common years.
    /// Non-decreasing in `to` and non-increasing in `from`, which span comparisons rely on.
    static func wholeYears(from: Int, to: Int) -> Int {
        if to < from { return -wholeYears(from: to, to: from) }
        let start = civilDate(dayNumber: from)
        let end = civilDate(dayNumber: to)
        var years = end.year - start.year
        if (end.month, end.day) < (start.month, start.day) { years -= 1 }
        return years
    }
}
