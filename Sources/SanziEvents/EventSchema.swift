/// What each slot of a `LogRecord` means for each event type: the field names written to
/// `events.jsonl` and documented in `docs/events.md`.
public enum EventSchema {
    /// Where a field's value lives in a record.
    public enum Slot: Sendable {
        case subject, other, party, amount, amount2, count, count2
        /// The code, written as one of the given names.
        case code([String])
        /// `count` or `count2`, written as one of the given names.
        case countNamed([String]), count2Named([String])

        /// The record's field that holds the slot's number.
        var number: LogRecord.Number {
            switch self {
            case .subject: .subject
            case .other: .other
            case .party: .party
            case .amount: .amount
            case .amount2: .amount2
            case .count, .countNamed: .count
            case .count2, .count2Named: .count2
            case .code: .code
            }
        }
    }

    public struct Field: Sendable {
        public var name: String
        public var slot: Slot
        /// What the value names, when it names something.
        public var refersTo: Reference? = nil
        public var meaning: String
    }

    /// The fields of one event type, in the order they are written.
    public static func fields(of type: EventType) -> [Field] {
        switch type {
        case .decision:
            return [
                Field(name: "asset", slot: .subject, refersTo: .asset, meaning: "register item the decision is about"),
                Field(name: "deal", slot: .code(LogRecord.Deal.names), meaning: "what was decided"),
                Field(name: "votes_for", slot: .count, meaning: "representatives voting for"),
                Field(name: "votes_against", slot: .count2, meaning: "representatives voting against or abstaining"),
            ]
        case .listing:
            return [
                Field(name: "listing", slot: .subject, refersTo: .listing, meaning: "listing id"),
                Field(name: "asset", slot: .other, refersTo: .asset, meaning: "register item listed"),
                Field(name: "deal", slot: .code(LogRecord.Deal.names), meaning: "deal kind"),
                Field(name: "appraisal_fen", slot: .amount, meaning: "appraised total value over the term"),
                Field(name: "reserve_fen", slot: .amount2, meaning: "reserve price (total over the term)"),
                Field(name: "term_years", slot: .count, meaning: "term offered, years (0 for a sale)"),
                Field(name: "announcement_days", slot: .count2, meaning: "announcement period, days"),
                Field(name: "relisting", slot: .party, meaning: "0 for a first listing, n for the n-th relisting"),
            ]
        case .registration:
            return [
                Field(name: "listing", slot: .subject, refersTo: .listing, meaning: "listing id"),
                Field(
                    name: "bidder", slot: .party, refersTo: .bidder, meaning: "registered bidder (person or firm id)"),
                Field(name: "deposit_fen", slot: .amount, meaning: "deposit paid"),
                Field(
                    name: "founded_day", slot: .count,
                    meaning: "day the bidder was founded (negative: before the run; 0 for villagers)"),
                Field(name: "kind", slot: .count2Named(LogRecord.BidderKind.names), meaning: "a villager or a firm"),
                Field(
                    name: "owner", slot: .other, refersTo: .person,
                    meaning: "person id of the villager, or of the firm's registered owner"
                ),
            ]
        case .bid:
            return [
                Field(name: "listing", slot: .subject, refersTo: .listing, meaning: "listing id"),
                Field(name: "bidder", slot: .party, refersTo: .bidder, meaning: "bidder"),
                Field(name: "amount_fen", slot: .amount, meaning: "the bidder's last bid (total over the term)"),
            ]
        case .award:
            return [
                Field(name: "listing", slot: .subject, refersTo: .listing, meaning: "listing id"),
                Field(name: "winner", slot: .party, refersTo: .bidder, meaning: "winning bidder"),
                Field(name: "price_fen", slot: .amount, meaning: "winning price (total over the term)"),
                Field(name: "reserve_fen", slot: .amount2, meaning: "reserve price"),
                Field(name: "method", slot: .code(LogRecord.Method.names), meaning: "how the winner was chosen"),
                Field(name: "bidders", slot: .count, meaning: "registered bidders"),
            ]
        case .listingFailed:
            return [
                Field(name: "listing", slot: .subject, refersTo: .listing, meaning: "listing id"),
                Field(name: "bidders", slot: .count, meaning: "registered bidders (fewer than required)"),
            ]
        case .contract:
            return [
                Field(name: "contract", slot: .subject, refersTo: .contract, meaning: "contract id"),
                Field(
                    name: "listing", slot: .other, refersTo: .listing,
                    meaning:
                        "listing it came from; -1 for a small deal under the threshold, -2 for a lease running when the scenario starts"
                ),
                Field(name: "counterparty", slot: .party, refersTo: .bidder, meaning: "tenant, buyer or contractor"),
                Field(name: "deal", slot: .code(LogRecord.Deal.names), meaning: "deal kind"),
                Field(name: "annual_fen", slot: .amount, meaning: "price per year (whole price for sales and works)"),
                Field(name: "total_fen", slot: .amount2, meaning: "price over the whole term"),
                Field(name: "term_years", slot: .count, meaning: "term, years (0 for a sale)"),
                Field(name: "asset", slot: .count2, refersTo: .asset, meaning: "register item (-1 for works)"),
            ]
        case .payment:
            return [
                Field(name: "contract", slot: .subject, refersTo: .contract, meaning: "contract paid"),
                Field(name: "payer", slot: .party, refersTo: .bidder, meaning: "who paid (tenant or buyer)"),
                Field(name: "amount_fen", slot: .amount, meaning: "amount paid"),
                Field(name: "installment", slot: .count, meaning: "installment number, from 1"),
                Field(name: "days_late", slot: .count2, meaning: "days after the due date"),
            ]
        case .arrears:
            return [
                Field(name: "contract", slot: .subject, refersTo: .contract, meaning: "contract in arrears"),
                Field(name: "tenant", slot: .party, refersTo: .bidder, meaning: "who owes"),
                Field(name: "owed_fen", slot: .amount, meaning: "amount overdue"),
                Field(name: "installment", slot: .count, meaning: "installment overdue"),
                Field(name: "days_overdue", slot: .count2, meaning: "days since the due date"),
            ]
        case .termination:
            return [
                Field(name: "contract", slot: .subject, refersTo: .contract, meaning: "contract ended"),
                Field(name: "reason", slot: .code(LogRecord.TerminationReason.names), meaning: "why it ended"),
                Field(name: "counterparty", slot: .party, refersTo: .bidder, meaning: "tenant, buyer or contractor"),
            ]
        case .amendment:
            return [
                Field(name: "contract", slot: .subject, refersTo: .contract, meaning: "contract amended"),
                Field(name: "kind", slot: .code(LogRecord.AmendmentKind.names), meaning: "what changed"),
                Field(name: "old_fen", slot: .amount, meaning: "annual price before"),
                Field(name: "new_fen", slot: .amount2, meaning: "annual price after"),
                Field(name: "old_term_years", slot: .count, meaning: "term before"),
                Field(name: "new_term_years", slot: .count2, meaning: "term after"),
            ]
        case .renewal:
            return [
                Field(name: "contract", slot: .subject, refersTo: .contract, meaning: "the new contract"),
                Field(name: "previous", slot: .other, refersTo: .contract, meaning: "the contract it renews"),
                Field(name: "counterparty", slot: .party, refersTo: .bidder, meaning: "the sitting tenant"),
                Field(name: "annual_fen", slot: .amount, meaning: "price per year"),
                Field(name: "total_fen", slot: .amount2, meaning: "price over the whole term"),
                Field(name: "term_years", slot: .count, meaning: "term, years"),
                Field(name: "asset", slot: .count2, refersTo: .asset, meaning: "register item"),
            ]
        case .loan:
            return [
                Field(
                    name: "kind", slot: .code(LogRecord.LoanKind.names),
                    meaning: "money lent out of the basic account, or repaid into it"),
                Field(name: "borrower", slot: .party, refersTo: .bidder, meaning: "bidder who borrowed"),
                Field(name: "amount_fen", slot: .amount, meaning: "principal lent, or principal and interest repaid"),
                Field(name: "interest_fen", slot: .amount2, meaning: "interest included in a repayment"),
                Field(name: "loan", slot: .subject, refersTo: .loan, meaning: "loan id"),
                Field(name: "term_days", slot: .count, meaning: "agreed term, days"),
            ]
        case .receipt:
            return [
                Field(name: "purpose", slot: .code(LogRecord.ReceiptPurpose.names), meaning: "what the money is for"),
                Field(name: "account", slot: .countNamed(LogRecord.Account.names), meaning: "account credited"),
                Field(name: "amount_fen", slot: .amount, meaning: "amount received"),
                Field(
                    name: "contract", slot: .subject, refersTo: .contract, meaning: "contract it settles, -1 if none"),
                Field(
                    name: "payer", slot: .party, refersTo: .bidder,
                    meaning: "bidder who paid, -1 for government or others"),
            ]
        case .disbursement:
            return [
                Field(
                    name: "purpose", slot: .code(LogRecord.DisbursementPurpose.names), meaning: "what the money is for"),
                Field(name: "account", slot: .countNamed(LogRecord.Account.names), meaning: "account debited"),
                Field(name: "amount_fen", slot: .amount, meaning: "amount paid out"),
                Field(name: "approver", slot: .count2Named(LogRecord.Approver.names), meaning: "who signed it off"),
                Field(
                    name: "payee", slot: .party, refersTo: .bidder,
                    meaning: "bidder paid (a works contractor), -1 for staff, households or suppliers"),
                Field(name: "contract", slot: .subject, refersTo: .contract, meaning: "contract it pays, -1 if none"),
            ]
        case .banking:
            return [
                Field(name: "kind", slot: .code(LogRecord.BankingKind.names), meaning: "cash banked or withdrawn"),
                Field(name: "amount_fen", slot: .amount, meaning: "amount moved between cash and the bank"),
                Field(name: "cash_after_fen", slot: .amount2, meaning: "cash on hand afterwards"),
            ]
        case .compensationDistributed:
            return [
                Field(name: "households", slot: .count, meaning: "households paid"),
                Field(name: "amount_fen", slot: .amount, meaning: "total paid to households"),
            ]
        case .publicity:
            return [
                Field(name: "frequency", slot: .code(LogRecord.Frequency.names), meaning: "the rule it follows"),
                Field(name: "items", slot: .count, meaning: "ledger entries posted"),
            ]
        case .review:
            return [Field(name: "findings", slot: .count, meaning: "issues the supervision committee reported")]
        case .audit:
            return [Field(name: "findings", slot: .count, meaning: "issues the audit reported")]
        case .election:
            return [
                Field(name: "turnover", slot: .count, meaning: "cadres replaced"),
                Field(
                    name: "director", slot: .party, refersTo: .person,
                    meaning: "person id of the director after the election"),
            ]
        case .petition:
            return [
                Field(name: "topic", slot: .code(LogRecord.PetitionTopic.names), meaning: "what the petition is about"),
                Field(name: "households", slot: .count, meaning: "households petitioning"),
                Field(
                    name: "grievance", slot: .subject, refersTo: .grievance,
                    meaning:
                        "the grievance or dispute it presses (id from 1; its petitions share it), -1 for a one-off petition"
                ),
                Field(
                    name: "level", slot: .count2Named(LogRecord.Level.names),
                    meaning: "where it is filed: the township, or a district or the city when it goes over heads (越级)"),
                Field(name: "earlier", slot: .other, meaning: "petitions filed on the same grievance before this one"),
            ]
        case .office:
            return [
                Field(name: "person", slot: .subject, refersTo: .person, meaning: "person id of the office holder"),
                Field(name: "role", slot: .code(LogRecord.Role.names), meaning: "the office held from this day"),
            ]
        case .relation:
            return [
                Field(name: "person", slot: .subject, refersTo: .person, meaning: "a person id"),
                Field(
                    name: "relative", slot: .party, refersTo: .person,
                    meaning: "a relative's person id (a declared kinship tie)"),
            ]
        case .intervention:
            return [
                Field(name: "change", slot: .code(LogRecord.InterventionKind.names), meaning: "what changed"),
                Field(
                    name: "value", slot: .amount,
                    meaning: "new value: fen, days, index into frequencies, 0/1, or factor × 1000"),
                Field(
                    name: "index", slot: .count, refersTo: .intervention,
                    meaning: "the intervention's position in the scenario"),
                Field(
                    name: "district", slot: .party, refersTo: .district,
                    meaning:
                        "the district it applies in, by position in the scenario, and `village` one of its villages (logged once per village); -1 with a null village when it applies everywhere"
                ),
                Field(
                    name: "task", slot: .other, refersTo: .task,
                    meaning: "the rectification task whose completion made the change (its `index` is then -1), or -1"),
            ]
        case .lead:
            return [
                Field(name: "lead", slot: .subject, refersTo: .lead, meaning: "lead id, from 1"),
                Field(name: "source", slot: .code(LogRecord.LeadSource.names), meaning: "where it comes from"),
                Field(name: "about", slot: .count2Named(LogRecord.LeadAbout.names), meaning: "what it names"),
                Field(
                    name: "about_id", slot: .other, refersTo: .leadTarget,
                    meaning: "the listing, contract, bidder or person it names (-1 for the village as a whole)"),
                Field(
                    name: "severity", slot: .countNamed(Severity.allCases.map(\.rawValue)),
                    meaning:
                        "how grave: an alert's severity; reviews and first petitions orange; repeated petitions, audits and referrals red"
                ),
                Field(
                    name: "alert", slot: .party, refersTo: .alert,
                    meaning: "the alert behind it (alert_id in alerts.csv), -1 if none"),
                Field(
                    name: "joins", slot: .amount, refersTo: .lead,
                    meaning: "an open lead on the same matter at the same body this one adds evidence to, or -1"),
            ]
        case .leadDropped:
            return [
                Field(
                    name: "lead", slot: .subject, refersTo: .lead,
                    meaning: "the lead shelved (暂存待查) after waiting too long"),
                Field(name: "level", slot: .code(LogRecord.Level.names), meaning: "the body's level"),
                Field(
                    name: "area", slot: .party, refersTo: .bodyArea,
                    meaning:
                        "the body's town (township) or district (district) by position in the scenario, -1 for the city"
                ),
                Field(name: "waited_days", slot: .count, meaning: "days it waited"),
            ]
        case .investigationOpened:
            return [
                Field(
                    name: "investigation", slot: .subject, refersTo: .investigation, meaning: "investigation id, from 1"
                ),
                Field(name: "lead", slot: .other, refersTo: .lead, meaning: "the lead it takes up"),
                Field(name: "level", slot: .code(LogRecord.Level.names), meaning: "the body's level"),
                Field(
                    name: "area", slot: .party, refersTo: .bodyArea,
                    meaning:
                        "the body's town (township) or district (district) by position in the scenario, -1 for the city"
                ),
                Field(
                    name: "kind", slot: .countNamed(LogRecord.InvestigationKind.names),
                    meaning: "talk or written inquiry (谈话函询), preliminary check (初步核实), or joint task force"),
                Field(name: "queued", slot: .count2, meaning: "leads still waiting at the body"),
            ]
        case .investigationClosed:
            return [
                Field(name: "investigation", slot: .subject, refersTo: .investigation, meaning: "investigation id"),
                Field(name: "outcome", slot: .code(LogRecord.Outcome.names), meaning: "what it found"),
                Field(name: "investigator_days", slot: .count, meaning: "investigator-days it took"),
                Field(name: "people", slot: .count2, meaning: "people sanctioned"),
                Field(name: "amount_fen", slot: .amount, meaning: "money the proven cases involve"),
            ]
        case .sanction:
            return [
                Field(name: "person", slot: .subject, refersTo: .person, meaning: "person id of the one sanctioned"),
                Field(
                    name: "investigation", slot: .other, refersTo: .investigation,
                    meaning: "the investigation that proved it"),
                Field(name: "kind", slot: .code(LogRecord.SanctionKind.names), meaning: "the sanction"),
                Field(
                    name: "rank", slot: .countNamed(LogRecord.Rank.names),
                    meaning: "who manages the person: village cadres, township, district- or city-managed officials"),
                Field(name: "amount_fen", slot: .amount, meaning: "money the person's proven cases involve"),
                Field(
                    name: "charge", slot: .count2Named(LogRecord.Charge.names),
                    meaning: "what for: the charge a prosecutor would bring, or discipline where no crime fits"),
            ]
        case .recovery:
            return [
                Field(
                    name: "investigation", slot: .subject, refersTo: .investigation,
                    meaning: "the investigation that recovered it"),
                Field(name: "account", slot: .countNamed(LogRecord.Account.names), meaning: "account credited"),
                Field(name: "amount_fen", slot: .amount, meaning: "money returned to the village"),
            ]
        case .removal:
            return [
                Field(name: "person", slot: .subject, refersTo: .person, meaning: "person removed from office"),
                Field(name: "role", slot: .code(LogRecord.Role.names), meaning: "the office lost"),
                Field(
                    name: "investigation", slot: .other, refersTo: .investigation,
                    meaning: "the investigation behind it"),
            ]
        case .appointment:
            return [
                Field(name: "person", slot: .subject, refersTo: .person, meaning: "person appointed"),
                Field(name: "role", slot: .code(LogRecord.Role.names), meaning: "the office taken"),
                Field(name: "replaces", slot: .other, refersTo: .person, meaning: "the person removed"),
            ]
        case .blacklist:
            return [
                Field(
                    name: "bidder", slot: .party, refersTo: .bidder,
                    meaning: "bidder barred from the platform from this day"),
                Field(
                    name: "investigation", slot: .other, refersTo: .investigation,
                    meaning: "the investigation behind it"),
            ]
        case .exposure:
            return [
                Field(
                    name: "investigation", slot: .subject, refersTo: .investigation,
                    meaning: "investigation published on the exposure board (曝光台)"),
                Field(name: "people", slot: .count, meaning: "people sanctioned"),
                Field(name: "amount_fen", slot: .amount, meaning: "money involved"),
            ]
        case .inspection:
            return [
                Field(
                    name: "inspection", slot: .subject, refersTo: .inspection,
                    meaning: "inspection id, from 1, in the scenario's order"),
                Field(
                    name: "district", slot: .party, refersTo: .district,
                    meaning: "the district inspected, by position in the scenario"),
                Field(name: "tasks", slot: .count, meaning: "feedback items, each a task of the rectification ledger"),
                Field(name: "target_day", slot: .count2, meaning: "the day (from 0) rectification must be complete"),
            ]
        case .taskOpened:
            return [
                Field(
                    name: "task", slot: .subject, refersTo: .task, meaning: "task id, from 1, in the scenario's order"),
                Field(
                    name: "inspection", slot: .other, refersTo: .inspection,
                    meaning: "the inspection whose feedback it answers"),
                Field(
                    name: "district", slot: .party, refersTo: .district,
                    meaning: "the district, by position in the scenario"),
                Field(name: "owner", slot: .code(LogRecord.Level.names), meaning: "who answers for it"),
                Field(
                    name: "due_day", slot: .count, meaning: "the day (from 0) it is due, counted back from the target"),
            ]
        case .taskOverdue:
            return [
                Field(name: "task", slot: .subject, refersTo: .task, meaning: "the task, not done by its due day"),
                Field(
                    name: "district", slot: .party, refersTo: .district,
                    meaning: "the district, by position in the scenario"),
                Field(name: "owner", slot: .code(LogRecord.Level.names), meaning: "who answers for it"),
            ]
        case .taskDone:
            return [
                Field(
                    name: "task", slot: .subject, refersTo: .task,
                    meaning: "the task done; what it changes takes effect now"),
                Field(
                    name: "district", slot: .party, refersTo: .district,
                    meaning: "the district, by position in the scenario"),
                Field(name: "owner", slot: .code(LogRecord.Level.names), meaning: "who answers for it"),
                Field(
                    name: "days_late", slot: .count,
                    meaning: "days after its due day (0 when on time; a guidance group followed it up)"),
            ]
        case .petitionAnswered:
            return [
                Field(
                    name: "grievance", slot: .subject, refersTo: .grievance,
                    meaning: "the grievance answered (its petitions' grievance id)"),
                Field(name: "by", slot: .code(LogRecord.AnsweredBy.names), meaning: "what answered it"),
                Field(name: "petitions", slot: .count, meaning: "petitions it had filed"),
                Field(
                    name: "published", slot: .count2,
                    meaning: "1 when the answer was posted on the echo wall (回音壁), with the village's openness; else 0"),
            ]
        case .survey:
            return [
                Field(
                    name: "survey", slot: .subject, refersTo: .survey,
                    meaning: "survey id, from 1, in the scenario's order"),
                Field(
                    name: "district", slot: .party, refersTo: .district,
                    meaning: "the district surveyed, by position, -1 for all"),
                Field(name: "respondents", slot: .count, meaning: "people asked"),
                Field(name: "cadres", slot: .count2, meaning: "of them, village cadres"),
                Field(name: "aware", slot: .other, meaning: "respondents who know of the rectification"),
                Field(name: "approving", slot: .amount, meaning: "respondents who approve of it"),
            ]
        case .ballot:
            return [
                Field(
                    name: "candidate", slot: .subject, refersTo: .person,
                    meaning: "person id of a candidate for director"),
                Field(name: "standing", slot: .code(LogRecord.Standing.names), meaning: "the holder, or a challenger"),
                Field(name: "votes", slot: .count, meaning: "votes cast for the candidate"),
                Field(name: "voters", slot: .count2, meaning: "votes cast in all (one per household)"),
                Field(name: "elected", slot: .other, meaning: "1 for the winner, 0 for the other"),
            ]
        case .disqualification:
            return [
                Field(name: "listing", slot: .subject, refersTo: .listing, meaning: "listing id"),
                Field(name: "bidder", slot: .party, refersTo: .bidder, meaning: "the bidder turned away"),
                Field(name: "deal", slot: .code(LogRecord.Deal.names), meaning: "the listing's deal"),
                Field(
                    name: "offer_fen", slot: .amount,
                    meaning: "the sealed offer it had lodged, opened at the review (total over the term)"),
            ]
        case .village:
            return [
                Field(
                    name: "district", slot: .party, refersTo: .district,
                    meaning: "its district, by position in the scenario"),
                Field(name: "town", slot: .other, refersTo: .town, meaning: "its town, by position in the scenario"),
                Field(name: "households", slot: .count, meaning: "the collective's households"),
            ]
        }
    }
}
