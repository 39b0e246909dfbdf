import SanziEngine
import SanziEvents
import SanziScenario

/// The scenario's misconduct and look-alike settings, indexed by typology for the run.
struct Conduct: Sendable {
    var settings: [MisconductSettings.Setting?]
    /// The perpetrator roles of each typology as `CadreRole.bit`s.
    var roleMasks: [UInt8]
    var lookAlikeRates: [Double]
    var corruptShare: Double
    var adaptation: Adaptation
    var knowledge: OffenderKnowledge

    init(_ misconduct: MisconductSettings, knowledge: OffenderKnowledge) {
        settings = Array(repeating: nil, count: Typology.allCases.count)
        lookAlikeRates = Array(repeating: 0, count: Typology.allCases.count)
        roleMasks = Array(repeating: 0, count: Typology.allCases.count)
        if misconduct.enabled {
            for setting in misconduct.typologies {
                settings[setting.typology.index] = setting
                let roles = setting.perpetrators.isEmpty ? [.director] : setting.perpetrators
                roleMasks[setting.typology.index] = roles.reduce(0) { $0 | $1.bit }
            }
        }
        for lookAlike in misconduct.lookAlikes { lookAlikeRates[lookAlike.typology.index] = lookAlike.rate }
        corruptShare = misconduct.enabled ? misconduct.corruptCadreShare : 0
        adaptation = misconduct.adaptation
        self.knowledge = knowledge
    }

    func setting(_ typology: Typology) -> MisconductSettings.Setting? { settings[typology.index] }

    /// Whether honest life produces a look-alike of a typology at an opportunity.
    func lookAlike(_ typology: Typology, _ random: inout RandomStream) -> Bool {
        let rate = lookAlikeRates[typology.index]
        return rate > 0 && random.bernoulli(rate)
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

extension Typology {
    /// Position in `allCases`, for arrays indexed by typology.
    var index: Int {
        switch self {
        case .belowMarketDeal: 0
        case .bidRigging: 1
        case .bidRotation: 2
        case .relativeAward: 3
        case .offPlatformDeal: 4
        case .dealSplitting: 5
        case .postAwardAmendment: 6
        case .toleratedArrears: 7
        case .embezzledReceipts: 8
        case .fakeDisbursement: 9
        case .misappropriation: 10
        case .excessiveSpending: 11
        case .divertedCompensation: 12
        case .voteBuying: 13
        }
    }
}
