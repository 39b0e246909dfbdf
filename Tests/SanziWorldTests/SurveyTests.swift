import Foundation
import SanziEvaluation
import SanziEvents
import SanziScenario
import SanziTruth
import Testing

@testable import SanziWorld

/// Satisfaction surveys and the echo wall: respondents drawn from the villages answer from what
/// openness lets them see and from the grievances their village still holds.
@Suite("Surveys and the echo wall")
struct SurveyTests {
    typealias Fixtures = MisconductFixtures

    static func survey(_ run: Fixtures.Run) throws -> LogRecord {
        try #require(run.events.first { $0.type == .survey }).record
    }

    /// Everyone aware and approving when the vocabulary says so; the cadres' share as drawn.
    @Test func theSurveyCountsItsRespondents() throws {
        let run = try Fixtures.run(
            Fixtures.shortedHouseholds(
                """
                <surveys resident-awareness="1" cadre-awareness="1" approval="1" grieved-approval="1">
                  <survey name="S" date="2015-06-01" sample="2000" cadre-share="0.25"/>
                </surveys>
                """))
        let survey = try Self.survey(run)
        #expect(survey.subject == 1 && survey.party == -1 && survey.count == 2000)
        #expect(survey.other == 2000 && survey.amount == 2000)
        #expect((440...560).contains(survey.count2), "\(survey.count2) cadres of 2,000 at a quarter")
        let day = run.world.scenario.start.days(until: CalendarDate(iso: "2015-06-01")!)
        #expect(run.events.first { $0.type == .survey }?.day == Int32(day))
    }

    /// Residents who approve unless a grievance touches them: without investigators every
    /// shortfall of compensation stays unanswered and some residents disapprove; once a
    /// rectification task has answered every grievance before the survey, none does.
    @Test func unansweredGrievancesCostApproval() throws {
        let survey = """
            <surveys approval="1" grieved-approval="0">
              <survey name="S" date="2015-06-01" sample="1000" cadre-share="0"/>
            </surveys>
            """
        let pressed = try Self.survey(Fixtures.run(Fixtures.shortedHouseholds(survey)))
        #expect(pressed.count == 1000 && pressed.amount < 1000, "\(pressed.amount) approving")
        let cleared = """
            <rectification late-share="0">
              <inspection name="Tour" district="d" date="2015-05-30" target="2015-05-31">
                <task name="Backlog" owner="district" due-days-before-target="0"><clear-petitions/></task>
              </inspection>
            </rectification>
            """
        let run = try Fixtures.run(Fixtures.shortedHouseholds(cleared + survey))
        #expect(try Self.survey(run).amount == 1000)
        let answered = run.events.filter { $0.type == .petitionAnswered }
        #expect(
            !answered.isEmpty && answered.allSatisfy { $0.record.code == LogRecord.AnsweredBy.rectification.rawValue })
    }

    /// An answer by investigation follows the grievance's proof, names a grievance villagers
    /// petitioned, and (monthly postings: openness 1) is posted on the echo wall.
    @Test func provenCasesAnswerTheirGrievancesOnTheEchoWall() throws {
        let run = try Fixtures.run(Fixtures.forcing(.divertedCompensation, oversight: Fixtures.noDeterrence))
        let answered = run.events.filter { $0.type == .petitionAnswered }
        #expect(!answered.isEmpty)
        let petitioned = Set(run.events.filter { $0.type == .petition }.map(\.record.subject))
        for answer in answered {
            #expect(answer.record.code == LogRecord.AnsweredBy.investigation.rawValue)
            #expect(petitioned.contains(answer.record.subject) && answer.record.count2 == 1)
            #expect(
                !run.events.contains {
                    $0.type == .petition && $0.record.subject == answer.record.subject && $0.id > answer.id
                })
        }
    }

    /// Answers are counted by what answered them, and only posted ones as published.
    @Test func answersAreCountedByWhatAnsweredThem() {
        let log = OversightLog()
        for (id, by, posted) in [(1, LogRecord.AnsweredBy.investigation, 1), (2, .office, 0), (3, .office, 0)] {
            let record = LogRecord(
                .petitionAnswered, village: 0, code: by.rawValue, subject: Int64(id), count: 1, count2: Int32(posted))
            log.accept(LoggedEvent(id: UInt64(id), day: 0, record: record))
        }
        #expect(log.petitionsAnswered == 3 && log.answersPublished == 1)
        #expect(log.petitionsAnsweredBy == [1, 0, 2])
    }

    /// Wilson's 95% interval, checked against the formula computed by hand.
    @Test func sharesHaveWilsonIntervals() throws {
        let log = OversightLog()
        let record = LogRecord(.survey, village: -1, subject: 1, other: 50, amount: 0, count: 100, count2: 0)
        log.accept(LoggedEvent(id: 1, day: 0, record: record))
        let scenario = try WorldFixtures.scenario(
            text: Fixtures.shortedHouseholds(#"<surveys><survey name="S" date="2013-06-01" sample="100"/></surveys>"#))
        let result = try #require(SurveyResult.results(log, scenario: scenario).first)
        #expect(result.name == "S" && result.district == "all" && result.respondents == 100)
        #expect(result.aware.share == 0.5 && result.aware.low == 0.4038 && result.aware.high == 0.5962)
        #expect(result.approving.share == 0 && result.approving.low == 0 && result.approving.high == 0.037)
        #expect(
            SurveyResult.table([result])
                == "survey,name,date,district,respondents,cadres,aware,aware_share,aware_low,aware_high,approving,approving_share,approving_low,approving_high\n1,S,2013-06-01,all,100,0,50,0.5,0.4038,0.5962,0,0.0,0.0,0.037\n"
        )
    }
}
