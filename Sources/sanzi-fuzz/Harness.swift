#if canImport(Glibc)
    import Glibc
#endif

/// The inputs Sanzi reads, each fed to the code that reads it. A harness must never trap:
/// every input is either read or refused with an error.
enum Harness: String, CaseIterable {
    /// Bytes as a scenario file, checked as `sanzi validate` checks it.
    case scenario
    /// Bytes as a thresholds file (or any document `validate` accepts).
    case thresholds
    /// Bytes as an event log, read as `sanzi replay` reads it, with the rules over what reads.
    case log
    /// Bytes choosing extreme values for a scenario's numbers; what validates is simulated.
    case edges

    /// The harness the SANZI_FUZZ environment variable names (scenario when unset).
    static let chosen: Harness = {
        guard let name = getenv("SANZI_FUZZ").map({ String(cString: $0) }) else { return .scenario }
        guard let harness = Harness(rawValue: name) else {
            print("SANZI_FUZZ must be one of \(allCases.map(\.rawValue).joined(separator: ", "))")
            exit(64)
        }
        return harness
    }()

    func run(_ bytes: [UInt8]) {
        switch self {
        case .scenario: ReaderHarness.scenario(bytes)
        case .thresholds: ReaderHarness.document(bytes)
        case .log: LogHarness.run(bytes)
        case .edges: EdgeHarness.run(bytes)
        }
    }
}
