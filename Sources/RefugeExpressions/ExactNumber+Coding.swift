import RefugeLimits

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

// A number in JSON is a JSON number with the canonical digits (`9007199254740993`, `0.3`).
// It is read through `Decimal`, never `Double`: the JSON decoder parses a number's digits
// straight into a `Decimal`, exactly for every number of up to 38 digits, so every number in
// range reads back digit for digit. A number out of range (say, typed into the file by hand)
// is refused as a decoding error, not rounded.
extension ExactNumber: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let decimal = try container.decode(Decimal.self)
        guard decimal.isFinite, case .success(let number) = ExactNumber.parse(decimal.description) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "a number with more than \(Limits.numberDigits) digits")
        }
        self = number
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        // Always succeeds: the canonical digits are a decimal `Decimal` holds exactly.
        try container.encode(Decimal(string: description) ?? 0)
    }
}
