/// Districts, towns and villages, with generated villages already expanded.
public struct Geography: Hashable, Sendable, Codable {
    public var districts: [District]
    /// Days between the moments news crosses districts (`news-window-days`, 1–365), or nil for
    /// at once: a shared-pool firm's contracts and bar, the city's published sanctions and the
    /// city commission's intake reach the districts at the start of each window.
    public var newsWindowDays: Int?

    public init(districts: [District], newsWindowDays: Int? = nil) {
        self.districts = districts
        self.newsWindowDays = newsWindowDays
    }

    /// Every village of every town, in file order.
    public var villages: [Village] { districts.flatMap { $0.towns.flatMap(\.villages) } }
    /// Every town, in file order.
    public var towns: [Town] { districts.flatMap(\.towns) }

    /// The position of the district with this id, if there is one.
    public func district(_ id: String) -> Int? { districts.firstIndex { $0.id == id } }
}

/// A district (区).
public struct District: Hashable, Sendable, Codable, Identifiable {
    public var id: String
    public var name: String
    public var towns: [Town]
    public var location: SourceLocation
}

/// A town (镇) or street (街).
public struct Town: Hashable, Sendable, Codable, Identifiable {
    public var id: String
    public var name: String
    public var villages: [Village]
    public var location: SourceLocation
}

/// One village collective (村集体经济组织).
public struct Village: Hashable, Sendable, Codable, Identifiable {
    public var id: String
    public var name: String
    public var profileID: String
    /// A fixed remoteness in [0, 1], or `nil` to draw it from the profile.
    public var remoteness: Double?
    /// Where the village was written: its own line, or the `<villages>` line that generated it.
    public var location: SourceLocation
}
