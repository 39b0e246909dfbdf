import Dispatch
import SanziEngine
import SanziEvents
import SanziScenario
import SanziTruth

/// Runs a scenario with news windows (`<geography news-window-days>`) as one world per
/// district, on as many threads as it is given: the run's canonical form for such scenarios,
/// the same bytes for any number of threads (docs/districts.md, "The split, in detail").
///
/// Each shard (`Scenario.shard(_:)`) simulates its district a day at a time, every shard the
/// same day; the day's records are then merged in district order, each shard's in the order it
/// emitted them, renumbered to one log's ids (`IDRenumbering`), and handed to the log, whose
/// rules' warnings come back to the shard of their village. At each window's start the shards
/// tell one another what the whole world would let cross districts then: the shared firms'
/// contracts in hand and bars, the city's published sanctions, and the city commission's leads,
/// which it takes up over every district's queue with the investigators freed anywhere.
public enum SplitRun {
    /// Runs the scenario's districts as shards on `threads` threads; otherwise as
    /// `WorldRun.run`. The events each case touched wait in `touches`, in the merged log's
    /// ids, as they are merged (check it before using the truth when it spools); every
    /// district's deals' values in `spill`. `readers`, given a district's index, makes what
    /// reads that district's records beside its world (its rules), if anything does; `hosting`
    /// where the districts' worlds are kept. A district kept elsewhere that fails stops the run
    /// at that day's end (`Shards.failure`).
    public static func run(
        _ scenario: Scenario, seed: UInt64, knowledge: OffenderKnowledge = OffenderKnowledge(), sink: any EventSink,
        warnings: (any WarningSource)? = nil, threads: Int = 1, touches: CaseTouches = CaseTouches(),
        spill: ValueSpill = ValueSpill(), readers: ((Int) -> any ShardReader)? = nil, hosting: ShardHosting = .threads,
        logEnded: () -> Void = {}
    ) -> (WorldRun.Summary, Shards) {
        let start = WallClock.seconds()
        var run = Run(scenario: scenario, seed: seed, sink: sink, touches: touches, readers: readers, hosting: hosting)
        for district in scenario.geography.districts.indices {
            run.build(district, knowledge: knowledge, spill: spill)
        }
        run.mergeTheBuilding()
        let days = scenario.horizon.dayCount(from: scenario.start)
        let window = Tick(scenario.geography.newsWindowDays ?? days)
        let delay = Tick(scenario.oversight.discipline.leadDelayDays)
        for day in 0..<Tick(days) where run.failure == nil {
            if day > 0, day % window == 0 { run.exchange() }
            run.simulateAndMerge(day, threads: threads)
            run.surveyTheCity(on: day)
            let through = day + 1 - delay
            guard let warnings, through >= 0, day + 1 < Tick(days), run.warningSystemRuns else { continue }
            run.receive(warnings.warnings(through: Int32(through)))
        }
        // Every record is merged: the readers' state goes before the ground truth is built.
        for shard in run.shards { shard.reader = nil }
        logEnded()
        let truth = run.groundTruth()
        let summary = WorldRun.Summary(
            events: run.log.logged, engineEvents: run.shards.reduce(0) { $0 + $1.dispatched }, counts: run.log.counts,
            days: days, wallSeconds: WallClock.seconds() - start, truth: truth)
        let shards = Shards(
            hosts: run.shards.map(\.host), places: run.shards.map(\.place), renumbering: run.renumbering,
            failure: run.failure)
        return (summary, shards)
    }

    /// The districts' worlds at the horizon.
    public struct Shards: Sendable {
        let hosts: [any ShardHost]
        let places: [ShardPlace]
        let renumbering: IDRenumbering
        /// Why a district kept elsewhere could not go on, if one could not: the run stopped
        /// then, and what it wrote is incomplete.
        let failure: ShardFailure?

        /// The worlds of the districts run on the run's own threads.
        var worlds: [World] { hosts.compactMap { ($0 as? LocalShard)?.world } }
    }

    /// One district's world while the run goes, on whichever thread runs it.
    final class Shard: @unchecked Sendable {
        let host: any ShardHost
        let records: ShardRecords
        /// The events the shard's cases touched since the last merge, in the shard's ids.
        let touches: CaseTouches
        let place: ShardPlace
        /// What reads the shard's records before they are merged, if anything.
        var reader: (any ShardReader)?
        /// Where the run's records without a village stood (`Run.everywhere`) when the
        /// shard's waiting records were noted, and how many of them its reader has read.
        var everywhereBefore = 0
        var everywhereRead = 0
        var dispatched = 0
        /// The run's number of each of the shard's cases (by the shard's case index), given as
        /// the merge first meets the case's events.
        var cases: [Int32] = []
        /// The shared firms and owners, and the city's officials, already noted as replicas.
        var sharedNoted = 0
        var officialsNoted: [Int32] = []

