import SanziEvents

/// Reads what the discipline-inspection bodies did as the log streams: leads, how long they
/// waited, investigations and their investigator-days, sanctions, recoveries, and petitions by
/// month. A sink of a run (or of a replay); `Oversight` turns it into results.
public final class OversightLog: EventSink {
    /// A body, by its level and area (town or district position, -1 for the city).
    public struct BodyKey: Hashable, Sendable, Comparable {
        public var level: LogRecord.Level
        public var area: Int64

        public static func < (lhs: Self, rhs: Self) -> Bool {
            (lhs.level.rawValue, lhs.area) < (rhs.level.rawValue, rhs.area)
        }
    }

    /// What one body did.
    public struct BodyWork: Sendable {
        public var investigations = 0
        public var substantiated = 0
        public var investigatorDays = 0
        public var dropped = 0
        /// Days each lead waited before its investigation opened.
        public var waits: [Int32] = []
    }

    public private(set) var leads = 0
    public private(set) var leadsBySource = [Int](repeating: 0, count: LogRecord.LeadSource.allCases.count)
    public private(set) var leadsJoined = 0
    public private(set) var bodies: [BodyKey: BodyWork] = [:]
    public private(set) var sanctionsByKind = [Int](repeating: 0, count: LogRecord.SanctionKind.allCases.count)
    public private(set) var sanctionsByRank = [Int](repeating: 0, count: LogRecord.Rank.allCases.count)
    public private(set) var removals = 0
    public private(set) var blacklisted = 0
    public private(set) var exposures = 0
    public private(set) var recoveredFen: Int64 = 0
    /// The day of each petition, in order.
    public private(set) var petitionsByDay: [Int32] = []
    /// Petitions by topic and by the level they were filed at.
    public private(set) var petitionsByTopic = [Int](repeating: 0, count: LogRecord.PetitionTopic.allCases.count)
    public private(set) var petitionsByLevel = [Int](repeating: 0, count: LogRecord.Level.allCases.count)

    /// One task of the rectification ledger as the log tells it (the scenario names it).
    public struct TaskRecord: Sendable {
        public var owner: LogRecord.Level
        public var opened: Int32
        public var due: Int32
        /// The day it was done and the days it came late, if it was.
        public var done: Int32?
        public var daysLate = 0
    }

    /// The rectification ledger's tasks, by id.
    public private(set) var tasks: [Int64: TaskRecord] = [:]
    /// Grievances and disputes answered, by what answered them (`AnsweredBy` order) and in
    /// all, and those of them posted on the echo wall.
    public private(set) var petitionsAnsweredBy = [Int](repeating: 0, count: LogRecord.AnsweredBy.allCases.count)
    public var petitionsAnswered: Int { petitionsAnsweredBy.reduce(0, +) }
    public private(set) var answersPublished = 0
    /// The survey records, in order.
    public private(set) var surveys: [LogRecord] = []

    /// Arrival day of each lead waiting or under investigation; the body of each open
    /// investigation.
    private var arrivals = CompactIDTable<Int32>()
    private var investigations = IDTable<BodyKey>()

    public init() {}

    public func accept(_ event: LoggedEvent) {
        let r = event.record
        switch r.type {
        case .lead:
            leads += 1
            if let source = r.leadSource { leadsBySource[Int(source.rawValue)] += 1 }
            if r.amount >= 0 { leadsJoined += 1 } else { arrivals[r.subject] = event.day }
        case .leadDropped:
            arrivals.removeValue(forKey: r.subject)
            if let level = r.level { bodies[BodyKey(level: level, area: r.party), default: BodyWork()].dropped += 1 }
        case .investigationOpened:
            guard let level = r.level else { return }
            let key = BodyKey(level: level, area: r.party)
            investigations[r.subject] = key
            bodies[key, default: BodyWork()].investigations += 1
            if let arrival = arrivals.removeValue(forKey: r.other) {
                bodies[key, default: BodyWork()].waits.append(event.day - arrival)
            }
        case .investigationClosed:
            guard let key = investigations.removeValue(forKey: r.subject) else { return }
            bodies[key, default: BodyWork()].investigatorDays += Int(r.count)
            if r.outcome == .substantiated { bodies[key, default: BodyWork()].substantiated += 1 }
        case .sanction:
            if let kind = r.sanctionKind { sanctionsByKind[Int(kind.rawValue)] += 1 }
            if let rank = r.rank { sanctionsByRank[Int(rank.rawValue)] += 1 }
        case .removal: removals += 1
        case .blacklist: blacklisted += 1
        case .exposure: exposures += 1
        case .recovery: recoveredFen += r.amount
        case .taskOpened:
            tasks[r.subject] = TaskRecord(owner: r.level ?? .district, opened: event.day, due: r.count)
        case .taskDone:
            tasks[r.subject]?.done = event.day
            tasks[r.subject]?.daysLate = Int(r.count)
        case .petitionAnswered:
            if let by = LogRecord.AnsweredBy(rawValue: r.code) { petitionsAnsweredBy[Int(by.rawValue)] += 1 }
            if r.count2 == 1 { answersPublished += 1 }
        case .survey: surveys.append(r)
        case .petition:
            petitionsByDay.append(event.day)
            if let topic = r.petitionTopic { petitionsByTopic[Int(topic.rawValue)] += 1 }
            if let level = LogRecord.Level(rawValue: UInt8(clamping: r.count2)) {
                petitionsByLevel[Int(level.rawValue)] += 1
            }
        default: break
        }
    }
}
