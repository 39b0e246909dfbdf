/// What an alert (or a lead taken up from it) is about: a listing, a contract or a bidder by
/// its id in the log, or the village as a whole. Written as `listing:12`, `contract:7`,
/// `bidder:40` or `village`.
public enum AlertSubject: Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
    case listing(Int64)
    case contract(Int64)
    case bidder(Int64)
    /// The village's finances and oversight as a whole.
    case village

    public var description: String {
        switch self {
        case .listing(let id): "listing:\(id)"
        case .contract(let id): "contract:\(id)"
        case .bidder(let id): "bidder:\(id)"
        case .village: "village"
        }
    }

    /// The subject written as `description` writes it, or nil.
    public init?(_ text: some StringProtocol) {
        if text == "village" {
            self = .village
            return
        }
        let parts = text.split(separator: ":")
        guard parts.count == 2, let id = Int64(parts[1]) else { return nil }
        switch parts[0] {
        case "listing": self = .listing(id)
        case "contract": self = .contract(id)
        case "bidder": self = .bidder(id)
        default: return nil
        }
    }

    /// Subjects sort as their written forms do, so listings of alerts keep the order of the
    /// files.
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.description < rhs.description }
}
