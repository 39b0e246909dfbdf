extension ScenarioDecoder {
    mutating func decodeSurveys(_ node: XMLElementNode, start: CalendarDate, end: CalendarDate) -> SurveyRules {
        var rules = SurveyRules()
        rules.residentAwareness = decimal(node, "resident-awareness", default: rules.residentAwareness)
        rules.cadreAwareness = decimal(node, "cadre-awareness", default: rules.cadreAwareness)
        rules.approval = decimal(node, "approval", default: rules.approval)
        rules.grievedApproval = decimal(node, "grieved-approval", default: rules.grievedApproval)
        rules.sensitivity = decimal(node, "sensitivity", default: rules.sensitivity)
        rules.surveys = node.children(named: "survey").compactMap { child in
            guard let date = date(child, "date") else { return nil }
            warnOutsidePeriod(
                date, start: start, end: end, "this survey's date", "so it is never held", at: child, attribute: "date")
            let district = child.attribute("district")
            if let district { resolve("district", id: district, at: child, attribute: "district") }
            return Survey(
                name: string(child, "name"), date: date, districtID: district, sample: integer(child, "sample"),
                cadreShare: decimal(child, "cadre-share", default: 0.2), location: location(of: child))
        }
        return rules
    }
}
