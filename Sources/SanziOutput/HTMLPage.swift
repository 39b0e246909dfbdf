/// The frame of Sanzi's self-contained pages (`report.html`, `tuning.html`): well-formed
/// XHTML with inline CSS, no script and nothing fetched. Every text passed in is escaped here
/// or by the caller's `Escaping.html`.
public enum HTMLPage {
    /// A whole page: `title` is escaped; `body` is markup; `style` adds page-specific CSS.
    public static func document(title: String, style: String = "", body: String) -> String {
        """
        <!DOCTYPE html>
        <html xmlns="http://www.w3.org/1999/xhtml" lang="en">
        <head>
        <meta charset="utf-8"/>
        <title>\(Escaping.html(title))</title>
        <style>
        body { font-family: system-ui, sans-serif; max-width: 72rem; margin: 2rem auto; padding: 0 1rem; color: #222; }
        table { border-collapse: collapse; margin: 0.5rem 0 1.5rem; font-size: 0.9rem; }
        th, td { border: 1px solid #ccc; padding: 0.2rem 0.5rem; text-align: left; }
        th.n, td.n { text-align: right; font-variant-numeric: tabular-nums; }
        svg.chart { width: 100%; height: auto; display: block; margin: 0.5rem 0 1.5rem; }
        \(style)
        </style>
        </head>
        <body>
        \(body)</body>
        </html>

        """
    }

    /// A table; every cell is escaped here. Numbers align right, words left, and a column of
    /// numbers has its header on the right too.
    public static func table(_ header: [String], _ rows: [[String]]) -> String {
        let numeric = header.indices.map { column in
            rows.contains { column < $0.count && !$0[column].isEmpty }
                && rows.allSatisfy { column >= $0.count || isNumber($0[column]) }
        }
        func cell(_ tag: String, _ text: String, _ column: Int) -> String {
            "<\(tag)\(column < numeric.count && numeric[column] ? " class=\"n\"" : "")>\(Escaping.html(text))</\(tag)>"
        }
        var html = "<table>\n<tr>" + header.enumerated().map { cell("th", $1, $0) }.joined() + "</tr>\n"
        for row in rows { html += "<tr>" + row.enumerated().map { cell("td", $1, $0) }.joined() + "</tr>\n" }
        return html + "</table>\n"
    }

    /// Whether a cell shows a number: digits with separators, a sign, a point, a percent, or a dash for none.
    static func isNumber(_ text: String) -> Bool {
        text == "–" || (!text.isEmpty && text.allSatisfy { $0.isNumber || ",.%-−".contains($0) })
    }
}
