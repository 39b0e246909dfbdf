import SanziAlerts
import SanziEvents
import SanziScenario
import SanziTruth
import SanziWorld

/// Small scenarios that force one typology (rate 1, every cadre corrupt) or one look-alike.
enum MisconductFixtures {
    /// Three villages over three years with cheap plots villagers pay in cash, ponds and
    /// factory space on the platform, compensation, loans, an election, and a ring of four.
    /// `alerts` is an `<alerts>` section: what adaptive offenders know is what it deploys;
    /// `oversight` goes inside `<oversight>` (discipline bodies, deterrence); `sections` after
    /// `<alerts>` (rectification, surveys).
    static func text(
        misconduct: String, adaptation: String = "none", enabled: Bool = true, alerts: String = "",
        oversight: String = "", sections: String = ""
    ) -> String {
        """
        <scenario xmlns="urn:sanzi:scenario:1" schema-version="1" name="Forced" seed="7" start="2013-01-01" horizon="P3Y">
          <geography>
            <district id="d" name="D"><town id="t" name="T">
              <villages count="3" profile="p" name-prefix="V"/>
            </town></district>
          </geography>
          <profiles>
            <village-profile id="p">
              <households min="300" max="600"/>
              <remoteness min="0" max="0.2"/>
              <people>
                <cadres committee-members="3"/>
                <supervision-committee members="3" independence="0.5"/>
                <kinship clans="2" ties-per-person="4" registered-share="0.5"/>
              </people>
              <resource kind="farmland" count="6" size="1-2" unit="mu" rent-median-yuan="1500" rent-spread="0.2" term-years="3"/>
              <resource kind="fish-pond" count="4" size="20-40" unit="mu" rent-median-yuan="1850" rent-spread="0.2" term-years="3-5"/>
              <asset kind="factory-building" count="2" size="1000-2000" unit="m2" rent-median-yuan="174" rent-spread="0.2" term-years="3" disposal-per-year="0.1"/>
              <funds>
                <account kind="basic" opening-yuan="2000000-3000000"/>
                <account kind="cash" opening-yuan="1000-2000"/>
                <income kind="subsidy" per-year-yuan="50000-100000"/>
                <spending kind="wages" per-year-yuan="100000-200000"/>
                <spending kind="works" per-year-yuan="400000-800000"/>
                <spending kind="hospitality" per-year-yuan="20000-40000" seasonality="0.5"/>
                <spending kind="welfare" per-year-yuan="20000-50000" seasonality="0.5"/>
                <compensation per-year="1" amount-yuan="500000-1000000" household-share="0.7"/>
              </funds>
              <local-bidders individuals="8-12" firms="3-5"/>
            </village-profile>
          </profiles>
          <bidders>
            <pool id="firms" scope="district" district="d" firms="12" capacity="3-6"/>
            <ring id="ring" pool="firms" members="4"/>
          </bidders>
          <platform listing-threshold-yuan="50000" announcement-days="10" deposit-ratio="0.02" min-bidders="2">
            <mode deal="lease" method="ascending-auction" increment-yuan="500"/>
            <mode deal="sale" method="ascending-auction" increment-yuan="1000"/>
            <mode deal="works" method="lowest-price-tender"/>
          </platform>
          <oversight publicity="monthly" supervision-reviews="quarterly" audit-every-years="1"
                     election-every-years="3" first-election="2014-06-01" petition-propensity="0.02">
            \(oversight)
          </oversight>
          <misconduct enabled="\(enabled)" corrupt-cadre-share="1" adaptation="\(adaptation)">
            \(misconduct)
          </misconduct>
          \(alerts)
          \(sections)
        </scenario>
        """
    }

    /// One typology at `rate` (1: at every chance), acted by any key cadre, with no concealment.
    static func forcing(
        _ typology: Typology, rate: Double = 1, adaptation: String = "none", enabled: Bool = true,
        alerts: String = "", oversight: String = "", sections: String = ""
    ) -> String {
        text(
            misconduct: """
                <typology id="\(typology.rawValue)" rate="\(rate)" perpetrators="director secretary accountant cashier" concealment="0"/>
                """, adaptation: adaptation, enabled: enabled, alerts: alerts, oversight: oversight,
            sections: sections)
    }

    /// Diverted compensation forced (households know of each case at once: grievances from the
    /// start), nobody to investigate, and `sections` (the fixture's district is `d`).
    static func shortedHouseholds(_ sections: String) -> String {
        forcing(.divertedCompensation, oversight: noInvestigators, sections: sections)
    }

    /// Oversight that proves nothing: no investigator anywhere, so no sanction or removal
    /// changes who acts (leads are still logged, and shelved).
    static let noInvestigators = """
        <discipline><body level="township" investigators="0"/><body level="district" investigators="0"/>
        <body level="city" investigators="0"/></discipline>
        """

    /// Oversight whose sanctions deter nobody (the penalty cadres fear is nothing).
    static let noDeterrence = #"<deterrence penalty-yuan="0"/>"#

    struct Run {
        var events: [LoggedEvent]
        var truth: GroundTruth
        var world: World
        var byID: [UInt64: LoggedEvent]

        func events(of entry: Case) -> [LoggedEvent] { entry.events.compactMap { byID[$0] } }
        func cases(_ typology: Typology, _ kind: Case.Kind = .misconduct) -> [Case] {
            truth.cases.filter { $0.typology == typology && $0.kind == kind }
        }
    }

    /// Runs a fixture; adaptive offenders know what its alert settings deploy, as in a real run.
    static func run(_ text: String) throws -> Run {
        let scenario = try WorldFixtures.scenario(text: text)
        let collector = EventCollector()
        let (summary, world) = WorldRun.run(
            scenario, seed: scenario.seed, knowledge: RuleCatalogue.offenderKnowledge(scenario.alerts), sink: collector)
        let events = collector.events
        return Run(
            events: events, truth: summary.truth, world: world,
            byID: Dictionary(uniqueKeysWithValues: events.map { ($0.id, $0) }))
    }
}
