/// How long a scenario runs: an ISO 8601 period of years, months and days (`P3Y`, `P1Y6M`).
public struct Horizon: Hashable, Sendable, Codable, CustomStringConvertible {
    public var years: Int
    public var months: Int
    public var days: Int

    public init(years: Int = 0, months: Int = 0, days: Int = 0) {
        self.years = years
        self.months = months
        self.days = days
    }

    /// Parses `P[nY][nM][nD]`; returns `nil` for anything else.
    public init?(iso text: Substring) {
        guard text.first == "P", text.count > 1 else { return nil }
        var result = Horizon()
        var digits = ""
        var lastUnit = 0
        for character in text.dropFirst() {
            if character.isASCIIDigit {
                digits.append(character)
                continue
            }
            guard let value = Int(digits) else { return nil }
            let unit = ["Y": 1, "M": 2, "D": 3][character] ?? 0
            guard unit > lastUnit else { return nil }
            switch unit {
            case 1: result.years = value
            case 2: result.months = value
            default: result.days = value
            }
            lastUnit = unit
            digits = ""
        }
        guard digits.isEmpty else { return nil }
        self = result
    }

    /// The last simulated day plus one, counted from `start`.
    public func end(from start: CalendarDate) -> CalendarDate {
        start.adding(months: years * 12 + months).adding(days: days)
    }

    /// The number of simulated days from `start`.
    public func dayCount(from start: CalendarDate) -> Int { start.days(until: end(from: start)) }

    public var description: String {
        var text = "P"
        if years > 0 { text += "\(years)Y" }
        if months > 0 { text += "\(months)M" }
        if days > 0 || text == "P" { text += "\(days)D" }
        return text
    }
}
