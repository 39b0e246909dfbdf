import SanziScenario

/// Small scenario texts for tests, and helpers to load them.
enum Fixtures {
    /// The repository's root folder.
    static let root: String = {
        var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)
        return parts.joined(separator: "/")
    }()

    /// A small valid scenario: one district, one town, one named and two generated villages.
    /// Line numbers matter to the tests: keep the layout.
    static let minimal = """
        <?xml version="1.0" encoding="UTF-8"?>
        <scenario xmlns="urn:sanzi:scenario:1" schema-version="1" name="Test" seed="7" start="2013-01-01" horizon="P1Y">
          <geography>
            <district id="d1" name="District One">
              <town id="t1" name="Town One">
                <village id="pond-village" name="Pond Village" profile="small"/>
                <villages count="2" profile="small"/>
              </town>
            </district>
          </geography>
          <profiles>
            <village-profile id="small">
              <households min="10" max="20"/>
              <people>
                <cadres committee-members="1"/>
                <supervision-committee members="3" independence="0.5"/>
                <kinship clans="1-2" ties-per-person="2" registered-share="0.5"/>
              </people>
              <resource kind="fish-pond" count="1" size="10" unit="mu" rent-median-yuan="1850.50" rent-spread="0.2" term-years="5"/>
              <funds>
                <account kind="basic" opening-yuan="100000"/>
              </funds>
            </village-profile>
          </profiles>
        </scenario>

        """

    static func load(_ text: String, path: String = "test.xml") throws(ScenarioError) -> Loaded<Scenario> {
        try ScenarioLoader.loadScenario(bytes: Array(text.utf8), path: path)
    }

    /// The errors a text produces, as printed.
    static func errors(_ text: String, path: String = "test.xml") -> [String] {
        do {
            _ = try ScenarioLoader.loadDocument(bytes: Array(text.utf8), path: path)
            return []
        } catch {
            guard case .invalid(_, let diagnostics) = error else { return [error.description] }
            return diagnostics.map(\.description)
        }
    }

    /// `minimal` with one replacement applied (which must match).
    static func minimal(replacing target: String, with replacement: String) -> String {
        precondition(minimal.contains(target), "fixture does not contain \(target)")
        return minimal.replacing(target, with: replacement)
    }
}
