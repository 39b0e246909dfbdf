import ArgumentParser
import SanziAlerts
import SanziScenario

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List the alert rule catalogue, or print one rule's documentation.",
        discussion: """
            Without an id: one line per rule — id, group, name, severity mapping, parameters \
            with their defaults. With an id: what the rule detects and why, how it grades \
            severity, its public source, and each parameter's default and valid range.

            Parameters are set in a scenario's <alerts> section or a thresholds file:
              <rule id="V01"><param name="delta" value="0.15"/></rule>

            Examples:
              sanzi rules
              sanzi rules V03
            """
    )

    @Argument(help: ArgumentHelp("A rule id, e.g. P01.", valueName: "id"))
    var id: String?

    func run() throws {
        guard let id else {
            for rule in RuleCatalogue.documentation + RuleCatalogue.escalations {
                let parameters = rule.parameters.map { "\($0.name)=\(format($0.defaultValue))" }.joined(separator: " ")
                print("\(rule.id)  \(rule.group.rawValue.padding(26))  \(rule.name.padding(42))  \(rule.severity)")
                if !parameters.isEmpty { print("     \(parameters)") }
            }
            return
        }
        let all = RuleCatalogue.documentation + RuleCatalogue.escalations
        guard let rule = all.first(where: { $0.id == id.uppercased() }) else {
            let hint = Spelling.closest(to: id.uppercased(), among: all.map(\.id)).map {
                " (hint: did you mean \($0)?)"
            }
            Terminal.printToStandardError("error: unknown rule \(id)\(hint ?? ""); `sanzi rules` lists them")
            throw ExitStatus.usage
        }
        print(rule.text)
    }

    private func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}

extension String {
    /// The string padded with spaces to a width (not cut).
    func padding(_ width: Int) -> String { self + String(repeating: " ", count: max(0, width - count)) }
}
