/// What kind of observable thing happened. The raw value is stable (it orders counts in
/// run.json); the JSON name is `name`.
public enum EventType: UInt8, CaseIterable, Sendable, Hashable, BitwiseCopyable {
    // The trading platform.
    case decision, listing, registration, bid, award, listingFailed, contract, payment, arrears
    case termination, amendment, renewal
    // The ledger.
    case receipt, disbursement, banking, compensationDistributed, loan
    // Openness and oversight.
    case publicity, review, audit, election, petition, intervention
    // Declarations: office holders and their declared relatives (registered ties only).
    case office, relation
    // Discipline inspection: leads, investigations and what follows from a proven case.
    case lead, leadDropped, investigationOpened, investigationClosed, sanction, recovery, removal, appointment
    case blacklist, exposure
    // Rectification after inspections: feedback, and the tasks of its ledger.
    case inspection, taskOpened, taskOverdue, taskDone
    // Openness and what villagers think: petitions answered on the echo wall, surveys.
    case petitionAnswered, survey
    // Elections: each candidate's votes.
    case ballot
    // The platform's qualification review at the bid opening: registrations turned away.
    case disqualification
    // Declarations: each village with its district and town, on the first day.
    case village

    /// Whether a village's publicity posting lists the event among its entries: its own
    /// dealings, not the discipline bodies' work, policy changes or the village's declaration.
    public var isListedInPublicity: Bool { !isOversightWork && self != .intervention && self != .village }

    /// Whether the event is the work of the discipline-inspection bodies (leads,
    /// investigations, sanctions and what follows), which village postings do not list.
    public var isOversightWork: Bool {
        switch self {
        case .lead, .leadDropped, .investigationOpened, .investigationClosed, .sanction, .removal, .appointment,
            .blacklist, .exposure:
            true
        default: false
        }
    }

    /// The name used in the log, snake_case.
    public var name: String { Self.names[Int(rawValue)] }

    /// Names by raw value, made once: `String(describing:)` per event would cost a dynamic cast.
    private static let names: [String] = allCases.map { type in
        switch type {
        case .listingFailed: "listing_failed"
        case .compensationDistributed: "compensation_distributed"
        case .leadDropped: "lead_dropped"
        case .investigationOpened: "investigation_opened"
        case .investigationClosed: "investigation_closed"
        case .taskOpened: "task_opened"
        case .taskOverdue: "task_overdue"
        case .taskDone: "task_done"
        case .petitionAnswered: "petition_answered"
        default: String(describing: type)
        }
    }
}
