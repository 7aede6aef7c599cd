#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A moment's date and time of day in UTC, by the proleptic Gregorian calendar: what Refuge
/// used DateFormatter for (file names, dates in words), without ICU's calendars.
public struct UTCTime: Sendable, Equatable {
    public var year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int

    public init(_ date: Date) {
        let seconds = Int((date.timeIntervalSince1970).rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : -((-seconds + 86_399) / 86_400)
        let rest = seconds - days * 86_400
        (year, month, day) = Self.civil(fromDays: days)
        hour = rest / 3600
        minute = (rest % 3600) / 60
        second = rest % 60
    }

    /// The date of a day counted from 1970-01-01 (Howard Hinnant's days-to-civil algorithm).
    public static func civil(fromDays z0: Int) -> (year: Int, month: Int, day: Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// `yyyyMMdd'T'HHmmss'Z'`.
    public var compactStamp: String {
        NumberText.zeroPadded(year, width: 4) + NumberText.zeroPadded(month, width: 2) + NumberText.zeroPadded(day, width: 2)
            + "T" + NumberText.zeroPadded(hour, width: 2) + NumberText.zeroPadded(minute, width: 2)
            + NumberText.zeroPadded(second, width: 2) + "Z"
    }

    /// ISO 8601 to the second, `yyyy-MM-dd'T'HH:mm:ss'Z'` (ISO8601DateFormatter's internet date-time).
    public var iso8601: String {
        dayText + "T" + NumberText.zeroPadded(hour, width: 2) + ":" + NumberText.zeroPadded(minute, width: 2) + ":"
            + NumberText.zeroPadded(second, width: 2) + "Z"
    }

    /// `yyyy-MM-dd`.
    public var dayText: String {
        NumberText.zeroPadded(year, width: 4) + "-" + NumberText.zeroPadded(month, width: 2) + "-" + NumberText.zeroPadded(day, width: 2)
    }
}

/// A moment in the machine's own time zone (the C library's `localtime_r`, which reads TZ and
/// /etc/localtime), for what people read: `yyyy-MM-dd HH:mm`, as DateFormatter wrote it.
public enum LocalTime {
    /// The calendar day of `date` where this machine is (TZ, else /etc/localtime).
    /// FoundationEssentials' `TimeZone.current` is always GMT, hence the C library.
    public static func day(_ date: Date) -> (year: Int, month: Int, day: Int) {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        guard localtime_r(&seconds, &parts) != nil else {
            let utc = UTCTime(date)
            return (utc.year, utc.month, utc.day)
        }
        return (Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday))
    }

    public static func minuteText(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        guard localtime_r(&seconds, &parts) != nil else { return UTCTime(date).dayText }
        return NumberText.zeroPadded(Int(parts.tm_year) + 1900, width: 4) + "-" + NumberText.zeroPadded(Int(parts.tm_mon) + 1, width: 2)
            + "-" + NumberText.zeroPadded(Int(parts.tm_mday), width: 2) + " " + NumberText.zeroPadded(Int(parts.tm_hour), width: 2)
            + ":" + NumberText.zeroPadded(Int(parts.tm_min), width: 2)
    }
}
