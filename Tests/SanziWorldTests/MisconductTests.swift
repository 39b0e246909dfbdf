import SanziEvents
import SanziScenario
import SanziTruth
import Testing

@testable import SanziWorld

/// Each typology forced at rate 1 leaves its fingerprint in the log and its case in the truth.
@Suite("Misconduct acted out, with ground truth")
struct MisconductTests {
    typealias Fixtures = MisconductFixtures

    @Test(arguments: Typology.allCases)
    func eachTypologyLeavesItsFingerprint(_ typology: Typology) throws {
        let run = try Fixtures.run(Fixtures.forcing(typology))
        let cases = run.cases(typology)
        #expect(!cases.isEmpty, "no \(typology.rawValue) case")
        #expect(run.truth.misconduct.allSatisfy { $0.typology == typology }, "only the forced typology acts")
        for entry in cases {
            let touched = !entry.events.isEmpty
            let matches = fingerprint(typology, entry, run)
            #expect(touched, "case \(entry.id) touched no event")
            #expect(matches, "case \(entry.id) lacks the \(typology.rawValue) fingerprint")
        }
        // Every typology costs the collective money, but election bribery, paid privately.
        let loses =
            cases.contains { $0.loss > 0 } || (typology == .electionBribery && cases.allSatisfy { $0.privateMoney > 0 })
        #expect(loses, "some \(typology.rawValue) case loses money")
        // Loss and gain split expected − booked: never negative, never both, summing back.
        for entry in cases {
            #expect(entry.loss >= 0 && entry.gain >= 0 && min(entry.loss, entry.gain) == 0, "case \(entry.id)")
            #expect(entry.loss - entry.gain == entry.expected - entry.booked, "case \(entry.id)")
        }
    }

    /// Forced rigged listings where few honest bidders came book more than the auction among
    /// them would have: such a case reports a gain and no loss (it once reported a negative loss).
    @Test(arguments: [Typology.bidRotation, .bidRigging, .relativeAward])
    func aRiggedDealThatBroughtMoreReportsAGainNotANegativeLoss(_ typology: Typology) throws {
        let run = try Fixtures.run(Fixtures.forcing(typology))
        let over = run.cases(typology).filter { $0.booked > $0.expected }
        #expect(!over.isEmpty, "no \(typology.rawValue) case booked above its counterfactual")
        #expect(over.allSatisfy { $0.loss == 0 && $0.gain == $0.booked - $0.expected })
    }

    /// Every event a case names is in the log, and what a case booked is the signed sum of its
    /// ledger entries in the log, to the fen (money in positive, money out negative).
    @Test(arguments: Typology.allCases)
    func casesPointAtRealEventsAndReconcileWithTheLedger(_ typology: Typology) throws {
        let run = try Fixtures.run(Fixtures.forcing(typology))
        for entry in run.truth.cases {
            let exist = entry.events.allSatisfy { run.byID[$0] != nil }
            #expect(exist, "case \(entry.id) names an event missing from the log")
            #expect(entry.events == entry.events.sorted())
            guard entry.kind == .misconduct else { continue }
            let ledger = run.events(of: entry).reduce(Int64(0)) { sum, event in
                let r = event.record
                switch r.type {
                case .receipt: return sum + r.amount
                case .disbursement: return sum - r.amount
                case .loan: return sum + (r.loanKind == .lent ? -r.amount : r.amount)
                default: return sum
                }
            }
            #expect(entry.booked == ledger, "case \(entry.id) (\(typology.rawValue))")
        }
    }

