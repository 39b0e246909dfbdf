import SanziEngine
import SanziEvents
import SanziScenario
import SanziTruth

/// Who acts corruptly and when, the cases they open, and how cases come to light.
extension World {
    /// The corrupt holders of a typology's perpetrator roles in a village when the typology's
    /// chance comes up at this opportunity and they dare (`dares`: the gain `stake`, fen,
    /// against the risk they perceive); nil when nobody acts.
    mutating func offenders(_ typology: Typology, in village: Int32, stake: Int64, on day: Tick) -> [Int32]? {
        guard let setting = misconduct.setting(typology),
            misconduct.roleMasks[typology.index] & misconduct.corruptRoles[Int(village)] != 0
        else { return nil }
        // Only a director holds a bought office (and is corrupt, having bought it): the typology
        // is bolder when the director may act it. Checked before the perpetrators are gathered,
        // which happens only when the draw says they act.
        let director = people.offices[Int(village)].director
        let bold =
            director >= 0 && people.persons[Int(director)].boughtOffice
                && misconduct.roleMasks[typology.index] & CadreRole.director.bit != 0
            ? Self.boughtBoldness : 1
        let rate = min(1, setting.rate * bold * policy(of: village).misconductScale[typology.index])
        guard misconduct.villages[Int(village)].random.bernoulli(rate) else { return nil }
        var holders = perpetrators(of: typology, in: village)
        if setting.collusion > 0, !holders.isEmpty {
            holders += fellows(of: typology, in: village, excluding: holders).filter { _ in
                misconduct.villages[Int(village)].random.bernoulli(setting.collusion)
            }
        }
        return dares(holders, stake: stake, in: village, on: day) ? holders : nil
    }

    /// How much more often a cadre who bought his office offends: he has the price to recoup
    /// (an assumption).
    static let boughtBoldness = 2.0

    /// Whether honest life produces a look-alike of a typology at this opportunity.
    mutating func lookAlike(_ typology: Typology, in village: Int32) -> Bool {
        misconduct.lookAlike(typology, in: village)
    }

    /// One of the village's own bidders, drawn from its stream of look-alikes (the honest
    /// counterparty of a look-alike: a supplier, a tenant); nil when the village has none.
    mutating func lookAlikeCounterparty(in village: Int32) -> Int32? {
        let local = platform.localBidders[Int(village)]
        guard !local.isEmpty else { return nil }
        let drawn = misconduct.villages[Int(village)].lookAlikes.integer(
            in: Int(local.lowerBound)...Int(local.upperBound - 1))
        return Int32(drawn)
    }

    /// Whether offenders of a village know the deployed thresholds for a typology.
    func adapts(_ typology: Typology, in village: Int32) -> Bool {
        switch misconduct.adaptation {
        case .none: false
        case .knowThresholds: true
        case .learnAfterCatch: misconduct.learned[villages[Int(village)].district][typology.index]
        }
    }

    /// The share of a deal's value a typology takes: its `loss-share`, or `fallback`.
    mutating func lossShare(_ typology: Typology, in village: Int32, fallback: ClosedRange<Double>) -> Double {
        misconduct.villages[Int(village)].random.uniform(misconduct.setting(typology)?.lossShare ?? fallback)
    }

    /// Whether this act is concealed, by the typology's `concealment`.
    mutating func conceals(_ typology: Typology, in village: Int32) -> Bool {
        misconduct.villages[Int(village)].random.bernoulli(misconduct.setting(typology)?.concealment ?? 0)
    }

    /// The corrupt holders of the roles that may commit a typology in a village.
    @inline(__always)
    func perpetrators(of typology: Typology, in village: Int32) -> [Int32] {
        holders(ofRolesFor: typology, in: village) { people.persons[Int($0)].corrupt }
    }

    /// The other holders of those roles: whom its corrupt cadres may bring into an act
    /// (`collusion`).
    func fellows(of typology: Typology, in village: Int32, excluding perpetrators: [Int32]) -> [Int32] {
        holders(ofRolesFor: typology, in: village) { !perpetrators.contains($0) }
    }