        init(
            host: any ShardHost, records: ShardRecords, touches: CaseTouches, place: ShardPlace,
            reader: (any ShardReader)?
        ) {
            (self.host, self.records, self.touches, self.place, self.reader) = (host, records, touches, place, reader)
        }

        /// Simulates the shard's day, its records handed to its log a batch at a time.
        func simulate(_ day: Tick) {
            host.startDay(day)
            dispatched += host.finishDay()
        }

        /// Shows the reader the shard's records it has not read, and before them the records
        /// without a village that other shards logged before them in the merged log (in
        /// `everywhere`, the shard itself at `index`).
        func read(after everywhere: [(shard: Int, event: LoggedEvent)], index: Int) {
            guard let reader, records.read < records.pending.count else { return }
            let before = everywhere[everywhereRead..<everywhereBefore].filter { $0.shard != index }.map(\.event)
            if !before.isEmpty { reader.read(before[...]) }
            everywhereRead = everywhereBefore
            reader.read(records.pending[records.read...])
            records.read = records.pending.count
        }
    }

    /// The records a shard's log hands over, until they are merged: copied, so that the shard's
    /// world keeps its array's room for the next (forty worlds' new arrays of a batch's room
    /// each took 23 MB at 12,000 villages).
    final class ShardRecords: EventSink, @unchecked Sendable {
        /// The records the shard's log handed over, in order.
        var pending: [LoggedEvent] = []
        /// How many of `pending` the shard's reader has read, and how many were looked at for
        /// records without a village.
        var read = 0
        var noted = 0

        /// The records are merged: the next come in a new `pending`.
        func merged() { (pending, read, noted) = ([], 0, 0) }

        func accept(_ event: LoggedEvent) { pending.append(event) }
        func accept(_ events: [LoggedEvent]) { pending.append(contentsOf: events) }
    }

    /// The run's state between days: the shards, the merged log, and the city commission.
    struct Run {
        let scenario: Scenario
        let seed: UInt64
        var shards: [Shard] = []
        var log: WorldLog
        var renumbering: IDRenumbering
        /// How many cases the run has numbered (`Shard.cases`).
        var casesNumbered: Int32 = 0
        /// The room of the records array that passes from shard to shard on one thread.
        var room: [LoggedEvent] = []
        /// The city commission's free investigators, and its month and openings in it.
        var cityFree: Int
        var cityMonth = -1
        var cityOpened = 0
        /// The city's published sanctions, as every district sees them from a window's start.
        var cityPublished = Discipline.Seen()
        /// The shared key of each person every shard holds a replica of, in order noted.
        var sharedPersons: [SharedPerson: Int64] = [:]

        /// What makes each district's reader, if anything reads them.
        let readers: ((Int) -> any ShardReader)?
        let hosting: ShardHosting
        /// The records without a village the shards logged (what applies everywhere, as a
        /// scenario-wide intervention, which the first district logs), in the merged log's
        /// order, with their shard, while readers read the shards' records: each reader reads
        /// those of other shards too.
        var everywhere: [(shard: Int, event: LoggedEvent)] = []

        /// A person every shard holds a replica of.
        enum SharedPerson: Hashable {
            /// The holder (by number) of a post of the city's officials.
            case official(post: Int, holder: Int)
            /// The owner of a firm of the shared pool (by position).
            case owner(Int)
        }

        init(
            scenario: Scenario, seed: UInt64, sink: any EventSink, touches: CaseTouches,
            readers: ((Int) -> any ShardReader)?, hosting: ShardHosting
        ) {
            (self.scenario, self.seed, self.readers, self.hosting) = (scenario, seed, readers, hosting)
            log = WorldLog(sink: sink, touches: touches)
            renumbering = IDRenumbering(
                offsets: scenario.geography.districts.indices.map { scenario.shard($0).place.offsets })
            cityFree = scenario.oversight.discipline.body(.city).investigators
        }

