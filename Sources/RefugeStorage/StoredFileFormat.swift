import Crypto
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import RefugeBasics

/// The bytes of a stored file, format 1. One JSON object on one line, members in this order:
///
/// Unprotected:
///
///     {"format":1,"header":{...},"body":<any JSON>,"sha256":"<hex>"}
///
/// `sha256` is the SHA-256 of: the header's byte count as 8 bytes big-endian, the header's bytes,
/// the body's bytes (each exactly as they appear in the file). It tells a damaged file from a good
/// one; it is no protection against someone who edits the file on purpose.
///
/// Protected:
///
///     {"format":1,"header":{...},
///      "encryption":{"kdf":"scrypt","n":32768,"r":8,"p":1,"salt":"<base64>","check":"<base64>",
///                    "cipher":"AES-256-GCM"},
///      "ciphertext":"<base64>"}
///
/// (on one line). `salt` is 16 random bytes chosen when the file is created; `check` is the SHA-256
/// of the last 32 of the 64 bytes scrypt derives (see `SessionKey`); `ciphertext` is the 12-byte
/// nonce, the encrypted body and the 16-byte tag. The header's exact bytes are the cipher's
/// additional authenticated data, so the header stays readable without the passphrase but cannot
/// be altered unnoticed.
///
/// The header is always a JSON object given by the caller (and returned to it byte for byte,
/// leading and trailing whitespace removed); the body is the caller's JSON.
enum StoredFileFormat {
    static let version = 1
    static let cipherName = "AES-256-GCM"
    static let kdfName = "scrypt"

    /// What a file holds once its layout has been checked, before any checksum or cipher.
    struct Envelope: Sendable {
        let header: Data
        let payload: Payload
    }

    enum Payload: Sendable {
        case plain(body: Data, checksum: String)
        case sealed(EncryptionRecord, ciphertext: Data)
    }

    struct EncryptionRecord: Equatable, Sendable {
        let parameters: ScryptParameters
        let salt: Data
        let check: Data
    }

    // MARK: Writing

    /// Checks that the header is a JSON object, and returns it without surrounding whitespace.
    static func normalizedHeader(_ header: Data) throws -> Data {
        let trimmed = trimmingWhitespace(header)
        guard let parsed = JSONSyntax.kind(of: trimmed) else { throw StorageError.invalidHeader("not JSON") }
        guard parsed == .object else { throw StorageError.invalidHeader("JSON, but not an object") }
        return trimmed
    }

    /// Checks that the body is JSON, and returns it without surrounding whitespace.
    static func normalizedBody(_ body: Data) throws -> Data {
        let trimmed = trimmingWhitespace(body)
        guard JSONSyntax.kind(of: trimmed) != nil else {
            throw StorageError.invalidBody("not JSON")
        }
        return trimmed
    }

    /// The bytes of a file holding `header` and `body` (already normalised), sealed with `key`
    /// when there is one.
    static func encode(header: Data, body: Data, key: SessionKey?) throws -> Data {
        var file = Data("{\"format\":\(version),\"header\":".utf8)
        file.append(header)
        if let key {
            let sealed = try key.seal(body, header: header)
            let parameters = key.parameters
            file.append(contentsOf: Data((
                ",\"encryption\":{\"kdf\":\"\(kdfName)\",\"n\":\(parameters.n),\"r\":\(parameters.r),\"p\":\(parameters.p),"
                + "\"salt\":\"\(key.salt.base64EncodedString())\",\"check\":\"\(key.check.base64EncodedString())\","
                + "\"cipher\":\"\(cipherName)\"},\"ciphertext\":\"\(sealed.base64EncodedString())\"}\n").utf8))
        } else {
            file.append(contentsOf: Data(",\"body\":".utf8))
            file.append(body)
            file.append(contentsOf: Data(",\"sha256\":\"\(checksum(header: header, body: body))\"}\n".utf8))
        }
        return file
    }

    static func checksum(header: Data, body: Data) -> String {
        var hasher = SHA256()
        var length = UInt64(header.count).bigEndian
        withUnsafeBytes(of: &length) { hasher.update(bufferPointer: $0) }
        hasher.update(data: header)
        hasher.update(data: body)
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(64)
        // Through its bytes, not its iterator: iterating a digest looks up generic types at run time.
        hasher.finalize().withUnsafeBytes { digest in
            for byte in digest {
                hex.append(digits[Int(byte >> 4)])
                hex.append(digits[Int(byte & 0x0F)])
            }
        }
        return String(decoding: hex, as: UTF8.self)
    }

    // MARK: Reading

