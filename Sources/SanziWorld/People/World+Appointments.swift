import SanziEngine
import SanziEvents
import SanziScenario

/// Officials above the villages, and the removals and appointments that follow a sanction.
extension World {
    /// Creates each town's township officials, each district's district-managed cadres and the
    /// city's city-managed cadres; a share of them corrupt (drawn from a stream of their own).
    mutating func appointOfficials() {
        let rules = scenario.oversight.discipline.officials
        var random = root.derived("officials")
        func official(_ rank: LogRecord.Rank, area: Int, district: Int) -> Int32 {
            let person = people.add(
                Person(village: -1, role: .official, clan: -1, corrupt: random.bernoulli(rules.corruptShare)))
            people.officials[person] = Official(rank: rank, area: area, district: district)
            return person
        }
        // A shard draws its towns' and district's officials, and the city's, where the whole
        // world's one stream has them: the others' draws are skipped.
        func skip(_ officials: Int) { for _ in 0..<max(0, officials) { _ = random.uniform() } }
        let (firstTown, district) = (Int(place.offsets.town), Int(place.offsets.district))
        skip(firstTown * rules.perTown)
        people.townOfficials = villagesOfTown.enumerated().map { town, members in
            let district = members.first.map { villages[Int($0)].district } ?? -1
            return (0..<rules.perTown).map { _ in official(.township, area: town, district: district) }
        }
        skip((place.towns - firstTown - villagesOfTown.count) * rules.perTown + district * rules.perDistrict)
        people.districtOfficials = policies.indices.map { district in
            (0..<rules.perDistrict).map { _ in official(.district, area: district, district: district) }
        }
        skip((place.districts - district - policies.count) * rules.perDistrict)
        people.cityOfficials = (0..<rules.city).map { _ in official(.city, area: -1, district: -1) }
    }

    /// The corrupt official who protects a new case of a village, if any: with the scenario's
    /// chance, one of the corrupt officials of its town (most likely), district or city.
    mutating func protector(forCase index: Int32, in village: Int32) -> Int32 {
        let chance = scenario.oversight.discipline.officials.protection
        guard chance > 0 else { return -1 }
        let place = villages[Int(village)]
        func corrupt(_ persons: [Int32]) -> [Int32] { persons.filter { people.persons[Int($0)].corrupt } }
        let levels = [
            (corrupt(people.townOfficials[place.town]), 0.75), (corrupt(people.districtOfficials[place.district]), 0.2),
            (corrupt(people.cityOfficials), 0.05),
        ].filter { !$0.0.isEmpty }
        guard !levels.isEmpty else { return -1 }
        var random = root.derived("protection", Int(index))
        guard random.bernoulli(chance), let level = random.categorical(weights: levels.map(\.1)) else { return -1 }
        let candidates = levels[level].0
        return candidates[random.integer(in: 0...(candidates.count - 1))]
    }

    /// Removes a sanctioned cadre from every office he holds in his village and appoints a
    /// replacement to each (corrupt with the scenario's replacement share).
    mutating func removeFromOffices(
        _ person: Int32, in village: Int32, investigation: Int64, _ scheduler: inout Scheduler<Event>
    ) {
        let v = Int(village)
        var offices = people.offices[v]
        var random = root.derived("appointment", Int(person))
        let share = scenario.oversight.discipline.replacementCorruptShare ?? misconduct.corruptShare
        func replaced(_ holder: Int32, _ role: Person.Role, _ logged: LogRecord.Role) -> Int32 {
            guard holder == person else { return holder }
            emit(
                LogRecord(
                    .removal, village: village, code: logged.rawValue, subject: Int64(person), other: investigation),
                &scheduler)
            let successor = people.add(
                Person(
                    village: village, role: role, clan: people.persons[Int(person)].clan,
                    corrupt: random.bernoulli(share)))
            emit(
                LogRecord(
                    .appointment, village: village, code: logged.rawValue, subject: Int64(successor),
                    other: Int64(person)), &scheduler)
            return successor
        }
        offices.secretary = replaced(offices.secretary, .secretary, .secretary)
        offices.director =
            offices.director == person && person == people.offices[v].secretary
            ? offices.secretary : replaced(offices.director, .director, .director)
        offices.accountant = replaced(offices.accountant, .accountant, .accountant)
        offices.cashier = replaced(offices.cashier, .cashier, .cashier)
        offices.committee = offices.committee.map { replaced($0, .committeeMember, .committeeMember) }
        offices.supervisors = offices.supervisors.map { replaced($0, .supervisor, .supervisor) }
        people.offices[v] = offices
        noteCorruptRoles(village)
    }

    /// Removes a sanctioned official and appoints another to his post.
    mutating func replaceOfficial(_ person: Int32, investigation: Int64, _ scheduler: inout Scheduler<Event>) {
        guard people.officials[person] != nil else { return }
        emit(
            LogRecord(
                .removal, village: -1, code: LogRecord.Role.official.rawValue, subject: Int64(person),
                other: investigation), &scheduler)
        let successor = appointSuccessor(to: person)
        emit(
            LogRecord(
                .appointment, village: -1, code: LogRecord.Role.official.rawValue, subject: Int64(successor),
                other: Int64(person)), &scheduler)
    }

    /// Appoints a new official to the post of `person`, who leaves it; returns him. In a shard, a
    /// post of the city is drawn from the post's own stream, so that every shard appoints the
    /// same official when it learns of the change (`windowBegins(_:_:)`).
    @discardableResult
    mutating func appointSuccessor(to person: Int32) -> Int32 {
        guard let post = people.officials[person] else { return person }
        var random = root.derived("appointment", Int(person))
        if isShard, post.rank == .city, let index = people.cityOfficials.firstIndex(of: person) {
            if people.cityPostHolders.isEmpty {
                people.cityPostHolders = Array(repeating: 0, count: people.cityOfficials.count)
            }
            random = root.derived("city post", index).derived("holder", people.cityPostHolders[index])
            people.cityPostsChanged.append(CityPostChange(post: index, holder: people.cityPostHolders[index]))
            people.cityPostHolders[index] += 1
        }
        let share = scenario.oversight.discipline.officials.corruptShare
        let successor = people.add(Person(village: -1, role: .official, clan: -1, corrupt: random.bernoulli(share)))
        people.officials[person] = nil
        people.officials[successor] = post
        func swap(_ list: inout [Int32]) { list = list.map { $0 == person ? successor : $0 } }
        switch post.rank {
        case .township: swap(&people.townOfficials[post.area])
        case .district: swap(&people.districtOfficials[post.area])
        case .city, .village: swap(&people.cityOfficials)
        }
        return successor
    }
}
