#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import RefugeBasics
import RefugeExpressions

/// One cache entry: a compiled questionnaire with what it was compiled from, so that it is
/// used only for exactly those source files, by exactly the program that wrote it.
///
/// Bytes: the magic `REFUGE-QC\n`; then (as `CompiledWriter` writes them) the entry format
/// (`CompiledQuestionnaire.formatVersion`), the program that wrote it (release and commit),
/// the source path, the content hash of the source files, what `stat` said of each source file
/// when the entry was written (`SourceFileStatus`: a count, then name, device, inode, size,
/// mtime and ctime in seconds and nanoseconds; no records when any file was too recent to be
/// trusted) and the model; last, the XXH64 of everything before it (8 bytes, little-endian).
/// Any difference, damage or cut gives nil, never a wrong questionnaire.
///
/// An entry is used for source files that were read and hashed when their content hash is the
/// one it records, or, without reading them, when it records their status and `stat` says
/// exactly that of them now (the same names, every field equal).
///
/// XXH64 (`RefugeBasics.XXH64`), not SHA-256 or CRC-32 as before: the checksum only has to show
/// that the bytes are the ones this program wrote (a cut, a flipped bit on a disk), not resist
/// someone forging them: whoever can write to the private cache folder can change the program as
/// well, and what the entry is for is decided by the source files' SHA-256 in it. A 64-bit hash
/// misses random damage once in 2^64 times. CRC-32 took a fifth of the time of SHA-256 over
/// credible-fear's 270 KB entry; XXH64 takes about a quarter of CRC-32's (20 against 70 µs).
public enum CompiledEntry {
    static let magic = Array("REFUGE-QC\n".utf8)

    /// The entry's bytes for a questionnaire loaded without errors; `sourceStatus`: what `stat`
    /// said of its files before they were read, when it can be trusted (see
    /// `SourceFileStatus.trusted`), else none.
    public static func bytes(of questionnaire: Questionnaire, program: String, sourceStatus: [SourceFileStatus] = []) -> [UInt8] {
        // One buffer, sized for the source files (an entry is a little smaller than they are).
        var writer = CompiledWriter(capacity: questionnaire.sourceFiles.reduce(4096) { $0 + $1.bytes.count })
        writer.append(magic)
        writer.count(CompiledQuestionnaire.formatVersion)
        writer.string(program)
        writer.string(questionnaire.sourcePath)
        writer.string(questionnaire.contentHash)
        writer.count(sourceStatus.count)
        for file in sourceStatus {
            writer.string(file.name)
            writer.int(Int(truncatingIfNeeded: file.device))
            writer.int(Int(truncatingIfNeeded: file.inode))
            writer.int(file.size)
            for time in [file.modified, file.changed] {
                writer.int(time.seconds)
                writer.int(time.nanoseconds)
            }
        }
        CompiledQuestionnaire.write(questionnaire, to: &writer)
        writer.append(digest: littleEndianBytes(writer.bytes.withUnsafeBytes { checksum($0) }))
        return writer.bytes
    }

    /// The questionnaire in `bytes` when the entry is whole and was written by `program` for these
    /// source files (`contentHash` of `sourceFiles`, read from `sourcePath`); nil otherwise.
    public static func questionnaire(from bytes: [UInt8], program: String, sourcePath: String, contentHash: String,
                                     sourceFiles: [SourceFile]) -> Questionnaire? {
        bytes.withUnsafeBytes { questionnaire(from: $0, program: program, sourcePath: sourcePath, sourceFiles: sourceFiles) { header in
            header.contentHash == contentHash
        } }
    }

    /// The same, from an entry read into `Data` (read in place, not copied).
    public static func questionnaire(from data: Data, program: String, sourcePath: String, contentHash: String,
                                     sourceFiles: [SourceFile]) -> Questionnaire? {
        data.withUnsafeBytes { questionnaire(from: $0, program: program, sourcePath: sourcePath, sourceFiles: sourceFiles) { header in
            header.contentHash == contentHash
        } }
    }

