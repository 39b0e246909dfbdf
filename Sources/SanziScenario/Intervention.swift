/// A dated policy change, everywhere or in one district.
public struct Intervention: Hashable, Sendable, Codable {
    /// One change an intervention makes.
    public enum Change: Hashable, Sendable, Codable {
        case listingThreshold(Money)
        case announcementDays(Int)
        case publicity(Frequency)
        case cashCap(Money)
        case warningSystem(enabled: Bool)
        /// Multiplies misconduct rates: one typology's, or all of them when `nil`.
        case scaleMisconduct(Typology?, factor: Double)
    }

    public var date: CalendarDate
    public var name: String
    /// The district it applies to, or `nil` for all.
    public var districtID: String?
    public var changes: [Change]
    public var location: SourceLocation
}

/// Which outputs a run writes.
public struct OutputOptions: Hashable, Sendable, Codable {
    public enum Format: String, Hashable, Sendable, Codable { case csv, jsonl }

    public var events = true
    public var alerts = true
    public var report = true
    public var format = Format.jsonl
}
