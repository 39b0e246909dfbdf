/// A whole scenario, as plain values: what `ScenarioLoader` returns after parsing, schema
/// validation and semantic checks. Nothing here refers to libxml2.
///
/// Optional sections of the file are filled with their documented defaults; `sections` records
/// which ones the file actually wrote, and where.
public struct Scenario: Hashable, Sendable, Codable {
    public var name: String
    /// The default seed; the command line may override it.
    public var seed: UInt64
    public var start: CalendarDate
    public var horizon: Horizon
    public var description: String?
    public var geography: Geography
    public var profiles: [VillageProfile]
    public var bidders: BidderPools
    public var platform: PlatformRules
    public var finance: FinanceRules
    public var oversight: OversightRules
    public var misconduct: MisconductSettings
    /// The `<alerts>` section's settings, judging against this scenario's policy: whatever
    /// policy the settings held, reading them gives the one of `platform` and `finance`.
    public var alerts: AlertSettings {
        get {
            var settings = alertSection
            settings.policy = RulePolicy(platform: platform, finance: finance)
            return settings
        }
        set { alertSection = newValue }
    }
    var alertSection: AlertSettings
    public var interventions: [Intervention]
    /// Inspections and the rectification tasks they set.
    public var rectification = Rectification()
    /// Satisfaction surveys and how respondents answer.
    public var surveys = SurveyRules()
    public var output: OutputOptions
    /// The sections the file wrote, with the location of each.
    public var sections: [ScenarioSection: SourceLocation]
    /// Identifies the file's exact bytes: `fnv1a64:` and 16 hex digits.
    public var digest = ""

    /// The first day after the horizon.
    public var end: CalendarDate { horizon.end(from: start) }

    /// The profile with the given id.
    public func profile(_ id: String) -> VillageProfile? { profiles.first { $0.id == id } }
}

/// A top-level section of a scenario file.
public enum ScenarioSection: String, Hashable, Sendable, Codable, CaseIterable, Comparable {
    case geography, profiles, bidders, platform, finance, oversight, misconduct, alerts
    case interventions, rectification, surveys, output

    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
