import SanziEvents
import SanziScenario

/// Measures what calibration targets ask of a run as its log streams: petitions and people
/// sanctioned in periods (in a district or everywhere), and surveys' shares.
final class TargetCounter: EventSink {
    /// What one count counts: the days of its period, its district's position, its filters.
    private struct Count {
        var days: ClosedRange<Int32>
        var district: Int?
        var agricultural: Bool
        var ranks: Set<LogRecord.Rank>?
        var total = 0
    }

    /// How one target is measured: a count (two for a change: the earlier period, then the
    /// period itself), a survey's share (the survey's id in the log, nil for none), the share
    /// of sanctions with some charges, or the people each investigation sanctioned.
    private enum Measure {
        case count(before: Count?, after: Count)
        case survey(id: Int64?, approving: Bool, share: Double? = nil)
        case charges(
            days: ClosedRange<Int32>, Set<LogRecord.Charge>, among: Set<LogRecord.Charge>, matching: Int = 0,
            of: Int = 0)
        case groups(days: ClosedRange<Int32>, sanctioned: [Int64: Int] = [:])
    }

    private let districtOfVillage: [Int]
    private var measures: [Measure]

    init(_ targets: [CalibrationTargets.Target], scenario: Scenario) {
        districtOfVillage = scenario.geography.districts.enumerated().flatMap { index, district in
            district.towns.flatMap(\.villages).map { _ in index }
        }
        let district = { (id: String?) in id.flatMap(scenario.geography.district) }
        func days(_ period: CalibrationTargets.Period) -> ClosedRange<Int32> {
            Int32(
                clamping: scenario.start.days(until: period.from))...Int32(
                    clamping: scenario.start.days(until: period.to))
        }
        func survey(_ name: String) -> Int64? {
            scenario.surveys.surveys.firstIndex { $0.name == name }.map { Int64($0 + 1) }
        }
        measures = targets.map { target in
            let place = district(target.districtID)
            let count = { (period: CalibrationTargets.Period) in
                Count(days: days(period), district: place, agricultural: target.agricultural)
            }
            switch target.statistic {
            case .petitions(let period): return .count(before: nil, after: count(period))
            case .petitionChange(let before, let after): return .count(before: count(before), after: count(after))
            case .sanctioned(let period, let ranks):
                return .count(
                    before: nil, after: Count(days: days(period), district: place, agricultural: false, ranks: ranks))
            case .surveyAware(let name): return .survey(id: survey(name), approving: false)
            case .surveyApproving(let name): return .survey(id: survey(name), approving: true)
            case .chargeShare(let period, let charges, let among):
                return .charges(days: days(period), charges, among: among)
            case .groupShare(let period): return .groups(days: days(period))
            }
        }
    }

    func accept(_ event: LoggedEvent) {
        let record = event.record
        switch record.type {
        case .petition, .sanction:
            let district =
                record.village >= 0 && Int(record.village) < districtOfVillage.count
                ? districtOfVillage[Int(record.village)] : nil
            for index in measures.indices {
                switch measures[index] {
                case .count(var before, var after):
                    if let earlier = before, matches(earlier, event, district) { before?.total += 1 }
                    if matches(after, event, district) { after.total += 1 }
                    measures[index] = .count(before: before, after: after)
                case .charges(let days, let charges, let among, let matching, let total)
                where record.type == .sanction && days.contains(event.day):
                    guard let charge = LogRecord.Charge(rawValue: UInt8(clamping: record.count2)),
                        among.contains(charge)
                    else { break }
                    measures[index] = .charges(
                        days: days, charges, among: among, matching: matching + (charges.contains(charge) ? 1 : 0),
                        of: total + 1)
                case .groups(let days, var sanctioned) where record.type == .sanction && days.contains(event.day):
                    sanctioned[record.other, default: 0] += 1
                    measures[index] = .groups(days: days, sanctioned: sanctioned)
                default: break
                }
            }
        case .survey where record.count > 0:
            for index in measures.indices {
                guard case .survey(let id, let approving, _) = measures[index], id == record.subject else { continue }
                let share = 100 * Double(approving ? record.amount : record.other) / Double(record.count)
                measures[index] = .survey(id: id, approving: approving, share: share)
            }
        default: break
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

    /// Each target's value in this run: a count, a change or a share in percent (nil when a
    /// change's earlier period has no petition, or a survey was not held).
    var values: [Double?] {
        measures.map { measure in
            switch measure {
            case .count(let before, let after):
                guard let before else { return Double(after.total) }
                return before.total > 0 ? 100 * (Double(after.total) / Double(before.total) - 1) : nil
            case .survey(_, _, let share): return share
            case .charges(_, _, _, let matching, let total):
                return total > 0 ? 100 * Double(matching) / Double(total) : nil
            case .groups(_, let sanctioned):
                let groups = sanctioned.values.filter { $0 > 1 }.count
                return sanctioned.isEmpty ? nil : 100 * Double(groups) / Double(sanctioned.count)
            }
        }
    }
}
