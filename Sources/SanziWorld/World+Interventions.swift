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
            let (kind, value): (LogRecord.InterventionKind, Int64)
            switch change {
            case .listingThreshold(let money):
                (kind, value) = (.listingThreshold, money.fen)
                for district in districts { policies[district].listingThreshold = money.fen }
            case .announcementDays(let days):
                (kind, value) = (.announcementDays, Int64(days))
                for district in districts { policies[district].announcementDays = days }
            case .publicity(let frequency):
                (kind, value) = (.publicity, Int64(frequency.logged.rawValue))
                for district in districts { policies[district].publicity = frequency }
            case .cashCap(let money):
                (kind, value) = (.cashCap, money.fen)
                for district in districts { policies[district].cashCap = money.fen }
            case .warningSystem(let enabled):
                (kind, value) = (.warningSystem, enabled ? 1 : 0)
                for district in districts { policies[district].warningSystem = enabled }
            case .scaleMisconduct(let typology, let factor):
                (kind, value) = (.misconductScale, Int64((factor * 1000).rounded()))
                let scaled = typology.map { [$0.index] } ?? Array(Typology.allCases.indices)
                for district in districts {
                    for index in scaled { policies[district].misconductScale[index] *= factor }
                }
            }
            log(kind, value, intervention: index, in: intervention.districtID == nil ? nil : districts, &scheduler)
        }
    }

    /// Logs one change: once without a village when it applies everywhere, else once for each
    /// village of its districts, so that rules over the log apply it only there.
    private mutating func log(
        _ kind: LogRecord.InterventionKind, _ value: Int64, intervention index: Int, in districts: [Int]?,
        _ scheduler: inout Scheduler<Event>
    ) {
        let record = LogRecord(.intervention, village: -1, code: kind.rawValue, amount: value, count: Int32(index))
        guard let districts else { return emit(record, &scheduler) }
        for village in villages.indices where districts.contains(villages[village].district) {
            var local = record
            local.village = Int32(village)
            local.party = Int64(villages[village].district)
            emit(local, &scheduler)
        }
    }
}
