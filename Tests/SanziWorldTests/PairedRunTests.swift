import SanziEvents
import SanziScenario
import SanziTruth
import Testing

@testable import SanziWorld

/// Misconduct draws from streams of its own: the same seed with misconduct off gives the
/// honest world unchanged wherever misconduct did not touch it.
@Suite("Paired runs")
struct PairedRunTests {
    /// What an event says, without the ids that count listings, contracts and loans across
    /// the whole run (a case that adds a contract shifts every later contract's number).
    struct Signature: Hashable {
        var day: Int32
        var type: EventType
        var village: Int32
        var code: UInt8
        var party: Int64
        var amount: Int64
        var amount2: Int64
        var count: Int32
        var count2: Int32

        init(_ event: LoggedEvent) {
            let r = event.record
            (day, type, village, code, party) = (event.day, r.type, r.village, r.code, r.party)
            (amount, amount2, count, count2) = (r.amount, r.amount2, r.count, r.count2)
        }
    }

    /// Leads and investigations: a town's investigators are shared, so when a check starts in
    /// an honest village depends on the cases of its neighbours.
    static let oversightWork: Set<EventType> = [.lead, .leadDropped, .investigationOpened, .investigationClosed]

    /// The events of a run but the oversight bodies' work.
    static func world(_ run: MisconductFixtures.Run) -> [LoggedEvent] {
        run.events.filter { !oversightWork.contains($0.type) }
    }

    /// The share of the events no case touched in `run` that the honest run has too.
    static func untouchedShareFound(_ run: MisconductFixtures.Run, in honest: MisconductFixtures.Run) -> Double {
        let touched = Set(run.truth.misconduct.flatMap(\.events))
        var remaining: [Signature: Int] = [:]
        for event in world(honest) { remaining[Signature(event), default: 0] += 1 }
        var untouched = 0
        var found = 0
        for event in world(run) where !touched.contains(event.id) {
            untouched += 1
            let signature = Signature(event)
            if let count = remaining[signature], count > 0 {
                remaining[signature] = count - 1
                found += 1
            }
        }
        return Double(found) / Double(max(untouched, 1))
    }

    /// Villages where no case acted have exactly the honest village's events, in order (but
    /// for the timing of the oversight bodies' checks); across the whole run almost every
    /// untouched event is the honest one. (The rest are knock-on effects inside villages with
    /// cases: a lease that started earlier ends earlier, a villager busy with a crony's
    /// contract bids elsewhere less, a removed cadre's successor.)
    @Test func theHonestWorldIsUnchangedWhereNoCaseActed() throws {
        // Without investigators nothing is proven, so no sanction, blacklisting or removal
        // carries a case's effects into its neighbours (the closed loop's knock-on effects);
        // with fewer corrupt cadres, no case keeps a district firm busy that a village
        // without a case would have chosen.
        let text = try String(contentsOfFile: "\(WorldFixtures.root)/Scenarios/default.xml", encoding: .utf8)
            .replacing(#"corrupt-cadre-share="0.3""#, with: #"corrupt-cadre-share="0.15""#)
            .replacing(/investigators="\d+"/, with: #"investigators="0""#)
        let run = try MisconductFixtures.run(text)
        let honest = try MisconductFixtures.run(
            text.replacing(#"<misconduct enabled="true""#, with: #"<misconduct enabled="false""#))
        #expect(honest.truth.misconduct.isEmpty)
        #expect(!run.truth.misconduct.isEmpty)
        let withCases = Set(run.truth.misconduct.map(\.village))
        let villages = Set(run.events.map(\.record.village)).subtracting(withCases)
        #expect(villages.count >= 5)
        for village in villages {
            let mine = Self.world(run).filter { $0.record.village == village }.map(Signature.init)
            let theirs = Self.world(honest).filter { $0.record.village == village }.map(Signature.init)
            #expect(mine == theirs, "village \(village) has no case and must be the honest one")
        }
        let share = Self.untouchedShareFound(run, in: honest)
        #expect(share > 0.97, "\(share) of the untouched events are the honest ones")
    }
}