    /// The holders of the roles that may commit a typology in a village (the director when
    /// none is named) whom `admits`, each once.
    private func holders(ofRolesFor typology: Typology, in village: Int32, admits: (Int32) -> Bool) -> [Int32] {
        let roles = misconduct.setting(typology)?.perpetrators ?? []
        var holders: [Int32] = []
        for role in roles.isEmpty ? [.director] : roles {
            for person in people.holders(of: role, in: village)
            where person >= 0 && admits(person) && !holders.contains(person) {
                holders.append(person)
            }
        }
        return holders
    }

    /// Opens a case (or look-alike) and returns its index.
    mutating func openCase(
        _ typology: Typology, _ kind: Case.Kind = .misconduct, village: Int32, perpetrators: [Int32] = [],
        beneficiary: Int32 = -1, adapted: Bool = false, on day: Tick
    ) -> Int32 {
        misconduct.cases.append(
            CaseRecord(
                kind: kind, typology: typology, village: village, perpetrators: perpetrators,
                beneficiary: beneficiary, day: Int32(day), adapted: adapted))
        let index = Int32(misconduct.cases.count - 1)
        if kind == .misconduct, beneficiary >= 0,
            let share = misconduct.setting(typology).flatMap({ $0.kickback ?? typology.defaultKickback })
        {
            misconduct.cases[Int(index)].kickbackShare = misconduct.villages[Int(village)].random.uniform(share)
        }
        if kind == .misconduct {
            misconduct.villages[Int(village)].openCases.append(index)
            misconduct.cases[Int(index)].protector = protector(forCase: index, in: village)
            if beneficiary >= 0 { misconduct.cases[Int(index)].note(.bidder(bidderID(beneficiary))) }
        }
        return index
    }

    /// Up to `count` distinct accomplice bidders near a village (its firms and villagers, its
    /// district's pool), drawn from the misconduct stream, leaving out `excluded`.
    mutating func accomplices(_ count: Int, near village: Int32, excluding excluded: [Int32] = []) -> [Int32] {
        let candidates = platform.localBidders[Int(village)] + platform.districtPools[villages[Int(village)].district]
        var chosen: [Int32] = []
        for _ in 0..<(4 * count + 8) where chosen.count < count && !candidates.isEmpty {
            let pick = candidates[misconduct.villages[Int(village)].random.integer(in: 0...(candidates.count - 1))]
            if !chosen.contains(pick), !excluded.contains(pick), !platform.bidders[Int(pick)].blacklisted {
                chosen.append(pick)
            }
        }
        return chosen
    }

    /// A bidder owned by a relative of one of `persons`: through a hidden tie when `hidden`,
    /// else any tie; nil when nobody related bids in the village.
    mutating func relativesBidder(of persons: [Int32], in village: Int32, hidden: Bool) -> Int32? {
        var found: [Int32] = []
        for person in persons {
            for tie in people.relatives[Int(person)] where !hidden || !tie.registered {
                if let bidder = people.bidder(of: tie.person), platform.bidders[Int(bidder)].village == village,
                    !platform.bidders[Int(bidder)].blacklisted
                {
                    found.append(bidder)
                }
            }
        }
        guard !found.isEmpty else { return nil }
        return found[misconduct.villages[Int(village)].random.integer(in: 0...(found.count - 1))]
    }

    /// Whether a bidder's owner is related to, or is, a corrupt key cadre of the village. The
    /// village's mask of corrupt roles (`noteCorruptRoles`) says which key cadres are corrupt,
    /// so that only theirs are read (each person's record was a cache miss at 12,000 villages).
    /// Inlined: a call from a mutating method copied the whole world (2.4 KB) every rent.
    @inline(__always)
    func isInsider(_ bidder: Int32, of village: Int32) -> Bool {
        let corruptRoles = misconduct.corruptRoles[Int(village)]
        guard corruptRoles & 0b1111 != 0 else { return false }
        let owner = platform.bidders[Int(bidder)].person
        let offices = people.offices[Int(village)]
        return Offices.keyRoles.contains { role in
            let holder = offices.holder(of: role)
            return corruptRoles & role.bit != 0 && holder >= 0
                && (holder == owner || people.relatives[Int(holder)].contains { $0.person == owner })
        }
    }

