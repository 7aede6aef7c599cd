#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import CRefugeZlib
import RefugeExpressions

/// One cache entry: a compiled questionnaire with what it was compiled from, so that it is
/// used only for exactly those source files, by exactly the program that wrote it.
///
/// Bytes: the magic `REFUGE-QC\n`; then (as `CompiledWriter` writes them) the entry format
/// (`CompiledQuestionnaire.formatVersion`), the program that wrote it (release and commit),
/// the source path, the content hash of the source files and the model;
/// last, the CRC-32 of everything before it (4 bytes, little-endian). Any difference, damage or
/// cut gives nil, never a wrong questionnaire.
///
/// CRC-32 (zlib's), not SHA-256 as before: the checksum only has to show that the bytes are
/// the ones this program wrote (a cut, a flipped bit on a disk), not resist someone forging
/// them: whoever can write to the private cache folder can change the program as well, and
/// what the entry is for is decided by the source files' SHA-256 in it. CRC-32 finds every
/// change of up to 32 bits in a row for sure and misses other damage once in four billion
/// times; it took a fifth of the time of SHA-256 over credible-fear's 300 KB entry.
public enum CompiledEntry {
    static let magic = Array("REFUGE-QC\n".utf8)

    /// The entry's bytes for a questionnaire loaded without errors.
    public static func bytes(of questionnaire: Questionnaire, program: String) -> [UInt8] {
        // One buffer, sized for the source files (an entry is a little smaller than they are).
        var writer = CompiledWriter(capacity: questionnaire.sourceFiles.reduce(4096) { $0 + $1.bytes.count })
        writer.append(magic)
        writer.count(CompiledQuestionnaire.formatVersion)
        writer.string(program)
        writer.string(questionnaire.sourcePath)
        writer.string(questionnaire.contentHash)
        CompiledQuestionnaire.write(questionnaire, to: &writer)
        writer.append(digest: littleEndianBytes(writer.bytes.withUnsafeBytes { checksum($0) }))
        return writer.bytes
    }

    /// The questionnaire in `bytes` when the entry is whole and was written by `program` for these
    /// source files (`contentHash` of `sourceFiles`, read from `sourcePath`); nil otherwise.
    public static func questionnaire(from bytes: [UInt8], program: String, sourcePath: String, contentHash: String,
                                     sourceFiles: [SourceFile]) -> Questionnaire? {
        bytes.withUnsafeBytes { questionnaire(from: $0, program: program, sourcePath: sourcePath, contentHash: contentHash, sourceFiles: sourceFiles) }
    }

    /// The same, from an entry read into `Data` (read in place, not copied).
    public static func questionnaire(from data: Data, program: String, sourcePath: String, contentHash: String,
                                     sourceFiles: [SourceFile]) -> Questionnaire? {
        data.withUnsafeBytes { questionnaire(from: $0, program: program, sourcePath: sourcePath, contentHash: contentHash, sourceFiles: sourceFiles) }
    }

    static func questionnaire(from bytes: UnsafeRawBufferPointer, program: String, sourcePath: String, contentHash: String,
                              sourceFiles: [SourceFile]) -> Questionnaire? {
        let digestLength = 4
        guard bytes.count > magic.count + digestLength, bytes.starts(with: magic) else { return nil }
        let bodyEnd = bytes.count - digestLength
        var reader = CompiledReader(bytes, from: magic.count, to: bodyEnd)
        do {
            guard try reader.count() == CompiledQuestionnaire.formatVersion,
                  try reader.string() == program,
                  try reader.string() == sourcePath,
                  try reader.string() == contentHash else { return nil }
            // The checksum last but before building anything: a flipped byte anywhere refuses the
            // entry, even one the reader would have taken as something else.
            guard littleEndianBytes(checksum(UnsafeRawBufferPointer(rebasing: bytes[..<bodyEnd]))).elementsEqual(bytes[bodyEnd...]) else {
                return nil
            }
            // The bytes are as written, from this program's own strings: valid UTF-8.
            reader.validUTF8 = true
            return try CompiledQuestionnaire.questionnaire(continuing: reader, contentHash: contentHash,
                                                           sourcePath: sourcePath, sourceFiles: sourceFiles)
        } catch {
            return nil
        }
    }

    /// zlib's CRC-32 of the bytes (an entry is far below the 4 GB zlib takes at once: its
    /// source files are limited to a few megabytes).
    static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        UInt32(crc32(0, bytes.baseAddress?.assumingMemoryBound(to: Bytef.self), uInt(bytes.count)))
    }

    static func littleEndianBytes(_ value: UInt32) -> [UInt8] {
        [UInt8(truncatingIfNeeded: value), UInt8(truncatingIfNeeded: value >> 8),
         UInt8(truncatingIfNeeded: value >> 16), UInt8(truncatingIfNeeded: value >> 24)]
    }
}

extension LoadResult {
    /// A questionnaire read from a compiled entry: it had no errors when it was compiled, and a
    /// compiled entry keeps no warnings.
    public init(compiled questionnaire: Questionnaire) {
        self.init(questionnaire: questionnaire, diagnostics: [])
    }
}
