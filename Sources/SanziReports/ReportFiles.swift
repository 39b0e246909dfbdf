import Foundation
import SanziEvaluation

/// Writes a run's evaluation and report files into its output folder.
public enum ReportFiles {
    /// The files, in the order written.
    public static let names = ["evaluation.json", "report.json", "report.md", "report.html"]

    /// Writes evaluation.json, report.json, report.md and report.html; returns their paths.
    public static func write(_ report: Report, evaluation: Evaluation, to folder: String) throws -> [String] {
        let contents = [
            try json(evaluation), try json(report), MarkdownReport.render(report), HTMLReport.render(report),
        ]
        var paths: [String] = []
        for (name, text) in zip(names, contents) {
            let path = URL(fileURLWithPath: folder).appendingPathComponent(name).path
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            paths.append(path)
        }
        return paths
    }

    /// Pretty JSON with sorted snake_case keys and `<`, `>`, `&` escaped.
    static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return Escaping.json(String(decoding: try encoder.encode(value), as: UTF8.self)) + "\n"
    }
}
