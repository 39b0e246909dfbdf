import Foundation
import SanziEngine
import SanziEvents
import SanziScenario
import SanziTruth

/// Misconduct and its honest look-alikes: the scenario's settings by typology, the cases acted
/// out so far (ground truth), the rings, what offenders have learned, and each village's
/// corrupt office holders, open cases and streams.
struct Misconduct: Sendable {
    /// One village's misconduct.
    struct VillageRecord: Sendable {
        /// Misconduct cases not yet uncovered.
        var openCases: [Int32] = []
        /// Misconduct and look-alikes draw from streams of their own, so switching misconduct
        /// off leaves every honest draw as it was (paired runs).
        var random: RandomStream
        var lookAlikes: RandomStream
        /// Two district firms that keep meeting in this village's listings (a ring look-alike).
        var specialists: (Int32, Int32)?
        /// Votes won over for the next election beyond the candidates' standing, bought or by
        /// a popular holder (the look-alike): for whom, the share of the other side's voters,
        /// and the case.
        var swing: (candidate: Int32, share: Double, case: Int32)?
    }

    /// Each typology's setting when the scenario enables it, indexed by `Typology.index`.
    let settings: [MisconductSettings.Setting?]
    /// The perpetrator roles of each typology as `CadreRole.bit`s.
    let roleMasks: [UInt8]
    let lookAlikeRates: [Double]
    let corruptShare: Double
    /// The chance each month that an honest office holder turns corrupt (`onset-per-year`).
    let monthlyOnset: Double
    let adaptation: Adaptation
    let knowledge: OffenderKnowledge
    var villages: [VillageRecord] = []
    /// By village, the roles (`CadreRole.bit`) held by a corrupt person now: a quick "nobody
    /// here acts", read at every rent and chance of misconduct. Apart from `villages`, whose
    /// records are some 130 bytes, so that the 12,000 villages' bytes stay in the cache (the
    /// record's first line missed at almost every rent).
    var corruptRoles: [UInt8] = []
    var cases = CaseRecords()
    var rings: [Ring] = []
    /// Typologies whose thresholds the offenders of each district have learned.
    var learned: [[Bool]] = []

    init(_ misconduct: MisconductSettings, knowledge: OffenderKnowledge) {
        var settings = [MisconductSettings.Setting?](repeating: nil, count: Typology.allCases.count)
        var lookAlikeRates = [Double](repeating: 0, count: Typology.allCases.count)
        var roleMasks = [UInt8](repeating: 0, count: Typology.allCases.count)
        if misconduct.enabled {
            for setting in misconduct.typologies {
                settings[setting.typology.index] = setting
                let roles = setting.perpetrators.isEmpty ? [.director] : setting.perpetrators
                roleMasks[setting.typology.index] = roles.reduce(0) { $0 | $1.bit }
            }
        }
        for lookAlike in misconduct.lookAlikes { lookAlikeRates[lookAlike.typology.index] = lookAlike.rate }
        self.settings = settings
        self.lookAlikeRates = lookAlikeRates
        self.roleMasks = roleMasks
        corruptShare = misconduct.enabled ? misconduct.corruptCadreShare : 0
        monthlyOnset = misconduct.enabled ? 1 - pow(1 - misconduct.onsetPerYear, 1.0 / 12) : 0
        adaptation = misconduct.adaptation
        self.knowledge = knowledge
    }

    func setting(_ typology: Typology) -> MisconductSettings.Setting? { settings[typology.index] }

    /// How well the case at `index` is hidden: its typology's concealment (0-1).
    func concealment(ofCase index: Int32) -> Double { setting(cases[Int(index)].typology)?.concealment ?? 0 }

    /// A barred firm leaves every ring.
    mutating func dropFromRings(_ firm: Int32) {
        for ring in rings.indices { rings[ring].members.removeAll { $0 == firm } }
    }

    /// Whether honest life produces a look-alike of a typology at an opportunity in a village.
    mutating func lookAlike(_ typology: Typology, in village: Int32) -> Bool {
        let rate = lookAlikeRates[typology.index]
        return rate > 0 && villages[Int(village)].lookAlikes.bernoulli(rate)
    }

    /// Books a case's money: what the collective should have had, and what it had. Look-alikes
    /// are honest and book nothing.
    mutating func book(_ caseIndex: Int32, expected: Int64, booked: Int64) {
        guard caseIndex >= 0, cases[Int(caseIndex)].kind == .misconduct else { return }
        cases[Int(caseIndex)].expected += expected
        cases[Int(caseIndex)].booked += booked
    }
}

