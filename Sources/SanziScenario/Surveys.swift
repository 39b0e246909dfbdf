/// Satisfaction surveys (满意度测评) of cadres and residents, and how respondents answer: they
/// know of the rectification from what openness lets them see, and approve of it unless a
/// grievance of their village is still unanswered (docs/oversight.md, "Openness and surveys").
public struct SurveyRules: Hashable, Sendable, Codable {
    /// Chance a resident knows of the rectification having seen nothing of it.
    public var residentAwareness = 0.3
    /// Chance a cadre knows of it having seen nothing of it (cadres attend its meetings).
    public var cadreAwareness = 0.8
    /// Chance a respondent with no unanswered grievance approves having seen nothing of it.
    public var approval = 0.7
    /// Chance a resident whose village still has an unanswered grievance that touches him approves.
    public var grievedApproval = 0.3
    /// How fast what respondents have seen turns into knowing and approving: both grow as
    /// 1 − exp(−sensitivity × seen).
    public var sensitivity = 0.5
    public var surveys: [Survey] = []

    public init() {}
}

/// One survey: when, where, how many respondents and what share of them cadres.
public struct Survey: Hashable, Sendable, Codable {
    public var name: String
    public var date: CalendarDate
    /// The district surveyed, or nil for every district.
    public var districtID: String?
    public var sample: Int
    public var cadreShare: Double
    public var location: SourceLocation
}
