/// Rectification after an inspection (巡视整改): each inspection of a district feeds back items,
/// each item a task with an owner, a deadline counted back from the inspection's target date
/// (倒排时间表) and what changes when it is done. Tasks finish late with `lateShare`; a
/// guidance group (督导组) then follows an overdue task up until it is done, within
/// `followUpDays` of its deadline (docs/oversight.md, "Rectification").
public struct Rectification: Hashable, Sendable, Codable {
    /// Chance that a task is not done by its deadline.
    public var lateShare = 0.3
    /// Days after its deadline within which the guidance group gets an overdue task done.
    public var followUpDays = 15...90
    public var inspections: [Inspection] = []

    public init() {}

    /// The tasks of every inspection, in order: a task's number in the log is its position
    /// here, from 1.
    public var tasks: [(inspection: Int, task: RectificationTask)] {
        inspections.enumerated().flatMap { index, inspection in inspection.tasks.map { (index, $0) } }
    }
}

/// An inspection of one district: the day its feedback is given, the day rectification must be
/// complete, and the tasks it sets.
public struct Inspection: Hashable, Sendable, Codable {
    public var name: String
    public var districtID: String
    /// The day the inspection group gives its feedback: the tasks open then.
    public var date: CalendarDate
    /// The day rectification must be complete; every deadline is counted back from it.
    public var target: CalendarDate
    public var tasks: [RectificationTask]
    public var location: SourceLocation

    /// The day a task of this inspection is due: counted back from the target (倒排时间表).
    public func due(_ task: RectificationTask) -> CalendarDate { target.adding(days: -task.dueDaysBeforeTarget) }
}

/// One feedback item to rectify (整改台账 entry).
public struct RectificationTask: Hashable, Sendable, Codable {
    /// What changes when the task is done.
    public enum Effect: Hashable, Sendable, Codable {
        /// A policy change in the district, as an intervention makes it.
        case policy(Intervention.Change)
        /// The district's village supervision committees report what they see with this independence.
        case supervisionIndependence(Double)
        /// Every grievance villagers of the district press is answered (a petition backlog cleared).
        case clearPetitions
        /// The district's offices answer each petition about a dispute with this chance
        /// (`PetitionRules.disputeAnswers`): hot issues screened and resolved (排查热点难点问题).
        case disputeAnswers(Double)
        /// Investigators seconded to the district commission (上调一级).
        case secondInvestigators(Int)
    }

    public var name: String
    /// Who answers for it: a township office, the district or the city.
    public var owner: DisciplineRules.Level
    /// Days before the inspection's target date it is due.
    public var dueDaysBeforeTarget: Int
    public var effects: [Effect]
    public var location: SourceLocation
}
