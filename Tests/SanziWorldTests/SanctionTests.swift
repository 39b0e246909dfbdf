import Foundation
import SanziEngine
import SanziEvents
import SanziScenario
import SanziTruth
import Testing

@testable import SanziWorld

/// What follows a proven case: sanctions by the money involved, removal and replacement.
@Suite("Sanctions and their consequences")
struct SanctionTests {
    typealias Fixtures = MisconductFixtures

    /// A cadre removed after a proven case never starts another: he holds no office again,
    /// and each office he lost has a successor.
    @Test func aRemovedCadreStartsNoNewCase() throws {
        let run = try Fixtures.run(Fixtures.forcing(.fakeDisbursement, oversight: Fixtures.noDeterrence))
        let removals = run.events.filter { $0.type == .removal }
        #expect(!removals.isEmpty, "some cadre is removed")
        for removal in removals {
            let person = removal.record.subject
            let later = run.truth.misconduct.filter { $0.perpetrators.contains(person) && $0.startDay > removal.day }
            #expect(
                later.isEmpty, "person \(person) removed on day \(removal.day) started case \(later.first?.id ?? 0)")
            let successor = run.events.first {
                $0.type == .appointment && $0.record.other == person && $0.day == removal.day
                    && $0.record.code == removal.record.code
            }
            #expect(successor != nil, "no successor to person \(person)")
        }
        #expect(
            run.world.people.offices.allSatisfy { offices in
                !removals.contains {
                    Int64(offices.director) == $0.record.subject || Int64(offices.cashier) == $0.record.subject
                }
            })
    }

    /// The sanction follows the money a person's proven cases involve, and the offence's route
    /// to prosecution: occupational embezzlement from 60,000 yuan, embezzlement of
    /// compensation handled for the government from 30,000 yuan.
    @Test func sanctionsFollowTheMoneyInvolved() throws {
        let scenario = try WorldFixtures.scenario("default")
        var scheduler = Scheduler<World.Event>()
        var log = WorldLog(sink: EventCollector())
        let world = World(scenario: scenario, seed: 1, scheduler: &scheduler, log: &log)
        let kinds: [(Int64, Typology, LogRecord.SanctionKind)] = [
            (4_999_99, .fakeDisbursement, .warning), (5_000_00, .fakeDisbursement, .seriousWarning),
            (20_000_00, .fakeDisbursement, .removalFromPost), (50_000_00, .fakeDisbursement, .probation),
            (59_999_99, .fakeDisbursement, .probation), (60_000_00, .fakeDisbursement, .prosecution),
            (30_000_00, .divertedCompensation, .prosecution), (29_999_99, .divertedCompensation, .removalFromPost),
        ]
        for (amount, typology, kind) in kinds {
            #expect(world.sanctionKind(for: amount, charge: typology.charge) == kind, "\(amount) fen of \(typology)")
        }
        #expect(!LogRecord.SanctionKind.seriousWarning.removes && LogRecord.SanctionKind.removalFromPost.removes)
    }

    /// Sanctions seen fade as exp(−days / memory), and risk is 1 − exp(−sensitivity × seen).
    @Test func whatIsSeenFades() {
        var seen = Discipline.Seen()
        seen.add(2, on: 100, memory: 365)
        #expect(abs(seen.weight(on: 465, memory: 365) - 2 * exp(-1.0)) < 1e-12)
        seen.add(1, on: 465, memory: 365)
        #expect(abs(seen.weight(on: 465, memory: 365) - (2 * exp(-1.0) + 1)) < 1e-12)
        #expect(Discipline.Seen().weight(on: 1_000, memory: 365) == 0)
    }
}

/// Kickbacks (回扣): a favoured bidder pays the cadres back privately; the ledger never shows
/// it, and an investigation that proves the case finds it as often as its kind can.
@Suite("Kickbacks and bribery charges")
struct KickbackTests {
    typealias Fixtures = MisconductFixtures

    static func text(bribeProof: Double) -> String {
        Fixtures.text(
            misconduct: """
                <typology id="below-market-deal" rate="1" perpetrators="director secretary" concealment="0" kickback="0.3"/>
                """,
            oversight: """
                <discipline><task-force bribe-proof="\(bribeProof)"/><investigation bribe-proof="\(bribeProof)"/></discipline>
                <deterrence penalty-yuan="0"/>
                """)
    }

    /// Each case's private money is 30% of its loss, to the fen; none of it in the ledger.
    @Test func aKickbackIsAShareOfTheFavourPaidPrivately() throws {
        let run = try Fixtures.run(Self.text(bribeProof: 0))
        let cases = run.cases(.belowMarketDeal)
        #expect(cases.contains { $0.loss > 0 })
        for entry in cases {
            #expect(entry.privateMoney == Int64((Double(entry.loss) * 0.3).rounded()), "case \(entry.id)")
            #expect(entry.beneficiary >= 0)
        }
    }

