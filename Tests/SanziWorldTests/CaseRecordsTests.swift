import SanziScenario
import SanziTruth
import Testing

@testable import SanziWorld

/// The world's compact stores read back exactly what was put in them.
@Suite("Case records and values by id")
struct CaseRecordsTests {
    static func record(_ kind: Case.Kind, perpetrators: [Int32] = [], adapted: Bool = false) -> CaseRecord {
        CaseRecord(
            kind: kind, typology: .bidRigging, village: 7, perpetrators: perpetrators, beneficiary: 12, day: 300,
            adapted: adapted)
    }

    /// A look-alike as opened is kept small and read back whole; a misconduct case, and a
    /// look-alike with anything beyond what the small form holds, are kept whole; a look-alike
    /// changed keeps its change (it gets a whole record then) and leaves the others as they were.
    @Test func recordsReadBackAsAppendedAndChanged() {
        let plain = Self.record(.lookAlike)
        let unusual = Self.record(.lookAlike, adapted: true)
        let misconduct = Self.record(.misconduct, perpetrators: [3, 4])
        var cases = CaseRecords()
        for record in [plain, misconduct, unusual, plain] { cases.append(record) }
        #expect(cases.count == 4 && cases.wholeRecords == 2)
        #expect(cases[0] == plain && cases[1] == misconduct && cases[2] == unusual && cases[3] == plain)
        cases[3].known = true
        cases[1].booked += 5
        #expect(cases.wholeRecords == 3)
        #expect(cases[3].known && cases[3].village == 7 && cases[3].kind == .lookAlike)
        #expect(cases[1].booked == 5 && cases[0] == plain && cases[2] == unusual)
    }

    /// Values by id come back exact, those beyond 4 bytes too; ids outside the range have none.
    @Test func valuesByIDComeBackExact() {
        let values: [Int64] = [0, 1, 5_687_937, Int64(UInt32.max) - 1, Int64(UInt32.max), 1 << 40, -3]
        var kept = ValuesByID()
        for value in values { kept.append(value) }
        #expect(kept.count == values.count)
        #expect((1...Int64(values.count)).map { kept.value(of: $0) } == values.map { $0 })
        #expect(kept.value(of: 0) == nil && kept.value(of: Int64(values.count) + 1) == nil)
    }
}
