import Foundation
import SanziEvents
import SanziOutput

/// One partition file of a table, written row by row: CSV with a header line, or JSON lines
/// with the columns as keys. Numbers are written exactly (money from fen with two decimals);
/// strings are quoted and escaped as each format requires.
///
/// Bytes go into a fixed 64 KiB block (small enough to stay in cache) through a pointer,
/// flushed when nearly full: a value type writing through an immutable pointer, so a cell costs
/// no allocation, no uniqueness check and no dynamic exclusivity check. Strings written in many
/// rows (codes, names, village ids) are registered once as a `Vocabulary`, rendered for the
/// format, and copied from the block's store without reference counting.
struct TableFile {
    enum Format: String, Sendable {
        case csv, jsonl
    }

    /// Words registered with a file, written by their position with `word(_:of:)`.
    struct Vocabulary {
        /// Position of the first word in the file's store, and how many there are.
        fileprivate var first = 0
        var count = 0
    }

    /// The block the bytes go into and the stores of rendered words; freed with the last copy.
    private final class Block {
        let bytes: UnsafeMutablePointer<UInt8>
        let capacity = 1 << 16
        /// Every store of words made, the latest last; earlier ones are kept until the file
        /// goes, so that no copy of the file reads freed memory.
        private var stores: [(words: UnsafeMutableBufferPointer<UInt8>, starts: UnsafeMutableBufferPointer<Int>)] = []

        /// "00" to "99", for writing two digits at a time, and 10⁰ to 10¹⁹, for counting digits.
        let digitPairs = UnsafeMutablePointer<UInt8>.allocate(capacity: 200)
        let powersOfTen = UnsafeMutablePointer<UInt64>.allocate(capacity: 20)

        init() {
            bytes = .allocate(capacity: capacity)
            for pair in 0..<100 {
                digitPairs[2 * pair] = UInt8(ascii: "0") + UInt8(pair / 10)
                digitPairs[2 * pair + 1] = UInt8(ascii: "0") + UInt8(pair % 10)
            }
            var power: UInt64 = 1
            for exponent in 0..<20 {
                powersOfTen[exponent] = power
                power &*= 10
            }
        }

        deinit {
            bytes.deallocate()
            digitPairs.deallocate()
            powersOfTen.deallocate()
            for store in stores {
                store.words.deallocate()
                store.starts.deallocate()
            }
        }

        /// A store with the latest store's words followed by `rendered`: word `i` is
        /// `words[starts[i]..<starts[i + 1]]`.
        func store(adding rendered: [[UInt8]]) -> (words: UnsafeBufferPointer<UInt8>, starts: UnsafeBufferPointer<Int>)
        {
            var words = stores.last.map { Array($0.words) } ?? []
            var starts = stores.last.map { Array($0.starts) } ?? [0]
            for word in rendered {
                words += word
                starts.append(words.count)
            }
            let store = (
                words: UnsafeMutableBufferPointer<UInt8>.allocate(capacity: words.count),
                starts: UnsafeMutableBufferPointer<Int>.allocate(capacity: starts.count)
            )
            _ = store.words.initialize(from: words)
            _ = store.starts.initialize(from: starts)
            stores.append(store)
            return (UnsafeBufferPointer(store.words), UnsafeBufferPointer(store.starts))
        }
    }

    let schema: TableSchema
    let format: Format
    /// The file, shared by copies of this value; moved into place by `close()`.
    private let output: Output
    private let block = Block()
    private var length = 0
    /// The latest store of rendered words (see `Block.store(adding:)`).
    private var words = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
    private var starts = UnsafeBufferPointer<Int>(start: nil, count: 0)
    /// `"name":` of each column, for JSON lines.
    private var keys = Vocabulary(first: 0, count: 0)
    private var column = 0
    private(set) var rows = 0
    /// The first write error; reported by `endRow` or `close`.
    private var failure: OutputError?

    init(_ schema: TableSchema, format: Format, path: String) throws {
        self.schema = schema
        self.format = format
        output = Output(try OutputFile(path: path))
        keys = register(schema.columns.map { Array("\"\($0.name)\":".utf8) })
        if format == .csv { put(Array((schema.columnNames.joined(separator: ",") + "\n").utf8)) }
    }

    /// Registers words this file writes in many rows.
    mutating func vocabulary(_ words: [String]) -> Vocabulary {
        register(words.map { Self.rendered($0, format) })
    }

