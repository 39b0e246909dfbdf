import SanziEngine

/// Openness and oversight in each village: what has happened since the last publicity posting,
/// and the grievances that may turn into petitions.
struct Oversight: Sendable {
    /// One village's openness and grievances.
    struct VillageRecord: Sendable {
        /// Ledger entries since the last publicity posting.
        var entriesSincePublicity = 0
        /// The latest case with an entry since the last posting: the posting shows it (-1: none).
        var caseSincePublicity: Int32 = -1
        var monthsSincePublicity = 0
        /// Grievances (late money, failed deals) that may turn into petitions.
        var grievances = 0
        /// This month's stream for reviews, audits and petitions.
        var random: RandomStream
    }

    var villages: [VillageRecord] = []
}
