// swift-tools-version:6.0
import PackageDescription

// Refuge: an offline, full-screen interview program for credible fear preparation.
// Core modules (expressions, questionnaire, engine, storage, session, report, screen) know
// nothing of curses; only RefugeTerminal talks to the terminal.
let package = Package(
    name: "Refuge",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "refuge", targets: ["refuge"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.0.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        // Which Refuge this is: the release and the commit it was built from (`RefugeVersion.full`).
        .target(name: "RefugeVersion", plugins: ["BuildCommit"]),
        // Writes the commit being built into RefugeVersion before every build (no git at run time).
        .plugin(name: "BuildCommit", capability: .buildTool()),
        // Every bound on what Refuge reads (file sizes, YAML nodes, expression size, regex work),
        // in one place, and a reader of regular files that never follows links or blocks.
        .target(name: "RefugeLimits"),
        // The one JSON writer (escaping, numbers, compact or pretty), shared by the session file and
        // the report's JSON export.
        .target(name: "RefugeJSON"),
        // What Refuge used from full Foundation (trimming, paths, a lock, JSON syntax, UTC dates,
        // numbers as text), on FoundationEssentials and the C library, so no module links ICU.
        .target(name: "RefugeBasics", dependencies: ["CGlibcMalloc"]),
        // The expression language: tokens, syntax tree, type checker, evaluator, partial dates.
        .target(name: "RefugeExpressions", dependencies: ["RefugeLimits", "RefugeBasics"]),
        // The questionnaire model, the YAML loader with source positions, and the validator.
        .target(name: "RefugeQuestionnaire", dependencies: [
            "RefugeExpressions", "RefugeLimits", "RefugeBasics", "CLibYAML",
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // zlib (named apart from ZIPFoundation's CZlib, which the tests and benchmarks also load), the C library RefugeZip deflates and inflates with (Debian: zlib1g-dev).
        .systemLibrary(name: "CRefugeZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // A small ZIP writer (the declaration's DOCX) and reader (XLSForm .xlsx) on zlib, instead
        // of ZIPFoundation, which brings full Foundation (and ICU) into the program.
        .target(name: "RefugeZip", dependencies: ["CRefugeZlib", "RefugeBasics"]),
        // libyaml, the C parser the loader reads YAML events from (Debian: libyaml-dev).
        .systemLibrary(name: "CLibYAML", pkgConfig: "yaml-0.1", providers: [.apt(["libyaml-dev"])]),
        // The interview engine: answers, path, navigation, progress, constraints, checks.
        .target(name: "RefugeEngine", dependencies: ["RefugeQuestionnaire", "RefugeExpressions", "RefugeBasics"]),
        // Durable, private files: atomic replace with backups, advisory locks, encryption.
        .target(name: "RefugeStorage", dependencies: [
            "RefugeLimits", "RefugeBasics", "RefugeJSON",
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "CryptoExtras", package: "swift-crypto"),
        ]),
        // Sessions: the session model, its file format, the sessions folder, and lookups.
        .target(name: "RefugeSession", dependencies: ["RefugeEngine", "RefugeStorage", "RefugeVersion", "RefugeLimits", "RefugeExpressions", "RefugeQuestionnaire", "RefugeJSON", "RefugeBasics"]),
        // Plain mode: the same interview as lines of text, for screen readers and scripts.
        .target(name: "RefugePlain", dependencies: ["RefugeSession", "RefugeEngine", "RefugeQuestionnaire", "RefugeText", "RefugeBasics"]),
        // The report model and its text, Markdown, HTML and JSON renderers.
        .target(name: "RefugeReport", dependencies: ["RefugeSession", "RefugeEngine", "RefugeText", "RefugeVersion", "RefugeExpressions", "RefugeQuestionnaire", "RefugeStorage", "RefugeBasics",
                                                    "RefugeJSON", "RefugeZip"]),
        // Text as a terminal or a printed page shows it: display widths (Unicode 15.1 tables from
        // scripts/unicode-width-tables.py), line wrapping, removing escape sequences, the Markdown
        // subset of questionnaire texts, and text styles. Used by the report, plain mode and the screen.
        .target(name: "RefugeText"),
        // Terminal-independent drawing: the cell grid and its diff, key events, text editing.
        .target(name: "RefugeCanvas", dependencies: ["RefugeText"]),
        // The interview program as a pure function of state: update(state, key) and view(state).
        .target(name: "RefugeScreen", dependencies: ["RefugeCanvas", "RefugeSession", "RefugeEngine", "RefugeExpressions", "RefugeQuestionnaire", "RefugeText", "RefugeBasics"]),
        .systemLibrary(
            name: "CNcursesw",
            providers: [.apt(["libncurses-dev"])]
        ),
        // The thin ncurses backend: copies the grid to the terminal, turns bytes into key events.
        // Linked with ncursesw on Linux; macOS ships it as libncurses (wide characters included).
        .target(name: "RefugeTerminal", dependencies: ["RefugeCanvas", "CNcursesw", "RefugeText"],
                linkerSettings: [.linkedLibrary("ncursesw", .when(platforms: [.linux])),
                                 .linkedLibrary("ncurses", .when(platforms: [.macOS]))]),
        // Generated questionnaires of any size, for property tests and benchmarks.
        .target(name: "RefugeSynthetic"),
        // XLSForm import: the survey, choices and settings sheets of an .xlsx or of CSV files,
        // turned into a questionnaire folder (YAML written here, expressions translated).
        .target(name: "RefugeXLSForm", dependencies: [
            "RefugeLimits", "RefugeExpressions", "RefugeBasics", "RefugeZip",
        ]),
        // glibc's mallopt, for the program's one malloc setting (RefugeCommand/MallocTuning.swift).
        .systemLibrary(name: "CGlibcMalloc"),
        // The `refuge` command.
        .executableTarget(name: "refuge", dependencies: [
            "RefugeQuestionnaire", "RefugeEngine", "RefugeSession", "RefugeReport",
            "RefugeScreen", "RefugeTerminal", "RefugePlain", "RefugeVersion", "RefugeXLSForm", "RefugeCanvas", "RefugeStorage",
            "RefugeExpressions",
            "RefugeText", "RefugeBasics", "CGlibcMalloc",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], path: "Sources/RefugeCommand"),
        // A helper process for RefugeStorage's crash and lock tests.
        .executableTarget(name: "refuge-crash-probe", dependencies: ["RefugeStorage"], path: "Sources/RefugeCrashProbe"),
        // Benchmarks of loading, key presses, saves, reports and start-up (./bench.sh; not a test).
        .executableTarget(name: "refuge-benchmarks", dependencies: [
            "RefugeQuestionnaire", "RefugeEngine", "RefugeSession", "RefugeReport", "RefugeScreen", "RefugeCanvas", "RefugeSynthetic",
            "RefugeStorage", "RefugeExpressions",
            // Its reference for loading is Yams parsing the same text.
            .product(name: "Yams", package: "Yams"),
            // XLSForm import of a generated .xlsx, written with ZIPFoundation.
            "RefugeXLSForm", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ], path: "Sources/RefugeBenchmarks"),

        // Fuzzing: the questionnaire loader and the expression parser fed random and mutated input
        // (a bounded loop in the tests; `swift run refuge-fuzz --seconds N` for a long run).
        .target(name: "RefugeFuzz", dependencies: ["RefugeQuestionnaire", "RefugeExpressions", "RefugeSynthetic"]),
        .executableTarget(name: "refuge-fuzz", dependencies: ["RefugeFuzz"], path: "Sources/RefugeFuzzTool"),

        // A helper process for the session crash test (answers saved in a loop, killed at random).
        .executableTarget(name: "refuge-session-probe", dependencies: ["RefugeSession", "RefugeQuestionnaire", "RefugeEngine", "RefugeStorage"],
                          path: "Sources/RefugeSessionProbe"),

        // A helper process for the terminal's end-to-end key test: the real curses input, each
        // decoded event written to a file.
        .executableTarget(name: "refuge-key-probe", dependencies: ["RefugeTerminal", "RefugeCanvas"],
                          path: "Sources/RefugeKeyProbe"),

        .testTarget(name: "RefugeExpressionsTests", dependencies: ["RefugeExpressions", "RefugeSynthetic", "RefugeLimits"]),
        // (Also checks the report's JSON against docs/report.schema.json, with the schema checker it shares.)
        .testTarget(name: "RefugeQuestionnaireTests", dependencies: ["RefugeQuestionnaire", "RefugeSynthetic", "RefugeLimits", "RefugeFuzz",
                                                                   "RefugeReport", "RefugeSession", "RefugeEngine", "RefugeExpressions", "RefugeBasics"], exclude: ["Fixtures"]),
        .testTarget(name: "RefugeEngineTests", dependencies: ["RefugeEngine", "RefugeQuestionnaire", "RefugeSynthetic", "RefugeExpressions"]),
        .testTarget(name: "RefugeStorageTests", dependencies: ["RefugeStorage", "RefugeLimits", "RefugeBasics"]),
        .testTarget(name: "RefugeSessionTests", dependencies: ["RefugeSession", "RefugeSynthetic", "RefugeVersion", "RefugeEngine", "RefugeExpressions", "RefugeQuestionnaire", "RefugeStorage", "RefugeJSON"]),
        .testTarget(name: "RefugePlainTests", dependencies: ["RefugePlain", "RefugeSession", "RefugeEngine", "RefugeExpressions", "RefugeQuestionnaire"], exclude: ["Replays"]),
        .testTarget(name: "RefugeReportTests", dependencies: ["RefugeReport", "RefugeText", "RefugeEngine", "RefugeExpressions", "RefugeQuestionnaire", "RefugeSession", "RefugeZip",
                                                            .product(name: "ZIPFoundation", package: "ZIPFoundation")], exclude: ["Snapshots"]),
        .testTarget(name: "RefugeTextTests", dependencies: ["RefugeText"]),
        .testTarget(name: "RefugeBasicsTests", dependencies: ["RefugeBasics"]),
        .testTarget(name: "RefugeJSONTests", dependencies: ["RefugeJSON"]),
        .testTarget(name: "RefugeCanvasTests", dependencies: ["RefugeCanvas", "RefugeText"]),
        .testTarget(name: "RefugeXLSFormTests", dependencies: ["RefugeXLSForm", "RefugeQuestionnaire"], exclude: ["Fixtures"]),
        .testTarget(name: "RefugeScreenTests", dependencies: ["RefugeScreen", "RefugePlain", "RefugeCanvas", "RefugeEngine", "RefugeExpressions", "RefugeQuestionnaire", "RefugeSession", "RefugeStorage", "RefugeTerminal"], exclude: ["Goldens", "Fixtures"]),
        .testTarget(name: "RefugeCommandTests", dependencies: []),
        .testTarget(name: "RefugeWalkthroughTests", dependencies: ["RefugeSession", "RefugeReport", "RefugePlain", "RefugeEngine", "RefugeQuestionnaire", "RefugeExpressions"], exclude: ["Replays"]),
    ],
    swiftLanguageModes: [.v6]
)