    private mutating func register(_ rendered: [[UInt8]]) -> Vocabulary {
        let first = max(0, starts.count - 1)
        (words, starts) = block.store(adding: rendered)
        return Vocabulary(first: first, count: rendered.count)
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
            write(UnsafeRawBufferPointer(bytes))
            return
        }
        reserve(bytes.count)
        (block.bytes + length).update(from: base, count: bytes.count)
        length += bytes.count
    }

    private mutating func put(_ bytes: [UInt8]) { bytes.withUnsafeBufferPointer { put($0) } }

    @inline(__always)
    private mutating func put(_ text: StaticString) {
        put(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Copies word `index` of the store.
    @inline(__always)
    private mutating func put(stored index: Int) {
        put(UnsafeBufferPointer(rebasing: words[starts[index]..<starts[index + 1]]))
    }

    private mutating func flushBlock() {
        guard length > 0 else { return }
        write(UnsafeRawBufferPointer(start: block.bytes, count: length))
        length = 0
    }

    // MARK: Cells

    @inline(__always)
    private mutating func key() {
        if format == .jsonl {
            put(column == 0 ? UInt8(ascii: "{") : UInt8(ascii: ","))
            put(stored: keys.first + column)
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

    /// Writes an integer's decimal digits straight into the block, two at a time from the end.
    @inline(__always)
    private mutating func digits(_ value: Int64) {
        reserve(21)
        let bytes = block.bytes
        let pairs = block.digitPairs
        if value < 0 {
            bytes[length] = UInt8(ascii: "-")
            length += 1
        }
        var magnitude = value.magnitude
        // log10 from log2 (1233 / 4096 ≈ log10 2), corrected by one comparison.
        var count = ((64 - magnitude.leadingZeroBitCount) * 1233) >> 12
        if magnitude >= block.powersOfTen[count] { count += 1 }
        count = max(count, 1)
        length += count
        var index = length
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

    /// A ratio with six decimals at most, and always a decimal point ("2.0"), so that readers
    /// which infer types (pyarrow, DuckDB, pandas) read a column of whole values as decimals.
    mutating func decimal(_ value: Double?) {
        guard let value, value.isFinite else { return null() }
        key()
        let rounded = (value * 1_000_000).rounded() / 1_000_000
        put(
            Array(
                (rounded == rounded.rounded() && abs(rounded) < 1e15 ? "\(Int64(rounded)).0" : String(rounded)).utf8)
        )
    }

    @inline(__always)
    mutating func bool(_ value: Bool) {
        key()
        put(value ? "true" : "false")
    }

    mutating func string(_ value: String?) {
        guard let value else { return null() }
        key()
        var text = value
        // Bytes neither format changes go straight in: no quote, backslash, comma, control
        // character, or `<>&` (which JSON lines escape, as the event log does).
        let plain = text.withUTF8 { bytes in
            !bytes.contains { $0 == 34 || $0 == 92 || $0 == 44 || $0 < 0x20 || $0 == 60 || $0 == 62 || $0 == 38 }
        }
        if plain {
            if format == .jsonl { put(34) }
            text.withUTF8 { put($0) }
            if format == .jsonl { put(34) }
        } else {
            put(Self.rendered(value, format))
        }
    }

    /// Integers separated by spaces, as one string cell (the event ids of an alert or a case).
    mutating func numbers<Values: Sequence>(_ values: Values) where Values.Element: BinaryInteger {
        key()
        if format == .jsonl { put(34) }
        for (position, value) in values.enumerated() {
            if position > 0 { put(UInt8(ascii: " ")) }
            digits(Int64(clamping: value))
        }
        if format == .jsonl { put(34) }
    }

    /// Word `index` of a vocabulary, or an empty string when `index` is outside it (a code of -1).
    @inline(__always)
    mutating func word(_ index: Int, of vocabulary: Vocabulary) {
        key()
        if index >= 0, index < vocabulary.count {
            put(stored: vocabulary.first + index)
        } else if format == .jsonl {
            put("\"\"")
        }
    }

    /// A string as a cell of `format`: quoted only when CSV needs it; always quoted and
    /// escaped in JSON.
    private static func rendered(_ value: String, _ format: Format) -> [UInt8] {
        Array((format == .csv ? CSV.field(value) : Escaping.jsonLiteral(value)).utf8)
    }

    @inline(__always)
    mutating func null() {
        key()
        if format == .jsonl { put("null") }
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

    /// Writes the rest and moves the file into place.
    mutating func close() throws(OutputError) {
        flushBlock()
        if let failure { throw failure }
        try output.file.take()?.commit()
    }

    /// Writes bytes to the file, keeping the first failure for `endRow` and `close`.
    private mutating func write(_ bytes: UnsafeRawBufferPointer) {
        guard failure == nil else { return }
        do throws(OutputError) { try output.file?.write(bytes) } catch { failure = error }
    }

    /// The file a table writes, held by reference so that `TableFile` stays a value.
    private final class Output {
        var file: OutputFile?
        init(_ file: consuming OutputFile) { self.file = .some(file) }
    }
}
