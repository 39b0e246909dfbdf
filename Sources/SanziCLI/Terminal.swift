import ArgumentParser
import SanziScenario

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writing to the terminal's streams.
enum Terminal {
    /// Writes a line to standard error.
    static func printToStandardError(_ line: String) {
        let bytes = Array((line + "\n").utf8)
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(STDERR_FILENO, buffer.baseAddress! + offset, buffer.count - offset)
                guard written > 0 else { return }
                offset += written
            }
        }
    }

    static func printDiagnostics(_ diagnostics: [Diagnostic]) {
        for diagnostic in diagnostics { printToStandardError(diagnostic.description) }
    }

    static func printError(_ error: ScenarioError) {
        printToStandardError(error.description)
    }
}

extension ScenarioError {
    /// The exit status this error ends a command with.
    var exitStatus: ExitCode {
        switch self {
        case .unreadable: return ExitStatus.noInput
        case .invalid: return ExitStatus.invalidData
        }
    }
}
