import SanziEvents
import SanziScenario

/// Counts what calibration targets measure as a run's log streams: petitions and people
/// sanctioned in periods, in a district or everywhere.
final class TargetCounter: EventSink {
    /// What one target counts: the days of its period(s), its district's position, its filters.
    private struct Count {
        var days: ClosedRange<Int32>
        var district: Int?
        var agricultural: Bool
        var ranks: Set<LogRecord.Rank>?
        var total = 0
    }

    private let districtOfVillage: [Int]
    /// Two counts per target (the earlier period of a change, then the period itself).
    private var counts: [(before: Count?, after: Count)]

    init(_ targets: [CalibrationTargets.Target], scenario: Scenario) {
        districtOfVillage = scenario.geography.districts.enumerated().flatMap { index, district in
            district.towns.flatMap(\.villages).map { _ in index }
        }
        let district = { (id: String?) in id.flatMap { id in scenario.geography.districts.firstIndex { $0.id == id } } }
        func days(_ period: CalibrationTargets.Period) -> ClosedRange<Int32> {
            Int32(
                clamping: scenario.start.days(until: period.from))...Int32(
                    clamping: scenario.start.days(until: period.to))
        }
        counts = targets.map { target in
            let place = district(target.districtID)
            switch target.statistic {
            case .petitions(let period):
                return (nil, Count(days: days(period), district: place, agricultural: target.agricultural))
            case .petitionChange(let before, let after):
                return (
                    Count(days: days(before), district: place, agricultural: target.agricultural),
                    Count(days: days(after), district: place, agricultural: target.agricultural)
                )
            case .sanctioned(let period, let ranks):
                return (nil, Count(days: days(period), district: place, agricultural: false, ranks: ranks))
            }
        }
    }

    func accept(_ event: LoggedEvent) {
        let record = event.record
        guard record.type == .petition || record.type == .sanction else { return }
        let district =
            record.village >= 0 && Int(record.village) < districtOfVillage.count
            ? districtOfVillage[Int(record.village)] : nil
        for index in counts.indices {
            if let before = counts[index].before, matches(before, event, district) { counts[index].before?.total += 1 }
            if matches(counts[index].after, event, district) { counts[index].after.total += 1 }
        }
    }

    private func matches(_ count: Count, _ event: LoggedEvent, _ district: Int?) -> Bool {
        guard count.days.contains(event.day), count.district == nil || count.district == district else { return false }
        if let ranks = count.ranks {
            return event.record.type == .sanction && event.record.rank.map(ranks.contains) == true
        }
        guard event.record.type == .petition else { return false }
        return !count.agricultural || event.record.petitionTopic?.isAgricultural == true
    }

    /// Each target's value in this run: a count, or a change in percent (nil when the earlier
    /// period has no petition to compare with).
    var values: [Double?] {
        counts.map { before, after in
            guard let before else { return Double(after.total) }
            return before.total > 0 ? 100 * (Double(after.total) / Double(before.total) - 1) : nil
        }
    }
}
