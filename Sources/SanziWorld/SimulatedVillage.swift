import SanziEngine
import SanziScenario

/// One village collective as generation fixed it: where it is, how large, and its own random
/// stream. What changes while the run goes on belongs to the sub-models.
struct SimulatedVillage: Sendable {
    var id: String
    var profile: Int
    var district: Int
    /// Index of its town in the scenario.
    var town: Int
    var households: Int
    var remoteness: Double
    /// Members of the villagers' representative meeting, who vote on deals.
    var representatives: Int
    /// The village's stream; every process draws from a child keyed by what it is about (a
    /// month, a deal on an item, a contract), so a change in one never shifts the draws of
    /// another (paired runs compare worlds that differ in a few places).
    var root: RandomStream
}

/// The policies in force in one district; interventions change them on their dates.
struct Policy: Sendable {
    var listingThreshold: Int64
    var announcementDays: Int
    var publicity: Frequency
    var cashCap: Int64
    var warningSystem: Bool
    /// Factor on each typology's rate, indexed by `Typology.index`.
    var misconductScale: [Double]
    /// The independence of the district's supervision committees once a rectification task set
    /// it; nil while each village's profile says.
    var supervisionIndependence: Double? = nil
    /// The chance the district's offices answer a dispute's petition (`PetitionRules.disputeAnswers`);
    /// nil while disputes are one-off.
    var disputeAnswers: Double?
}
