import SanziEvents
import SanziScenario
import Testing

@testable import SanziWorld

/// One village, one pond, three villagers: the first lease checked by hand.
@Suite("One pond, checked by hand")
struct OnePondTests {
    func run(seed: Int) throws -> WorldFixtures.Run {
        WorldFixtures.run(try WorldFixtures.scenario(text: WorldFixtures.onePond.replacing("SEED", with: "\(seed)")))
    }

    @Test func theFirstLeaseFollowsTheRules() throws {
        let run = try run(seed: 1)
        let platform = run.events.filter {
            [.decision, .listing, .registration, .bid, .award, .contract].contains($0.type)
        }
        let listing = try #require(platform.first { $0.type == .listing })
        // 10 mu × 1,850 yuan × 5 years = 92,500 yuan, over the 50,000-yuan threshold: listed,
        // with the reserve at the appraisal and a ten-day announcement.
        #expect(listing.record.amount == 9_250_000)
        #expect(listing.record.amount2 == 9_250_000)
        #expect(listing.record.count == 5)
        #expect(listing.record.count2 == 10)
        #expect(platform.first?.type == .decision, "the vote comes first")
        let registrations = platform.filter { $0.type == .registration && $0.record.subject == listing.record.subject }
        #expect(registrations.allSatisfy { $0.record.amount == 185_000 }, "deposit 2% of 92,500 yuan")
        #expect(registrations.allSatisfy { $0.day > listing.day && $0.day < listing.day + 10 })
        guard let award = platform.first(where: { $0.type == .award && $0.record.subject == listing.record.subject })
        else {
            #expect(run.events.contains { $0.type == .listingFailed }, "no award means the listing failed")
            return
        }
        #expect(award.day == listing.day + 10)
        let bids = platform.filter { $0.type == .bid && $0.record.subject == listing.record.subject }.map(
            \.record.amount
        )
        .sorted(by: >)
        #expect(bids.count >= 2)
        // Ascending auction with 500-yuan steps: the winner pays at most one step over the
        // runner-up's last whole-step bid (plus the step the runner-up could not make).
        #expect(award.record.amount == bids[0])
        #expect(bids[0] >= 9_250_000)
        #expect(bids[0] - bids[1] <= 2 * 50_000 || bids[1] < 9_250_000)
        let contract = try #require(
            run.events.first { $0.type == .contract && $0.record.other == listing.record.subject })
        #expect(contract.record.amount == award.record.amount / 5, "annual rent is a fifth of the price")
        #expect(contract.day > award.day && contract.day <= award.day + 20)
        // Rent is due on the signing day and every 365 days after, five times; the run lasts
        // six years, so every installment falls inside it.
        let payments = run.events.filter { $0.type == .payment && $0.record.subject == contract.record.subject }
        for payment in payments {
            let due = contract.day + 365 * (payment.record.count - 1)
            #expect(payment.day == due + payment.record.count2)
            // Four installments of the annual rent; the fifth carries what dividing left over.
            let expected =
                payment.record.count == 5
                ? contract.record.amount2 - 4 * contract.record.amount : contract.record.amount
            #expect(payment.record.amount == expected)
        }
        let installments = Set(payments.map(\.record.count))
        let terminated = run.events.contains {
            $0.type == .termination && $0.record.subject == contract.record.subject
                && $0.record.terminationReason != .expired
        }
        #expect(terminated || installments.count + run.events.filter { $0.type == .arrears }.count >= 5)
    }

    @Test func theRentReachesTheLedger() throws {
        let run = try run(seed: 2)
        for payment in run.events where payment.type == .payment {
            let receipt = run.events.first {
                $0.id > payment.id && $0.type == .receipt && $0.record.subject == payment.record.subject
            }
            #expect(receipt?.record.amount == payment.record.amount)
            #expect(receipt?.day == payment.day)
        }
    }
}
