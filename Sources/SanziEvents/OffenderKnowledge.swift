/// What corrupt actors know of the deployed alert rules, as typed values: the values they stay
/// under when the scenario's offenders adapt (`adaptation`). The rules fill it in
/// (`AlertRule.disclose`), the world reads it, and neither imports the other.
///
/// A field is nil when the rule behind it is not deployed: there is then nothing to stay under.
public struct OffenderKnowledge: Sendable, Hashable, Codable {
    /// P01: deals at or over this total (fen) kept off the platform are flagged.
    public var offPlatformThreshold: Int64?
    /// P02: small deals with one party within this many days are combined.
    public var splitWindowDays: Int?
    /// V02: a winning premium over the reserve at or under this share is flagged.
    public var noPremiumMargin: Double?
    /// K01: leases longer than this many years are flagged (the local cap).
    public var leaseCapYears: Int?
    /// K02: amendments that change a contract's value by this share or more are red.
    public var amendmentLimit: Double?
    /// F02: payments over this amount (fen) need the two committees' approval.
    public var secondApprovalTier: Int64?
    /// F07: payments to households within this many days before an election are flagged.
    public var electionWindowDays: Int?

    /// Knowledge of no deployed rule.
    public init() {}
}
