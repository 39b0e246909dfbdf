import SanziEngine
import SanziEvents
import SanziScenario

/// The ledger: receipts, disbursements under approval tiers, cash on hand and banking,
/// subsidies, land-requisition compensation and its distribution to households.
extension World {
    /// Books money received into an account.
    mutating func receive(
        village: Int32, account: Int, purpose: UInt8, amount: Int64, contract: Int64 = -1, payer: Int64 = -1,
        case caseIndex: Int32 = -1, _ scheduler: inout Scheduler<Event>
    ) {
        villages[Int(village)].balances[account] += amount
        emit(
            LogRecord(
                .receipt, village: village, code: purpose, subject: contract, party: payer, amount: amount,
                count: Int32(account)), case: caseIndex, &scheduler)
        if account == VillageState.cash { scheduleBanking(village, &scheduler) }
    }

    /// Pays money out, in cash when small and cash suffices (withdrawing from the bank first
    /// when it is short), else from the bank; skipped when the village cannot afford it.
    /// Returns whether it was paid. A case may forge a lower approver than the amount needs.
    @discardableResult
    mutating func pay(
        village: Int32, purpose: UInt8, amount: Int64, payee: Int64 = -1, contract: Int64 = -1, preferCash: Bool,
        case caseIndex: Int32 = -1, approver forged: Int? = nil, _ scheduler: inout Scheduler<Event>
    ) -> Bool {
        guard amount > 0 else { return false }
        var account = VillageState.basic
        if preferCash, amount <= 2_000_00 {
            if villages[Int(village)].balances[VillageState.cash] < amount { withdrawCash(village, &scheduler) }
            if villages[Int(village)].balances[VillageState.cash] >= amount { account = VillageState.cash }
        }
        guard villages[Int(village)].balances[account] >= amount else { return false }
        villages[Int(village)].balances[account] -= amount
        emit(
            LogRecord(
                .disbursement, village: village, code: purpose, subject: contract, party: payee, amount: amount,
                count: Int32(account), count2: Int32(forged ?? approver(for: amount))), case: caseIndex, &scheduler)
        return true
    }

    /// The approval tier an amount needs: the first tier whose limit covers it.
    func approver(for amount: Int64) -> Int {
        let tiers = scenario.finance.approvalTiers
        let tier = tiers.firstIndex { $0.upTo.map { amount <= $0.fen } ?? true } ?? tiers.count - 1
        switch tiers[tier].approver {
        case .financeHead: return 0
        case .twoCommittees: return 1
        case .representativesMeeting: return 2
        }
    }

    /// Tops cash up from the bank towards 3,000 yuan (or the cap, if lower).
    private mutating func withdrawCash(_ village: Int32, _ scheduler: inout Scheduler<Event>) {
        let target = min(policy(of: village).cashCap, 3_000_00)
        let amount = min(
            target - villages[Int(village)].balances[VillageState.cash],
            villages[Int(village)].balances[VillageState.basic])
        guard amount > 0 else { return }
        moveCash(village, toBank: -amount, &scheduler)
    }

    mutating func scheduleBanking(_ village: Int32, _ scheduler: inout Scheduler<Event>) {
        var random = villages[Int(village)].root.derived("banking", Int(scheduler.now))
        let days = Tick(random.integer(in: 1...max(1, scenario.finance.bankingDays)))
        scheduler.schedule(.bankCash(village: village), after: days)
    }

    /// Banks cash above a small float.
    mutating func bankCash(_ village: Int32, _ scheduler: inout Scheduler<Event>) {
        let amount = villages[Int(village)].balances[VillageState.cash] - 1_000_00
        guard amount > 0 else { return }
        moveCash(village, toBank: amount, &scheduler)
    }

