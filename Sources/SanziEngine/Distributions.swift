#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The distributions a world needs, drawn from a stream. Every method consumes a fixed or
/// data-determined number of draws, so results are reproducible from the stream's key alone.
extension RandomStream {
    /// A uniform double in [0, 1), with 53 random bits.
    @inlinable
    public mutating func uniform() -> Double {
        Double(next() &>> 11) * 0x1.0p-53
    }

    /// A uniform double in [lower, upper).
    @inlinable
    public mutating func uniform(_ range: ClosedRange<Double>) -> Double {
        range.lowerBound + (range.upperBound - range.lowerBound) * uniform()
    }

    /// A uniform integer in a closed range (Lemire's nearly divisionless method, unbiased).
    @inlinable
    public mutating func integer(in range: ClosedRange<Int>) -> Int {
        let span = UInt64(bitPattern: Int64(range.upperBound &- range.lowerBound)) &+ 1
        guard span != 0 else { return Int(truncatingIfNeeded: next()) }  // the full 64-bit range
        var product = next().multipliedFullWidth(by: span)
        if product.low < span {
            let threshold = (0 &- span) % span
            while product.low < threshold { product = next().multipliedFullWidth(by: span) }
        }
        return range.lowerBound &+ Int(truncatingIfNeeded: product.high)
    }

    /// `true` with probability `probability`.
    @inlinable
    public mutating func bernoulli(_ probability: Double) -> Bool {
        uniform() < probability
    }

    /// An index drawn with probability proportional to its weight. Negative weights count as
    /// zero; returns `nil` when no weight is positive.
    @inlinable
    public mutating func categorical(weights: [Double]) -> Int? {
        var total = 0.0
        for weight in weights where weight > 0 { total += weight }
        guard total > 0 else { return nil }
        var target = uniform() * total
        var lastPositive = 0
        for (index, weight) in weights.enumerated() where weight > 0 {
            if target < weight { return index }
            target -= weight
            lastPositive = index
        }
        return lastPositive  // rounding left the target just past the end
    }

    /// A choice among alternatives by their attractiveness (multinomial logit): alternative i
    /// is chosen with probability exp(scale·uᵢ) / Σ exp(scale·uⱼ). A larger scale makes choices
    /// more decisive; scale 0 makes them uniform. Returns `nil` for no alternatives.
    @inlinable
    public mutating func choice(attractiveness utilities: [Double], scale: Double = 1) -> Int? {
        guard let best = utilities.max() else { return nil }
        return categorical(weights: utilities.map { exp(scale * ($0 - best)) })
    }

    /// An exponential draw with the given rate (mean 1/rate), by the ziggurat method.
    @inlinable
    public mutating func exponential(rate: Double) -> Double {
        standardExponential() / rate
    }

    /// A normal draw (Box–Muller; one draw per call, two uniforms consumed).
    @inlinable
    public mutating func normal(mean: Double = 0, standardDeviation: Double = 1) -> Double {
        let radius = (-2 * log1p(-uniform())).squareRoot()
        return mean + standardDeviation * radius * cos(2 * Double.pi * uniform())
    }

    /// A lognormal draw: exp of a normal with parameters `mu` and `sigma`.
    @inlinable
    public mutating func lognormal(mu: Double, sigma: Double) -> Double {
        exp(normal(mean: mu, standardDeviation: sigma))
    }

    /// A lognormal draw with the given median (= exp(mu)).
    @inlinable
    public mutating func lognormal(median: Double, sigma: Double) -> Double {
        median * exp(normal(standardDeviation: sigma))
    }

    /// A Poisson draw: Knuth's product method for small means, Hörmann's PTRS above 10.
    @inlinable
    public mutating func poisson(mean: Double) -> Int {
        guard mean > 0 else { return 0 }
        if mean < 10 {
            let limit = exp(-mean)
            var count = 0
            var product = uniform()
            while product > limit {
                count += 1
                product *= uniform()
            }
            return count
        }
        return poissonPTRS(mean: mean)
    }

    /// W. Hörmann, "The transformed rejection method for generating Poisson random
    /// variables", Insurance: Mathematics and Economics 12 (1993).
    @usableFromInline
    mutating func poissonPTRS(mean: Double) -> Int {
        let slam = mean.squareRoot()
        let loglam = log(mean)
        let b = 0.931 + 2.53 * slam
        let a = -0.059 + 0.02483 * b
        let invalpha = 1.1239 + 1.1328 / (b - 3.4)
        let vr = 0.9277 - 3.6224 / (b - 2)
        while true {
            let u = uniform() - 0.5
            let v = uniform()
            let us = 0.5 - abs(u)
            let k = ((2 * a / us + b) * u + mean + 0.43).rounded(.down)
            if us >= 0.07, v <= vr { return Int(k) }
            if k < 0 || (us < 0.013 && v > us) { continue }
            if log(v) + log(invalpha) - log(a / (us * us) + b) <= -mean + k * loglam - lgamma(k + 1) {
                return Int(k)
            }
        }
    }
}
