import Foundation
import SanziEvents
import SanziScenario
import SanziTruth
import Testing

@testable import SanziWorld

/// Rectification after an inspection: the ledger's tasks open at the feedback, fall due on days
/// counted back from the target, are done on time or late, and change the district when done.
@Suite("Rectification ledger")
struct RectificationTests {
    typealias Fixtures = MisconductFixtures

    static let ledger = """
        <rectification late-share="0" follow-up-days="10">
          <inspection name="Tour" district="d" date="2013-03-01" target="2013-12-31">
            <task name="Monthly postings" owner="township" due-days-before-target="245"><set-publicity frequency="quarterly"/></task>
            <task name="Investigators seconded" owner="city" due-days-before-target="0"><second-investigators count="2"/></task>
          </inspection>
        </rectification>
        """

    /// On time: every task opens at the feedback and is done by its due day (2013-04-30 and
    /// 2013-12-31); the policy change is logged as an intervention of the task in every village.
    @Test func tasksOpenAndAreDoneByTheirDueDay() throws {
        let run = try Fixtures.run(Fixtures.shortedHouseholds(Self.ledger))
        let start = run.world.scenario.start
        let inspection = try #require(run.events.first { $0.type == .inspection })
        #expect(start.adding(days: Int(inspection.day)).description == "2013-03-01")
        #expect(
            inspection.record.count == 2
                && start.adding(days: Int(inspection.record.count2)).description == "2013-12-31")
        let opened = run.events.filter { $0.type == .taskOpened }
        #expect(opened.map(\.record.subject) == [1, 2] && opened.allSatisfy { $0.day == inspection.day })
        #expect(opened.map { start.adding(days: Int($0.record.count)).description } == ["2013-04-30", "2013-12-31"])
        #expect(opened.map(\.record.level) == [.township, .city])
        let done = run.events.filter { $0.type == .taskDone }
        #expect(done.count == 2 && done.allSatisfy { $0.record.count == 0 })
        for (open, finished) in zip(opened, done.sorted { $0.record.subject < $1.record.subject }) {
            #expect(finished.day >= open.day && finished.day <= open.record.count)
        }
        #expect(run.events.filter { $0.type == .taskOverdue }.isEmpty)
        let first = try #require(done.first { $0.record.subject == 1 })
        let changes = run.events.filter { $0.type == .intervention }
        #expect(changes.count == 3, "one per village")
        #expect(
            changes.allSatisfy {
                $0.day == first.day && $0.record.other == 1 && $0.record.count == -1
                    && $0.record.interventionKind == .publicity
            })
        #expect(run.world.policies[0].publicity == .quarterly)
    }

    /// Late: every task falls overdue the day after its due day and is done within the
    /// follow-up; seconded investigators start investigating where there were none.
    @Test func lateTasksAreFollowedUp() throws {
        let late = Self.ledger.replacingOccurrences(of: #"late-share="0""#, with: #"late-share="1""#)
        let run = try Fixtures.run(Fixtures.shortedHouseholds(late))
        let opened = run.events.filter { $0.type == .taskOpened }
        let overdue = run.events.filter { $0.type == .taskOverdue }
        let done = run.events.filter { $0.type == .taskDone }
        #expect(overdue.count == 2 && done.count == 2)
        for task in opened {
            let due = task.record.count
            #expect(overdue.contains { $0.record.subject == task.record.subject && $0.day == due + 1 })
            let finished = try #require(done.first { $0.record.subject == task.record.subject })
            #expect(finished.day == due + 10 && finished.record.count == 10)
        }
        let seconded = try #require(done.first { $0.record.subject == 2 })
        #expect(!run.events.contains { $0.type == .investigationOpened && $0.day < seconded.day })
        #expect(run.events.contains { $0.type == .investigationOpened && $0.day >= seconded.day })
    }

    /// A cleared backlog answers every grievance: no grievance opened before it petitions after.
    @Test func aClearedBacklogAnswersGrievances() throws {
        let clear = """
            <rectification late-share="0">
              <inspection name="Tour" district="d" date="2014-01-01" target="2014-01-02">
                <task name="Backlog cleared" owner="district" due-days-before-target="1"><clear-petitions/></task>
              </inspection>
            </rectification>
            """
        let run = try Fixtures.run(Fixtures.shortedHouseholds(clear))
        let cleared = try #require(run.events.first { $0.type == .taskDone })
        let before = Set(
            run.events.filter { $0.type == .petition && $0.day < cleared.day && $0.record.subject >= 0 }
                .map(\.record.subject))
        #expect(!before.isEmpty)
        #expect(
            !run.events.contains { $0.type == .petition && $0.day > cleared.day && before.contains($0.record.subject) })
    }

    /// Disputes are one-off until a task has the district's offices answer them: then every
    /// dispute petitioned is answered where it is filed.
    @Test func aTaskHasOfficesAnswerDisputes() throws {
        let answer = """
            <rectification late-share="0">
              <inspection name="Tour" district="d" date="2013-06-01" target="2013-06-02">
                <task name="Hot issues" owner="district" due-days-before-target="1"><set-dispute-answers share="1"/></task>
              </inspection>
            </rectification>
            """
        let run = try Fixtures.run(Fixtures.forcing(.divertedCompensation, enabled: false, sections: answer))
        let done = try #require(run.events.first { $0.type == .taskDone })
        let petitions = run.events.filter { $0.type == .petition }
        let answers = run.events.filter { $0.type == .petitionAnswered }
        #expect(petitions.contains { $0.day < done.day } && petitions.contains { $0.day > done.day })
        #expect(petitions.filter { $0.day < done.day }.allSatisfy { $0.record.subject == -1 })
        #expect(answers.allSatisfy { $0.day >= done.day })
        #expect(answers.map(\.record.subject) == petitions.filter { $0.day > done.day }.map(\.record.subject))
    }

    /// Dates that cannot work are refused with their place.
    @Test func impossibleDatesAreRefused() throws {
        let backwards = Self.ledger.replacingOccurrences(of: #"target="2013-12-31""#, with: #"target="2013-02-01""#)
        #expect(throws: (any Error).self) { try WorldFixtures.scenario(text: Fixtures.shortedHouseholds(backwards)) }
        let early = Self.ledger.replacingOccurrences(
            of: #"due-days-before-target="245""#, with: #"due-days-before-target="400""#)
        do {
            _ = try WorldFixtures.scenario(text: Fixtures.shortedHouseholds(early))
            Issue.record("a task due before the feedback was accepted")
        } catch {
            #expect("\(error)".contains("before the feedback on 2013-03-01"), "\(error)")
        }
    }
}
