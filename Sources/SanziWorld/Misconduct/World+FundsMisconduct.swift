import SanziEngine
import SanziEvents
import SanziScenario

/// Misconduct and look-alikes in the ledger: fake disbursements, excessive spending, diverted
/// compensation, misappropriated loans and vote-buying.
extension World {
    /// Once a month: a fake invoice or a spending spree, or their honest look-alikes (a
    /// supplier paid in round sums, an official visit).
    mutating func spendCorruptly(_ village: Int32, calendarMonth: Int, _ scheduler: inout Scheduler<Event>) {
        if let offenders = offenders(.fakeDisbursement, in: village, stake: 15_000_00, on: scheduler.now) {
            fakeInvoice(village, offenders: offenders, &scheduler)
        } else if lookAlike(.fakeDisbursement, in: village) {
            paySupplierInRoundSums(village, &scheduler)
        }
        guard let hospitality = ledger.spendingPerYear[Int(village)].first(where: { $0.kind == .hospitality })
        else { return }
        let monthly = Double(hospitality.amount) / 12
        if let offenders = offenders(.excessiveSpending, in: village, stake: Int64(monthly * 3), on: scheduler.now) {
            let adaptive = adapts(.excessiveSpending, in: village)
            let factor = misconduct.villages[Int(village)].random.uniform(adaptive ? 0.5...1.0 : 2...5)
            let tag = openCase(
                .excessiveSpending, village: village, perpetrators: offenders, adapted: adaptive, on: scheduler.now)
            casePayment(village: village, purpose: .hospitality, amount: Int64(monthly * factor), case: tag, &scheduler)
        } else if lookAlike(.excessiveSpending, in: village) {
            let tag = openCase(.excessiveSpending, .lookAlike, village: village, on: scheduler.now)
            let votesFor = Self.votes(
                villages[Int(village)].representatives, &misconduct.villages[Int(village)].lookAlikes)
            emitDecision(village: village, item: -1, deal: .works, votesFor: votesFor, &scheduler)
            let amount = Int64(monthly * misconduct.villages[Int(village)].lookAlikes.uniform(3...6))
            pay(village: village, purpose: .hospitality, amount: amount, preferCash: false, case: tag, &scheduler)
        }
    }

    /// An invented invoice paid to a crony: a round sum signed off by the finance head alone;
    /// an adaptive accountant keeps it under the second approval tier (F02) in an odd amount
    /// (F05).
    private mutating func fakeInvoice(_ village: Int32, offenders: [Int32], _ scheduler: inout Scheduler<Event>) {
        guard let payee = accomplices(1, near: village).first else { return }
        let adaptive = adapts(.fakeDisbursement, in: village)
        let concealed = conceals(.fakeDisbursement, in: village)
        let v = Int(village)
        let amount: Int64
        if adaptive, let tier = misconduct.knowledge.secondApprovalTier {
            amount =
                Int64(Double(tier) * misconduct.villages[v].random.uniform(0.8...0.99))
                + Int64(misconduct.villages[v].random.integer(in: 1...9_999))
        } else {
            amount = Int64(misconduct.villages[v].random.integer(in: 3...30)) * 1_000_00
        }
        let purpose: LogRecord.DisbursementPurpose =
            misconduct.villages[v].random.bernoulli(0.5) ? .maintenance : .office
        let tag = openCase(
            .fakeDisbursement, village: village, perpetrators: offenders, beneficiary: payee, adapted: adaptive,
            on: scheduler.now)
        if pay(
            village: village, purpose: purpose, amount: amount, payee: bidderID(payee), preferCash: false,
            case: tag, approver: adaptive || concealed ? nil : .financeHead, &scheduler)
        {
            misconduct.book(tag, expected: 0, booked: -amount)
        }
    }

    /// Three honest payments of round sums to one local supplier (a look-alike of fake invoices).
    private mutating func paySupplierInRoundSums(_ village: Int32, _ scheduler: inout Scheduler<Event>) {
        let v = Int(village)
        guard let supplier = lookAlikeCounterparty(in: village) else { return }
        let amounts = (0..<3).map { _ in Int64(misconduct.villages[v].lookAlikes.integer(in: 1...8)) * 1_000_00 }
        let tag = openCase(.fakeDisbursement, .lookAlike, village: village, beneficiary: supplier, on: scheduler.now)
        for amount in amounts {
            pay(
                village: village, purpose: .maintenance, amount: amount, payee: bidderID(supplier), preferCash: false,
                case: tag, &scheduler)
        }
    }

