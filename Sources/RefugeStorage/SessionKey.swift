import Crypto
import CryptoExtras
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The key of one protected file, derived once from the passphrase when the file is created or
/// opened, then kept (by the open `StoredFile`) for every save: deriving costs a tenth of a second
/// and 32 MiB, too much for every keystroke.
///
/// scrypt yields 64 bytes: the first 32 are the AES-256-GCM key; the last 32 only serve to tell a
/// wrong passphrase from a damaged file. Their SHA-256 is stored in the file as `check`: when it
/// matches, the passphrase is right and any cipher failure means the file was altered.
public struct SessionKey: Sendable, CustomStringConvertible {
    public let parameters: ScryptParameters
    let salt: Data
    let encryptionKey: SymmetricKey
    let check: Data

    static let saltByteCount = 16

    /// Derives a key for a new file, with a fresh random salt.
    public static func derive(from passphrase: Passphrase, parameters: ScryptParameters = .standard) throws -> SessionKey {
        var generator = SystemRandomNumberGenerator()
        let salt = Data((0..<saltByteCount).map { _ in UInt8.random(in: 0...255, using: &generator) })
        return try derive(from: passphrase, salt: salt, parameters: parameters)
    }

    /// Derives the key recorded in an existing file (its salt and parameters).
    static func derive(from passphrase: Passphrase, salt: Data, parameters: ScryptParameters) throws -> SessionKey {
        let derived: SymmetricKey
        do {
            derived = try KDF.Scrypt.deriveKey(
                from: passphrase.bytes, salt: salt, outputByteCount: 64,
                rounds: parameters.n, blockSize: parameters.r, parallelism: parameters.p,
                maxMemory: parameters.memoryLimit)
        } catch {
            throw StorageError.keyDerivationFailed(String(describing: error))
        }
        let bytes = derived.withUnsafeBytes { Data($0) }
        return SessionKey(
            parameters: parameters, salt: salt,
            encryptionKey: SymmetricKey(data: bytes.prefix(32)),
            check: Data(SHA256.hash(data: bytes.suffix(32))))
    }

    /// Whether this key was derived with the given salt and parameters (and so can be reused
    /// rather than derived again).
    func matches(salt: Data, parameters: ScryptParameters) -> Bool {
        self.salt == salt && self.parameters == parameters
    }

    /// Encrypts `body`, binding `header` to it: the header stays readable, but altering it makes
    /// the file fail to open. A fresh random nonce every time. Returns nonce, ciphertext and tag.
    func seal(_ body: Data, header: Data) throws -> Data {
        do {
            let box = try AES.GCM.seal(body, using: encryptionKey, nonce: AES.GCM.Nonce(), authenticating: header)
            guard let combined = box.combined else { throw StorageError.encryptionFailed("no output") }
            return combined
        } catch let error as StorageError {
            throw error
        } catch {
            throw StorageError.encryptionFailed(String(describing: error))
        }
    }

    /// Decrypts what `seal` produced, or nil when it was altered or cut short.
    func open(_ sealed: Data, header: Data) -> Data? {
        guard let box = try? AES.GCM.SealedBox(combined: sealed) else { return nil }
        return try? AES.GCM.open(box, using: encryptionKey, authenticating: header)
    }

    public var description: String { "SessionKey(scrypt N=\(parameters.n), r=\(parameters.r), p=\(parameters.p))" }
}

extension SessionKey: CustomReflectable {
    // `dump` must not print the key's bytes either.
    public var customMirror: Mirror { Mirror(self, children: ["parameters": parameters]) }
}
