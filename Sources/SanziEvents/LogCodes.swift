/// A small code a log record carries in a slot (its `code`, or a named `count`), written in the
/// log as a name. The cases' order is the code; the name is the case's name in kebab-case
/// (`committeeMember` → `committee-member`). Append new cases at the end: codes are stable.
public protocol LogCode: RawRepresentable<UInt8>, CaseIterable, Sendable, Hashable {}

extension LogCode {
    /// The names in code order, as the log writes them.
    public static var names: [String] { allCases.map(\.name) }

    /// The name the log writes.
    public var name: String { Self.kebabCase(String(describing: self)) }

    /// The codes a space-separated list of names gives, unknown names left out.
    public static func named(_ list: String) -> [Self] {
        list.split(separator: " ").compactMap { name in allCases.first { $0.name == name } }
    }

    static func kebabCase(_ camel: String) -> String {
        var name = ""
        for character in camel {
            if character.isUppercase {
                name += "-" + character.lowercased()
            } else {
                name.append(character)
            }
        }
        return name
    }
}

extension LogRecord {
    /// What a decision, listing or contract is about.
    public enum Deal: UInt8, LogCode { case lease, sale, works, loan }
    /// Money lent out of the basic account, or repaid into it.
    public enum LoanKind: UInt8, LogCode { case lent, repaid }
    /// How an award's winner was chosen.
    public enum Method: UInt8, LogCode { case ascendingAuction, lowestPriceTender, negotiated, smallDeal }
    /// Why a contract ended.
    public enum TerminationReason: UInt8, LogCode { case expired, early, `default`, completed, sold, voided }
    /// What an amendment changed.
    public enum AmendmentKind: UInt8, LogCode { case priceCut, termExtension, extraWorks }
    /// What money received is for.
    public enum ReceiptPurpose: UInt8, LogCode {
        case rent, sale, subsidy, compensation, investmentReturn, other
    }
    /// What money paid out is for.
    public enum DisbursementPurpose: UInt8, LogCode {
        case wages, works, maintenance, welfare, hospitality, travel, office, compensationTransfer
    }
    /// Who signed a disbursement off.
    public enum Approver: UInt8, LogCode, Comparable {
        case financeHead, twoCommittees, representativesMeeting

        public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
    }
    /// Cash banked, or withdrawn from the bank.
    public enum BankingKind: UInt8, LogCode { case cashBanked, cashWithdrawn }
    /// A candidate for director: the holder standing again, or a challenger.
    public enum Standing: UInt8, LogCode { case incumbent, challenger }
    /// What answered a grievance: an investigation that proved its case, a rectification task
    /// that cleared the backlog, or the office a dispute's petition was filed with.
    public enum AnsweredBy: UInt8, LogCode { case investigation, rectification, office }
    /// What a petition is about: a deal of the collective's assets, money owed to households
    /// or to the collective, the village's finances, land, elections, or anything else.
    /// Every topic but `other` is agriculture-related (涉农信访).
    public enum PetitionTopic: UInt8, LogCode {
        case unfairDeal, unpaidMoney, finances, other, land, elections

        /// Whether the topic counts among agriculture-related petitions (涉农信访).
        public var isAgricultural: Bool { self != .other }
    }
    /// What an intervention changed.
    public enum InterventionKind: UInt8, LogCode {
        case listingThreshold, announcementDays, publicity, cashCap, warningSystem, misconductScale
    }
    /// How often village affairs are made public.
    public enum Frequency: UInt8, LogCode { case monthly, quarterly, yearly, never }
    /// A village's account.
    public enum Account: UInt8, LogCode { case basic, compensation, cash }
    /// A villager or a firm.
    public enum BidderKind: UInt8, LogCode { case villager, firm }
    /// An office in a village, or an official's post above the villages.
    public enum Role: UInt8, LogCode {
        case secretary, director, accountant, cashier, committeeMember, supervisor, official
    }
    /// Where a lead comes from.
    public enum LeadSource: UInt8, LogCode { case alert, petition, audit, review, echoWall, referral }
    /// What a lead names.
    public enum LeadAbout: UInt8, LogCode { case listing, contract, bidder, village, person }
    /// The level of a discipline-inspection body.
    public enum Level: UInt8, LogCode { case township, district, city }
    /// How a lead is looked into.
    public enum InvestigationKind: UInt8, LogCode { case inquiry, preliminaryCheck, taskForce }
    /// How an investigation ends.
    public enum Outcome: UInt8, LogCode { case unsubstantiated, substantiated }
    /// A party or administrative sanction, or transfer to prosecution.
    public enum SanctionKind: UInt8, LogCode, Comparable {
        case warning, seriousWarning, removalFromPost, probation, expulsion, prosecution

