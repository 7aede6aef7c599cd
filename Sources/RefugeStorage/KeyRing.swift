#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The keys a load may need: normally one, derived once; a second only when the backup was made
/// with another salt than the main file (a file re-created over an old backup).
struct KeyRing {
    let passphrase: Passphrase?
    let path: String
    private(set) var keys: [SessionKey]

    init(passphrase: Passphrase?, path: String, known: SessionKey? = nil) {
        self.passphrase = passphrase
        self.path = path
        keys = known.map { [$0] } ?? []
    }

    /// The key a file's encryption record calls for, derived only if not derived before.
    mutating func key(for record: StoredFileFormat.EncryptionRecord) throws -> SessionKey {
        if let known = keys.first(where: { $0.matches(salt: record.salt, parameters: record.parameters) }) {
            return known
        }
        guard let passphrase else { throw StorageError.passphraseRequired(path: path) }
        let key = try SessionKey.derive(from: passphrase, salt: record.salt, parameters: record.parameters)
        keys.append(key)
        return key
    }
}
