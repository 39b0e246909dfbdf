import SanziEvents
import SanziScenario
import Testing

@testable import SanziAlerts

@Suite("Relations rules")
struct RelationRuleTests {
    typealias B = EventBuilder

    /// Village 0: person 1 is the director; 1–2 and 2–3 are declared relatives; bidder 10 is
    /// owned by person 2 (one tie away), bidder 11 by person 3 (two), bidder 12 by person 4
    /// (none), bidder 13 by the director himself.
    func declarations() -> B {
        var b = B()
        b.add(0, LogRecord(.office, village: 0, code: 1, subject: 1))
        b.add(0, LogRecord(.relation, village: 0, subject: 1, party: 2))
        b.add(0, LogRecord(.relation, village: 0, subject: 2, party: 3))
        for (bidder, owner) in [(Int64(10), Int64(2)), (11, 3), (12, 4), (13, 1)] {
            b.add(1, LogRecord(.registration, village: 0, subject: 1, other: owner, party: bidder))
        }
        return b
    }

    @Test func r01FlagsAwardsToOfficeHoldersAndTheirRelatives() {
        var b = declarations()
        for (listing, winner) in [(Int64(1), Int64(10)), (2, 11), (3, 12), (4, 13)] {
            b.add(5, B.award(listing, winner: winner, price: 1, reserve: 1))
        }
        b.add(5, B.award(5, winner: 11, price: 1, reserve: 1, village: 1))  // another village's award
        let raised = alerts(RelatedPartyAward.self, b.events)
        #expect(raised.map(\.subject.description) == ["listing:1", "listing:2", "listing:4"])
        #expect(raised.map(\.severity) == [.orange, .orange, .red])
        #expect(raised.map(\.score) == [1, 2, 0])
        #expect(
            alerts(RelatedPartyAward.self, b.events, ["degrees": 1]).map(\.subject.description) == [
                "listing:1", "listing:4",
            ])
    }

    @Test func officeChangesAfterAnElection() {
        var b = declarations()
        b.add(10, LogRecord(.office, village: 0, code: 1, subject: 9))  // a new director
        b.add(11, B.award(1, winner: 13, price: 1, reserve: 1))
        #expect(alerts(RelatedPartyAward.self, b.events).isEmpty)
    }

    /// A single office holds one person at a time (a new secretary replaces the old), a
    /// committee member holds office beside the others.
    @Test func aSingleOfficeHoldsOnePersonAndACommitteeMany() {
        var b = B()
        b.add(0, LogRecord(.office, village: 0, code: LogRecord.Role.secretary.rawValue, subject: 5))
        b.add(0, LogRecord(.office, village: 0, code: LogRecord.Role.committeeMember.rawValue, subject: 6))
        b.add(0, LogRecord(.office, village: 0, code: LogRecord.Role.committeeMember.rawValue, subject: 8))
        b.add(2, LogRecord(.office, village: 0, code: LogRecord.Role.secretary.rawValue, subject: 7))
        for (bidder, owner) in [(Int64(20), Int64(5)), (21, 6), (22, 7), (23, 8)] {
            b.add(3, LogRecord(.registration, village: 0, subject: 1, other: owner, party: bidder))
        }
        for (listing, winner) in [(Int64(1), Int64(20)), (2, 21), (3, 22), (4, 23)] {
            b.add(5, B.award(listing, winner: winner, price: 1, reserve: 1))
        }
        let raised = alerts(RelatedPartyAward.self, b.events)
        #expect(raised.map(\.subject.description) == ["listing:2", "listing:3", "listing:4"])
        #expect(raised.map(\.score) == [0, 0, 0])
    }

    /// In the engine R01 and R02 read the one set of declarations it keeps, and raise what each
    /// raises on its own; an engine without them keeps none.
    @Test func theEngineKeepsDeclarationsOnceForR01AndR02() throws {
        var b = declarations()
        b.add(5, B.award(1, winner: 10, price: 1, reserve: 1))
        b.add(5, LogRecord(.disbursement, village: 0, code: 1, party: 13, amount: 100))
        func settings(_ enabled: Set<String>) -> AlertSettings {
            AlertSettings(
                warningSystem: true,
                rules: RuleCatalogue.documentation.map {
                    AlertSettings.Rule(id: $0.id, enabled: enabled.contains($0.id))
                },
                escalation: .init(yellowToOrange: .max, orangeToRed: .max, windowDays: 1))
        }
        var both = try AlertEngine(settings: settings(["R01", "R02"]))
        let raised = b.events.flatMap { both.observe($0) }
        #expect(raised.map(\.rule) == ["R01", "R02"])
        #expect(raised.map(\.subject.description) == ["listing:1", "bidder:13"])
        #expect(raised.map(\.severity) == [.orange, .red])
        var neither = try AlertEngine(settings: settings(["C01"]))
        for event in b.events { _ = neither.observe(event) }
        #expect(neither.declarations.kept.isEmpty && neither.declarations.owners[10] == nil)
        #expect(both.declarations.owners[10] == 2)
        // Once the log has ended the engine lets its rules and declarations go: the same
        // events raise nothing, and it keeps nothing of them.
        both.forget()
        #expect(b.events.flatMap { both.observe($0) }.isEmpty)
        #expect(both.ruleIDs.isEmpty && both.declarations.owners[10] == nil)
    }

    @Test func r02FlagsPaymentsToRelatedBidders() {
        var b = declarations()
        b.add(5, LogRecord(.disbursement, village: 0, code: 1, party: 10, amount: 100))
        b.add(5, LogRecord(.disbursement, village: 0, code: 1, party: 12, amount: 100))
        b.add(5, LogRecord(.disbursement, village: 0, code: 0, party: -1, amount: 100))
        #expect(alerts(RelatedPartyPayment.self, b.events).map(\.subject.description) == ["bidder:10"])
    }
    /// Each person's declared relatives come back in the order declared, whatever the order of
    /// other people's declarations between them; against a dictionary of arrays (what the
    /// rules kept before), over 3,000 random ties among ids small, large and beyond the dense
    /// table, a person tied to themself, and people with no ties.
    @Test func declaredTiesKeepEachPersonsOrder() {
        var ties = DeclaredTies()
        var reference: [Int64: [Int64]] = [:]
        var state: UInt64 = 7
        func pick(_ people: [Int64]) -> Int64 {  // a linear congruential generator's high bits
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return people[Int((state >> 33) % UInt64(people.count))]
        }
        let people: [Int64] = Array(0..<200) + [5_000_000, 9_000_000_000, -3]
        for _ in 0..<3_000 {
            let a = pick(people)
            let b = pick(people)
            ties.add(a, b)
            reference[a, default: []].append(b)
            reference[b, default: []].append(a)
        }
        ties.add(42, 42)
        reference[42, default: []] += [42, 42]
        for person in people + [1_000, 7_000_000] {
            #expect(Array(ties.of(person)) == (reference[person] ?? []), "person \(person)")
            #expect(ties.of(person).isEmpty == (reference[person] == nil))
        }
    }
}
