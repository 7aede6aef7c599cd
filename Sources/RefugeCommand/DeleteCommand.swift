import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import RefugeBasics
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
        let fd = open("/dev/tty", O_RDWR | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        StandardStream(descriptor: fd).write(prompt)
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while true {
            let n = read(fd, &byte, 1)
            if n < 0 && errno == EINTR { continue }
            guard n == 1, byte != 10 else { break }
            bytes.append(byte)
        }
        return String(decoding: bytes, as: UTF8.self).trimmingSpaces
    }
}
