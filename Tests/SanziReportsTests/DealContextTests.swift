import Foundation
import SanziEvents
import Testing

@testable import SanziReports

@Suite("The report's deal context")
struct DealContextTests {
    /// Thirty thousand listings and contracts (several of the spool's blocks), a deal stored
    /// twice and offices: a context that set its deals aside knows, once it has read them back,
    /// exactly what one that kept them in memory knows.
    @Test func dealsSetAsideReadBackAsKeptInMemory() throws {
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
        try kept.readBack()
        try spooled.readBack()
        for id in Int64(0)...15_001 {
            #expect(
                spooled.listing(id)?.kind == kept.listing(id)?.kind
                    && spooled.listing(id)?.value == kept.listing(id)?.value)
            #expect(
                spooled.contract(id)?.kind == kept.contract(id)?.kind
                    && spooled.contract(id)?.value == kept.contract(id)?.value)
        }
        #expect(spooled.listing(7)?.value == 1 && spooled.contract(7)?.value == -15)
        #expect(spooled.listing(15_001) == nil && spooled.role(of: 4) == "director")
    }
}