/// A misconduct case or look-alike while the run goes on; its events are gathered by the run's
/// log (`CaseTouches`), its money as entries are booked. (Its fields go widest first,
/// so that it takes 88 bytes, not 112; its concealment is its typology's,
/// `Misconduct.concealment(ofCase:)`. Some 120,000 are kept at 12,000 villages over five
/// years.)
struct CaseRecord: Sendable, Equatable {
    /// Person ids of the corrupt actors.
    var perpetrators: [Int32]
    /// What the records it produced are about (deals, bidders, the village): what a lead must
    /// name to point squarely at it.
    var traces: [AlertSubject] = []
    /// Fen the collective should have booked on the touched entries, and what it booked.
    var expected: Int64 = 0
    var booked: Int64 = 0
    /// Fen booked back after it was proven.
    var recovered: Int64 = 0
    /// Money that changed hands privately (votes bought), never in the ledger.
    var privateMoney: Int64 = 0
    /// The share of the favour's worth its beneficiary pays back privately (0: none).
    var kickbackShare = 0.0
    var kind: Case.Kind
    var typology: Typology
    var adapted: Bool
    /// Whether villagers know of it (they saw its loss, or an investigation proved it).
    var known = false
    /// Whether a publicity posting has shown its loss (villagers had their one chance to see it there).
    var posted = false
    var village: Int32
    /// Bidder index of who gained, or -1.
    var beneficiary: Int32
    var day: Int32
    /// The day an investigation proved the case, or -1.
    var discoveredDay: Int32 = -1
    /// The corrupt official protecting it (保护伞), or -1.
    var protector: Int32 = -1

    init(
        kind: Case.Kind, typology: Typology, village: Int32, perpetrators: [Int32], beneficiary: Int32, day: Int32,
        adapted: Bool
    ) {
        (self.kind, self.typology, self.village, self.perpetrators) = (kind, typology, village, perpetrators)
        (self.beneficiary, self.day, self.adapted) = (beneficiary, day, adapted)
    }

    /// The kickback paid so far: its share of what the favour has cost the collective.
    var kickback: Int64 { Int64((Double(max(0, expected - booked)) * kickbackShare).rounded()) }

    mutating func note(_ trace: AlertSubject) {
        if !traces.contains(trace) { traces.append(trace) }
    }
}

extension LogRecord {
    /// What the record is about, as an alert on it would name it.
    var trace: AlertSubject {
        switch type {
        case .listing, .registration, .bid, .award, .listingFailed: .listing(subject)
        case .contract, .payment, .arrears, .termination, .amendment, .renewal: .contract(subject)
        case .receipt, .disbursement: subject >= 0 ? .contract(subject) : party >= 0 ? .bidder(party) : .village
        case .loan: party >= 0 ? .bidder(party) : .village
        default: .village
        }
    }
}

/// A bidding ring: firms of one pool that take turns winning (ground truth only).
struct Ring: Sendable {
    /// The firms drawn into the ring.
    let drawn: [Int32]
    /// Those still bidding (firms barred from the platform leave).
    var members: [Int32]
    /// The district the ring works in, or -1 for a shared pool.
    var district: Int
    /// The member whose turn it is to win: one count, or one a district for a ring of the
    /// shared pool that learns who won elsewhere only at each news window's start.
    private var turns: [Int]

    /// A ring whose turns go round `rotations` times apart (1, or one a district).
    init(drawn: [Int32], members: [Int32], district: Int, rotations: Int = 1) {
        (self.drawn, self.members, self.district) = (drawn, members, district)
        turns = Array(repeating: 0, count: max(1, rotations))
    }

    /// The member whose turn it is to win a listing of `district`; the turn passes.
    mutating func nextWinner(in district: Int) -> Int32 {
        let rotation = turns.count > 1 ? district : 0
        defer { turns[rotation] += 1 }
        return members[turns[rotation] % members.count]
    }
}

extension CadreRole {
    /// The role's bit in a mask of roles.
    var bit: UInt8 {
        switch self {
        case .secretary: 1
        case .director: 2
        case .accountant: 4
        case .cashier: 8
        case .committeeMember: 16
        case .supervisor: 32
        }
    }
}
