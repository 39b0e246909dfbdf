/// CSV text as every table Sanzi writes uses it (RFC 4180).
public enum CSV {
    /// `text` as one field: quoted, with its quotes doubled, only when it holds a comma, a
    /// quote or a line break.
    public static func field(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 44 || $0 == 34 || $0 == 10 || $0 == 13 }) else { return text }
        return "\"" + text.replacing("\"", with: "\"\"") + "\""
    }

    /// Splits a CSV line, honouring quoted fields (a doubled quote inside is one quote).
    public static func fields(of line: Substring) -> [String] {
        var fields: [String] = []
        var field = ""
        var quoted = false
        var justClosed = false
        for character in line {
            if quoted {
                if character == "\"" { (quoted, justClosed) = (false, true) } else { field.append(character) }
                continue
            }
            if character == "\"" {
                if justClosed { field.append("\"") }
                quoted = true
            } else if character == "," {
                fields.append(field)
                field = ""
            } else {
                field.append(character)
            }
            justClosed = false
        }
        fields.append(field)
        return fields
    }
}
