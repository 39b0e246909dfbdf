#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Streams the event log to `events.jsonl`, one JSON object per line, in a fixed field order
/// (so two runs of the same scenario and seed give byte-identical files):
///
/// `{"id":1,"day":0,"date":"2013-01-01","type":"listing","village":"v001",…fields…}`
///
/// Writing goes through a 1 MiB buffer and formats numbers by hand: no allocation per event.
/// `village` is null for scenario-wide events (interventions).
public final class EventLogWriter: EventSink {
    public enum WriteError: Error, CustomStringConvertible {
        case cannotOpen(path: String, reason: String)
        case cannotWrite(path: String, reason: String)

        public var description: String {
            switch self {
            case .cannotOpen(let path, let reason): return "\(path): error: cannot create the event log: \(reason)"
            case .cannotWrite(let path, let reason): return "\(path): error: cannot write the event log: \(reason)"
            }
        }
    }

    public let path: String
    private let descriptor: Int32
    /// Everything the formatting touches, in one value: one exclusive access per event.
    private var encoder: JSONLineEncoder
    /// Events written so far.
    public private(set) var count: UInt64 = 0
    /// The first write error, if any; later events are dropped once writing has failed.
    public private(set) var failure: WriteError?

    /// Creates (or truncates) the file. `dateOfDay` gives the ISO date of a day number.
    public init(path: String, villageIDs: [String], dateOfDay: @escaping (Int32) -> String) throws(WriteError) {
        self.path = path
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw .cannotOpen(path: path, reason: String(cString: strerror(errno))) }
        encoder = JSONLineEncoder(villageIDs: villageIDs, dateOfDay: dateOfDay)
    }

    deinit {
        close(descriptor)
        encoder.deallocate()
    }

    public func accept(_ event: LoggedEvent) {
        guard failure == nil else { return }
        do throws(WriteError) {
            try write(event)
        } catch {
            failure = error
        }
    }

    /// Appends one event.
    public func write(_ event: LoggedEvent) throws(WriteError) {
        encoder.encode(event)
        count += 1
        if encoder.count >= JSONLineEncoder.flushSize { try flush() }
    }

    /// Writes what is buffered to the file.
    public func flush() throws(WriteError) {
        var offset = 0
        while offset < encoder.count {
            let written = Glibc.write(descriptor, encoder.bytes + offset, encoder.count - offset)
            if written < 0, errno == EINTR { continue }
            guard written > 0 else { throw .cannotWrite(path: path, reason: String(cString: strerror(errno))) }
            offset += written
        }
        encoder.reset()
    }

    /// A JSON string literal for `text`, escaping quotes, backslashes and control characters.
    public static func jsonString(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "<": result += "\\u003c"
            case ">": result += "\\u003e"
            case "&": result += "\\u0026"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}
