import SanziEvents

extension ScenarioDecoder {
    /// A calibration targets file. Which element a parameter names, and which district a
    /// target counts in, are checked against the scenario when `sanzi calibrate` runs.
    mutating func decodeCalibration(_ root: XMLElementNode) -> CalibrationTargets {
        var targets = CalibrationTargets()
        targets.parameters = root.children(named: "parameter").map { node in
            let (low, high) = (decimal(node, "min"), decimal(node, "max"))
            if high < low {
                error("max is below min", at: node, attribute: "max", hint: "write the range to search, min ≤ max")
            }
            return CalibrationTargets.Parameter(
                element: string(node, "element"), id: node.attribute("id"), attribute: string(node, "attribute"),
                range: low...max(low, high), whole: flag(node, "whole", default: false),
                every: flag(node, "every", default: false), location: location(of: node))
        }
        let names = targets.parameters.map(\.description)
        for (index, name) in names.enumerated() where names.prefix(index).contains(name) {
            error("\(name) is named twice", at: root.children(named: "parameter")[index], attribute: "attribute")
        }
        targets.targets = root.children(named: "target").compactMap { decodeTarget($0) }
        return targets
    }

    private mutating func decodeTarget(_ node: XMLElementNode) -> CalibrationTargets.Target? {
        guard let statistic = statistic(of: node) else { return nil }
        return CalibrationTargets.Target(
            name: string(node, "name"), statistic: statistic, districtID: node.attribute("district"),
            agricultural: flag(node, "agricultural", default: false), value: decimal(node, "value"),
            tolerance: decimal(node, "tolerance"), location: location(of: node))
    }

    /// What a target measures, or nil (with an error) when an attribute it needs is missing.
    private mutating func statistic(of node: XMLElementNode) -> CalibrationTargets.Statistic? {
        let kind = string(node, "statistic")
        if kind.hasPrefix("survey-") {
            guard let survey = node.attribute("survey") else {
                error("a survey share names its survey", at: node, attribute: "statistic", hint: "add survey=\"…\"")
                return nil
            }
            return kind == "survey-aware" ? .surveyAware(survey: survey) : .surveyApproving(survey: survey)
        }
        guard node.attribute("from") != nil, node.attribute("to") != nil else {
            error("a count needs its period", at: node, attribute: "statistic", hint: "add from and to")
            return nil
        }
        guard let period = period(node, "from", "to") else { return nil }
        switch kind {
        case "petition-change":
            guard node.attribute("before-from") != nil, node.attribute("before-to") != nil else {
                error(
                    "a petition change needs the period it is measured against", at: node, attribute: "statistic",
                    hint: "add before-from and before-to")
                return nil
            }
            return self.period(node, "before-from", "before-to").map { .petitionChange(before: $0, after: period) }
        case "charge-share":
            let charges = LogRecord.Charge.named(string(node, "charges"))
            guard !charges.isEmpty else {
                error("a charge share names its charges", at: node, attribute: "statistic", hint: "add charges=\"…\"")
                return nil
            }
            let among = LogRecord.Charge.named(string(node, "among"))
            return .chargeShare(
                period, charges: Set(charges), among: among.isEmpty ? Set(LogRecord.Charge.allCases) : Set(among))
        case "group-share":
            return .groupShare(period)
        case "sanctioned":
            let ranks = LogRecord.Rank.named(string(node, "ranks"))
            return .sanctioned(period, ranks: Set(ranks.isEmpty ? LogRecord.Rank.allCases : ranks))
        default:
            return .petitions(period)
        }
    }

    /// The period two date attributes give, both ends included; an error when it ends before it starts.
    private mutating func period(_ node: XMLElementNode, _ from: String, _ to: String) -> CalibrationTargets.Period? {
        guard let start = date(node, from), let end = date(node, to) else { return nil }
        guard start <= end else {
            error("\(to) \(end) is before \(from) \(start)", at: node, attribute: to)
            return nil
        }
        return .init(from: start, to: end)
    }
}
