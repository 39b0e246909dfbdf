/// Tukey fences over a peer group: Q1 − k·IQR and Q3 + k·IQR, as Cardinal computes them.
public struct PeerFences: Sendable, Hashable {
    public var lower: Double
    public var upper: Double
    public var q1: Double
    public var q3: Double
    public var peers: Int

    /// Fences for `values`, or `nil` for a degenerate group: fewer than `minimumPeers` values,
    /// or an inter-quartile range of zero.
    public init?(_ values: [Double], k: Double, minimumPeers: Int) {
        self.init(sorted: values.sorted(), k: k, minimumPeers: minimumPeers)
    }

    /// Fences for values already in ascending order.
    public init?(sorted: [Double], k: Double, minimumPeers: Int) {
        guard sorted.count >= max(minimumPeers, 4) else { return nil }
        func quantile(_ p: Double) -> Double {
            let position = p * Double(sorted.count - 1)
            let low = Int(position.rounded(.down))
            let high = min(low + 1, sorted.count - 1)
            return sorted[low] + (sorted[high] - sorted[low]) * (position - Double(low))
        }
        q1 = quantile(0.25)
        q3 = quantile(0.75)
        let iqr = q3 - q1
        guard iqr > 0 else { return nil }
        lower = q1 - k * iqr
        upper = q3 + k * iqr
        peers = sorted.count
    }
}
