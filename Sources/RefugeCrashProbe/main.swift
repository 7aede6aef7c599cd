// A helper process for RefugeStorage's tests; not part of Refuge itself.
//
//   refuge-crash-probe save-loop FILE   saves numbered contents to FILE through the real save
//                                       path, forever, printing each number once its save has
//                                       returned; the test kills it at random moments.
//   refuge-crash-probe hold-lock FILE   opens FILE (so holds its lock), prints "locked" and waits
//                                       to be killed.
import Foundation
import RefugeStorage

/// The contents saved for number `n`: the header and the body both carry it, and the body a
/// long filler made from it, so a file holding pieces of two saves cannot pass for either.
func contents(_ n: Int) -> (header: Data, body: Data) {
    let filler = String(repeating: "\(n)-", count: 400)
    return (Data("{\"n\":\(n)}".utf8), Data("{\"n\":\(n),\"filler\":\"\(filler)\"}".utf8))
}

/// Writes a line straight to standard output (no buffer that a kill could lose).
func report(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("refuge-crash-probe: \(message)\n".utf8))
    exit(1)
}

let arguments = CommandLine.arguments
guard arguments.count == 3 else { fail("usage: refuge-crash-probe save-loop|hold-lock FILE") }
let url = URL(fileURLWithPath: arguments[2])

do {
    switch arguments[1] {
    case "save-loop":
        let file: StoredFile
        var n: Int
        if FileManager.default.fileExists(atPath: url.path) {
            let opened = try StoredFile.open(at: url, passphrase: nil)
            file = opened.file
            let header = try JSONSerialization.jsonObject(with: opened.contents.header) as? [String: Any]
            guard let saved = header?["n"] as? Int else { fail("no number in the header") }
            n = saved
        } else {
            n = 0
            file = try StoredFile.create(at: url, header: contents(0).header, body: contents(0).body, key: nil)
        }
        while true {
            n += 1
            let next = contents(n)
            try file.save(header: next.header, body: next.body)
            report(String(n))
        }
    case "hold-lock":
        let (file, _) = try StoredFile.open(at: url, passphrase: nil)
        report("locked")
        while true { pause() }
        withExtendedLifetime(file) {}
    default:
        fail("unknown mode \(arguments[1])")
    }
} catch {
    fail("\(error)")
}
