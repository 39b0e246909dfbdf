import SanziEngine

/// Openness and oversight in each village: what has happened since the last publicity posting,
/// the honest frictions that may turn into one-off petitions, and the grievances villagers
/// press about the misconduct they know of.
struct Oversight: Sendable {
    /// One village's openness and grievances.
    struct VillageRecord: Sendable {
        /// Ledger entries since the last publicity posting.
        var entriesSincePublicity = 0
        /// The latest case with an entry since the last posting: the posting shows it (-1: none).
        var caseSincePublicity: Int32 = -1
        var monthsSincePublicity = 0
        /// Honest frictions (late rent, arrears, failed listings) that may turn into petitions.
        var frictions = 0
        /// Grievances about misconduct, pressed by petition until answered.
        var grievances: [Grievance] = []
        /// Answers to its villagers' petitions posted on the echo wall (回音壁), fading.
        var answers = Discipline.Seen()
        /// This month's stream for reviews, audits and petitions.
        var random: RandomStream
    }

    var villages: [VillageRecord] = []
    /// The next grievance's id.
    var nextGrievance: Int64 = 1
    /// Rectification tasks done in each district, fading: what villagers see of it.
    var tasksDone: [Discipline.Seen] = []
}
