import Foundation
import Testing

@testable import SanziEvents

@Suite("The event vocabulary")
struct EventVocabularyTests {
    /// The log's names come from the typed codes, in code order, in kebab case.
    @Test func codesAreNamedInKebabCaseInCodeOrder() {
        #expect(LogRecord.Deal.names == ["lease", "sale", "works", "loan"])
        #expect(LogRecord.Role.committeeMember.name == "committee-member")
        #expect(LogRecord.TerminationReason.names == ["expired", "early", "default", "completed", "sold", "voided"])
        #expect(LogRecord.DisbursementPurpose.compensationTransfer.name == "compensation-transfer")
        #expect(LogRecord.InterventionKind.warningSystem.rawValue == 4)
    }

    /// Typed accessors read the slot the schema names, and refuse codes out of range.
    @Test func typedAccessorsReadTheirSlots() {
        let payout = LogRecord(.disbursement, village: 0, code: 4, amount: 100, count: 2, count2: 1)
        #expect(payout.disbursementPurpose == .hospitality)
        #expect(payout.account == .cash && payout.approver == .twoCommittees)
        #expect(LogRecord(.award, village: 0, code: 9).method == nil)
        #expect(LogRecord(.receipt, village: 0, count: -1).account == nil)
    }

    @Test func subjectsAreWrittenAndReadBack() {
        let subjects: [AlertSubject] = [.listing(12), .contract(7), .bidder(40), .village]
        #expect(subjects.map(\.description) == ["listing:12", "contract:7", "bidder:40", "village"])
        #expect(subjects.map { AlertSubject($0.description) } == subjects)
        #expect(AlertSubject("lease:3") == nil && AlertSubject("listing:x") == nil)
        #expect(AlertSubject.contract(7) < .listing(12))
    }

    /// A log written by the writer reads back to the same events, field for field.
    @Test func theLogReadsBackAsWritten() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sanzi-\(UUID()).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let events = [
            LoggedEvent(
                id: 1, day: 0,
                record: LogRecord(
                    .listing, village: 0, code: 0, subject: 1, other: 4, party: 0, amount: 500_000,
                    amount2: 450_000, count: 5, count2: 10)),
            LoggedEvent(
                id: 2, day: 3,
                record: LogRecord(
                    .disbursement, village: 1, code: 7, subject: -1, party: 12, amount: 99, count: 1,
                    count2: 2)),
            LoggedEvent(id: 3, day: 4, record: LogRecord(.intervention, village: -1, code: 4, amount: 1, count: 0)),
        ]
        let writer = try EventLogWriter(path: path, villageIDs: ["v0", "v-1.b"], dateOfDay: { "2013-01-0\($0 + 1)" })
        for event in events { writer.accept(event) }
        #expect(!FileManager.default.fileExists(atPath: path), "nothing at the path until the log is finished")
        try writer.finish()
        var reader = try EventLogReader(path: path)
        var read: [LoggedEvent] = []
        while let event = try reader.next() { read.append(event) }
        #expect(read == events)
        #expect(reader.villageIDs == ["v0", "v-1.b"])
    }

    /// The writer formats numbers itself, two digits at a time, and copies the fixed parts of a
    /// line 16 bytes at a time: every line is exactly what Swift's own formatting gives, for
    /// numbers at each edge (one and two digits, odd and even lengths, both extremes), a long
    /// village id, a code out of range (written `"unknown"`) and a day before the start (its
    /// number, with the first day's date).
    @Test func linesAreExactAtTheEdges() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sanzi-\(UUID()).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let numbers: [Int64] = [0, 7, 10, 99, 100, 999, 1_000, 12_345, 9_876_543_210, -1, -10, .max, .min]
        let days: [Int32] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, -2, 12]
        let village = String(repeating: "村", count: 200)
        let writer = try EventLogWriter(path: path, villageIDs: ["v0", village], dateOfDay: { "2013-01-\($0 + 10)" })
        for (index, number) in numbers.enumerated() {
            writer.accept(
                LoggedEvent(
                    id: UInt64(index) * 1_234_567, day: days[index],
                    record: LogRecord(
                        .listing, village: Int32(index % 2), code: UInt8(index % 6), subject: number,
                        other: 0 &- number, party: number,
                        amount: number, amount2: 5, count: Int32(truncatingIfNeeded: number), count2: 3)))
        }
        try writer.finish()
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
        let deals = ["lease", "sale", "works", "loan", "unknown", "unknown"]
        let expected = numbers.enumerated().map { index, number in
            "{\"id\":\(UInt64(index) * 1_234_567),\"day\":\(days[index]),\"date\":\"2013-01-\(max(days[index], 0) + 10)\","
                + "\"type\":\"listing\","
                + "\"village\":\"\(index % 2 == 0 ? "v0" : village)\",\"listing\":\(number),\"asset\":\(0 &- number),"
                + "\"deal\":\"\(deals[index % 6])\",\"appraisal_fen\":\(number),\"reserve_fen\":5,"
                + "\"term_years\":\(Int32(truncatingIfNeeded: number)),\"announcement_days\":3,\"relisting\":\(number)}"
        }
        #expect(lines == expected)
    }

    /// Village ids are copied from slots of 16, 32 or 64 bytes (the least that holds the
    /// longest), those longer from after the slots: every id reads back whole at each edge of
    /// each slot size, beside ids much shorter and longer, escaped ones, and scenario-wide
    /// events' `null`.
    @Test func villageIDsAreExactAtEverySlotsEdges() throws {
        // The longest literal (the id quoted) at each slot size's edges and past the largest.
        for longest in [15, 16, 31, 32, 63, 64, 65, 202] {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("sanzi-\(UUID()).jsonl").path
            defer { try? FileManager.default.removeItem(atPath: path) }
            let lengths = [0, 1, 12, 13, 14, 29, 30, 61, 62, 63].filter { $0 + 2 < longest } + [longest - 2]
            let ids = lengths.map { String(repeating: "v", count: $0) } + ["d1\"t\\1", "村村"]
            let writer = try EventLogWriter(path: path, villageIDs: ids, dateOfDay: { _ in "2013-01-01" })
            for village in Int32(-1)..<Int32(ids.count) {
                writer.accept(
                    LoggedEvent(
                        id: UInt64(village + 2), day: 0, record: LogRecord(.intervention, village: village, code: 0)))
            }
            try writer.finish()
            let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
            let villages = lines.map { line in
                (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["village"]
            }
            #expect(villages.count == ids.count + 1)
            #expect(villages.first.map { $0 is NSNull } == true, "scenario-wide events have a null village")
            #expect(villages.dropFirst().map { $0 as? String } == ids, "longest literal \(longest) bytes")
        }
    }

    /// A pipeline hands its sink every event, in order, from its own thread.
    @Test func aPipelineKeepsTheOrder() {
        let collector = EventCollector()
        let pipeline = PipelineSink(collector, batchSize: 7, depth: 2)
        let events = (1...1_000).map {
            LoggedEvent(id: UInt64($0), day: Int32($0 / 10), record: LogRecord(.review, village: 0))
        }
        for event in events { pipeline.accept(event) }
        pipeline.finish()
        #expect(collector.events == events)
    }
}
