import Foundation
import SanziEngine
import SanziEvents
import SanziScenario

/// Satisfaction surveys (满意度测评): respondents drawn from the simulated villages answer from
/// what openness has let them see and from the grievances their village still holds.
extension World {
    /// Holds a survey: draws its respondents, asks each, and logs the counts.
    mutating func survey(_ index: Int, _ scheduler: inout Scheduler<Event>) {
        let rules = scenario.surveys
        let survey = rules.surveys[index]
        let district = survey.districtID.flatMap(scenario.geography.district)
        let area = villages.indices.filter { district == nil || villages[$0].district == district }
        let cadres = area.flatMap { village in
            let offices = people.offices[village]
            return (offices.keyCadres + offices.committee + offices.supervisors).filter { $0 >= 0 }.map { _ in village }
        }
        var households: [Int] = []
        for village in area { households.append((households.last ?? 0) + villages[village].households) }
        var random = root.derived("survey", index)
        var (asked, cadresAsked, aware, approving) = (0, 0, 0, 0)
        for _ in 0..<survey.sample {
            guard let total = households.last, total > 0 else { break }
            let isCadre = !cadres.isEmpty && random.bernoulli(survey.cadreShare)
            let village: Int
            if isCadre {
                village = cadres[random.integer(in: 0...(cadres.count - 1))]
            } else {
                let draw = random.integer(in: 0...(total - 1))
                var (low, high) = (0, households.count - 1)
                while low < high {
                    let middle = (low + high) / 2
                    if draw < households[middle] { high = middle } else { low = middle + 1 }
                }
                village = area[low]
            }
            let seen = rules.sensitivity * seenOfRectification(in: Int32(village), on: Int32(scheduler.now))
            let base = isCadre ? rules.cadreAwareness : rules.residentAwareness
            if random.bernoulli(1 - (1 - base) * exp(-seen)) { aware += 1 }
            let unanswered = oversight.villages[village].grievances.count
            let touched = scenario.oversight.petitions.aggrievedShare
            let grieved = !isCadre && random.bernoulli(1 - pow(1 - touched, Double(unanswered)))
            let approves =
                grieved
                ? random.bernoulli(rules.grievedApproval) : random.bernoulli(1 - (1 - rules.approval) * exp(-seen))
            if approves { approving += 1 }
            asked += 1
            if isCadre { cadresAsked += 1 }
        }
        emit(
            LogRecord(
                .survey, village: -1, subject: Int64(index + 1), other: Int64(aware), party: Int64(district ?? -1),
                amount: Int64(approving), count: Int32(asked), count2: Int32(cadresAsked)), &scheduler)
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
