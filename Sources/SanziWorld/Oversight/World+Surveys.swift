import Foundation
import SanziEngine
import SanziEvents
import SanziScenario

/// Satisfaction surveys (满意度测评): respondents drawn from the simulated villages answer from
/// what openness has let them see and from the grievances their village still holds.
extension World {
    /// Holds a survey of the world's own villages (its district's, or all): draws its
    /// respondents, asks each, and logs the counts.
    mutating func survey(_ index: Int, _ scheduler: inout Scheduler<Event>) {
        let survey = scenario.surveys.surveys[index]
        let district = survey.districtID.flatMap(scenario.geography.district)
        let area = villages.indices.filter { district == nil || villages[$0].district == district }.map(Int32.init)
        let day = Int32(scheduler.now)
        let answers = SurveyAnswers.ask(
            survey, rules: scenario.surveys, petitions: scenario.oversight.petitions,
            respondents: respondents(in: area), random: root.derived("survey", index)
        ) { village in (seenOfRectification(in: village, on: day), oversight.villages[Int(village)].grievances.count) }
        emit(answers.record(index: index, district: district), &scheduler)
    }

    /// Who a survey of `area` may ask: each village's households and cadres.
    func respondents(in area: [Int32]) -> [SurveyAnswers.Village] {
        area.map { village in
            let offices = people.offices[Int(village)]
            let cadres = (offices.keyCadres + offices.committee + offices.supervisors).filter { $0 >= 0 }.count
            return SurveyAnswers.Village(
                village: village, households: villages[Int(village)].households, cadres: cadres)
        }
    }

    /// What a village's people have seen of the rectification, fading: sanctions published in
    /// the district, answers on its echo wall, tasks done in the district, through its openness.
    func seenOfRectification(in village: Int32, on day: Int32) -> Double {
        let memory = Double(discipline.deterrence.memoryDays)
        let district = villages[Int(village)].district
        let seen =
            discipline.publishedInDistrict[district].weight(on: day, memory: memory)
            + oversight.villages[Int(village)].answers.weight(on: day, memory: memory)
            + oversight.tasksDone[district].weight(on: day, memory: memory)
        return openness(of: village) * seen
    }
}

/// A survey's counts: who was asked, who knew of the rectification, who approved of it.
struct SurveyAnswers: Sendable {
    /// A village respondents may come from.
    struct Village: Sendable, Codable {
        var village: Int32
        var households: Int
        var cadres: Int
    }

    var asked = 0
    var cadresAsked = 0
    var aware = 0
    var approving = 0

    /// Asks the survey's sample: each respondent a cadre with the survey's share (of a village
    /// in proportion to its cadres), else a household (in proportion to households); what each
    /// answers follows `state`, what the village has seen and its grievances unanswered.
    static func ask(
        _ survey: Survey, rules: SurveyRules, petitions: PetitionRules, respondents: [Village],
        random: RandomStream, state: (Int32) -> (seen: Double, unanswered: Int)
    ) -> SurveyAnswers {
        var random = random
        let cadres = respondents.flatMap { repeatElement($0.village, count: $0.cadres) }
        var households: [Int] = []
        for village in respondents { households.append((households.last ?? 0) + village.households) }
        var answers = SurveyAnswers()
        for _ in 0..<survey.sample {
            guard let total = households.last, total > 0 else { break }
            let isCadre = !cadres.isEmpty && random.bernoulli(survey.cadreShare)
            let village: Int32
            if isCadre {
                village = cadres[random.integer(in: 0...(cadres.count - 1))]
            } else {
                let draw = random.integer(in: 0...(total - 1))
                var (low, high) = (0, households.count - 1)
                while low < high {
                    let middle = (low + high) / 2
                    if draw < households[middle] { high = middle } else { low = middle + 1 }
                }
                village = respondents[low].village
            }
            let (seen, unanswered) = state(village)
            let base = isCadre ? rules.cadreAwareness : rules.residentAwareness
            if random.bernoulli(1 - (1 - base) * exp(-rules.sensitivity * seen)) { answers.aware += 1 }
            let grieved = !isCadre && random.bernoulli(1 - pow(1 - petitions.aggrievedShare, Double(unanswered)))
            let approves =
                grieved
                ? random.bernoulli(rules.grievedApproval)
                : random.bernoulli(1 - (1 - rules.approval) * exp(-rules.sensitivity * seen))
            if approves { answers.approving += 1 }
            answers.asked += 1
            if isCadre { answers.cadresAsked += 1 }
        }
        return answers
    }

    /// The survey's record: survey `index` of `district` (nil: the whole city).
    func record(index: Int, district: Int?) -> LogRecord {
        LogRecord(
            .survey, village: -1, subject: Int64(index + 1), other: Int64(aware), party: Int64(district ?? -1),
            amount: Int64(approving), count: Int32(asked), count2: Int32(cadresAsked))
    }
}
