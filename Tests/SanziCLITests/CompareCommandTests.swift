import Foundation
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// `sanzi compare`: two runs side by side.
@Suite("Comparing runs")
struct CompareCommandTests {
    let cli = CommandLineTests()

    /// The default town with and without the warning system (the same seed): the comparison's
    /// loss on each side is the run's own, the difference is the loss the evaluation says the
    /// warning system prevented, and the page is well-formed and self-contained.
    @Test func withAndWithoutTheWarningSystemShowsThePreventedLoss() throws {
        let folder = try cli.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = folder.appendingPathComponent("run")
        #expect(try cli.sanzi("run", "--out", run.path, "--counterfactual", "-q").status == 0)
        let out = folder.appendingPathComponent("cmp")
        let result = try cli.sanzi(
            "compare", run.appendingPathComponent("counterfactual").path, run.path, "--out", out.path)
        #expect(result.status == 0, "\(result.errors)")
        let evaluation = try JSONSerialization.jsonObject(
            with: Data(contentsOf: run.appendingPathComponent("evaluation.json")))
        let effect = try #require((evaluation as? [String: Any])?["warning_system_effect"] as? [String: Any])
        let prevented = try #require(effect["loss_prevented_fen"] as? Int)
        let comparison = try JSONSerialization.jsonObject(
            with: Data(contentsOf: out.appendingPathComponent("compare.json")))
        let totals = try #require((comparison as? [String: Any])?["totals"] as? [[String: Any]])
        let loss = try #require(totals.first { $0["measure"] as? String == "loss_fen" })
        let (a, b) = (try #require(loss["a"] as? Double), try #require(loss["b"] as? Double))
        #expect(Int(a - b) == prevented)
        #expect(totals.first { $0["measure"] as? String == "alerts" }?["a"] as? Double == 0, "no alert without it")
        #expect(result.output.contains("Loss of the misconduct cases"))
        let html = try String(contentsOf: out.appendingPathComponent("compare.html"), encoding: .utf8)
        let parser = XMLParser(data: Data(html.utf8))
        #expect(parser.parse(), "compare.html is well-formed: \(String(describing: parser.parserError))")
        for reference in ["<script", "src=", "href=", "url(", "@import", "<link"] {
            #expect(!html.contains(reference), "compare.html must not load anything: \(reference)")
        }
    }

    /// Several seeds a side give each difference its standard error; runs of different
    /// scenarios are refused with status 65, a missing folder too.
    @Test func seedsGiveASpreadAndOtherScenariosAreRefused() throws {
        let folder = try cli.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var sides: [String] = []
        for (side, flag) in [("a", "false"), ("b", "true")] {
            let text = try String(
                contentsOf: CommandLineTests.root.appendingPathComponent("Scenarios/default.xml"), encoding: .utf8
            )
            .replacing(#"<alerts warning-system="true">"#, with: "<alerts warning-system=\"\(flag)\">")
            .replacing(#"horizon="P3Y""#, with: #"horizon="P1Y""#)
            let scenario = folder.appendingPathComponent("\(side).xml")
            try text.write(to: scenario, atomically: true, encoding: .utf8)
            var runs: [String] = []
            for seed in ["1", "2"] {
                let out = folder.appendingPathComponent("\(side)\(seed)").path
                #expect(try cli.sanzi("run", scenario.path, "--seed", seed, "--out", out, "-q").status == 0)
                runs.append(out)
            }
            sides.append(runs.joined(separator: ","))
        }
        let out = folder.appendingPathComponent("cmp").path
        #expect(try cli.sanzi("compare", sides[0], sides[1], "--out", out, "-q").status == 0)
        let comparison = try JSONSerialization.jsonObject(
            with: Data(contentsOf: URL(fileURLWithPath: out + "/compare.json")))
        #expect((comparison as? [String: Any])?["paired"] as? Bool == true)
        let totals = (comparison as? [String: Any])?["totals"] as? [[String: Any]] ?? []
        #expect(!totals.isEmpty && totals.allSatisfy { $0["standard_error"] is Double })
        let other = folder.appendingPathComponent("gz").path
        #expect(
            try cli.sanzi("run", "Scenarios/county-districts.xml", "--out", other, "-q").status == 0)
        let refused = try cli.sanzi("compare", sides[0], other, "--out", out + "2", "-q")
        #expect(refused.status == 65 && refused.errors.contains("compare runs of one scenario"))
        #expect(try cli.sanzi("compare", folder.appendingPathComponent("none").path, other, "-q").status == 65)
        // A damaged cases.csv is an error at its line, said once.
        let cases = folder.appendingPathComponent("a2/cases.csv")
        var lines = try String(contentsOf: cases, encoding: .utf8).split(
            separator: "\n", omittingEmptySubsequences: false)
        lines[1] = "not,a,case"
        try lines.joined(separator: "\n").write(to: cases, atomically: true, encoding: .utf8)
        let damaged = try cli.sanzi("compare", sides[0], sides[1], "--out", out + "3", "-q")
        #expect(damaged.status == 65, "\(damaged.errors)")
        #expect(damaged.errors.hasSuffix("a2/cases.csv:2: error: 3 fields, expected 19\n"), "\(damaged.errors)")
    }
}
