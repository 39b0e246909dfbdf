extension ScenarioDecoder {
    mutating func decodeBidders(_ node: XMLElementNode) -> BidderPools {
        var result = BidderPools()
        var poolSizes: [String: Int] = [:]
        for child in node.children(named: "pool") {
            let id = string(child, "id")
            register("pool", id: id, at: child)
            let scope: BidderPools.Scope
            switch (string(child, "scope"), child.attribute("district")) {
            case ("district", let district?):
                resolve("district", id: district, at: child, attribute: "district")
                scope = .district(district)
            case ("district", nil):
                error("a district pool needs a district attribute", at: child, attribute: "scope")
                scope = .shared
            case (_, .some):
                error(
                    "a shared pool serves every district; remove the district attribute", at: child,
                    attribute: "district")
                scope = .shared
            default:
                scope = .shared
            }
            let firms = integer(child, "firms")
            poolSizes[id] = firms
            result.pools.append(
                .init(
                    id: id, scope: scope, firms: firms, capacity: intRange(child, "capacity"),
                    newFirmsPerYear: integer(child, "new-firms-per-year"), location: location(of: child)))
        }
        for child in node.children(named: "ring") {
            let id = string(child, "id")
            register("ring", id: id, at: child)
            let poolID = string(child, "pool")
            let members = integer(child, "members", default: 2)
            if resolve("pool", id: poolID, at: child, attribute: "pool"), let size = poolSizes[poolID], members > size {
                error(
                    "the ring has \(members) members but pool \"\(poolID)\" has only \(size) firms", at: child,
                    attribute: "members")
            }
            result.rings.append(.init(id: id, poolID: poolID, members: members, location: location(of: child)))
        }
        return result
    }

    mutating func decodePlatform(_ node: XMLElementNode) -> PlatformRules {
        var rules = PlatformRules()
        rules.listingThreshold = money(node, "listing-threshold-yuan")
        rules.announcementDays = integer(node, "announcement-days")
        rules.depositRatio = decimal(node, "deposit-ratio")
        rules.minBidders = integer(node, "min-bidders")
        rules.maxRelistings = integer(node, "max-relistings", default: 2)
        rules.reserveRatio = decimal(node, "reserve-ratio", default: 1)
        if rules.minBidders < 1 {
            error("a listing needs at least one bidder", at: node, attribute: "min-bidders")
        }
        var listed: Set<DealKind> = []
        for child in node.children(named: "mode") {
            let deal = choice(child, "deal", default: DealKind.lease)
            let method = choice(child, "method", default: BiddingMethod.ascendingAuction)
            if !listed.insert(deal).inserted {
                error("the bidding mode for \(deal.rawValue) deals is given twice", at: child, attribute: "deal")
            }
            if (deal == .works) != (method == .lowestPriceTender) && method != .negotiated && method != .sealedTender {
                let expected = deal == .works ? "lowest-price-tender" : "ascending-auction"
                error(
                    "\(method.rawValue) does not suit \(deal.rawValue) deals", at: child, attribute: "method",
                    hint: "use \(expected)")
            }
            let increment = child.attribute("increment-yuan") == nil ? nil : money(child, "increment-yuan")
            rules.modes[deal] = .init(method: method, increment: increment)
        }
        for deal in DealKind.allCases where !listed.contains(deal) {
            warning(
                "no bidding mode for \(deal.rawValue) deals; the default \(rules.modes[deal]!.method.rawValue) applies",
                at: node)
        }
        if let small = node.child(named: "small-deals") {
            rules.smallDealMethod = choice(small, "method", default: .negotiated)
            rules.smallDealPublicity = flag(small, "publicity", default: true)
        }
        return rules
    }

    mutating func decodeFinance(_ node: XMLElementNode) -> FinanceRules {
        var rules = FinanceRules()
        rules.cashCap = money(node, "cash-cap-yuan")
        rules.bankingDays = integer(node, "banking-days")
        let tierNodes = node.children(named: "approval-tier")
        rules.approvalTiers = []
        for (index, child) in tierNodes.enumerated() {
            let isLast = index == tierNodes.count - 1
            let upTo = child.attribute("up-to-yuan") == nil ? nil : money(child, "up-to-yuan")
            if upTo == nil, !isLast {
                error("only the last approval tier may leave up-to-yuan out", at: child)
            }
            if let upTo, let previous = rules.approvalTiers.last?.upTo, upTo <= previous {
                error(
                    "approval tiers must rise: \(upTo) yuan is not above \(previous) yuan", at: child,
                    attribute: "up-to-yuan")
            }
            rules.approvalTiers.append(
                .init(upTo: upTo, approver: choice(child, "approver", default: .representativesMeeting)))
        }
        if rules.approvalTiers.last?.upTo != nil, let last = tierNodes.last {
            error(
                "the last approval tier must cover every larger amount; leave its up-to-yuan out", at: last,
                attribute: "up-to-yuan")
        }
        return rules
    }

    mutating func decodeOversight(_ node: XMLElementNode, start: CalendarDate, end: CalendarDate) -> OversightRules {
        var rules = OversightRules()
        rules.publicity = choice(node, "publicity", default: .monthly)
        rules.supervisionReviews = choice(node, "supervision-reviews", default: .quarterly)
        rules.auditEveryYears = integer(node, "audit-every-years", default: 3)
        rules.electionEveryYears = integer(node, "election-every-years", default: 3)
        rules.petitionPropensity = decimal(node, "petition-propensity")
        rules.firstElection = date(node, "first-election")
        if let first = rules.firstElection, first < start || first >= end {
            warning(
                "the first election, \(first), falls outside the simulated period \(start) to \(end)", at: node,
                attribute: "first-election")
        }
        return rules
    }
}
