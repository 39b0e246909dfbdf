/// An amount of money in whole fen (分): 100 fen make one yuan.
///
/// Money is never a floating-point number in Sanzi, so that ledgers balance to the fen.
public struct Money: Hashable, Comparable, Sendable, Codable, AdditiveArithmetic, CustomStringConvertible {
    /// The amount in fen.
    public var fen: Int64

    /// Creates an amount from a number of fen.
    public init(fen: Int64) { self.fen = fen }

    /// Creates an amount from a whole number of yuan.
    public init(yuan: Int64) { self.fen = yuan * 100 }

    /// Parses a decimal yuan amount with at most two decimals ("1850", "0.5", "12000.25").
    ///
    /// Returns `nil` for anything else, including negative amounts and amounts that overflow.
    public init?(yuanText text: Substring) {
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let wholeText = parts.first, !wholeText.isEmpty, wholeText.allSatisfy(\.isASCIIDigit),
            let whole = Int64(wholeText)
        else { return nil }
        var cents: Int64 = 0
        if parts.count == 2 {
            let fraction = parts[1]
            guard (1...2).contains(fraction.count), fraction.allSatisfy(\.isASCIIDigit),
                let value = Int64(fraction)
            else { return nil }
            cents = fraction.count == 1 ? value * 10 : value
        }
        let (scaled, overflow) = whole.multipliedReportingOverflow(by: 100)
        guard !overflow else { return nil }
        self.fen = scaled + cents
    }

    public static var zero: Money { Money(fen: 0) }
    public static func + (lhs: Money, rhs: Money) -> Money { Money(fen: lhs.fen + rhs.fen) }
    public static func - (lhs: Money, rhs: Money) -> Money { Money(fen: lhs.fen - rhs.fen) }
    public static func < (lhs: Money, rhs: Money) -> Bool { lhs.fen < rhs.fen }

    /// The amount in yuan with two decimals, e.g. `1850.00`.
    public var description: String {
        let sign = fen < 0 ? "-" : ""
        let magnitude = fen.magnitude
        let cents = magnitude % 100
        return "\(sign)\(magnitude / 100).\(cents < 10 ? "0" : "")\(cents)"
    }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
