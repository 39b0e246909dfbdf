import Foundation
import SanziEngine
import SanziEvents
import SanziScenario

/// Discipline inspection in the world: the bodies with their investigators and queues, the
/// leads they hold, the investigations under way, and the sanctions cadres have seen.
struct Discipline: Sendable {
    typealias Level = DisciplineRules.Level

    /// One body: a township office, a district commission or the city commission.
    struct Body: Sendable {
        var level: Level
        /// Index of its town or district in the scenario, -1 for the city.
        var area: Int
        var investigators: Int
        var workingDaysPerWeek: Int
        /// Investigators not on a case.
        var free: Int
        /// Leads waiting, by slot in `leads`, in order of arrival.
        var queue: [Int32] = []
        /// Leads under investigation, by slot.
        var open: [Int32] = []
        /// The month (since the start) and the investigations opened in it, for capped triage.
        var month = -1
        var openedThisMonth = 0
    }

    /// A lead while it waits or is looked into.
    struct Lead: Sendable {
        var id: Int64
        var source: LogRecord.LeadSource
        var village: Int32
        var subject: AlertSubject
        /// The person a referral names, or -1.
        var person: Int32 = -1
        /// The level a petition going over heads is filed at; nil for the usual route.
        var level: Level? = nil
        var severity: Severity
        /// Value of the deal it names, fen (0 when it names none).
        var value: Int64
        var arrival: Int32
        var body: Int32 = -1
        /// Independent leads on the same matter (this one and those that joined it).
        var evidence = 1
        /// The case an audit or review saw (hidden from the log), or -1.
        var seenCase: Int32 = -1
        var alert: Int64 = -1

        /// Whether an audit or review finding or a referral has joined it.
        var joinedByFinding = false

        /// How strongly it shows what it points at, as a body sees it: 2 with an audit or
        /// review finding or a referral in hand, 1 for a warning the platform confirmed or
        /// several leads on one matter, 0 for a lead that only points (a petition, an echo).
        /// A body cannot tell a warning confirmed on a real case from one confirmed on honest
        /// dealings, so floods of warnings crowd out what is real.
        var strength: Int {
            max(Self.strength(of: source), joinedByFinding ? 2 : 0, evidence > 1 ? 1 : 0)
        }

        /// Whether it brings evidence rather than only pointing.
        var bringsEvidence: Bool { strength > 0 }

        static func strength(of source: LogRecord.LeadSource) -> Int {
            switch source {
            case .audit, .review, .referral: 2
            case .alert: 1
            case .petition, .echoWall: 0
            }
        }
    }

    /// An investigation while it runs.
    struct Investigation: Sendable {
        var id: Int64
        var lead: Int32
        var body: Int32
        var kind: LogRecord.InvestigationKind
        var opened: Int32
        var investigatorDays = 0
        /// Cases the check proved, to be examined and decided.
        var proven: [Int32] = []
        /// The investigation's own stream.
        var random: RandomStream
    }

    /// Sanctions seen, fading with time: a weight and the day it was last brought up to date.
    struct Seen: Sendable, Codable {
        var weight = 0.0
        var day: Int32 = 0

        func weight(on today: Int32, memory: Double) -> Double {
            weight == 0 ? 0 : weight * exp(-Double(today - day) / memory)
        }

        mutating func add(_ amount: Double, on today: Int32, memory: Double) {
            weight = weight(on: today, memory: memory) + amount
            day = today
        }
    }

    let rules: DisciplineRules
    let deterrence: DeterrenceRules
    var bodies: [Body] = []
    /// The body of each town, each district, and the city's.
    var townBodies: [Int32] = []
    var districtBodies: [Int32] = []
    var cityBody: Int32 = 0
    var leads = SlotStore<Lead>()
    var investigations = SlotStore<Investigation>()
    var nextLead: Int64 = 1
    var nextInvestigation: Int64 = 1
    /// Sanctions seen in each village, and published in each town, district and the city.
    var seenInVillage: [Seen] = []
    var publishedInTown: [Seen] = []
    var publishedInDistrict: [Seen] = []
    var publishedInCity = Seen()
    /// In a shard, the sanctions its district's investigations published city-wide since the
    /// last news window (day and count), for the other shards.
    var publishedSinceWindow: [World.Publication] = []
    /// While news crosses districts only at each window's start (nil: at once), what the
    /// districts know of the city.
    var cityNews: CityNews?

    /// The city as the districts know it within a news window.
    struct CityNews: Sendable {
        /// The city's published sanctions as they stood when the window began.
        var published: Seen
        /// Leads for the city commission, waiting for the next window's start.
        var leads: [Int32] = []
    }

