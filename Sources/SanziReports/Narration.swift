import SanziAlerts

/// Alerts told in plain words, from the values each rule compared and the deals they concern.
enum Narration {
    /// What an alert's subject is, e.g. "Lease listing 12 (appraisal 92,500 yuan)".
    static func title(of subject: String, context: DealContext) -> String {
        let parts = subject.split(separator: ":")
        guard parts.count == 2, let number = Int64(parts[1]) else { return "Village finances and oversight" }
        switch parts[0] {
        case "listing":
            guard let deal = context.listing(number) else { return "Listing \(number)" }
            return "\(capitalized(context.deal(deal.kind))) listing \(number) (appraisal \(yuan(fen: deal.value)))"
        case "contract":
            guard let deal = context.contract(number) else { return "Contract \(number)" }
            return "\(capitalized(context.deal(deal.kind))) contract \(number) (\(yuan(fen: deal.value)))"
        case "bidder":
            return "Bidder \(number)"
        default:
            return subject
        }
    }

    /// One sentence for an alert.
    static func sentence(for alert: Alert, context: DealContext) -> String {
        let score = alert.score
        let threshold = alert.threshold
        func value(_ name: String) -> Double? { alert.values.first { $0.name == name }?.value }
        func holder() -> String {
            guard let person = value("office_holder").map({ Int64($0) }) else { return "an office holder" }
            return "the \(context.role(of: person) ?? "office holder")"
        }
        switch alert.rule {
        case "P01": return "worth \(yuan(score)), yet kept off the platform (threshold \(yuan(threshold)))"
        case "P02":
            return "deals worth \(yuan(score)) together with one party, each under the \(yuan(threshold)) threshold"
        case "P03": return "announced for \(days(score)) (minimum \(days(threshold)))"
        case "P04": return "signed \(days(score)) after the award (limit \(days(threshold)))"
        case "P05":
            return score == 0
                ? "no vote of the representatives on record"
                : "the vote carried only \(percent(score)) (\(percent(threshold)) needed)"
        case "V01":
            let reference = value("reference_fen").map { " against \(yuan(fen: Int64($0)))" } ?? ""
            return "reserve \(percent(1 - score)) under the appraisal or previous rent\(reference)"
        case "V02": return "won at a premium of only \(percent(score)) over the reserve"
        case "V03": return "premium of \(percent(score)), below the peer group's lower fence \(percent(threshold))"
        case "C01": return "a single bidder"
        case "C02": return "the top two bids only \(percent(score)) apart"
        case "C03": return "identical or whole-percent bids"
        case "C04": return "\(Int(score)) losing bids in round sums"
        case "C07": return "the same bidders met \(Int(score)) times with the same winner"
        case "C08": return "\(Int(score)) wins by one bidder within the window"
        case "C09": return "won by a company founded \(days(score)) before"
        case "R01": return score == 0 ? "won by \(holder()) in person" : "won by a relative of \(holder())"
        case "R02": return score == 0 ? "paid to \(holder()) in person" : "paid to a relative of \(holder())"
        case "K01": return "a lease of \(Int(score)) years (cap \(Int(threshold)))"
        case "K02": return "amended by \(percent(score)) of its value after the award"
        case "K03": return "rent \(days(score)) overdue"
        case "K04": return "ended early and relet at \(percent(score)) of the old rent"
        case "F01": return "cash kept over the cap or banked late (\(format(score)) against \(format(threshold)))"
        case "F02": return "\(yuan(score)) paid without the required approval"
        case "F05": return "\(percent(score)) of the payments to one payee in round sums"
        case "F06": return "spending \(format(score)) standard deviations above the village's normal"
        case "F07": return "payments to households \(days(score)) before an election"
        case "F08": return "a payment the ledger had not booked after \(days(score))"
        case "F09": return "\(yuan(score)) of collective money lent out"
        case "O01": return "\(Int(score)) households petitioned within the window"
        case "O02": return "\(days(score)) without a publicity posting"
        case "E01": return "\(Int(score)) yellow signals on this subject combined into an orange"
        case "E02": return "\(Int(score)) orange signals on this subject combined into a red"
        default: return "\(alert.rule): \(format(score)) against \(format(threshold))"
        }
    }

    static func capitalized(_ word: String) -> String { word.prefix(1).uppercased() + word.dropFirst() }

    static func yuan(fen: Int64) -> String { yuan(Double(fen) / 100) }

    /// An amount in whole yuan with thousands separators, e.g. "92,500 yuan".
    static func yuan(_ amount: Double) -> String { grouped(Int64(amount.rounded())) + " yuan" }

    static func grouped(_ value: Int64) -> String {
        let digits = String(value.magnitude)
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return (value < 0 ? "-" : "") + result
    }

    static func percent(_ share: Double) -> String { "\(Int((share * 100).rounded()))%" }

    static func days(_ count: Double) -> String { Int(count) == 1 ? "1 day" : "\(Int(count)) days" }

    static func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int64(value)) : String((value * 100).rounded() / 100)
    }
}
