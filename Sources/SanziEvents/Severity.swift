/// Alert severities of the integrity early-warning system (黄 / 橙 / 红).
public enum Severity: String, Hashable, Sendable, CaseIterable, Comparable, Codable {
    case yellow, orange, red

    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
