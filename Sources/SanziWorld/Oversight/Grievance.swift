import SanziEngine
import SanziEvents
import SanziScenario

/// A loss villagers know of and press by petition, one level higher each time, until an
/// investigation proves its case or they give up (`PetitionRules`); or a dispute (honest
/// frictions, land, elections, suspicion), pressed the same way until an office answers it.
struct Grievance: Sendable {
    /// Its id in the log, from 1: every petition it files carries it.
    var id: Int64
    /// The misconduct case behind it; nil for a dispute.
    var caseIndex: Int32?
    var topic: LogRecord.PetitionTopic
    /// What the petitioners name: the deal or contract they saw, or the village.
    var subject: AlertSubject
    /// Petitions filed so far.
    var petitions = 0
    /// The month (since the start) of its next petition.
    var nextMonth = 0
    /// Its own stream, so that its petitions leave every other draw as it was.
    var random: RandomStream

    /// Where its next petition is filed: the township first, then the district, then the city.
    var level: Discipline.Level {
        switch petitions {
        case 0: .township
        case 1: .district
        default: .city
        }
    }
}

extension Typology {
    /// What villagers petition about when they see a case of this typology.
    var petitionTopic: LogRecord.PetitionTopic {
        switch self {
        case .belowMarketDeal, .bidRigging, .bidRotation, .relativeAward, .offPlatformDeal, .dealSplitting,
            .postAwardAmendment, .bribedAward:
            .unfairDeal
        case .toleratedArrears, .divertedCompensation: .unpaidMoney
        case .embezzledReceipts, .fakeDisbursement, .misappropriation, .excessiveSpending: .finances
        case .voteBuying, .electionBribery: .elections
        }
    }
}
