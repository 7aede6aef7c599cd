import RefugeEngine

/// The engine's own words the renderers need (kept in one place so the renderers need not
/// know the engine).
enum ProgramWordsBridge {
    static func redacted(_ language: String) -> String { ProgramWords.text(.redacted, language) }
}
