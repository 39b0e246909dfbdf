import SanziOutput

/// Numbers as alerts' sentences and reports write them: yuan with thousands separators, shares
/// as whole percents, days.
public enum Wording {
    /// An amount in whole yuan with thousands separators, e.g. "92,500 yuan".
    public static func yuan(_ amount: Double) -> String { grouped(Int64(amount.rounded())) + " yuan" }

    public static func yuan(fen: Int64) -> String { yuan(Double(fen) / 100) }

    /// A whole number with thousands separators, e.g. "-1,234,567".
    public static func grouped(_ value: Int64) -> String { NumberText.grouped(value) }

    /// How many fewer things there were: "3 fewer cases", "2 more petitions" or "as many cases".
    public static func fewer(_ avoided: Int, _ things: String) -> String {
        avoided > 0 ? "\(avoided) fewer \(things)" : avoided < 0 ? "\(-avoided) more \(things)" : "as many \(things)"
    }

    /// A share as a whole percent, e.g. "12%".
    public static func percent(_ share: Double) -> String { "\(Int((share * 100).rounded()))%" }

    public static func days(_ count: Double) -> String { Int(count) == 1 ? "1 day" : "\(Int(count)) days" }

    /// A number as it reads: whole numbers plain, others to two decimals.
    public static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int64(value)) : String((value * 100).rounded() / 100)
    }

    /// "the director" (the office the alert's `office_holder` holds or held), or "an office
    /// holder" when it is not known.
    static func holder(_ alert: Alert, roleOf: (Int64) -> String?) -> String {
        guard let person = alert.value("office_holder").map({ Int64($0) }) else { return "an office holder" }
        return "the \(roleOf(person) ?? "office holder")"
    }
}