    @Test func withAllRatesAtZeroThereAreNoCases() throws {
        let rates = Typology.allCases.map { #"<typology id="\#($0.rawValue)" rate="0" perpetrators="director"/>"# }
        let run = try Fixtures.run(Fixtures.text(misconduct: rates.joined(separator: "\n")))
        #expect(run.truth.cases.isEmpty)
        let disabled = try Fixtures.run(Fixtures.forcing(.bidRigging, enabled: false))
        #expect(disabled.truth.cases.isEmpty)
    }

    /// `cases.csv` reads back to the same ground truth, whatever the village ids hold.
    @Test func theCaseTableReadsBackWhatItWrote() throws {
        let run = try Fixtures.run(Fixtures.forcing(.bidRigging))
        let villages = ["V,1", "V \"2\"", "V3"]
        let text = CaseTable.text(run.truth, villageIDs: villages, dateOfDay: { "day \($0)" })
        #expect(text.hasPrefix(CaseTable.columns.joined(separator: ",") + "\n"))
        #expect(try CaseTable.read(text, villageIDs: villages) == run.truth)
        #expect(throws: CaseTable.ReadError.self) { try CaseTable.read("case_id\n", villageIDs: villages) }
    }

    // MARK: - Fingerprints

    func fingerprint(_ typology: Typology, _ entry: Case, _ run: Fixtures.Run) -> Bool {
        let events = run.events(of: entry)
        func all(_ type: EventType) -> [LogRecord] { events.filter { $0.type == type }.map(\.record) }
        switch typology {
        case .belowMarketDeal:
            guard let listing = all(.listing).first, let award = all(.award).first else { return false }
            return listing.amount2 < listing.amount * 85 / 100 && listing.count2 == 5
                && award.party == entry.beneficiary
        case .bidRigging:
            // Two or more covers bunch at the reserve (leases and sales: at most 3% over it;
            // works: between the crony's price and the reserve); the crony wins.
            guard let listing = all(.listing).first, let award = all(.award).first else { return false }
            let reserve = listing.amount2
            var losing = all(.bid).map(\.amount)
            if let won = losing.firstIndex(of: award.amount) { losing.remove(at: won) }
            let bunched =
                listing.deal == .works
                ? losing.allSatisfy { $0 <= reserve && $0 >= award.amount }
                : losing.allSatisfy { $0 <= reserve * 103 / 100 && $0 >= reserve - 1_000_00 }
            return all(.registration).count >= 3 && losing.count >= 2 && bunched && award.party == entry.beneficiary
        case .bidRotation:
            let ring = run.world.misconduct.rings[0].drawn.map { Bidder.id(of: $0) }
            return all(.award).allSatisfy { ring.contains($0.party) } && ring.contains(entry.beneficiary)
        case .relativeAward:
            let winner = run.world.platform.bidders.indices.first { Bidder.id(of: Int32($0)) == entry.beneficiary }
                .map { run.world.platform.bidders[$0] }
            return all(.award).first?.party == entry.beneficiary
                && entry.perpetrators.contains { perpetrator in
                    run.world.people.relatives[Int(perpetrator)].contains { $0.person == winner?.person }
                }
        case .offPlatformDeal:
            guard let contract = all(.contract).first else { return false }
            return contract.other == -1 && contract.amount2 >= 50_000_00 && all(.decision).isEmpty
        case .dealSplitting:
            let parts = events.filter { $0.type == .contract }
            let gaps = zip(parts, parts.dropFirst()).map { $1.day - $0.day }
            return parts.count >= 2 && parts.allSatisfy { $0.record.other == -1 && $0.record.amount2 < 50_000_00 }
                && parts.reduce(0) { $0 + $1.record.amount2 } >= 50_000_00 && gaps.allSatisfy { $0 <= 20 }
        case .postAwardAmendment:
            guard let amendment = all(.amendment).first else { return false }
            switch amendment.code {
            case 0: return amendment.amount2 <= amendment.amount * 80 / 100 && all(.decision).isEmpty
            case 1: return amendment.count2 > amendment.count && amendment.amount2 == amendment.amount
            default: return amendment.amount2 > amendment.amount && all(.disbursement).count == 1
            }
        case .toleratedArrears:
            let contract = all(.arrears).first?.subject ?? -2
            return !all(.arrears).isEmpty
                && !run.events.contains {
                    $0.type == .termination && $0.record.subject == contract && $0.record.terminationReason == .default
                }
        case .embezzledReceipts:
            guard let payment = events.first(where: { $0.type == .payment }) else { return false }
            return !run.events.contains {
                $0.type == .receipt && $0.record.subject == payment.record.subject
                    && (payment.day...payment.day + 30).contains($0.day)
            }
        case .fakeDisbursement:
            return all(.disbursement).allSatisfy {
                $0.amount % 1_000_00 == 0 && $0.count2 == 0 && $0.amount > 1_000_00 && $0.party == entry.beneficiary
            }
        case .misappropriation:
            guard let lent = events.first(where: { $0.type == .loan && $0.record.code == 0 }) else { return false }
            // Honest loans carry their votes; the misappropriated one has none of its own.
            let window = lent.day - 30...lent.day
            let nearby = run.events.filter { $0.record.village == entry.village && window.contains($0.day) }
            let votes = nearby.filter { $0.type == .decision && $0.record.code == 3 }.count
            let honestLoans = nearby.filter { $0.type == .loan && $0.record.code == 0 && $0.id != lent.id }.count
            return votes <= honestLoans && all(.loan).filter { $0.code == 1 }.allSatisfy { $0.amount2 == 0 }
        case .excessiveSpending:
            return all(.disbursement).allSatisfy { $0.code == 4 }
        case .divertedCompensation:
            return all(.disbursement).contains { $0.code == 7 && $0.count == 1 && $0.party == entry.beneficiary }
        case .voteBuying:
            let elections = run.events.filter { $0.type == .election && $0.record.village == entry.village }.map(\.day)
            return events.filter { $0.type == .disbursement }.allSatisfy { payment in
                payment.record.code == 3 && elections.contains { (1...60).contains($0 - payment.day) }
            }
        case .electionBribery:
            let ballots = all(.ballot)
            return ballots.count == 1 && entry.perpetrators == [ballots[0].subject] && entry.privateMoney > 0
        case .bribedAward:
            // The payer wins; every offer turned away beat its price; the bribe is 30-60% of
            // the loss, paid privately.
            guard let award = all(.award).first else {  // or the bidding is still open at the horizon
                return events.allSatisfy { [.listing, .registration, .publicity].contains($0.type) }
            }
            let works = all(.listing).first?.deal == .works
            let beaten = all(.disqualification).allSatisfy {
                works ? $0.amount < award.amount : $0.amount > award.amount
            }
            let share = entry.loss > 0 ? Double(entry.privateMoney) / Double(entry.loss) : 0.45
            return award.party == entry.beneficiary && beaten && (0.29...0.61).contains(share)
        }
    }
}
