import SanziEngine
import SanziEvents
import SanziScenario

/// Openness and oversight each month: publicity postings, supervision reviews, audits and
/// petitions.
extension World {
    mutating func oversee(_ village: Int32, index: Int, _ scheduler: inout Scheduler<Event>) {
        let v = Int(village)
        let publicity = policy(of: village).publicity
        oversight.villages[v].monthsSincePublicity += 1
        let posts = publicity.months.map { oversight.villages[v].monthsSincePublicity >= $0 } ?? false
        if posts {
            emit(
                LogRecord(
                    .publicity, village: village, code: publicity.logged.rawValue,
                    count: Int32(oversight.villages[v].entriesSincePublicity)),
                case: oversight.villages[v].caseSincePublicity, &scheduler)
            oversight.villages[v].entriesSincePublicity = 0
            oversight.villages[v].caseSincePublicity = -1
            oversight.villages[v].monthsSincePublicity = 0
        }
        if let months = scenario.oversight.supervisionReviews.months, (index + 1) % months == 0 {
            let findings = Int32(oversight.villages[v].random.poisson(mean: 0.3))
            let reported = supervisionReview(village, month: index)
            emit(
                LogRecord(.review, village: village, count: findings + Int32(reported.count)),
                case: reported.first ?? -1, &scheduler)
            for index in reported {
                raiseLead(.review, village: village, severity: .orange, seenCase: index, &scheduler)
            }
        }
        let auditCycle = 12 * scenario.oversight.auditEveryYears
        if index % auditCycle == v % auditCycle {
            let findings = Int32(oversight.villages[v].random.poisson(mean: 0.8))
            let found = audit(village)
            emit(
                LogRecord(.audit, village: village, count: findings + Int32(found.count)), case: found.first ?? -1,
                &scheduler)
            for index in found { raiseLead(.audit, village: village, severity: .red, seenCase: index, &scheduler) }
        }
        petitions(village, month: index, posted: posts, &scheduler)
    }

    /// The village supervision committee's review: it sees each open misconduct case with the
    /// chance an audit has (halved by concealment), and reports what it sees with the
    /// committee's `independence` (a captured committee stays silent). Drawn from a stream of
    /// its own, keyed by the month. Returns the cases reported.
    private mutating func supervisionReview(_ village: Int32, month: Int) -> [Int32] {
        let v = Int(village)
        guard !people.offices[v].supervisors.isEmpty else { return [] }
        let independence =
            policy(of: village).supervisionIndependence
            ?? scenario.profiles[villages[v].profile].people.supervisorIndependence
        var random = villages[v].root.derived("review", month)
        return misconduct.villages[v].openCases.filter { index in
            let seen = random.bernoulli(0.1 * (1 - misconduct.concealment(ofCase: index)))
            return seen && random.bernoulli(independence)
        }
    }
}

extension Frequency {
    /// The frequency as the log names it.
    var logged: LogRecord.Frequency {
        switch self {
        case .monthly: .monthly
        case .quarterly: .quarterly
        case .yearly: .yearly
        case .never: .never
        }
    }
}
