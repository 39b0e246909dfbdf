import SanziEngine
import SanziEvents
import SanziTruth

/// One district's world as a split run reaches it (`SplitRun`): every call takes and returns
/// values, so that the run needs nothing else of the world (docs/districts.md, "Districts in
/// processes of their own, and on other machines"). `LocalShard` runs the world on the run's
/// own threads, `RemoteShard` reaches one kept elsewhere.
///
/// The district's records go, as it logs them, to the sink and the case touches its host was
/// made with; each call may log some.
protocol ShardHost: AnyObject, Sendable {
    /// Waits until the district's world is built (one on the run's threads is built when its
    /// host is made).
    func waitUntilBuilt()

    /// Starts simulating the district's day: a district kept elsewhere simulates it while the
    /// run starts the others' (one on the run's threads, as it starts).
    func startDay(_ day: Tick)

    /// Waits for the day started last: how many events the district's world dispatched.
    func finishDay() -> Int

    /// The city's officials as the district holds them, and the shared firms from position
    /// `firstFirm` of the shared pool on.
    func replicas(firmsFrom firstFirm: Int) -> ShardReplicas

    /// Whether any of the district's villages runs the warning system now.
    var warningSystemRuns: Bool { get }

    /// Hands the district the warnings for its villages, in its ids.
    func receive(_ warnings: [Warning])

    /// A news window begins: what the district tells the others (`World.windowNews`), and the
    /// time of its world.
    func windowNews() -> (news: World.ShardNews, now: Tick)

    /// A news window begins: what the district learns of the others (`World.windowBegins`).
    func windowBegins(_ news: World.WindowNews)

    /// The district's villages as a city-wide survey on `day` finds them.
    func surveyed(on day: Int32) -> SurveyedVillages

    /// The district's ground truth, given the events each of its cases touched (by the
    /// district's case index, in the merged log's ids).
    func groundTruth(touched: [CaseTouches.Events]) -> GroundTruth

    /// The district's people, bidders and ties, in its ids.
    var actors: ActorSnapshot { get }

    /// What the district generated, the shared firms counted.
    var census: Census { get }

    /// How many firms the shared pool holds.
    var sharedFirms: Int { get }

    /// Why the district's world could not be reached, once it could not: the run stops.
    var failure: ShardFailure? { get }
}

/// Where a split run keeps its districts' worlds.
public enum ShardHosting: Sendable {
    /// On the run's own threads (`LocalShard`).
    case threads
    /// Each behind a channel made for it, given the district's position (`RemoteShard`).
    case channels(@Sendable (Int) throws -> any ShardChannel)
}

/// The people and firms a district holds replicas of, which the merged log names once
/// (`IDRenumbering.share`).
struct ShardReplicas: Sendable, Codable {
    /// A firm of the shared pool: its bidder number in the district, and its owner's.
    struct Firm: Sendable, Codable {
        var bidder: Int32
        var owner: Int32
    }

    /// The person holding each of the city's posts, and the number of the post's holder.
    var officials: [Int32]
    var holders: [Int]
    /// The shared firms asked for, in pool order.
    var firms: [Firm]
}

/// A district's villages as a city-wide survey finds them: each village's respondents, what it
/// has seen of rectification, and its grievances, by the district's village.
struct SurveyedVillages: Sendable, Codable {
    var respondents: [SurveyAnswers.Village]
    var seen: [Double]
    var grievances: [Int]
}