    /// The questionnaire in `bytes` when the entry is whole, was written by `program` for
    /// `sourcePath`, and records exactly `sourceStatus` for its files (never when it records
    /// none): the files were not read, so the questionnaire comes without them (`sourceFiles`
    /// empty), with the content hash the entry records, the one they had when it was written.
    public static func questionnaire(from bytes: [UInt8], program: String, sourcePath: String,
                                     unchanged sourceStatus: [SourceFileStatus]) -> Questionnaire? {
        guard !sourceStatus.isEmpty else { return nil }
        return bytes.withUnsafeBytes { questionnaire(from: $0, program: program, sourcePath: sourcePath, sourceFiles: []) { header in
            header.sourceStatus == sourceStatus
        } }
    }

    /// What an entry says it was written for, before its model.
    public struct Header: Equatable, Sendable {
        public var formatVersion: Int
        public var program: String
        public var sourcePath: String
        public var contentHash: String
        /// Empty when any file was too recent to be trusted.
        public var sourceStatus: [SourceFileStatus]
    }

    /// An entry's header in this format, nil for bytes that are not one (its checksum is not
    /// checked: for deciding whether to write it again, never for using it).
    public static func header(of bytes: [UInt8]) -> Header? {
        bytes.withUnsafeBytes { raw in
            guard raw.starts(with: magic) else { return nil }
            var reader = CompiledReader(raw, from: magic.count, to: max(magic.count, raw.count - digestLength))
            return try? header(&reader)
        }
    }

    private static func header(_ reader: inout CompiledReader) throws(CompiledFormError) -> Header? {
        let format = try reader.count()
        guard format == CompiledQuestionnaire.formatVersion else { return nil }
        let program = try reader.string()
        let sourcePath = try reader.string()
        let contentHash = try reader.string()
        let count = try reader.count()
        var status: [SourceFileStatus] = []
        status.reserveCapacity(count)
        for _ in 0..<count {
            let name = try reader.string()
            let device = UInt64(truncatingIfNeeded: try reader.int())
            let inode = UInt64(truncatingIfNeeded: try reader.int())
            let size = try reader.int()
            let modified = FileTime(seconds: try reader.int(), nanoseconds: try reader.int())
            let changed = FileTime(seconds: try reader.int(), nanoseconds: try reader.int())
            status.append(SourceFileStatus(name: name, device: device, inode: inode, size: size, modified: modified, changed: changed))
        }
        return Header(formatVersion: format, program: program, sourcePath: sourcePath, contentHash: contentHash, sourceStatus: status)
    }

    static func questionnaire(from bytes: UnsafeRawBufferPointer, program: String, sourcePath: String, sourceFiles: [SourceFile],
                              fits: (Header) -> Bool) -> Questionnaire? {
        guard bytes.count > magic.count + digestLength, bytes.starts(with: magic) else { return nil }
        let bodyEnd = bytes.count - digestLength
        var reader = CompiledReader(bytes, from: magic.count, to: bodyEnd)
        do {
            guard let header = try header(&reader), header.program == program, header.sourcePath == sourcePath, fits(header) else {
                return nil
            }
            // The checksum last but before building anything: a flipped byte anywhere refuses the
            // entry, even one the reader would have taken as something else.
            guard littleEndianBytes(checksum(UnsafeRawBufferPointer(rebasing: bytes[..<bodyEnd]))).elementsEqual(bytes[bodyEnd...]) else {
                return nil
            }
            // The bytes are as written, from this program's own strings: valid UTF-8.
            reader.validUTF8 = true
            return try CompiledQuestionnaire.questionnaire(continuing: reader, contentHash: header.contentHash,
                                                           sourcePath: sourcePath, sourceFiles: sourceFiles)
        } catch {
            return nil
        }
    }

    /// The checksum's length at the end of an entry.
    static let digestLength = 8

    /// The entry's checksum: the XXH64 of the bytes before it.
    static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        XXH64.hash(bytes)
    }

    static func littleEndianBytes(_ value: UInt64) -> [UInt8] {
        (0..<8).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
    }
}

extension LoadResult {
    /// A questionnaire read from a compiled entry: it had no errors when it was compiled, and a
    /// compiled entry keeps no warnings.
    public init(compiled questionnaire: Questionnaire) {
        self.init(questionnaire: questionnaire, diagnostics: [])
    }
}
