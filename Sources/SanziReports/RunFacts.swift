import SanziScenario

/// What a report says about the run itself: the scenario, the seed, the period and the places.
public struct RunFacts: Sendable {
    /// A village: its id and name, and its district's index.
    public struct Village: Sendable {
        public var id: String
        public var name: String
        public var district: Int

        public init(id: String, name: String, district: Int) {
            self.id = id
            self.name = name
            self.district = district
        }
    }

    public var scenario: String
    public var seed: UInt64
    public var start: CalendarDate
    public var days: Int
    public var events: UInt64
    public var villages: [Village]
    /// Districts by index: id and name.
    public var districts: [(id: String, name: String)]
    /// The scenario's interventions within the run, by day: each with its name, and, for a
    /// switch of the warning system, whether it turns it on and whether it applies everywhere.
    public var interventions: [Intervention] = []
    /// Whether the warning system runs from the start.
    public var warningSystemAtStart = true

    public struct Intervention: Sendable {
        public var day: Int32
        public var name: String
        public var warningSystem: (on: Bool, everywhere: Bool)?
    }

    public init(
        scenario: String, seed: UInt64, start: CalendarDate, days: Int, events: UInt64, villages: [Village],
        districts: [(id: String, name: String)]
    ) {
        self.scenario = scenario
        self.seed = seed
        self.start = start
        self.days = days
        self.events = events
        self.villages = villages
        self.districts = districts
    }

    /// Whether the warning system ran on a day somewhere: from the start, or switched on
    /// (everywhere or in a district) and not switched off everywhere since.
    func warningSystemRuns(on day: Int32) -> Bool {
        var runs = warningSystemAtStart
        for intervention in interventions where intervention.day <= day {
            guard let change = intervention.warningSystem else { continue }
            if change.on { runs = true } else if change.everywhere { runs = false }
        }
        return runs
    }

    /// The facts of a scenario's run.
    public init(scenario: Scenario, seed: UInt64, events: UInt64) {
        var villages: [Village] = []
        for (index, district) in scenario.geography.districts.enumerated() {
            for village in district.towns.flatMap(\.villages) {
                villages.append(Village(id: village.id, name: village.name, district: index))
            }
        }
        self.init(
            scenario: scenario.name, seed: seed, start: scenario.start,
            days: scenario.horizon.dayCount(from: scenario.start), events: events, villages: villages,
            districts: scenario.geography.districts.map { ($0.id, $0.name) })
        warningSystemAtStart = scenario.alerts.warningSystem
        interventions = scenario.interventions.compactMap { intervention in
            let day = scenario.start.days(until: intervention.date)
            guard day >= 0, day < self.days else { return nil }
            let switches = intervention.changes.compactMap { change -> Bool? in
                if case .warningSystem(let enabled) = change { return enabled }
                return nil
            }
            return Intervention(
                day: Int32(day), name: intervention.name,
                warningSystem: switches.last.map { ($0, intervention.districtID == nil) })
        }.sorted { $0.day < $1.day }
    }

    func date(_ day: Int32) -> String { start.adding(days: Int(day)).description }
}