    /// The city's published sanctions as the districts' cadres see them now.
    var cityAsSeen: Seen { cityNews?.published ?? publishedInCity }

    init(rules: DisciplineRules, deterrence: DeterrenceRules) {
        self.rules = rules
        self.deterrence = deterrence
    }

    /// Creates the bodies of every town and district and the city's.
    mutating func build(towns: Int, districts: Int, villages: Int) {
        func body(_ level: Level, area: Int) -> Int32 {
            let declared = rules.body(level)
            bodies.append(
                Body(
                    level: level, area: area, investigators: declared.investigators,
                    workingDaysPerWeek: declared.workingDaysPerWeek, free: declared.investigators))
            return Int32(bodies.count - 1)
        }
        townBodies = (0..<towns).map { body(.township, area: $0) }
        districtBodies = (0..<districts).map { body(.district, area: $0) }
        cityBody = body(.city, area: -1)
        seenInVillage = Array(repeating: Seen(), count: villages)
        publishedInTown = Array(repeating: Seen(), count: towns)
        publishedInDistrict = Array(repeating: Seen(), count: districts)
    }

    /// Calendar days a body takes for `effort` investigator-days of one investigator.
    func calendarDays(_ effort: Int, body: Int32) -> Int {
        let week = max(1, bodies[Int(body)].workingDaysPerWeek)
        return (effort * 7 + week - 1) / week
    }

    /// The position in a body's queue of the lead to take up next, if triage allows one now.
    func leadToTakeUp(at body: Int32) -> Int? {
        let queue = bodies[Int(body)].queue
        return rules.leadToTakeUp(among: queue.count, openedThisMonth: bodies[Int(body)].openedThisMonth) {
            leads[queue[$0]].triageKey
        }
    }
}

/// What a body's triage weighs of a waiting lead.
struct TriageKey: Sendable, Hashable, Codable {
    var severity: Severity
    var strength: Int
    var value: Int64
}

extension Discipline.Lead {
    var triageKey: TriageKey { TriageKey(severity: severity, strength: strength, value: value) }
}

extension DisciplineRules {
    /// The position in a queue of `count` leads (in order of arrival, `key` of each) of the
    /// lead to take up next, if triage allows one now: the first, the first while the month's
    /// cap allows, or the gravest (severity, then strength, then value, then arrival).
    func leadToTakeUp(among count: Int, openedThisMonth: Int, key: (Int) -> TriageKey) -> Int? {
        guard count > 0 else { return nil }
        switch triage {
        case .fifo:
            return 0
        case .capped:
            return openedThisMonth < capPerMonth ? 0 : nil
        case .severity:
            return (0..<count).min { a, b in
                let (first, second) = (key(a), key(b))
                if first.severity != second.severity { return first.severity > second.severity }
                if first.strength != second.strength { return first.strength > second.strength }
                if first.value != second.value { return first.value > second.value }
                return a < b
            }
        }
    }
}

extension DisciplineRules.Level {
    /// The level as the log names it.
    var logged: LogRecord.Level {
        switch self {
        case .township: .township
        case .district: .district
        case .city: .city
        }
    }
}

extension AlertSubject {
    /// What a lead about this subject names, and the id.
    var about: (LogRecord.LeadAbout, Int64) {
        switch self {
        case .listing(let id): (.listing, id)
        case .contract(let id): (.contract, id)
        case .bidder(let id): (.bidder, id)
        case .village: (.village, -1)
        }
    }
}

extension Discipline {
    /// The body a lead goes to: its village's township office, or its district commission for
    /// leads the 上调一级 rule sends up; a referral goes to the body that manages the official
    /// (the lead's person, among `officials`), a petition going over heads to the level it is
    /// filed at. (Given the world's parts it reads, not the world: called from a mutating method
    /// of the world, a method of the world copied all of it for every lead.)
    @inline(__always)
    func body(for lead: Lead, villages: [SimulatedVillage], officials: [Int32: Official]) -> Int32 {
        let (town, district) = (villages[Int(lead.village)].town, villages[Int(lead.village)].district)
        switch lead.level {
        case .township: return townBodies[town]
        case .district: return districtBodies[district]
        case .city: return cityBody
        case nil: break
        }
        let important = lead.severity >= rules.upOneLevelSeverity && lead.value >= rules.upOneLevelValue.fen
        if lead.person >= 0, let official = officials[lead.person] {
            switch official.rank {
            case .township where official.district >= 0: return districtBodies[official.district]
            case .district where official.district >= 0: return important ? cityBody : districtBodies[official.district]
            default: return cityBody
            }
        }
        return important ? districtBodies[district] : townBodies[town]
    }
}
