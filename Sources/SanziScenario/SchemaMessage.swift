/// A libxml2 schema-validity message in plain words, with a hint: the attribute or element
/// meant ("did you mean"), the full list of allowed values, the elements expected here.
struct SchemaMessage: Equatable {
    var text: String
    var hint: String?

    /// The plain form of a cleaned libxml2 message; other messages pass unchanged.
    init(_ message: String, vocabulary: SchemaVocabulary = .shared) {
        var parser = Parser(message)
        guard parser.skip("Element '"), let element = parser.upTo("'") else {
            self.init(text: message)
            return
        }
        let attribute = parser.skip(", attribute '") ? parser.upTo("'") : nil
        guard parser.skip(": ") else {
            self.init(text: message)
            return
        }
        let rest = String(parser.rest)
        if let attribute {
            self = Self.aboutAttribute(attribute, of: element, rest, vocabulary: vocabulary)
        } else {
            self = Self.aboutElement(element, rest, vocabulary: vocabulary)
        }
    }

    init(text: String, hint: String? = nil) {
        self.text = text
        self.hint = hint
    }

    private static func aboutAttribute(
        _ attribute: String, of element: String, _ rest: String, vocabulary: SchemaVocabulary
    ) -> SchemaMessage {
        var parser = Parser(rest)
        if rest == "The attribute '\(attribute)' is not allowed." {
            let allowed = vocabulary.attributes(of: element)
            let hint =
                Spelling.closest(to: attribute, among: allowed).map { "did you mean \($0)?" }
                ?? (allowed.isEmpty ? "<\(element)> takes no attributes" : "<\(element)> takes: " + list(allowed))
            return SchemaMessage(text: "<\(element)> has no attribute \(attribute)", hint: hint)
        }
        if parser.skip("[facet 'enumeration'] The value '"), let value = parser.upTo("'"),
            parser.skip(" is not an element of the set {")
        {
            let allowed = parser.rest.dropLast(2).split(separator: ", ").map { String($0.dropFirst().dropLast()) }
            return SchemaMessage(
                text: "\(attribute)=\"\(shown(value))\" on <\(element)> is not one of: " + list(allowed),
                hint: Spelling.closest(to: value, among: allowed).map { "did you mean \($0)?" })
        }
        if parser.skip("[facet '"), let facet = parser.upTo("'"), parser.skip("] The value '"),
            let value = parser.upTo("'")
        {
            let limit = Parser(String(parser.rest)).quotedInParentheses ?? ""
            let problem: String
            switch facet {
            case "maxInclusive": problem = "is above the largest value allowed, \(limit)"
            case "maxExclusive": problem = "must be below \(limit)"
            case "minInclusive": problem = "is below the smallest value allowed, \(limit)"
            case "minExclusive": problem = "must be above \(limit)"
            case "pattern": problem = "has the wrong form"
            default: problem = String(parser.rest.drop { $0 == " " })
            }
            return SchemaMessage(
                text: "\(attribute)=\"\(shown(value))\" on <\(element)> \(problem)",
                hint: facet == "pattern" ? "`sanzi schema` describes the form" : nil)
        }
        if parser.skip("'"), let value = parser.upTo("'"), parser.skip(" is not a valid value of the ") {
            return SchemaMessage(
                text: "\(attribute)=\"\(shown(value))\" on <\(element)> is not a valid \(typeName(parser.rest))")
        }
        return SchemaMessage(text: "<\(element) \(attribute)>: \(rest)")
    }

    private static func aboutElement(_ element: String, _ rest: String, vocabulary: SchemaVocabulary) -> SchemaMessage {
        var parser = Parser(rest)
        if parser.skip("The attribute '"), let attribute = parser.upTo("'"), parser.rest == " is required but missing."
        {
            return SchemaMessage(text: "<\(element)> lacks its required attribute \(attribute)")
        }
        if parser.skip("This element is not expected.") {
            let expected = Parser(String(parser.rest)).expectedElements
            guard !expected.isEmpty else {
                return SchemaMessage(
                    text: "<\(element)> is not allowed here",
                    hint: "it is out of place or out of order; `sanzi schema` lists each element's children in order")
            }
            let hint =
                Spelling.closest(to: element, among: expected).map { "did you mean <\($0)>?" }
                ?? (vocabulary.attributes[element] == nil
                    ? Spelling.closest(to: element, among: vocabulary.elements).map {
                        "did you mean <\($0)>? (it belongs elsewhere)"
                    } : nil)
                ?? "children go in the order `sanzi schema` lists"
            return SchemaMessage(
                text: "<\(element)> is not allowed here; expected " + list(expected.map { "<\($0)>" }, or: true),
                hint: hint)
        }
        if parser.skip("Missing child element(s).") {
            let expected = Parser(String(parser.rest)).expectedElements
            return SchemaMessage(
                text: "<\(element)> lacks a child element: expected " + list(expected.map { "<\($0)>" }, or: true))
        }
        if parser.skip("'"), let value = parser.upTo("'"), parser.skip(" is not a valid value of the ") {
            return SchemaMessage(
                text: "the text of <\(element)>, \"\(shown(value))\", is not a valid \(typeName(parser.rest))")
        }
        return SchemaMessage(text: "<\(element)>: \(rest)")
    }

    /// "atomic type 'xs:decimal'." → "xs:decimal"; "local atomic type." → "value".
    private static func typeName(_ text: Substring) -> String {
        var parser = Parser(String(text))
        _ = parser.upTo("'")
        return parser.upTo("'").map { String($0.split(separator: ":").last ?? "") } ?? "value"
    }

    /// A value from the file, cut to a line's worth.
    private static func shown(_ value: String) -> String { value.count > 60 ? value.prefix(60) + "…" : value }

    private static func list(_ items: [String], or: Bool = false) -> String {
        guard or, items.count > 1 else { return items.joined(separator: ", ") }
        return items.dropLast().joined(separator: ", ") + " or " + (items.last ?? "")
    }

    /// Reads a message left to right.
    private struct Parser {
        var rest: Substring

        init(_ text: String) { rest = Substring(text) }

        mutating func skip(_ prefix: String) -> Bool {
            guard rest.hasPrefix(prefix) else { return false }
            rest = rest.dropFirst(prefix.count)
            return true
        }

        /// The text up to a delimiter, which is consumed; `nil` when there is none.
        mutating func upTo(_ delimiter: Character) -> String? {
            guard let end = rest.firstIndex(of: delimiter) else { return nil }
            defer { rest = rest[rest.index(after: end)...] }
            return String(rest[..<end])
        }

        /// The value in "('m')".
        var quotedInParentheses: String? {
            guard let open = rest.firstRange(of: "('"), let close = rest[open.upperBound...].firstRange(of: "')")
            else { return nil }
            return String(rest[open.upperBound..<close.lowerBound])
        }

        /// The names in " Expected is ( a )." or " Expected is one of ( a, b )."
        var expectedElements: [String] {
            guard let open = rest.firstIndex(of: "("), let close = rest.lastIndex(of: ")"), open < close else {
                return []
            }
            return rest[rest.index(after: open)..<close].split(separator: ",").map {
                String($0.trimmingPrefix(" ").split(separator: " ").first ?? "")
            }.filter { !$0.isEmpty }
        }
    }
}
