import SanziEvaluation
import SanziOutput

/// Writes a run's evaluation and report files into its output folder.
public enum ReportFiles {
    /// The files, in the order written.
    public static let names = ["evaluation.json", "report.json", "report.md", "report.html"]

    /// Writes evaluation.json, report.json, report.md and report.html; returns their paths.
    public static func write(_ report: Report, evaluation: Evaluation, to folder: String) throws(OutputError)
        -> [String]
    {
        let contents = [
            OutputFiles.json(evaluation), OutputFiles.json(report), MarkdownReport.render(report),
            HTMLReport.render(report),
        ]
        return try OutputFiles.write(Array(zip(names, contents)), to: folder)
    }
}
