import SanziAlerts
import SanziEvents
import SanziScenario

/// Builds small event sequences for rule tests: ids count up, days are given.
struct EventBuilder {
    private(set) var events: [LoggedEvent] = []

    mutating func add(_ day: Int32, _ record: LogRecord) {
        events.append(LoggedEvent(id: UInt64(events.count + 1), day: day, record: record))
    }

    static func listing(
        _ id: Int64, asset: Int64 = 1, deal: UInt8 = 0, appraisal: Int64, reserve: Int64, term: Int32 = 5,
        days: Int32 = 10, relisting: Int64 = 0, village: Int32 = 0
    ) -> LogRecord {
        LogRecord(
            .listing, village: village, code: deal, subject: id, other: asset, party: relisting, amount: appraisal,
            amount2: reserve, count: term, count2: days)
    }

    static func bid(_ listing: Int64, bidder: Int64, amount: Int64) -> LogRecord {
        LogRecord(.bid, village: 0, subject: listing, party: bidder, amount: amount)
    }

    /// A registration turned away at the review, with the sealed offer it had lodged.
    static func disqualification(_ listing: Int64, bidder: Int64, offer: Int64, works: Bool = false) -> LogRecord {
        LogRecord(
            .disqualification, village: 0, code: (works ? LogRecord.Deal.works : .lease).rawValue, subject: listing,
            party: bidder, amount: offer)
    }

    static func award(
        _ listing: Int64, winner: Int64, price: Int64, reserve: Int64, method: UInt8 = 0, bidders: Int32 = 3,
        village: Int32 = 0
    ) -> LogRecord {
        LogRecord(
            .award, village: village, code: method, subject: listing, party: winner, amount: price, amount2: reserve,
            count: bidders)
    }

    static func contract(
        _ id: Int64, listing: Int64, party: Int64 = 7, deal: UInt8 = 0, annual: Int64, total: Int64, term: Int32 = 5,
        asset: Int32 = 1, village: Int32 = 0
    ) -> LogRecord {
        LogRecord(
            .contract, village: village, code: deal, subject: id, other: listing, party: party, amount: annual,
            amount2: total, count: term, count2: asset)
    }
}

/// Runs one rule, with its defaults or given parameters, over events; returns what it raised.
func alerts<Rule: AlertRule>(_ rule: Rule.Type, _ events: [LoggedEvent], _ overrides: [String: Double] = [:]) -> [Alert]
{
    var instance = rule.init(parameters: RuleParameters(overrides))
    return instance.raised(over: events)
}
