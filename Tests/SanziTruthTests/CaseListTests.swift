import SanziScenario
import Testing

@testable import SanziTruth

/// The ground truth's compact list reads back exactly what was put in it.
@Suite("The case list")
struct CaseListTests {
    static func entry(
        _ id: Int, _ kind: Case.Kind, beneficiary: Int64 = -1, booked: Int64 = 0, events: [UInt64] = [4, 9]
    ) -> Case {
        Case(
            id: id, kind: kind, typology: .dealSplitting, village: 3, perpetrators: kind == .misconduct ? [5, 6] : [],
            beneficiary: beneficiary, startDay: 10, endDay: 40, expected: 0, booked: booked, adapted: false,
            discoveredDay: -1, events: events)
    }

    /// Plain look-alikes (with a beneficiary or none, with events or none) are rows alone; a
    /// misconduct case, a look-alike with money booked, one numbered out of place and one whose
    /// beneficiary is beyond 32 bits are kept whole; every one reads back as appended.
    @Test func entriesReadBackAsAppended() {
        var cases = [
            Self.entry(1, .lookAlike), Self.entry(2, .misconduct, beneficiary: 8, booked: -500),
            Self.entry(3, .lookAlike, beneficiary: 12, events: []), Self.entry(4, .lookAlike, booked: 7),
            Self.entry(9, .lookAlike), Self.entry(6, .lookAlike, beneficiary: 1 << 40, events: [1, 2, 3]),
            Self.entry(7, .lookAlike, beneficiary: Int64(Int32.max)),
        ]
        cases[1].discoveredDay = 95
        cases[1].privateMoney = 300
        cases[2].startDay = 12
        let list = CaseList(cases)
        #expect(Array(list) == cases)
        #expect(list.wholeEntries == 4)
        #expect(list.indices.map { list.id(at: $0) } == cases.map(\.id))
        #expect(list.indices.map { list.kind(at: $0) } == cases.map(\.kind))
        #expect(list.indices.map { list.typology(at: $0) } == cases.map(\.typology))
        #expect(list.indices.map { list.discoveredDay(at: $0) } == cases.map(\.discoveredDay))
        #expect(list.indices.map { list.startDay(at: $0) } == cases.map(\.startDay))
        #expect(list.indices.map { list.loss(at: $0) } == cases.map(\.loss) && list.loss(at: 1) == 500)
        #expect(list.indices.map { list.privateMoney(at: $0) } == cases.map(\.privateMoney))
        #expect(list.indices.map { list.perpetratorCount(at: $0) } == cases.map(\.perpetrators.count))
        #expect(list.indices.map { Array(list.events(at: $0)) } == cases.map(\.events))
        #expect(list == CaseList(cases) && list != CaseList(cases.dropLast()))
        #expect(MemoryLayout<CaseList.Row>.stride == 24)
        #expect(GroundTruth(cases: cases).cases == list)
    }
}
