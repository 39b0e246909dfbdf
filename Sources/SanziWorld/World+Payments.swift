import SanziEngine
import SanziEvents
import SanziScenario

/// Rents, late payments, arrears, lawful amendments, early terminations and works payments.
extension World {
    /// A yearly rent falls due: most tenants pay on the day, some late, a few fall into arrears.
    mutating func rentDue(_ slot: Int32, installment: Int32, _ scheduler: inout Scheduler<Event>) {
        let contract = contracts[slot]
        guard contract.active else { return }
        var random = villages[Int(contract.village)].payments
        defer { villages[Int(contract.village)].payments = random }
        let due = Int32(scheduler.now)
        let behaviour = random.uniform()
        if behaviour < 0.85 {
            receivePayment(
                slot, installment: installment, amount: contract.installmentAmount(installment), daysLate: 0, &scheduler
            )
        } else if behaviour < 0.98 {
            scheduler.schedule(
                .latePayment(contract: slot, id: contract.id, installment: installment, dueDay: due),
                after: 1 + Tick(random.exponential(rate: 1.0 / 25)))
        } else {
            scheduler.schedule(
                .arrears(contract: slot, id: contract.id, installment: installment, dueDay: due), after: 90)
        }
        if installment + 1 < contract.termYears {
            contracts[slot].nextDue = scheduler.schedule(
                .rentDue(contract: slot, installment: installment + 1),
                at: Tick(contract.startDay + 365 * (installment + 1)))
        } else {
            contracts[slot].nextDue = nil
        }
        if random.bernoulli(0.01) {
            amendPrice(slot, random: &random, &scheduler)
        } else if random.bernoulli(0.008) {
            closeContract(slot, reason: 1, &scheduler)
            let item = contract.item
            scheduler.schedule(
                .dealNeeded(item: item, deal: .lease, relisting: 0, incumbent: -1),
                after: Tick(random.integer(in: 7...60)))
        }
    }

    mutating func latePayment(_ slot: Int32, installment: Int32, dueDay: Int32, _ scheduler: inout Scheduler<Event>) {
        let contract = contracts[slot]
        guard contract.active else { return }
        villages[Int(contract.village)].grievances += 1
        receivePayment(
            slot, installment: installment, amount: contract.installmentAmount(installment),
            daysLate: Int32(scheduler.now) - dueDay, &scheduler)
    }

    /// Ninety days overdue: recorded as arrears; half the tenants pay later, the others lose the
    /// lease at 180 days.
    mutating func arrears(_ slot: Int32, installment: Int32, dueDay: Int32, _ scheduler: inout Scheduler<Event>) {
        let contract = contracts[slot]
        guard contract.active else { return }
        var random = villages[Int(contract.village)].payments
        defer { villages[Int(contract.village)].payments = random }
        villages[Int(contract.village)].grievances += 2
        contracts[slot].fellIntoArrears = true
        emit(
            LogRecord(
                .arrears, village: contract.village, subject: contract.id,
                party: bidders[Int(contract.counterparty)].id,
                amount: contract.installmentAmount(installment), count: installment + 1,
                count2: Int32(scheduler.now) - dueDay), &scheduler)
        if random.bernoulli(0.5) {
            scheduler.schedule(
                .latePayment(contract: slot, id: contract.id, installment: installment, dueDay: dueDay),
                after: 1 + Tick(random.exponential(rate: 1.0 / 60)))
        } else {
            closeContract(slot, reason: 2, &scheduler)
            scheduler.schedule(.dealNeeded(item: contract.item, deal: .lease, relisting: 0, incumbent: -1), after: 90)
        }
    }

    /// Money from a tenant or buyer: firms pay into the bank, half the villagers in cash.
    mutating func receivePayment(
        _ slot: Int32, installment: Int32, amount: Int64, daysLate: Int32, _ scheduler: inout Scheduler<Event>
    ) {
        let contract = contracts[slot]
        let payer = bidders[Int(contract.counterparty)]
        emit(
            LogRecord(
                .payment, village: contract.village, subject: contract.id, party: payer.id, amount: amount,
                count: installment + 1, count2: daysLate), &scheduler)
        var random = villages[Int(contract.village)].payments
        let inCash = !payer.isFirm && amount <= policy(of: contract.village).cashCap && random.bernoulli(0.5)
        villages[Int(contract.village)].payments = random
        let purpose: UInt8 = contract.deal == .sale ? 1 : 0
        receive(
            village: contract.village, account: inCash ? VillageState.cash : VillageState.basic, purpose: purpose,
            amount: amount, contract: contract.id, payer: payer.id, &scheduler)
    }

    /// A lawful rent cut after a vote (drought, a damaged building): documented and moderate.
    private mutating func amendPrice(_ slot: Int32, random: inout RandomStream, _ scheduler: inout Scheduler<Event>) {
        let contract = contracts[slot]
        let newAnnual = Int64(Double(contract.annual) * random.uniform(0.85...0.95))
        let representatives = villages[Int(contract.village)].representatives
        let votesFor = Int32(Double(representatives) * random.uniform(0.7...0.9))
        emit(
            LogRecord(
                .decision, village: contract.village, code: 0, subject: Int64(contract.item), count: votesFor,
                count2: Int32(representatives) - votesFor), &scheduler)
        emit(
            LogRecord(
                .amendment, village: contract.village, code: 0, subject: contract.id, amount: contract.annual,
                amount2: newAnnual, count: Int32(contract.termYears), count2: Int32(contract.termYears)), &scheduler)
        contracts[slot].annual = newAnnual
        contracts[slot].total = newAnnual * Int64(contract.termYears)
    }

    /// Works are paid 30% at signing and the rest on completion, 60–240 days later.
    mutating func worksPayment(_ slot: Int32, installment: Int32, _ scheduler: inout Scheduler<Event>) {
        let contract = contracts[slot]
        let first = contract.annual * 3 / 10
        let amount = installment == 0 ? first : contract.annual - first
        pay(
            village: contract.village, purpose: 1, amount: amount, payee: bidders[Int(contract.counterparty)].id,
            contract: contract.id, preferCash: false, &scheduler)
        if installment == 0 {
            var random = villages[Int(contract.village)].payments
            scheduler.schedule(.worksPayment(contract: slot, installment: 1), after: Tick(random.integer(in: 60...240)))
            villages[Int(contract.village)].payments = random
        } else {
            closeContract(slot, reason: 3, &scheduler)
            contracts.remove(slot)
        }
    }
}
