import SanziEngine
import SanziEvents
import SanziScenario
import SanziTruth

/// Who acts corruptly and when, the cases they open, and how cases come to light.
extension World {
    /// The corrupt holders of a typology's perpetrator roles in a village when the typology's
    /// chance comes up at this opportunity; nil when nobody acts.
    mutating func offenders(_ typology: Typology, in village: Int32) -> [Int32]? {
        guard let setting = conduct.setting(typology),
            conduct.roleMasks[typology.index] & villages[Int(village)].corruptRoles != 0
        else { return nil }
        let rate = min(1, setting.rate * policies[villages[Int(village)].district].misconductScale[typology.index])
        return villages[Int(village)].misconduct.bernoulli(rate) ? perpetrators(of: typology, in: village) : nil
    }

    /// Whether honest life produces a look-alike of a typology at this opportunity.
    mutating func lookAlike(_ typology: Typology, in village: Int32) -> Bool {
        conduct.lookAlike(typology, &villages[Int(village)].lookAlikes)
    }

    /// Whether offenders of a village know the deployed thresholds for a typology.
    func adapts(_ typology: Typology, in village: Int32) -> Bool {
        switch conduct.adaptation {
        case .none: false
        case .knowThresholds: true
        case .learnAfterCatch: learned[villages[Int(village)].district][typology.index]
        }
    }

    /// The share of a deal's value a typology takes: its `loss-share`, or `fallback`.
    mutating func lossShare(_ typology: Typology, in village: Int32, fallback: ClosedRange<Double>) -> Double {
        villages[Int(village)].misconduct.uniform(conduct.setting(typology)?.lossShare ?? fallback)
    }

    /// Whether this act is concealed, by the typology's `concealment`.
    mutating func conceals(_ typology: Typology, in village: Int32) -> Bool {
        villages[Int(village)].misconduct.bernoulli(conduct.setting(typology)?.concealment ?? 0)
    }

