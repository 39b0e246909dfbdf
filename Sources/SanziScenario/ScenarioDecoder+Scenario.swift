extension ScenarioDecoder {
    /// The most villages a scenario may generate; more would not fit a run's memory budget.
    static let villageLimit = 1_000_000

    /// The longest horizon, in days: a century. Rents drift up a few percent a year and the
    /// money a run can move is bounded (`ResourceEstimate`); no study of village governance
    /// needs more.
    static let horizonLimitDays = 36_525

    /// The horizon: a non-empty period of at most a century, ending by 9999-12-31.
    private mutating func decodeHorizon(_ root: XMLElementNode, start: CalendarDate) -> Horizon {
        let text = string(root, "horizon")
        guard let horizon = Horizon(iso: text[...]), horizon.years + horizon.months + horizon.days > 0 else {
            error(
                "the horizon \"\(text)\" names no period", at: root, attribute: "horizon",
                hint: "e.g. P3Y for three years, P18M, P1Y6M or P90D")
            return Horizon(years: 1)
        }
        let end = horizon.end(from: start)
        if end > CalendarDate.latest.adding(days: 1) {
            error(
                "the horizon \"\(text)\" from \(start) ends in the year \(end.year); dates stop at 9999-12-31",
                at: root, attribute: "horizon")
            return Horizon(years: 1)
        }
        if start.days(until: end) > Self.horizonLimitDays {
            error(
                "the horizon \"\(text)\" is \(start.days(until: end)) days; Sanzi simulates at most a century (\(Self.horizonLimitDays) days)",
                at: root, attribute: "horizon")
            return Horizon(years: 1)
        }
        return horizon
    }

    /// Decodes a `<scenario>` root. Sections are read in the order their references need:
    /// profiles before the villages that name them, districts before the pools that name them.
    mutating func decodeScenario(_ root: XMLElementNode) -> Scenario {
        var sections: [ScenarioSection: SourceLocation] = [:]
        for section in ScenarioSection.allCases {
            if let node = root.child(named: section.rawValue) { sections[section] = location(of: node) }
        }
        let start = date(root, "start") ?? CalendarDate(year: 2000, month: 1, day: 1)!
        let horizon = decodeHorizon(root, start: start)

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
            alertSection: root.child(named: "alerts").map { decodeAlerts($0) } ?? AlertSettings(),
            interventions: [],
            output: root.child(named: "output").map { decodeOutput($0) } ?? OutputOptions(),
            sections: sections)
        if let node = root.child(named: "oversight") {
            scenario.oversight = decodeOversight(node, start: start, end: scenario.end)
        }
        if let node = root.child(named: "interventions") {
            scenario.interventions = decodeInterventions(node, start: start, end: scenario.end)
        }
        if let node = root.child(named: "rectification") {
            scenario.rectification = decodeRectification(node, start: start, end: scenario.end)
        }
        if let node = root.child(named: "surveys") {
            scenario.surveys = decodeSurveys(node, start: start, end: scenario.end)
        }
        checkMoney(of: scenario)
        warnAboutIdleParts(of: scenario)
        return scenario
    }

    /// Refuses a scenario whose villages could move more money than Sanzi's arithmetic and
    /// event log hold (`ResourceEstimate`), at the profile of the richest village.
    private mutating func checkMoney(of scenario: Scenario) {
        let estimate = ResourceEstimate(scenario)
        guard let richest = estimate.richestVillage,
            let profile = scenario.profiles.first(where: { $0.id == richest.profile })
        else { return }
        let yuan = { (fen: Double) in String(format: "%.3g", fen / 100) }
        let hint = "lower the rents, sizes, counts, amounts or rent spread, the villages or the horizon"
        if richest.moneyFen > ResourceEstimate.villageMoneyLimitFen {
            error(
                "a village of profile \"\(richest.profile)\" could move up to \(yuan(richest.moneyFen)) yuan over the horizon; Sanzi holds up to \(yuan(ResourceEstimate.villageMoneyLimitFen)) yuan a village",
                at: profile.location, hint: hint)
        } else if estimate.moneyFen > ResourceEstimate.runMoneyLimitFen {
            error(
                "the villages could move up to \(yuan(estimate.moneyFen)) yuan together over the horizon; Sanzi holds up to \(yuan(ResourceEstimate.runMoneyLimitFen)) yuan a run",
                at: profile.location, hint: hint)
        }
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