    /// Moves cash into the bank (positive) or out of it (negative), and logs it.
    private mutating func moveCash(_ village: Int32, toBank amount: Int64, _ scheduler: inout Scheduler<Event>) {
        villages[Int(village)].balances[VillageState.cash] -= amount
        villages[Int(village)].balances[VillageState.basic] += amount
        emit(
            LogRecord(
                .banking, village: village, code: amount > 0 ? 0 : 1, amount: abs(amount),
                amount2: villages[Int(village)].balances[VillageState.cash]),
            &scheduler)
    }

    /// Monthly spending by kind: wages once, other kinds in a few payments, bunched around the
    /// Spring Festival by their seasonality.
    mutating func spend(_ village: Int32, calendarMonth: Int, _ scheduler: inout Scheduler<Event>) {
        var random = villages[Int(village)].ledger
        defer { villages[Int(village)].ledger = random }
        for (kind, perYear, seasonality) in villages[Int(village)].spendingPerYear where kind != .works {
            let festival = calendarMonth == 1 || calendarMonth == 2
            let factor = festival ? 1 + 5 * seasonality : 1 - seasonality
            let budget = Double(perYear) / 12 * factor
            let payments = kind == .wages ? 1 : 1 + random.poisson(mean: 2)
            for _ in 0..<payments {
                let amount = Int64(budget / Double(payments) * random.lognormal(median: 1, sigma: 0.3))
                pay(village: village, purpose: kind.purposeCode, amount: amount, preferCash: kind != .wages, &scheduler)
            }
        }
        spendCorruptly(village, calendarMonth: calendarMonth, &scheduler)
    }

    /// Subsidies each quarter, investment returns each December.
    mutating func collectIncome(_ village: Int32, calendarMonth: Int, _ scheduler: inout Scheduler<Event>) {
        for (kind, perYear) in villages[Int(village)].incomePerYear {
            switch kind {
            case .subsidy where calendarMonth % 3 == 1:
                receive(village: village, account: VillageState.basic, purpose: 2, amount: perYear / 4, &scheduler)
            case .investmentReturn where calendarMonth == 12, .other where calendarMonth == 12:
                receive(village: village, account: VillageState.basic, purpose: 4, amount: perYear, &scheduler)
            default:
                break
            }
        }
    }

    /// Land-requisition compensation arrives now and then; it is shared out 30–90 days later.
    mutating func compensationMayArrive(_ village: Int32, _ scheduler: inout Scheduler<Event>) {
        guard let compensation = scenario.profiles[villages[Int(village)].profile].funds.compensation else { return }
        var random = villages[Int(village)].ledger
        defer { villages[Int(village)].ledger = random }
        guard random.bernoulli(compensation.perYear / 12) else { return }
        let amount = Int64(
            random.integer(in: Int(compensation.amount.lowerBound.fen)...Int(compensation.amount.upperBound.fen)))
        receive(village: village, account: VillageState.compensation, purpose: 3, amount: amount, &scheduler)
        scheduler.schedule(
            .distributeCompensation(village: village, amount: amount), after: Tick(random.integer(in: 30...90)))
    }

    mutating func distributeCompensation(_ village: Int32, amount: Int64, _ scheduler: inout Scheduler<Event>) {
        guard let compensation = scenario.profiles[villages[Int(village)].profile].funds.compensation else { return }
        let available = villages[Int(village)].balances[VillageState.compensation]
        let owed = min(available, Int64(Double(amount) * compensation.householdShare))
        let (diverted, tag) = divert(compensation: owed, village: village, &scheduler)
        let toHouseholds = owed - diverted
        villages[Int(village)].balances[VillageState.compensation] -= toHouseholds
        emit(
            LogRecord(
                .compensationDistributed, village: village, amount: toHouseholds,
                count: Int32(villages[Int(village)].households)), case: tag, &scheduler)
        let rest = min(amount - owed, villages[Int(village)].balances[VillageState.compensation])
        guard rest > 0 else { return }
        villages[Int(village)].balances[VillageState.compensation] -= rest
        emit(
            LogRecord(
                .disbursement, village: village, code: 7, amount: rest, count: Int32(VillageState.compensation),
                count2: Int32(approver(for: rest))), &scheduler)
        receive(village: village, account: VillageState.basic, purpose: 3, amount: rest, &scheduler)
    }
}

