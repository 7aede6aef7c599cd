import Foundation
import XCTest

/// Package.swift is honest: every module a target imports is one of its declared dependencies
/// (no import that compiles only because it arrives through another target), and nothing
/// reaches into another package's internal module.
final class PackageManifestTests: XCTestCase {
    /// Modules of the toolchain and the system, which need no declaration.
    private static let platformModules: Set<String> = ["Foundation", "FoundationEssentials", "FoundationXML", "Glibc", "Darwin", "Dispatch",
                                                       "XCTest", "Testing", "Synchronization", "PackagePlugin"]
    /// The modules of the package products Refuge depends on.
    private static let productModules: [String: [String]] = [
        "ArgumentParser": ["ArgumentParser"], "Yams": ["Yams"], "Crypto": ["Crypto"], "CryptoExtras": ["CryptoExtras"],
        "ZIPFoundation": ["ZIPFoundation"],
    ]

    struct Target {
        var name: String
        var folder: String
        var dependencies: Set<String>
    }

    func testEveryImportIsADeclaredDependency() throws {
        let manifest = try String(contentsOf: RefugeBinary.packageRoot.appendingPathComponent("Package.swift"), encoding: .utf8)
        let targets = Self.targets(in: manifest)
        XCTAssertGreaterThan(targets.count, 10, "the manifest was not read")
        for target in targets {
            let folder = RefugeBinary.packageRoot.appendingPathComponent(target.folder)
            var allowed = target.dependencies.union(Self.platformModules)
            for dependency in target.dependencies { allowed.formUnion(Self.productModules[dependency] ?? []) }
            for (file, module) in try Self.imports(under: folder) where !allowed.contains(module) {
                XCTFail("\(target.folder)/\(file) imports \(module), which \(target.name) does not declare in Package.swift")
            }
        }
    }

    /// The targets of the manifest with their folders and the names in their dependency lists.
    static func targets(in manifest: String) -> [Target] {
        var found: [Target] = []
        let kinds = [".target(", ".executableTarget(", ".testTarget(", ".plugin("]
        var rest = Substring(manifest)
        while let start = kinds.compactMap({ rest.range(of: $0) }).min(by: { $0.lowerBound < $1.lowerBound }) {
            let kind = rest[start]
            let body = balanced(rest[start.upperBound...])
            rest = rest[body.endIndex...]
            guard let name = firstQuoted(after: "name:", in: body) else { continue }
            let isTest = kind == ".testTarget("
            let folder = firstQuoted(after: "path:", in: body)
                ?? (kind == ".plugin(" ? "Plugins/\(name)" : (isTest ? "Tests/\(name)" : "Sources/\(name)"))
            var dependencies: Set<String> = []
            if let list = body.range(of: "dependencies: [") {
                let inside = balanced(body[list.upperBound...], open: "[", close: "]")
                dependencies = Set(inside.matches(of: /"([A-Za-z][A-Za-z0-9_-]*)"/).map { String($0.1) })
            }
            found.append(Target(name: name, folder: folder, dependencies: dependencies))
        }
        return found
    }

    /// The text up to the bracket that closes the one just opened before `text`.
    private static func balanced(_ text: Substring, open: Character = "(", close: Character = ")") -> Substring {
        var depth = 1
        var index = text.startIndex
        while index < text.endIndex {
            if text[index] == open { depth += 1 }
            if text[index] == close { depth -= 1; if depth == 0 { break } }
            index = text.index(after: index)
        }
        return text[text.startIndex..<index]
    }

    private static func firstQuoted(after label: String, in text: Substring) -> String? {
        guard let range = text.range(of: label) else { return nil }
        return text[range.upperBound...].firstMatch(of: /"([^"]*)"/).map { String($0.1) }
    }

    /// Every `import` in the Swift files under `folder`, as (file, module).
    static func imports(under folder: URL) throws -> [(String, String)] {
        guard let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { return [] }
        var found: [(String, String)] = []
        for case let file as URL in files where file.pathExtension == "swift" {
            let text = try String(contentsOf: file, encoding: .utf8)
            for line in text.split(separator: "\n") where line.contains("import ") {
                if let match = line.wholeMatch(of: /\s*(?:@testable\s+|@_implementationOnly\s+|(?:internal|public|private|package)\s+)?import\s+(?:struct\s+|class\s+|enum\s+|func\s+)?([A-Za-z_][A-Za-z0-9_]*).*/) {
                    found.append((file.lastPathComponent, String(match.1)))
                }
            }
        }
        return found
    }
}
