/// Turns the element tree of a schema-valid file into plain values, and finds the problems a
/// schema cannot: dangling references, duplicate ids, ranges whose minimum exceeds their
/// maximum, impossible dates and inconsistent rules.
///
/// The XSD has already checked every attribute's form, so the readers below only convert; a
/// conversion that still fails is reported rather than trusted.
struct ScenarioDecoder {
    let source: SourceText
    private(set) var diagnostics: [Diagnostic] = []
    /// Ids seen so far, by kind ("district", "village"…), with where each was first defined.
    private var ids: [String: [String: SourceLocation]] = [:]

    init(source: SourceText) { self.source = source }

    // MARK: Locations and diagnostics

    /// The location of an element's start tag.
    func location(of node: XMLElementNode) -> SourceLocation {
        guard let offset = source.offsetOfStartTag(node.name, line: node.line) else {
            return source.startOfLine(node.line)
        }
        return source.location(atOffset: offset)
    }

    /// The location of an attribute, or of its element when the attribute is absent.
    func location(of node: XMLElementNode, attribute: String) -> SourceLocation {
        guard let tag = source.offsetOfStartTag(node.name, line: node.line),
            let offset = source.offsetOfAttribute(attribute, inTagAt: tag)
        else { return location(of: node) }
        return source.location(atOffset: offset)
    }

    mutating func error(_ message: String, at node: XMLElementNode, attribute: String? = nil, hint: String? = nil) {
        let at = attribute.map { location(of: node, attribute: $0) } ?? location(of: node)
        diagnostics.append(Diagnostic(.error, at: at, message, hint: hint))
    }

    mutating func error(_ message: String, at location: SourceLocation, hint: String? = nil) {
        diagnostics.append(Diagnostic(.error, at: location, message, hint: hint))
    }

    mutating func warning(_ message: String, at node: XMLElementNode, attribute: String? = nil) {
        let at = attribute.map { location(of: node, attribute: $0) } ?? location(of: node)
        diagnostics.append(Diagnostic(.warning, at: at, message))
    }

    mutating func warning(_ message: String, at location: SourceLocation) {
        diagnostics.append(Diagnostic(.warning, at: location, message))
    }

    // MARK: Ids and references

    /// Records an id of a kind; reports a duplicate with the place of the first definition.
    mutating func register(_ kind: String, id: String, at node: XMLElementNode, attribute: String = "id") {
        if let first = ids[kind]?[id] {
            error("duplicate \(kind) id \"\(id)\"", at: node, attribute: attribute, hint: "first defined at \(first)")
        } else {
            ids[kind, default: [:]][id] = location(of: node, attribute: attribute)
        }
    }

    /// Whether an id of a kind exists; reports a dangling reference otherwise.
    @discardableResult
    mutating func resolve(_ kind: String, id: String, at node: XMLElementNode, attribute: String) -> Bool {
        let known = ids[kind] ?? [:]
        guard known[id] == nil else { return true }
        let hint =
            Spelling.closest(to: id, among: known.keys).map { "did you mean \"\($0)\"?" }
            ?? (known.isEmpty
                ? "no \(kind) is defined" : "known: " + known.keys.sorted().prefix(8).joined(separator: ", "))
        error("unknown \(kind) \"\(id)\"", at: node, attribute: attribute, hint: hint)
        return false
    }

    // MARK: Attribute readers

    func string(_ node: XMLElementNode, _ name: String) -> String { node.attribute(name) ?? "" }

    mutating func integer(_ node: XMLElementNode, _ name: String, default value: Int = 0) -> Int {
        guard let text = node.attribute(name) else { return value }
        guard let parsed = Int(text) else {
            error("\"\(text)\" is not a whole number", at: node, attribute: name)
            return value
        }
        return parsed
    }

    mutating func decimal(_ node: XMLElementNode, _ name: String, default value: Double = 0) -> Double {
        guard let text = node.attribute(name) else { return value }
        guard let parsed = Double(text), parsed.isFinite else {
            error("\"\(text)\" is not a number", at: node, attribute: name)
            return value
        }
        return parsed
    }

    mutating func money(_ node: XMLElementNode, _ name: String, default value: Money = .zero) -> Money {
        guard let text = node.attribute(name) else { return value }
        guard let parsed = Money(yuanText: text[...]) else {
            error("\"\(text)\" is not an amount in yuan with at most two decimals", at: node, attribute: name)
            return value
        }
        return parsed
    }

    mutating func flag(_ node: XMLElementNode, _ name: String, default value: Bool) -> Bool {
        guard let text = node.attribute(name) else { return value }
        return text == "true" || text == "1"
    }

    mutating func choice<Value: RawRepresentable>(_ node: XMLElementNode, _ name: String, default value: Value) -> Value
    where Value.RawValue == String {
        guard let text = node.attribute(name) else { return value }
        guard let parsed = Value(rawValue: text) else {
            error("\"\(text)\" is not a valid \(name)", at: node, attribute: name)
            return value
        }
        return parsed
    }

