import SanziEngine
import SanziEvents
import SanziScenario

/// Rents, late payments, arrears, amendments, early terminations and works payments.
extension World {
    /// A yearly rent falls due: most tenants pay on the day, some late, a few fall into arrears.
    /// An insider's rent may go unpaid with the director's blessing.
    mutating func rentDue(_ slot: Int32, installment: Int32, _ scheduler: inout Scheduler<Event>) {
        let contract = platform.contracts[slot]
        guard contract.active else { return }
        let due = Int32(scheduler.now)
        let (behaviour, lateBy, amends, terminates, relistAfter) = platform.contracts[slot].random.draw { random in
            let behaviour = random.uniform()
            let lateBy = behaviour >= 0.85 && behaviour < 0.98 ? 1 + Tick(random.exponential(rate: 1.0 / 25)) : 0
            let amends = random.bernoulli(0.01)
            let terminates = !amends && random.bernoulli(0.008)
            return (behaviour, lateBy, amends, terminates, terminates ? Tick(random.integer(in: 7...60)) : 0)
        }
        if installment + 1 < contract.termYears {
            scheduleRent(slot, installment: installment + 1, &scheduler)
        } else {
            platform.contracts[slot].nextDue = nil
            scheduleLeaseEnd(slot, &scheduler)
        }
        // The case opens with the first arrears it tolerates (`arrears`), when it shows.
        if !contract.tolerated, contract.caseIndex < 0, isInsider(contract.counterparty, of: contract.village),
            offenders(
                .toleratedArrears, in: contract.village, stake: contract.installmentAmount(installment),
                on: scheduler.now) != nil
        {
            platform.contracts[slot].tolerated = true
        }
        if platform.contracts[slot].tolerated {
            scheduler.schedule(
                park(.arrears(contract: slot, id: contract.id, installment: installment, dueDay: due)), after: 90)
        } else if behaviour < 0.85 {
            receivePayment(
                slot, installment: installment, amount: contract.installmentAmount(installment), daysLate: 0, &scheduler
            )
        } else if behaviour < 0.98 {
            scheduler.schedule(
                park(.latePayment(contract: slot, id: contract.id, installment: installment, dueDay: due)),
                after: lateBy)
        } else {
            scheduler.schedule(
                park(.arrears(contract: slot, id: contract.id, installment: installment, dueDay: due)), after: 90)
        }
        let remaining = Int64(max(1, contract.termYears - installment))
        if platform.contracts[slot].caseIndex < 0,
            let offenders = offenders(
                .postAwardAmendment, in: contract.village, stake: contract.annual * remaining * 35 / 100,
                on: scheduler.now)
        {
            cutRentQuietly(slot, offenders: offenders, &scheduler)
        } else if amends
            || (platform.contracts[slot].caseIndex < 0 && lookAlike(.postAwardAmendment, in: contract.village))
        {
            amendPrice(slot, lookAlike: !amends, &scheduler)
        } else if terminates {
            closeContract(slot, reason: .early, &scheduler)
            scheduler.schedule(
                .dealNeeded(item: contract.item, relisting: 0, deal: .lease), after: relistAfter)
        }
    }

    mutating func latePayment(_ slot: Int32, installment: Int32, dueDay: Int32, _ scheduler: inout Scheduler<Event>) {
        let contract = platform.contracts[slot]
        guard contract.active else { return }
        oversight.villages[Int(contract.village)].frictions += 1
        receivePayment(
            slot, installment: installment, amount: contract.installmentAmount(installment),
            daysLate: Int32(scheduler.now) - dueDay, &scheduler)
    }

