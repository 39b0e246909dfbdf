import SanziEvents
import SanziScenario

/// Where a world's districts sit in the whole scenario: all of it for a run of one world, one
/// district for a shard of a run split by district (docs/districts.md, "The split, in detail").
/// A shard is built from the scenario cut down to its district (`Scenario.shard(_:)`), works
/// on its own positions, and draws what belongs to a village or an official from the stream the
/// whole world would draw it from: a district so holds the villages and officials it holds in
/// the whole world.
public struct ShardPlace: Sendable, Hashable, Codable {
    /// The district's position in the whole scenario; nil for the whole world.
    public var district: Int?
    /// The first village, town and district of the shard in the whole scenario.
    public var offsets: IDRenumbering.Offsets
    /// The whole scenario's towns and districts, for the draws of officials.
    public var towns: Int
    public var districts: Int

    /// The whole scenario as one world.
    public static func whole(_ scenario: Scenario) -> ShardPlace {
        ShardPlace(
            district: nil, offsets: IDRenumbering.Offsets(village: 0, town: 0, district: 0),
            towns: scenario.geography.towns.count, districts: scenario.geography.districts.count)
    }
}

extension Scenario {
    /// The scenario cut down to its `district`-th district, and where that district sits: its
    /// towns and villages, its district's pools and the shared ones; the dated events stay
    /// whole (those of other districts do nothing in it).
    public func shard(_ district: Int) -> (scenario: Scenario, place: ShardPlace) {
        var shard = self
        let kept = geography.districts[district]
        let before = geography.districts.prefix(district)
        shard.geography.districts = [kept]
        shard.bidders.pools = bidders.pools.filter {
            switch $0.scope {
            case .shared: true
            case .district(let id): id == kept.id
            }
        }
        let place = ShardPlace(
            district: district,
            offsets: IDRenumbering.Offsets(
                village: Int32(before.reduce(0) { $0 + $1.towns.reduce(0) { $0 + $1.villages.count } }),
                town: Int64(before.reduce(0) { $0 + $1.towns.count }), district: Int64(district)),
            towns: geography.towns.count, districts: geography.districts.count)
        return (shard, place)
    }
}

extension World {
    /// Whether the world is one district of a run split by district.
    var isShard: Bool { place.district != nil }
}
