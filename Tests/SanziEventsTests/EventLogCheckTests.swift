import Foundation
import SanziEvents
import Testing

/// The reader checks the log it is given: every damaged log is an error at its line, never a
/// trap or a silently different result.
@Suite("A damaged event log is an error at its line")
struct EventLogCheckTests {
    /// Three valid lines: ids 1–3 on days 0, 0 and 2 of a log starting 2013-01-01.
    static let lines = [
        #"{"id":1,"day":0,"date":"2013-01-01","type":"intervention","village":null,"change":"listing-threshold","value":1,"index":0,"district":-1,"task":-1}"#,
        #"{"id":2,"day":0,"date":"2013-01-01","type":"intervention","village":null,"change":"listing-threshold","value":2,"index":0,"district":-1,"task":-1}"#,
        #"{"id":3,"day":2,"date":"2013-01-03","type":"intervention","village":null,"change":"listing-threshold","value":3,"index":0,"district":-1,"task":-1}"#,
    ]

    /// Reads `text` whole; returns the events or the error's description.
    static func read(_ text: String) throws -> Result<Int, EventLogReader.ReadError> {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sanzi-\(UUID()).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        do throws(EventLogReader.ReadError) {
            var reader = try EventLogReader(path: path)
            var count = 0
            while try reader.next() != nil { count += 1 }
            return .success(count)
        } catch {
            return .failure(error)
        }
    }

    /// The line and the reason of the error `text` gives.
    static func error(_ text: String) throws -> (line: Int, reason: String)? {
        guard case .failure(.malformed(_, let line, let reason)) = try read(text) else { return nil }
        return (line, reason)
    }

    @Test func theValidLogReads() throws {
        guard case .success(let count) = try Self.read(Self.lines.joined(separator: "\n") + "\n") else {
            Issue.record("the valid log is refused")
            return
        }
        #expect(count == 3)
    }

    @Test(arguments: [
        // Two lines swapped, the log reversed, repeated, a line cut out.
        ([1, 0, 2], 1, "expected 1, found 2"),
        ([2, 1, 0], 1, "expected 1, found 3"),
        ([0, 1, 2, 0, 1, 2], 4, "expected 4, found 1"),
        ([0, 2], 2, "expected 2, found 3"),
    ])
    func linesOutOfOrderAreErrors(order: [Int], line: Int, reason: String) throws {
        let error = try Self.error(order.map { Self.lines[$0] }.joined(separator: "\n"))
        #expect(error?.line == line)
        #expect(error?.reason.contains(reason) == true, "\(String(describing: error))")
    }

    @Test(arguments: [
        (#""day":2,"#, #""day":2147483648,"#, "a whole number from 0 to 2147483647"),
        (#""day":2,"#, #""day":-1,"#, "a whole number from 0"),
        (#""id":3,"#, #""id":-3,"#, "expected 3, found -3"),
        (#""id":3,"#, #""id":9999999999999999999,"#, "expected \"id\""),
        (#""value":3,"#, #""value":9223372036854775807,"#, "within ±1000000000000000"),
        (#""index":0"#, #""index":4294967296"#, "must fit in 32 bits"),
        (#""date":"2013-01-03""#, #""date":"2013-01-04""#, "not day 2's"),
        (#""date":"2013-01-03""#, #""date":"2013-02-30""#, "must be a date"),
        (#""type":"intervention""#, #""type":"bribe""#, "known \"type\""),
        (#""change":"listing-threshold""#, #""change":"x""#, "unknown value"),
    ])
    func aDamagedFieldIsAnErrorAtItsLine(field: String, damaged: String, reason: String) throws {
        var lines = Self.lines
        lines[2] = lines[2].replacingOccurrences(of: field, with: damaged)
        #expect(lines[2] != Self.lines[2], "the damage applies")
        let error = try Self.error(lines.joined(separator: "\n"))
        #expect(error?.line == 3)
        #expect(error?.reason.contains(reason) == true, "\(String(describing: error))")
    }

    @Test func daysNeverDecrease() throws {
        let lines = [Self.lines[0], Self.lines[2].replacingOccurrences(of: #""id":3"#, with: #""id":2"#)]
        let back = lines[1].replacingOccurrences(of: #""id":2"#, with: #""id":3"#)
            .replacingOccurrences(of: #""day":2,"date":"2013-01-03""#, with: #""day":1,"date":"2013-01-02""#)
        let error = try Self.error((lines + [back]).joined(separator: "\n"))
        #expect(error?.line == 3 && error?.reason == "days never decrease: day 1 after day 2")
    }

    @Test func anEmptyLogAndAnEndlessLineAreErrors() throws {
        #expect(try Self.error("")?.reason == "the log holds no events")
        #expect(try Self.error("\n\n")?.reason == "the log holds no events")
        let endless = String(repeating: "x", count: EventLogReader.maximumLineLength + 10)
        #expect(try Self.error(endless)?.reason.contains("a line longer than") == true)
    }

    @Test func datesAreCountedFromTheCivilCalendar() {
        let cases: [(String, Int64?)] = [
            ("1970-01-01", 0), ("2000-03-01", 11_017), ("2013-01-01", 15_706), ("2016-02-29", 16_860),
            ("2015-02-29", nil), ("2013-13-01", nil), ("2013-1-01", nil), ("9999-12-31", 2_932_896),
        ]
        for (text, number) in cases {
            let bytes = Array(text.utf8)
            let value = bytes.withUnsafeBufferPointer { EventLogReader.dayNumber(of: $0[...]) }
            #expect(value == number, "\(text)")
        }
    }
}
