import Testing

@testable import SanziScenario

/// Every number a scenario writes has a bound and a reason: values that crashed or hung a run
/// are refused at their place.
@Suite("Bounds on the vocabulary's numbers")
struct BoundTests {
    @Test(arguments: [
        (#"horizon="P1Y""#, #"horizon="P""#, #"2:99: error: the horizon "P" names no period"#),
        (#"horizon="P1Y""#, #"horizon="P0D""#, #"2:99: error: the horizon "P0D" names no period"#),
        (#"horizon="P1Y""#, #"horizon="P101Y""#, "is 36889 days; Sanzi simulates at most a century (36525 days)"),
        (#"horizon="P1Y""#, #"horizon="P999Y9999M99999D""#, "is 769213 days; Sanzi simulates at most a century"),
        (#"start="2013-01-01""#, #"start="9999-06-01""#, "from 9999-06-01 ends in the year 10000; dates stop"),
        (
            #"committee-members="1""#, #"committee-members="1000000""#,
            "committee-members must lie within 0…50: a villagers' committee has three to seven members"
        ),
        (#"members="3""#, #"members="1000000""#, "members must lie within 0…50"),
        (#"clans="1-2""#, #"clans="0-0""#, "clans must lie within 1…1000: every villager belongs to one of"),
        (#"ties-per-person="2""#, #"ties-per-person="1000000""#, "ties-per-person must lie within 0.0…50.0"),
        (#"count="1" size"#, #"count="999999" size"#, "count must lie within 0…100000"),
        (#"term-years="5""#, #"term-years="0-5""#, "term-years must lie within 1…100: a lease lasts at least a year"),
        (
            "<geography>", #"<geography news-window-days="366">"#,
            #"news-window-days="366" on <geography> is above the largest value allowed, 365"#
        ),
        ("<geography>", #"<geography news-window-days="0">"#, #"news-window-days="0" on <geography> is not a valid"#),
        (
            #"rent-median-yuan="1850.50""#, #"rent-median-yuan="999999999999.99""#,
            #"error: a village of profile "small" could move up to"#
        ),
    ])
    func aValueOutOfBoundsIsAnErrorWithItsReason(original: String, changed: String, message: String) {
        let errors = Fixtures.errors(Fixtures.minimal(replacing: original, with: changed))
        #expect(errors.count == 1, "\(errors)")
        #expect(errors.first?.contains(message) == true, "\(errors)")
    }

    /// News crosses districts at once unless the geography sets a window.
    @Test func theNewsWindowIsReadFromTheGeography() throws {
        #expect(try Fixtures.load(Fixtures.minimal).value.geography.newsWindowDays == nil)
        let windowed = Fixtures.minimal(replacing: "<geography>", with: #"<geography news-window-days="30">"#)
        #expect(try Fixtures.load(windowed).value.geography.newsWindowDays == 30)
    }

    @Test func aHundredYearsEndingIn9999IsAccepted() {
        let text = Fixtures.minimal(
            replacing: #"start="2013-01-01" horizon="P1Y""#, with: #"start="9899-12-31" horizon="P100Y""#)
        #expect(Fixtures.errors(text).isEmpty)
    }

    @Test func theEstimateGrowsWithTheWorldAndTheHorizon() throws {
        let small = ResourceEstimate(try Fixtures.load(Fixtures.minimal).value)
        let longer = ResourceEstimate(
            try Fixtures.load(Fixtures.minimal(replacing: #"horizon="P1Y""#, with: #"horizon="P10Y""#)).value)
        let larger = ResourceEstimate(
            try Fixtures.load(Fixtures.minimal(replacing: #"count="2" profile"#, with: #"count="200" profile"#)).value)
        #expect(small.events > 0 && small.memoryBytes > 32 << 20)
        #expect(longer.events > 9 * small.events && longer.moneyFen > 9 * small.moneyFen)
        #expect(larger.events > 60 * small.events && larger.memoryBytes > small.memoryBytes)
        #expect(small.description.hasPrefix("about ") && small.description.hasSuffix(" MiB"))
    }

    /// The memory estimate against the peaks measured on 2026-12-03 (release build, the
    /// largest of `--jobs 1`, `--jobs 2` and, where measured, `--counterfactual`; Guangzhou's and
    /// bench-large's again once the event log went past the page cache after 8 MiB): above each,
    /// and within 1.5 times (it said 5.4 times bench-large's peak when it counted 40 bytes an
    /// event, and 6.7 times at 12,000 villages; docs/performance.md, "The memory estimate").
    @Test func theMemoryEstimateIsAboveMeasuredPeaksAndNotFarAbove() throws {
        let peaksMiB = [
            "default": 32, "county-districts": 30, "warning-switch": 31, "guangzhou-2012-2014": 49, "bench-large": 60,
        ]
        for (name, peak) in peaksMiB {
            let scenario = try ScenarioLoader.loadScenario(contentsOf: "\(Fixtures.root)/Scenarios/\(name).xml").value
            let estimate = Double(ResourceEstimate(scenario).memoryBytes) / Double(1 << 20)
            #expect(
                estimate >= Double(peak) && estimate <= 1.5 * Double(peak), "\(name): \(estimate) MiB, \(peak) measured"
            )
        }
    }

    /// Where offices answer disputes, they come back until answered: the estimate counts, for
    /// each village and month, one dispute petitioning give-up-after times with a lead each
    /// (three villages over 365 of 365.25 days, 5 petitions: 360 events more, to the rounding).
    @Test func disputesThatComeBackAreCounted() throws {
        let oversight =
            #"<oversight publicity="monthly" supervision-reviews="yearly" audit-every-years="3" election-every-years="3" petition-propensity="0.02">"#
        let plain = Fixtures.minimal(replacing: "</profiles>", with: "</profiles>" + oversight + "</oversight>")
        let answering = Fixtures.minimal(
            replacing: "</profiles>",
            with: "</profiles>" + oversight + #"<petitions dispute-answers="0.5"/></oversight>"#)
        let more =
            ResourceEstimate(try Fixtures.load(answering).value).events
            - ResourceEstimate(try Fixtures.load(plain).value).events
        #expect(abs(more - 360) <= 1, "\(more)")
    }
}
