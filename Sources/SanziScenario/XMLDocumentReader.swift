import CLibXML2

/// Reads untrusted XML safely with libxml2's streaming reader, validating against the scenario
/// XSD as it goes, into Sanzi's own element tree.
///
/// Safety: network access off, no entity substitution, no DTD loading, any DOCTYPE rejected,
/// libxml2's limits on depth, text size and entity amplification kept (never `XML_PARSE_HUGE`).
struct XMLDocumentReader {
    /// What a read produced: the root element when the file was well formed and the schema
    /// found nothing wrong but unknown attributes and values outside a list (which the checks
    /// past the schema ignore, or replace by a default), and every problem found.
    struct Result {
        var root: XMLElementNode?
        var diagnostics: [Diagnostic]
        /// Whether the schema found nothing wrong (no error at all).
        var isValid: Bool { !diagnostics.contains { $0.severity == .error } }
    }

    let source: SourceText

    func read() -> Result {
        LibXML2.initialize()
        sanzi_silence_generic_errors()
        let collector = ErrorCollector()
        let root: XMLElementNode? = source.bytes.withUnsafeBufferPointer { buffer in
            if let problem = prologProblem() ?? crowdedTag() {
                collector.fatal(line: problem.location.line, column: problem.location.column, message: problem.message)
                return nil
            }
            guard let base = buffer.baseAddress else { return nil }
            return base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { bytes in
                withExtendedLifetime(collector) {
                    readTree(bytes, count: buffer.count, collector: collector)
                }
            }
        }
        // Other schema errors break what the checks past the schema rely on (a count of at least
        // one, a term within bounds, a required attribute, the order of children): those stop here.
        let checkable = collector.errors.allSatisfy { $0.isWarning || $0.leavesTheTreeCheckable }
        collector.discardMissingAttributesThatAreMisspelt()
        var diagnostics = collector.errors.map(diagnostic(for:)).sorted { $0.location < $1.location }
        if collector.dropped > 0, let last = diagnostics.last {
            diagnostics.append(
                Diagnostic(
                    .error, at: last.location,
                    "\(collector.dropped) more problems not shown; fix the first \(ErrorCollector.limit) and validate again"
                ))
        }
        return Result(root: checkable ? root : nil, diagnostics: diagnostics)
    }

