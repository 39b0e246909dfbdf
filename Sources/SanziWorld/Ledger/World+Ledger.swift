import SanziEngine
import SanziEvents
import SanziScenario

/// The ledger: receipts, disbursements under approval tiers, cash on hand and banking,
/// subsidies, land-requisition compensation and its distribution to households.
extension World {
    /// Books money received into an account.
    mutating func receive(
        village: Int32, account: LogRecord.Account, purpose: LogRecord.ReceiptPurpose, amount: Int64,
        contract: Int64 = -1, payer: Int64 = -1, case caseIndex: Int32 = -1, _ scheduler: inout Scheduler<Event>
    ) {
        ledger[village, account] += amount
        emit(
            LogRecord(
                .receipt, village: village, code: purpose.rawValue, subject: contract, party: payer, amount: amount,
                count: Int32(account.rawValue)), case: caseIndex, &scheduler)
        if account == .cash { scheduleBanking(village, &scheduler) }
    }

    /// Pays money out, in cash when small and cash suffices (withdrawing from the bank first
    /// when it is short), else from the bank; skipped when the village cannot afford it.
    /// Returns whether it was paid. A case may forge a lower approver than the amount needs.
    @discardableResult
    mutating func pay(
        village: Int32, purpose: LogRecord.DisbursementPurpose, amount: Int64, payee: Int64 = -1,
        contract: Int64 = -1, preferCash: Bool, case caseIndex: Int32 = -1,
        approver forged: LogRecord.Approver? = nil, _ scheduler: inout Scheduler<Event>
    ) -> Bool {
        guard amount > 0 else { return false }
        var account = LogRecord.Account.basic
        if preferCash, amount <= 2_000_00 {
            if ledger[village, .cash] < amount { withdrawCash(village, &scheduler) }
            if ledger[village, .cash] >= amount { account = .cash }
        }
        guard ledger[village, account] >= amount else { return false }
        ledger[village, account] -= amount
        emit(
            LogRecord(
                .disbursement, village: village, code: purpose.rawValue, subject: contract, party: payee,
                amount: amount, count: Int32(account.rawValue),
                count2: Int32((forged ?? ledger.approver(for: amount)).rawValue)), case: caseIndex, &scheduler)
        return true
    }

    /// Moves money out of the compensation account (to a crony, to households' funds, back
    /// to the collective) with the approval its amount needs.
    mutating func transferCompensation(
        village: Int32, amount: Int64, payee: Int64 = -1, case caseIndex: Int32 = -1,
        _ scheduler: inout Scheduler<Event>
    ) {
        ledger[village, .compensation] -= amount
        emit(
            LogRecord(
                .disbursement, village: village, code: LogRecord.DisbursementPurpose.compensationTransfer.rawValue,
                party: payee, amount: amount, count: Int32(LogRecord.Account.compensation.rawValue),
                count2: Int32(ledger.approver(for: amount).rawValue)), case: caseIndex, &scheduler)
    }

    /// Tops cash up from the bank towards 3,000 yuan (or the cap, if lower).
    private mutating func withdrawCash(_ village: Int32, _ scheduler: inout Scheduler<Event>) {
        let target = min(policy(of: village).cashCap, 3_000_00)
        let amount = min(target - ledger[village, .cash], ledger[village, .basic])
        guard amount > 0 else { return }
        moveCash(village, toBank: -amount, &scheduler)
    }

    mutating func scheduleBanking(_ village: Int32, _ scheduler: inout Scheduler<Event>) {
        var random = villages[Int(village)].root.derived("banking", Int(scheduler.now))
        let days = Tick(random.integer(in: 1...max(1, ledger.finance.bankingDays)))
        scheduler.schedule(.bankCash(village: village), after: days)
    }

    /// Banks cash above a small float.
    mutating func bankCash(_ village: Int32, _ scheduler: inout Scheduler<Event>) {
        let amount = ledger[village, .cash] - 1_000_00
        guard amount > 0 else { return }
        moveCash(village, toBank: amount, &scheduler)
    }

