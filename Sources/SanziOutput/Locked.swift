import Foundation

/// A value shared between threads behind a lock, with `Synchronization.Mutex`'s `withLock`.
///
/// The lock is Foundation's `NSLock` (a pthread mutex), not `Mutex`: on Linux `Mutex` locks
/// with futexes ThreadSanitizer cannot see, so every use of it is reported as a data race (a
/// two-thread program appending under a `Mutex` is flagged; the same with `NSLock` is not),
/// and `Tools/tsan.sh` could not tell a real race from those.
public final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    public init(_ value: Value) { self.value = value }

    /// Runs `body` with the value while holding the lock.
    public func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
