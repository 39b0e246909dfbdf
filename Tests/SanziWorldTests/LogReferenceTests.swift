import SanziEvents
import SanziScenario
import Testing

@testable import SanziWorld

/// What the schema says each field names (`EventSchema.Reference`) is what the world writes
/// there: every listing, contract, loan, grievance, lead and investigation is introduced by its
/// own record before any other record names it (all but grievances numbered from 1 in that
/// order: a grievance is numbered as it arises, petitioned or not); every
/// other name is within what the run or the scenario has, and an asset, a bidder or a person
/// named by a village's record is of that village or of none. A split run renumbers by these
/// declarations when it merges districts' logs, so a field named wrongly would be renumbered
/// wrongly.
@Suite("The log's references")
struct LogReferenceTests {
    /// The records that introduce a thing the run numbers: their type and field.
    static let introducers: [EventSchema.Reference: [(EventType, String)]] = [
        .listing: [(.listing, "listing")],
        .contract: [(.contract, "contract"), (.renewal, "contract")],
        .loan: [(.loan, "loan")],
        .grievance: [(.petition, "grievance"), (.petitionAnswered, "grievance")],
        .lead: [(.lead, "lead")],
        .investigation: [(.investigationOpened, "investigation")],
    ]

    @Test func everyFieldNamesWhatTheSchemaSays() throws {
        #expect(WorldInvariantTests.runs.count == 2)
        for (name, run) in WorldInvariantTests.runs {
            let scenario = try WorldFixtures.scenario(name)
            var check = ReferenceCheck(scenario: scenario, population: .init(run.world))
            for event in run.events { check.read(event) }
            #expect(check.problems.isEmpty, "\(name): \(check.problems.prefix(10))")
            for kind in Self.introducers.keys where kind != .loan {
                #expect(!check.seen[kind, default: []].isEmpty, "\(name) introduces no \(kind)")
            }
        }
    }

    /// Every field that names something says so, and only those.
    @Test func theSchemaNamesTheFieldsThatNameSomething() {
        let named = EventType.allCases.flatMap { type in
            EventSchema.fields(of: type).filter { $0.refersTo != nil }.map { "\(type.name).\($0.name)" }
        }
        #expect(named.count == 77)
        #expect(named.contains("lead.about_id") && named.contains("investigation_opened.area"))
        #expect(!named.contains("payment.installment") && !named.contains("task_opened.owner"))
    }

    /// The run's assets, bidders and persons: how many, and the village of each.
    struct Population {
        var assets: Int
        var bidders: Int
        var persons: Int
        var towns: Int
        /// The village an asset, bidder or person belongs to (-1 for none); nil when not known.
        var village: (Int64, EventSchema.Reference) -> Int32?

        init(
            assets: Int, bidders: Int, persons: Int, towns: Int,
            village: @escaping (Int64, EventSchema.Reference) -> Int32?
        ) {
            (self.assets, self.bidders, self.persons, self.towns, self.village) = (
                assets, bidders, persons, towns, village
            )
        }

        init(_ world: World) {
            self.init(
                assets: world.platform.items.count, bidders: world.platform.bidders.count,
                persons: world.people.persons.count, towns: world.villagesOfTown.count
            ) { value, reference in
                switch reference {
                case .asset: world.platform.items[Int(value)].village
                case .bidder: world.platform.bidders[Int(value) - 1].village
                case .person: world.people.persons[Int(value)].village
                default: nil
                }
            }
        }
    }

    /// Follows a log, noting what is introduced and every name that points nowhere.
    struct ReferenceCheck {
        let scenario: Scenario
        let population: Population
        var seen: [EventSchema.Reference: Set<Int64>] = [:]
        var problems: [String] = []

        init(scenario: Scenario, population: Population) {
            self.scenario = scenario
            self.population = population
        }

        mutating func read(_ event: LoggedEvent) {
            let fields = EventSchema.fields(of: event.record.type)
            for field in fields {
                guard let reference = field.refersTo else { continue }
                let value = event.record[field.slot]
                let place = "log id \(event.id) \(event.record.type.name).\(field.name) = \(value)"
                switch reference {
                case .leadTarget:
                    let about = LogRecord.LeadAbout(rawValue: UInt8(event.record.count2))
                    check(value, as: about.map(Self.reference(about:)) ?? nil, field, event, place)
                case .bodyArea:
                    let level = fields.first { $0.name == "level" }.map { event.record[$0.slot] }
                    let kind: EventSchema.Reference? = level == 0 ? .town : level == 1 ? .district : nil
                    check(value, as: kind, field, event, place)
                default:
                    check(value, as: reference, field, event, place)
                }
            }
        }

        /// What a lead's `about` names; nil for the village as a whole.
        static func reference(about: LogRecord.LeadAbout) -> EventSchema.Reference? {
            switch about {
            case .listing: .listing
            case .contract: .contract
            case .bidder: .bidder
            case .person: .person
            case .village: nil
            }
        }

        private mutating func check(
            _ value: Int64, as reference: EventSchema.Reference?, _ field: EventSchema.Field, _ event: LoggedEvent,
            _ place: String
        ) {
            guard let reference, value >= 0 else { return }
            if let introducers = LogReferenceTests.introducers[reference] {
                guard seen[reference, default: []].insert(value).inserted else { return }
                if !introducers.contains(where: { $0 == event.record.type && $1 == field.name }) {
                    problems.append("\(place): named before it is introduced")
                }
                // Grievances are numbered as they arise, and some are never petitioned.
                if reference != .grievance, value != seen[reference, default: []].count {
                    problems.append("\(place): not the next")
                }
                return
            }
            if !within(reference).contains(value) {
                problems.append("\(place): outside \(within(reference))")
            } else if let home = population.village(value, reference), home >= 0, home != event.record.village {
                problems.append("\(place): of village \(home)")
            }
        }

        /// The values a name of `reference` may take, other than its "none".
        private func within(_ reference: EventSchema.Reference) -> Range<Int64> {
            let count: Int
            var first: Int64 = 0
            switch reference {
            case .asset: count = population.assets
            case .bidder: (count, first) = (population.bidders, 1)
            case .person: count = population.persons
            case .district: count = scenario.geography.districts.count
            case .town: count = population.towns
            case .intervention: count = scenario.interventions.count
            case .inspection: (count, first) = (scenario.rectification.inspections.count, 1)
            case .task: (count, first) = (scenario.rectification.tasks.count, 1)
            case .survey: (count, first) = (scenario.surveys.surveys.count, 1)
            case .alert: count = 0
            default: count = Int.max / 2
            }
            return first..<(first + Int64(count))
        }
    }
}