    /// Ninety days overdue: recorded as arrears; half the tenants pay later, the others lose the
    /// lease at 180 days. A tolerated insider is neither chased nor evicted; a tenant in real
    /// hardship may get a voted deferral (a look-alike of tolerated arrears).
    mutating func arrears(_ slot: Int32, installment: Int32, dueDay: Int32, _ scheduler: inout Scheduler<Event>) {
        guard platform.contracts[slot].active else { return }
        if platform.contracts[slot].tolerated, platform.contracts[slot].caseIndex < 0 {
            let village = platform.contracts[slot].village
            let index = openCase(
                .toleratedArrears, village: village, perpetrators: perpetrators(of: .toleratedArrears, in: village),
                beneficiary: platform.contracts[slot].counterparty, on: scheduler.now)
            platform.tag(slot, case: index)
        }
        let contract = platform.contracts[slot]
        let (paysLater, after) = platform.contracts[slot].random.draw { random in
            (random.bernoulli(0.5), 1 + Tick(random.exponential(rate: 1.0 / 60)))
        }
        oversight.villages[Int(contract.village)].frictions += 2
        platform.contracts[slot].fellIntoArrears = true
        let owed = contract.installmentAmount(installment)
        var deferral: Int32 = -1
        if !contract.tolerated, contract.caseIndex < 0, lookAlike(.toleratedArrears, in: contract.village) {
            deferral = openCase(.toleratedArrears, .lookAlike, village: contract.village, on: scheduler.now)
            let votesFor = Self.votes(
                villages[Int(contract.village)].representatives, &misconduct.villages[Int(contract.village)].lookAlikes)
            emitDecision(
                village: contract.village, item: Int64(contract.item), deal: .lease, votesFor: votesFor, &scheduler)
        }
        emit(
            LogRecord(
                .arrears, village: contract.village, subject: contract.id,
                party: bidderID(contract.counterparty), amount: owed, count: installment + 1,
                count2: Int32(scheduler.now) - dueDay), case: max(deferral, contract.caseIndex), &scheduler)
        if contract.tolerated {
            misconduct.book(
                contract.caseIndex, expected: platform.fairInstallment(installment, of: contract), booked: 0)
        } else if deferral >= 0 {
            scheduler.schedule(
                park(.latePayment(contract: slot, id: contract.id, installment: installment, dueDay: dueDay)),
                after: 90 + after)
        } else if paysLater {
            scheduler.schedule(
                park(.latePayment(contract: slot, id: contract.id, installment: installment, dueDay: dueDay)),
                after: after)
        } else {
            closeContract(slot, reason: .default, &scheduler)
            scheduler.schedule(.dealNeeded(item: contract.item, relisting: 0, deal: .lease), after: 90)
        }
    }

    /// Money from a tenant or buyer: firms pay into the bank, half the villagers in cash. A
    /// corrupt cashier may pocket a cash payment; with concealment the platform never hears of
    /// it either. Payments on a case's contract are booked against the fair price.
    mutating func receivePayment(
        _ slot: Int32, installment: Int32, amount: Int64, daysLate: Int32, _ scheduler: inout Scheduler<Event>
    ) {
        let contract = platform.contracts[slot]
        let payer = bidderID(contract.counterparty)
        let inCash =
            !contract.counterpartyIsFirm && amount <= policy(of: contract.village).cashCap
            && platform.contracts[slot].random.draw { $0.bernoulli(0.5) }
        var tag = contract.caseIndex
        var pocketed = false
        var hidden = false
        if inCash, tag < 0,
            let offenders = offenders(.embezzledReceipts, in: contract.village, stake: amount, on: scheduler.now)
        {
            tag = openCase(.embezzledReceipts, village: contract.village, perpetrators: offenders, on: scheduler.now)
            hidden = conceals(.embezzledReceipts, in: contract.village)
            pocketed = true
            misconduct.book(tag, expected: amount, booked: 0)
        } else if tag >= 0 {
            misconduct.book(tag, expected: platform.fairInstallment(installment, of: contract), booked: amount)
        }
        let bookedLate =
            !pocketed && inCash && tag < 0 && lookAlike(.embezzledReceipts, in: contract.village)
            ? openCase(.embezzledReceipts, .lookAlike, village: contract.village, on: scheduler.now) : -1
        let payment = LogRecord(
            .payment, village: contract.village, subject: contract.id, party: payer, amount: amount,
            count: installment + 1, count2: daysLate)
        if !hidden { emit(payment, case: max(tag, bookedLate), &scheduler) }
        let account: LogRecord.Account = inCash ? .cash : .basic
        let purpose: LogRecord.ReceiptPurpose = contract.deal == .sale ? .sale : .rent
        if pocketed {
            // The banking the honest receipt would have set off, so other cash is banked as in
            // the honest world (paired runs).
            scheduleBanking(contract.village, &scheduler)
        } else if bookedLate >= 0 {
            scheduler.schedule(
                park(
                    .lateReceipt(
                        amount: amount, contract: contract.id, payer: payer, village: contract.village,
                        case: bookedLate, account: account, purpose: purpose)),
                after: Tick(misconduct.villages[Int(contract.village)].lookAlikes.integer(in: 35...75)))
        } else {
            receive(
                village: contract.village, account: account, purpose: purpose, amount: amount, contract: contract.id,
                payer: payer, case: tag, &scheduler)
        }
    }

    /// A rent cut after a vote (drought, a damaged building): documented and moderate, or, as
    /// a look-alike of a corrupt amendment, deep.
    private mutating func amendPrice(_ slot: Int32, lookAlike: Bool, _ scheduler: inout Scheduler<Event>) {
        let contract = platform.contracts[slot]
        let village = Int(contract.village)
        let tag =
            lookAlike ? openCase(.postAwardAmendment, .lookAlike, village: contract.village, on: scheduler.now) : -1
        let cut = lookAlike ? 0.6...0.75 : 0.85...0.95
        let newAnnual: Int64
        let votesFor: Int32
        let representatives = villages[village].representatives
        if lookAlike {
            newAnnual = Int64(Double(contract.annual) * misconduct.villages[village].lookAlikes.uniform(cut))
            votesFor = Self.votes(representatives, &misconduct.villages[village].lookAlikes)
        } else {
            (newAnnual, votesFor) = platform.contracts[slot].random.draw { random in
                (Int64(Double(contract.annual) * random.uniform(cut)), Self.votes(representatives, &random))
            }
        }
        emitDecision(
            village: contract.village, item: Int64(contract.item), deal: .lease, votesFor: votesFor, &scheduler)
        amend(slot, to: newAnnual, case: tag, &scheduler)
    }

