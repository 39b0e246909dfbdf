import SanziEvents

/// Who holds office in one village, as declared: the four single offices (secretary, director,
/// accountant, cashier; -1 when vacant) kept in the village's own entry, and the committee
/// members and supervisors. (A dictionary of villages to an array and a set cost R01 and R02
/// three or four cache misses a look at 12,000 villages: the bucket, the array, the set.)
struct DeclaredOffices: Sendable {
    private var secretary: Int64 = -1
    private var director: Int64 = -1
    private var accountant: Int64 = -1
    private var cashier: Int64 = -1
    private var members: Set<Int64> = []

    /// Records `person` taking `role`.
    mutating func take(_ role: LogRecord.Role?, by person: Int64) {
        switch role {
        case .secretary: secretary = person
        case .director: director = person
        case .accountant: accountant = person
        case .cashier: cashier = person
        case .committeeMember, .supervisor, .official, nil: members.insert(person)
        }
    }

    /// Whether `person` holds one of the offices.
    func heldBy(_ person: Int64) -> Bool {
        secretary == person || director == person || accountant == person || cashier == person
            || members.contains(person)
    }
}
