/// Escaping for each output format, so that any name from a scenario comes out as text.
public enum Escaping {
    /// Text for HTML content and attribute values.
    public static func html(_ text: String) -> String {
        // Most names and cells need nothing (a test of bytes: every mark is ASCII), and a
        // report escapes every cell of its village tables.
        guard text.utf8.contains(where: { Self.htmlMarks.contains($0) }) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }

    /// Text for Markdown: tags and entities are neutralised (`<`, `>`, `&` as entities) and
    /// Markdown's own marks are backslashed; quotes stay quotes ("village's", not "village&#39;s").
    public static func markdown(_ text: String) -> String {
        guard text.utf8.contains(where: { Self.markdownMarks.contains($0) }) else { return text }
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\n": result += " "
            default:
                if "\\`*_[]|#".contains(character) { result.append("\\") }
                result.append(character)
            }
        }
        return result
    }

    /// The bytes `html` and `markdown` change (all ASCII).
    static let htmlMarks = Set("&<>\"'".utf8)
    static let markdownMarks = Set("&<>\n\\`*_[]|#".utf8)

    /// A JSON string literal for `text`, escaping quotes, backslashes and control characters.
    public static func jsonLiteral(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "<": result += "\\u003c"
            case ">": result += "\\u003e"
            case "&": result += "\\u0026"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }

    /// JSON text (UTF-8) made safe to embed anywhere: `<`, `>` and `&` as Unicode escapes (the
    /// same string once parsed), in one pass (the three are ASCII, so no byte of a longer
    /// character is one of them).
    public static func json(utf8 bytes: some Collection<UInt8>) -> String {
        var escaped: [UInt8] = []
        escaped.reserveCapacity(bytes.count + 64)
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "<"): escaped.append(contentsOf: "\\u003c".utf8)
            case UInt8(ascii: ">"): escaped.append(contentsOf: "\\u003e".utf8)
            case UInt8(ascii: "&"): escaped.append(contentsOf: "\\u0026".utf8)
            default: escaped.append(byte)
            }
        }
        return String(decoding: escaped, as: UTF8.self)
    }
}
