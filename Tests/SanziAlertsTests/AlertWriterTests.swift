import Foundation
import SanziEvents
import SanziOutput
import Testing

@testable import SanziAlerts

@Suite("The alert files")
struct AlertWriterTests {
    /// Every village's id reads back exact in both files, whatever its length (at each edge of
    /// the id slots' sizes and past the largest) and whether CSV quotes it or JSON escapes it;
    /// an alert of no known village has an empty field and a null.
    @Test func villageIDsReadBackExactInBothFiles() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sanzi-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let ids =
            [0, 1, 14, 15, 16, 30, 31, 32, 62, 63, 64, 200].map { String(repeating: "v", count: $0) }
            + ["a,b", "say \"hi\"", "d1\\t", "村村", "line\nbreak"]
        let writer = try AlertWriter(folder: folder.path, villageIDs: ids, dateOfDay: { _ in "2013-01-01" })
        let villages = Array(Int32(-1)...Int32(ids.count))  // one before and one past the ids
        for village in villages {
            var alert = Alert(
                rule: "F01", severity: .yellow, day: 0, village: village, subject: .village, score: 1, threshold: 1,
                evidence: [1])
            alert.id = UInt64(village + 2)
            writer.write(alert)
        }
        try writer.finish()
        let expected = [""] + ids + [""]

        let json = try String(contentsOf: folder.appendingPathComponent("alerts.jsonl"), encoding: .utf8)
        let jsonVillages = json.split(separator: "\n").map { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["village"]
        }
        #expect(jsonVillages.count == villages.count)
        #expect(jsonVillages.map { $0 as? String ?? "" } == expected)
        #expect(jsonVillages.first.map { $0 is NSNull } == true && jsonVillages.last.map { $0 is NSNull } == true)

        // A line break inside a quoted field splits the text; rejoin the records first.
        let csv = try String(contentsOf: folder.appendingPathComponent("alerts.csv"), encoding: .utf8)
        var records: [Substring] = []
        var open = ""
        for line in csv.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
            open = open.isEmpty ? String(line) : open + "\n" + line
            if open.filter({ $0 == "\"" }).count.isMultiple(of: 2) {
                records.append(Substring(open))
                open = ""
            }
        }
        let column = try #require(CSV.fields(of: records[0]).firstIndex(of: "village"))
        #expect(records.dropFirst().map { CSV.fields(of: $0)[column] } == expected)
    }

    /// Subjects and numbers are written straight into the buffers, without strings: each field
    /// reads as `AlertSubject.description` and `AlertWriter.number(_:)` write it, for every kind
    /// of subject (a negative id too) and whole, fractional, large and non-finite numbers.
    @Test func subjectsAndNumbersReadAsTheirStrings() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sanzi-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let subjects: [AlertSubject] = [.listing(12), .contract(0), .bidder(-3), .village, .listing(Int64.max)]
        let numbers: [Double] = [3, -2, 0, -0.0, 0.1234567, -41.5, 1e15, 1e16, 123_456_789.25, .nan, .infinity]
        let writer = try AlertWriter(folder: folder.path, villageIDs: ["v"], dateOfDay: { _ in "2013-01-01" })
        for (index, number) in numbers.enumerated() {
            var alert = Alert(
                rule: "F06", severity: .orange, day: 0, village: 0, subject: subjects[index % subjects.count],
                score: number, threshold: -number, evidence: [], values: [.init("z", number)])
            alert.id = UInt64(index + 1)
            writer.write(alert)
        }
        try writer.finish()
        let csv = try String(contentsOf: folder.appendingPathComponent("alerts.csv"), encoding: .utf8)
        let rows = csv.split(separator: "\n").dropFirst().map { CSV.fields(of: $0) }
        #expect(rows.map { $0[6] } == numbers.indices.map { subjects[$0 % subjects.count].description })
        #expect(rows.map { $0[7] } == numbers.map(AlertWriter.number))
        #expect(rows.map { $0[8] } == numbers.map { AlertWriter.number(-$0) })
        let json = try String(contentsOf: folder.appendingPathComponent("alerts.jsonl"), encoding: .utf8)
        let expected = numbers.indices.map { index in
            let (subject, number) = (subjects[index % subjects.count].description, numbers[index])
            return "\"subject\":\"\(subject)\",\"score\":\(AlertWriter.number(number)),"
                + "\"threshold\":\(AlertWriter.number(-number)),\"evidence\":[],\"values\":{\"z\":\(AlertWriter.number(number))}}"
        }
        for (line, expected) in zip(json.split(separator: "\n"), expected) { #expect(line.hasSuffix(expected)) }
    }
}