    /// A payment a case makes from the bank, booked as the case's loss.
    mutating func casePayment(
        village: Int32, purpose: LogRecord.DisbursementPurpose, amount: Int64, case tag: Int32,
        _ scheduler: inout Scheduler<Event>
    ) {
        if pay(village: village, purpose: purpose, amount: amount, preferCash: false, case: tag, &scheduler) {
            misconduct.book(tag, expected: 0, booked: -amount)
        }
    }

    /// Compensation owed to households: a corrupt cadre diverts a share to a crony; an honest
    /// collective may vote to keep a share for reinvestment (the look-alike). Returns the
    /// amount withheld from the households and the case, if any.
    mutating func divert(compensation owed: Int64, village: Int32, _ scheduler: inout Scheduler<Event>) -> (
        Int64, Int32
    ) {
        let v = Int(village)
        if let offenders = offenders(.divertedCompensation, in: village, stake: owed * 17 / 100, on: scheduler.now),
            let crony = accomplices(1, near: village).first
        {
            let diverted = Int64(Double(owed) * lossShare(.divertedCompensation, in: village, fallback: 0.05...0.3))
            let tag = openCase(
                .divertedCompensation, village: village, perpetrators: offenders, beneficiary: crony, on: scheduler.now)
            transferCompensation(village: village, amount: diverted, payee: bidderID(crony), case: tag, &scheduler)
            misconduct.book(tag, expected: 0, booked: -diverted)
            // The households are paid short: they know at once.
            aggrieve(about: tag)
            return (diverted, tag)
        }
        guard lookAlike(.divertedCompensation, in: village) else { return (0, -1) }
        let tag = openCase(.divertedCompensation, .lookAlike, village: village, on: scheduler.now)
        let votesFor = Self.votes(villages[v].representatives, &misconduct.villages[v].lookAlikes)
        emitDecision(village: village, item: -1, deal: .works, votesFor: votesFor, &scheduler)
        let retained = Int64(Double(owed) * misconduct.villages[v].lookAlikes.uniform(0.1...0.3))
        transferCompensation(village: village, amount: retained, case: tag, &scheduler)
        receive(village: village, account: .basic, purpose: .compensation, amount: retained, case: tag, &scheduler)
        return (retained, tag)
    }

    /// Once a year: the cashier lends collective money to a crony without a vote (an adaptive
    /// one forges the vote, F09); most of it comes back later, without interest.
    mutating func misappropriate(_ village: Int32, _ scheduler: inout Scheduler<Event>) {
        let lendable = min(ledger[village, .basic] / 2, 300_000_00)
        guard let offenders = offenders(.misappropriation, in: village, stake: lendable / 5, on: scheduler.now),
            let borrower = accomplices(1, near: village).first
        else { return }
        let v = Int(village)
        let adaptive = adapts(.misappropriation, in: village)
        let amount = min(
            Int64(misconduct.villages[v].random.integer(in: 20_000_00...300_000_00)), ledger[village, .basic] / 2)
        guard amount > 0 else { return }
        let term = Int32(misconduct.villages[v].random.integer(in: 60...400))
        let returns = misconduct.villages[v].random.bernoulli(0.8)
        let tag = openCase(
            .misappropriation, village: village, perpetrators: offenders, beneficiary: borrower, adapted: adaptive,
            on: scheduler.now)
        if adaptive {
            let votesFor = Self.votes(villages[v].representatives, &misconduct.villages[v].random)
            emitDecision(village: village, item: -1, deal: .works, votesFor: votesFor, &scheduler)
        }
        let loan = lend(amount, to: borrower, village: village, termDays: term, case: tag, &scheduler)
        misconduct.book(tag, expected: 0, booked: -amount)
        if returns {
            scheduler.schedule(
                park(
                    .loanRepaid(
                        loan: loan, principal: amount, village: village, borrower: borrower, termDays: term, case: tag)),
                after: Tick(term) + Tick(misconduct.villages[v].random.integer(in: 0...60)))
        }
    }

