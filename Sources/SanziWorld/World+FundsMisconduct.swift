import SanziEngine
import SanziEvents
import SanziScenario

/// Misconduct and look-alikes in the ledger: fake disbursements, excessive spending, diverted
/// compensation, misappropriated loans and vote-buying.
extension World {
    /// Once a month: a fake invoice or a spending spree, or their honest look-alikes (a
    /// supplier paid in round sums, an official visit).
    mutating func spendCorruptly(_ village: Int32, calendarMonth: Int, _ scheduler: inout Scheduler<Event>) {
        if let offenders = offenders(.fakeDisbursement, in: village) {
            fakeInvoice(village, offenders: offenders, &scheduler)
        } else if lookAlike(.fakeDisbursement, in: village) {
            paySupplierInRoundSums(village, &scheduler)
        }
        guard let hospitality = villages[Int(village)].spendingPerYear.first(where: { $0.kind == .hospitality })
        else { return }
        let monthly = Double(hospitality.amount) / 12
        if let offenders = offenders(.excessiveSpending, in: village) {
            let adaptive = adapts(.excessiveSpending, in: village)
            let factor = villages[Int(village)].misconduct.uniform(adaptive ? 0.5...1.0 : 2...5)
            let tag = openCase(
                .excessiveSpending, village: village, perpetrators: offenders, adapted: adaptive, on: scheduler.now)
            casePayment(village: village, purpose: 4, amount: Int64(monthly * factor), case: tag, &scheduler)
        } else if lookAlike(.excessiveSpending, in: village) {
            let tag = openCase(.excessiveSpending, .lookAlike, village: village, on: scheduler.now)
            var random = villages[Int(village)].lookAlikes
            emitDecision(village: village, item: -1, deal: .works, &random, &scheduler)
            let amount = Int64(monthly * random.uniform(3...6))
            villages[Int(village)].lookAlikes = random
            pay(village: village, purpose: 4, amount: amount, preferCash: false, case: tag, &scheduler)
        }
    }

    /// An invented invoice paid to a crony: a round sum signed off by the finance head alone;
    /// an adaptive accountant keeps it under the second approval tier (F02) in an odd amount
    /// (F05).
    private mutating func fakeInvoice(_ village: Int32, offenders: [Int32], _ scheduler: inout Scheduler<Event>) {
        guard let payee = accomplices(1, near: village).first else { return }
        let adaptive = adapts(.fakeDisbursement, in: village)
        let concealed = conceals(.fakeDisbursement, in: village)
        var random = villages[Int(village)].misconduct
        let amount: Int64
        if adaptive, let tier = conduct.knowledge.secondApprovalTier {
            amount = Int64(Double(tier) * random.uniform(0.8...0.99)) + Int64(random.integer(in: 1...9_999))
        } else {
            amount = Int64(random.integer(in: 3...30)) * 1_000_00
        }
        let purpose: UInt8 = random.bernoulli(0.5) ? 2 : 6
        villages[Int(village)].misconduct = random
        let tag = openCase(
            .fakeDisbursement, village: village, perpetrators: offenders, beneficiary: payee, adapted: adaptive,
            on: scheduler.now)
        if pay(
            village: village, purpose: purpose, amount: amount, payee: bidders[Int(payee)].id, preferCash: false,
            case: tag, approver: adaptive || concealed ? nil : 0, &scheduler)
        {
            book(tag, expected: 0, booked: -amount)
        }
    }

    /// Three honest payments of round sums to one local supplier (a look-alike of fake invoices).
    private mutating func paySupplierInRoundSums(_ village: Int32, _ scheduler: inout Scheduler<Event>) {
        let local = villages[Int(village)].localBidders
        guard !local.isEmpty else { return }
        var random = villages[Int(village)].lookAlikes
        let supplier = local[random.integer(in: 0...(local.count - 1))]
        let amounts = (0..<3).map { _ in Int64(random.integer(in: 1...8)) * 1_000_00 }
        villages[Int(village)].lookAlikes = random
        let tag = openCase(.fakeDisbursement, .lookAlike, village: village, beneficiary: supplier, on: scheduler.now)
        for amount in amounts {
            pay(
                village: village, purpose: 2, amount: amount, payee: bidders[Int(supplier)].id, preferCash: false,
                case: tag, &scheduler)
        }
    }

    /// A payment a case makes from the bank, booked as the case's loss.
    mutating func casePayment(
        village: Int32, purpose: UInt8, amount: Int64, case tag: Int32, _ scheduler: inout Scheduler<Event>
    ) {
        if pay(village: village, purpose: purpose, amount: amount, preferCash: false, case: tag, &scheduler) {
            book(tag, expected: 0, booked: -amount)
        }
    }

