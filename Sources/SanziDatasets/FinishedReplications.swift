import Foundation
import SanziOutput

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The record a dataset keeps of its finished replications while it is built, so that a
/// build that was killed, or one split among several processes or machines (`--only`), goes
/// on where it stopped instead of starting again.
///
/// It lives in the dataset's folder as `.replications/`: `settings.json` (what the dataset is:
/// scenario, seeds, format, label noise, tables) and one `N.json` per finished replication
/// (what it wrote, for the data card). A replication counts as finished only once its marker
/// is in place, and the marker is written after its last table; the record is removed before
/// the dataset is moved into place, so finished datasets do not hold it.
///
/// Several processes may share a record (each simulating other replications): the settings
/// are created once, atomically, and each later process checks it makes the same dataset; a
/// process claims a replication (a lock on `N.lock`) while it simulates it, so that two never
/// write the same one, and the second finds it finished.
struct FinishedReplications {
    /// The folder's name inside the dataset.
    static let folderName = ".replications"

    /// What a dataset is; two builds continue each other only when these are equal.
    struct Settings: Codable, Equatable {
        var generator: String
        var scenarioDigest: String
        var baseSeed: UInt64
        var replications: Int
        var format: String
        var missedLabels: Double
        var falseLabels: Double
        var tables: [String]
    }

    /// A record that cannot be used.
    enum RecordError: Error, CustomStringConvertible {
        /// The folder holds a dataset begun with other settings.
        case otherSettings(path: String, differences: [String])
        /// A marker or the settings could not be read.
        case unreadable(path: String)

        var description: String {
            switch self {
            case .otherSettings(let path, let differences):
                "\(path) holds a dataset begun with other settings (\(differences.joined(separator: "; "))); "
                    + "resume it with the settings it was begun with, or build it anew without --resume"
            case .unreadable(let path):
                "\(path): cannot read this record of the unfinished dataset (remove it, or build anew without --resume)"
            }
        }
    }

    let folder: String

    /// Opens (creating if needed) the record in `dataset` for a dataset with `settings`;
    /// throws if the record there is of another dataset.
    init(in dataset: String, settings: Settings) throws {
        folder = OutputFiles.path(Self.folderName, in: dataset)
        try OutputFolder.create(folder)
        let path = OutputFiles.path("settings.json", in: folder)
        try Self.createOnce(Self.json(settings), at: path)
        guard let data = FileManager.default.contents(atPath: path),
            let recorded = try? JSONDecoder().decode(Settings.self, from: data)
        else { throw RecordError.unreadable(path: path) }
        guard recorded == settings else {
            throw RecordError.otherSettings(path: dataset, differences: Self.differences(recorded, settings))
        }
    }

    /// What replication `number` wrote, if it finished.
    func result(_ number: Int) throws -> Replication.Result? {
        let path = markerPath(number)
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        guard let result = try? JSONDecoder().decode(Replication.Result.self, from: data),
            result.replication == number
        else { throw RecordError.unreadable(path: path) }
        return result
    }

    /// Marks `result`'s replication finished.
    func record(_ result: Replication.Result) throws {
        let path = markerPath(result.replication)
        let own = "\(path).\(getpid())"
        try OutputFile.write(Self.json(result), to: own)
        guard rename(own, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(own)
            throw OutputError.cannotWrite(path: path, reason: reason)
        }
    }

    /// Runs `body` once no other process is simulating replication `number`, keeping others
    /// from it until `body` returns.
    func whileClaimed(_ number: Int, _ body: () throws -> Void) throws {
        let claim = try Claim(path: OutputFiles.path("\(number).lock", in: folder))
        try withExtendedLifetime(claim) { try body() }
    }

    /// A replication claimed by this process: an exclusive lock on its lock file, released when
    /// the claim is dropped (or the process ends, however it ends).
    private struct Claim: ~Copyable {
        private let descriptor: Int32

        init(path: String) throws {
            descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else {
                throw OutputError.cannotCreate(path: path, reason: String(cString: strerror(errno)))
            }
            while flock(descriptor, LOCK_EX) != 0 {
                guard errno == EINTR else {
                    let reason = String(cString: strerror(errno))
                    close(descriptor)
                    throw OutputError.cannotWrite(path: path, reason: "cannot lock: \(reason)")
                }
            }
        }

        deinit { close(descriptor) }
    }

    /// Removes the record (once the data card is written).
    func remove() throws {
        try FileManager.default.removeItem(atPath: folder)
    }

    private func markerPath(_ number: Int) -> String { OutputFiles.path("\(number).json", in: folder) }

    /// Writes `text` at `path` unless a file is already there (another process's): written
    /// whole under a name of this process's own, then linked into place, which fails if any
    /// process got there first.
    private static func createOnce(_ text: String, at path: String) throws {
        let own = "\(path).\(getpid())"
        try OutputFile.write(text, to: own)
        defer { unlink(own) }
        guard link(own, path) == 0 || errno == EEXIST else {
            throw OutputError.cannotWrite(path: path, reason: String(cString: strerror(errno)))
        }
    }

    /// `value` as JSON with its keys as they are: a table's name such as `relations_hidden` is
    /// a dictionary key here, which a snake-case strategy would not give back unchanged.
    private static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }

    private static func differences(_ recorded: Settings, _ asked: Settings) -> [String] {
        func named<Value: Equatable>(_ name: String, _ path: KeyPath<Settings, Value>) -> String? {
            recorded[keyPath: path] == asked[keyPath: path]
                ? nil : "\(name) \(recorded[keyPath: path]), now \(asked[keyPath: path])"
        }
        return [
            named("generator", \.generator), named("scenario", \.scenarioDigest), named("seed", \.baseSeed),
            named("replications", \.replications), named("format", \.format),
            named("missed labels", \.missedLabels), named("false labels", \.falseLabels),
            named("tables", \.tables),
        ].compactMap { $0 }
    }
}
