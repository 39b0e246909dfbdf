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
        if feedback < start || feedback >= end {
            warning(
                "this inspection's feedback, \(feedback), falls outside the simulated period \(start) to \(end), so its tasks never open",
                at: node, attribute: "date")
        }
        if target <= feedback {
            error(
                "the target date \(target) is not after the feedback on \(feedback)", at: node, attribute: "target",
                hint: "rectification is due some time after the inspection gives its feedback")
        }
        let tasks = node.children(named: "task").map { task in
            let due = integer(task, "due-days-before-target")
            if target.adding(days: -due) < feedback {
                error(
                    "this task would be due \(due) days before \(target), before the feedback on \(feedback)", at: task,
                    attribute: "due-days-before-target")
            }
            return RectificationTask(
                name: string(task, "name"), owner: choice(task, "owner", default: .district), dueDaysBeforeTarget: due,
                effects: task.children.compactMap { decodeTaskEffect($0) }, location: location(of: task))
        }
        return Inspection(
            name: string(node, "name"), districtID: district, date: feedback, target: target, tasks: tasks,
            location: location(of: node))
    }

    private mutating func decodeTaskEffect(_ node: XMLElementNode) -> RectificationTask.Effect? {
        switch node.name {
        case "set-supervision-independence": .supervisionIndependence(decimal(node, "independence"))
        case "clear-petitions": .clearPetitions
        case "second-investigators": .secondInvestigators(integer(node, "count"))
        default: decodeChange(node).map { .policy($0) }
        }
    }
}
