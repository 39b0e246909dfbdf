/// CSV text as every table Sanzi writes uses it (RFC 4180).
public enum CSV {
    /// `text` as one field: quoted, with its quotes doubled, only when it holds a comma, a
    /// quote or a line break.
    public static func field(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 44 || $0 == 34 || $0 == 10 || $0 == 13 }) else { return text }
        return "\"" + text.replacing("\"", with: "\"\"") + "\""
    }
}
