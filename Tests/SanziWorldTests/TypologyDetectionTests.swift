import SanziAlerts
import SanziEvaluation
import SanziEvents
import SanziRun
import SanziScenario
import Testing

/// Each typology, forced (rate 1, every cadre corrupt, nothing concealed), is caught by at
/// least one of the rules documented as aimed at it (`RuleDocumentation.targets`, listed in
/// docs/cases.md): the catalogue's claims are tested against the world's acts.
@Suite("Rules catch the typologies they are aimed at")
struct TypologyDetectionTests {
    @Test(arguments: Typology.allCases)
    func aForcedTypologyIsCaughtByARuleAimedAtIt(_ typology: Typology) throws {
        let aimed = RuleCatalogue.documentation.filter { $0.targets.contains(typology) }.map(\.id)
        #expect(!aimed.isEmpty, "no rule is aimed at \(typology.rawValue)")
        // Nothing proven, so every act the typology makes stays in the log for the rules. A
        // spending spike stands out only against normal months: excessive spending acts at one
        // chance in five (at every chance every month spikes, and nothing stands out).
        let scenario = try WorldFixtures.scenario(
            text: MisconductFixtures.forcing(
                typology, rate: typology == .excessiveSpending ? 0.2 : 1, oversight: MisconductFixtures.noInvestigators)
        )
        let result = RunPipeline.simulate(
            scenario, seed: scenario.seed, rules: try AlertEngine(settings: scenario.alerts))
        let truth = result.summary.truth
        let evaluation = Evaluation(
            alerts: result.alerts, truth: truth, villages: scenario.geography.villages.count,
            days: result.summary.days)
        let row = try #require(evaluation.coverage.typologies.firstIndex(of: typology.rawValue))
        let caught = zip(evaluation.coverage.rules, evaluation.coverage.casesDetected[row])
            .filter { aimed.contains($0.0) && $0.1 > 0 }
        #expect(!truth.misconduct.filter { $0.typology == typology }.isEmpty)
        #expect(!caught.isEmpty, "\(typology.rawValue): none of \(aimed) caught a case")
    }

    /// docs/cases.md names, for each typology, the rules aimed at it.
    @Test func theCasesDocumentListsTheRulesAimedAtEachTypology() throws {
        let text = try String(contentsOfFile: "\(WorldFixtures.root)/docs/cases.md", encoding: .utf8)
        for typology in Typology.allCases {
            let row = try #require(
                text.split(separator: "\n").first { $0.hasPrefix("| `\(typology.rawValue)` | ") },
                "\(typology.rawValue) has no row")
            for rule in RuleCatalogue.documentation where rule.targets.contains(typology) {
                #expect(row.contains(rule.id), "\(typology.rawValue): \(rule.id) missing from docs/cases.md")
            }
        }
    }
}
