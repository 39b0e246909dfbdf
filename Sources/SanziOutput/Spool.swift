/// Values a command sets aside as it goes, in a `ScratchFile`, and reads back later in the
/// same order: what a run gathers for its reports while its world is largest (`AlertSpool`,
/// the report's deal context), to be read once the world is gone.
///
/// Values are appended to a buffer that is written as a block (its length, then its bytes)
/// once it holds 256 KiB at the end of an item, so that no item spans two blocks. Every write
/// is checked; the first failure is kept and thrown by `readBack(_:)`, and later values are
/// dropped.
///
/// ```swift
/// var spool = try Spool(in: staged.path, name: "deals.spool")
/// spool.append(id)
/// spool.append(value)
/// spool.endItem()
/// try spool.readBack { reader in
///     guard let id = reader.next(Int64.self), let value = reader.next(Int64.self) else { return false }
///     store(value, at: id)
///     return true
/// }
/// ```
public struct Spool: ~Copyable {
    private var file: ScratchFile
    @usableFromInline var buffer = ByteBuffer(capacity: blockSize + 4096)
    private var failure: OutputError?

    /// A block is written once the buffer holds this many bytes at the end of an item.
    private static var blockSize: Int { 1 << 18 }

    /// Where the file was created (for errors: it has no name in its folder).
    public var path: String { file.path }

    /// A spool whose file is in `folder`, which exists (`ScratchFile`).
    public init(in folder: String, name: String) throws(OutputError) {
        file = try ScratchFile(in: folder, name: name)
    }

    /// Appends the bytes of `value` to the current item.
    @inlinable public mutating func append<Value: BitwiseCopyable>(_ value: Value) {
        buffer.append(bytesOf: value)
    }

    /// Ends the current item; the buffer is written as a block once it is full.
    public mutating func endItem() {
        if buffer.count >= Self.blockSize { writeBlock() }
    }

    /// Reads every item back in order: `item` takes one item's values from the reader and
    /// says whether they were one. A write failure, a short read or bytes that are not items
    /// throw.
    public mutating func readBack(_ item: (inout Reader) -> Bool) throws(OutputError) {
        writeBlock()
        if let failure { throw failure }
        var offset = 0
        let lengthSize = MemoryLayout<Int>.size
        while offset < file.size {
            let length = try file.read(count: lengthSize, at: offset).withUnsafeBytes { $0.loadUnaligned(as: Int.self) }
            guard length > 0, length <= file.size - offset - lengthSize else {
                throw .cannotRead(path: file.path, reason: "the block at \(offset) does not fit the file")
            }
            let block = try file.read(count: length, at: offset + lengthSize)
            let whole = block.withUnsafeBytes { bytes in
                var reader = Reader(bytes: bytes)
                while !reader.isAtEnd {
                    guard item(&reader) else { return false }
                }
                return true
            }
            guard whole else { throw .cannotRead(path: file.path, reason: "bytes at \(offset) do not read back") }
            offset += lengthSize + length
        }
    }

    /// Writes the buffer as a block: its length, then its bytes.
    private mutating func writeBlock() {
        guard failure == nil, buffer.count > 0 else { return }
        do throws(OutputError) {
            try withUnsafeBytes(of: buffer.count) { length throws(OutputError) in try file.append(length) }
            try file.append(buffer.bytes)
        } catch {
            failure = error
        }
        buffer.removeAll()
    }

    /// Values one after another from a block's bytes.
    public struct Reader {
        let bytes: UnsafeRawBufferPointer
        var position = 0

        /// A reader of `bytes` from their start (a block, or bytes kept some other way).
        public init(bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

        /// Whether the block's values are all read.
        public var isAtEnd: Bool { position == bytes.count }

        /// The next value, or nil when the block ends first.
        public mutating func next<Value: BitwiseCopyable>(_: Value.Type) -> Value? {
            guard bytes.count - position >= MemoryLayout<Value>.size else { return nil }
            defer { position += MemoryLayout<Value>.size }
            return bytes.loadUnaligned(fromByteOffset: position, as: Value.self)
        }
    }
}
