/// A listing before it is announced: what the honest market would bring (bidders with their
/// valuations and registration days), which a case or look-alike may then reshape.
struct ListingPlan: Sendable {
    var appraisal: Int64
    var reserve: Int64
    var days: Int
    var bidders: [Int32] = []
    var valuations: [Int64] = []
    /// Days from the announcement to each bidder's registration.
    var delays: [Int] = []
}
