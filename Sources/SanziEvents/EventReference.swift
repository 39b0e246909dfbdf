extension EventSchema {
    /// What a field's value names, for a field that names something: a thing the run numbers
    /// as it goes (a listing, a contract, a lead), or a place in the scenario (a district, a
    /// task). Joins between the log's records, and between the log and the other outputs, go
    /// through these fields; a run split by district renumbers the first kind when it merges
    /// the districts' logs (docs/districts.md). A negative value is the field's "none" (its
    /// meaning says which).
    public enum Reference: String, Sendable, CaseIterable {
        /// A register item (a resource or asset of a village's register).
        case asset
        /// A listing on the trading platform, introduced by its `listing` record.
        case listing
        /// A bidder: a villager or a firm, one numbering for both.
        case bidder
        /// A person: a villager, a cadre, a firm's owner or an official.
        case person
        /// A contract, introduced by its `contract` or `renewal` record.
        case contract
        /// A loan from collective funds, introduced by its `loan` record that lends it.
        case loan
        /// A grievance or dispute, introduced by its first `petition` or by its answer.
        case grievance
        /// A lead for the discipline-inspection bodies, introduced by its `lead` record.
        case lead
        /// An investigation, introduced by its `investigation_opened` record.
        case investigation
        /// An alert of the early-warning system: `alert_id` in alerts.csv.
        case alert
        /// A district, by position in the scenario.
        case district
        /// A town, by position in the scenario.
        case town
        /// An intervention, by position in the scenario.
        case intervention
        /// An inspection, from 1 in the scenario's order.
        case inspection
        /// A rectification task, from 1 in the scenario's order.
        case task
        /// A satisfaction survey, from 1 in the scenario's order.
        case survey
        /// What the lead's `about` field says: a listing, contract, bidder or person.
        case leadTarget = "lead target"
        /// What the body's `level` field says: a town (township), a district, or none (the city).
        case bodyArea = "body area"
    }
}
