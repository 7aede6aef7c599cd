// A helper process for the terminal's end-to-end key test: runs the real terminal backend
// (curses reading keys, Refuge's sequences bound) and writes each event it decodes, one per
// line, to the file it is given. Ctrl-D ends it. It shows nothing but a ready mark, and reads no
// session: it is a test instrument, not part of the installed program.
//
// usage: refuge-key-probe EVENTS_FILE
//
// With REFUGE_PROBE_FRAMES=N it first measures drawing: N frames that differ in one line drawn
// through curses, then the frame comparison alone, and writes the medians to the file (the
// figures in Terminal.draw's comment come from a release build of this).
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import RefugeCanvas
import RefugeTerminal

func complain(_ text: String) {
    var line = text + "\n"
    line.withUTF8 { _ = write(STDERR_FILENO, $0.baseAddress, $0.count) }
}

/// Draws frames that differ in one line, and compares such frames without drawing.
func measureDrawing(frames: Int, on terminal: Terminal, width: Int, height: Int, into events: UnsafeMutablePointer<FILE>) {
    var full = CellGrid(width: width, height: height)
    for row in 0..<height { full.put(String(repeating: "Жx", count: width / 2), row: row, column: 0) }
    let clock = ContinuousClock()
    var drawing: [Duration] = []
    var comparing: [Duration] = []
    for frame in 0..<frames {
        var next = full
        next.put("frame \(frame)", row: 3, column: 0)
        drawing.append(clock.measure { terminal.draw(next) })
        comparing.append(clock.measure { _ = GridDiff.changes(from: full, to: next) })
    }
    fputs("draw \(drawing.sorted()[frames / 2]) compare \(comparing.sorted()[frames / 2])\n", events)
}

let arguments = CommandLine.arguments
guard arguments.count == 2, let events = fopen(arguments[1], "w") else {
    complain("usage: refuge-key-probe EVENTS_FILE")
    exit(2)
}
let terminal: Terminal
do {
    terminal = try Terminal.start()
} catch {
    complain("\(error)")
    exit(1)
}
let (width, height) = terminal.size()
var grid = CellGrid(width: width, height: height)
grid.put("ready", row: 0, column: 0)
terminal.draw(grid)
if let count = getenv("REFUGE_PROBE_FRAMES").flatMap({ Int(String(cString: $0)) }), count > 0 {
    measureDrawing(frames: count, on: terminal, width: width, height: height, into: events)
}
while true {
    guard let event = terminal.readKey() else { continue }
    if event == .ctrl("d") || event == .inputClosed { break }
    if case .signal = event { break }
    fputs("\(event)\n", events)
    fflush(events)
}
terminal.restore()
fclose(events)
