#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A document of Sanzi's vocabulary, as read from a file.
public enum ScenarioDocument: Sendable {
    case scenario(Scenario)
    case thresholds(AlertSettings)
    case calibration(CalibrationTargets)

    /// What the document is, in words: "a scenario", "a thresholds file", "a calibration targets file".
    public var kind: String {
        switch self {
        case .scenario: "a scenario"
        case .thresholds: "a thresholds file"
        case .calibration: "a calibration targets file"
        }
    }
}

/// A value read from a file, with the warnings found on the way.
public struct Loaded<Value: Sendable>: Sendable {
    public var value: Value
    /// Problems that do not stop the file from being used, in file order.
    public var warnings: [Diagnostic]
}

/// Reads scenario, thresholds and calibration targets files: parse with libxml2 under safe options, validate against
/// the built-in XSD, then check what a schema cannot (references, duplicates, ranges, dates).
///
/// Every problem is reported at once, as `FILE:LINE:COL: error: message`.
public enum ScenarioLoader {
    /// The largest file Sanzi reads, in bytes (256 MiB).
    public static let maximumFileSize = 256 << 20

    /// Reads a scenario file.
    public static func loadScenario(contentsOf path: String) throws(ScenarioError) -> Loaded<Scenario> {
        try loadScenario(bytes: readFile(path), path: path)
    }

    /// Reads a scenario from bytes; `path` names it in messages.
    public static func loadScenario(bytes: [UInt8], path: String) throws(ScenarioError) -> Loaded<Scenario> {
        try expect(loadDocument(bytes: bytes, path: path), path: path, kind: "a scenario", hint: nil) {
            if case .scenario(let scenario) = $0 { scenario } else { nil }
        }
    }

    /// Reads a thresholds file (alert rule settings without a scenario).
    public static func loadThresholds(contentsOf path: String) throws(ScenarioError) -> Loaded<AlertSettings> {
        try expect(
            loadDocument(contentsOf: path), path: path, kind: "a thresholds file",
            hint: "a thresholds file has a <thresholds> root"
        ) { if case .thresholds(let settings) = $0 { settings } else { nil } }
    }

    /// Reads a calibration targets file.
    public static func loadCalibration(contentsOf path: String) throws(ScenarioError) -> Loaded<CalibrationTargets> {
        try expect(
            loadDocument(contentsOf: path), path: path, kind: "a calibration targets file",
            hint: "a targets file has a <calibration> root"
        ) { if case .calibration(let targets) = $0 { targets } else { nil } }
    }

    /// The document's value when it is of the kind expected, else an error at its first line.
    private static func expect<Value: Sendable>(
        _ loaded: Loaded<ScenarioDocument>, path: String, kind: String, hint: String?,
        _ value: (ScenarioDocument) -> Value?
    ) throws(ScenarioError) -> Loaded<Value> {
        guard let found = value(loaded.value) else {
            throw .invalid(
                path: path,
                diagnostics: [
                    Diagnostic(
                        .error, at: SourceLocation(file: path, line: 1, column: 1),
                        "this is \(loaded.value.kind), not \(kind)", hint: hint)
                ])
        }
        return Loaded(value: found, warnings: loaded.warnings)
    }

    /// Reads any kind of document, as its root element says.
    public static func loadDocument(contentsOf path: String) throws(ScenarioError) -> Loaded<ScenarioDocument> {
        try loadDocument(bytes: readFile(path), path: path)
    }

    /// Reads either kind of document from bytes; `path` names it in messages.
    public static func loadDocument(bytes: [UInt8], path: String) throws(ScenarioError) -> Loaded<ScenarioDocument> {
        let source = SourceText(path: path, bytes: bytes)
        let read = XMLDocumentReader(source: source).read()
        guard let root = read.root else {
            throw .invalid(path: path, diagnostics: read.diagnostics.filter { $0.severity == .error })
        }
        var decoder = ScenarioDecoder(source: source)
        let document: ScenarioDocument
        if root.name == "thresholds" {
            document = .thresholds(decoder.decodeAlerts(root))
        } else if root.name == "calibration" {
            document = .calibration(decoder.decodeCalibration(root))
        } else {
            var scenario = decoder.decodeScenario(root)
            scenario.digest = digest(of: bytes)
            document = .scenario(scenario)
        }
        // Checks past the schema run on an invalid file too, so one round shows every problem;
        // on a line the schema already faults, theirs would only repeat it.
        let faulted = Set(read.diagnostics.filter { $0.severity == .error }.map(\.location.line))
        let checks =
            read.isValid ? decoder.diagnostics : decoder.diagnostics.filter { !faulted.contains($0.location.line) }
        let diagnostics = (read.diagnostics + checks).sorted { $0.location < $1.location }
        let errors = diagnostics.filter { $0.severity == .error }
        guard errors.isEmpty else { throw .invalid(path: path, diagnostics: errors) }
        return Loaded(value: document, warnings: diagnostics)
    }

    /// FNV-1a over the file's bytes: enough to tell scenario files apart in run records.
    static func digest(of bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        let hex = String(hash, radix: 16)
        return "fnv1a64:" + String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// Reads a whole file, refusing directories and files over `maximumFileSize`.
    public static func readFile(_ path: String) throws(ScenarioError) -> [UInt8] {
        // Non-blocking, so that a FIFO is refused below instead of waiting for a writer.
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { throw .unreadable(path: path, reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw .unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        guard status.st_mode & S_IFMT == S_IFREG else { throw .unreadable(path: path, reason: "not a regular file") }
        guard status.st_size <= maximumFileSize else {
            throw .unreadable(
                path: path,
                reason:
                    "the file is \(status.st_size >> 20) MiB; Sanzi reads scenario files up to \(maximumFileSize >> 20) MiB"
            )
        }
        var bytes = [UInt8](repeating: 0, count: Int(status.st_size))
        var filled = 0
        while filled < bytes.count {
            let count = bytes.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + filled, $0.count - filled) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else {
                throw .unreadable(
                    path: path,
                    reason: count == 0 ? "the file shrank while being read" : String(cString: strerror(errno)))
            }
            filled += count
        }
        return bytes
    }
}
