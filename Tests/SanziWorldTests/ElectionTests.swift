import Foundation
import SanziEvents
import SanziScenario
import SanziTruth
import Testing

@testable import SanziWorld

/// Director elections: published votes, and votes bought with private money that change who wins.
@Suite("Elections and election bribery")
struct ElectionTests {
    typealias Fixtures = MisconductFixtures

    /// Forty villages over fifteen years: five elections each.
    static func text(_ typology: Typology = .electionBribery, enabled: Bool = true) -> String {
        Fixtures.forcing(typology, enabled: enabled, oversight: Fixtures.noInvestigators + Fixtures.noDeterrence)
            .replacingOccurrences(of: #"<villages count="3""#, with: #"<villages count="40""#)
            .replacingOccurrences(of: #"horizon="P3Y""#, with: #"horizon="P15Y""#)
    }

    /// The ballots of each election, by village and day: the holder's and the challenger's.
    static func elections(_ run: Fixtures.Run) -> [[LoggedEvent]] {
        Dictionary(grouping: run.events.filter { $0.type == .ballot }) { "\($0.record.village)/\($0.day)" }
            .values.map { $0.sorted { $0.id < $1.id } }
    }

    /// Every election publishes two ballots whose votes add up to the voters, one elected
    /// with at least half of them.
    @Test func electionsPublishTheirVotes() throws {
        let run = try Fixtures.run(Self.text(enabled: false))
        let elections = Self.elections(run)
        #expect(elections.count == 200)
        for ballots in elections {
            #expect(ballots.map { $0.record.code } == [0, 1], "holder, then challenger")
            #expect(ballots.reduce(0) { $0 + Int($1.record.count) } == Int(ballots[0].record.count2))
            let elected = ballots.filter { $0.record.other == 1 }
            #expect(elected.count == 1 && 2 * Int(elected[0].record.count) >= Int(elected[0].record.count2))
        }
    }

    /// Holders who buy votes win more often than holders who do not, from the same base chance
    /// (seven in ten): every corrupt holder buys here, and nobody when misconduct is off.
    @Test func boughtCandidatesWinMoreOften() throws {
        func holderWins(_ run: Fixtures.Run) -> Double {
            let elections = Self.elections(run)
            return Double(elections.filter { $0[0].record.other == 1 }.count) / Double(elections.count)
        }
        let honest = try Fixtures.run(Self.text(enabled: false))
        let bought = try Fixtures.run(Self.text())
        #expect((0.6...0.8).contains(holderWins(honest)), "\(holderWins(honest))")
        #expect(holderWins(bought) > holderWins(honest) + 0.1, "\(holderWins(bought)) against \(holderWins(honest))")
    }

    /// Each purchase is a case of its buyer that cost the collective nothing and moved private
    /// money; its fingerprint is the buyer's ballot; a buyer who won holds office bought.
    @Test func electionBriberyLeavesItsFingerprint() throws {
        let run = try Fixtures.run(Self.text())
        let cases = run.cases(.electionBribery)
        #expect(cases.count > 100)
        for entry in cases {
            #expect(entry.loss == 0 && entry.expected == 0 && entry.privateMoney > 0)
            #expect(entry.perpetrators.count == 1)
            let ballots = run.events(of: entry).filter { $0.type == .ballot }
            #expect(ballots.count == 1 && ballots.first?.record.subject == entry.perpetrators.first)
            if let ballot = ballots.first, ballot.record.other == 1 {
                #expect(run.world.people.persons[Int(ballot.record.subject)].boughtOffice)
            }
        }
        let ledger = run.events.filter { $0.type == .disbursement || $0.type == .receipt }
        let touched = Set(cases.flatMap(\.events))
        #expect(!ledger.contains { touched.contains($0.id) }, "votes are bought with private money")
    }
}
