/// How villagers petition about the misconduct they see (信访): how they learn of a hidden
/// loss, how many sign, how often they come back, and when they give up. A grievance they
/// hold petitions the month they learn of it, then again every `repeatMonths` while no
/// investigation has proved its case, each time one level higher (township, district, then
/// the city), until it has petitioned `giveUpAfter` times. Petitions about honest frictions
/// (late rent, failed listings) and about land, elections and suspicion come at the rate
/// `OversightRules.petitionPropensity` sets; they are one-off unless `disputeAnswers` is set
/// (docs/oversight.md).
public struct PetitionRules: Hashable, Sendable, Codable {
    /// Chance that villagers see a case's loss in the first publicity posting after it (a
    /// posting shows what happened since the last), before its concealment.
    public var noticeAtPosting = 0.6
    /// Chance each month that villagers learn of a hidden loss by word of mouth, before its
    /// concealment.
    public var noticeMonthly = 0.05
    /// Share of a village's households a loss they see aggrieves enough to sign: each petition
    /// is signed by at least one household, on average `petitionPropensity` × households ×
    /// this share.
    public var aggrievedShare = 0.2
    /// Months between the petitions of a grievance no investigation has answered.
    public var repeatMonths = 1...3
    /// Petitions after which villagers give up on a grievance.
    public var giveUpAfter = 5
    /// Chance that the office a petition about anything but misconduct (a dispute) is filed
    /// with answers it (信访办结); unanswered, it comes back like a grievance. Nil: such
    /// petitions are one-off, filed once and never answered. A rectification task may set it
    /// for a district (`RectificationTask.Effect.disputeAnswers`).
    public var disputeAnswers: Double?

    public init() {}
}
