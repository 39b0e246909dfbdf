import ArgumentParser
import SanziEvents

struct EventsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "events",
        abstract: "Print the documentation of the event log (events.jsonl) as Markdown.",
        discussion: """
            Every event type and its fields, in the order `sanzi run` writes them. The same \
            text is in docs/events.md.

            Example:
              sanzi events > events.md
            """
    )

    func run() {
        print(EventDocumentation.markdown, terminator: "")
    }
}