    /// The corrupt holders of the roles that may commit a typology in a village.
    func perpetrators(of typology: Typology, in village: Int32) -> [Int32] {
        let roles = conduct.setting(typology)?.perpetrators ?? []
        let state = villages[Int(village)]
        var holders: [Int32] = []
        for role in roles.isEmpty ? [.director] : roles {
            let persons: [Int32]
            switch role {
            case .secretary: persons = [state.secretary]
            case .director: persons = [state.director]
            case .accountant: persons = [state.accountant]
            case .cashier: persons = [state.cashier]
            case .committeeMember: persons = state.committee
            case .supervisor: persons = state.supervisors
            }
            for person in persons where person >= 0 && people[Int(person)].corrupt && !holders.contains(person) {
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
        cases.append(
            CaseRecord(
                kind: kind, typology: typology, village: village, perpetrators: perpetrators,
                beneficiary: beneficiary, day: Int32(day), adapted: adapted,
                concealment: conduct.setting(typology)?.concealment ?? 0))
        if kind == .misconduct { villages[Int(village)].openCases.append(Int32(cases.count - 1)) }
        return Int32(cases.count - 1)
    }

    /// Books a case's money: what the collective should have had, and what it had. Look-alikes
    /// are honest and book nothing.
    mutating func book(_ caseIndex: Int32, expected: Int64, booked: Int64) {
        guard caseIndex >= 0, cases[Int(caseIndex)].kind == .misconduct else { return }
        cases[Int(caseIndex)].expected += expected
        cases[Int(caseIndex)].booked += booked
    }

    /// Up to `count` distinct accomplice bidders near a village (its firms and villagers, its
    /// district's pool), drawn from the misconduct stream, leaving out `excluded`.
    mutating func accomplices(_ count: Int, near village: Int32, excluding excluded: [Int32] = []) -> [Int32] {
        let state = villages[Int(village)]
        let candidates = state.localBidders + districtPools[state.district]
        var chosen: [Int32] = []
        var random = villages[Int(village)].misconduct
        defer { villages[Int(village)].misconduct = random }
        for _ in 0..<(4 * count + 8) where chosen.count < count && !candidates.isEmpty {
            let pick = candidates[random.integer(in: 0...(candidates.count - 1))]
            if !chosen.contains(pick), !excluded.contains(pick) { chosen.append(pick) }
        }
        return chosen
    }

    /// A bidder owned by a relative of one of `persons`: through a hidden tie when `hidden`,
    /// else any tie; nil when nobody related bids in the village.
    mutating func relativesBidder(of persons: [Int32], in village: Int32, hidden: Bool, registeredOnly: Bool = false)
        -> Int32?
    {
        var found: [Int32] = []
        for person in persons {
            for tie in relatives[Int(person)] where (!hidden || !tie.registered) && (!registeredOnly || tie.registered)
            {
                if let bidder = bidderOfPerson[tie.person], bidders[Int(bidder)].village == village {
                    found.append(bidder)
                }
            }
        }
        guard !found.isEmpty else { return nil }
        return found[villages[Int(village)].misconduct.integer(in: 0...(found.count - 1))]
    }

    /// Whether a bidder's owner is related to, or is, a corrupt office holder of the village.
    func isInsider(_ bidder: Int32, of village: Int32) -> Bool {
        guard villages[Int(village)].corruptRoles & 0b1111 != 0 else { return false }
        let owner = bidders[Int(bidder)].person
        func insider(_ holder: Int32) -> Bool {
            holder >= 0 && people[Int(holder)].corrupt
                && (holder == owner || relatives[Int(holder)].contains { $0.person == owner })
        }
        return insider(villages[Int(village)].secretary) || insider(villages[Int(village)].director)
            || insider(villages[Int(village)].accountant) || insider(villages[Int(village)].cashier)
    }

    /// Recomputes which roles of a village a corrupt person holds (after generation and elections).
    mutating func noteCorruptRoles(_ village: Int32) {
        let state = villages[Int(village)]
        func corrupt(_ persons: [Int32]) -> Bool { persons.contains { $0 >= 0 && people[Int($0)].corrupt } }
        var mask: UInt8 = 0
        for (role, persons) in [
            (CadreRole.secretary, [state.secretary]), (.director, [state.director]), (.accountant, [state.accountant]),
            (.cashier, [state.cashier]), (.committeeMember, state.committee), (.supervisor, state.supervisors),
        ] where corrupt(persons) {
            mask |= role.bit
        }
        villages[Int(village)].corruptRoles = mask
    }

    /// An audit uncovers each open misconduct case of its village with a chance that falls with
    /// the case's concealment; offenders of the district then learn the thresholds of that
    /// typology (`adaptation="learn-after-catch"`). Returns the cases found.
    mutating func audit(_ village: Int32, on day: Tick) -> [Int32] {
        var found: [Int32] = []
        var random = villages[Int(village)].misconduct
        for index in villages[Int(village)].openCases.map(Int.init) {
            guard random.bernoulli(0.5 * (1 - cases[index].concealment)) else { continue }
            cases[index].discoveredDay = Int32(day)
            learned[villages[Int(village)].district][cases[index].typology.index] = true
            found.append(Int32(index))
        }
        villages[Int(village)].misconduct = random
        villages[Int(village)].openCases.removeAll { found.contains($0) }
        return found
    }

    /// The ground truth of the run: each case with the events the observer saw it touch.
    public func groundTruth(from observer: LogObserver) -> GroundTruth {
        GroundTruth(
            cases: cases.enumerated().map { index, record in
                let touched = index < observer.caseEvents.count ? observer.caseEvents[index] : []
                return Case(
                    id: index + 1, kind: record.kind, typology: record.typology, village: record.village,
                    perpetrators: record.perpetrators.map(Int64.init),
                    beneficiary: record.beneficiary >= 0 ? bidders[Int(record.beneficiary)].id : -1,
                    startDay: touched.first?.day ?? record.day, endDay: touched.last?.day ?? record.day,
                    expected: record.expected, booked: record.booked, adapted: record.adapted,
                    discoveredDay: record.discoveredDay, events: touched.map(\.id))
            })
    }
}
