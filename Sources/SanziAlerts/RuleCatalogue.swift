import SanziEvents
import SanziScenario

/// Every rule Sanzi knows, in catalogue order.
public enum RuleCatalogue {
    public static let rules: [any AlertRule.Type] = [
        OffPlatformDeal.self, SplitDeals.self, ShortAnnouncement.self, SigningDelay.self, MissingDecision.self,
        ReserveBelowAppraisal.self, NoPremium.self, LowPremiumOutlier.self,
        SingleBidder.self, CloseTopBids.self, PatternedBids.self, RoundLosingBids.self, BestBidDisqualified.self,
        RivalsDisqualified.self, BidderRing.self, RepeatWinner.self, NewCompanyWins.self,
        RelatedPartyAward.self, RelatedPartyPayment.self,
        OverlongLease.self, OffPlatformAmendment.self, ReceivableNotCollected.self, TerminatedThenRelistedLow.self,
        CashAndBanking.self, MissingApproval.self, StructuredPayments.self, RapidPassThrough.self,
        CompensationToBidder.self,
        RoundAmountPayments.self, SpendingSpike.self,
        PreElectionPayments.self,
        ReceiptsMissing.self, MoneyLentOut.self,
        PetitionCluster.self, PublicityOverdue.self, LandslideElection.self,
    ]

    /// The documentation of every rule.
    public static var documentation: [RuleDocumentation] { rules.map { $0.documentation } }
    /// The escalations E01 and E02, documented like rules; set by `<escalation>`, not `<rule>`.
    public static var escalations: [RuleDocumentation] { Escalator.documentation }

    /// The rule with an id, if any.
    public static func rule(_ id: String) -> (any AlertRule.Type)? { rules.first { $0.documentation.id == id } }

    /// Builds the enabled rules with their parameters, or reports every unknown rule, unknown
    /// parameter and out-of-range value at its file, line and column.
    public static func configure(_ settings: AlertSettings) -> Result<[any AlertRule], ConfigurationError> {
        var problems: [Diagnostic] = []
        var overrides: [String: AlertSettings.Rule] = [:]
        for rule in settings.rules {
            guard let type = Self.rule(rule.id) else {
                let hint =
                    Spelling.closest(to: rule.id, among: rules.map { $0.documentation.id }).map {
                        "did you mean \($0)?"
                    }
                    ?? "see `sanzi rules`"
                problems.append(Diagnostic(.error, at: rule.location, "unknown alert rule \(rule.id)", hint: hint))
                continue
            }
            for parameter in rule.parameters {
                guard let spec = type.documentation.parameters.first(where: { $0.name == parameter.name }) else {
                    let known = type.documentation.parameters.map(\.name)
                    problems.append(
                        Diagnostic(
                            .error, at: parameter.location, "rule \(rule.id) has no parameter \"\(parameter.name)\"",
                            hint: known.isEmpty ? "it takes none" : "its parameters: " + known.joined(separator: ", ")))
                    continue
                }
                if !spec.range.contains(parameter.value) {
                    problems.append(
                        Diagnostic(
                            .error, at: parameter.location,
                            "\(rule.id) \(parameter.name) = \(RuleDocumentation.format(parameter.value)) is out of range",
                            hint:
                                "allowed: \(RuleDocumentation.format(spec.range.lowerBound))…\(RuleDocumentation.format(spec.range.upperBound))"
                        ))
                }
            }
            let value = { (name: String) in
                rule.parameter(name)
                    ?? type.documentation.parameters.first { $0.name == name }?.defaultValue(under: settings.policy)
            }
            for ordering in type.documentation.orderings where !ordering.holds(value) {
                let at = rule.parameters.last { [ordering.lower, ordering.upper].contains($0.name) }?.location
                problems.append(
                    Diagnostic(
                        .error, at: at ?? rule.location,
                        "\(rule.id) \(ordering.lower) = \(RuleDocumentation.format(value(ordering.lower) ?? 0)) must be \(ordering.allowsEqual ? "at most" : "below") \(ordering.upper) = \(RuleDocumentation.format(value(ordering.upper) ?? 0))",
                        hint: ordering.reason))
            }
            overrides[rule.id] = rule
        }
        guard problems.isEmpty else { return .failure(ConfigurationError(diagnostics: problems)) }
        let configured: [any AlertRule] = rules.compactMap { type in
            let override = overrides[type.documentation.id]
            guard override?.enabled ?? true else { return nil }
            return type.init(parameters: parameters(of: type, override, under: settings.policy))
        }
        return .success(configured)
    }

    /// An alert in plain words: its rule's sentence, or an escalation's.
    public static func sentence(for alert: Alert, roleOf: (Int64) -> String?) -> String {
        if let escalation = Escalator.sentence(for: alert) { return escalation }
        return rule(alert.rule)?.sentence(for: alert, roleOf: roleOf)
            ?? "\(alert.rule): \(Wording.number(alert.score)) against \(Wording.number(alert.threshold))"
    }

    /// What the settings deploy, as adaptive offenders know it: each enabled rule discloses
    /// the values it lets pass, with the settings' overrides.
    public static func offenderKnowledge(_ settings: AlertSettings) -> OffenderKnowledge {
        var knowledge = OffenderKnowledge()
        for type in rules {
            let override = settings.rules.first { $0.id == type.id }
            guard override?.enabled ?? true else { continue }
            type.disclose(parameters(of: type, override, under: settings.policy), to: &knowledge)
        }
        return knowledge
    }

    /// A rule's parameters: the override's values, else the defaults under the scenario's policy.
    static func parameters(
        of type: any AlertRule.Type, _ override: AlertSettings.Rule?, under policy: RulePolicy
    ) -> RuleParameters {
        var values: [String: Double] = [:]
        for spec in type.documentation.parameters {
            values[spec.name] = override?.parameter(spec.name) ?? spec.defaultValue(under: policy)
        }
        return RuleParameters(values)
    }

    /// The ids escalations raise alerts under: several yellows make an orange, oranges a red.
    public static let escalationIDs = ["E01", "E02"]

    /// What the catalogue finds wrong in a scenario, each at its place: the alert settings'
    /// unknown rules, parameters and out-of-range values (as `configure` reports them), and
    /// forwarded rules (`forward-rules`) that no rule or escalation raises.
    public static func problems(in scenario: Scenario) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        if case .failure(let error) = configure(scenario.alerts) { problems += error.diagnostics }
        let discipline = scenario.oversight.discipline
        let known = rules.map { $0.documentation.id } + escalationIDs
        for id in discipline.forwardRules where !known.contains(id) {
            problems.append(
                Diagnostic(
                    .error, at: discipline.forwardRulesLocation, "forward-rules names unknown alert rule \(id)",
                    hint: Spelling.closest(to: id, among: known).map { "did you mean \($0)?" } ?? "see `sanzi rules`"))
        }
        return problems
    }
}

/// Problems in alert settings, each at its place in the file.
public struct ConfigurationError: Error, Sendable {
    public var diagnostics: [Diagnostic]
}
