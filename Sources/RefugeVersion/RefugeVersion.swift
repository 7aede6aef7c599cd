/// Which Refuge this is: the release and the commit it was built from. The one place that says
/// so: `refuge --version`, `--help`, reports and session files all take it from here.
///
/// The commit is written into `BuildCommit.swift` at build time by the `BuildCommit` plugin
/// (`packaging/build-commit.sh`: `git rev-parse`, or the commit a `git archive` tarball
/// carries in `packaging/commit`); nothing runs git while the program runs.
public enum RefugeVersion {
    /// The release, as `MAJOR.MINOR.PATCH`. Raise it when a release is cut (the Debian
    /// package and `--version` take it from here).
    public static let release = "0.9.0"

    /// The commit the program was built from (12 hex digits), nil when the build had neither a
    /// git checkout nor a tarball made by `git archive`.
    public static let commit: String? = BuildCommit.hash

    /// Whether the checkout had uncommitted changes to tracked files when it was built.
    public static let hasLocalChanges: Bool = BuildCommit.dirty

    /// The release and where it came from, in one line, e.g. `0.9.0 (commit 3f2a1b9c0d1e)`,
    /// `0.9.0 (commit 3f2a1b9c0d1e with local changes)` or `0.9.0 (commit unknown: built
    /// without git)`.
    public static var full: String {
        guard let commit else { return "\(release) (commit unknown: built without git)" }
        return "\(release) (commit \(commit)\(hasLocalChanges ? " with local changes" : ""))"
    }
}
