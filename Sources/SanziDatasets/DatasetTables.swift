/// Every table a dataset holds, with its columns: the data card is generated from these, and
/// the files are written in these columns' order.
public enum DatasetTables {
    typealias C = TableSchema.Column

    /// Columns every labelled table ends with.
    static let labels: [C] = [
        C("misconduct", .boolean, nil, "true label: the row belongs to a misconduct case"),
        C("misconduct_observed", .boolean, nil, "the label an investigator would have, after the label-noise options"),
        C("typology", .string, nil, "the case's typology, empty when honest"),
        C("case_id", .integer, nil, "the case's `case_id` in the cases table (same replication), null when honest"),
        C("look_alike", .boolean, nil, "the row belongs to an honest look-alike"),
        C("look_alike_typology", .string, nil, "the typology the look-alike resembles, empty otherwise"),
        C(
            "label_available_day", .integer, "day",
            "day the case came to light through an audit, null if not within the run"),
        C(
            "split_village", .string, nil,
            "train, valid or test, by village: a village is on one side in every replication"),
        C("split_time", .string, nil, "train (first 60% of the run), valid (next 20%) or test (last 20%)"),
    ]

    static let keys: [C] = [
        C("village", .string, nil, "the village's id"),
        C("day", .integer, "day", "days since the scenario's start"),
        C("month", .integer, nil, "calendar month, 1–12"),
    ]

    public static let transactions = TableSchema(
        name: "transactions",
        meaning:
            "One row per contract signed during the run (leases, sales, works; platform deals and small deals), with features known when it was signed and labels.",
        columns: keys + [
            C("contract", .integer, nil, "contract id (the `contract` of events)"),
            C("event", .integer, nil, "id of the contract event in the events table"),
            C("deal", .string, nil, "lease, sale or works"),
            C("asset", .integer, nil, "register item, -1 for works"),
            C("listed", .boolean, nil, "the deal went through a platform listing"),
            C("listing", .integer, nil, "listing id, -1 when not listed"),
            C("renewal", .boolean, nil, "a sitting tenant's renewal below the threshold"),
            C("term_years", .integer, "years", "term (0 for sales and works)"),
            C("annual_yuan", .decimal, "yuan", "price per year (whole price for sales and works)"),
            C("total_yuan", .decimal, "yuan", "price over the whole term"),
            C("appraisal_yuan", .decimal, "yuan", "the listing's appraisal, null when not listed"),
            C("reserve_yuan", .decimal, "yuan", "the listing's reserve, null when not listed"),
            C("reserve_to_appraisal", .decimal, "share", "reserve / appraisal"),
            C("price_to_appraisal", .decimal, "share", "total price / appraisal"),
            C("premium_over_reserve", .decimal, "share", "total price / reserve − 1"),
            C("announcement_days", .integer, "days", "announcement period of the listing"),
            C("relisting", .integer, nil, "0 for a first listing, n for the n-th"),
            C("registered_bidders", .integer, nil, "bidders who registered"),
            C("bids", .integer, nil, "bids made"),
            C(
                "top_two_gap", .decimal, "share",
                "gap between the two best bids over the best, null with fewer than two"),
            C("award_to_contract_days", .integer, "days", "days from the award to the signing"),
            C(
                "decision_share", .decimal, "share",
                "votes for in the last decision on the asset within 180 days (P05's window), null if none"),
            C("counterparty", .integer, nil, "tenant, buyer or contractor (bidder id)"),
            C("counterparty_firm", .boolean, nil, "the counterparty is a firm (null when it never registered)"),
            C(
                "counterparty_age_days", .integer, "days",
                "days since the firm was founded, null for villagers and unknown"),
            C(
                "counterparty_related", .boolean, nil,
                "the counterparty's owner has held an office in the run so far, or has a declared tie to someone who has"
            ),
            C(
                "counterparty_wins_365", .integer, nil,
                "contracts the counterparty signed in this village in the previous 365 days (C08's window)"),
            C(
                "previous_annual_ratio", .decimal, "share",
                "annual price / the asset's previous annual price, null without one"),
            C("village_contracts_before", .integer, nil, "contracts the village signed earlier in the run"),
        ] + labels,
        groundTruth: false)

