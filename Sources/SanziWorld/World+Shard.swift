import SanziEngine
import SanziEvents
import SanziScenario

/// A shard's part in the exchange at each news window's start (`SplitRun`): what its district
/// did in the last window that the others learn now, and what it learns of theirs. It is the
/// whole world's `newsWindowBegins`, cut in two around what the districts tell one another.
extension World {
    /// What a shard tells the others at a news window's start.
    struct ShardNews: Sendable, Codable {
        /// Each shared firm's contracts in hand in this district, by position in the shared pool.
        var loads: [Int32]
        /// The shared firms this district barred in the last window, by position.
        var bars: [Int32]
        /// Sanctions its investigations published city-wide.
        var published: [Publication]
        /// The city commission's investigators freed here since the last window.
        var freed: Int
        /// The leads waiting for the city commission here, in order of arrival.
        var waiting: [CityLead]
        /// The city's posts whose official was removed here.
        var cityPosts: [CityPostChange]
    }

    /// Sanctions a district's investigations published city-wide: the day, and their count.
    struct Publication: Sendable, Codable {
        var day: Int32
        var count: Double
    }

    /// A city post whose official was removed: the post, and the number of the holder removed.
    struct CityPostChange: Sendable, Codable {
        var post: Int
        var holder: Int
    }

    /// A lead the city commission opens in a district: its position in the district's waiting
    /// leads, and the leads still waiting in the whole city after it.
    struct CityOpening: Sendable, Codable {
        var position: Int
        var queued: Int
    }

    /// A lead waiting for the city commission, as its triage sees it.
    struct CityLead: Sendable, Codable {
        var key: TriageKey
        var arrival: Int32
    }

    /// What the exchange hands each shard.
    struct WindowNews: Sendable, Codable {
        /// The shared firms barred anywhere in the last window, by position in the shared pool.
        var bars: [Int32]
        /// Each shared firm's contracts in hand in every district.
        var loads: [Int32]
        /// The city's published sanctions.
        var published: Discipline.Seen
        /// The leads the city commission opens here now.
        var opened: [CityOpening]
        /// The city's posts whose official was removed in any district, in district order.
        var cityPosts: [CityPostChange]
    }

    /// A window begins: the city commission takes up the leads that waited here and shelves
    /// the stale ones (both logged here), and the shard says what the others must learn.
    mutating func windowNews(_ scheduler: inout Scheduler<Event>) -> ShardNews {
        let waiting = discipline.cityNews?.leads ?? []
        discipline.cityNews?.leads = []
        for slot in waiting { admit(slot, &scheduler) }
        let city = discipline.cityBody
        dropStaleLeads(at: city, &scheduler)
        let freed = discipline.bodies[Int(city)].free
        discipline.bodies[Int(city)].free = 0
        let published = discipline.publishedSinceWindow
        discipline.publishedSinceWindow = []
        let cityPosts = people.cityPostsChanged
        people.cityPostsChanged = []
        return ShardNews(
            loads: platform.sharedPool.map { platform.bidders[Int($0)].active },
            bars: platform.barsWaiting.compactMap { firm in platform.sharedPool.firstIndex(of: firm).map(Int32.init) },
            published: published, freed: freed,
            waiting: discipline.bodies[Int(city)].queue.map {
                CityLead(key: discipline.leads[$0].triageKey, arrival: discipline.leads[$0].arrival)
            }, cityPosts: cityPosts)
    }

    /// Whether `news` fits this world: the firms it bars are of the shared pool, the leads it
    /// opens wait here, once each, and the city's posts it changes are posts here (what the
    /// run sends always does; a district kept elsewhere checks what it is sent).
    func fits(_ news: WindowNews) -> Bool {
        let waiting = discipline.bodies[Int(discipline.cityBody)].queue.count
        let positions = news.opened.map(\.position)
        return news.bars.allSatisfy { (0..<Int32(platform.sharedPool.count)).contains($0) }
            && positions.allSatisfy { (0..<waiting).contains($0) } && Set(positions).count == positions.count
            && news.cityPosts.allSatisfy { people.cityOfficials.indices.contains($0.post) }
    }

    /// A window begins: the bars and loads of every district's shared firms and the city's
    /// published sanctions as they stand now, and the city commission's investigators on the
    /// leads it chose here.
    mutating func windowBegins(_ news: WindowNews, _ scheduler: inout Scheduler<Event>) {
        for firm in platform.settleNews(bars: news.bars, loads: news.loads) { misconduct.dropFromRings(firm) }
        discipline.publishedInCity = news.published
        discipline.cityNews = Discipline.CityNews(published: news.published)
        // The officials other districts removed from the city's posts leave them here too, and
        // their successors (the same, drawn from each post's stream) take them.
        for change in news.cityPosts
        where people.cityPostHolders.indices.contains(change.post)
            ? people.cityPostHolders[change.post] == change.holder : change.holder == 0
        {
            appointSuccessor(to: people.cityOfficials[change.post])
        }
        people.cityPostsChanged = []
        let city = discipline.cityBody
        let slots = news.opened.map { discipline.bodies[Int(city)].queue[$0.position] }
        for (slot, opening) in zip(slots, news.opened) {
            discipline.bodies[Int(city)].queue.removeAll { $0 == slot }
            discipline.bodies[Int(city)].open.append(slot)
            open(lead: slot, at: city, queued: opening.queued, &scheduler)
        }
    }
}
