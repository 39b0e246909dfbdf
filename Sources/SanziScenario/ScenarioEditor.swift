/// Writes new values into number attributes of a scenario file's text, leaving every other
/// byte (comments, layout) as it was: how `sanzi calibrate` tries settings and writes the
/// calibrated scenario.
public struct ScenarioEditor: Sendable {
    /// Where one parameter's attribute is written: the start tag's offset, and whether the
    /// attribute is there (else it is added).
    private struct Place: Sendable {
        var tag: Int
        var name: String
    }

    private let source: SourceText
    /// Each parameter's places: one, or every element of its name.
    private let places: [[Place]]
    /// The value each parameter has in the file (in its first element), nil where the attribute
    /// is left out.
    public let values: [Double?]

    /// The attributes a parameter's `id` may match: what tells elements of one name apart.
    static let keys = ["id", "of", "level", "kind"]

    /// Finds each parameter's element in the scenario: exactly one element of its name (whose
    /// `id`, `of`, `level` or `kind` is the parameter's `id`, when it gives one), or at least one
    /// for a parameter that sets `every` one. Errors point at the parameter in the targets file.
    public init(bytes: [UInt8], path: String, parameters: [CalibrationTargets.Parameter]) throws(ScenarioError) {
        let source = SourceText(path: path, bytes: bytes)
        self.source = source
        guard let root = XMLDocumentReader(source: source).read().root else {
            throw .invalid(path: path, diagnostics: [Diagnostic(.error, at: source.startOfLine(1), "not XML")])
        }
        var places: [[Place]] = []
        var values: [Double?] = []
        var problems: [Diagnostic] = []
        for parameter in parameters {
            let found = Self.elements(named: parameter.element, in: root).filter { node in
                parameter.id == nil || Self.keys.contains { node.attribute($0) == parameter.id }
            }
            let tags = found.compactMap { source.offsetOfStartTag($0.name, line: $0.line) }
            let what = "<\(parameter.element)>" + (parameter.id.map { " with id \"\($0)\"" } ?? "")
            let problem: String? =
                if found.isEmpty {
                    "the scenario has no \(what)"
                } else if found.count > 1, !parameter.every {
                    "the scenario has \(found.count) \(what) elements: name one with id, or all with every=\"true\""
                } else if Set(tags).count != found.count {
                    "the scenario's \(what) elements cannot be told apart: write each on a line of its own"
                } else {
                    nil
                }
            if let problem {
                problems.append(
                    Diagnostic(
                        .error, at: parameter.location, problem,
                        hint: "a parameter names one element of the scenario, or every one of a name"))
                continue
            }
            guard let node = found.first else { continue }
            places.append(tags.map { Place(tag: $0, name: parameter.attribute) })
            values.append(node.attribute(parameter.attribute).flatMap(Double.init))
        }
        guard problems.isEmpty else {
            throw .invalid(path: parameters.first?.location.file ?? path, diagnostics: problems)
        }
        self.places = places
        self.values = values
    }

    /// The scenario's bytes with each parameter set to its value (written as a plain decimal).
    public func scenario(with values: [Double]) -> [UInt8] {
        var bytes = source.bytes
        let edits = zip(places, values).flatMap { places, value in places.map { ($0, value) } }
            .sorted { $0.0.tag > $1.0.tag }
        for (place, value) in edits {
            let text = Array(AlertSettings.decimal(value).utf8)
            let current = SourceText(path: source.path, bytes: bytes)
            if let attribute = current.offsetOfAttribute(place.name, inTagAt: place.tag),
                let range = Self.valueRange(in: bytes, attributeAt: attribute)
            {
                bytes.replaceSubrange(range, with: text)
            } else if let end = current.offsetOfTagEnd(place.tag) {
                bytes.insert(contentsOf: Array(" \(place.name)=\"".utf8) + text + [UInt8(ascii: "\"")], at: end)
            }
        }
        return bytes
    }

    private static func elements(named name: String, in node: XMLElementNode) -> [XMLElementNode] {
        (node.name == name ? [node] : []) + node.children.flatMap { elements(named: name, in: $0) }
    }

    /// The bytes between the quotes of the attribute starting at `offset`.
    private static func valueRange(in bytes: [UInt8], attributeAt offset: Int) -> Range<Int>? {
        guard let equals = bytes[offset...].firstIndex(of: UInt8(ascii: "=")),
            let open = bytes[(equals + 1)...].firstIndex(where: { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "'") }
            ),
            let close = bytes[(open + 1)...].firstIndex(of: bytes[open])
        else { return nil }
        return (open + 1)..<close
    }
}
