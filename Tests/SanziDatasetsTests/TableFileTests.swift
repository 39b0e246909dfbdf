import Foundation
import SanziAlerts
import SanziEvents
import SanziScenario
import Testing

@testable import SanziDatasets

@Suite("Table files")
struct TableFileTests {
    private let schema = TableSchema(
        name: "numbers", meaning: "", columns: [.init("n", .integer, nil, ""), .init("yuan", .decimal, "yuan", "")],
        groundTruth: false)

    private func written(_ format: TableFile.Format, _ rows: [(Int64, Int64)]) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("table-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        var file = try TableFile(schema, format: format, path: path)
        for (number, fen) in rows {
            file.int(number)
            file.yuan(fen)
            try file.endRow()
        }
        try file.close()
        return try String(contentsOfFile: path, encoding: .utf8)
    }

    @Test func integersAndMoneyAreWrittenExactly() throws {
        let numbers: [Int64] = [0, 7, 10, 99, 100, 101, 12_345, -1, -100, 999_999_999_999, .max, .min]
        let text = try written(.csv, numbers.map { ($0, $0) })
        let expected =
            ["n,yuan"]
            + numbers.map { number -> String in
                let yuan = number.magnitude / 100
                let fen = number.magnitude % 100
                return "\(number),\(number < 0 ? "-" : "")\(yuan).\(fen < 10 ? "0" : "")\(fen)"
            }
        #expect(text == expected.joined(separator: "\n") + "\n")
    }

    @Test func jsonLinesNameEveryCell() throws {
        #expect(try written(.jsonl, [(42, -5)]) == "{\"n\":42,\"yuan\":-0.05}\n")
    }

    @Test func monthsFollowTheCalendar() throws {
        let start = try #require(CalendarDate(year: 2020, month: 11, day: 30))
        let table = MonthTable(start: start, days: 400)
        #expect(table.month(0) == 11 && table.serial(0) == 0)
        #expect(table.month(1) == 12 && table.serial(1) == 1)
        #expect(table.month(32) == 1 && table.serial(32) == 2)
        #expect(table.month(365) == 11 && table.serial(365) == 12)
        // Past the table it computes the same answer.
        #expect(table.serial(800) == start.months(until: start.adding(days: 800)))
    }
}

@Suite("Vocabularies and id tables")
struct VocabularyTests {
    @Test func wordsAreEscapedForTheirFormat() throws {
        let schema = TableSchema(
            name: "words", meaning: "", columns: [.init("a", .string, nil, ""), .init("b", .string, nil, "")],
            groundTruth: false)
        let words = ["plain", "with,comma", "say \"hi\"", "line\nbreak", "<b>&"]
        var texts: [TableFile.Format: String] = [:]
        for format in [TableFile.Format.csv, .jsonl] {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("words-\(UUID().uuidString)").path
            defer { try? FileManager.default.removeItem(atPath: path) }
            var file = try TableFile(schema, format: format, path: path)
            let first = file.vocabulary(["x"])
            let vocabulary = file.vocabulary(words)
            for index in -1...words.count {
                file.word(0, of: first)
                file.word(index, of: vocabulary)
                try file.endRow()
            }
            try file.close()
            texts[format] = try String(contentsOfFile: path, encoding: .utf8)
        }
        #expect(
            texts[.csv]
                == "a,b\nx,\nx,plain\nx,\"with,comma\"\nx,\"say \"\"hi\"\"\"\nx,\"line\nbreak\"\nx,<b>&\nx,\n")
        #expect(
            texts[.jsonl]?.split(separator: "\n").map(String.init) == [
                #"{"a":"x","b":""}"#, #"{"a":"x","b":"plain"}"#, #"{"a":"x","b":"with,comma"}"#,
                #"{"a":"x","b":"say \"hi\""}"#, #"{"a":"x","b":"line\nbreak"}"#,
                #"{"a":"x","b":"\u003cb\u003e\u0026"}"#, #"{"a":"x","b":""}"#,
            ])
    }

    @Test func idTablesHoldDenseAndSparseIds() {
        var table = IDTable<[Int]>()
        table[3, default: []].append(1)
        table[3, default: []].append(2)
        table[-5] = [7]
        table[1 << 40] = [8]
        table[10] = nil  // removing what is not there stores nothing
        #expect(table[3] == [1, 2] && table[-5] == [7] && table[1 << 40] == [8])
        #expect(table[0] == nil && table[10] == nil)
        #expect(table.removeValue(forKey: 3) == [1, 2] && table[3] == nil)
        #expect(table.removeValue(forKey: 99) == nil)
        table[-5]?.append(9)
        #expect(table[-5] == [7, 9])
    }
}

@Suite("Features that follow a rule")
struct RuleFeatureTests {
    /// Two features count within a rule's window; their names and documentation say the
    /// window's length, so a change of the rule's default must show here.
    @Test func featureWindowsAreTheRulesDefaults() throws {
        #expect(RepeatWinner.windowDays.defaultValue == 365)
        #expect(MissingDecision.windowDays.defaultValue == 180)
        let columns = DatasetTables.transactions.columns
        let wins = try #require(columns.first { $0.name == "counterparty_wins_365" })
        #expect(wins.meaning.contains("365 days (C08's window)"))
        let decision = try #require(columns.first { $0.name == "decision_share" })
        #expect(decision.meaning.contains("180 days (P05's window)"))
    }
}