        /// Builds a district's shard, and merges the records of what it built; a district kept
        /// elsewhere is asked to build, and its records are merged once all are asked
        /// (`mergeTheBuilding`), so that they build side by side.
        mutating func build(_ district: Int, knowledge: OffenderKnowledge, spill: ValueSpill) {
            let (cut, place) = scenario.shard(district)
            let records = ShardRecords()
            let touches = CaseTouches()
            let host: any ShardHost
            switch hosting {
            case .threads:
                host = LocalShard(
                    cut, place: place, seed: seed, knowledge: knowledge, spill: spill, records: records,
                    touches: touches)
            case .channels(let channel):
                host = RemoteShard(
                    cut, place: place, seed: seed, knowledge: knowledge, channel: channel, records: records,
                    touches: touches)
            }
            shards.append(
                Shard(host: host, records: records, touches: touches, place: place, reader: readers?(district)))
            if case .threads = hosting { merge() }
        }

        /// Waits for the districts kept elsewhere to be built, and merges what they logged.
        mutating func mergeTheBuilding() {
            guard case .channels = hosting else { return }
            for shard in shards { shard.host.waitUntilBuilt() }
            merge()
        }

        /// Simulates a day in every shard, `threads` at a time, and merges their records. On one
        /// thread a shard's records are merged as soon as its day is done, so that one shard's
        /// records of the day wait, not every shard's (the first of a month at 12,000 villages,
        /// some 13 MB), in one array whose room passes from shard to shard (a new array each
        /// shard and day was mapped and unmapped, past 128 KiB, on busy days).
        mutating func simulateAndMerge(_ day: Tick, threads: Int) {
            let shards = shards
            let lanes = min(threads, shards.count)
            if case .channels = hosting {
                // Every district kept elsewhere starts its day before the run waits for one.
                for shard in shards { shard.host.startDay(day) }
                for shard in shards { shard.dispatched += shard.host.finishDay() }
            } else if lanes > 1 {
                DispatchQueue.concurrentPerform(iterations: lanes) { lane in
                    for index in stride(from: lane, to: shards.count, by: lanes) { shards[index].simulate(day) }
                }
            } else {
                var batch: [LoggedEvent] = []
                for index in shards.indices {
                    // Records of the exchange or of warnings may wait from before the day.
                    let records = shards[index].records
                    if records.pending.isEmpty { swap(&records.pending, &room) }
                    shards[index].simulate(day)
                    merge(index, into: &batch)
                    room = records.pending
                    records.merged()
                    room.removeAll(keepingCapacity: true)
                }
                return write(&batch)
            }
            if readers != nil {
                for index in shards.indices { noteEverywhere(index) }
                let everywhere = everywhere
                DispatchQueue.concurrentPerform(iterations: lanes) { lane in
                    for index in stride(from: lane, to: shards.count, by: lanes) {
                        shards[index].read(after: everywhere, index: index)
                    }
                }
            }
            merge()
        }

        /// Notes the shard's waiting records without a village not noted yet in `everywhere`,
        /// and where `everywhere` stood before them, when its records are read.
        mutating func noteEverywhere(_ index: Int) {
            let shard = shards[index]
            let records = shard.records
            guard shard.reader != nil, records.noted < records.pending.count else { return }
            shard.everywhereBefore = everywhere.count
            for event in records.pending[records.noted...] where event.record.village < 0 {
                everywhere.append((index, event))
            }
            records.noted = records.pending.count
        }

        /// Hands every shard's records since the last merge to the log, district by district.
        mutating func merge() {
            var batch: [LoggedEvent] = []
            for index in shards.indices {
                merge(index, into: &batch)
                shards[index].records.merged()
            }
            write(&batch)
        }

        /// Renumbers the shard's records since the last merge into `batch`, handed to the log a
        /// batch at a time (`WorldRun.batch`): the rules' pipeline holds a number of batches, and
        /// a day's at 12,000 villages held the lines of some 40 MB waiting. The caller empties
        /// the shard's records. The shard's reader reads them first, if it has not, and learns
        /// where they went before each batch goes to the log.
        mutating func merge(_ index: Int, into batch: inout [LoggedEvent]) {
            let shard = shards[index]
            noteReplicas(of: shard, index)
            guard let first = shard.records.pending.first else { return }
            noteEverywhere(index)
            shard.read(after: everywhere, index: index)
            let merged = log.logged + UInt64(batch.count) + 1
            moveTouches(of: shard, from: first.id, to: merged)
            var told = 0
            for (position, var event) in shard.records.pending.enumerated() {
                renumbering.renumber(&event.record, fromShard: index)
                if batch.isEmpty { batch.reserveCapacity(WorldRun.batch) }
                batch.append(event)
                guard batch.count == WorldRun.batch else { continue }
                tell(shard, index, told..<position + 1, from: first.id, mergedFrom: merged)
                told = position + 1
                write(&batch)
            }
            tell(shard, index, told..<shard.records.pending.count, from: first.id, mergedFrom: merged)
        }

