import SanziEvents

/// Discipline inspection (纪检监察): the bodies that take up leads, how leads reach them, how
/// investigations go, what a substantiated case costs its perpetrators, and the officials above
/// the villages who may protect them. Absent from a file, every value is its documented default.
public struct DisciplineRules: Hashable, Sendable, Codable {
    /// The level of a body; each town has a township office, each district a commission, the
    /// city one commission.
    public enum Level: String, Hashable, Sendable, Codable, CaseIterable, Comparable {
        case township, district, city

        public static func < (lhs: Self, rhs: Self) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }
    }

    /// How a body chooses the next lead when an investigator is free.
    public enum Triage: String, Hashable, Sendable, Codable {
        /// The gravest first: severity, then the strength of the evidence (findings in hand,
        /// then confirmed warnings, then leads that only point), then the value at stake, then
        /// arrival.
        case severity
        /// In order of arrival.
        case fifo
        /// In order of arrival, at most `cap-per-month` opened a month per body.
        case capped
    }

    /// Investigators of each body of a level, and the days a week they work.
    public struct Body: Hashable, Sendable, Codable {
        public var level: Level
        public var investigators: Int
        public var workingDaysPerWeek: Int

        public init(level: Level, investigators: Int, workingDaysPerWeek: Int = 5) {
            self.level = level
            self.investigators = investigators
            self.workingDaysPerWeek = workingDaysPerWeek
        }
    }

    /// Sanctions by the money a person's cases involve, and recovery.
    public struct Sanctions: Hashable, Sendable, Codable {
        /// At or above: a serious warning (严重警告); below, a warning (警告).
        public var seriousWarning = Money(yuan: 5_000)
        /// At or above: removal from post (撤销职务), and the office is lost.
        public var removal = Money(yuan: 20_000)
        /// At or above: probation within the party (留党察看).
        public var probation = Money(yuan: 50_000)
        /// At or above: expulsion (开除党籍).
        public var expulsion = Money(yuan: 100_000)
        /// Transfer to prosecution at or above, for occupational embezzlement (职务侵占) by a
        /// village cadre: 60,000 yuan ("数额较大", 2016 judicial interpretation, art. 11).
        public var occupationalProsecution = Money(yuan: 60_000)
        /// Transfer to prosecution at or above, for embezzlement (贪污) by a cadre handling
        /// funds for the government (land-requisition compensation; Criminal Law art. 93 and
        /// its 2000 interpretation): 30,000 yuan (2016 interpretation, art. 1).
        public var embezzlementProsecution = Money(yuan: 30_000)
        /// Share of a substantiated case's loss recovered and booked back, drawn per case.
        public var recovery: ClosedRange<Double> = 0.5...1.0
        /// Chance a substantiated case is published on the exposure board (曝光台).
        public var exposure = 0.8

        public init() {}
    }

    /// Officials above the villages (township officials, district- and city-managed cadres);
    /// a corrupt one may protect a village's case (保护伞).
    public struct Officials: Hashable, Sendable, Codable {
        public var perTown = 3
        public var perDistrict = 10
        public var city = 10
        public var corruptShare = 0.1
        /// Chance a new misconduct case has a corrupt official's protection, when one exists.
        public var protection = 0.2

        public init() {}
    }

    public var bodies: [Body] = [
        Body(level: .township, investigators: 1), Body(level: .district, investigators: 3),
        Body(level: .city, investigators: 5),
    ]
    /// Days from an alert to its lead reaching a body: 7, the platform forwarding its
    /// warnings once a week (1: the next day).
    public var leadDelayDays = 7
    /// The least severity of an alert that becomes a lead.
    public var forward = Severity.red
    /// The rules whose alerts are forwarded (escalations are E01 and E02); empty: every rule.
    public var forwardRules: [String] = []
    /// Where `forwardRules` was written, for problems with it.
    public var forwardRulesLocation = SourceLocation.generated
    /// The platform's check of a forwarded warning (预警核查) before it becomes a lead, by
    /// staff outside the discipline bodies: the chance it confirms a warning on the traces of
    /// a real case (halved by concealment at most), and one on nothing.
    public var confirmTrue = 0.6
    public var confirmFalse = 0.05
    public var triage = Triage.severity
    /// Leads opened a month per body under `capped` triage.
    public var capPerMonth = 10
    /// Leads waiting longer are shelved (暂存待查) and dropped.
    public var maxWaitDays = 180
    /// 上调一级: leads at least this grave, about a deal worth at least this, go one level up.
    public var upOneLevelSeverity = Severity.red
    public var upOneLevelValue = Money(yuan: 500_000)
    /// Joint task forces with the procuratorate and police, for leads about deals worth at
    /// least `taskForceValue` at a district or city body: `taskForceEffort` times the
    /// investigator-days, proof at `taskForceProof`.
    public var taskForceValue = Money(yuan: 2_000_000)
    public var taskForceEffort = 1.5
    public var taskForceProof = 0.9
    /// Chance that a task force finds the kickback behind a case it proves: it reaches bank
    /// records through the procuratorate.
    public var taskForceBribeProof = 0.9
    /// Chance that a task force uncovers each other member of a group that acted together.
    public var taskForceAccompliceProof = 0.9
    /// Investigator-days: a talk or written inquiry (谈话函询) for a lead that only points, a
    /// preliminary check (初步核实) for one that brings evidence, and the examination (审查)
    /// of a case it substantiates.
    public var inquiryDays: ClosedRange<Int> = 1...3
    public var checkDays: ClosedRange<Int> = 5...20
    public var caseDays: ClosedRange<Int> = 20...60
    /// Chance an inquiry, or a check, proves a case its lead points at (before concealment).
    public var inquiryProof = 0.3
    public var checkProof = 0.6
    /// Chance that an inquiry or a check finds the kickback behind a case it proves (what the
    /// cadre and the bidder say, without bank records).
    public var bribeProof = 0.2
    /// Chance that an inquiry or a check that proves a case uncovers each other member of the
    /// group that acted together (the first, whose act left the traces, is always proven).
    public var accompliceProof = 0.6
    public var sanctions = Sanctions()
    public var officials = Officials()
    /// Share of cadres appointed in place of removed ones who are corrupt; nil: the
    /// misconduct section's `corrupt-cadre-share`.
    public var replacementCorruptShare: Double?

    public init() {}

    /// Investigators and calendar of a level's bodies (none when the level is not declared).
    public func body(_ level: Level) -> Body {
        bodies.first { $0.level == level } ?? Body(level: level, investigators: 0)
    }

    /// Whether a warning is grave enough, and raised by a rule forwarded, to go to the
    /// platform's check and become a lead (when its village's district runs the warning
    /// system): all the world ever takes from the alert rules, with the offenders' knowledge.
    @inlinable
    public func forwards(_ warning: Warning) -> Bool {
        warning.severity >= forward && (forwardRules.isEmpty || forwardRules.contains(warning.rule))
    }
}

/// Deterrence: a corrupt cadre offends when the gain at stake outweighs the risk he perceives
/// times the penalty he fears. The risk comes from the sanctions he has seen: in his village
/// always, in his town, district and city when they were published, weighed by how open
/// village affairs are, and fading with time.
public struct DeterrenceRules: Hashable, Sendable, Codable {
    /// What being sanctioned costs a cadre in his own eyes (office, income, standing, prison).
    public var penalty = Money(yuan: 300_000)
    /// Days over which a sanction seen fades to 1/e of its weight.
    public var memoryDays = 365
    /// How fast risk grows with what is seen: risk = 1 − exp(−sensitivity × weight seen); at
    /// 0.1, one sanction in the village makes the risk about 10%.
    public var sensitivity = 0.1
    /// Spread (lognormal sigma) of cadres' fear of the penalty around 1.
    public var aversionSpread = 1.0
    /// Weight of a published sanction in the cadre's town, district and city (one in his own
    /// village counts 1, published or not).
    public var townWeight = 0.4
    public var districtWeight = 0.1
    public var cityWeight = 0.02
    /// Weight of a petition answered on the village's echo wall (回音壁): cadres see that
    /// complaints are followed up.
    public var answerWeight = 0.2

    public init() {}
}
