import Foundation

/// One partition file of a table, written row by row into a buffer: CSV with a header line,
/// or JSON lines with the columns as keys. Numbers are written exactly (money from fen with two
/// decimals); strings are quoted and escaped as each format requires. A value type, so writing
/// a cell costs no dynamic exclusivity check.
struct TableFile {
    enum Format: String, Sendable {
        case csv, jsonl
    }

    let schema: TableSchema
    let format: Format
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    /// `"name":` of each column, for JSON lines.
    private let keys: [[UInt8]]
    private var column = 0
    private(set) var rows = 0

    init(_ schema: TableSchema, format: Format, path: String) throws {
        self.schema = schema
        self.format = format
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
        }
        handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        keys = schema.columns.map { Array("\"\($0.name)\":".utf8) }
        buffer.reserveCapacity(1 << 20)
        if format == .csv { buffer += Array((schema.columnNames.joined(separator: ",") + "\n").utf8) }
    }

    private mutating func key() {
        if format == .jsonl {
            buffer.append(column == 0 ? UInt8(ascii: "{") : UInt8(ascii: ","))
            buffer += keys[column]
        } else if column > 0 {
            buffer.append(UInt8(ascii: ","))
        }
        column += 1
    }

    mutating func int(_ value: Int64) {
        key()
        digits(value)
    }

    /// Writes an integer's decimal digits without making a string.
    private mutating func digits(_ value: Int64) {
        if value < 0 { buffer.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { scratch in
            var index = 20
            repeat {
                index -= 1
                scratch[index] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: scratch[index...]))
        }
    }

    mutating func int(_ value: Int64?) {
        guard let value else { return null() }
        int(value)
    }

    /// Money in fen, written as yuan with two decimals.
    mutating func yuan(_ fen: Int64) {
        key()
        if fen < 0 { buffer.append(UInt8(ascii: "-")) }
        let magnitude = fen.magnitude
        digits(Int64(magnitude / 100))
        buffer.append(UInt8(ascii: "."))
        let cents = magnitude % 100
        buffer.append(UInt8(ascii: "0") + UInt8(cents / 10))
        buffer.append(UInt8(ascii: "0") + UInt8(cents % 10))
    }

    mutating func yuan(_ fen: Int64?) {
        guard let fen else { return null() }
        yuan(fen)
    }

    /// A ratio with six decimals at most.
    mutating func decimal(_ value: Double?) {
        guard let value, value.isFinite else { return null() }
        key()
        let rounded = (value * 1_000_000).rounded() / 1_000_000
        buffer += (rounded == rounded.rounded() && abs(rounded) < 1e15 ? String(Int64(rounded)) : String(rounded)).utf8
    }

    mutating func bool(_ value: Bool) {
        key()
        buffer += (format == .jsonl ? (value ? "true" : "false") : (value ? "1" : "0")).utf8
    }

    mutating func string(_ value: String?) {
        guard let value else { return null() }
        key()
        var text = value
        text.withUTF8 { bytes in
            // Most strings (ids, names of codes) need no escaping in either format.
            let plain = !bytes.contains { $0 == 34 || $0 == 92 || $0 == 44 || $0 < 0x20 }
            if plain {
                if format == .jsonl { buffer.append(34) }
                buffer.append(contentsOf: bytes)
                if format == .jsonl { buffer.append(34) }
            } else {
                escaped(value)
            }
        }
    }

    /// A string known to need no escaping (ids, code names), given as its UTF-8 bytes.
    mutating func plain(_ bytes: [UInt8]) {
        key()
        if format == .jsonl { buffer.append(34) }
        buffer += bytes
        if format == .jsonl { buffer.append(34) }
    }

    private mutating func escaped(_ value: String) {
        if format == .csv {
            guard value.utf8.contains(where: { $0 == 44 || $0 == 34 || $0 == 10 }) else {
                buffer += value.utf8
                return
            }
            buffer += ("\"" + value.replacing("\"", with: "\"\"") + "\"").utf8
            return
        }
        buffer.append(34)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": buffer += [92, 34]
            case "\\": buffer += [92, 92]
            case "\n": buffer += [92, UInt8(ascii: "n")]
            case _ where scalar.value < 0x20: buffer += Array(String(format: "\\u%04x", scalar.value).utf8)
            default: buffer += String(scalar).utf8
            }
        }
        buffer.append(34)
    }

    mutating func null() {
        key()
        if format == .jsonl { buffer += "null".utf8 }
    }

    mutating func endRow() throws {
        precondition(
            column == schema.columns.count, "\(schema.name): \(column) cells for \(schema.columns.count) columns")
        buffer += (format == .jsonl ? "}\n" : "\n").utf8
        column = 0
        rows += 1
        if buffer.count >= 1 << 20 { try flush() }
    }

    mutating func flush() throws {
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    mutating func close() throws {
        try flush()
        try handle.close()
    }
}