    /// Moves cash into the bank (positive) or out of it (negative), and logs it.
    private mutating func moveCash(_ village: Int32, toBank amount: Int64, _ scheduler: inout Scheduler<Event>) {
        ledger[village, .cash] -= amount
        ledger[village, .basic] += amount
        let kind: LogRecord.BankingKind = amount > 0 ? .cashBanked : .cashWithdrawn
        emit(
            LogRecord(
                .banking, village: village, code: kind.rawValue, amount: abs(amount), amount2: ledger[village, .cash]),
            &scheduler)
    }

    /// Monthly spending by kind: wages once, other kinds in a few payments, bunched around the
    /// Spring Festival by their seasonality.
    mutating func spend(_ village: Int32, calendarMonth: Int, _ scheduler: inout Scheduler<Event>) {
        for (kind, perYear, seasonality) in ledger.spendingPerYear[Int(village)] where kind != .works {
            let festival = calendarMonth == 1 || calendarMonth == 2
            let factor = festival ? 1 + 5 * seasonality : 1 - seasonality
            let budget = Double(perYear) / 12 * factor
            let payments = kind == .wages ? 1 : 1 + ledger.streams[Int(village)].poisson(mean: 2)
            for _ in 0..<payments {
                let amount = Int64(
                    budget / Double(payments) * ledger.streams[Int(village)].lognormal(median: 1, sigma: 0.3))
                pay(village: village, purpose: kind.purpose, amount: amount, preferCash: kind != .wages, &scheduler)
            }
        }
        spendCorruptly(village, calendarMonth: calendarMonth, &scheduler)
    }

    /// Subsidies each quarter, investment returns each December.
    mutating func collectIncome(_ village: Int32, calendarMonth: Int, _ scheduler: inout Scheduler<Event>) {
        for (kind, perYear) in ledger.incomePerYear[Int(village)] {
            switch kind {
            case .subsidy where calendarMonth % 3 == 1:
                receive(village: village, account: .basic, purpose: .subsidy, amount: perYear / 4, &scheduler)
            case .investmentReturn where calendarMonth == 12, .other where calendarMonth == 12:
                receive(village: village, account: .basic, purpose: .investmentReturn, amount: perYear, &scheduler)
            default:
                break
            }
        }
    }

    /// Land-requisition compensation arrives now and then; it is shared out 30–90 days later.
    mutating func compensationMayArrive(_ village: Int32, _ scheduler: inout Scheduler<Event>) {
        guard let compensation = scenario.profiles[villages[Int(village)].profile].funds.compensation else { return }
        guard ledger.streams[Int(village)].bernoulli(compensation.perYear / 12) else { return }
        let amount = Int64(
            ledger.streams[Int(village)].integer(
                in: Int(compensation.amount.lowerBound.fen)...Int(compensation.amount.upperBound.fen)))
        receive(village: village, account: .compensation, purpose: .compensation, amount: amount, &scheduler)
        scheduler.schedule(
            park(.distributeCompensation(amount: amount, village: village)),
            after: Tick(ledger.streams[Int(village)].integer(in: 30...90)))
    }

    mutating func distributeCompensation(_ village: Int32, amount: Int64, _ scheduler: inout Scheduler<Event>) {
        guard let compensation = scenario.profiles[villages[Int(village)].profile].funds.compensation else { return }
        let owed = min(ledger[village, .compensation], Int64(Double(amount) * compensation.householdShare))
        let (diverted, tag) = divert(compensation: owed, village: village, &scheduler)
        let toHouseholds = owed - diverted
        ledger[village, .compensation] -= toHouseholds
        emit(
            LogRecord(
                .compensationDistributed, village: village, amount: toHouseholds,
                count: Int32(villages[Int(village)].households)), case: tag, &scheduler)
        let rest = min(amount - owed, ledger[village, .compensation])
        guard rest > 0 else { return }
        transferCompensation(village: village, amount: rest, &scheduler)
        receive(village: village, account: .basic, purpose: .compensation, amount: rest, &scheduler)
    }
}

