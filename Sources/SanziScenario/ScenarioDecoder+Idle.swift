/// Warnings for parts of a scenario that cannot work as written: a profile no village uses,
/// an intervention change that sets what is already in force where and when it applies.
extension ScenarioDecoder {
    mutating func warnAboutIdleParts(of scenario: Scenario) {
        let used = Set(scenario.geography.villages.map(\.profileID))
        for profile in scenario.profiles where !used.contains(profile.id) {
            warning(
                "no village uses profile \"\(profile.id)\", so none of its settings is simulated", at: profile.location)
        }
        warnAboutInterventionsThatChangeNothing(in: scenario)
    }

    /// The policy of one district as interventions leave it.
    private struct DistrictPolicy: Equatable {
        var listingThreshold: Money
        var announcementDays: Int
        var publicity: Frequency
        var cashCap: Money
        var warningSystem: Bool

        /// The policy after a change, or `nil` for a change that is not about it.
        func applying(_ change: Intervention.Change) -> DistrictPolicy? {
            var next = self
            switch change {
            case .listingThreshold(let money): next.listingThreshold = money
            case .announcementDays(let days): next.announcementDays = days
            case .publicity(let frequency): next.publicity = frequency
            case .cashCap(let money): next.cashCap = money
            case .warningSystem(let enabled): next.warningSystem = enabled
            case .scaleMisconduct: return nil
            }
            return next
        }
    }

    private mutating func warnAboutInterventionsThatChangeNothing(in scenario: Scenario) {
        let start = DistrictPolicy(
            listingThreshold: scenario.platform.listingThreshold, announcementDays: scenario.platform.announcementDays,
            publicity: scenario.oversight.publicity, cashCap: scenario.finance.cashCap,
            warningSystem: scenario.alerts.warningSystem)
        var policies = Dictionary(uniqueKeysWithValues: scenario.geography.districts.map { ($0.id, start) })
        let acting = Set(scenario.misconduct.typologies.filter { $0.rate > 0 }.map(\.typology))
        // The world applies them by date, and those of one day in the order written.
        let inPeriod = scenario.interventions.enumerated()
            .filter { $0.element.date >= scenario.start && $0.element.date < scenario.end }
            .sorted { ($0.element.date, $0.offset) < ($1.element.date, $1.offset) }.map(\.element)
        for intervention in inPeriod {
            let scope = intervention.districtID.map { [$0] } ?? Array(policies.keys)
            for change in intervention.changes {
                var changes = false
                if case .scaleMisconduct(let typology, let factor) = change {
                    changes =
                        scenario.misconduct.enabled && factor != 1
                        && (typology.map { acting.contains($0) } ?? !acting.isEmpty)
                }
                for district in scope {
                    guard let before = policies[district], let after = before.applying(change) else { continue }
                    changes = changes || after != before
                    policies[district] = after
                }
                if !changes {
                    warning(
                        "\(intervention.name.isEmpty ? "this intervention" : "\"\(intervention.name)\""): \(Self.describe(change)) changes nothing where and when it applies",
                        at: intervention.location)
                }
            }
        }
    }

    private static func describe(_ change: Intervention.Change) -> String {
        switch change {
        case .listingThreshold(let money): "a listing threshold of \(money) yuan"
        case .announcementDays(let days): "an announcement period of \(days) days"
        case .publicity(let frequency): "\(frequency.rawValue) publicity"
        case .cashCap(let money): "a cash cap of \(money) yuan"
        case .warningSystem(let enabled): "switching the warning system \(enabled ? "on" : "off")"
        case .scaleMisconduct(let typology, let factor):
            "scaling \(typology?.rawValue ?? "every typology")'s rate by \(factor) (misconduct that does not act, or a factor of 1)"
        }
    }
}
