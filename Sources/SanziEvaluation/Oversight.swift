import SanziEvents
import SanziOutput
import SanziScenario
import SanziTruth

/// What the discipline-inspection bodies did with the leads they had and the investigators
/// they were given (evaluation.json's `oversight`, documented in docs/evaluation.md).
public struct Oversight: Sendable, Hashable, Encodable {
    /// One body's work and load.
    public struct Body: Sendable, Hashable, Encodable {
        public var level: String
        /// The town or district it serves, or "city".
        public var area: String
        public var investigators: Int
        public var investigations: Int
        public var substantiated: Int
        public var investigatorDays: Int
        /// Investigator-days spent over those its investigators had in the run; nil without any.
        @NullWhenAbsent public var utilisation: Double?
        public var leadsDropped: Int
        @NullWhenAbsent public var medianWaitDays: Double?
        @NullWhenAbsent public var p90WaitDays: Double?
    }

    /// A task of the rectification ledger (整改台账).
    public struct Task: Sendable, Hashable, Encodable {
        public enum Status: String, Sendable, Hashable, Encodable {
            /// Done by its due day; done after it (a guidance group followed it up); past its
            /// due day and not done when the run ended; not yet due when the run ended.
            case onTime = "on-time"
            case late, overdue, open
        }

        public var task: Int64
        public var inspection: String
        public var district: String
        public var name: String
        public var owner: String
        public var opened: String
        public var due: String
        @NullWhenAbsent public var done: String?
        public var daysLate: Int
        public var status: Status
    }

    public var leads: Int
    /// Leads by where they came from (alert, petition, audit, review, echo-wall, referral).
    public var leadsBySource: [String: Int]
    /// Leads that joined an open lead on the same matter (more evidence, no new work).
    public var leadsJoined: Int
    public var leadsDropped: Int
    public var investigations: Int
    public var substantiated: Int
    public var unsubstantiated: Int
    public var investigatorDays: Int
    @NullWhenAbsent public var medianWaitDays: Double?
    @NullWhenAbsent public var p90WaitDays: Double?
    public var sanctions: Int
    public var sanctionsByKind: [String: Int]
    public var sanctionsByRank: [String: Int]
    public var removals: Int
    public var blacklisted: Int
    public var exposures: Int
    public var recoveredFen: Int64
    /// Misconduct cases an investigation proved, and the days from a case's first act to its
    /// proof (median and 90th percentile).
    public var casesProven: Int
    /// Of them, those acted by several people together.
    public var groupCasesProven: Int
    @NullWhenAbsent public var medianDaysOffenceToProof: Double?
    @NullWhenAbsent public var p90DaysOffenceToProof: Double?
    /// The rectification ledger: every task opened, in order.
    public var rectification: [Task]
    /// Grievances and disputes answered, by what answered them (investigation, rectification,
    /// office), and the answers posted on the echo wall.
    public var petitionsAnswered: Int
    public var petitionsAnsweredBy: [String: Int]
    public var answersPublished: Int
    /// Satisfaction surveys held.
    public var surveys: [SurveyResult]
    public var petitions: Int
    /// Petitions by topic, and those about agriculture (every topic but `other`, 涉农信访).
    public var petitionsByTopic: [String: Int]
    public var petitionsAgricultural: Int
    /// Petitions by where they were filed: the township, or a district or the city when
    /// villagers went over heads (越级).
    public var petitionsByLevel: [String: Int]
    public var bodies: [Body]