    /// Honest office holders who turn corrupt this month, each with the monthly chance of
    /// `onset-per-year` (drawn from a stream of the village-month's own): without it, a world
    /// whose offenders are removed runs out of them, since new ones come only with new cadres.
    mutating func mayTurnCorrupt(_ village: Int32, month index: Int32) {
        guard misconduct.monthlyOnset > 0 else { return }
        var onset = villages[Int(village)].root.derived("onset", Int(index))
        var drawn: Set<Int32> = []  // a secretary who is also the director draws once
        var turned = false
        for role in CadreRole.allCases {
            for person in people.holders(of: role, in: village)
            where person >= 0 && drawn.insert(person).inserted && !people.persons[Int(person)].corrupt
                && onset.bernoulli(misconduct.monthlyOnset)
            {
                people.persons[Int(person)].corrupt = true
                turned = true
            }
        }
        if turned { noteCorruptRoles(village) }
    }

    /// Recomputes which roles of a village a corrupt person holds (after generation and elections).
    mutating func noteCorruptRoles(_ village: Int32) {
        var mask: UInt8 = 0
        for role in CadreRole.allCases
        where people.holders(of: role, in: village).contains(where: { $0 >= 0 && people.persons[Int($0)].corrupt }) {
            mask |= role.bit
        }
        misconduct.corruptRoles[Int(village)] = mask
    }

    /// An audit finds each open misconduct case of its village with a chance that falls with
    /// the case's concealment. Returns the cases found: each becomes a lead.
    mutating func audit(_ village: Int32) -> [Int32] {
        let v = Int(village)
        return misconduct.villages[v].openCases.filter { index in
            let concealment = misconduct.concealment(ofCase: index)
            return misconduct.villages[v].random.bernoulli(0.5 * (1 - concealment))
        }
    }

    /// Draws each scenario ring's members from its pool when bid rotation is enabled.
    mutating func drawRings(_ root: RandomStream) {
        guard misconduct.setting(.bidRotation) != nil else { return }
        for ring in scenario.bidders.rings {
            guard let pool = scenario.bidders.pools.first(where: { $0.id == ring.poolID }),
                var candidates = platform.poolMembers[ring.poolID], candidates.count >= 2
            else { continue }
            var random = root.derived("ring", ring.id)
            var members: [Int32] = []
            while members.count < min(ring.members, candidates.count) {
                members.append(candidates.remove(at: random.integer(in: 0...(candidates.count - 1))))
            }
            var district = -1
            if case .district(let id) = pool.scope {
                district = scenario.geography.district(id) ?? -1
            }
            let apart = district < 0 && scenario.geography.newsWindowDays != nil
            misconduct.rings.append(
                Ring(
                    drawn: members, members: members, district: district,
                    rotations: apart ? scenario.geography.districts.count : 1))
        }
    }

    /// The ground truth of the run: each case with the events the log saw it touch.
    public func groundTruth(from log: WorldLog) -> GroundTruth { groundTruth(touched: log.touches.byCase()) }

    /// The ground truth of the run, from the events each case touched, by case.
    func groundTruth(touched: [CaseTouches.Events]) -> GroundTruth {
        var events = touched
        var cases = CaseList()
        cases.reserveCapacity(misconduct.cases.count, events: events.reduce(0) { $0 + $1.ids.count })
        for index in 0..<misconduct.cases.count {
            let record = misconduct.cases[index]
            let touched = index < events.count ? events[index] : CaseTouches.Events()
            if index < events.count { events[index] = CaseTouches.Events() }
            let seen = !touched.ids.isEmpty
            cases.append(
                Case(
                    id: index + 1, kind: record.kind, typology: record.typology, village: record.village,
                    perpetrators: record.perpetrators.map(Int64.init),
                    beneficiary: record.beneficiary >= 0 ? bidderID(record.beneficiary) : -1,
                    startDay: seen ? touched.firstDay : record.day, endDay: seen ? touched.lastDay : record.day,
                    expected: record.expected, booked: record.booked, adapted: record.adapted,
                    discoveredDay: record.discoveredDay, events: touched.ids, recovered: record.recovered,
                    privateMoney: record.privateMoney + record.kickback))
        }
        return GroundTruth(cases: cases)
    }
}