        /// Tells the shard's reader that its waiting records at `positions` are merged, the
        /// first waiting (id `first`) as `merged`.
        mutating func tell(
            _ shard: Shard, _ index: Int, _ positions: Range<Int>, from first: UInt64, mergedFrom merged: UInt64
        ) {
            guard let reader = shard.reader, !positions.isEmpty else { return }
            let stretch = MergedStretch(
                shard: index, first: first + UInt64(positions.lowerBound),
                merged: merged + UInt64(positions.lowerBound),
                count: positions.count, villageOffset: shard.place.offsets.village)
            reader.merged(stretch, renumbering: &renumbering)
        }

        /// Moves the events the shard's cases touched since the last merge to the run's
        /// touches, the shard's records from log id `first` on becoming the merged log's from
        /// `merged` on, and its cases numbered for the run as they come.
        mutating func moveTouches(of shard: Shard, from first: UInt64, to merged: UInt64) {
            for touch in shard.touches.takeKept() {
                while shard.cases.count <= Int(touch.caseIndex) {
                    shard.cases.append(casesNumbered)
                    casesNumbered += 1
                }
                log.touches.append(
                    id: merged + (touch.id - first), caseIndex: shard.cases[Int(touch.caseIndex)], day: touch.day)
            }
        }

        /// Hands the batch to the log, if it holds any records, and starts a new one.
        private mutating func write(_ batch: inout [LoggedEvent]) {
            guard !batch.isEmpty else { return }
            log.write(&batch, cases: [])
            batch = []
        }

        /// Notes the shard's replicas of the shared firms, their owners and the city's
        /// officials, so that every shard's mention of one becomes one id.
        mutating func noteReplicas(of shard: Shard, _ index: Int) {
            let replicas = shard.host.replicas(firmsFrom: shard.sharedNoted)
            if replicas.officials != shard.officialsNoted {
                let holders = replicas.holders
                for (post, person) in replicas.officials.enumerated()
                where shard.officialsNoted.count <= post || shard.officialsNoted[post] != person {
                    share(
                        person, as: .official(post: post, holder: holders.isEmpty ? 0 : holders[post]), inShard: index)
                }
                shard.officialsNoted = replicas.officials
            }
            for (key, firm) in zip(shard.sharedNoted..., replicas.firms) {
                renumbering.share(Bidder.id(of: firm.bidder), .bidder, inShard: index, key: Int64(key))
                share(firm.owner, as: .owner(key), inShard: index)
            }
            shard.sharedNoted += replicas.firms.count
        }

        /// Notes the shard's person as its replica of `shared`.
        mutating func share(_ person: Int32, as shared: SharedPerson, inShard index: Int) {
            let key = sharedPersons[shared] ?? Int64(sharedPersons.count)
            sharedPersons[shared] = key
            renumbering.share(Int64(person), .person, inShard: index, key: key)
        }

        /// The first district kept elsewhere that failed, if one did.
        var failure: ShardFailure? { shards.lazy.compactMap(\.host.failure).first }

        /// Whether any district runs the warning system now.
        var warningSystemRuns: Bool { shards.contains { $0.host.warningSystemRuns } }

        /// Hands each warning to the shard of its village, in that shard's ids.
        func receive(_ warnings: [Warning]) {
            var byShard = [[Warning]](repeating: [], count: shards.count)
            for warning in warnings where warning.village >= 0 {
                let index = shardIndex(ofVillage: warning.village)
                var local = warning
                local.village -= shards[index].place.offsets.village
                guard let subject = warning.subject.renamed({ renumbering.shardID(of: $0, $1, inShard: index) })
                else { continue }
                local.subject = subject
                byShard[index].append(local)
            }
            for (shard, warnings) in zip(shards, byShard) where !warnings.isEmpty { shard.host.receive(warnings) }
        }

