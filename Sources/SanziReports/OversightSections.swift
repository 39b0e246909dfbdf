import SanziAlerts
import SanziEvaluation
import SanziEvents
import SanziOutput

/// The report's sections on the oversight bodies and on what the warning system changed, in
/// Markdown and in HTML.
enum OversightSections {
    static func yuan(_ fen: Int64) -> String { Wording.yuan(fen: fen) }

    static func summary(_ oversight: Oversight) -> [String] {
        let kinds = oversight.sanctionsByKind.sorted { $0.key < $1.key }.filter { $0.value > 0 }
            .map { "\($0.value) \($0.key)" }.joined(separator: ", ")
        return [
            "\(oversight.leads) leads (\(oversight.leadsJoined) joined an open one, \(oversight.leadsDropped) shelved "
                + "unread after waiting too long); by source: "
                + oversight.leadsBySource.sorted { $0.key < $1.key }.filter { $0.value > 0 }
                .map { "\($0.value) \($0.key)" }.joined(separator: ", ") + ".",
            "\(oversight.investigations) investigations, \(oversight.substantiated) substantiated, "
                + "\(oversight.investigatorDays) investigator-days; a lead waited \(days(oversight.medianWaitDays)) "
                + "(median), \(days(oversight.p90WaitDays)) at the 90th percentile.",
            "\(oversight.sanctions) people sanctioned" + (kinds.isEmpty ? "" : " (\(kinds))")
                + ", \(oversight.removals) removals from office, \(oversight.blacklisted) firms barred, "
                + "\(yuan(oversight.recoveredFen)) recovered.",
            "\(oversight.casesProven) misconduct cases proven, \(days(oversight.medianDaysOffenceToProof)) from the "
                + "first act to proof (median).",
            "\(oversight.petitions) petitions; \(oversight.petitionsAnswered) grievances and disputes answered"
                + answeredBy(oversight.petitionsAnsweredBy) + ", \(oversight.answersPublished) of the answers posted "
                + "on the echo wall (回音壁).",
        ]
    }

    /// "(12 by investigations, 3 by rectification, 40 by the offices petitioned)", leaving out
    /// what answered none.
    private static func answeredBy(_ counts: [String: Int]) -> String {
        let words: [(LogRecord.AnsweredBy, String)] = [
            (.investigation, "by investigations"), (.rectification, "by rectification"),
            (.office, "by the offices petitioned"),
        ]
        let parts = words.compactMap { by, words in counts[by.name].flatMap { $0 > 0 ? "\($0) \(words)" : nil } }
        return parts.isEmpty ? "" : " (" + parts.joined(separator: ", ") + ")"
    }

    static let bodyHeader = [
        "body", "investigators", "investigations", "substantiated", "investigator-days", "utilisation",
        "shelved", "median wait",
    ]

    static func bodyRows(_ oversight: Oversight) -> [[String]] {
        oversight.bodies.map {
            [
                "\($0.level) \($0.area)", "\($0.investigators)", "\($0.investigations)", "\($0.substantiated)",
                "\($0.investigatorDays)", MarkdownReport.share($0.utilisation), "\($0.leadsDropped)",
                days($0.medianWaitDays),
            ]
        }
    }

    /// The rectification ledger in one sentence: its tasks by status.
    static func ledgerSummary(_ tasks: [Oversight.Task]) -> String {
        func count(_ status: Oversight.Task.Status) -> Int { tasks.filter { $0.status == status }.count }
        let inspections = Set(tasks.map(\.inspection)).count
        return "\(tasks.count) tasks from \(inspections) inspection\(inspections == 1 ? "" : "s"): "
            + "\(count(.onTime)) done on time, \(count(.late)) done late after a guidance group's follow-up, "
            + "\(count(.overdue)) overdue and \(count(.open)) not yet due when the run ended."
    }

    static let ledgerHeader = ["task", "district", "owner", "opened", "due", "done", "days late", "status"]

    /// The ledger's tasks by due day: its timeline (倒排时间表).
    static func ledgerRows(_ tasks: [Oversight.Task]) -> [[String]] {
        tasks.sorted { ($0.due, $0.task) < ($1.due, $1.task) }.map {
            [
                $0.name, $0.district, $0.owner, $0.opened, $0.due, $0.done ?? "–", "\($0.daysLate)",
                $0.status.rawValue,
            ]
        }
    }

    static let surveyHeader = [
        "survey", "date", "district", "respondents", "cadres", "aware (95% interval)", "approving (95% interval)",
    ]

    static func surveyRows(_ surveys: [SurveyResult]) -> [[String]] {
        func percent(_ value: Double) -> String { "\((value * 1000).rounded() / 10)%" }
        func share(_ share: SurveyResult.Share) -> String {
            guard let value = share.share, let low = share.low, let high = share.high else { return "–" }
            return "\(percent(value)) (\(percent(low))–\(percent(high)))"
        }
        return surveys.map {
            [$0.name, $0.date, $0.district, "\($0.respondents)", "\($0.cadres)", share($0.aware), share($0.approving)]
        }
    }

    static func effect(_ effect: WarningEffect) -> [String] {
        [
            "With the warning system: \(effect.on.cases) cases losing \(yuan(effect.on.lossFen)) "
                + "(\(yuan(effect.on.recoveredFen)) recovered), \(effect.on.petitions) petitions, "
                + "\(effect.on.sanctions) people sanctioned, \(effect.on.leadsFromAlerts) leads from alerts.",
            "Without it (same seed): \(effect.off.cases) cases losing \(yuan(effect.off.lossFen)) "
                + "(\(yuan(effect.off.recoveredFen)) recovered), \(effect.off.petitions) petitions, "
                + "\(effect.off.sanctions) people sanctioned.",
            "Loss prevented: \(yuan(effect.lossPreventedFen)) (\(yuan(effect.netLossPreventedFen)) net of "
                + "recoveries); with the warning system, \(Wording.fewer(effect.casesAvoided, "cases")) and "
                + "\(Wording.fewer(effect.petitionsAvoided, "petitions")).",
        ]
    }

    static func effectChart(_ effect: WarningEffect) -> String {
        func cumulative(_ values: [Int64]) -> [Double] {
            var total: Int64 = 0
            return values.map {
                total += $0
                return Double(total) / 100
            }
        }
        return SVGChart.lines(
            labels: effect.months.map(\.month),
            series: [
                ("without the warning system", "#c81e1e", cumulative(effect.months.map(\.lossOffFen))),
                ("with it", "#3465a4", cumulative(effect.months.map(\.lossOnFen))),
            ], title: "Loss of the cases begun so far, with and without the warning system",
            valueTitle: "yuan, cumulative", labelTitle: "month")
    }

    static func days(_ value: Double?) -> String { value.map { Wording.days($0) } ?? "–" }
}
