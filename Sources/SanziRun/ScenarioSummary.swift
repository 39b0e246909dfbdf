import SanziScenario
import SanziWorld

/// What a scenario holds, in numbers a person can check against the file.
///
/// Register items, people and bidders are drawn per village when the world is generated, so
/// before a run they are known as ranges: the sums of each village's profile minimum and maximum.
public struct ScenarioSummary: Encodable, Sendable {
    public struct ProfileCount: Encodable, Sendable {
        var profile: String
        var villages: Int
    }

    public struct Span: Encodable, Sendable, CustomStringConvertible {
        var min: Int
        var max: Int

        static let zero = Span(min: 0, max: 0)
        static func + (lhs: Span, rhs: Span) -> Span { Span(min: lhs.min + rhs.min, max: lhs.max + rhs.max) }
        init(min: Int, max: Int) {
            self.min = min
            self.max = max
        }
        init(_ range: ClosedRange<Int>) { self.init(min: range.lowerBound, max: range.upperBound) }
        public var description: String { min == max ? "\(min)" : "\(min)–\(max)" }
    }

    public var name: String
    public var seed: UInt64
    public var start: String
    public var end: String
    public var days: Int
    var districts: Int
    /// Days between the moments news crosses districts; nil (left out of run.json) for at once.
    var newsWindowDays: Int?
    var towns: Int
    public var villages: Int
    /// Villages per profile id, sorted by id (an array, so ids are never rewritten as JSON keys).
    var villagesByProfile: [ProfileCount]
    var households: Span
    var cadres: Span
    var supervisors: Span
    var resources: Span
    var assets: Span
    var localBidders: Span
    var poolFirms: Int
    var rings: Int
    var misconductEnabled: Bool
    var typologies: [String]
    var ruleOverrides: [String]
    var interventions: Int

    /// run.json holds name, seed and period at its top level; the summary adds the counts.
    enum CodingKeys: String, CodingKey {
        case districts, newsWindowDays, towns, villages, villagesByProfile, households, cadres, supervisors
        case resources, assets, localBidders, poolFirms, rings, misconductEnabled, typologies, ruleOverrides
        case interventions
    }

    public init(_ scenario: Scenario, seed: UInt64) {
        let villages = scenario.geography.villages
        var byProfile: [String: Int] = [:]
        for village in villages { byProfile[village.profileID, default: 0] += 1 }
        var households = Span.zero
        var cadres = Span.zero
        var supervisors = Span.zero
        var resources = Span.zero
        var assets = Span.zero
        var bidders = Span.zero
        for (id, count) in byProfile {
            guard let profile = scenario.profile(id) else { continue }
            let times = { (span: Span) in Span(min: span.min * count, max: span.max * count) }
            households = households + times(Span(profile.households))
            let committee = 4 + profile.people.committeeMembers
            cadres =
                cadres
                + times(Span(min: committee - (profile.people.concurrentSecretaryDirector > 0 ? 1 : 0), max: committee))
            supervisors = supervisors + times(Span(min: profile.people.supervisors, max: profile.people.supervisors))
            for register in profile.registers {
                if register.kind.capital == .resource {
                    resources = resources + times(Span(register.count))
                } else {
                    assets = assets + times(Span(register.count))
                }
            }
            bidders = bidders + times(Span(profile.localBidders.individuals) + Span(profile.localBidders.firms))
        }
        self.name = scenario.name
        self.seed = seed
        self.start = scenario.start.description
        self.end = scenario.end.description
        self.days = scenario.horizon.dayCount(from: scenario.start)
        self.districts = scenario.geography.districts.count
        self.newsWindowDays = scenario.geography.newsWindowDays
        self.towns = scenario.geography.towns.count
        self.villages = villages.count
        self.villagesByProfile = byProfile.sorted { $0.key < $1.key }.map {
            ProfileCount(profile: $0.key, villages: $0.value)
        }
        self.households = households
        self.cadres = cadres
        self.supervisors = supervisors
        self.resources = resources
        self.assets = assets
        self.localBidders = bidders
        self.poolFirms = scenario.bidders.pools.reduce(0) { $0 + $1.firms }
        self.rings = scenario.bidders.rings.count
        self.misconductEnabled = scenario.misconduct.enabled
        self.typologies = scenario.misconduct.typologies.map(\.typology.rawValue)
        self.ruleOverrides = scenario.alerts.rules.map(\.id)
        self.interventions = scenario.interventions.count
    }

    /// The summary as lines for a terminal, with the people, items and bidders a run
    /// `generated` (the scenario gives them only as ranges).
    public func lines(generated: Census) -> [String] {
        let profiles = villagesByProfile.map { "\($0.villages) \($0.profile)" }.joined(separator: ", ")
        let people =
            "\(generated.households) households, \(generated.cadres) cadres (successors included), \(generated.supervisors) supervisors"
        let register = "\(generated.resources) resources, \(generated.assets) assets"
        let bidders = "\(generated.localBidders) local, \(count(generated.poolFirms, "pool firm"))"
        return [
            "scenario      \(name)",
            "period        \(start) to \(end) (\(days) days), seed \(seed)",
            "geography     \(count(districts, "district")), \(count(towns, "town")), \(count(villages, "village")) (\(profiles))"
                + (newsWindowDays.map { "; news crosses districts every \(count($0, "day"))" } ?? ""),
            "people        \(people)",
            "register      \(register)",
            "bidders       \(bidders), \(count(rings, "ring"))",
            "misconduct    " + (misconductEnabled ? "\(typologies.count) typologies" : "off"),
            "alert rules   "
                + (ruleOverrides.isEmpty
                    ? "catalogue defaults" : "overrides for \(ruleOverrides.joined(separator: ", "))"),
            "interventions \(interventions)",
        ]
    }

    private func count(_ number: Int, _ noun: String) -> String { "\(number) \(noun)\(number == 1 ? "" : "s")" }
}
