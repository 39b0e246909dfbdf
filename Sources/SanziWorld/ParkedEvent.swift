import SanziEngine
import SanziEvents

extension World {
    /// An event whose values are too large for a slot of the event list. It waits in
    /// `World.parked` while the list holds only its slot there (`Event.parked`), so that every
    /// pending event's slot takes 12 bytes, not the 40 the largest of these took: at 12,000
    /// villages some 400,000 events are pending at once, nearly all of them rents.
    enum ParkedEvent: Sendable {
        /// An observable record decided now and due later (a registration during the
        /// announcement), emitted as it is on its day, with its case or -1.
        case record(LogRecord, case: Int32)
        /// A lease's tenant asks to renew it (`previous`, the lease's id): a lease deal for its
        /// item with the tenant as incumbent.
        case renewal(item: Int32, tenant: Int32, previous: Int64)
        /// Compensation received some weeks before is paid out to the households.
        case distributeCompensation(amount: Int64, village: Int32)
        case latePayment(contract: Int32, id: Int64, installment: Int32, dueDay: Int32)
        case arrears(contract: Int32, id: Int64, installment: Int32, dueDay: Int32)
        case loanRepaid(loan: Int64, principal: Int64, village: Int32, borrower: Int32, termDays: Int32, case: Int32)
        /// Works commissioned directly (a part of a split deal, or a phase of honest works).
        case commission(village: Int32, contractor: Int32, price: Int64, fair: Int64, case: Int32, part: Int32)
        /// A payment out of the basic account that a case makes (vote-buying, spending).
        case casePayment(village: Int32, purpose: LogRecord.DisbursementPurpose, amount: Int64, case: Int32)
        /// A receipt booked late (a look-alike of embezzlement).
        case lateReceipt(
            amount: Int64, contract: Int64, payer: Int64, village: Int32, case: Int32, account: LogRecord.Account,
            purpose: LogRecord.ReceiptPurpose)
    }

    /// Keeps `event` until its day; returns the event to schedule in its place.
    mutating func park(_ event: ParkedEvent) -> Event { .parked(parked.insert(event)) }

    /// Takes the event parked at `slot` out of `parked` and handles it.
    mutating func handleParked(_ slot: Int32, _ scheduler: inout Scheduler<Event>) {
        let event = parked[slot]
        parked.remove(slot)
        switch event {
        case .record(let record, let caseIndex):
            hold(record, case: caseIndex, on: scheduler.now)
        case .distributeCompensation(let amount, let village):
            distributeCompensation(village, amount: amount, &scheduler)
        case .renewal(let item, let tenant, let previous):
            dealNeeded(item: item, deal: .lease, relisting: 0, incumbent: tenant, renewing: previous, &scheduler)
        case .latePayment(let contract, let id, let installment, let dueDay):
            guard platform.contracts[contract].id == id else { break }
            latePayment(contract, installment: installment, dueDay: dueDay, &scheduler)
        case .arrears(let contract, let id, let installment, let dueDay):
            guard platform.contracts[contract].id == id else { break }
            arrears(contract, installment: installment, dueDay: dueDay, &scheduler)
        case .loanRepaid(let loan, let principal, let village, let borrower, let termDays, let caseIndex):
            loanRepaid(
                village, loan: loan, borrower: borrower, principal: principal, termDays: termDays, case: caseIndex,
                &scheduler)
        case .commission(let village, let contractor, let price, let fair, let caseIndex, let part):
            commission(
                village: village, contractor: contractor, price: price, fair: fair, case: caseIndex, part: part,
                &scheduler)
        case .casePayment(let village, let purpose, let amount, let caseIndex):
            casePayment(village: village, purpose: purpose, amount: amount, case: caseIndex, &scheduler)
        case .lateReceipt(let amount, let contract, let payer, let village, let caseIndex, let account, let purpose):
            receive(
                village: village, account: account, purpose: purpose, amount: amount, contract: contract,
                payer: payer, case: caseIndex, &scheduler)
        }
    }
}
