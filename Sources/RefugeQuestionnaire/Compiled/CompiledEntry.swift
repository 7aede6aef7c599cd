#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Crypto
import RefugeExpressions

/// One cache entry: a compiled questionnaire with what it was compiled from, so that it is
/// used only for exactly those source files, by exactly the program that wrote it.
///
/// Bytes: the magic `REFUGE-QC\n`; then (as `CompiledWriter` writes them) the entry format
/// (`CompiledQuestionnaire.formatVersion`), the program that wrote it (release and commit),
/// the source path, the content hash of the source files and the model;
/// last, the SHA-256 of everything before it (32 bytes). Any difference, damage or cut gives
/// nil, never a wrong questionnaire.
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
        let digest = SHA256.hash(data: writer.bytes)
        writer.append(digest: digest)
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
        let digestLength = SHA256.byteCount
        guard bytes.count > magic.count + digestLength, bytes.starts(with: magic) else { return nil }
        let bodyEnd = bytes.count - digestLength
        var reader = CompiledReader(bytes, from: magic.count, to: bodyEnd)
        do {
            guard try reader.count() == CompiledQuestionnaire.formatVersion,
                  try reader.string() == program,
                  try reader.string() == sourcePath,
                  try reader.string() == contentHash else { return nil }
            let start = reader.offset
            // The checksum last but before building anything: a flipped byte anywhere refuses the
            // entry, even one the reader would have taken as something else.
            let digest = SHA256.hash(data: UnsafeRawBufferPointer(rebasing: bytes[..<bodyEnd]))
            guard digest.elementsEqual(bytes[bodyEnd...]) else { return nil }
            return try CompiledQuestionnaire.questionnaire(from: bytes, start: start, end: bodyEnd, contentHash: contentHash,
                                                           sourcePath: sourcePath, sourceFiles: sourceFiles)
        } catch {
            return nil
        }
    }
}

extension LoadResult {
    /// A questionnaire read from a compiled entry: it had no errors when it was compiled, and a
    /// compiled entry keeps no warnings.
    public init(compiled questionnaire: Questionnaire) {
        self.init(questionnaire: questionnaire, diagnostics: [])
    }
}
