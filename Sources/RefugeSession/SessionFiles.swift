#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import RefugeEngine
import RefugeJSON
import RefugeQuestionnaire
import RefugeStorage
import RefugeVersion

/// The JSON forms of a session on disk: the readable header (enough for `refuge list` and
/// label lookup without the passphrase) and the body (everything, encrypted when protected).
enum SessionCoding {
    static func decoder() -> JSONDecoder {
        let d = JSONDecoder()
        d.dateDecodingStrategy = .iso8601
        return d
    }

    /// Reads a readable header: the hand-written reader first, and what it leaves (anything
    /// the writer does not write) the `Decodable` form decides, as it always did.
    static func decodeHeader(_ data: Data) throws -> SessionHeader {
        if let header = try? SessionReader.header(data) { return header }
        return try decoder().decode(SessionHeader.self, from: data)
    }

    /// The readable header, as `SessionHeader` reads it.
    static func header(_ s: Session) -> Data {
        var json = JSONWriter.session()
        json.header(s)
        return Data(json.bytes)
    }
    /// The whole body at once (an open session keeps a `SessionBodyEncoder` to write only what
    /// changed); `SessionBody` reads it.
    static func body(_ s: Session) throws -> Data {
        try SessionBodyEncoder().encode(s)
    }
}

extension Session {
    /// The session as its file's body holds it, `{"format":1,"session":{...}}`, written by the
    /// one session writer: for benchmarks and tests that look at the format (saving goes
    /// through `OpenSession`, which writes only what changed).
    public func fileBody() throws -> Data { try SessionCoding.body(self) }
}

/// What `refuge list` shows without opening a session, as it is read from the readable header;
/// `SessionCoding.header(_:)` writes it.
public struct SessionHeader: Decodable, Sendable, Equatable {
    public var id: String
    public var label: String
    public var questionnaire: Questionnaire
    public var language: String
    public var interviewerLanguage: String
    public var created: Date
    public var updated: Date
    public var progress: Progress
    /// The Refuge that created the session and the one that last saved it
    /// (`RefugeVersion.full`); nil in files written before sessions recorded them.
    public var createdWith: String?
    public var savedWith: String?

    public struct Questionnaire: Decodable, Sendable, Equatable {
        public var id: String
        public var version: String
    }

    init(id: String, label: String, questionnaire: Questionnaire, language: String, interviewerLanguage: String,
         created: Date, updated: Date, progress: Progress, createdWith: String?, savedWith: String?) {
        self.id = id; self.label = label; self.questionnaire = questionnaire
        self.language = language; self.interviewerLanguage = interviewerLanguage
        self.created = created; self.updated = updated; self.progress = progress
        self.createdWith = createdWith; self.savedWith = savedWith
    }

    init(session s: Session) {
        id = s.id; label = s.label
        questionnaire = Questionnaire(id: s.questionnaire.id, version: s.questionnaire.version)
        language = s.language; interviewerLanguage = s.interviewerLanguage
        created = s.created; updated = s.updated; progress = s.progress
        createdWith = s.createdWith
        savedWith = RefugeVersion.full
    }

    enum CodingKeys: String, CodingKey {
        case id, label, questionnaire, language, interviewerLanguage = "interviewer_language", created, updated, progress
        case createdWith = "created_with", savedWith = "saved_with"
    }
}

/// The body, `{"format": 1, "session": {...}}` (so a later version can migrate older files), as
/// it is read; `SessionBodyEncoder` writes it.
struct SessionBody: Decodable {
    var format: Int
    var session: Session

    private enum CodingKeys: String, CodingKey { case format, session }

    /// A body of a later format than this program reads (the session is not decoded).
    struct NewerFormat: Error { let format: Int }
    /// Bytes that are not a body at all (no object with a format number).
    struct NotABody: Error {}

    /// Reads `format` first, so a newer file is told apart from a damaged one in the same pass
    /// that reads the session (JSONDecoder parses the whole document on every decode, so a
    /// separate look at the format cost as much as reading the session).
    init(from decoder: any Decoder) throws {
        guard let c = try? decoder.container(keyedBy: CodingKeys.self),
              let format = try? c.decode(Int.self, forKey: .format) else { throw NotABody() }
        if format > 1 { throw NewerFormat(format: format) }
        self.format = format
        session = try c.decode(Session.self, forKey: .session)
    }
}

/// The copy of the questionnaire a session keeps (written once, when the session is created):
/// `{"files":[{"contents":"<base64>","path":"..."}],"id":"...","sha256":"..."}`, written by
/// `json()` and read by the `Decodable` form.
struct QuestionnaireCopy: Decodable, Equatable {
    struct File: Decodable, Equatable {
        var path: String
        var contents: String   // base64
    }
    var id: String
    var sha256: String
    var files: [File]

    init(_ q: RefugeQuestionnaire.Questionnaire) {
        id = q.id
        sha256 = q.contentHash
        files = q.sourceFiles.map { File(path: $0.relativePath, contents: Data($0.bytes).base64EncodedString()) }
    }

    /// The copy's file, compact, members in name order.
    func json() -> Data {
        var out = JSONWriter.session(capacity: files.reduce(256) { $0 + $1.contents.utf8.count + $1.path.utf8.count + 32 })
        out.object { o in
            o.key("files")
            o.array { list in
                for file in files {
                    list.object { f in
                        f.key("contents"); f.string(file.contents)
                        f.key("path"); f.string(file.path)
                    }
                }
            }
            o.key("id"); o.string(id)
            o.key("sha256"); o.string(sha256)
        }
        return Data(out.bytes)
    }

    var sourceFiles: [SourceFile] {
        files.compactMap { f in Data(base64Encoded: f.contents).map { SourceFile(relativePath: f.path, bytes: Array($0)) } }
    }
}
