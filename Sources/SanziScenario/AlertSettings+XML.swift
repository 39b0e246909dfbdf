extension AlertSettings {
    /// The settings as a thresholds file of Sanzi's vocabulary, which `ScenarioLoader` reads
    /// back to the same settings: `sanzi run` saves the settings it used this way, `sanzi tune`
    /// will write its choice this way.
    public var thresholdsDocument: String {
        var lines = [
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
            "<thresholds xmlns=\"\(ScenarioSchema.namespace)\" schema-version=\"\(ScenarioSchema.version)\" warning-system=\"\(warningSystem)\">",
        ]
        for rule in rules {
            var attributes = "id=\"\(rule.id)\""
            if !rule.enabled { attributes += " enabled=\"false\"" }
            if let severity = rule.severity { attributes += " severity=\"\(severity.rawValue)\"" }
            if rule.parameters.isEmpty {
                lines.append("  <rule \(attributes)/>")
                continue
            }
            lines.append("  <rule \(attributes)>")
            for parameter in rule.parameters {
                lines.append("    <param name=\"\(parameter.name)\" value=\"\(Self.decimal(parameter.value))\"/>")
            }
            lines.append("  </rule>")
        }
        lines.append(
            "  <escalation yellow-to-orange=\"\(escalation.yellowToOrange)\" orange-to-red=\"\(escalation.orangeToRed)\" window-days=\"\(escalation.windowDays)\"/>"
        )
        lines.append("  " + policy.element)
        lines.append("</thresholds>")
        return lines.joined(separator: "\n") + "\n"
    }

    /// A decimal without exponent, as xs:decimal requires (and thresholds files write).
    public static func decimal(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        var text = String(format6: value)
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }
}

extension String {
    /// A number with six decimals, without Foundation.
    init(format6 value: Double) {
        let negative = value < 0
        let scaled = Int64((abs(value) * 1_000_000).rounded())
        let fraction = String(scaled % 1_000_000)
        self =
            (negative ? "-" : "") + "\(scaled / 1_000_000)." + String(repeating: "0", count: 6 - fraction.count)
            + fraction
    }
}

extension RulePolicy {
    /// The policy as a thresholds file's `<policy>` element.
    var element: String {
        let attributes = Item.allCases.compactMap { item in
            self[item].map { "\(item.rawValue)=\"\(AlertSettings.decimal($0))\"" }
        }
        return "<policy " + attributes.joined(separator: " ") + "/>"
    }
}