    /// A corrupt price cut without a vote; adaptive directors forge the vote and keep the cut
    /// within K02's limit.
    private mutating func cutRentQuietly(_ slot: Int32, offenders: [Int32], _ scheduler: inout Scheduler<Event>) {
        let contract = platform.contracts[slot]
        let village = contract.village
        let adaptive = adapts(.postAwardAmendment, in: village)
        var share = lossShare(.postAwardAmendment, in: village, fallback: 0.2...0.5)
        let tag = openCase(
            .postAwardAmendment, village: village, perpetrators: offenders, beneficiary: contract.counterparty,
            adapted: adaptive, on: scheduler.now)
        if adaptive {
            if let limit = misconduct.knowledge.amendmentLimit { share = min(share, limit * 0.9) }
            let votesFor = Self.votes(villages[Int(village)].representatives, &misconduct.villages[Int(village)].random)
            emitDecision(village: village, item: Int64(contract.item), deal: .lease, votesFor: votesFor, &scheduler)
        }
        platform.tag(slot, case: tag)
        amend(slot, to: Int64(Double(contract.annual) * (1 - share)), case: tag, &scheduler)
    }

    private mutating func amend(
        _ slot: Int32, to newAnnual: Int64, case tag: Int32, _ scheduler: inout Scheduler<Event>
    ) {
        let contract = platform.contracts[slot]
        emit(
            LogRecord(
                .amendment, village: contract.village, code: LogRecord.AmendmentKind.priceCut.rawValue,
                subject: contract.id, amount: contract.annual,
                amount2: newAnnual, count: Int32(contract.termYears), count2: Int32(contract.termYears)), case: tag,
            &scheduler)
        platform.reprice(slot, annual: newAnnual)
    }

    /// Works are paid 30% at signing and the rest on completion, 60–240 days later. A corrupt
    /// director may add extra works on completion, paid without a listing.
    mutating func worksPayment(_ slot: Int32, installment: Int32, _ scheduler: inout Scheduler<Event>) {
        platform.contracts[slot].eventPending = installment == 0
        // Works voided while their last payment waited (a proven case's) are not paid for: the
        // event only lets the contract's slot go.
        guard platform.contracts[slot].active else { return closeContract(slot, reason: .voided, &scheduler) }
        let contract = platform.contracts[slot]
        let first = contract.annual * 3 / 10
        let amount = installment == 0 ? first : contract.annual - first
        let fairTotal = platform.fairPrice(of: contract).total
        let fairFirst = fairTotal * 3 / 10
        let paid = pay(
            village: contract.village, purpose: .works, amount: amount, payee: bidderID(contract.counterparty),
            contract: contract.id, preferCash: false, case: contract.caseIndex, &scheduler)
        if paid {
            misconduct.book(
                contract.caseIndex, expected: -(installment == 0 ? fairFirst : fairTotal - fairFirst),
                booked: -amount)
        }
        if installment == 0 {
            scheduler.schedule(
                .worksPayment(contract: slot, installment: 1),
                after: Tick(platform.contracts[slot].random.draw { $0.integer(in: 60...240) })
            )
            return
        }
        if contract.caseIndex < 0,
            let offenders = offenders(
                .postAwardAmendment, in: contract.village, stake: contract.annual * 35 / 100, on: scheduler.now)
        {
            addExtraWorks(slot, offenders: offenders, &scheduler)
        }
        closeContract(slot, reason: .completed, &scheduler)
    }

    /// Extra works agreed after the award and paid at once: the extra is the case's loss.
    private mutating func addExtraWorks(_ slot: Int32, offenders: [Int32], _ scheduler: inout Scheduler<Event>) {
        let contract = platform.contracts[slot]
        let extra = Int64(
            Double(contract.annual) * lossShare(.postAwardAmendment, in: contract.village, fallback: 0.2...0.5))
        let tag = openCase(
            .postAwardAmendment, village: contract.village, perpetrators: offenders,
            beneficiary: contract.counterparty, on: scheduler.now)
        platform.tag(slot, case: tag)
        emit(
            LogRecord(
                .amendment, village: contract.village, code: LogRecord.AmendmentKind.extraWorks.rawValue,
                subject: contract.id, amount: contract.annual,
                amount2: contract.annual + extra), case: tag, &scheduler)
        if pay(
            village: contract.village, purpose: .works, amount: extra, payee: bidderID(contract.counterparty),
            contract: contract.id, preferCash: false, case: tag, &scheduler)
        {
            misconduct.book(tag, expected: 0, booked: -extra)
        }
    }
}