    /// Finds a DOCTYPE or a non-UTF-8 byte-order mark before libxml2 sees the file.
    ///
    /// A DOCTYPE may only stand in the prolog (after the XML declaration, comments and
    /// processing instructions, before the root element), so this scan is exact: no DTD, and
    /// therefore no entity, ever reaches the parser.
    private func prologProblem() -> (location: SourceLocation, message: String)? {
        let bytes = source.bytes
        if bytes.starts(with: [0xFE, 0xFF]) || bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0, 0]) {
            return (source.location(atOffset: 0), "the file is UTF-16 or UTF-32; Sanzi reads scenario files in UTF-8")
        }
        var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        if let version = xmlVersion(at: index), version != "1.0" {
            return (
                source.location(atOffset: index),
                "XML version \"\(version)\" is not read; Sanzi files are XML 1.0: write <?xml version=\"1.0\" encoding=\"UTF-8\"?>"
            )
        }
        func starts(_ text: String) -> Bool { bytes[index...].starts(with: text.utf8) }
        func skip(past terminator: String) -> Bool {
            let pattern = Array(terminator.utf8)
            while index + pattern.count <= bytes.count {
                if bytes[index..<(index + pattern.count)].elementsEqual(pattern) {
                    index += pattern.count
                    return true
                }
                index += 1
            }
            return false
        }
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D:
                index += 1
            case UInt8(ascii: "<") where starts("<?"):
                guard skip(past: "?>") else { return nil }
            case UInt8(ascii: "<") where starts("<!--"):
                guard skip(past: "-->") else { return nil }
            case UInt8(ascii: "<") where starts("<!DOCTYPE") || starts("<!doctype"):
                return (
                    source.location(atOffset: index),
                    "a DOCTYPE is not allowed in a Sanzi file: scenario files declare no DTD and no entities; remove the <!DOCTYPE …> declaration"
                )
            default:
                return nil
            }
        }
        return (
            source.location(atOffset: 0),
            "the file has no root element: it is empty or holds only white space and comments"
        )
    }

    private static let options = Int32(bitPattern: XML_PARSE_NONET.rawValue | XML_PARSE_BIG_LINES.rawValue)

    private func readTree(_ bytes: UnsafePointer<CChar>, count: Int, collector: ErrorCollector) -> XMLElementNode? {
        // The validation context must outlive the reader, which unplugs it when freed.
        guard let validation = xmlSchemaNewValidCtxt(CompiledSchema.shared.pointer),
            let reader = xmlReaderForMemory(bytes, Int32(count), source.path, nil, Self.options)
        else {
            collector.fatal(line: 1, column: 1, message: "libxml2 could not start reading the file")
            return nil
        }
        defer {
            xmlFreeTextReader(reader)
            xmlSchemaFreeValidCtxt(validation)
        }
        let context = Unmanaged.passUnretained(collector).toOpaque()
        xmlTextReaderSetStructuredErrorHandler(reader, ErrorCollector.handler, context)
        xmlSchemaSetValidStructuredErrors(validation, ErrorCollector.handler, context)
        xmlTextReaderSchemaValidateCtxt(reader, validation, 0)

        var stack: [XMLElementNode] = []
        var root: XMLElementNode?
        while true {
            let status = xmlTextReaderRead(reader)
            if status == 0 { break }
            if status < 0 {
                // With a schema attached, fatal parse errors skip the handler (libxml2 2.9);
                // the reader may also have validated ahead, so look at the last error itself.
                if !collector.hasFatalError {
                    if let last = xmlGetLastError(), last.pointee.domain != Int32(XML_FROM_SCHEMASV.rawValue) {
                        collector.record(last.pointee, isFatal: true)
                    } else {
                        collector.fatal(line: 0, column: 0, message: "the file could not be read to its end")
                    }
                }
                break
            }
            switch xmlTextReaderNodeType(reader) {
            case Int32(XML_READER_TYPE_ELEMENT.rawValue):
                let node = element(reader)
                if let parent = stack.last {
                    parent.append(child: node)
                } else {
                    guard checkRoot(node, collector: collector) else { return nil }
                    root = node
                }
                if xmlTextReaderIsEmptyElement(reader) != 1 { stack.append(node) }
            case Int32(XML_READER_TYPE_END_ELEMENT.rawValue):
                _ = stack.popLast()
            case Int32(XML_READER_TYPE_TEXT.rawValue), Int32(XML_READER_TYPE_CDATA.rawValue):
                stack.last?.append(text: string(xmlTextReaderConstValue(reader)) ?? "")
            case Int32(XML_READER_TYPE_DOCUMENT_TYPE.rawValue), Int32(XML_READER_TYPE_ENTITY_REFERENCE.rawValue):
                // Unreachable after the prolog check; kept as a second line of defence.
                let location = source.startOfLine(Int(xmlTextReaderGetParserLineNumber(reader)))
                collector.fatal(
                    line: location.line, column: location.column,
                    message:
                        "a DOCTYPE is not allowed in a Sanzi file: scenario files declare no DTD and no entities; remove the <!DOCTYPE …> declaration"
                )
                return nil
            default:
                break
            }
        }
        return root
    }

    /// The version an XML declaration at `offset` states, if there is one.
    private func xmlVersion(at offset: Int) -> String? {
        let bytes = source.bytes[offset...]
        guard bytes.starts(with: "<?xml".utf8), let end = bytes.firstRange(of: Array("?>".utf8))?.lowerBound,
            let key = bytes[..<end].firstRange(of: Array("version".utf8))?.upperBound
        else { return nil }
        let rest = bytes[key..<end].drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "=") }
        guard let quote = rest.first, quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else { return nil }
        return String(decoding: rest.dropFirst().prefix { $0 != quote }, as: UTF8.self)
    }

    /// The most attributes a start tag may have, several times any Sanzi element's.
    static let attributeLimit = 100

    /// Finds a start tag with more than `attributeLimit` attributes before libxml2 sees it:
    /// its check for repeated attributes takes time quadratic in their number.
    private func crowdedTag() -> (location: SourceLocation, message: String)? {
        let bytes = source.bytes
        var index = 0
        func skip(past terminator: String) {
            index = bytes[index...].firstRange(of: Array(terminator.utf8))?.upperBound ?? bytes.count
        }
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "<") else {
                index += 1
                continue
            }
            let tag = index
            if bytes[index...].starts(with: "<!--".utf8) {
                skip(past: "-->")
            } else if bytes[index...].starts(with: "<![CDATA[".utf8) {
                skip(past: "]]>")
            } else if bytes[index...].starts(with: "<?".utf8) {
                skip(past: "?>")
            } else {
                var attributes = 0
                var quote: UInt8?
                index += 1
                while index < bytes.count {
                    let byte = bytes[index]
                    index += 1
                    if let open = quote {
                        if byte == open { quote = nil }
                    } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                        quote = byte
                    } else if byte == UInt8(ascii: "=") {
                        attributes += 1
                    } else if byte == UInt8(ascii: ">") {
                        break
                    }
                }
                if attributes > Self.attributeLimit {
                    return (
                        source.location(atOffset: tag),
                        "an element with \(attributes) attributes; no Sanzi element has more than \(Self.attributeLimit)"
                    )
                }
            }
        }
        return nil
    }

    /// Rejects a root element outside Sanzi's vocabulary with a message that shows the fix.
    private func checkRoot(_ node: XMLElementNode, collector: ErrorCollector) -> Bool {
        guard
            node.namespace != ScenarioSchema.namespace
                || !["scenario", "thresholds", "calibration"].contains(node.name)
        else {
            return true
        }
        let offset =
            source.offsetOfStartTag(node.name, line: node.line)
            ?? source.lineStarts[max(0, min(node.line, source.lineStarts.count) - 1)]
        let location = source.location(atOffset: offset)
        let found =
            node.namespace.map { "<\(node.name)> in namespace \"\($0)\"" } ?? "<\(node.name)> without a namespace"
        collector.discard { $0.message.contains("No matching global declaration available for the validation root") }
        collector.fatal(
            line: location.line, column: location.column,
            message:
                "the root element must be <scenario>, <thresholds> or <calibration> in namespace \"\(ScenarioSchema.namespace)\", not \(found); write <scenario xmlns=\"\(ScenarioSchema.namespace)\" schema-version=\"1\" …>"
        )
        return false
    }

    private func element(_ reader: xmlTextReaderPtr) -> XMLElementNode {
        let name = string(xmlTextReaderConstLocalName(reader)) ?? ""
        let namespace = string(xmlTextReaderConstNamespaceUri(reader))
        let line = Int(xmlGetLineNo(xmlTextReaderCurrentNode(reader)))
        var attributes: [(name: String, value: String)] = []
        while xmlTextReaderMoveToNextAttribute(reader) == 1 {
            if xmlTextReaderIsNamespaceDecl(reader) == 1 { continue }
            attributes.append(
                (string(xmlTextReaderConstLocalName(reader)) ?? "", string(xmlTextReaderConstValue(reader)) ?? ""))
        }
        xmlTextReaderMoveToElement(reader)
        return XMLElementNode(name: name, namespace: namespace, line: line, attributes: attributes)
    }

    private func string(_ pointer: UnsafePointer<xmlChar>?) -> String? {
        pointer.map { String(cString: $0) }
    }

    /// Turns a libxml2 error into a diagnostic with an exact column and a cleaned-up message.
    private func diagnostic(for error: ErrorCollector.RawError) -> Diagnostic {
        var location = error.line > 0 ? source.startOfLine(error.line) : source.location(atOffset: source.bytes.count)
        if error.column > 0 {
            location.column = error.column
        } else if let element = error.element, let tag = source.offsetOfStartTag(element, line: error.line) {
            let attributeOffset = error.attribute.flatMap { source.offsetOfAttribute($0, inTagAt: tag) }
            location = source.location(atOffset: attributeOffset ?? tag)
        }
        let plain = error.isValidity ? SchemaMessage(error.message) : SchemaMessage(text: error.message)
        return Diagnostic(
            error.isWarning ? .warning : .error, at: location, ErrorCollector.clean(plain.text, limit: 600),
            hint: plain.hint)
    }
}
