import Foundation

/// The size of the program as built and as installed without symbols (`strip` on a copy).
enum BinarySize {
    static func measure(_ path: String, scratch: Scratch) -> (unstripped: Int, stripped: Int?)? {
        guard let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size]) as? Int else { return nil }
        let folder = scratch.folder("strip")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let copy = folder.appendingPathComponent("refuge")
        try? FileManager.default.removeItem(at: copy)
        guard (try? FileManager.default.copyItem(atPath: path, toPath: copy.path)) != nil else { return (size, nil) }
        let strip = Process()
        strip.executableURL = URL(fileURLWithPath: "/usr/bin/strip")
        strip.arguments = [copy.path]
        guard (try? strip.run()) != nil else { return (size, nil) }
        strip.waitUntilExit()
        guard strip.terminationStatus == 0,
              let stripped = (try? FileManager.default.attributesOfItem(atPath: copy.path)[.size]) as? Int else { return (size, nil) }
        return (size, stripped)
    }
}