/// Loans of collective money, approved by a vote and repaid with interest.
extension World {
    /// Now and then a village lends to a local firm against a vote: 20,000–200,000 yuan for
    /// half a year to a year at 5% a year. (Misappropriation, the unapproved kind, comes with
    /// misconduct.)
    mutating func mayLend(_ village: Int32, _ scheduler: inout Scheduler<Event>) {
        misappropriate(village, &scheduler)
        let lawful = misconduct.lookAlike(.misappropriation, in: village)
        guard ledger.streams[Int(village)].bernoulli(0.03) || lawful else { return }
        let amount = Int64(ledger.streams[Int(village)].integer(in: 20_000_00...200_000_00))
        let firms = platform.localBidders[Int(village)].filter { platform.bidders[Int($0)].isFirm }
        guard !firms.isEmpty, ledger[village, .basic] >= amount * 2 else { return }
        let borrower = firms[ledger.streams[Int(village)].integer(in: 0...(firms.count - 1))]
        let term = Int32(ledger.streams[Int(village)].integer(in: 180...365))
        let representatives = villages[Int(village)].representatives
        let votesFor = Int32(Double(representatives) * ledger.streams[Int(village)].uniform(0.7...0.9))
        emitDecision(village: village, item: -1, deal: .loan, votesFor: votesFor, &scheduler)
        let tag =
            lawful
            ? openCase(.misappropriation, .lookAlike, village: village, beneficiary: borrower, on: scheduler.now) : -1
        let loan = lend(amount, to: borrower, village: village, termDays: term, case: tag, &scheduler)
        scheduler.schedule(
            park(
                .loanRepaid(
                    loan: loan, principal: amount, village: village, borrower: borrower, termDays: term, case: tag)),
            after: Tick(term) + Tick(ledger.streams[Int(village)].integer(in: 0...20)))
    }

    /// Money lent out of the basic account, logged; returns the loan's id.
    mutating func lend(
        _ amount: Int64, to borrower: Int32, village: Int32, termDays: Int32, case caseIndex: Int32,
        _ scheduler: inout Scheduler<Event>
    ) -> Int64 {
        let loan = ledger.nextLoanID
        ledger.nextLoanID += 1
        ledger[village, .basic] -= amount
        emit(
            LogRecord(
                .loan, village: village, code: LogRecord.LoanKind.lent.rawValue, subject: loan,
                party: bidderID(borrower), amount: amount, count: termDays), case: caseIndex, &scheduler)
        return loan
    }

    /// A loan comes back: with 5% a year interest when it was lawful, without when it was
    /// collective money misappropriated (whose case then loses that interest).
    mutating func loanRepaid(
        _ village: Int32, loan: Int64, borrower: Int32, principal: Int64, termDays: Int32, case caseIndex: Int32,
        _ scheduler: inout Scheduler<Event>
    ) {
        let misappropriated = caseIndex >= 0 && misconduct.cases[Int(caseIndex)].kind == .misconduct
        let lawfulInterest = principal * 5 * Int64(termDays) / (100 * 365)
        let interest = misappropriated ? 0 : lawfulInterest
        ledger[village, .basic] += principal + interest
        // The money was not the collective's to lend: it should simply have been there. The
        // interest a lawful loan would have earned is lost too.
        misconduct.book(caseIndex, expected: lawfulInterest, booked: principal)
        emit(
            LogRecord(
                .loan, village: village, code: LogRecord.LoanKind.repaid.rawValue, subject: loan,
                party: bidderID(borrower), amount: principal + interest, amount2: interest, count: termDays),
            case: caseIndex, &scheduler)
    }
}