    public static let ledger = TableSchema(
        name: "ledger",
        meaning:
            "One row per ledger entry: receipts, disbursements, loans lent and repaid, compensation paid to households.",
        columns: keys + [
            C("event", .integer, nil, "id of the event in the events table"),
            C("entry", .string, nil, "receipt, disbursement, loan-lent, loan-repaid or distribution"),
            C("purpose", .string, nil, "the receipt's or disbursement's purpose, empty otherwise"),
            C("account", .string, nil, "basic, compensation or cash; empty for loans and distributions"),
            C("amount_yuan", .decimal, "yuan", "amount"),
            C("approver", .string, nil, "who signed a disbursement off, empty otherwise"),
            C(
                "approver_below_required", .boolean, nil,
                "the sign-off is below the tier the amount needs (scenario tiers)"),
            C("counterparty", .integer, nil, "payer, payee or borrower (bidder id), -1 when none"),
            C(
                "counterparty_related", .boolean, nil,
                "the counterparty's owner has held an office in the run so far, or has a declared tie to someone who has"
            ),
            C("contract", .integer, nil, "contract the entry settles, -1 if none"),
            C("round_thousand", .boolean, nil, "the amount is a whole multiple of 1,000 yuan"),
            C("month_spending_before_yuan", .decimal, "yuan", "disbursements of the village earlier in the same month"),
        ] + labels,
        groundTruth: false)

    public static let events = TableSchema(
        name: "events",
        meaning:
            "The raw observable log, one row per event: the record's slots, named per event type in docs/events.md.",
        columns: [
            C("id", .integer, nil, "position in the log"), C("day", .integer, "day", "days since the start"),
            C("type", .string, nil, "event type"), C("village", .string, nil, "village id, empty for scenario-wide"),
            C("code", .integer, nil, "the type's code slot"), C("subject", .integer, nil, "subject slot"),
            C("other", .integer, nil, "other slot"), C("party", .integer, nil, "party slot"),
            C("amount_fen", .integer, "fen", "amount slot"), C("amount2_fen", .integer, "fen", "second amount slot"),
            C("count", .integer, nil, "count slot"), C("count2", .integer, nil, "second count slot"),
        ],
        groundTruth: false)

    public static let actors = TableSchema(
        name: "actors",
        meaning: "People and firms, with the office people held when they entered the run.",
        columns: [
            C("actor", .string, nil, "person:N or bidder:N"),
            C("kind", .string, nil, "person, villager (a villager who bids) or firm"),
            C("village", .string, nil, "village id, empty for pool firms and their owners"),
            C("role", .string, nil, "a person's role: an office, villager or firm-owner"),
            C("person", .integer, nil, "the person a bidder is or is owned by"),
            C("founded_day", .integer, "day", "a firm's founding day (negative: before the run)"),
        ],
        groundTruth: false)

    public static let relations = TableSchema(
        name: "relations",
        meaning: "Declared kinship ties between people (the `relation` events): the observable graph.",
        columns: [
            C("person", .integer, nil, "a person id"),
            C("relative", .integer, nil, "a relative's person id"),
        ],
        groundTruth: false)

    public static let hiddenRelations = TableSchema(
        name: "relations_hidden",
        meaning: "Undeclared kinship ties: ground truth, never observable, never to be used as features.",
        columns: relations.columns, groundTruth: true)

    public static let alerts = TableSchema(
        name: "alerts",
        meaning: "Alert rule outputs (alerts.csv of each replication), usable as features.",
        columns: [
            C("alert_id", .integer, nil, "alert id"),
            C("rule", .string, nil, "rule id"), C("severity", .string, nil, "yellow, orange or red"),
            C("day", .integer, "day", "day raised"), C("village", .string, nil, "village id"),
            C("subject", .string, nil, "listing:N, contract:N, bidder:N or village"),
            C("score", .decimal, nil, "value compared"), C("threshold", .decimal, nil, "threshold"),
            C("evidence", .string, nil, "event ids separated by spaces"),
        ],
        groundTruth: false)

    public static let cases = TableSchema(
        name: "cases",
        meaning: "The ground truth (cases.csv of each replication): misconduct cases and look-alikes.",
        columns: [
            C("case_id", .integer, nil, "case id within the replication"),
            C("kind", .string, nil, "misconduct or look-alike"), C("typology", .string, nil, "typology"),
            C("village", .string, nil, "village id"),
            C("perpetrators", .string, nil, "person ids separated by spaces"),
            C("beneficiary", .integer, nil, "bidder id, -1 if none"),
            C("start_day", .integer, "day", "first event touched"),
            C("end_day", .integer, "day", "last event touched"),
            C("loss_yuan", .decimal, "yuan", "money moved away from the collective, never negative"),
            C("adapted", .boolean, nil, "shaped to stay under known thresholds"),
            C("discovered_day", .integer, "day", "day an audit uncovered it, null if none"),
            C("events", .string, nil, "event ids separated by spaces"),
            C(
                "gain_yuan", .decimal, "yuan",
                "money booked above the honest counterfactual (a rigged deal that brought more); the loss is then 0"),
            C(
                "private_yuan", .decimal, "yuan",
                "money that changed hands privately (votes bought), never in the ledger"),
        ],
        groundTruth: true)

    /// Every table, in the order the data card lists them.
    public static let all = [transactions, ledger, events, actors, relations, hiddenRelations, alerts, cases]
}
