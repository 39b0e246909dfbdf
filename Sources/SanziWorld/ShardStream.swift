import Foundation

/// A stream of `ShardWire` messages — a pipe or a socket — each written with its length first
/// (8 bytes, little-endian).
public struct ShardStream: @unchecked Sendable {
    let handle: FileHandle

    public init(_ handle: FileHandle) { self.handle = handle }

    /// Writes the message.
    public func send(_ message: [UInt8]) throws {
        var framed: [UInt8] = []
        framed.reserveCapacity(8 + message.count)
        ShardWire.append(UInt64(message.count), to: &framed)
        framed.append(contentsOf: message)
        try handle.write(contentsOf: framed)
    }

    /// Reads the next message; nil at the stream's end before a message begins.
    public func receive() throws -> [UInt8]? {
        let header = try read(8)
        guard !header.isEmpty else { return nil }
        var reader = ShardWire.Reader(bytes: header)
        let count = try reader.count()
        let message = try read(count)
        guard message.count == count else {
            throw ShardWire.Malformed(description: "a message cut short by the stream's end")
        }
        return message
    }

    /// Reads `count` bytes, fewer at the stream's end (never more room than has come).
    private func read(_ count: Int) throws -> [UInt8] {
        var bytes: [UInt8] = []
        while bytes.count < count {
            guard let data = try handle.read(upToCount: min(count - bytes.count, 1 << 20)), !data.isEmpty else {
                break
            }
            bytes.append(contentsOf: data)
        }
        return bytes
    }
}