    /// Compensation owed to households: a corrupt cadre diverts a share to a crony; an honest
    /// collective may vote to keep a share for reinvestment (the look-alike). Returns the
    /// amount withheld from the households and the case, if any.
    mutating func divert(compensation owed: Int64, village: Int32, _ scheduler: inout Scheduler<Event>) -> (
        Int64, Int32
    ) {
        let account = VillageState.compensation
        if let offenders = offenders(.divertedCompensation, in: village),
            let crony = accomplices(1, near: village).first
        {
            let diverted = Int64(Double(owed) * lossShare(.divertedCompensation, in: village, fallback: 0.05...0.3))
            let tag = openCase(
                .divertedCompensation, village: village, perpetrators: offenders, beneficiary: crony, on: scheduler.now)
            villages[Int(village)].balances[account] -= diverted
            villages[Int(village)].grievances += 4
            emit(
                LogRecord(
                    .disbursement, village: village, code: 7, party: bidders[Int(crony)].id, amount: diverted,
                    count: Int32(account), count2: Int32(approver(for: diverted))), case: tag, &scheduler)
            book(tag, expected: 0, booked: -diverted)
            return (diverted, tag)
        }
        guard lookAlike(.divertedCompensation, in: village) else { return (0, -1) }
        let tag = openCase(.divertedCompensation, .lookAlike, village: village, on: scheduler.now)
        var random = villages[Int(village)].lookAlikes
        emitDecision(village: village, item: -1, deal: .works, &random, &scheduler)
        let retained = Int64(Double(owed) * random.uniform(0.1...0.3))
        villages[Int(village)].lookAlikes = random
        villages[Int(village)].balances[account] -= retained
        emit(
            LogRecord(
                .disbursement, village: village, code: 7, amount: retained, count: Int32(account),
                count2: Int32(approver(for: retained))), case: tag, &scheduler)
        receive(village: village, account: VillageState.basic, purpose: 3, amount: retained, case: tag, &scheduler)
        return (retained, tag)
    }

    /// Once a year: the cashier lends collective money to a crony without a vote (an adaptive
    /// one forges the vote, F09); most of it comes back later, without interest.
    mutating func misappropriate(_ village: Int32, _ scheduler: inout Scheduler<Event>) {
        guard let offenders = offenders(.misappropriation, in: village),
            let borrower = accomplices(1, near: village).first
        else { return }
        let adaptive = adapts(.misappropriation, in: village)
        var random = villages[Int(village)].misconduct
        defer { villages[Int(village)].misconduct = random }
        let amount = min(
            Int64(random.integer(in: 20_000_00...300_000_00)), villages[Int(village)].balances[VillageState.basic] / 2)
        guard amount > 0 else { return }
        let term = Int32(random.integer(in: 60...400))
        let returns = random.bernoulli(0.8)
        let tag = openCase(
            .misappropriation, village: village, perpetrators: offenders, beneficiary: borrower, adapted: adaptive,
            on: scheduler.now)
        if adaptive {
            emitDecision(village: village, item: -1, deal: .works, &random, &scheduler)
        }
        lend(amount, to: borrower, village: village, termDays: term, case: tag, &scheduler)
        book(tag, expected: 0, booked: -amount)
        if returns {
            scheduler.schedule(
                .loanRepaid(
                    village: village, loan: nextLoanID - 1, borrower: borrower, principal: amount, termDays: term,
                    case: tag),
                after: Tick(term) + Tick(random.integer(in: 0...60)))
        }
    }

    /// Weeks before an election: a corrupt candidate hands out "welfare" from collective funds
    /// in round sums shortly before the vote (adaptive: before F07's window); or, honestly, the
    /// usual festival welfare happens to fall before it.
    mutating func campaign(_ village: Int32, electionDay: Int32, _ scheduler: inout Scheduler<Event>) {
        let households = Double(villages[Int(village)].households)
        if let offenders = offenders(.voteBuying, in: village) {
            let adaptive = adapts(.voteBuying, in: village)
            let window = adaptive ? conduct.knowledge.electionWindowDays : nil
            let tag = openCase(
                .voteBuying, village: village, perpetrators: offenders, adapted: adaptive, on: scheduler.now)
            var random = villages[Int(village)].misconduct
            defer { villages[Int(village)].misconduct = random }
            for _ in 0..<random.integer(in: 3...8) {
                let before = window.map { random.integer(in: ($0 + 1)...($0 + 60)) } ?? random.integer(in: 5...55)
                let amount = Int64(households * random.uniform(5...20)) / 100 * 100_00
                scheduler.schedule(
                    .casePayment(village: village, purpose: 3, amount: max(amount, 100_00), case: tag),
                    at: max(scheduler.now, Tick(electionDay) - Tick(before)))
            }
        } else if lookAlike(.voteBuying, in: village) {
            let tag = openCase(.voteBuying, .lookAlike, village: village, on: scheduler.now)
            var random = villages[Int(village)].lookAlikes
            let amount = Int64(households * random.uniform(10...30)) * 100
            let day = max(scheduler.now, Tick(electionDay) - Tick(random.integer(in: 10...50)))
            villages[Int(village)].lookAlikes = random
            scheduler.schedule(.casePayment(village: village, purpose: 3, amount: amount, case: tag), at: day)
        }
    }
}
