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
            let firms = integer(child, "firms", within: 0...100_000, "firms in one pool, each simulated")
            poolSizes[id] = firms
            result.pools.append(
                .init(
                    id: id, scope: scope, firms: firms,
                    capacity: intRange(
                        child, "capacity", within: 0...1_000, "contracts one firm can run at the same time"),
                    newFirmsPerYear: integer(
                        child, "new-firms-per-year", within: 0...10_000, "firms a pool gains a year, each simulated"),
                    location: location(of: child)))
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
        rules.minBidders = integer(
            node, "min-bidders", within: 1...50,
            "a listing needs at least one bidder; rules ask for two or three, and misconduct draws as many covers")
        rules.maxRelistings = integer(
            node, "max-relistings", within: 0...100,
            "a failed listing is relisted two weeks later, at 10% less each time",
            default: 2)
        rules.reserveRatio = decimal(
            node, "reserve-ratio", within: 0.01...10,
            "the reserve as a share of the appraisal; at ten times the appraisal no bidder ever meets it",
            default: 1)
        rules.disqualification = decimal(
            node, "disqualification", within: 0...0.5,
            "honest registrations fail the review for missing papers or deposits; more than half would leave few auctions",
            default: 0)
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
        if let petitions = node.child(named: "petitions") { rules.petitions = decodePetitions(petitions) }
        if let discipline = node.child(named: "discipline") { rules.discipline = decodeDiscipline(discipline) }
        if let deterrence = node.child(named: "deterrence") { rules.deterrence = decodeDeterrence(deterrence) }
        if let first = rules.firstElection {
            warnOutsidePeriod(
                first, start: start, end: end, "the first election", at: node, attribute: "first-election")
        }
        return rules
    }

    private mutating func decodeDiscipline(_ node: XMLElementNode) -> DisciplineRules {
        var rules = DisciplineRules()
        var declared: Set<DisciplineRules.Level> = []
        for child in node.children(named: "body") {
            let level: DisciplineRules.Level = choice(child, "level", default: .township)
            if !declared.insert(level).inserted {
                error("the \(level.rawValue) level is declared twice", at: child, attribute: "level")
            }
            rules.bodies.removeAll { $0.level == level }
            rules.bodies.append(
                DisciplineRules.Body(
                    level: level, investigators: integer(child, "investigators"),
                    workingDaysPerWeek: integer(child, "working-days", default: 5)))
        }
        rules.bodies.sort { $0.level < $1.level }
        rules.leadDelayDays = integer(node, "lead-delay-days", default: rules.leadDelayDays)
        rules.forward = choice(node, "forward", default: rules.forward)
        rules.forwardRules = string(node, "forward-rules").split(separator: " ").map(String.init)
        rules.forwardRulesLocation = location(of: node, attribute: "forward-rules")
        rules.confirmTrue = decimal(node, "confirm-true", default: rules.confirmTrue)
        rules.confirmFalse = decimal(node, "confirm-false", default: rules.confirmFalse)
        rules.triage = choice(node, "triage", default: rules.triage)
        rules.capPerMonth = integer(node, "cap-per-month", default: rules.capPerMonth)
        rules.maxWaitDays = integer(node, "max-wait-days", default: rules.maxWaitDays)
        if node.attribute("replacement-corrupt-share") != nil {
            rules.replacementCorruptShare = decimal(node, "replacement-corrupt-share")
        }
        if let up = node.child(named: "up-one-level") {
            rules.upOneLevelSeverity = choice(up, "severity", default: rules.upOneLevelSeverity)
            rules.upOneLevelValue = money(up, "value-yuan", default: rules.upOneLevelValue)
        }
        if let force = node.child(named: "task-force") {
            rules.taskForceValue = money(force, "value-yuan", default: rules.taskForceValue)
            rules.taskForceEffort = decimal(force, "effort", default: rules.taskForceEffort)
            rules.taskForceProof = decimal(force, "proof", default: rules.taskForceProof)
            rules.taskForceBribeProof = decimal(force, "bribe-proof", default: rules.taskForceBribeProof)
            rules.taskForceAccompliceProof = decimal(
                force, "accomplice-proof", default: rules.taskForceAccompliceProof)
        }
        if let investigation = node.child(named: "investigation") {
            rules.inquiryDays = range(investigation, "inquiry-days", default: rules.inquiryDays) { Int($0) }
            rules.checkDays = range(investigation, "check-days", default: rules.checkDays) { Int($0) }
            rules.caseDays = range(investigation, "case-days", default: rules.caseDays) { Int($0) }
            rules.inquiryProof = decimal(investigation, "inquiry-proof", default: rules.inquiryProof)
            rules.checkProof = decimal(investigation, "check-proof", default: rules.checkProof)
            rules.bribeProof = decimal(investigation, "bribe-proof", default: rules.bribeProof)
            rules.accompliceProof = decimal(investigation, "accomplice-proof", default: rules.accompliceProof)
        }
        if let sanctions = node.child(named: "sanctions") { rules.sanctions = decodeSanctions(sanctions) }
        if let officials = node.child(named: "officials") {
            rules.officials.perTown = integer(officials, "per-town", default: rules.officials.perTown)
            rules.officials.perDistrict = integer(officials, "per-district", default: rules.officials.perDistrict)
            rules.officials.city = integer(officials, "city", default: rules.officials.city)
            rules.officials.corruptShare = decimal(officials, "corrupt-share", default: rules.officials.corruptShare)
            rules.officials.protection = decimal(officials, "protection", default: rules.officials.protection)
        }
        return rules
    }

    private mutating func decodeSanctions(_ node: XMLElementNode) -> DisciplineRules.Sanctions {
        var sanctions = DisciplineRules.Sanctions()
        sanctions.seriousWarning = money(node, "serious-warning-yuan", default: sanctions.seriousWarning)
        sanctions.removal = money(node, "removal-yuan", default: sanctions.removal)
        sanctions.probation = money(node, "probation-yuan", default: sanctions.probation)
        sanctions.expulsion = money(node, "expulsion-yuan", default: sanctions.expulsion)
        sanctions.occupationalProsecution = money(
            node, "occupational-prosecution-yuan", default: sanctions.occupationalProsecution)
        sanctions.embezzlementProsecution = money(
            node, "embezzlement-prosecution-yuan", default: sanctions.embezzlementProsecution)
        sanctions.recovery = range(node, "recovery", default: sanctions.recovery) { Double($0) }
        if sanctions.recovery.upperBound > 1 {
            error("recovery is a share of the loss, at most 1", at: node, attribute: "recovery")
        }
        sanctions.exposure = decimal(node, "exposure", default: sanctions.exposure)
        let ladder = [
            ("serious-warning-yuan", sanctions.seriousWarning), ("removal-yuan", sanctions.removal),
            ("probation-yuan", sanctions.probation), ("expulsion-yuan", sanctions.expulsion),
        ]
        for (lower, higher) in zip(ladder, ladder.dropFirst()) where higher.1 < lower.1 {
            error(
                "\(higher.0) (\(higher.1) yuan) is below \(lower.0) (\(lower.1) yuan)", at: node, attribute: higher.0,
                hint: "sanctions grow with the money involved")
        }
        return sanctions
    }

    private mutating func decodePetitions(_ node: XMLElementNode) -> PetitionRules {
        var rules = PetitionRules()
        rules.noticeAtPosting = decimal(node, "notice-at-posting", default: rules.noticeAtPosting)
        rules.noticeMonthly = decimal(node, "notice-monthly", default: rules.noticeMonthly)
        rules.aggrievedShare = decimal(node, "aggrieved-share", default: rules.aggrievedShare)
        rules.repeatMonths = range(node, "repeat-months", default: rules.repeatMonths) { Int($0) }
        rules.giveUpAfter = integer(node, "give-up-after", default: rules.giveUpAfter)
        if node.attribute("dispute-answers") != nil { rules.disputeAnswers = decimal(node, "dispute-answers") }
        return rules
    }

    private mutating func decodeDeterrence(_ node: XMLElementNode) -> DeterrenceRules {
        var rules = DeterrenceRules()
        rules.penalty = money(node, "penalty-yuan", default: rules.penalty)
        rules.memoryDays = integer(node, "memory-days", default: rules.memoryDays)
        rules.sensitivity = decimal(node, "sensitivity", default: rules.sensitivity)
        rules.aversionSpread = decimal(node, "aversion-spread", default: rules.aversionSpread)
        rules.townWeight = decimal(node, "town-weight", default: rules.townWeight)
        rules.districtWeight = decimal(node, "district-weight", default: rules.districtWeight)
        rules.cityWeight = decimal(node, "city-weight", default: rules.cityWeight)
        rules.answerWeight = decimal(node, "answer-weight", default: rules.answerWeight)
        return rules
    }
}
