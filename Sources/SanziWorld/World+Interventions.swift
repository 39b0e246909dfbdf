import SanziEngine
import SanziEvents
import SanziScenario

/// Dated policy changes from the scenario.
extension World {
    /// Applies a scenario intervention to its district, or to all, and logs each change.
    mutating func intervene(_ index: Int, _ scheduler: inout Scheduler<Event>) {
        let intervention = scenario.interventions[index]
        let districts = scenario.geography.districts.indices.filter {
            intervention.districtID == nil || scenario.geography.districts[$0].id == intervention.districtID
        }
        for change in intervention.changes {
            let (kind, value) = apply(change, in: districts)
            log(
                kind, value, intervention: index, task: -1, in: intervention.districtID == nil ? nil : districts,
                &scheduler)
        }
    }

    /// Changes the policy of some districts; returns the change as the log writes it.
    mutating func apply(_ change: Intervention.Change, in districts: [Int]) -> (LogRecord.InterventionKind, Int64) {
        switch change {
        case .listingThreshold(let money):
            for district in districts { policies[district].listingThreshold = money.fen }
            return (.listingThreshold, money.fen)
        case .announcementDays(let days):
            for district in districts { policies[district].announcementDays = days }
            return (.announcementDays, Int64(days))
        case .publicity(let frequency):
            for district in districts { policies[district].publicity = frequency }
            return (.publicity, Int64(frequency.logged.rawValue))
        case .cashCap(let money):
            for district in districts { policies[district].cashCap = money.fen }
            return (.cashCap, money.fen)
        case .warningSystem(let enabled):
            for district in districts { policies[district].warningSystem = enabled }
            return (.warningSystem, enabled ? 1 : 0)
        case .scaleMisconduct(let typology, let factor):
            let scaled = typology.map { [$0.index] } ?? Array(Typology.allCases.indices)
            for district in districts {
                for index in scaled { policies[district].misconductScale[index] *= factor }
            }
            return (.misconductScale, Int64((factor * 1000).rounded()))
        }
    }

    /// Logs one change: once without a village when it applies everywhere, else once for each
    /// village of its districts, so that rules over the log apply it only there.
    mutating func log(
        _ kind: LogRecord.InterventionKind, _ value: Int64, intervention index: Int, task: Int, in districts: [Int]?,
        _ scheduler: inout Scheduler<Event>
    ) {
        let record = LogRecord(
            .intervention, village: -1, code: kind.rawValue, other: Int64(task), amount: value, count: Int32(index))
        // In a run split by district the first district's shard logs what applies everywhere.
        guard let districts else { return (place.district ?? 0) == 0 ? emit(record, &scheduler) : () }
        for village in villages.indices where districts.contains(villages[village].district) {
            var local = record
            local.village = Int32(village)
            local.party = Int64(villages[village].district)
            emit(local, &scheduler)
        }
    }
}
