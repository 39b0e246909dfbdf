import SanziScenario

/// The scenario `sanzi` runs with no arguments: Scenarios/default.xml, built into the binary.
enum DefaultScenario {
    /// The name the built-in copy goes by in messages.
    static let path = "<built-in default.xml>"

    static var bytes: [UInt8] { PackageResources.default_xml }
}
