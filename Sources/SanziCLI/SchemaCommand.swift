import ArgumentParser
import SanziScenario

struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the XSD of the scenario vocabulary.",
        discussion: """
            The schema is built into sanzi; nothing is fetched. Its namespace is \
            \(ScenarioSchema.namespace). Give it to an XML editor for completion, or to another \
            validator:

              sanzi schema > sanzi-scenario-1.xsd
              xmllint --noout --schema sanzi-scenario-1.xsd Scenarios/default.xml
            """
    )

    func run() {
        print(ScenarioSchema.text, terminator: ScenarioSchema.text.hasSuffix("\n") ? "" : "\n")
    }
}
