import SanziAlerts
import SanziEvents
import SanziScenario

#if canImport(Glibc)
    import Glibc
#endif

/// Bytes as `events.jsonl`: read through `EventLogReader`, every event it accepts handed to
/// all the rules with their default settings, as `sanzi replay` does.
enum LogHarness {
    /// The file the bytes are written to (the reader reads files); one per process.
    static let path = "/tmp/sanzi-fuzz-log-\(getpid()).jsonl"

    static func run(_ bytes: [UInt8]) {
        guard let file = fopen(path, "wb") else { return }
        _ = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
        fclose(file)
        guard var reader = try? EventLogReader(path: path), var engine = try? AlertEngine(settings: AlertSettings())
        else { return }
        while let event = try? reader.next() {
            _ = engine.observe(event)
        }
    }
}
