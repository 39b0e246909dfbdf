/// The XSD of Sanzi's scenario vocabulary, as shipped in the binary.
public enum ScenarioSchema {
    /// The XML namespace of version 1 of the vocabulary.
    public static let namespace = "urn:sanzi:scenario:1"
    /// The vocabulary's version, as written in `schema-version`.
    public static let version = 1
    /// The XSD text (`sanzi schema` prints it).
    public static let text = String(decoding: PackageResources.sanzi_scenario_1_xsd, as: UTF8.self)
}
