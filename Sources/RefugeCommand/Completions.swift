import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import RefugeQuestionnaire
import RefugeSession

/// What the shell completion scripts offer beyond options: ArgumentParser's scripts call
/// `refuge ---completion ...` for arguments declared with these, and print what comes back.
/// Only readable headers and questionnaires are read: never a passphrase, never an answer.
enum Completions {
    /// Session ids, and labels that are one word (a shell splits completions at spaces).
    static let sessions = CompletionKind.custom { @Sendable _, _, prefix in
        let headers = SessionAccess().store.list().compactMap(\.header)
        let words = headers.map(\.id) + headers.map(\.label).filter { !$0.isEmpty && !$0.contains(where: \.isWhitespace) }
        return unique(words).filter { $0.hasPrefix(prefix) }
    }

    /// The ids of the questionnaires installed and in the user's folder.
    static let questionnaires = CompletionKind.custom { @Sendable _, _, prefix in
        unique(Places.current().catalog.all().compactMap { $0.result.questionnaire?.id }).filter { $0.hasPrefix(prefix) }
    }

    /// The question ids of the session named earlier on the line (`refuge answer SESSION ▮`):
    /// its questions, and for a repeat's fields `repeat[1].field`.
    static let questions = CompletionKind.custom { @Sendable words, index, prefix in
        guard let selector = sessionWord(words, before: index),
              let q = questionnaire(ofSession: selector) else { return [] }
        var ids: [String] = []
        for item in q.allItems where item.type.isAsked {
            if let repeatID = item.repeatID { ids.append("\(repeatID)[1].\(item.id)") } else { ids.append(item.id) }
        }
        return ids.filter { $0.hasPrefix(prefix) }
    }

    /// The languages of the questionnaire named with --questionnaire (else of every installed one).
    static let languages = CompletionKind.custom { @Sendable words, _, prefix in
        let catalog = Places.current().catalog
        if let i = words.firstIndex(of: "--questionnaire"), i + 1 < words.count, let q = catalog.find(words[i + 1])?.result.questionnaire {
            return q.languages.filter { $0.hasPrefix(prefix) }
        }
        return unique(catalog.all().compactMap { $0.result.questionnaire }.flatMap(\.languages)).filter { $0.hasPrefix(prefix) }
    }

    /// The first word after the subcommand that is not an option: the SESSION argument.
    static func sessionWord(_ words: [String], before index: Int) -> String? {
        var i = 1
        // words[0] is the program; then the subcommand.
        while i < min(index, words.count), words[i].hasPrefix("-") { i += 1 }
        i += 1
        var skipValue = false
        while i < min(index, words.count) {
            let w = words[i]
            if skipValue { skipValue = false } else if w.hasPrefix("--") {
                skipValue = ["--passphrase-file", "--note", "--translation", "--other-text"].contains(w)
            } else if !w.hasPrefix("-") { return w }
            i += 1
        }
        return nil
    }

    static func questionnaire(ofSession selector: String) -> Questionnaire? {
        let access = SessionAccess()
        guard let url = try? access.store.resolve(selector),
              let header = access.store.list().first(where: { $0.url == url })?.header else { return nil }
        return access.places.catalog.find(header.questionnaire.id)?.result.questionnaire
    }

    private static func unique(_ words: [String]) -> [String] {
        var seen = Set<String>()
        return words.filter { seen.insert($0).inserted }
    }
}
