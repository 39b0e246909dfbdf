import SanziScenario
import SanziTruth

/// A misconduct case or look-alike while the run goes on; its events are gathered by the log
/// observer (`LogObserver.caseEvents`), its money by the world as entries are booked.
struct CaseRecord: Sendable {
    var kind: Case.Kind
    var typology: Typology
    var village: Int32
    /// Person ids of the corrupt actors.
    var perpetrators: [Int32]
    /// Bidder index of who gained, or -1.
    var beneficiary: Int32
    var day: Int32
    var adapted: Bool
    var concealment: Double
    /// Fen the collective should have booked on the touched entries, and what it booked.
    var expected: Int64 = 0
    var booked: Int64 = 0
    var discoveredDay: Int32 = -1
}
