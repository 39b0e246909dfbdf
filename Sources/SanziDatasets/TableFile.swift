import Foundation

/// One partition file of a table, written row by row: CSV with a header line, or JSON lines
/// with the columns as keys. Numbers are written exactly (money from fen with two decimals);
/// strings are quoted and escaped as each format requires.
///
/// Bytes go into a fixed 64 KiB block (small enough to stay in cache) through a pointer, flushed when nearly full: a value type
/// writing through an immutable pointer, so a cell costs no allocation, no uniqueness check and
/// no dynamic exclusivity check.
struct TableFile {
    enum Format: String, Sendable {
        case csv, jsonl
    }

    /// The block the bytes go into; freed with the last copy.
    private final class Block {
        let bytes: UnsafeMutablePointer<UInt8>
        let capacity = 1 << 16

        init() { bytes = .allocate(capacity: capacity) }
        deinit { bytes.deallocate() }
    }

    let schema: TableSchema
    let format: Format
    private let handle: FileHandle
    private let block = Block()
    private var length = 0
    /// `"name":` of each column, for JSON lines.
    private let keys: [[UInt8]]
    private var column = 0
    private(set) var rows = 0
    /// The first write error; reported by `endRow` or `close`.
    private var failure: Error?

    init(_ schema: TableSchema, format: Format, path: String) throws {
        self.schema = schema
        self.format = format
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
        }
        handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        keys = schema.columns.map { Array("\"\($0.name)\":".utf8) }
        if format == .csv { put(Array((schema.columnNames.joined(separator: ",") + "\n").utf8)) }
    }

    // MARK: Bytes

    /// Makes room for `count` more bytes, flushing if needed.
    @inline(__always)
    private mutating func reserve(_ count: Int) {
        if length + count > block.capacity { flushBlock() }
    }

    @inline(__always)
    private mutating func put(_ byte: UInt8) {
        reserve(1)
        block.bytes[length] = byte
        length += 1
    }

    private mutating func put(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        if bytes.count > block.capacity / 2 {
            flushBlock()
            do { try handle.write(contentsOf: bytes) } catch { failure = failure ?? error }
            return
        }
        reserve(bytes.count)
        (block.bytes + length).update(from: base, count: bytes.count)
        length += bytes.count
    }

    private mutating func put(_ bytes: [UInt8]) { bytes.withUnsafeBufferPointer { put($0) } }

    private mutating func flushBlock() {
        guard length > 0 else { return }
        do { try handle.write(contentsOf: UnsafeBufferPointer(start: block.bytes, count: length)) } catch {
            failure = failure ?? error
        }
        length = 0
    }

    // MARK: Cells

    @inline(__always)
    private mutating func key() {
        if format == .jsonl {
            put(column == 0 ? UInt8(ascii: "{") : UInt8(ascii: ","))
            put(keys[column])
        } else if column > 0 {
            put(UInt8(ascii: ","))
        }
        column += 1
    }

    @inline(__always)
    mutating func int(_ value: Int64) {
        key()
        digits(value)
    }

    /// "00" to "99", for writing two digits at a time.
    private static let digitPairs: [UInt8] = (0..<100).flatMap { (pair: Int) -> [UInt8] in
        [UInt8(ascii: "0") + UInt8(pair / 10), UInt8(ascii: "0") + UInt8(pair % 10)]
    }

    /// Writes an integer's decimal digits straight into the block, two at a time from the end.
    @inline(__always)
    private mutating func digits(_ value: Int64) {
        reserve(21)
        let bytes = block.bytes
        if value < 0 {
            bytes[length] = UInt8(ascii: "-")
            length += 1
        }
        var magnitude = value.magnitude
        var count = 1  // an Int64's magnitude has 19 digits at most
        var power: UInt64 = 10
        while count < 19, magnitude >= power {
            count += 1
            power &*= 10
        }
        length += count
        var index = length
        Self.digitPairs.withUnsafeBufferPointer { pairs in
            while magnitude >= 100 {
                let pair = Int(magnitude % 100) * 2
                magnitude /= 100
                index -= 2
                bytes[index] = pairs[pair]
                bytes[index + 1] = pairs[pair + 1]
            }
            if magnitude >= 10 {
                bytes[index - 2] = pairs[Int(magnitude) * 2]
                bytes[index - 1] = pairs[Int(magnitude) * 2 + 1]
            } else {
                bytes[index - 1] = UInt8(ascii: "0") + UInt8(magnitude)
            }
        }
    }

    @inline(__always)
    mutating func int(_ value: Int64?) {
        guard let value else { return null() }
        int(value)
    }

    /// Money in fen, written as yuan with two decimals.
    @inline(__always)
    mutating func yuan(_ fen: Int64) {
        key()
        if fen < 0 { put(UInt8(ascii: "-")) }
        let magnitude = fen.magnitude
        digits(Int64(magnitude / 100))
        let cents = magnitude % 100
        put(UInt8(ascii: "."))
        put(UInt8(ascii: "0") + UInt8(cents / 10))
        put(UInt8(ascii: "0") + UInt8(cents % 10))
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
        put(
            Array((rounded == rounded.rounded() && abs(rounded) < 1e15 ? String(Int64(rounded)) : String(rounded)).utf8)
        )
    }

    @inline(__always)
    mutating func bool(_ value: Bool) {
        key()
        if format == .jsonl {
            put(Array((value ? "true" : "false").utf8))
        } else {
            put(value ? UInt8(ascii: "1") : UInt8(ascii: "0"))
        }
    }

    mutating func string(_ value: String?) {
        guard let value else { return null() }
        var text = value
        let plain = text.withUTF8 { bytes in !bytes.contains { $0 == 34 || $0 == 92 || $0 == 44 || $0 < 0x20 } }
        if plain {
            key()
            if format == .jsonl { put(34) }
            text.withUTF8 { put($0) }
            if format == .jsonl { put(34) }
        } else {
            key()
            escaped(value)
        }
    }

    /// A string known to need no escaping (ids, code names), given as its UTF-8 bytes.
    @inline(__always)
    mutating func plain(_ bytes: [UInt8]) {
        key()
        if format == .jsonl { put(34) }
        put(bytes)
        if format == .jsonl { put(34) }
    }

    private mutating func escaped(_ value: String) {
        if format == .csv {
            guard value.utf8.contains(where: { $0 == 44 || $0 == 34 || $0 == 10 }) else {
                return put(Array(value.utf8))
            }
            put(Array(("\"" + value.replacing("\"", with: "\"\"") + "\"").utf8))
            return
        }
        var bytes: [UInt8] = [34]
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": bytes += [92, 34]
            case "\\": bytes += [92, 92]
            case "\n": bytes += [92, UInt8(ascii: "n")]
            case _ where scalar.value < 0x20: bytes += Array(String(format: "\\u%04x", scalar.value).utf8)
            default: bytes += String(scalar).utf8
            }
        }
        bytes.append(34)
        put(bytes)
    }

    @inline(__always)
    mutating func null() {
        key()
        if format == .jsonl { put(Array("null".utf8)) }
    }

    mutating func endRow() throws {
        precondition(
            column == schema.columns.count, "\(schema.name): \(column) cells for \(schema.columns.count) columns")
        if format == .jsonl { put(UInt8(ascii: "}")) }
        put(UInt8(ascii: "\n"))
        column = 0
        rows += 1
        if let failure { throw failure }
    }

    mutating func close() throws {
        flushBlock()
        if let failure { throw failure }
        try handle.close()
    }
}
