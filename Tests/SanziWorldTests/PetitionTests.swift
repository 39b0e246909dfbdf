import Foundation
import SanziEvents
import SanziScenario
import SanziTruth
import Testing

@testable import SanziWorld

/// Petitions from grievances: villagers press a loss they know of, one level higher each time,
/// until an investigation proves its case or they give up.
@Suite("Petitions from grievances")
struct PetitionTests {
    typealias Fixtures = MisconductFixtures

    /// The petitions of each grievance, in order, with the case each is tagged to.
    static func grievances(_ run: Fixtures.Run) -> [Int64: [(event: LoggedEvent, caseID: Int?)]] {
        var caseOf: [UInt64: Int] = [:]
        for entry in run.truth.cases { for id in entry.events { caseOf[id] = entry.id } }
        var grievances: [Int64: [(LoggedEvent, Int?)]] = [:]
        for event in run.events where event.type == .petition && event.record.subject >= 0 {
            grievances[event.record.subject, default: []].append((event, caseOf[event.id]))
        }
        return grievances
    }

    static func level(_ event: LoggedEvent) -> LogRecord.Level? {
        LogRecord.Level(rawValue: UInt8(event.record.count2))
    }

    /// With nobody to answer them, households shorted of compensation petition the month they
    /// learn of it, then every two months one level higher (township, district, city, city)
    /// until they give up after four; every petition is tagged to its case, a real one of
    /// its village, and counts the petitions before it.
    @Test func unansweredGrievancesComeBackHigher() throws {
        let petitions = #"<petitions repeat-months="2" give-up-after="4"/>"#
        let run = try Fixtures.run(
            Fixtures.forcing(.divertedCompensation, oversight: petitions + Fixtures.noInvestigators))
        let grievances = Self.grievances(run)
        #expect(grievances.count >= 2, "every diverted compensation is a grievance")
        let end = run.events.last?.day ?? 0
        let start = run.world.scenario.start
        for (id, filed) in grievances {
            #expect(filed.count <= 4, "grievance \(id) petitioned \(filed.count) times")
            #expect(filed.map(\.event.record.other) == (0..<Int64(filed.count)).map { $0 })
            let levels: [LogRecord.Level] = [.township, .district, .city, .city]
            #expect(filed.map { Self.level($0.event) } == Array(levels.prefix(filed.count)))
            for (earlier, later) in zip(filed, filed.dropFirst()) {
                let (from, to) = (start.adding(days: Int(earlier.event.day)), start.adding(days: Int(later.event.day)))
                #expect(from.months(until: to) == 2, "grievance \(id): \(from) then \(to)")
            }
            if let first = filed.first, end - first.event.day > 8 * 31 { #expect(filed.count == 4) }
            let cases = Set(filed.map(\.caseID))
            #expect(cases.count == 1, "grievance \(id) is about one case")
            let entry = run.truth.cases.first { $0.id == cases.first ?? -1 }
            #expect(entry?.kind == .misconduct && entry?.typology == .divertedCompensation)
            #expect(filed.allSatisfy { $0.event.record.village == entry?.village })
            #expect(filed.allSatisfy { $0.event.record.petitionTopic == .unpaidMoney })
        }
    }

    /// Once an investigation proves a case, its grievance files no more petitions; some cases
    /// are proven while villagers still press them.
    @Test func aProvenCaseIsPetitionedNoMore() throws {
        let run = try Fixtures.run(Fixtures.forcing(.divertedCompensation, oversight: Fixtures.noDeterrence))
        var answered = 0
        for (id, filed) in Self.grievances(run) {
            guard let caseID = filed.first?.caseID, let entry = run.truth.cases.first(where: { $0.id == caseID }),
                entry.discoveredDay >= 0
            else { continue }
            #expect(filed.allSatisfy { $0.event.day <= entry.discoveredDay }, "grievance \(id) after its proof")
            if filed.count < 5 { answered += 1 }
        }
        #expect(answered > 0)
    }

    /// A loss hidden in the ledger is petitioned only once villagers can see it: never when
    /// no posting shows it and no word gets out; when word always gets out, every case with a
    /// loss is petitioned, naming the village's finances.
    @Test func hiddenLossesArePetitionedOnlyWhenSeen() throws {
        let blind = try Fixtures.run(
            Fixtures.forcing(
                .fakeDisbursement,
                oversight: #"<petitions notice-at-posting="0" notice-monthly="0"/>"# + Fixtures.noInvestigators))
        #expect(!blind.truth.misconduct.isEmpty)
        #expect(Self.grievances(blind).isEmpty)
        let seeing = try Fixtures.run(
            Fixtures.forcing(
                .fakeDisbursement, oversight: #"<petitions notice-monthly="1"/>"# + Fixtures.noInvestigators))
        let pressed = Set(Self.grievances(seeing).values.compactMap { $0.first?.caseID })
        let lossy = seeing.truth.misconduct.filter { $0.loss > 0 }
        let lastMonth = Int(seeing.events.last?.day ?? 0) - 31
        #expect(!lossy.isEmpty)
        #expect(lossy.filter { $0.startDay < lastMonth }.allSatisfy { pressed.contains($0.id) })
        #expect(
            Self.grievances(seeing).values.joined().allSatisfy { $0.event.record.petitionTopic == .finances })
    }

    /// Petitions about disputes in a town without misconduct whose villagers petition often
    /// (propensity 0.5: about one dispute a village a month), with `dispute-answers` set.
    static func disputes(answered share: Double) throws -> Fixtures.Run {
        let petitions = #"<petitions repeat-months="2" give-up-after="3" dispute-answers="\#(share)"/>"#
        let text = Fixtures.forcing(
            .divertedCompensation, enabled: false, oversight: petitions + Fixtures.noInvestigators)
        return try Fixtures.run(
            text.replacingOccurrences(of: #"petition-propensity="0.02""#, with: #"petition-propensity="0.5""#))
    }

    static func isOfficeAnswer(_ event: LoggedEvent) -> Bool {
        event.type == .petitionAnswered && event.record.code == LogRecord.AnsweredBy.office.rawValue
    }

    /// Offices that answer nothing: each dispute comes back every two months one level higher
    /// until villagers give up after three, and the town starts with disputes already pressed
    /// (its first month holds petitions that had earlier ones).
    @Test func unansweredDisputesComeBackHigher() throws {
        let run = try Self.disputes(answered: 0)
        let disputes = Self.grievances(run)
        #expect(disputes.count > 10)
        #expect(!run.events.contains(where: Self.isOfficeAnswer))
        for (id, filed) in disputes {
            #expect(filed.allSatisfy { $0.caseID == nil }, "dispute \(id) is about no case")
            let first = filed[0].event.record.other
            #expect(filed.map(\.event.record.other) == (first..<first + Int64(filed.count)).map { $0 })
            #expect(first + Int64(filed.count) <= 3, "dispute \(id) petitioned past giving up")
        }
        let firstMonth = run.events.filter { $0.type == .petition && $0.day < 31 }
        #expect(firstMonth.contains { $0.record.other > 0 }, "disputes in progress at the start")
    }

    /// Offices that answer everything: each dispute is answered where it is first filed, the
    /// answer logged (not posted on the echo wall), and nothing comes back.
    @Test func answeredDisputesStop() throws {
        let run = try Self.disputes(answered: 1)
        let petitions = run.events.filter { $0.type == .petition }
        let answers = run.events.filter(Self.isOfficeAnswer)
        #expect(petitions.count > 10)
        #expect(petitions.allSatisfy { $0.record.other == 0 && $0.record.subject >= 1 })
        #expect(answers.map(\.record.subject) == petitions.map(\.record.subject))
        #expect(answers.allSatisfy { $0.record.count == 1 && $0.record.count2 == 0 })
    }
}
