import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An output folder built beside its target and moved into place whole, so that a failed or
/// killed command leaves either the previous complete output or nothing that looks finished.
///
/// Files are written into `path` (`PARENT/.NAME.partial`); `commit()` puts it at `target`.
/// What is already at the target is checked before any work starts:
/// - a file is refused and left untouched;
/// - an empty folder, or one the same command wrote before (it holds a `.sanzi-output`
///   naming the command), is replaced whole;
/// - any other folder is refused unless `force` is set, and is then replaced whole.
///
/// A `resumable` staged folder keeps its work: one an earlier (killed or failed) command left
/// is continued rather than removed, and it is left in place when this command fails, for the
/// next one to continue. Several processes may stage into the same resumable folder at once.
///
/// ```swift
/// let staged = try StagedFolder(target: "out", command: "run", force: false)
/// try OutputFile.write("{}", to: staged.path + "/run.json")
/// try staged.commit()
/// ```
public struct StagedFolder: ~Copyable {
    /// Where the output ends up.
    public let target: String
    /// Where its files are written until `commit()`.
    public let path: String
    private let command: String
    private let resumable: Bool
    private var committed = false

    /// The file that marks a folder as written whole by a Sanzi command (its name inside).
    static let markerName = ".sanzi-output"

    /// Checks what is at `target` and creates an empty `PARENT/.NAME.partial` (removing one a
    /// killed command left, unless `resumable`).
    public init(target: String, command: String, force: Bool, resumable: Bool = false) throws(OutputError) {
        let trimmed = target.count > 1 && target.hasSuffix("/") ? String(target.dropLast()) : target
        let (parent, name) = Self.split(trimmed)
        self.target = trimmed
        self.command = command
        self.resumable = resumable
        path = OutputFiles.path(".\(name).partial", in: parent)
        try Self.checkReplaceable(trimmed, by: command, force: force)
        try OutputFolder.create(parent)
        if !resumable { try Self.remove(path) }
        guard mkdir(path, 0o755) == 0 || (resumable && errno == EEXIST && OutputFolder.isFolder(path)) else {
            throw .cannotCreateFolder(path: trimmed, reason: OutputError.systemReason)
        }
    }

    deinit {
        guard !committed, !resumable else { return }
        try? Self.remove(path)
    }

    /// Where files written at `paths` (inside `path`) are once the folder is committed.
    public func finalPaths(_ paths: [String]) -> [String] {
        let (path, target) = (self.path, self.target)
        return paths.map { $0.hasPrefix(path) ? target + $0.dropFirst(path.count) : $0 }
    }

    /// `error` about a file written inside `path`, naming the file by its final path instead.
    public func finalError(_ error: OutputError) -> OutputError {
        let path = finalPaths([error.path])[0]
        switch error {
        case .cannotCreate(_, let reason): return .cannotCreate(path: path, reason: reason)
        case .cannotCreateFolder(_, let reason): return .cannotCreateFolder(path: path, reason: reason)
        case .cannotWrite(_, let reason): return .cannotWrite(path: path, reason: reason)
        case .cannotRead(_, let reason): return .cannotRead(path: path, reason: reason)
        case .refused(_, let reason): return .refused(path: path, reason: reason)
        }
    }

    /// Marks the folder as this command's and moves it to the target, replacing what was
    /// there whole.
    public consuming func commit() throws(OutputError) {
        try OutputFile.write(command + "\n", to: OutputFiles.path(Self.markerName, in: path))
        let (parent, name) = Self.split(target)
        let old = OutputFiles.path(".\(name).old", in: parent)
        if OutputFolder.isFolder(target) {
            try Self.remove(old)
            guard rename(target, old) == 0 else {
                throw .cannotWrite(path: target, reason: OutputError.systemReason)
            }
        }
        guard rename(path, target) == 0 else {
            throw .cannotWrite(path: target, reason: OutputError.systemReason)
        }
        committed = true
        try Self.remove(old)
    }

    /// Throws unless `target` is absent, an empty folder, a folder `command` wrote, or (with
    /// `force`) any folder.
    static func checkReplaceable(_ target: String, by command: String, force: Bool) throws(OutputError) {
        var status = stat()
        guard stat(target, &status) == 0 else { return }
        guard (status.st_mode & S_IFMT) == S_IFDIR else {
            throw .refused(path: target, reason: "exists and is not a folder (hint: choose a folder for --out)")
        }
        guard !force, let entries = try? FileManager.default.contentsOfDirectory(atPath: target), !entries.isEmpty
        else { return }
        let marker = try? String(contentsOfFile: OutputFiles.path(markerName, in: target), encoding: .utf8)
        guard marker != command + "\n" else { return }
        let writer = marker.map { "by sanzi \($0.dropLast())" } ?? "by something else"
        throw .refused(
            path: target,
            reason:
                "the folder exists and was written \(writer) (hint: choose a new folder, or add --force to replace it whole)"
        )
    }

    /// Removes `path` and everything in it, if it exists.
    static func remove(_ path: String) throws(OutputError) {
        var status = stat()
        guard lstat(path, &status) == 0 else { return }
        do {
            try FileManager.default.removeItem(atPath: path)
        } catch {
            throw .cannotWrite(path: path, reason: "cannot remove: \(systemReason(of: error))")
        }
    }

    /// A Foundation file error in the system's words ("Permission denied"), not Foundation's
    /// ("The operation could not be completed", "NSCocoaErrorDomain error 512").
    static func systemReason(of error: any Error) -> String {
        let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
        if let posix = underlying, posix.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(posix.code)))
        }
        return (error as NSError).domain == NSPOSIXErrorDomain
            ? String(cString: strerror(Int32((error as NSError).code))) : "\(error)"
    }

    /// The folder holding `path` and its last component.
    private static func split(_ path: String) -> (parent: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        let parent = path[..<slash]
        return (parent.isEmpty ? "/" : String(parent), String(path[path.index(after: slash)...]))
    }
}
