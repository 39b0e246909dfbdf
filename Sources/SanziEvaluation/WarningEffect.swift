import SanziEvents
import SanziScenario
import SanziTruth

/// What the early-warning system changed: a run set beside its pair with the warning system
/// off (same scenario and seed, so every process draws the same numbers until the warning
/// system's consequences reach it). evaluation.json's `warning_system_effect`.
public struct WarningEffect: Sendable, Hashable, Encodable {
    /// One side of the pair.
    public struct Side: Sendable, Hashable, Encodable {
        public var cases: Int
        public var lossFen: Int64
        public var recoveredFen: Int64
        /// The loss less what was recovered.
        public var netLossFen: Int64
        public var petitions: Int
        public var sanctions: Int
        public var leadsFromAlerts: Int
        /// Leads shelved unread, and investigations that proved their case.
        public var leadsDropped: Int
        public var substantiated: Int

        /// One run's side: its truth and what its oversight bodies did.
        public init(truth: GroundTruth, log: OversightLog) {
            let misconduct = truth.misconduct
            cases = misconduct.count
            lossFen = misconduct.reduce(0) { $0 + $1.loss }
            recoveredFen = log.recoveredFen
            netLossFen = lossFen - recoveredFen
            petitions = log.petitionsByDay.count
            sanctions = log.sanctionsByKind.reduce(0, +)
            leadsFromAlerts = log.leadsBySource[Int(LogRecord.LeadSource.alert.rawValue)]
            leadsDropped = log.bodies.values.reduce(0) { $0 + $1.dropped }
            substantiated = log.bodies.values.reduce(0) { $0 + $1.substantiated }
        }

        /// Adds another run's side (totals over seeds).
        public mutating func add(_ other: Side) {
            cases += other.cases
            lossFen += other.lossFen
            recoveredFen += other.recoveredFen
            netLossFen += other.netLossFen
            petitions += other.petitions
            sanctions += other.sanctions
            leadsFromAlerts += other.leadsFromAlerts
            leadsDropped += other.leadsDropped
            substantiated += other.substantiated
        }
    }

    /// Loss of the cases begun in a month, and petitions, on each side.
    public struct Month: Sendable, Hashable, Encodable {
        public var month: String
        public var lossOnFen: Int64
        public var lossOffFen: Int64
        public var petitionsOn: Int
        public var petitionsOff: Int
    }

    /// The run with the warning system as the scenario deploys it, and without it.
    public var on: Side
    public var off: Side
    /// Loss the warning system prevented (off − on), gross and net of recoveries.
    public var lossPreventedFen: Int64
    public var netLossPreventedFen: Int64
    public var casesAvoided: Int
    public var petitionsAvoided: Int
    public var months: [Month]

    public init(
        on: (truth: GroundTruth, log: OversightLog), off: (truth: GroundTruth, log: OversightLog),
        start: CalendarDate, days: Int
    ) {
        self.on = Side(truth: on.truth, log: on.log)
        self.off = Side(truth: off.truth, log: off.log)
        lossPreventedFen = self.off.lossFen - self.on.lossFen
        netLossPreventedFen = self.off.netLossFen - self.on.netLossFen
        casesAvoided = self.off.cases - self.on.cases
        petitionsAvoided = self.off.petitions - self.on.petitions
        let count = max(1, start.months(until: start.adding(days: max(0, days - 1))) + 1)
        func month(_ day: Int32) -> Int { min(count - 1, max(0, start.months(until: start.adding(days: Int(day))))) }
        months = (0..<count).map { index in
            let date = start.adding(months: index)
            return Month(
                month: date.monthText, lossOnFen: 0, lossOffFen: 0,
                petitionsOn: 0, petitionsOff: 0)
        }
        for entry in on.truth.misconduct { months[month(entry.startDay)].lossOnFen += entry.loss }
        for entry in off.truth.misconduct { months[month(entry.startDay)].lossOffFen += entry.loss }
        for day in on.log.petitionsByDay { months[month(day)].petitionsOn += 1 }
        for day in off.log.petitionsByDay { months[month(day)].petitionsOff += 1 }
    }
}
