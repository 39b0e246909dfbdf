import Foundation
import SanziAlerts
import SanziEvaluation
import SanziReports
import SanziRun
import SanziScenario
import SanziTruth
import SanziWorld

extension RunCommand {
    /// The short summary a run ends with: cases, alerts and how well they did.
    func outcomeLines(_ truth: GroundTruth, alerts: RaisedAlerts, evaluation: Evaluation?) -> [String] {
        let cases = truth.misconduct
        let loss = Money(fen: cases.reduce(0) { $0 + $1.loss })
        var lines = [
            "cases         \(cases.count) misconduct (loss \(loss) yuan), \(truth.cases.count - cases.count) look-alikes",
            "alerts        \(alerts.count): "
                + Severity.allCases.reversed().map { severity in
                    "\(alerts.indices.count { alerts.severity(at: $0) == severity }) \(severity.rawValue)"
                }.joined(separator: ", "),
        ]
        if let evaluation {
            func share(_ value: Double?) -> String { value.map { "\(Int(($0 * 100).rounded()))%" } ?? "n/a" }
            lines.append(
                "caught        \(evaluation.detected) of \(evaluation.cases) cases; precision \(share(evaluation.precision)), "
                    + "recall \(share(evaluation.recall)), \(evaluation.alertsPerVillageMonth) alerts per village-month"
            )
        }
        return lines
    }
}
