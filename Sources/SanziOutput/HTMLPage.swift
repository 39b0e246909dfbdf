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
        body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #222; }
        table { border-collapse: collapse; margin: 0.5rem 0 1.5rem; font-size: 0.9rem; }
        th, td { border: 1px solid #ccc; padding: 0.2rem 0.5rem; text-align: right; }
        th:first-child, td:first-child { text-align: left; }
        \(style)
        </style>
        </head>
        <body>
        \(body)</body>
        </html>

        """
    }

    /// A table; every cell is escaped here.
    public static func table(_ header: [String], _ rows: [[String]]) -> String {
        var html = "<table>\n<tr>" + header.map { "<th>\(Escaping.html($0))</th>" }.joined() + "</tr>\n"
        for row in rows { html += "<tr>" + row.map { "<td>\(Escaping.html($0))</td>" }.joined() + "</tr>\n" }
        return html + "</table>\n"
    }
}