    /// Checks the layout of a file's bytes; says what is wrong when it is not a format-1 file.
    static func decode(_ data: Data) -> Result<Envelope, DamageReason> {
        if data.isEmpty { return .failure(.empty) }
        let members: TopLevelJSONMembers
        do {
            members = try TopLevelJSONMembers(data)
        } catch {
            switch error {
            case .truncated: return .failure(.truncatedOrNotJSON("it ends too early"))
            case .unexpected(let what): return .failure(.truncatedOrNotJSON("found \(what)"))
            }
        }
        func range(_ name: String) -> Range<Data.Index>? {
            members.ranges[name].map { (data.startIndex + $0.lowerBound)..<(data.startIndex + $0.upperBound) }
        }
        /// A copy of the member's bytes, indexed from zero.
        func member(_ name: String) -> Data? {
            range(name).map { Data(data[$0]) }
        }
        func decoded<Value: Decodable>(_ name: String, as type: Value.Type) -> Value? {
            member(name).flatMap { try? JSONDecoder().decode(Value.self, from: $0) }
        }
        // The forms the writer writes are read here; any other goes to `JSONDecoder`, which
        // decides as it always did (and costs more on the way to the first screen).
        func integer(_ name: String) -> Int? {
            guard let range = range(name) else { return nil }
            if let value = plainInteger(data[range]) { return value }
            return decoded(name, as: Int.self)
        }
        func string(_ name: String) -> String? {
            guard let range = range(name) else { return nil }
            if let value = plainString(data[range]) { return value }
            return decoded(name, as: String.self)
        }

        guard let format = integer("format") else { return .failure(.malformed("no format number")) }
        guard format == version else { return .failure(.unsupportedFormat(format)) }
        guard let header = member("header"), header.first == UInt8(ascii: "{") else {
            return .failure(.malformed("no header object"))
        }

        if members.ranges["encryption"] != nil {
            guard let record = decoded("encryption", as: EncryptionFields.self) else {
                return .failure(.malformed("the encryption record is incomplete"))
            }
            guard record.kdf == kdfName, record.cipher == cipherName else {
                return .failure(.malformed("unknown key derivation or cipher"))
            }
            guard let parameters = ScryptParameters(n: record.n, r: record.r, p: record.p) else {
                return .failure(.malformed("key derivation parameters out of bounds"))
            }
            guard let salt = Data(base64Encoded: record.salt), salt.count >= SessionKey.saltByteCount,
                  let check = Data(base64Encoded: record.check), check.count == 32 else {
                return .failure(.malformed("the salt or check value is invalid"))
            }
            guard let text = decoded("ciphertext", as: String.self) else {
                return .failure(.malformed("no ciphertext"))
            }
            // Cut-short base64 is as much a damaged ciphertext as cut-short bytes.
            guard let ciphertext = Data(base64Encoded: text) else { return .failure(.authenticationFailed) }
            let encryption = EncryptionRecord(parameters: parameters, salt: salt, check: check)
            return .success(Envelope(header: header, payload: .sealed(encryption, ciphertext: ciphertext)))
        }

        // The body is most of the file: a slice of it, not a copy.
        guard let body = range("body").map({ data[$0] }) else { return .failure(.malformed("no body")) }
        guard let checksum = string("sha256") else { return .failure(.malformed("no checksum")) }
        return .success(Envelope(header: header, payload: .plain(body: body, checksum: checksum)))
    }

    /// Digits with no sign, fraction, exponent or leading zero, that fit: what JSON and
    /// `JSONDecoder` read as that `Int`; nil for anything else. (Through the raw bytes: Data's
    /// own collection methods would bring more of Foundation's code into memory at start-up.)
    private static func plainInteger(_ data: Data) -> Int? {
        data.withUnsafeBytes { bytes -> Int? in
            guard let first = bytes.first, bytes.count <= 18, first != UInt8(ascii: "0") || bytes.count == 1 else { return nil }
            var value = 0
            for byte in bytes {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
    }

    /// A quoted string of printable ASCII without escapes: its text; nil for anything else.
    private static func plainString(_ data: Data) -> String? {
        data.withUnsafeBytes { bytes -> String? in
            guard bytes.count >= 2, bytes[0] == UInt8(ascii: "\""), bytes[bytes.count - 1] == UInt8(ascii: "\"") else { return nil }
            let inner = UnsafeRawBufferPointer(rebasing: bytes[1..<(bytes.count - 1)])
            for byte in inner where byte < 0x20 || byte > 0x7E || byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "\"") {
                return nil
            }
            return String(decoding: inner, as: UTF8.self)
        }
    }

    private struct EncryptionFields: Decodable {
        let kdf: String
        let n: Int
        let r: Int
        let p: Int
        let salt: String
        let check: String
        let cipher: String
    }

    private static func trimmingWhitespace(_ data: Data) -> Data {
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        guard let first = data.firstIndex(where: { !isSpace($0) }),
              let last = data.lastIndex(where: { !isSpace($0) }) else { return Data() }
        return Data(data[first...last])
    }
}
