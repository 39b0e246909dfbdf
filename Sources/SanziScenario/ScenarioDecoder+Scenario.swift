extension ScenarioDecoder {
    /// The most villages a scenario may generate; more would not fit a run's memory budget.
    static let villageLimit = 1_000_000

    /// Decodes a `<scenario>` root. Sections are read in the order their references need:
    /// profiles before the villages that name them, districts before the pools that name them.
    mutating func decodeScenario(_ root: XMLElementNode) -> Scenario {
        var sections: [ScenarioSection: SourceLocation] = [:]
        for section in ScenarioSection.allCases {
            if let node = root.child(named: section.rawValue) { sections[section] = location(of: node) }
        }
        let start = date(root, "start") ?? CalendarDate(year: 2000, month: 1, day: 1)!
        let horizonText = string(root, "horizon")
        let horizon = Horizon(iso: horizonText[...]) ?? Horizon(years: 1)
        if horizon.dayCount(from: start) <= 0 {
            error(
                "the horizon \"\(horizonText)\" is empty", at: root, attribute: "horizon",
                hint: "e.g. P3Y for three years")
        }

        let profiles = root.child(named: "profiles").map { decodeProfiles($0) } ?? []
        let geography = decodeGeography(root.child(named: "geography"))
        var scenario = Scenario(
            name: string(root, "name"),
            seed: UInt64(string(root, "seed")) ?? 0,
            start: start,
            horizon: horizon,
            description: root.child(named: "description").map { $0.text.trimmed },
            geography: geography,
            profiles: profiles,
            bidders: root.child(named: "bidders").map { decodeBidders($0) } ?? BidderPools(),
            platform: root.child(named: "platform").map { decodePlatform($0) } ?? PlatformRules(),
            finance: root.child(named: "finance").map { decodeFinance($0) } ?? FinanceRules(),
            oversight: OversightRules(),
            misconduct: root.child(named: "misconduct").map { decodeMisconduct($0) } ?? MisconductSettings(),
            alerts: root.child(named: "alerts").map { decodeAlerts($0) } ?? AlertSettings(),
            interventions: [],
            output: root.child(named: "output").map { decodeOutput($0) } ?? OutputOptions(),
            sections: sections)
        if let node = root.child(named: "oversight") {
            scenario.oversight = decodeOversight(node, start: start, end: scenario.end)
        }
        if let node = root.child(named: "interventions") {
            scenario.interventions = decodeInterventions(node, start: start, end: scenario.end)
        }
        return scenario
    }

    mutating func decodeOutput(_ node: XMLElementNode) -> OutputOptions {
        OutputOptions(
            events: flag(node, "events", default: true),
            alerts: flag(node, "alerts", default: true),
            report: flag(node, "report", default: true),
            format: choice(node, "format", default: .jsonl))
    }
}

extension String {
    /// The text without leading and trailing white space.
    var trimmed: String {
        let characters = self.drop { $0.isWhitespace }
        return String(characters.reversed().drop { $0.isWhitespace }.reversed())
    }
}