extension FundsProfile.SpendingKind {
    /// The index of the spending kind in the log's disbursement purposes.
    var purposeCode: UInt8 {
        switch self {
        case .wages: return 0
        case .works: return 1
        case .maintenance: return 2
        case .welfare: return 3
        case .hospitality: return 4
        case .travel: return 5
        case .office: return 6
        }
    }
}

/// Loans of collective money, approved by a vote and repaid with interest.
extension World {
    /// Now and then a village lends to a local firm against a vote: 20,000–200,000 yuan for
    /// half a year to a year at 5% a year. (Misappropriation, the unapproved kind, comes with
    /// misconduct.)
    mutating func mayLend(_ village: Int32, _ scheduler: inout Scheduler<Event>) {
        misappropriate(village, &scheduler)
        var random = villages[Int(village)].ledger
        defer { villages[Int(village)].ledger = random }
        let lawful = lookAlike(.misappropriation, in: village)
        guard random.bernoulli(0.03) || lawful else { return }
        let amount = Int64(random.integer(in: 20_000_00...200_000_00))
        let firms = villages[Int(village)].localBidders.filter { bidders[Int($0)].isFirm }
        guard !firms.isEmpty, villages[Int(village)].balances[VillageState.basic] >= amount * 2 else { return }
        let borrower = firms[random.integer(in: 0...(firms.count - 1))]
        let term = Int32(random.integer(in: 180...365))
        let representatives = villages[Int(village)].representatives
        let votesFor = Int32(Double(representatives) * random.uniform(0.7...0.9))
        emit(
            LogRecord(.decision, village: village, code: 3, count: votesFor, count2: Int32(representatives) - votesFor),
            &scheduler)
        let tag =
            lawful
            ? openCase(.misappropriation, .lookAlike, village: village, beneficiary: borrower, on: scheduler.now) : -1
        lend(amount, to: borrower, village: village, termDays: term, case: tag, &scheduler)
        scheduler.schedule(
            .loanRepaid(
                village: village, loan: nextLoanID - 1, borrower: borrower, principal: amount, termDays: term, case: tag
            ),
            after: Tick(term) + Tick(random.integer(in: 0...20)))
    }

    /// Money lent out of the basic account, logged.
    mutating func lend(
        _ amount: Int64, to borrower: Int32, village: Int32, termDays: Int32, case caseIndex: Int32,
        _ scheduler: inout Scheduler<Event>
    ) {
        villages[Int(village)].balances[VillageState.basic] -= amount
        emit(
            LogRecord(
                .loan, village: village, code: 0, subject: nextLoanID, party: bidders[Int(borrower)].id,
                amount: amount, count: termDays), case: caseIndex, &scheduler)
        nextLoanID += 1
    }

    /// A loan comes back: with 5% a year interest when it was lawful, without when it was
    /// collective money misappropriated (whose case then loses that interest).
    mutating func loanRepaid(
        _ village: Int32, loan: Int64, borrower: Int32, principal: Int64, termDays: Int32, case caseIndex: Int32,
        _ scheduler: inout Scheduler<Event>
    ) {
        let misappropriated = caseIndex >= 0 && cases[Int(caseIndex)].kind == .misconduct
        let lawfulInterest = principal * 5 * Int64(termDays) / (100 * 365)
        let interest = misappropriated ? 0 : lawfulInterest
        villages[Int(village)].balances[VillageState.basic] += principal + interest
        // The money was not the collective's to lend: it should simply have been there. The
        // interest a lawful loan would have earned is lost too.
        book(caseIndex, expected: lawfulInterest, booked: principal)
        emit(
            LogRecord(
                .loan, village: village, code: 1, subject: loan, party: bidders[Int(borrower)].id,
                amount: principal + interest, amount2: interest, count: termDays), case: caseIndex, &scheduler)
    }
}
