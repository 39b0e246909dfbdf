extension ScenarioDecoder {
    mutating func decodeRectification(_ node: XMLElementNode, start: CalendarDate, end: CalendarDate)
        -> Rectification
    {
        var rectification = Rectification()
        rectification.lateShare = decimal(node, "late-share", default: rectification.lateShare)
        rectification.followUpDays = range(node, "follow-up-days", default: rectification.followUpDays) { Int($0) }
        rectification.inspections = node.children(named: "inspection").compactMap { child in
            decodeInspection(child, start: start, end: end)
        }
        return rectification
    }

    private mutating func decodeInspection(_ node: XMLElementNode, start: CalendarDate, end: CalendarDate)
        -> Inspection?
    {
        let district = string(node, "district")
        resolve("district", id: district, at: node, attribute: "district")
        guard let feedback = date(node, "date"), let target = date(node, "target") else { return nil }
        warnOutsidePeriod(
            feedback, start: start, end: end, "this inspection's feedback", "so its tasks never open", at: node,
            attribute: "date")
        if target <= feedback {
            error(
                "the target date \(target) is not after the feedback on \(feedback)", at: node, attribute: "target",
                hint: "rectification is due some time after the inspection gives its feedback")
        }
        var inspection = Inspection(
            name: string(node, "name"), districtID: district, date: feedback, target: target, tasks: [],
            location: location(of: node))
        inspection.tasks = node.children(named: "task").map { node in
            let task = RectificationTask(
                name: string(node, "name"), owner: choice(node, "owner", default: .district),
                dueDaysBeforeTarget: integer(node, "due-days-before-target"),
                effects: node.children.compactMap { decodeTaskEffect($0) }, location: location(of: node))
            if inspection.due(task) < feedback {
                error(
                    "this task would be due \(task.dueDaysBeforeTarget) days before \(target), before the feedback on \(feedback)",
                    at: node, attribute: "due-days-before-target")
            }
            return task
        }
        return inspection
    }

    private mutating func decodeTaskEffect(_ node: XMLElementNode) -> RectificationTask.Effect? {
        switch node.name {
        case "set-supervision-independence": .supervisionIndependence(decimal(node, "independence"))
        case "clear-petitions": .clearPetitions
        case "set-dispute-answers": .disputeAnswers(decimal(node, "share"))
        case "second-investigators": .secondInvestigators(integer(node, "count"))
        default: decodeChange(node).map { .policy($0) }
        }
    }
}
