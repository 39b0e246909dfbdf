#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Tables for Marsaglia and Tsang's ziggurat method for the standard exponential
/// ("The ziggurat method for generating random variables", J. Stat. Software 5, 2000), with
/// 256 layers and 53-bit uniforms as in NumPy: most draws cost one random word, one
/// multiplication and one comparison instead of a logarithm.
@usableFromInline
struct ExponentialZiggurat: Sendable {
    /// x-coordinate of the right edge of the base layer.
    @usableFromInline static let edge = 7.697_117_470_131_049_72
    @usableFromInline static let scale = 9_007_199_254_740_992.0  // 2^53

    /// Per layer: the acceptance threshold, the width per unit and the density at the edge.
    @usableFromInline let threshold: [UInt64]
    @usableFromInline let width: [Double]
    @usableFromInline let density: [Double]

    @usableFromInline static let shared = ExponentialZiggurat()

    init() {
        let area = 3.949_659_822_581_572e-3
        var x = Self.edge
        var threshold = [UInt64](repeating: 0, count: 256)
        var width = [Double](repeating: 0, count: 256)
        var density = [Double](repeating: 0, count: 256)
        let q = area / exp(-x)
        threshold[0] = UInt64((x / q) * Self.scale)
        width[0] = q / Self.scale
        width[255] = x / Self.scale
        density[0] = 1
        density[255] = exp(-x)
        var previous = x
        for layer in stride(from: 254, through: 1, by: -1) {
            x = -log(area / x + exp(-x))
            threshold[layer + 1] = UInt64((x / previous) * Self.scale)
            previous = x
            density[layer] = exp(-x)
            width[layer] = x / Self.scale
        }
        threshold[1] = 0
        self.threshold = threshold
        self.width = width
        self.density = density
    }
}

extension RandomStream {
    /// A standard exponential draw (mean 1) by the ziggurat method.
    @inlinable
    public mutating func standardExponential() -> Double {
        let tables = ExponentialZiggurat.shared
        while true {
            let bits = next() &>> 3
            let layer = Int(truncatingIfNeeded: bits & 0xFF)
            let uniform = bits &>> 8
            let x = Double(uniform) * tables.width[layer]
            if uniform < tables.threshold[layer] { return x }
            if layer == 0 { return ExponentialZiggurat.edge - log1p(-self.uniform()) }
            let lower = tables.density[layer]
            if lower + self.uniform() * (tables.density[layer - 1] - lower) < exp(-x) { return x }
        }
    }
}
