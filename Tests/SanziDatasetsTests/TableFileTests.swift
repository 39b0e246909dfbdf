import Foundation
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
