import SanziScenario

/// One entry of the ground truth: a misconduct case acted out in the world, or an honest
/// look-alike of a typology. Kept apart from the observable log; only evaluation and dataset
/// labelling read it.
public struct Case: Sendable, Hashable, Codable {
    /// Misconduct, or honest events that resemble a typology.
    public enum Kind: String, Sendable, Hashable, Codable {
        case misconduct
        case lookAlike = "look-alike"
    }

    /// Position in `cases.csv`, from 1.
    public var id: Int
    public var kind: Kind
    public var typology: Typology
    /// Index of the village in the scenario's village list.
    public var village: Int32
    /// Person ids of the corrupt actors (empty for look-alikes).
    public var perpetrators: [Int64]
    /// The bidder who gained (a crony, a relative's firm, a ring member), or -1.
    public var beneficiary: Int64
    /// Day of the first and the last event the case touched; the day it began when it
    /// touched none (concealed cases).
    public var startDay: Int32
    public var endDay: Int32
    /// What the collective should have booked on the entries the case touched, and what it
    /// booked, in fen (money in positive, out negative). The loss is the difference.
    public var expected: Int64
    public var booked: Int64
    /// Whether the offender shaped the act to stay under known alert thresholds.
    public var adapted: Bool
    /// Day an investigation proved the case (its lead from an alert, a petition, an audit or
    /// a review), or -1.
    public var discoveredDay: Int32
    /// Ids of the log events the case produced or altered, ascending.
    public var events: [UInt64]
    /// Fen booked back to the village after the case was proven.
    public var recovered: Int64
    /// Money that changed hands privately, in fen (votes bought): never in the village's
    /// ledger, and no part of the collective's loss.
    public var privateMoney: Int64

    /// Money the case moved away from the collective by the end of the run, in fen: what the
    /// collective should have booked on the case's entries less what it booked, never below 0.
    public var loss: Int64 { max(0, expected - booked) }

    /// Money the collective booked above its honest counterfactual on the case's entries, in
    /// fen, else 0: a rigged auction that cleared above what the honest bidders alone would
    /// likely have paid (the ring's covers bid at the reserve where few honest bidders came).
    /// Reported apart, never netted against other cases' losses.
    public var gain: Int64 { max(0, booked - expected) }

    public init(
        id: Int, kind: Kind, typology: Typology, village: Int32, perpetrators: [Int64], beneficiary: Int64,
        startDay: Int32, endDay: Int32, expected: Int64, booked: Int64, adapted: Bool, discoveredDay: Int32,
        events: [UInt64], recovered: Int64 = 0, privateMoney: Int64 = 0
    ) {
        self.id = id
        self.kind = kind
        self.typology = typology
        self.village = village
        self.perpetrators = perpetrators
        self.beneficiary = beneficiary
        self.startDay = startDay
        self.endDay = endDay
        self.expected = expected
        self.booked = booked
        self.adapted = adapted
        self.discoveredDay = discoveredDay
        self.events = events
        self.recovered = recovered
        self.privateMoney = privateMoney
    }
}
