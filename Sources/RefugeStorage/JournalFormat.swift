import Crypto
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The bytes of a stored file's journal, `<name>.journal`: the changes saved since the last full
/// save (the snapshot, `<name>`), one record per save, so that a save costs what changed rather
/// than the whole file.
///
/// Every record is framed as
///
///     <payload length: 10 decimal digits> <SHA-256 of the payload: 64 hex digits>\n<payload>\n
///
/// so a record cut short by a kill (or any damaged one) is told apart from a whole one; reading
/// stops at the first record that is not whole, and everything from there on is ignored (it was
/// never reported saved). Payloads are JSON objects on one line:
///
/// - the first record names the snapshot the journal continues, by the SHA-256 of the snapshot
///   file's exact bytes: `{"journal":1,"base":"<hex>"}`. A journal whose base is not the snapshot
///   being read belongs to an older snapshot (a full save absorbed it) and is ignored;
/// - each change, numbered from 1: `{"seq":N,"header":{...},"change":<JSON>}`, or for a protected
///   file `{"seq":N,"header":{...},"ciphertext":"<base64>"}`, the change sealed with the file's key
///   (nonce, ciphertext, tag) and the base, the number and the header as additional authenticated
///   data. The header is the file's readable header as of that change (readers without the
///   passphrase take the last one), the change is the caller's JSON.
enum JournalFormat {
    static let version = 1
    /// `<10 digits> <64 hex>\n`
    static let prefixLength = 76

    /// The SHA-256 of a snapshot file's bytes, in hex: what a journal's base names.
    static func snapshotHash(_ bytes: Data) -> String {
        hex(SHA256.hash(data: bytes))
    }

    // MARK: Writing

    static func frame(_ payload: Data) -> Data {
        var out = Data(capacity: prefixLength + payload.count + 1)
        let length = String(payload.count)
        out.append(contentsOf: Array(repeating: UInt8(ascii: "0"), count: max(0, 10 - length.utf8.count)))
        out.append(contentsOf: length.utf8)
        out.append(UInt8(ascii: " "))
        out.append(contentsOf: hex(SHA256.hash(data: payload)).utf8)
        out.append(UInt8(ascii: "\n"))
        out.append(payload)
        out.append(UInt8(ascii: "\n"))
        return out
    }

    static func baseRecord(_ base: String) -> Data {
        frame(Data("{\"journal\":\(version),\"base\":\"\(base)\"}".utf8))
    }

    /// One change, framed; `header` already normalised, `change` JSON without surrounding space.
    static func changeRecord(sequence: Int, base: String, header: Data, change: Data, key: SessionKey?) throws -> Data {
        var payload = Data("{\"seq\":\(sequence),\"header\":".utf8)
        payload.append(header)
        if let key {
            let sealed = try key.seal(change, header: authenticatedData(base: base, sequence: sequence, header: header))
            payload.append(contentsOf: ",\"ciphertext\":\"\(sealed.base64EncodedString())\"}".utf8)
        } else {
            payload.append(contentsOf: ",\"change\":".utf8)
            payload.append(change)
            payload.append(UInt8(ascii: "}"))
        }
        return frame(payload)
    }

    /// What a protected change is bound to besides its own bytes: the snapshot it continues, its
    /// place in the journal and the header beside it.
    static func authenticatedData(base: String, sequence: Int, header: Data) -> Data {
        var data = Data("\(base)\n\(sequence)\n".utf8)
        data.append(header)
        return data
    }

    // MARK: Reading

    /// One change as read, before it is opened.
    struct Change {
        let sequence: Int
        let header: Data
        let payload: Payload
    }

    enum Payload {
        case plain(Data)
        case sealed(Data)
    }

    /// A journal's whole records: its base and its changes in order. Reading stops at the first
    /// record that is cut short, damaged or out of order. Nil when not even the base record is whole.
    static func read(_ bytes: Data) -> (base: String, changes: [Change])? {
        let all = [UInt8](bytes)
        var position = 0
        guard let first = nextPayload(all, &position),
              let members = try? TopLevelJSONMembers(Array(first)),
              let versionRange = members.ranges["journal"], Int(ascii(first, versionRange)) == version,
              let baseRange = members.ranges["base"] else { return nil }
        let base = unquoted(ascii(first, baseRange))
        var changes: [Change] = []
        while let payload = nextPayload(all, &position) {
            guard let members = try? TopLevelJSONMembers(Array(payload)),
                  let sequenceRange = members.ranges["seq"], let sequence = Int(ascii(payload, sequenceRange)),
                  sequence == changes.count + 1,
                  let headerRange = members.ranges["header"], payload[payload.startIndex + headerRange.lowerBound] == UInt8(ascii: "{")
            else { break }
            let header = Data(payload[(payload.startIndex + headerRange.lowerBound)..<(payload.startIndex + headerRange.upperBound)])
            if let changeRange = members.ranges["change"] {
                let change = Data(payload[(payload.startIndex + changeRange.lowerBound)..<(payload.startIndex + changeRange.upperBound)])
                changes.append(Change(sequence: sequence, header: header, payload: .plain(change)))
            } else if let cipherRange = members.ranges["ciphertext"],
                      let sealed = Data(base64Encoded: unquoted(ascii(payload, cipherRange))) {
                changes.append(Change(sequence: sequence, header: header, payload: .sealed(sealed)))
            } else {
                break
            }
        }
        return (base, changes)
    }

    /// The changes' JSON, opened with `key` for a protected file; stops at the first that does
    /// not open (altered, or sealed with another key).
    static func open(_ changes: [Change], base: String, key: SessionKey?) -> [Data] {
        var opened: [Data] = []
        for change in changes {
            switch change.payload {
            case .plain(let json):
                guard key == nil else { return opened }
                opened.append(json)
            case .sealed(let sealed):
                guard let key, let json = key.open(sealed, header: authenticatedData(base: base, sequence: change.sequence, header: change.header)) else {
                    return opened
                }
                opened.append(json)
            }
        }
        return opened
    }

    /// The payload of the record at `position`, moving past it; nil when none is whole there.
    private static func nextPayload(_ bytes: [UInt8], _ position: inout Int) -> ArraySlice<UInt8>? {
        let start = position
        guard bytes.count - start >= prefixLength, bytes[start + 10] == UInt8(ascii: " "),
              bytes[start + prefixLength - 1] == UInt8(ascii: "\n") else { return nil }
        var length = 0
        for byte in bytes[start..<(start + 10)] {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            length = length * 10 + Int(byte - UInt8(ascii: "0"))
        }
        let payloadStart = start + prefixLength
        guard length <= bytes.count - payloadStart - 1, bytes[payloadStart + length] == UInt8(ascii: "\n") else { return nil }
        let payload = bytes[payloadStart..<(payloadStart + length)]
        let expected = bytes[(start + 11)..<(start + 75)]
        guard Array(hex(SHA256.hash(data: payload)).utf8) == Array(expected) else { return nil }
        position = payloadStart + length + 1
        return payload
    }

    private static func ascii(_ bytes: ArraySlice<UInt8>, _ range: Range<Int>) -> String {
        String(decoding: bytes[(bytes.startIndex + range.lowerBound)..<(bytes.startIndex + range.upperBound)], as: UTF8.self)
    }

    /// A JSON string member holding no escapes (hex, base64), without its quotes.
    private static func unquoted(_ text: String) -> String {
        guard text.count >= 2, text.first == "\"", text.last == "\"" else { return "" }
        return String(text.dropFirst().dropLast())
    }

    private static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
