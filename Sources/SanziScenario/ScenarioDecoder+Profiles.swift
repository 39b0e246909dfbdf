extension ScenarioDecoder {
    mutating func decodeProfiles(_ node: XMLElementNode) -> [VillageProfile] {
        node.children(named: "village-profile").map { decodeProfile($0) }
    }

    private mutating func decodeProfile(_ node: XMLElementNode) -> VillageProfile {
        let id = string(node, "id")
        register("profile", id: id, at: node)
        let households =
            node.child(named: "households").map { child in minMax(child) { $0.integer(child, $1) } } ?? 0...0
        let remoteness =
            node.child(named: "remoteness").map { child in minMax(child) { $0.decimal(child, $1) } } ?? 0...0
        let registers = node.children.compactMap { child -> RegisterClass? in
            guard child.name == "resource" || child.name == "asset" else { return nil }
            return decodeRegister(child)
        }
        return VillageProfile(
            id: id,
            name: node.attribute("name"),
            households: households,
            remoteness: remoteness,
            people: decodePeople(node.child(named: "people")),
            registers: registers,
            funds: decodeFunds(node.child(named: "funds")),
            localBidders: node.child(named: "local-bidders").map { decodeLocalBidders($0) } ?? .none,
            location: location(of: node))
    }

    private mutating func decodePeople(_ node: XMLElementNode?) -> PeopleProfile {
        let cadres = node?.child(named: "cadres")
        let supervision = node?.child(named: "supervision-committee")
        let kinship = node?.child(named: "kinship")
        return PeopleProfile(
            committeeMembers: cadres.map {
                integer(
                    $0, "committee-members", within: 0...50,
                    "a villagers' committee has three to seven members by law; 50 leaves room for merged villages")
            } ?? 0,
            concurrentSecretaryDirector: cadres.map { decimal($0, "concurrent-secretary-director") } ?? 0,
            supervisors: supervision.map {
                integer(
                    $0, "members", within: 0...50, "a village affairs supervision committee has three to five members")
            } ?? 0,
            supervisorIndependence: supervision.map { decimal($0, "independence") } ?? 0,
            clans: kinship.map {
                intRange($0, "clans", within: 1...1_000, "every villager belongs to one of the village's clans")
            } ?? 1...1,
            tiesPerPerson: kinship.map {
                decimal(
                    $0, "ties-per-person", within: 0...50,
                    "kin ties of one person inside the village; each is stored, so memory grows with them")
            } ?? 0,
            registeredTieShare: kinship.map { decimal($0, "registered-share") } ?? 0)
    }

    private mutating func decodeRegister(_ node: XMLElementNode) -> RegisterClass {
        let kind = choice(node, "kind", default: RegisterKind.farmland)
        let unit = choice(node, "unit", default: SizeUnit.item)
        let size = decimalRange(node, "size")
        if size.lowerBound <= 0 {
            error("items must have a size above 0", at: node, attribute: "size")
        }
        let rent = money(node, "rent-median-yuan")
        if rent == .zero {
            error("the median rent must be above 0", at: node, attribute: "rent-median-yuan")
        }
        let terms = intRange(
            node, "term-years", within: 1...100,
            "a lease lasts at least a year, and no collective lease runs longer than a century")
        if kind.capital == .resource, unit != .mu {
            warning("\(kind.rawValue) is usually measured in mu, not \(unit.rawValue)", at: node, attribute: "unit")
        }
        return RegisterClass(
            kind: kind,
            count: intRange(
                node, "count", within: 0...100_000, "items of one class in one village's register, each simulated"),
            size: size, unit: unit, rentMedian: rent,
            rentSpread: decimal(node, "rent-spread"), termYears: terms,
            leasedShare: decimal(node, "leased-share", default: 0.8),
            disposalPerYear: decimal(node, "disposal-per-year"), location: location(of: node))
    }

    private mutating func decodeFunds(_ node: XMLElementNode?) -> FundsProfile {
        guard let node else { return FundsProfile(accounts: [], incomes: [], spending: [], compensation: nil) }
        var seenAccounts: Set<String> = []
        var accounts: [FundsProfile.Account] = []
        for child in node.children(named: "account") {
            let kind = choice(child, "kind", default: FundsProfile.AccountKind.basic)
            if !seenAccounts.insert(kind.rawValue).inserted {
                error(
                    "a village has one \(kind.rawValue) account; this one is listed twice", at: child, attribute: "kind"
                )
            }
            accounts.append(.init(kind: kind, opening: moneyRange(child, "opening-yuan")))
        }
        if !seenAccounts.contains(FundsProfile.AccountKind.basic.rawValue) {
            error("a village needs a basic account", at: node, hint: "add <account kind=\"basic\" opening-yuan=\"…\"/>")
        }
        let incomes = node.children(named: "income").map { child in
            FundsProfile.Income(
                kind: choice(child, "kind", default: .other), perYear: moneyRange(child, "per-year-yuan"))
        }
        let spending = node.children(named: "spending").map { child in
            FundsProfile.Spending(
                kind: choice(child, "kind", default: .office), perYear: moneyRange(child, "per-year-yuan"),
                seasonality: decimal(child, "seasonality"))
        }
        let compensation = node.child(named: "compensation").map { child in
            FundsProfile.Compensation(
                perYear: decimal(child, "per-year"), amount: moneyRange(child, "amount-yuan"),
                householdShare: decimal(child, "household-share"))
        }
        return FundsProfile(accounts: accounts, incomes: incomes, spending: spending, compensation: compensation)
    }

    private mutating func decodeLocalBidders(_ node: XMLElementNode) -> LocalBidders {
        LocalBidders(
            individuals: intRange(node, "individuals", within: 0...10_000, "bidders living in one village"),
            firms: intRange(node, "firms", within: 0...10_000, "firms based in one village"),
            cadreOwnedShare: decimal(node, "cadre-owned-share"))
    }
}
