import Foundation
import SanziEvents
import Testing

@testable import SanziReports

@Suite("The report's deal context")
struct DealContextTests {
    /// Thirty thousand listings and contracts (several of the spool's blocks), a deal stored
    /// twice and offices: a context that set its deals aside knows, once it has recalled the
    /// subjects a report tells, exactly what one that kept them in memory knows of those, and
    /// nothing of the others.
    @Test func dealsSetAsideRecalledAsKeptInMemory() throws {
        let folder = try temporaryFolder("deals")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let kept = DealContext()
        let spooled = try DealContext(spoolingIn: folder)
        var events = (1...30_000).map { (n: Int) -> LogRecord in
            n % 2 == 0
                ? LogRecord(.listing, village: 0, code: UInt8(n % 4), subject: Int64(n / 2), amount: Int64(n) * 100)
                : LogRecord(.contract, village: 0, code: UInt8(n % 3), subject: Int64(n / 2), amount2: -Int64(n))
        }
        events += [
            LogRecord(.listing, village: 0, code: 3, subject: 7, amount: 1),
            LogRecord(.office, village: 0, code: 1, subject: 4),
        ]
        for (index, record) in events.enumerated() {
            let event = LoggedEvent(id: UInt64(index + 1), day: 0, record: record)
            kept.accept(event)
            spooled.accept(event)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
        let told: [AlertSubject] = [
            .listing(7), .contract(7), .listing(14_999), .contract(1), .listing(15_001), .bidder(3),
        ]
        kept.recall(told)
        spooled.recall(told)
        try spooled.check()
        for id in [Int64(7), 14_999, 15_001] {
            #expect(
                spooled.listing(id)?.kind == kept.listing(id)?.kind
                    && spooled.listing(id)?.value == kept.listing(id)?.value)
        }
        for id in [Int64(7), 1] {
            #expect(
                spooled.contract(id)?.kind == kept.contract(id)?.kind
                    && spooled.contract(id)?.value == kept.contract(id)?.value)
        }
        #expect(spooled.listing(7)?.value == 1 && spooled.contract(7)?.value == -15)
        #expect(spooled.listing(14_999)?.value == 2_999_800 && spooled.contract(1)?.kind == 0)
        #expect(spooled.listing(15_001) == nil && spooled.role(of: 4) == "director")
        // Not told: the kept context knows it, the spooled one never read it back.
        #expect(kept.listing(8)?.value == 1_600 && spooled.listing(8) == nil && spooled.contract(2) == nil)
    }
}
