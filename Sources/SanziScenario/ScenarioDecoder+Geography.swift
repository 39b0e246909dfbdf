extension ScenarioDecoder {
    mutating func decodeGeography(_ node: XMLElementNode?) -> Geography {
        guard let node else { return Geography(districts: []) }
        var total = 0
        var districts: [District] = []
        for districtNode in node.children(named: "district") {
            let id = string(districtNode, "id")
            register("district", id: id, at: districtNode)
            let towns = districtNode.children(named: "town").map { decodeTown($0, total: &total) }
            districts.append(
                District(id: id, name: string(districtNode, "name"), towns: towns, location: location(of: districtNode))
            )
        }
        if total > Self.villageLimit {
            error(
                "the scenario generates \(total) villages; the limit is \(Self.villageLimit)", at: node,
                hint: "split the work into several scenarios or runs")
        }
        let newsWindowDays = node.attribute("news-window-days") == nil ? nil : integer(node, "news-window-days")
        return Geography(districts: districts, newsWindowDays: newsWindowDays)
    }

    private mutating func decodeTown(_ node: XMLElementNode, total: inout Int) -> Town {
        let townID = string(node, "id")
        let townName = string(node, "name")
        register("town", id: townID, at: node)
        var villages: [Village] = []
        var generated = 0
        for child in node.children where child.name == "village" || child.name == "villages" {
            let profileID = string(child, "profile")
            resolve("profile", id: profileID, at: child, attribute: "profile")
            if child.name == "village" {
                let id = string(child, "id")
                register("village", id: id, at: child)
                let remoteness = child.attribute("remoteness") == nil ? nil : decimal(child, "remoteness")
                villages.append(
                    Village(
                        id: id, name: string(child, "name"), profileID: profileID, remoteness: remoteness,
                        location: location(of: child)))
                total += 1
                continue
            }
            let count = integer(child, "count", default: 1)
            total += count
            guard total <= Self.villageLimit else { continue }
            let prefix = child.attribute("name-prefix") ?? "\(townName) "
            let at = location(of: child)
            for number in (generated + 1)...(generated + count) {
                let suffix = Self.padded(number, width: 3)
                let id = "\(townID)-v\(suffix)"
                register("village", id: id, at: child, attribute: "count")
                villages.append(
                    Village(id: id, name: prefix + suffix, profileID: profileID, remoteness: nil, location: at))
            }
            generated += count
        }
        return Town(id: townID, name: townName, villages: villages, location: location(of: node))
    }

    static func padded(_ number: Int, width: Int) -> String {
        let text = String(number)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}
