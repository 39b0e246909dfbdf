import SanziAlerts
import SanziEvents

/// The report's stories before they are told: the alerts on one subject in one village, as
/// groups ranked by risk (`Report.weight` of each alert's severity), then by the day of the
/// group's first alert, then by village and subject.
///
/// Found a village at a time: the alerts' positions sorted by village (a counting sort, 8 bytes
/// an alert), each village's groups counted in a table that is emptied for the next, and only
/// the best `count` groups kept. A table of every group of the run at once (1.2 million alerts
/// at 12,000 villages over ten years, most groups of one or two) took some 130 MB at the
/// report's peak.
struct StoryRanking {
    /// One group: its village and subject, the day of its first alert, its risk, and its
    /// alerts' positions in the order they were raised.
    struct Group: Equatable {
        var village: Int32
        var subject: AlertSubject
        var day: Int32
        var risk = 0
        var alerts: [Int] = []

        /// Whether this group is told before `other`.
        func ranks(before other: Group) -> Bool {
            if risk != other.risk { return risk > other.risk }
            if day != other.day { return day < other.day }
            return (village, subject) < (other.village, other.subject)
        }
    }

    /// The first `count` groups of `alerts` by rank, best first, each with its alerts; alerts
    /// of no village among the first `villages` are in none.
    static func top(_ count: Int, of alerts: RaisedAlerts, villages: Int) -> [Group] {
        let (order, starts) = positionsByVillage(alerts, villages: villages)
        var best: [Group] = []
        var groups: [AlertSubject: Group] = [:]
        for village in 0..<villages {
            groups.removeAll(keepingCapacity: true)
            for position in order[starts[village]..<starts[village + 1]] {
                // Not `groups[subject, default: …]`: its closure, allocated at every alert, held
                // a copy of the alerts (every array in them retained and released).
                let subject = alerts.subject(at: position)
                var group =
                    groups[subject] ?? Group(village: Int32(village), subject: subject, day: alerts.day(at: position))
                group.risk += Report.weight(alerts.severity(at: position))
                groups[subject] = group
            }
            for group in groups.values { keep(group, among: &best, count: count) }
        }
        for index in best.indices {
            let village = Int(best[index].village)
            best[index].alerts = order[starts[village]..<starts[village + 1]].filter {
                alerts.subject(at: $0) == best[index].subject
            }
        }
        return best
    }

    /// Puts `group` in its place among `best` (sorted, best first) if it is among the first
    /// `count`.
    private static func keep(_ group: Group, among best: inout [Group], count: Int) {
        guard best.count < count || best.last.map(group.ranks(before:)) == true else { return }
        let place = best.firstIndex { group.ranks(before: $0) } ?? best.count
        best.insert(group, at: place)
        if best.count > count { best.removeLast() }
    }

    /// The alerts' positions sorted by village, in the order raised within each, and where each
    /// village's positions start (one entry more: where the last village's end).
    private static func positionsByVillage(_ alerts: RaisedAlerts, villages: Int) -> ([Int], [Int]) {
        var starts = [Int](repeating: 0, count: villages + 1)
        for position in alerts.indices {
            let village = Int(alerts.village(at: position))
            if village >= 0 && village < villages { starts[village + 1] += 1 }
        }
        for village in 0..<villages { starts[village + 1] += starts[village] }
        var next = starts
        var order = [Int](repeating: 0, count: starts[villages])
        for position in alerts.indices {
            let village = Int(alerts.village(at: position))
            guard village >= 0 && village < villages else { continue }
            order[next[village]] = position
            next[village] += 1
        }
        return (order, starts)
    }
}
