import Foundation
import PackagePlugin

/// Writes `BuildCommit.swift` (the commit being built) before every build of the target that
/// uses it. The script rewrites the file only when the commit changes, so an unchanged commit
/// costs no recompilation.
@main
struct BuildCommit: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let output = context.pluginWorkDirectoryURL.appending(path: "generated")
        let script = context.package.directoryURL.appending(path: "packaging/build-commit.sh")
        return [.prebuildCommand(
            displayName: "Recording the commit being built",
            executable: URL(fileURLWithPath: "/bin/sh"),
            arguments: [script.path, context.package.directoryURL.path, output.appending(path: "BuildCommit.swift").path],
            outputFilesDirectory: output)]
    }
}
