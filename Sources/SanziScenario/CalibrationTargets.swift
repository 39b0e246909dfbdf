import SanziEvents

/// What `sanzi calibrate` reads from a targets file: the scenario settings it may change and
/// the observed statistics it aims at (docs/calibration.md, "Calibrating a scenario").
public struct CalibrationTargets: Hashable, Sendable {
    /// A number attribute of one element of the scenario, and the range to search.
    public struct Parameter: Hashable, Sendable, CustomStringConvertible {
        public var element: String
        /// The `id`, `of`, `level` or `kind` that picks one of several elements of that name.
        public var id: String?
        public var attribute: String
        public var range: ClosedRange<Double>
        /// Whether the attribute takes whole numbers only.
        public var whole: Bool
        /// Whether every element of that name takes the value (the same task in every
        /// inspection), rather than exactly one.
        public var every = false
        public var location: SourceLocation

        /// How the parameter is named in outputs: `oversight/@petition-propensity`,
        /// `typology[bid-rotation]/@rate`.
        public var description: String { element + (id.map { "[\($0)]" } ?? "") + "/@" + attribute }
    }

    /// A span of days, both ends included.
    public struct Period: Hashable, Sendable {
        public var from: CalendarDate
        public var to: CalendarDate
    }

    /// What a target measures in a run.
    public enum Statistic: Hashable, Sendable {
        /// Petitions filed in the period.
        case petitions(Period)
        /// The change of petitions, in percent, from the earlier period to the later one.
        case petitionChange(before: Period, after: Period)
        /// People sanctioned in the period, of the given ranks.
        case sanctioned(Period, ranks: Set<LogRecord.Rank>)
        /// The share, in percent, of a survey's respondents aware of the rectification, or approving it.
        case surveyAware(survey: String)
        case surveyApproving(survey: String)
        /// The share, in percent, of the people sanctioned in the period with a charge of
        /// `among` whose charge is one of `charges`.
        case chargeShare(Period, charges: Set<LogRecord.Charge>, among: Set<LogRecord.Charge>)
        /// The share, in percent, of the investigations closing in the period with a sanction
        /// that sanctioned several people (group cases, as the courts see them).
        case groupShare(Period)
    }

    /// An observed statistic and the tolerance within which a simulated mean matches it.
    public struct Target: Hashable, Sendable {
        public var name: String
        public var statistic: Statistic
        /// The district it counts in (its position in the scenario is found when it runs), or all.
        public var districtID: String?
        /// Whether only agriculture-related petitions count.
        public var agricultural: Bool
        public var value: Double
        public var tolerance: Double
        public var location: SourceLocation
    }

    public var parameters: [Parameter] = []
    public var targets: [Target] = []

    public init() {}
}
