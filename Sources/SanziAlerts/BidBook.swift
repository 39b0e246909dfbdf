import SanziEvents

/// The bids made on each listing, gathered until its award. The engine keeps one for all the
/// rules that read bids (`AlertRule.readsBids`: C02, C03, C04 and C07) in their
/// `Declarations`: each bid is entered once, and a listing's bids are let go once every rule
/// has read its award. (Each of the four kept a book of its own: some 3.5% of a run's
/// instructions, every bid hashed into four dictionaries.)
struct BidBook: Sendable {
    /// A bid: who made it, the amount, and the id of its event.
    typealias Bid = (bidder: Int64, amount: Int64, id: UInt64)

    private var open: [Int64: [Bid]] = [:]

    /// Enters a `bid` event.
    mutating func add(_ event: LoggedEvent) {
        open[event.record.subject, default: []].append((event.record.party, event.record.amount, event.id))
    }

    /// The bids made on `listing` so far, in the order made.
    func bids(on listing: Int64) -> [Bid] { open[listing] ?? [] }

    /// Lets go of `listing`'s bids (its award has been read).
    mutating func close(_ listing: Int64) { open.removeValue(forKey: listing) }
}
