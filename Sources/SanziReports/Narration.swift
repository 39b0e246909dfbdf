import SanziAlerts
import SanziEvents

/// Alerts told in plain words, from the values each rule compared and the deals they concern.
enum Narration {
    /// What an alert's subject is, e.g. "Lease listing 12 (appraisal 92,500 yuan)".
    static func title(of subject: AlertSubject, context: DealContext) -> String {
        switch subject {
        case .listing(let number):
            guard let deal = context.listing(number) else { return "Listing \(number)" }
            return
                "\(capitalized(context.deal(deal.kind))) listing \(number) (appraisal \(Wording.yuan(fen: deal.value)))"
        case .contract(let number):
            guard let deal = context.contract(number) else { return "Contract \(number)" }
            return "\(capitalized(context.deal(deal.kind))) contract \(number) (\(Wording.yuan(fen: deal.value)))"
        case .bidder(let number):
            return "Bidder \(number)"
        case .village:
            return "Village finances and oversight"
        }
    }

    /// One sentence for an alert, from its rule.
    static func sentence(for alert: Alert, context: DealContext) -> String {
        RuleCatalogue.sentence(for: alert, roleOf: context.role(of:))
    }

    static func capitalized(_ word: String) -> String { word.prefix(1).uppercased() + word.dropFirst() }
}