    /// Found every time, most sanctions are for bribery (those of a case proven before it paid
    /// any kickback are not); never found, none is.
    @Test func foundKickbacksAreChargedAsBribery() throws {
        for proof in [1.0, 0.0] {
            let run = try Fixtures.run(Self.text(bribeProof: proof))
            let charges = run.events.filter { $0.type == .sanction }.compactMap {
                LogRecord.Charge(rawValue: UInt8($0.record.count2))
            }
            #expect(!charges.isEmpty)
            let proven = run.cases(.belowMarketDeal).filter { $0.discoveredDay >= 0 && $0.privateMoney > 0 }
            #expect(!proven.isEmpty)
            if proof == 1 {
                // A case proven before its first rent fell due had paid no kickback yet.
                let bribery = charges.filter { $0 == .bribery }.count
                #expect(bribery > charges.count / 2, "\(charges)")
            } else {
                #expect(!charges.contains(.bribery), "\(charges)")
            }
        }
    }
}

/// Collective cases: cadres who act together share the case; proving it uncovers the first of
/// them always and each other with the investigation's accomplice-proof.
@Suite("Collective cases")
struct CollectiveCaseTests {
    typealias Fixtures = MisconductFixtures

    static func text(accompliceProof: Double) -> String {
        Fixtures.forcing(
            .fakeDisbursement,
            oversight: """
                <discipline><task-force accomplice-proof="\(accompliceProof)"/><investigation accomplice-proof="\(accompliceProof)"/></discipline>
                <deterrence penalty-yuan="0"/>
                """)
    }

    /// Every key cadre is corrupt and may act: cases of three and four people. With accomplices
    /// always uncovered, some proven case has three or more of its members sanctioned on the day
    /// it was proven; never uncovered, no proven case has more than one (members removed
    /// earlier, or a case proven through a referral, may leave fewer).
    @Test func provingACaseUncoversItsGroup() throws {
        for proof in [1.0, 0.0] {
            let run = try Fixtures.run(Self.text(accompliceProof: proof))
            let cases = run.cases(.fakeDisbursement)
            #expect(cases.contains { $0.perpetrators.count >= 3 }, "a case of three or more")
            let proven = cases.filter { $0.discoveredDay >= 0 && $0.perpetrators.count >= 2 }
            #expect(!proven.isEmpty)
            let caught = proven.map { entry in
                Set(run.events.filter { $0.type == .sanction && $0.day == entry.discoveredDay }.map(\.record.subject))
                    .intersection(entry.perpetrators).count
            }
            if proof == 1 {
                #expect(caught.contains { $0 >= 3 }, "\(caught)")
            } else {
                #expect(caught.allSatisfy { $0 <= 1 } && caught.contains(1), "\(caught)")
            }
        }
    }

    /// Collusion brings the other holders of a typology's roles into an act: with none, every
    /// perpetrator is one of the corrupt cadres; with certainty, honest fellows join the corrupt
    /// ones (three in ten cadres corrupt here) and cases grow.
    @Test func collusionBringsFellowCadresIn() throws {
        var sizes: [Double] = []
        for collusion in [0.0, 1.0] {
            let text = Fixtures.text(
                misconduct: """
                    <typology id="fake-disbursement" rate="1" perpetrators="director secretary accountant cashier" concealment="0" collusion="\(collusion)"/>
                    """
            ).replacingOccurrences(of: #"corrupt-cadre-share="1""#, with: #"corrupt-cadre-share="0.3""#)
            let run = try Fixtures.run(text)
            let cases = run.cases(.fakeDisbursement)
            try #require(!cases.isEmpty)
            let honest = cases.flatMap(\.perpetrators).filter { !run.world.people.persons[Int($0)].corrupt }
            #expect(collusion == 0 ? honest.isEmpty : !honest.isEmpty, "collusion \(collusion)")
            sizes.append(Double(cases.map(\.perpetrators.count).reduce(0, +)) / Double(cases.count))
        }
        #expect(sizes[1] > sizes[0] + 1, "\(sizes)")
    }

    /// With no cadre corrupt at the start, cases come only from cadres who turn corrupt in
    /// office (`onset-per-year`): none without it, some with it, each by a cadre now corrupt.
    @Test func honestCadresTurnCorruptWithTheOnset() throws {
        var counts: [Int] = []
        for onset in [0.0, 0.5] {
            let text = Fixtures.forcing(.fakeDisbursement, oversight: Fixtures.noInvestigators)
                .replacingOccurrences(
                    of: #"corrupt-cadre-share="1""#, with: #"corrupt-cadre-share="0" onset-per-year="\#(onset)""#)
            let run = try Fixtures.run(text)
            let cases = run.cases(.fakeDisbursement)
            #expect(cases.allSatisfy { $0.perpetrators.allSatisfy { run.world.people.persons[Int($0)].corrupt } })
            counts.append(cases.count)
        }
        #expect(counts[0] == 0 && counts[1] > 0, "\(counts)")
    }
}
