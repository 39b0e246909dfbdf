extension ScenarioDecoder {
    mutating func decodeMisconduct(_ node: XMLElementNode) -> MisconductSettings {
        var settings = MisconductSettings()
        settings.enabled = flag(node, "enabled", default: false)
        settings.corruptCadreShare = decimal(node, "corrupt-cadre-share")
        settings.adaptation = choice(node, "adaptation", default: .none)
        settings.onsetPerYear = decimal(
            node, "onset-per-year", within: 0...0.5,
            "a chance per honest office holder and year; half of them a year would leave none honest within a term")
        let collusionBound = "a chance per fellow holder of the perpetrators' roles; 1 brings in every one"
        let collusion = decimal(node, "collusion", within: 0...1, collusionBound)
        for child in node.children(named: "typology") {
            let typology = choice(child, "id", default: Typology.belowMarketDeal)
            register("typology", id: typology.rawValue, at: child)
            let perpetrators = string(child, "perpetrators").split(separator: " ").compactMap {
                CadreRole(rawValue: String($0))
            }
            var lossShare: ClosedRange<Double>?
            if child.attribute("loss-share") != nil {
                let share = decimalRange(child, "loss-share")
                if share.upperBound > 1 || share.lowerBound <= 0 {
                    error("a loss share lies in (0, 1]", at: child, attribute: "loss-share")
                }
                lossShare = share
            }
            var kickback: ClosedRange<Double>?
            if child.attribute("kickback") != nil {
                let share = decimalRange(child, "kickback")
                if share.upperBound > 1 {
                    error("a kickback is a share of the favour's worth, at most 1", at: child, attribute: "kickback")
                }
                if !typology.favoursABidder {
                    error(
                        "\(typology.rawValue) favours no bidder, so nobody pays a kickback", at: child,
                        attribute: "kickback", hint: "leave kickback out")
                }
                kickback = share
            }
            settings.typologies.append(
                .init(
                    typology: typology, rate: decimal(child, "rate"), perpetrators: perpetrators,
                    concealment: decimal(child, "concealment", default: 0.5), lossShare: lossShare,
                    kickback: kickback,
                    collusion: decimal(child, "collusion", within: 0...1, collusionBound, default: collusion),
                    location: location(of: child)))
        }
        for child in node.children(named: "look-alike") {
            let typology = choice(child, "of", default: Typology.belowMarketDeal)
            register("look-alike", id: typology.rawValue, at: child, attribute: "of")
            settings.lookAlikes.append(
                .init(typology: typology, rate: decimal(child, "rate"), location: location(of: child)))
        }
        if settings.enabled, settings.typologies.isEmpty {
            warning("misconduct is enabled but no typology is listed, so none will be injected", at: node)
        }
        return settings
    }

    /// Decodes a scenario's `<alerts>` section or a thresholds file's root: the same content.
    mutating func decodeAlerts(_ node: XMLElementNode) -> AlertSettings {
        var settings = AlertSettings()
        settings.warningSystem = flag(node, "warning-system", default: true)
        var seenRules: Set<String> = []
        for child in node.children(named: "rule") {
            let id = string(child, "id")
            if !seenRules.insert(id).inserted {
                error(
                    "rule \(id) is configured twice", at: child, attribute: "id",
                    hint: "merge the two <rule id=\"\(id)\"> elements")
            }
            var names: Set<String> = []
            let parameters = child.children(named: "param").map { param in
                let name = string(param, "name")
                if !names.insert(name).inserted {
                    error("parameter \(name) of rule \(id) is given twice", at: param, attribute: "name")
                }
                return AlertSettings.Rule.Parameter(
                    name: name, value: decimal(param, "value"), location: location(of: param, attribute: "value"))
            }
            let severity: Severity? =
                child.attribute("severity") == nil ? nil : choice(child, "severity", default: .yellow)
            settings.rules.append(
                .init(
                    id: id, enabled: flag(child, "enabled", default: true), severity: severity, parameters: parameters,
                    location: location(of: child, attribute: "id")))
        }
        if let policy = node.child(named: "policy") { settings.policy = decodePolicy(policy) }
        if let escalation = node.child(named: "escalation") {
            let defaults = AlertSettings.Escalation()
            let counts = AlertSettings.Escalation.countBounds
            let reason = "signals on one subject that combine into one"
            settings.escalation = .init(
                yellowToOrange: integer(
                    escalation, "yellow-to-orange", within: counts, reason, default: defaults.yellowToOrange),
                orangeToRed: integer(
                    escalation, "orange-to-red", within: counts, reason, default: defaults.orangeToRed),
                windowDays: integer(
                    escalation, "window-days", within: AlertSettings.Escalation.windowBounds,
                    "the days within which signals combine", default: defaults.windowDays))
        }
        return settings
    }

    /// A thresholds file's `<policy>`: the scenario's rules a run judged against.
    private mutating func decodePolicy(_ node: XMLElementNode) -> RulePolicy {
        var policy = RulePolicy()
        policy.listingThreshold = money(node, "listing-threshold-yuan")
        policy.announcementDays = integer(node, "announcement-days")
        policy.cashCap = money(node, "cash-cap-yuan")
        policy.bankingDays = integer(node, "banking-days")
        policy.financeHeadLimit = node.attribute("finance-head-limit-yuan").map { _ in
            money(node, "finance-head-limit-yuan")
        }
        policy.twoCommitteesLimit = node.attribute("two-committees-limit-yuan").map { _ in
            money(node, "two-committees-limit-yuan")
        }
        return policy
    }

    mutating func decodeInterventions(_ node: XMLElementNode, start: CalendarDate, end: CalendarDate) -> [Intervention]
    {
        node.children(named: "intervention").compactMap { child in
            guard let date = date(child, "date") else { return nil }
            warnOutsidePeriod(
                date, start: start, end: end, "this intervention's date", "so it never takes effect", at: child,
                attribute: "date")
            let district = child.attribute("district")
            if let district { resolve("district", id: district, at: child, attribute: "district") }
            let changes = child.children.compactMap { decodeChange($0) }
            return Intervention(
                date: date, name: string(child, "name"), districtID: district, changes: changes,
                location: location(of: child))
        }
    }

    mutating func decodeChange(_ node: XMLElementNode) -> Intervention.Change? {
        switch node.name {
        case "set-listing-threshold": return .listingThreshold(money(node, "yuan"))
        case "set-announcement-days": return .announcementDays(integer(node, "days"))
        case "set-publicity": return .publicity(choice(node, "frequency", default: .monthly))
        case "set-cash-cap": return .cashCap(money(node, "yuan"))
        case "warning-system": return .warningSystem(enabled: flag(node, "enabled", default: true))
        case "scale-misconduct":
            let factor = decimal(node, "factor", default: 1)
            if factor < 0 { error("a rate factor cannot be negative", at: node, attribute: "factor") }
            let typology: Typology? =
                node.attribute("typology") == nil ? nil : choice(node, "typology", default: .belowMarketDeal)
            return .scaleMisconduct(typology, factor: factor)
        default:
            return nil
        }
    }
}
