import Foundation
import Testing

@testable import SanziEngine

/// Moments of each distribution over large samples, against their exact values. Tolerances
/// are about five standard errors, so a correct generator fails less than once in a million.
@Suite("Distributions")
struct DistributionTests {
    static let count = 400_000

    func moments(_ draw: (inout RandomStream) -> Double, seed: UInt64 = 5) -> (mean: Double, variance: Double) {
        var stream = RandomStream(seed: seed).derived("moments")
        var sum = 0.0
        var sumOfSquares = 0.0
        for _ in 0..<Self.count {
            let value = draw(&stream)
            sum += value
            sumOfSquares += value * value
        }
        let mean = sum / Double(Self.count)
        return (mean, sumOfSquares / Double(Self.count) - mean * mean)
    }

    @Test func uniform() {
        let (mean, variance) = moments { $0.uniform() }
        #expect(abs(mean - 0.5) < 0.003)
        #expect(abs(variance - 1.0 / 12) < 0.001)
    }

    @Test func bernoulli() {
        let (mean, _) = moments { $0.bernoulli(0.3) ? 1 : 0 }
        #expect(abs(mean - 0.3) < 0.004)
    }

    @Test(arguments: [0.5, 1.0, 4.0])
    func exponential(rate: Double) {
        let (mean, variance) = moments { $0.exponential(rate: rate) }
        #expect(abs(mean * rate - 1) < 0.008)
        #expect(abs(variance * rate * rate - 1) < 0.03)
    }

    @Test func exponentialTailIsRight() {
        var stream = RandomStream(seed: 9)
        let beyond = (0..<Self.count).filter { _ in stream.standardExponential() > 3 }.count
        #expect(abs(Double(beyond) / Double(Self.count) - exp(-3)) < 0.002)
        // Beyond the ziggurat's base layer (x > 7.697) draws come from its tail branch:
        // P(X > 7.7) = e^-7.7 ≈ 4.5e-4, about 182 of 400,000 (standard deviation 13.5).
        let farBeyond = (0..<Self.count).filter { _ in stream.standardExponential() > 7.7 }.count
        #expect(abs(Double(farBeyond) - Double(Self.count) * exp(-7.7)) < 70)
    }

    @Test func normal() {
        let (mean, variance) = moments { $0.normal(mean: 3, standardDeviation: 2) }
        #expect(abs(mean - 3) < 0.016)
        #expect(abs(variance - 4) < 0.05)
    }

    @Test func lognormal() {
        let (mean, _) = moments { $0.lognormal(mu: 0.5, sigma: 0.4) }
        #expect(abs(mean - exp(0.5 + 0.08)) < 0.01)
        var stream = RandomStream(seed: 2)
        var samples = (0..<10_001).map { _ in stream.lognormal(median: 1850, sigma: 0.3) }
        samples.sort()
        #expect(abs(samples[5_000] - 1850) < 25)
    }

    @Test(arguments: [0.7, 4.0, 9.99, 10.0, 35.0, 500.0])
    func poisson(mean expected: Double) {
        let (mean, variance) = moments { Double($0.poisson(mean: expected)) }
        let error = (expected / Double(Self.count)).squareRoot()
        #expect(abs(mean - expected) < 6 * error)
        #expect(abs(variance / expected - 1) < 0.03)
    }

    @Test func categoricalFollowsWeights() {
        var stream = RandomStream(seed: 4)
        var counts = [0, 0, 0, 0]
        for _ in 0..<Self.count { counts[stream.categorical(weights: [1, 0, 3, -2])!] += 1 }
        #expect(counts[1] == 0 && counts[3] == 0)
        #expect(abs(Double(counts[0]) / Double(Self.count) - 0.25) < 0.004)
        #expect(stream.categorical(weights: [0, -1]) == nil)
        #expect(stream.categorical(weights: []) == nil)
    }

    @Test func choiceByAttractivenessIsALogit() {
        var stream = RandomStream(seed: 6)
        var counts = [0, 0, 0]
        for _ in 0..<Self.count { counts[stream.choice(attractiveness: [0, 1, 2], scale: 1)!] += 1 }
        let total = 1 + M_E + M_E * M_E
        for (index, count) in counts.enumerated() {
            #expect(abs(Double(count) / Double(Self.count) - exp(Double(index)) / total) < 0.004)
        }
        var uniform = [0, 0]
        for _ in 0..<100_000 { uniform[stream.choice(attractiveness: [5, 900], scale: 0)!] += 1 }
        #expect(abs(uniform[0] - 50_000) < 1_000)
        #expect(stream.choice(attractiveness: []) == nil)
    }
}
