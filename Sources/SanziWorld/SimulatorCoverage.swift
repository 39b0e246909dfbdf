import SanziScenario

/// Which parts of the scenario vocabulary the simulator acts on today.
///
/// The vocabulary is defined ahead of the simulator; whatever the simulator does not use yet
/// must be reported, never silently ignored. Each simulator issue moves its parts into the
/// simulated set as it lands.
public enum SimulatorCoverage {
    /// Sections the simulator uses.
    public static let simulated: Set<ScenarioSection> = [
        .geography, .profiles, .bidders, .platform, .finance, .oversight, .misconduct, .alerts, .interventions,
        .rectification, .surveys, .output,
    ]

    /// One warning for each section, or setting within a simulated section, that a scenario
    /// writes and the simulator does not use yet.
    public static func warnings(for scenario: Scenario) -> [Diagnostic] {
        var warnings = scenario.sections
            .filter { !simulated.contains($0.key) }
            .sorted { $0.value < $1.value }
            .map { section, location in
                Diagnostic(
                    .warning, at: location,
                    "<\(section.rawValue)> is accepted but not simulated yet; this run ignores it")
            }
        let rotation =
            scenario.misconduct.enabled && scenario.misconduct.typologies.contains { $0.typology == .bidRotation }
        if let ring = scenario.bidders.rings.first, !rotation {
            warnings.append(
                Diagnostic(
                    .warning, at: ring.location,
                    "<ring> acts only through bid-rotation misconduct, which this scenario does not enable; rings are ignored"
                ))
        }
        if let location = scenario.sections[.platform] {
            for deal in DealKind.allCases {
                let simulated: BiddingMethod = deal == .works ? .lowestPriceTender : .ascendingAuction
                if let method = scenario.platform.modes[deal]?.method, method != simulated {
                    warnings.append(
                        Diagnostic(
                            .warning, at: location,
                            "\(method.rawValue) for \(deal.rawValue) deals is not simulated yet; \(simulated.rawValue) is used"
                        ))
                }
            }
            if !scenario.platform.smallDealPublicity {
                warnings.append(
                    Diagnostic(
                        .warning, at: location,
                        "small deals without publicity are not simulated yet; small deals appear in the regular publicity"
                    ))
            }
            if scenario.platform.smallDealMethod != .negotiated {
                warnings.append(
                    Diagnostic(
                        .warning, at: location,
                        "small deals by \(scenario.platform.smallDealMethod.rawValue) are not simulated yet; small deals are negotiated"
                    ))
            }
        }
        if scenario.output.format == .csv, let location = scenario.sections[.output] {
            warnings.append(
                Diagnostic(
                    .warning, at: location, "format=\"csv\" is not available yet; the event log is written as jsonl"))
        }
        warnings += villagesWithoutBidders(scenario)
        return warnings.sorted { $0.location < $1.location }
    }

    /// A warning for each profile some of whose villages no bidder can reach: no local
    /// bidders, and no firm in a shared pool or a pool of their district. Every listing there
    /// fails, which a scenario seldom means.
    static func villagesWithoutBidders(_ scenario: Scenario) -> [Diagnostic] {
        let pools = scenario.bidders.pools.filter { $0.firms > 0 || $0.newFirmsPerYear > 0 }
        if pools.contains(where: { $0.scope == .shared }) { return [] }
        let served = Set(
            pools.compactMap { pool -> String? in
                if case .district(let id) = pool.scope { return id }
                return nil
            })
        var stranded: [String: [String]] = [:]
        for district in scenario.geography.districts where !served.contains(district.id) {
            for village in district.towns.flatMap(\.villages) {
                stranded[village.profileID, default: []].append(district.id)
            }
        }
        return scenario.profiles.compactMap { profile in
            let local = profile.localBidders
            guard local.individuals.upperBound + local.firms.upperBound == 0,
                let districts = stranded[profile.id]
            else { return nil }
            let names = Array(Set(districts)).sorted().joined(separator: ", ")
            return Diagnostic(
                .warning, at: profile.location,
                "villages of profile \"\(profile.id)\" in \(names) have no bidder: no <local-bidders> and no pool serves them, so every listing there fails"
            )
        }
    }
}