        public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

        /// Whether the person loses office.
        public var removes: Bool { self >= .removalFromPost }
    }
    /// What a sanction is for: the charge a prosecutor would bring, or a breach of discipline
    /// where no crime fits (docs/cases.md maps each typology).
    public enum Charge: UInt8, LogCode {
        case occupationalEmbezzlement, embezzlement, misappropriation, collusiveBidding, discipline
        /// Taking bribes: a kickback the investigation found (非国家工作人员受贿罪, art. 163, or
        /// 受贿罪, art. 385, for compensation handled for the government).
        case bribery
    }
    /// Who manages a sanctioned person: the village (cadres), the township, the district or
    /// the city (officials).
    public enum Rank: UInt8, LogCode { case village, township, district, city }

    // MARK: Typed reading of the coded slots

    /// `decision`, `listing`, `contract`: the deal.
    public var deal: Deal? { Deal(rawValue: code) }
    /// `loan`: lent or repaid.
    public var loanKind: LoanKind? { LoanKind(rawValue: code) }
    /// `award`: the method.
    public var method: Method? { Method(rawValue: code) }
    /// `termination`: the reason.
    public var terminationReason: TerminationReason? { TerminationReason(rawValue: code) }
    /// `amendment`: what changed.
    public var amendmentKind: AmendmentKind? { AmendmentKind(rawValue: code) }
    /// `receipt`: the purpose.
    public var receiptPurpose: ReceiptPurpose? { ReceiptPurpose(rawValue: code) }
    /// `disbursement`: the purpose.
    public var disbursementPurpose: DisbursementPurpose? { DisbursementPurpose(rawValue: code) }
    /// `disbursement`: who signed it off.
    public var approver: Approver? { count2 >= 0 && count2 < 256 ? Approver(rawValue: UInt8(count2)) : nil }
    /// `receipt`, `disbursement`: the account.
    public var account: Account? { count >= 0 && count < 256 ? Account(rawValue: UInt8(count)) : nil }
    /// `banking`: banked or withdrawn.
    public var bankingKind: BankingKind? { BankingKind(rawValue: code) }
    /// `petition`: the topic.
    public var petitionTopic: PetitionTopic? { PetitionTopic(rawValue: code) }
    /// `intervention`: what changed.
    public var interventionKind: InterventionKind? { InterventionKind(rawValue: code) }
    /// `publicity`: the rule it follows.
    public var frequency: Frequency? { Frequency(rawValue: code) }
    /// `registration`: a villager or a firm.
    public var bidderKind: BidderKind? { count2 >= 0 && count2 < 256 ? BidderKind(rawValue: UInt8(count2)) : nil }
    /// `office`, `removal`, `appointment`: the office.
    public var role: Role? { Role(rawValue: code) }
    /// `lead`: where it comes from.
    public var leadSource: LeadSource? { LeadSource(rawValue: code) }
    /// `lead`: what it names.
    public var leadAbout: LeadAbout? { count2 >= 0 && count2 < 256 ? LeadAbout(rawValue: UInt8(count2)) : nil }
    /// `lead`: how grave.
    public var severity: Severity? {
        count >= 0 && Int(count) < Severity.allCases.count ? Severity.allCases[Int(count)] : nil
    }
    /// `lead_dropped`, `investigation_opened`: the body's level.
    public var level: Level? { Level(rawValue: code) }
    /// `investigation_opened`: how the lead is looked into.
    public var investigationKind: InvestigationKind? {
        count >= 0 && count < 256 ? InvestigationKind(rawValue: UInt8(count)) : nil
    }
    /// `investigation_closed`: the outcome.
    public var outcome: Outcome? { Outcome(rawValue: code) }
    /// `sanction`: the kind.
    public var sanctionKind: SanctionKind? { SanctionKind(rawValue: code) }
    /// `sanction`: who manages the person.
    public var rank: Rank? { count >= 0 && count < 256 ? Rank(rawValue: UInt8(count)) : nil }
}