    public init(_ log: OversightLog, scenario: Scenario, truth: GroundTruth, days: Int) {
        let rules = scenario.oversight.discipline
        let towns = scenario.geography.towns.map(\.name)
        let districts = scenario.geography.districts.map(\.name)
        bodies = log.bodies.keys.sorted().map { key in
            let work = log.bodies[key] ?? OversightLog.BodyWork()
            let level: DisciplineRules.Level =
                switch key.level {
                case .township: .township
                case .district: .district
                case .city: .city
                }
            let declared = rules.body(level)
            let capacity = Double(declared.investigators * days * declared.workingDaysPerWeek) / 7
            let area: String =
                switch key.level {
                case .township: towns.indices.contains(Int(key.area)) ? towns[Int(key.area)] : "\(key.area)"
                case .district: districts.indices.contains(Int(key.area)) ? districts[Int(key.area)] : "\(key.area)"
                case .city: "city"
                }
            return Body(
                level: key.level.name, area: area, investigators: declared.investigators,
                investigations: work.investigations, substantiated: work.substantiated,
                investigatorDays: work.investigatorDays,
                utilisation: capacity > 0 ? Evaluation.rounded(Double(work.investigatorDays) / capacity) : nil,
                leadsDropped: work.dropped, medianWaitDays: Tally.median(work.waits.sorted()),
                p90WaitDays: Tally.percentile(work.waits.sorted(), 0.9))
        }
        let work = log.bodies.values
        leads = log.leads
        leadsBySource = Self.named(log.leadsBySource, LogRecord.LeadSource.names)
        leadsJoined = log.leadsJoined
        leadsDropped = work.reduce(0) { $0 + $1.dropped }
        investigations = work.reduce(0) { $0 + $1.investigations }
        substantiated = work.reduce(0) { $0 + $1.substantiated }
        unsubstantiated = investigations - substantiated
        investigatorDays = work.reduce(0) { $0 + $1.investigatorDays }
        let waits = work.flatMap(\.waits).sorted()
        medianWaitDays = Tally.median(waits)
        p90WaitDays = Tally.percentile(waits, 0.9)
        sanctions = log.sanctionsByKind.reduce(0, +)
        sanctionsByKind = Self.named(log.sanctionsByKind, LogRecord.SanctionKind.names)
        sanctionsByRank = Self.named(log.sanctionsByRank, LogRecord.Rank.names)
        removals = log.removals
        blacklisted = log.blacklisted
        exposures = log.exposures
        recoveredFen = log.recoveredFen
        let proven = truth.misconduct.filter { $0.discoveredDay >= 0 }
        casesProven = proven.count
        groupCasesProven = proven.filter { $0.perpetrators.count > 1 }.count
        let delays = proven.map { max(0, $0.discoveredDay - $0.startDay) }.sorted()
        medianDaysOffenceToProof = Tally.median(delays)
        p90DaysOffenceToProof = Tally.percentile(delays, 0.9)
        rectification = Self.ledger(log, scenario: scenario, days: days)
        petitionsAnswered = log.petitionsAnswered
        petitionsAnsweredBy = Self.named(log.petitionsAnsweredBy, LogRecord.AnsweredBy.names)
        answersPublished = log.answersPublished
        surveys = SurveyResult.results(log, scenario: scenario)
        petitions = log.petitionsByDay.count
        petitionsByTopic = Self.named(log.petitionsByTopic, LogRecord.PetitionTopic.names)
        petitionsAgricultural = LogRecord.PetitionTopic.allCases.filter(\.isAgricultural).reduce(0) {
            $0 + log.petitionsByTopic[Int($1.rawValue)]
        }
        petitionsByLevel = Self.named(log.petitionsByLevel, LogRecord.Level.names)
    }

    /// The ledger's tasks by id, named from the scenario and dated.
    static func ledger(_ log: OversightLog, scenario: Scenario, days: Int) -> [Task] {
        let declared = scenario.rectification.tasks
        let inspections = scenario.rectification.inspections
        func date(_ day: Int32) -> String { scenario.start.adding(days: Int(day)).description }
        return log.tasks.keys.sorted().compactMap { id in
            guard let record = log.tasks[id], declared.indices.contains(Int(id) - 1) else { return nil }
            let (inspection, task) = declared[Int(id) - 1]
            let status: Task.Status =
                record.done != nil
                ? (record.daysLate > 0 ? .late : .onTime) : (Int(record.due) < days ? .overdue : .open)
            return Task(
                task: id, inspection: inspections[inspection].name,
                district: scenario.geography.district(inspections[inspection].districtID).map {
                    scenario.geography.districts[$0].name
                } ?? inspections[inspection].districtID,
                name: task.name, owner: record.owner.name, opened: date(record.opened), due: date(record.due),
                done: record.done.map(date), daysLate: record.daysLate, status: status)
        }
    }

    static func named(_ counts: [Int], _ names: [String]) -> [String: Int] {
        Dictionary(uniqueKeysWithValues: zip(names, counts))
    }

}
