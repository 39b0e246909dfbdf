/// Markdown tables, as every Markdown file Sanzi writes lays them out.
public enum MarkdownTable {
    /// A header row, its rule and one line per row, each line ending in a newline. Cells are
    /// written as given: escape them first (`Escaping.markdown`) when they hold free text.
    public static func text(_ header: [String], _ rows: [[String]]) -> String {
        var text = "| " + header.joined(separator: " | ") + " |\n|" + header.map { _ in "---|" }.joined() + "\n"
        for row in rows { text += "| " + row.joined(separator: " | ") + " |\n" }
        return text
    }
}