    mutating func date(_ node: XMLElementNode, _ name: String) -> CalendarDate? {
        guard let text = node.attribute(name) else { return nil }
        guard let parsed = CalendarDate(iso: text[...]) else {
            error("\"\(text)\" is not a real date (YYYY-MM-DD)", at: node, attribute: name)
            return nil
        }
        return parsed
    }

    /// A range written as "n" or "min-max", checked for min ≤ max.
    mutating func range<Bound: Comparable>(
        _ node: XMLElementNode, _ name: String, default value: ClosedRange<Bound>, parse: (Substring) -> Bound?
    ) -> ClosedRange<Bound> {
        guard let text = node.attribute(name) else { return value }
        let parts = text.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
        guard let low = parts.first.flatMap(parse), let high = parts.count == 2 ? parse(parts[1]) : low else {
            error("\"\(text)\" is not a value or a range min-max", at: node, attribute: name)
            return value
        }
        guard low <= high else {
            error(
                "range \"\(text)\" has its minimum above its maximum", at: node, attribute: name, hint: "write min-max")
            return value
        }
        return low...high
    }

    mutating func intRange(_ node: XMLElementNode, _ name: String) -> ClosedRange<Int> {
        range(node, name, default: 0...0) { Int($0) }
    }

    mutating func decimalRange(_ node: XMLElementNode, _ name: String) -> ClosedRange<Double> {
        range(node, name, default: 0...0) { Double($0) }
    }

    mutating func moneyRange(_ node: XMLElementNode, _ name: String) -> ClosedRange<Money> {
        range(node, name, default: Money.zero...Money.zero) { Money(yuanText: $0) }
    }

    /// Warns when a dated element's date lies outside the simulated period `start..<end`:
    /// `what` names the date ("this survey's date"), `consequence` what follows ("so it is
    /// never held").
    mutating func warnOutsidePeriod(
        _ date: CalendarDate, start: CalendarDate, end: CalendarDate, _ what: String, _ consequence: String? = nil,
        at node: XMLElementNode, attribute: String
    ) {
        guard date < start || date >= end else { return }
        warning(
            "\(what), \(date), falls outside the simulated period \(start) to \(end)"
                + (consequence.map { ", \($0)" } ?? ""), at: node, attribute: attribute)
    }

    // MARK: Bounds

    /// Reports `value` (or a range's ends) outside `bounds`, with the reason for the bound. The
    /// bounded readers below check only a value that was read without a problem.
    mutating func check<Value: Comparable>(
        _ value: ClosedRange<Value>, within bounds: ClosedRange<Value>, _ reason: String, at node: XMLElementNode,
        _ name: String
    ) {
        guard !bounds.contains(value.lowerBound) || !bounds.contains(value.upperBound) else { return }
        error(
            "\(name) must lie within \(bounds.lowerBound)…\(bounds.upperBound): \(reason)", at: node, attribute: name)
    }

    mutating func integer(
        _ node: XMLElementNode, _ name: String, within bounds: ClosedRange<Int>, _ reason: String,
        default value: Int = 0
    ) -> Int {
        bounded(node, name, within: bounds, reason) { $0.integer(node, name, default: value).only }.lowerBound
    }

    mutating func decimal(
        _ node: XMLElementNode, _ name: String, within bounds: ClosedRange<Double>, _ reason: String,
        default value: Double = 0
    ) -> Double {
        bounded(node, name, within: bounds, reason) { $0.decimal(node, name, default: value).only }.lowerBound
    }

    mutating func intRange(
        _ node: XMLElementNode, _ name: String, within bounds: ClosedRange<Int>, _ reason: String
    ) -> ClosedRange<Int> {
        bounded(node, name, within: bounds, reason) { $0.intRange(node, name) }
    }

    /// What `read` reads, checked against `bounds` when it read without a problem, and clamped
    /// to them so that nothing after the check sees a value outside.
    private mutating func bounded<Value: Comparable>(
        _ node: XMLElementNode, _ name: String, within bounds: ClosedRange<Value>, _ reason: String,
        read: (inout Self) -> ClosedRange<Value>
    ) -> ClosedRange<Value> {
        let problems = diagnostics.count
        let value = read(&self)
        if diagnostics.count == problems { check(value, within: bounds, reason, at: node, name) }
        return value.clamped(to: bounds)
    }

    /// A range written as separate `min` and `max` attributes, checked for min ≤ max.
    mutating func minMax<Bound: Comparable>(_ node: XMLElementNode, read: (inout Self, String) -> Bound) -> ClosedRange<
        Bound
    > {
        let low = read(&self, "min")
        let high = read(&self, "max")
        guard low <= high else {
            error("min is above max", at: node, attribute: "min")
            return high...high
        }
        return low...high
    }
}

extension Comparable {
    /// The range of this value alone.
    fileprivate var only: ClosedRange<Self> { self...self }
}
