#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import RefugeLimits

/// Reads one questionnaire file for the loader: a FIFO, device or folder is refused without
/// blocking and a file over `Limits.questionnaireFileBytes` without being read, so a broken or
/// hostile file in the user's folder never hangs or exhausts `refuge`, `refuge new` or
/// `refuge questionnaires`: it is listed as not valid, with the reason.
enum QuestionnaireFile {
    /// The bytes as the loader and the model keep them (`[UInt8]`), read straight into their array.
    static func read(_ path: String) -> Result<[UInt8], Diagnostic> {
        switch BoundedFile.readBytes(path, limit: Limits.questionnaireFileBytes, followingLinks: true) {
        case .success(let bytes):
            return .success(bytes)
        case .failure(let refusal):
            let message: String
            switch refusal {
            case .notARegularFile: message = "this is not a regular file (a FIFO, a device or a folder), so it is not read"
            case .tooLarge: message = "this file is larger than \(Limits.questionnaireFileBytes / (1024 * 1024)) MB, the most a questionnaire file may be"
            case .system(_, let code) where code == ENOENT: message = "there is no file here"
            case .system: message = "this file cannot be read (check its permissions)"
            }
            return .failure(Diagnostic(.error, at: SourceLocation(file: path, line: 1, column: 1), message))
        }
    }
}
