import ArgumentParser
import Foundation
import RefugeSession

struct DeleteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete",
        abstract: "Remove a session and its backups, after confirmation.")

    @Argument(help: "The session: id, path, exact label or unique id prefix.", completion: Completions.sessions)
    var session: String
    @Flag(help: "Do not ask for confirmation.")
    var yes = false

    func run() throws {
        let access = SessionAccess()
        let url = try access.store.resolve(session)
        let listing = access.store.list().first { $0.url == url }
        let name = listing?.header.map { $0.label.isEmpty ? $0.id : "\($0.label) (\($0.id))" } ?? url.lastPathComponent
        if !yes {
            guard let answer = Confirmation.ask(TerminalSafe.line("Delete the session \(name) and its backups? This cannot be undone. Type yes to delete: ")) else {
                throw ValidationError("No terminal to confirm on; add --yes to delete without asking.")
            }
            guard answer.lowercased() == "yes" || answer.lowercased() == "y" else {
                print("Nothing was deleted.")
                return
            }
        }
        try access.store.delete(url)
        print(TerminalSafe.line("Deleted \(name)."))
    }
}

enum Confirmation {
    /// Asks a question on the terminal (not standard input, which scripts may use).
    static func ask(_ prompt: String) -> String? {
        guard let tty = FileHandle(forUpdatingAtPath: "/dev/tty") else { return nil }
        tty.write(Data(prompt.utf8))
        var bytes: [UInt8] = []
        while let chunk = try? tty.read(upToCount: 1), let byte = chunk.first, byte != 10 { bytes.append(byte) }
        return String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespaces)
    }
}
