import Foundation
import SanziEvents
import SanziOutput
import SanziScenario
import SanziTruth

/// What one run did, by district and month, read back from its folder: petitions, sanctions,
/// leads and investigations from events.jsonl, alerts from alerts.csv, misconduct cases and
/// their loss from cases.csv, and the villages' districts and the period from report.json.
public struct RunTally: Sendable {
    /// The measures compared, in the order they are shown.
    public enum Measure: String, CaseIterable, Sendable, Encodable {
        case petitions, cases
        case lossFen = "loss_fen"
        case sanctions, alerts, leads, investigations
    }

    public var folder: String
    /// Calendar months of the run, `YYYY-MM`.
    public var months: [String]
    public var districts: [String]
    /// Counts by measure, then district, then month.
    public var counts: [Measure: [[Int64]]]

    /// A problem reading a run folder.
    public struct ReadError: Error, CustomStringConvertible {
        public var path: String
        /// The line at fault, when the reader knows it.
        public var line: Int?
        public var reason: String

        init(path: String, line: Int? = nil, reason: String) {
            self.path = path
            self.line = line
            self.reason = reason
        }

        /// `PATH:LINE: error: REASON`, or `PATH: error: REASON` without a line.
        public var description: String { "\(path)\(line.map { ":\($0)" } ?? ""): error: \(reason)" }
    }

    /// Reads a folder written by `sanzi run` (with its report and alerts).
    public static func read(folder: String) throws(ReadError) -> RunTally {
        let report = try json(folder + "/report.json")
        guard let period = report["period"] as? [String: Any], let startText = period["start"] as? String,
            let days = period["days"] as? Int, let start = CalendarDate(iso: Substring(startText)),
            let villages = report["villages"] as? [[String: Any]]
        else { throw ReadError(path: folder + "/report.json", reason: "not a report.json of sanzi run") }
        var districtOfVillage: [String: String] = [:]
        for village in villages {
            if let id = village["id"] as? String { districtOfVillage[id] = village["district"] as? String ?? "" }
        }
        let districts = Set(districtOfVillage.values).sorted()
        let monthCount = max(1, start.months(until: start.adding(days: max(0, days - 1))) + 1)
        var tally = RunTally(
            folder: folder,
            months: (0..<monthCount).map { start.adding(months: $0).monthText }, districts: districts,
            counts: Dictionary(
                uniqueKeysWithValues: Measure.allCases.map {
                    ($0, [[Int64]](repeating: [Int64](repeating: 0, count: monthCount), count: districts.count))
                }))
        let districtIndex = Dictionary(uniqueKeysWithValues: districts.enumerated().map { ($1, $0) })
        func add(_ measure: Measure, village: String, day: Int64, _ amount: Int64 = 1) {
            guard let district = districtOfVillage[village].flatMap({ districtIndex[$0] }) else { return }
            let month = min(monthCount - 1, max(0, start.months(until: start.adding(days: Int(max(0, day))))))
            tally.counts[measure]?[district][month] += amount
        }
        try readEvents(folder + "/events.jsonl", add)
        for row in try lines(folder + "/alerts.csv").dropFirst() {
            let fields = CSV.fields(of: row)
            guard fields.count > 5, let day = Int64(fields[3]) else { continue }
            add(.alerts, village: fields[5], day: day)
        }
        let ids = villages.compactMap { $0["id"] as? String }
        guard let text = try? String(contentsOfFile: folder + "/cases.csv", encoding: .utf8) else {
            throw ReadError(path: folder + "/cases.csv", reason: "cannot read it")
        }
        do throws(CaseTable.ReadError) {
            for entry in try CaseTable.read(text, villageIDs: ids).misconduct {
                add(.cases, village: ids[Int(entry.village)], day: Int64(entry.startDay))
                add(.lossFen, village: ids[Int(entry.village)], day: Int64(entry.startDay), entry.loss)
            }
        } catch {
            throw ReadError(path: folder + "/cases.csv", line: error.line, reason: error.message)
        }
        return tally
    }

    /// The total of a measure over districts and months.
    public func total(_ measure: Measure) -> Int64 { (counts[measure] ?? []).joined().reduce(0, +) }

    private static func readEvents(
        _ path: String, _ add: (Measure, String, Int64, Int64) -> Void
    ) throws(ReadError) {
        do throws(EventLogReader.ReadError) {
            var reader = try EventLogReader(path: path)
            while let event = try reader.next() {
                let measure: Measure
                switch event.record.type {
                case .petition: measure = .petitions
                case .sanction: measure = .sanctions
                case .lead: measure = .leads
                case .investigationOpened: measure = .investigations
                default: continue
                }
                let village = event.record.village
                guard village >= 0, Int(village) < reader.villageIDs.count else { continue }
                add(measure, reader.villageIDs[Int(village)], Int64(event.day), 1)
            }
        } catch {
            switch error {
            case .cannotOpen(let path, let reason):
                throw ReadError(path: path, reason: "cannot read the event log: \(reason)")
            case .malformed(let path, let line, let reason): throw ReadError(path: path, line: line, reason: reason)
            }
        }
    }

    private static func json(_ path: String) throws(ReadError) -> [String: Any] {
        guard let data = FileManager.default.contents(atPath: path),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { throw ReadError(path: path, reason: "cannot read it as JSON (is this a folder of sanzi run?)") }
        return object
    }

    private static func lines(_ path: String) throws(ReadError) -> [Substring] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ReadError(path: path, reason: "cannot read it")
        }
        return text.split(separator: "\n")
    }
}
