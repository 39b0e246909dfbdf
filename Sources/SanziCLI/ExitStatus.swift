import ArgumentParser

/// Exit statuses, after BSD's sysexits.h, so scripts can tell failures apart.
enum ExitStatus {
    /// Bad usage: an unknown option, a missing argument (ArgumentParser's own code).
    static let usage = ExitCode(64)
    /// A file was read but is not valid.
    static let invalidData = ExitCode(65)
    /// A file is missing or unreadable.
    static let noInput = ExitCode(66)
    /// An output could not be written.
    static let cannotCreate = ExitCode(73)
    /// A stream could not be read or written (`sanzi shard`'s calls and answers).
    static let ioError = ExitCode(74)
}