        /// A news window begins: every shard says what the others learn now; the city
        /// commission takes up leads over every district's queue; every shard learns.
        mutating func exchange() {
            let told = shards.map { $0.host.windowNews() }
            let news = told.map(\.news)
            let now = told[0].now
            var loads = [Int32](repeating: 0, count: news.first?.loads.count ?? 0)
            for shard in news { for (index, load) in shard.loads.enumerated() { loads[index] += load } }
            let bars = Array(Set(news.flatMap(\.bars))).sorted()
            let memory = Double(scenario.oversight.deterrence.memoryDays)
            let published = news.enumerated().flatMap { district, news in
                news.published.enumerated().map { (day: $1.day, district: district, order: $0, count: $1.count) }
            }
            for publication in published.sorted(by: {
                ($0.day, $0.district, $0.order) < ($1.day, $1.district, $1.order)
            }) {
                cityPublished.add(publication.count, on: publication.day, memory: memory)
            }
            let opened = assignCityInvestigators(news, on: now)
            let cityPosts = news.flatMap(\.cityPosts)
            for (index, shard) in shards.enumerated() {
                let window = World.WindowNews(
                    bars: bars, loads: loads, published: cityPublished, opened: opened[index], cityPosts: cityPosts)
                shard.host.windowBegins(window)
            }
        }

        /// The city commission's triage over the leads waiting in every district (in order of
        /// arrival, then district), with the investigators freed anywhere: the leads each
        /// shard opens, by position in its queue.
        mutating func assignCityInvestigators(_ news: [World.ShardNews], on day: Tick) -> [[World.CityOpening]] {
            cityFree += news.reduce(0) { $0 + $1.freed }
            let month = scenario.start.months(until: scenario.start.adding(days: Int(day)))
            if month != cityMonth { (cityMonth, cityOpened) = (month, 0) }
            var waiting = news.enumerated().flatMap { district, news in
                news.waiting.enumerated().map { (district: district, position: $0, lead: $1) }
            }
            waiting.sort { ($0.lead.arrival, $0.district, $0.position) < ($1.lead.arrival, $1.district, $1.position) }
            var opened = [[World.CityOpening]](repeating: [], count: news.count)
            let rules = scenario.oversight.discipline
            while cityFree > 0,
                let next = rules.leadToTakeUp(
                    among: waiting.count, openedThisMonth: cityOpened, key: { waiting[$0].lead.key })
            {
                let lead = waiting.remove(at: next)
                cityFree -= 1
                cityOpened += 1
                opened[lead.district].append(World.CityOpening(position: lead.position, queued: waiting.count))
            }
            return opened
        }

        /// Holds the surveys of the whole city due today, over every district's villages, after
        /// the day's other records (a survey comes late in its day).
        mutating func surveyTheCity(on day: Tick) {
            let rules = scenario.surveys
            for (index, survey) in rules.surveys.enumerated()
            where survey.districtID == nil && scenario.start.days(until: survey.date) == Int(day) {
                let surveyed = shards.map { $0.host.surveyed(on: Int32(day)) }
                let respondents = zip(shards, surveyed).flatMap { shard, surveyed in
                    surveyed.respondents.map {
                        var village = $0
                        village.village += shard.place.offsets.village
                        return village
                    }
                }
                let answers = SurveyAnswers.ask(
                    survey, rules: rules, petitions: scenario.oversight.petitions, respondents: respondents,
                    random: RandomStream(seed: seed).derived("survey", index)
                ) { village in
                    let index = shardIndex(ofVillage: village)
                    let local = Int(village - shards[index].place.offsets.village)
                    return (surveyed[index].seen[local], surveyed[index].grievances[local])
                }
                var batch = [LoggedEvent(id: 0, day: Int32(day), record: answers.record(index: index, district: nil))]
                write(&batch)
            }
        }

        /// The shard whose district holds the village (by its position in the whole scenario).
        func shardIndex(ofVillage village: Int32) -> Int {
            shards.lastIndex { $0.place.offsets.village <= village } ?? 0
        }

        /// The ground truth of every shard, its cases numbered district by district and named
        /// in the merged log's ids.
        mutating func groundTruth() -> GroundTruth {
            var cases = CaseList()
            let touched = log.touches.byCase()
            for (index, shard) in shards.enumerated() {
                let own = shard.cases.map { Int($0) < touched.count ? touched[Int($0)] : CaseTouches.Events() }
                let truth = shard.host.groundTruth(touched: own)
                for var entry in truth.cases {
                    entry.id = cases.count + 1
                    entry.village += shard.place.offsets.village
                    entry.perpetrators = entry.perpetrators.map { renumbering.id(of: $0, .person, inShard: index) }
                    if entry.beneficiary >= 0 {
                        entry.beneficiary = renumbering.id(of: entry.beneficiary, .bidder, inShard: index)
                    }
                    cases.append(entry)
                }
            }
            return GroundTruth(cases: cases)
        }
    }
}
