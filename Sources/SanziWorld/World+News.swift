import SanziEngine

/// News windows (`Geography.newsWindowDays`): what one district does reaches the others only at
/// the start of each window of that many days. Within a window a district sees the shared
/// pool's firms with the contracts they held when it began and its own since, the city's
/// published sanctions as they stood then, and no bar of a shared firm or lead for the city
/// commission decided in it, and the city commission opens no investigation; at the window's
/// end all of it settles. The window is the lookahead of a run split by district: for these,
/// nothing another district does inside a window changes what a district reads in it
/// (docs/districts.md, which lists what still crosses).
extension World {
    /// Starts the windows once the world is built (the shared firms' loads are followed from
    /// the start of the building, `WorldGenerator`); without `news-window-days`, news crosses
    /// districts at once and nothing is scheduled.
    mutating func beginNewsWindows(_ scheduler: inout Scheduler<Event>) {
        guard let days = scenario.geography.newsWindowDays else { return }
        discipline.cityNews = Discipline.CityNews(published: discipline.publishedInCity)
        // A shard's windows are the split run's (`SplitRun`), and the city commission's
        // investigators are the exchange's to give.
        if isShard {
            discipline.bodies[Int(discipline.cityBody)].free = 0
        } else {
            scheduleNewsWindow(after: days, &scheduler)
        }
    }

    /// A window begins: the last window's bars of shared firms take effect (they leave their
    /// rings), every district sees the shared firms and the city's published sanctions as they
    /// stand, and the city commission takes up the leads that waited, in the order they came,
    /// and gives its free investigators the leads its triage picks.
    mutating func newsWindowBegins(_ scheduler: inout Scheduler<Event>) {
        guard let days = scenario.geography.newsWindowDays else { return }
        for firm in platform.settleNews() { misconduct.dropFromRings(firm) }
        let waiting = discipline.cityNews?.leads ?? []
        discipline.cityNews = Discipline.CityNews(published: discipline.publishedInCity)
        for slot in waiting { admit(slot, &scheduler) }
        assignInvestigators(at: discipline.cityBody, &scheduler)
        scheduleNewsWindow(after: days, &scheduler)
    }

    /// The next window's start, `days` from now, if the run lasts until then.
    private func scheduleNewsWindow(after days: Int, _ scheduler: inout Scheduler<Event>) {
        let next = scheduler.now + Tick(days)
        guard next < Tick(scenario.horizon.dayCount(from: scenario.start)) else { return }
        scheduler.schedule(.newsWindow, at: next, priority: .early)
    }
}