    /// Weeks before an election: a corrupt candidate hands out "welfare" from collective funds
    /// in round sums shortly before the vote (adaptive: before F07's window); or, honestly, the
    /// usual festival welfare happens to fall before it.
    mutating func campaign(_ village: Int32, electionDay: Int32, _ scheduler: inout Scheduler<Event>) {
        let v = Int(village)
        let households = Double(villages[v].households)
        if let offenders = offenders(
            .voteBuying, in: village, stake: Int64(villages[v].households) * 200_00, on: scheduler.now)
        {
            let adaptive = adapts(.voteBuying, in: village)
            let window = adaptive ? misconduct.knowledge.electionWindowDays : nil
            let tag = openCase(
                .voteBuying, village: village, perpetrators: offenders, adapted: adaptive, on: scheduler.now)
            for _ in 0..<misconduct.villages[v].random.integer(in: 3...8) {
                let before =
                    window.map { misconduct.villages[v].random.integer(in: ($0 + 1)...($0 + 60)) }
                    ?? misconduct.villages[v].random.integer(in: 5...55)
                let amount = Int64(households * misconduct.villages[v].random.uniform(5...20)) / 100 * 100_00
                scheduler.schedule(
                    park(.casePayment(village: village, purpose: .welfare, amount: max(amount, 100_00), case: tag)),
                    at: max(scheduler.now, Tick(electionDay) - Tick(before)))
            }
        } else if lookAlike(.voteBuying, in: village) {
            let tag = openCase(.voteBuying, .lookAlike, village: village, on: scheduler.now)
            let amount = Int64(households * misconduct.villages[v].lookAlikes.uniform(10...30)) * 100
            let day = max(
                scheduler.now, Tick(electionDay) - Tick(misconduct.villages[v].lookAlikes.integer(in: 10...50)))
            scheduler.schedule(
                park(.casePayment(village: village, purpose: .welfare, amount: amount, case: tag)), at: day)
        }
        buyVotes(village, on: scheduler.now)
    }

    /// Election bribery (贿选) with the candidate's own money: the challenger for director
    /// comes forward; the corrupt holder (at the typology's rate, if he dares) or else a
    /// corrupt challenger (at the same rate) buys 10–30% of the other side's voters at 200–1,000
    /// yuan a vote. Nothing enters the ledger; the case records the money paid. Honestly, a
    /// popular holder may win over as many with no money at all (the look-alike).
    mutating func buyVotes(_ village: Int32, on day: Tick) {
        let v = Int(village)
        let holder = people.offices[v].director
        guard holder >= 0 else { return }
        let challenger = nominate(village)
        if let buyer = voteBuyer(village, holder: holder, challenger: challenger, on: day) {
            let share = misconduct.villages[v].random.uniform(0.1...0.3)
            let price = misconduct.villages[v].random.uniform(200...1_000)
            let votes = share * Double(villages[v].households) / 2
            let tag = openCase(.electionBribery, village: village, perpetrators: [buyer], on: day)
            misconduct.cases[Int(tag)].privateMoney = Int64((votes * price).rounded()) * 100
            misconduct.villages[v].swing = (buyer, share, tag)
        } else if lookAlike(.electionBribery, in: village) {
            let share = misconduct.villages[v].lookAlikes.uniform(0.1...0.3)
            let tag = openCase(.electionBribery, .lookAlike, village: village, on: day)
            misconduct.villages[v].swing = (holder, share, tag)
        }
    }

    /// The candidate who buys votes, if any: the corrupt holder first, else a corrupt challenger.
    private mutating func voteBuyer(_ village: Int32, holder: Int32, challenger: Int32, on day: Tick) -> Int32? {
        guard let setting = misconduct.setting(.electionBribery) else { return nil }
        let stake = Int64(villages[Int(village)].households) * 500_00
        if let offenders = offenders(.electionBribery, in: village, stake: stake, on: day), offenders.contains(holder) {
            return holder
        }
        let rate = min(1, setting.rate * policy(of: village).misconductScale[Typology.electionBribery.index])
        guard people.persons[Int(challenger)].corrupt, misconduct.villages[Int(village)].random.bernoulli(rate),
            dares([challenger], stake: stake, in: village, on: day)
        else { return nil }
        return challenger
    }
}
