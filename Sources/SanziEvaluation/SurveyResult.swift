import Foundation
import SanziEvents
import SanziOutput
import SanziScenario

/// A satisfaction survey's answers: shares aware and approving with 95% Wilson intervals
/// (surveys.csv, evaluation.json's `oversight.surveys`).
public struct SurveyResult: Sendable, Hashable, Encodable {
    /// A share and its 95% interval.
    public struct Share: Sendable, Hashable, Encodable {
        public var count: Int
        @NullWhenAbsent public var share: Double?
        @NullWhenAbsent public var low: Double?
        @NullWhenAbsent public var high: Double?

        /// `count` of `total` with Wilson's score interval at 95%; no share of nobody.
        init(_ count: Int, of total: Int) {
            self.count = count
            guard total > 0 else { return }
            let (n, p, z) = (Double(total), Double(count) / Double(total), 1.959_964)
            let centre = (p + z * z / (2 * n)) / (1 + z * z / n)
            let half = z * (p * (1 - p) / n + z * z / (4 * n * n)).squareRoot() / (1 + z * z / n)
            share = Evaluation.rounded(p)
            low = Evaluation.rounded(max(0, centre - half))
            high = Evaluation.rounded(min(1, centre + half))
        }
    }

    public var survey: Int64
    public var name: String
    public var date: String
    public var district: String
    public var respondents: Int
    public var cadres: Int
    public var aware: Share
    public var approving: Share

    /// The surveys a run's log holds, named from the scenario.
    public static func results(_ log: OversightLog, scenario: Scenario) -> [SurveyResult] {
        log.surveys.compactMap { record in
            let index = Int(record.subject) - 1
            guard scenario.surveys.surveys.indices.contains(index) else { return nil }
            let survey = scenario.surveys.surveys[index]
            let district =
                scenario.geography.districts.indices.contains(Int(record.party))
                ? scenario.geography.districts[Int(record.party)].name : "all"
            let respondents = Int(record.count)
            return SurveyResult(
                survey: record.subject, name: survey.name, date: survey.date.description, district: district,
                respondents: respondents, cadres: Int(record.count2), aware: Share(Int(record.other), of: respondents),
                approving: Share(Int(record.amount), of: respondents))
        }
    }

    /// surveys.csv: one row per survey held.
    public static func table(_ results: [SurveyResult]) -> String {
        let header = [
            "survey", "name", "date", "district", "respondents", "cadres", "aware", "aware_share", "aware_low",
            "aware_high", "approving", "approving_share", "approving_low", "approving_high",
        ]
        func number(_ value: Double?) -> String { value.map { String($0) } ?? "" }
        var text = header.joined(separator: ",") + "\n"
        for result in results {
            let fields = [
                String(result.survey), result.name, result.date, result.district, String(result.respondents),
                String(result.cadres), String(result.aware.count), number(result.aware.share),
                number(result.aware.low), number(result.aware.high), String(result.approving.count),
                number(result.approving.share), number(result.approving.low), number(result.approving.high),
            ]
            text += fields.map(CSV.field).joined(separator: ",") + "\n"
        }
        return text
    }
}
