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
    }

    func date(_ day: Int32) -> String { start.adding(days: Int(day)).description }
}
