import Foundation
@testable import RefugeStorage

/// The real file system, with a record of every step taken and the power to make one chosen step
/// (or every step of one kind) fail with a chosen error, as a full disk or a pulled USB stick
/// would.
final class FaultInjectingFileSystem: FileSystem, @unchecked Sendable {
    enum Step: String, Equatable, Sendable {
        case status, read, create, write, syncFile, close, link, rename, remove, syncFolder,
             makeFolder, setPermissions, names
    }

    struct Record: Equatable {
        let step: Step
        let path: String
    }

    private let base = POSIXFileSystem()
    private let mutex = NSLock()
    private var records: [Record] = []
    private let failingIndex: Int?
    private let failingSteps: Set<Step>
    private let code: Int32

    /// Fails the step numbered `failingIndex` (from 0, in the order taken) and every step whose
    /// kind is in `failingSteps`, with `code`.
    init(failingIndex: Int? = nil, failingSteps: Set<Step> = [], code: Int32 = EIO) {
        self.failingIndex = failingIndex
        self.failingSteps = failingSteps
        self.code = code
    }

    var log: [Record] {
        mutex.lock()
        defer { mutex.unlock() }
        return records
    }

    private func take(_ step: Step, _ path: String) throws {
        mutex.lock()
        let index = records.count
        records.append(Record(step: step, path: path))
        mutex.unlock()
        if index == failingIndex || failingSteps.contains(step) {
            throw SystemCallError(operation: step.rawValue, path: path, code: code)
        }
    }

    func status(of path: String) throws -> FileStatus? {
        try take(.status, path)
        return try base.status(of: path)
    }

    func readWholeFile(at path: String) throws -> Data {
        try take(.read, path)
        return try base.readWholeFile(at: path)
    }

    func createNewFile(at path: String, permissions: UInt32) throws -> Int32 {
        try take(.create, path)
        return try base.createNewFile(at: path, permissions: permissions)
    }

    func writeAll(_ data: Data, to descriptor: Int32, path: String) throws {
        try take(.write, path)
        try base.writeAll(data, to: descriptor, path: path)
    }

    func syncFile(_ descriptor: Int32, path: String) throws {
        try take(.syncFile, path)
        try base.syncFile(descriptor, path: path)
    }

    func closeFile(_ descriptor: Int32, path: String) throws {
        do {
            try take(.close, path)
        } catch {
            // A failed close still releases the descriptor, as on Linux.
            try? base.closeFile(descriptor, path: path)
            throw error
        }
        try base.closeFile(descriptor, path: path)
    }

    func linkItem(from source: String, to destination: String) throws {
        try take(.link, destination)
        try base.linkItem(from: source, to: destination)
    }

    func renameItem(from source: String, to destination: String) throws {
        try take(.rename, destination)
        try base.renameItem(from: source, to: destination)
    }

    func removeItem(at path: String) throws {
        try take(.remove, path)
        try base.removeItem(at: path)
    }

    func syncFolder(at path: String) throws {
        try take(.syncFolder, path)
        try base.syncFolder(at: path)
    }

    func makeFolder(at path: String, permissions: UInt32) throws {
        try take(.makeFolder, path)
        try base.makeFolder(at: path, permissions: permissions)
    }

    func setPermissions(_ permissions: UInt32, at path: String) throws {
        try take(.setPermissions, path)
        try base.setPermissions(permissions, at: path)
    }

    func namesInFolder(at path: String) throws -> [String] {
        try take(.names, path)
        return try base.namesInFolder(at: path)
    }
}
