import CLibXML2

/// The scenario XSD, compiled once from the copy built into the binary (never fetched).
///
/// A compiled libxml2 schema is read-only and may be shared by validations on any thread.
final class CompiledSchema: @unchecked Sendable {
    let pointer: xmlSchemaPtr

    /// The schema of Sanzi's vocabulary, version 1.
    static let shared = CompiledSchema(text: ScenarioSchema.text)

    private init(text: String) {
        LibXML2.initialize()
        var bytes = Array(text.utf8)
        let schema: xmlSchemaPtr? = bytes.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { base in
                guard let context = xmlSchemaNewMemParserCtxt(base, Int32(buffer.count)) else { return nil }
                defer { xmlSchemaFreeParserCtxt(context) }
                return xmlSchemaParse(context)
            }
        }
        guard let schema else { preconditionFailure("Sanzi's built-in XSD does not compile") }
        pointer = schema
    }
}

/// One-time libxml2 set-up.
enum LibXML2 {
    private static let initialized: Bool = {
        xmlInitParser()
        return true
    }()

    static func initialize() { _ = initialized }

}
