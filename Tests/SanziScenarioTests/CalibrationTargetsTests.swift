import SanziEvents
import Testing

@testable import SanziScenario

/// The targets file `sanzi calibrate` reads, and the editor that writes settings into a
/// scenario's text.
@Suite("Calibration targets and the scenario editor")
struct CalibrationTargetsTests {
    static func targets(_ body: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <calibration xmlns="urn:sanzi:scenario:1" schema-version="1">
        \(body)
        </calibration>
        """
    }

    static let valid = targets(
        """
          <parameter element="resource" attribute="rent-spread" min="0.1" max="0.5"/>
          <parameter element="supervision-committee" attribute="members" min="1" max="7" whole="true"/>
          <target name="Change" statistic="petition-change" before-from="2013-01-01" before-to="2013-06-30" from="2013-07-01" to="2013-12-31" value="-31.1" tolerance="5" agricultural="true"/>
          <target name="Village cadres" statistic="sanctioned" from="2013-01-01" to="2014-03-20" ranks="village township" district="d1" value="178" tolerance="35.6"/>
          <target name="Petitions" statistic="petitions" from="2013-01-01" to="2013-12-31" value="40" tolerance="4"/>
          <target name="Bribery" statistic="charge-share" charges="bribery embezzlement" from="2013-01-01" to="2013-12-31" value="20" tolerance="8"/>
          <target name="Groups" statistic="group-share" from="2013-01-01" to="2013-12-31" value="43" tolerance="12"/>
          <target name="Crimes" statistic="charge-share" charges="bribery" among="bribery misappropriation" from="2013-01-01" to="2013-12-31" value="20" tolerance="8"/>
        """)

    @Test func aTargetsFileReadsAsWritten() throws {
        let loaded = try ScenarioLoader.loadDocument(bytes: Array(Self.valid.utf8), path: "t.xml")
        guard case .calibration(let targets) = loaded.value else {
            Issue.record("not read as a targets file")
            return
        }
        #expect(targets.parameters.map(\.description) == ["resource/@rent-spread", "supervision-committee/@members"])
        #expect(
            targets.parameters.map(\.range) == [0.1...0.5, 1...7] && targets.parameters.map(\.whole) == [false, true])
        let date = { (text: String) in CalendarDate(iso: Substring(text)) }
        let (first, second, third) = (targets.targets[0], targets.targets[1], targets.targets[2])
        #expect(
            first.statistic
                == .petitionChange(
                    before: .init(from: date("2013-01-01")!, to: date("2013-06-30")!),
                    after: .init(from: date("2013-07-01")!, to: date("2013-12-31")!)))
        #expect(first.agricultural && first.value == -31.1 && first.tolerance == 5)
        #expect(
            second.statistic
                == .sanctioned(.init(from: date("2013-01-01")!, to: date("2014-03-20")!), ranks: [.village, .township]))
        #expect(second.districtID == "d1" && !third.agricultural)
        let year = CalibrationTargets.Period(from: date("2013-01-01")!, to: date("2013-12-31")!)
        #expect(
            targets.targets[3].statistic
                == .chargeShare(year, charges: [.bribery, .embezzlement], among: Set(LogRecord.Charge.allCases)))
        #expect(targets.targets[4].statistic == .groupShare(year))
        #expect(
            targets.targets[5].statistic
                == .chargeShare(year, charges: [.bribery], among: [.bribery, .misappropriation]))
    }

    @Test(arguments: [
        (#"<parameter element="a" attribute="b" min="2" max="1"/>"#, "max is below min"),
        (
            #"<target name="x" statistic="petition-change" from="2013-01-01" to="2013-02-01" value="1" tolerance="1"/>"#,
            "needs the period it is measured against"
        ),
        (
            #"<target name="x" statistic="petitions" from="2013-02-01" to="2013-01-01" value="1" tolerance="1"/>"#,
            "is before"
        ),
        (
            #"<target name="x" statistic="petitions" from="2013-01-01" to="2013-02-01" value="1" tolerance="0"/>"#,
            "tolerance"
        ),
    ])
    func aBadTargetsFileIsRefusedAtItsLine(body: String, message: String) {
        let filler =
            #"<target name="y" statistic="petitions" from="2013-01-01" to="2013-02-01" value="1" tolerance="1"/>"#
        let text =
            body.hasPrefix("<parameter")
            ? Self.targets(body + "\n" + filler)
            : Self.targets(#"<parameter element="a" attribute="b" min="0" max="1"/>"# + "\n" + body)
        let errors = Fixtures.errors(text, path: "t.xml")
        let line = body.hasPrefix("<parameter") ? 3 : 4
        #expect(errors.count == 1 && errors.first?.hasPrefix("t.xml:\(line):") == true, "\(errors)")
        #expect(errors.first?.contains(message) == true, "\(errors)")
    }

    /// The editor changes the named attribute and nothing else, adds an attribute the file
    /// leaves out, and refuses a parameter naming no element or several.
    @Test func theEditorChangesOnlyTheNamedAttributes() throws {
        let parameters = [
            CalibrationTargets.Parameter(
                element: "resource", attribute: "rent-spread", range: 0...1, whole: false,
                location: SourceLocation(file: "t.xml", line: 3, column: 1)),
            CalibrationTargets.Parameter(
                element: "village-profile", id: "small", attribute: "remoteness-weight", range: 0...1, whole: false,
                location: SourceLocation(file: "t.xml", line: 4, column: 1)),
        ]
        let bytes = Array(Fixtures.minimal.utf8)
        let editor = try ScenarioEditor(bytes: bytes, path: "test.xml", parameters: parameters)
        #expect(editor.values == [0.2, nil])
        let edited = String(decoding: editor.scenario(with: [0.35, 0.5]), as: UTF8.self)
        let expected = Fixtures.minimal
            .replacing(#"rent-spread="0.2""#, with: #"rent-spread="0.35""#)
            .replacing(#"<village-profile id="small">"#, with: #"<village-profile id="small" remoteness-weight="0.5">"#)
        #expect(edited == expected)
        var missing = parameters[0]
        missing.element = "asset"
        #expect(throws: ScenarioError.self) {
            try ScenarioEditor(bytes: bytes, path: "test.xml", parameters: [missing])
        }
        var several = parameters[0]
        several.element = "village"
        several.attribute = "remoteness"
        let two = Fixtures.minimal.replacing(
            #"<villages count="2" profile="small"/>"#, with: #"<village id="second" name="Second" profile="small"/>"#)
        do {
            _ = try ScenarioEditor(bytes: Array(two.utf8), path: "test.xml", parameters: [several])
            Issue.record("a parameter naming two elements was accepted")
        } catch {
            #expect(error.description.contains("t.xml:3:1: error: the scenario has 2 <village> elements"), "\(error)")
        }
        several.every = true
        let both = try ScenarioEditor(bytes: Array(two.utf8), path: "test.xml", parameters: [several])
        let edited2 = String(decoding: both.scenario(with: [0.4]), as: UTF8.self)
        #expect(edited2.components(separatedBy: #"remoteness="0.4""#).count == 3, "both villages set: \(edited2)")
    }
}
