/// A `RandomStream` kept as its key and the count of numbers drawn from it: 12 bytes where the
/// stream takes 40, for the many entities that draw a few numbers now and then over a long
/// life (a contract: its rents, arrears and end; some 390,000 run at once at 12,000 villages).
///
/// `draw` rebuilds the stream from its key, replays the numbers already drawn (a nanosecond
/// or so each) and counts those `body` draws, so the numbers are exactly those of the stream
/// kept whole.
///
/// ```swift
/// var contract = RandomStream(seed: 7).derived("contract").compact
/// let late = contract.draw { $0.bernoulli(0.15) }
/// ```
public struct CompactStream: Sendable {
    @usableFromInline let key: UInt64
    @usableFromInline var count: UInt32 = 0

    /// Numbers drawn so far.
    public var drawn: UInt32 { count }

    init(key: UInt64) { self.key = key }

    /// The stream as it stands: its key, with its draws so far replayed.
    public var stream: RandomStream {
        var stream = RandomStream(key: key)
        for _ in 0..<count { _ = stream.next() }
        return stream
    }

    /// Lets `body` draw from the stream and keeps count of what it drew.
    @inlinable
    public mutating func draw<Result>(_ body: (inout RandomStream) -> Result) -> Result {
        let before = stream
        var after = before
        let result = body(&after)
        count += Self.steps(from: before, to: after)
        return result
    }

    /// How many numbers take `from` to `to` (the same stream, later), counted by drawing.
    @usableFromInline static func steps(from: RandomStream, to: RandomStream) -> UInt32 {
        precondition(from.key == to.key, "a compact stream's draw changed streams")
        var stream = from
        var steps: UInt32 = 0
        while stream.state != to.state {
            precondition(steps < Self.drawLimit, "a compact stream's draw took more than \(Self.drawLimit) numbers")
            _ = stream.next()
            steps += 1
        }
        return steps
    }

    /// The most numbers one `draw` may take (a contract's take a handful).
    static var drawLimit: UInt32 { 1 << 20 }
}

extension RandomStream {
    /// This stream, which must not have been drawn from, kept compactly (`CompactStream`).
    public var compact: CompactStream {
        precondition(state == RandomStream(key: key).state, "only a stream not yet drawn from can be kept compactly")
        return CompactStream(key: key)
    }
}
