import Testing

@testable import SanziScenario

/// Each kind of mistake a user makes, with the exact location and message it must produce.
@Suite("Invalid scenarios: every problem at once, with FILE:LINE:COL")
struct InvalidScenarioTests {
    @Test func malformedXmlPointsAtTheBadTag() {
        let text = Fixtures.minimal(replacing: "</geography>", with: "</geograph>")
        #expect(
            Fixtures.errors(text) == [
                "test.xml:10:14: error: Opening and ending tag mismatch: geography line 3 and geograph"
            ])
    }

    @Test func schemaViolationPointsAtTheAttribute() {
        let text = Fixtures.minimal(replacing: "rent-spread=\"0.2\"", with: "rent-spread=\"1.2\"")
        #expect(
            Fixtures.errors(text) == [
                "test.xml:19:91: error: rent-spread=\"1.2\" on <resource> is above the largest value allowed, 1"
            ])
    }

    /// A misspelt required attribute is one problem, with the attribute meant; an unknown one
    /// far from any lists what the element takes, and a missing one is named.
    @Test func aMisspeltAttributeIsOneErrorWithTheAttributeMeant() {
        let text = Fixtures.minimal(replacing: "<households min=\"10\"", with: "<households mni=\"10\"")
        #expect(
            Fixtures.errors(text) == [
                "test.xml:13:19: error: <households> has no attribute mni (hint: did you mean min?)"
            ])
        let unknown = Fixtures.minimal(replacing: "<households min=\"10\"", with: "<households min=\"10\" size=\"3\"")
        #expect(
            Fixtures.errors(unknown) == [
                "test.xml:13:28: error: <households> has no attribute size (hint: <households> takes: max, min)"
            ])
        let missing = Fixtures.minimal(replacing: "<households min=\"10\"", with: "<households")
        #expect(Fixtures.errors(missing) == ["test.xml:13:7: error: <households> lacks its required attribute min"])
    }

    /// A value outside an enumeration lists every allowed value (none cut) and the nearest.
    @Test func aWrongChoiceListsEveryAllowedValue() {
        let text = Fixtures.minimal(
            replacing: "</profiles>",
            with:
                #"</profiles><misconduct enabled="true" corrupt-cadre-share="0.3"><typology id="bid-rigin" rate="0.1" perpetrators="director"/></misconduct>"#
        )
        let errors = Fixtures.errors(text)
        #expect(errors.count == 1)
        let message = errors.first ?? ""
        #expect(message.contains("id=\"bid-rigin\" on <typology> is not one of: below-market-deal, "))
        #expect(message.contains(", vote-buying, election-bribery, bribed-award (hint: did you mean bid-rigging?)"))
        #expect(!message.contains("…"))
    }

    /// An element out of place names what is expected there, and the element meant.
    @Test func anElementOutOfPlaceNamesWhatIsExpected() {
        let text = Fixtures.minimal(replacing: "</profiles>", with: "</profiles><platfrom/>")
        let errors = Fixtures.errors(text)
        #expect(errors.count == 1)
        #expect(errors.first?.contains("error: <platfrom> is not allowed here; expected <bidders>, <platform>") == true)
        #expect(errors.first?.hasSuffix("(hint: did you mean <platform>?)") == true)
    }

    /// Unknown attributes and values outside a list come in one round with the checks past
    /// the schema; other schema problems stop before them (the checks rely on the schema).
    @Test func schemaAndSemanticProblemsComeTogether() {
        let text = Fixtures.minimal(replacing: "<households min=\"10\"", with: "<households mx=\"30\" min=\"10\"")
            .replacing("name=\"Pond Village\" profile=\"small\"", with: "name=\"Pond Village\" profile=\"smal\"")
            .replacing("kind=\"fish-pond\"", with: "kind=\"fishpond\"")
        #expect(
            Fixtures.errors(text) == [
                "test.xml:6:56: error: unknown profile \"smal\" (hint: did you mean \"small\"?)",
                "test.xml:13:19: error: <households> has no attribute mx (hint: did you mean max?)",
                "test.xml:19:17: error: kind=\"fishpond\" on <resource> is not one of: farmland, construction-land, fish-pond, forest, orchard, tidal-flat (hint: did you mean fish-pond?)",
            ])
        let missing = Fixtures.minimal(replacing: "<households min=\"10\"", with: "<households mni=\"10\"")
            .replacing("name=\"Pond Village\" profile=\"small\"", with: "name=\"Pond Village\" profile=\"smal\"")
        #expect(
            Fixtures.errors(missing) == [
                "test.xml:13:19: error: <households> has no attribute mni (hint: did you mean min?)"
            ])
    }

    @Test func danglingProfileGetsAHint() {
        let text = Fixtures.minimal(
            replacing: "name=\"Pond Village\" profile=\"small\"", with: "name=\"Pond Village\" profile=\"smal\"")
        #expect(
            Fixtures.errors(text) == ["test.xml:6:56: error: unknown profile \"smal\" (hint: did you mean \"small\"?)"])
    }

    @Test func duplicateIdsNameTheFirstDefinition() {
        let text = Fixtures.minimal(
            replacing: "<villages count=\"2\" profile=\"small\"/>",
            with: "<village id=\"pond-village\" name=\"Again\" profile=\"small\"/>")
        #expect(
            Fixtures.errors(text) == [
                "test.xml:7:18: error: duplicate village id \"pond-village\" (hint: first defined at test.xml:6:18)"
            ])
    }

    @Test func rangesWithMinimumAboveMaximumAreRejected() {
        let text = Fixtures.minimal(
            replacing: "<households min=\"10\" max=\"20\"/>", with: "<households min=\"30\" max=\"20\"/>"
        )
        .replacing("clans=\"1-2\"", with: "clans=\"5-2\"")
        #expect(
            Fixtures.errors(text) == [
                "test.xml:13:19: error: min is above max",
                "test.xml:17:18: error: range \"5-2\" has its minimum above its maximum (hint: write min-max)",
            ])
    }

    @Test func everyProblemIsReportedInFileOrder() {
        let text = Fixtures.minimal(replacing: "profile=\"small\"/>\n", with: "profile=\"nope\"/>\n")
            .replacing("count=\"1\" size=\"10\"", with: "count=\"1\" size=\"0\"")
            .replacing("<account kind=\"basic\"", with: "<account kind=\"cash\"")
        let errors = Fixtures.errors(text)
        #expect(errors.count == 4)
        #expect(errors.map { $0.split(separator: ":")[1] } == ["6", "7", "19", "20"])
        #expect(errors[3].contains("a village needs a basic account"))
    }

    @Test func poolsRingsAndTiersAreCrossChecked() {
        let sections = """
              <bidders>
                <pool id="p1" scope="district" district="d2" firms="3" capacity="1-2"/>
                <pool id="p2" scope="shared" firms="3" capacity="1-2"/>
                <ring id="r1" pool="p2" members="5"/>
                <ring id="r2" pool="p3" members="2"/>
              </bidders>
              <finance cash-cap-yuan="5000" banking-days="3">
                <approval-tier up-to-yuan="10000" approver="finance-head"/>
                <approval-tier up-to-yuan="1000" approver="two-committees"/>
              </finance>
            </scenario>
            """
        let text = Fixtures.minimal(replacing: "</scenario>\n", with: sections)
        let errors = Fixtures.errors(text)
        #expect(
            errors == [
                "test.xml:26:36: error: unknown district \"d2\" (hint: did you mean \"d1\"?)",
                "test.xml:28:29: error: the ring has 5 members but pool \"p2\" has only 3 firms",
                "test.xml:29:19: error: unknown pool \"p3\" (hint: did you mean \"p1\"?)",
                "test.xml:33:20: error: approval tiers must rise: 1000.00 yuan is not above 10000.00 yuan",
                "test.xml:33:20: error: the last approval tier must cover every larger amount; leave its up-to-yuan out",
            ])
    }

    @Test func emptyHorizonIsRejected() {
        let text = Fixtures.minimal(replacing: "horizon=\"P1Y\"", with: "horizon=\"P0Y\"")
        #expect(
            Fixtures.errors(text).first?.hasPrefix("test.xml:2:99: error: the horizon \"P0Y\" names no period") == true)
    }

    @Test func impossibleDateIsRejected() {
        let text = Fixtures.minimal(replacing: "start=\"2013-01-01\"", with: "start=\"2013-02-30\"")
        #expect(
            Fixtures.errors(text).first?.contains("start=\"2013-02-30\" on <scenario> is not a valid date") == true)
    }

    @Test func wrongRootNamespaceShowsTheFix() {
        let text = Fixtures.minimal.replacing("xmlns=\"urn:sanzi:scenario:1\"", with: "")
        let errors = Fixtures.errors(text)
        #expect(errors.count == 1)
        #expect(
            errors[0].hasPrefix(
                "test.xml:2:1: error: the root element must be <scenario>, <thresholds> or <calibration> in namespace \"urn:sanzi:scenario:1\""
            ))
    }

    @Test func thresholdsWithDuplicateRuleOrParameterAreRejected() {
        let text = """
            <thresholds xmlns="urn:sanzi:scenario:1" schema-version="1">
              <rule id="P01"><param name="a" value="1"/><param name="a" value="2"/></rule>
              <rule id="P01"/>
            </thresholds>
            """
        #expect(
            Fixtures.errors(text) == [
                "test.xml:2:52: error: parameter a of rule P01 is given twice",
                "test.xml:3:9: error: rule P01 is configured twice (hint: merge the two <rule id=\"P01\"> elements)",
            ])
    }

    @Test func interventionOutsideTheHorizonIsAWarning() throws {
        let text = Fixtures.minimal(
            replacing: "</scenario>\n",
            with: """
                  <interventions>
                    <intervention date="2020-01-01" name="Late"><set-cash-cap yuan="1000"/></intervention>
                  </interventions>
                </scenario>

                """)
        let warnings = try Fixtures.load(text).warnings.map(\.description)
        #expect(
            warnings == [
                "test.xml:26:19: warning: this intervention's date, 2020-01-01, falls outside the simulated period 2013-01-01 to 2014-01-01, so it never takes effect"
            ])
    }

    /// A change that sets what is already in force where and when it applies is told; one that
    /// changes a district, or undoes an earlier change, is not.
    @Test func anInterventionThatChangesNothingIsAWarning() throws {
        let text = Fixtures.minimal(
            replacing: "</scenario>\n",
            with: """
                  <interventions>
                    <intervention date="2013-02-01" name="Same cap"><set-cash-cap yuan="5000"/></intervention>
                    <intervention date="2013-03-01" name="Lower" district="d1"><set-cash-cap yuan="3000"/></intervention>
                    <intervention date="2013-04-01" name="Back"><set-cash-cap yuan="5000"/></intervention>
                    <intervention date="2013-05-01" name="On"><warning-system enabled="true"/></intervention>
                    <intervention date="2013-06-01" name="Scale"><scale-misconduct factor="2"/></intervention>
                  </interventions>
                </scenario>

                """)
        let warnings = try Fixtures.load(text).warnings.map(\.description)
        #expect(
            warnings == [
                "test.xml:26:5: warning: \"Same cap\": a cash cap of 5000.00 yuan changes nothing where and when it applies",
                "test.xml:29:5: warning: \"On\": switching the warning system on changes nothing where and when it applies",
                "test.xml:30:5: warning: \"Scale\": scaling every typology's rate by 2.0 (misconduct that does not act, or a factor of 1) changes nothing where and when it applies",
            ])
    }

    @Test func aProfileNoVillageUsesIsAWarning() throws {
        let minimal = Fixtures.minimal
        guard let start = minimal.range(of: "    <village-profile id=\"small\">"),
            let end = minimal.range(of: "</village-profile>\n", range: start.upperBound..<minimal.endIndex)
        else { return #expect(Bool(false), "the fixture's profile moved") }
        let spare = minimal[start.lowerBound..<end.upperBound].replacing("id=\"small\"", with: "id=\"spare\"")
        let text = Fixtures.minimal(replacing: "  </profiles>", with: spare + "  </profiles>")
        let warnings = try Fixtures.load(text).warnings.map(\.description)
        #expect(
            warnings == [
                "test.xml:24:5: warning: no village uses profile \"spare\", so none of its settings is simulated"
            ])
    }
}
