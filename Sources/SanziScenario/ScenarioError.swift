/// Why a scenario or thresholds file could not be loaded.
public enum ScenarioError: Error, Sendable, CustomStringConvertible {
    /// The file does not exist or cannot be read.
    case unreadable(path: String, reason: String)
    /// The file was read but is not a valid document; every problem found, in file order.
    case invalid(path: String, diagnostics: [Diagnostic])

    public var description: String {
        switch self {
        case .unreadable(let path, let reason):
            return "\(path): error: cannot read the file: \(reason)"
        case .invalid(_, let diagnostics):
            return diagnostics.map(\.description).joined(separator: "\n")
        }
    }
}
