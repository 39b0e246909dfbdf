import SanziEvaluation
import SanziOutput

/// Writes a run's evaluation and report files into its output folder.
public enum ReportFiles {
    /// The files, in the order written.
    public static let names = ["evaluation.json", "report.json", "report.md", "report.html"]

    /// Writes evaluation.json, report.json, report.md and report.html; returns their paths.
    /// With `cores` of 2 or more, the JSON files and the rendered pages are made at once.
    public static func write(
        _ report: Report, evaluation: Evaluation, to folder: String, cores: Int = 1
    ) throws(OutputError) -> [String] {
        let (json, pages) = Concurrently.both(cores: cores) {
            [OutputFiles.json(evaluation), OutputFiles.json(report)]
        } _: {
            [MarkdownReport.render(report), HTMLReport.render(report)]
        }
        let contents = json + pages
        return try OutputFiles.write(Array(zip(names, contents)), to: folder)
    }
}
