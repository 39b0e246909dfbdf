import Foundation
import SanziOutput
import SanziScenario
import Testing

@testable import SanziTruth

@Suite("Ground truth")
struct GroundTruthTests {
    static let truth = GroundTruth(cases: [
        Case(
            id: 1, kind: .misconduct, typology: .bidRigging, village: 0, perpetrators: [3, 4], beneficiary: 9,
            startDay: 10, endDay: 40, expected: 500_000, booked: 320_050, adapted: false, discoveredDay: -1,
            events: [5, 7, 11]),
        Case(
            id: 2, kind: .lookAlike, typology: .voteBuying, village: 1, perpetrators: [], beneficiary: -1,
            startDay: 20, endDay: 20, expected: 0, booked: 0, adapted: false, discoveredDay: -1, events: [7]),
        Case(
            id: 3, kind: .misconduct, typology: .misappropriation, village: 1, perpetrators: [8], beneficiary: 2,
            startDay: 30, endDay: 90, expected: 1_234, booked: 0, adapted: true, discoveredDay: 95, events: [12]),
    ])

    @Test func labelsNameEveryCaseTouchingAnEvent() {
        let labels = Self.truth.labels
        #expect(labels[7] == [1, 2])
        #expect(labels[12] == [3])
        #expect(labels[6] == nil, "an event no case names is honest")
        #expect(Self.truth.caseIDs(touching: [7, 11, 99]) == [7: [1, 2], 11: [1]])
        #expect(Self.truth.misconduct.map(\.id) == [1, 3])
    }

    @Test func lossIsWhatShouldHaveBeenBookedLessWhatWas() {
        #expect(Self.truth.cases.map(\.loss) == [179_950, 0, 1_234])
    }

    /// cases.csv is written and read back to the same values, money to the fen.
    @Test func theCaseTableRoundTrips() throws {
        let text = CaseTable.text(Self.truth, villageIDs: ["v0", "v,1"], dateOfDay: { "day\($0)" })
        let lines = text.split(separator: "\n")
        #expect(lines[0] == Substring(CaseTable.columns.joined(separator: ",")))
        #expect(lines[1].contains(",3 4,") && lines[1].contains("5000.00,3200.50,1799.50"))
        #expect(lines[2].contains("\"v,1\""), "a village id with a comma is quoted")
        let read = try CaseTable.read(text, villageIDs: ["v0", "v,1"])
        #expect(read == Self.truth)
    }

    @Test func aMalformedCaseTableIsAnErrorWithItsLine() {
        let text = CaseTable.columns.joined(separator: ",") + "\n1,misconduct,bid-rigging,v0,,-1,x\n"
        #expect(throws: CaseTable.ReadError.self) { try CaseTable.read(text, villageIDs: ["v0"]) }
    }

    /// A table longer than the writer's chunk of a MiB is written as `text` gives it; a file
    /// that cannot be made is an error naming it.
    @Test func aLongCaseTableIsWrittenAsItsText() throws {
        let cases = (1...3_000).map { id in
            Case(
                id: id, kind: .misconduct, typology: .bidRigging, village: Int32(id % 2), perpetrators: [3],
                beneficiary: -1, startDay: 1, endDay: 2, expected: 100, booked: 0, adapted: false, discoveredDay: -1,
                events: (0..<200).map { UInt64(id * 1_000 + $0) })
        }
        let truth = GroundTruth(cases: cases)
        let text = CaseTable.text(truth, villageIDs: ["v0", "v1"], dateOfDay: { "day\($0)" })
        #expect(text.utf8.count > 3 << 20)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sanzi-cases-\(UUID())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/cases.csv"
        try CaseTable.write(truth, villageIDs: ["v0", "v1"], dateOfDay: { "day\($0)" }, to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == text)
        #expect(!FileManager.default.fileExists(atPath: path + ".partial"))
        #expect(throws: OutputError.self) {
            try CaseTable.write(
                truth, villageIDs: ["v0", "v1"], dateOfDay: { "day\($0)" }, to: folder + "/none/cases.csv")
        }
    }
}
