import CLibXML2

/// Collects libxml2's structured errors for one read; passed to C callbacks as their context.
final class ErrorCollector {
    struct RawError {
        var line: Int
        var column: Int
        var message: String
        /// The element a schema error is about, when libxml2 names it.
        var element: String?
        /// The attribute a schema error is about, when the message names it.
        var attribute: String?
        var isWarning = false
        var isFatal = false
        /// A schema-validity error, whose message `SchemaMessage` puts in plain words.
        var isValidity = false

        /// Whether the tree is still one the checks past the schema may read: the error is an
        /// unknown attribute (which they never look at) or a value outside a list (which they
        /// report again and replace by a default).
        var leavesTheTreeCheckable: Bool {
            isValidity && !isFatal
                && (message.hasSuffix("is not allowed.") && attribute != nil
                    || message.contains("[facet 'enumeration']"))
        }
    }

    private(set) var errors: [RawError] = []
    /// Errors past `limit`, counted but not kept (a hostile file may hold a hundred thousand).
    private(set) var dropped = 0
    var hasFatalError: Bool { errors.contains(where: \.isFatal) }

    /// How many errors are kept and located; the rest are counted.
    static let limit = 100

    /// The C callback libxml2 calls; `context` is an unretained `ErrorCollector`.
    static let handler: xmlStructuredErrorFunc = { context, error in
        guard let context, let error else { return }
        Unmanaged<ErrorCollector>.fromOpaque(context).takeUnretainedValue().record(error.pointee)
    }

    func record(_ error: xmlError, isFatal: Bool = false) {
        let fatal = isFatal || error.level == XML_ERR_FATAL
        guard errors.count < Self.limit || fatal else {
            dropped += 1
            return
        }
        let raw = error.message.map { String(cString: $0) } ?? "unknown libxml2 error"
        // Validity errors carry no useful column; the element and attribute locate them.
        let isValidity = error.domain == Int32(XML_FROM_SCHEMASV.rawValue)
        // In reader mode libxml2 leaves `node` empty; the message names the element instead.
        // A validity message keeps room for every allowed value of an enumeration (its plain
        // form lists them), but not for a hostile file's megabyte-long value.
        let message = Self.clean(raw, limit: isValidity ? 4_000 : 300)
        let found = RawError(
            line: Int(error.line), column: isValidity ? 0 : Int(error.int2), message: message,
            element: Self.quoted(after: "Element '", in: message),
            attribute: Self.quoted(after: "attribute '", in: message),
            isWarning: error.level == XML_ERR_WARNING, isFatal: fatal, isValidity: isValidity)
        // A value outside a facet is reported twice: the facet, then the type; keep the first.
        if isValidity, message.contains("is not a valid value of the"), let last = errors.last, last.isValidity,
            (last.line, last.element, last.attribute) == (found.line, found.element, found.attribute)
        {
            return
        }
        errors.append(found)
    }

    /// A misspelt required attribute is both missing and not allowed: keeps the second, whose
    /// hint names the attribute meant.
    func discardMissingAttributesThatAreMisspelt() {
        let unknown = errors.filter { $0.isValidity && $0.message.hasSuffix("is not allowed.") }
        discard { missing in
            guard missing.isValidity, missing.message.hasSuffix("is required but missing."),
                let name = missing.attribute
            else { return false }
            return unknown.contains { other in
                other.line == missing.line && other.element == missing.element
                    && Spelling.closest(to: other.attribute ?? "", among: [name]) != nil
            }
        }
    }

    /// Drops errors that a clearer one replaces.
    func discard(where isReplaced: (RawError) -> Bool) { errors.removeAll(where: isReplaced) }

    func fatal(line: Int, column: Int, message: String) {
        errors.append(RawError(line: line, column: column, message: message, isFatal: true))
    }

    /// Shortens libxml2's wording: no namespace braces, no advice to use unsafe options, no
    /// trailing newline, and never more than a line's worth of the file's own text.
    static func clean(_ message: String, limit: Int = 300) -> String {
        var text = message.replacing("{\(ScenarioSchema.namespace)}", with: "")
        text = text.replacing(" use XML_PARSE_HUGE option", with: "")
        text = text.replacing(", indicate encoding !", with: "")
        text = text.replacing("xmlSAX2Characters: huge text node", with: "a text is larger than libxml2's 10 MB limit")
        text = text.split(whereSeparator: \.isNewline).joined(separator: "; ")
        while let last = text.last, last.isWhitespace { text.removeLast() }
        if text.count > limit { text = String(text.prefix(limit)) + "…" }
        return text
    }

    private static func quoted(after prefix: String, in text: String) -> String? {
        guard let start = text.firstRange(of: prefix)?.upperBound,
            let end = text[start...].firstIndex(of: "'")
        else { return nil }
        return String(text[start..<end])
    }
}
