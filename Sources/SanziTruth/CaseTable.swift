import SanziEvents
import SanziOutput
import SanziScenario

/// `cases.csv`: the ground truth of a run, one case per line (see docs/cases.md).
public enum CaseTable {
    /// The header line's columns, in order.
    public static let columns = [
        "case_id", "kind", "typology", "village", "perpetrators", "beneficiary", "start_day", "start_date",
        "end_day", "end_date", "expected_yuan", "booked_yuan", "loss_yuan", "adapted", "discovered_day", "events",
        "recovered_yuan", "gain_yuan", "private_yuan",
    ]

    /// The table as text: a header, then one line per case. Lists (perpetrators, events) are
    /// separated by spaces; a village id with a comma or a quote is quoted.
    public static func text(_ truth: GroundTruth, villageIDs: [String], dateOfDay: (Int32) -> String) -> String {
        var bytes: [UInt8] = []
        encode(truth, villageIDs: villageIDs, dateOfDay: dateOfDay) { bytes.append(contentsOf: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Writes the table, as `text` gives it, to `path` whole (`OutputFile`), a MiB at a time:
    /// its events make it long (39 MB at 12,000 villages over ten years), and built whole, then
    /// copied out, it took twice that at the run's peak.
    public static func write(
        _ truth: GroundTruth, villageIDs: [String], dateOfDay: (Int32) -> String, to path: String
    ) throws(OutputError) {
        var file = try OutputFile(path: path)
        try encode(truth, villageIDs: villageIDs, dateOfDay: dateOfDay) { bytes throws(OutputError) in
            try file.write(bytes)
        }
        try file.commit()
    }

    /// Hands the table's UTF-8 bytes to `take`, a MiB or so at a time.
    private static func encode<Failure: Error>(
        _ truth: GroundTruth, villageIDs: [String], dateOfDay: (Int32) -> String,
        _ take: (UnsafeRawBufferPointer) throws(Failure) -> Void
    ) throws(Failure) {
        // Bytes, numbers formatted in place (the alert files' buffer): a string per field and a
        // joined line per case cost 385 M instructions for bench-large's 3.9 MB.
        let chunk = 1 << 20
        var text = ByteBuffer(capacity: chunk + (1 << 16))
        text.append(columns.joined(separator: ","), "\n")
        var dates: [Int32: String] = [:]
        func date(_ day: Int32) -> String {
            if let known = dates[day] { return known }
            let date = dateOfDay(day)
            dates[day] = date
            return date
        }
        let villages = villageIDs.map { Array(CSV.field($0).utf8) }
        func add(_ field: String) {
            text.append(field)
            text.append(UInt8(ascii: ","))
        }
        func add(_ number: some BinaryInteger) {
            text.appendDigits(number)
            text.append(UInt8(ascii: ","))
        }
        for entry in truth.cases {
            add(entry.id)
            add(entry.kind.rawValue)
            add(entry.typology.rawValue)
            text.append(villages[Int(entry.village)])
            text.append(UInt8(ascii: ","))
            text.appendDigits(entry.perpetrators, separator: " ")
            text.append(UInt8(ascii: ","))
            add(entry.beneficiary)
            add(entry.startDay)
            add(date(entry.startDay))
            add(entry.endDay)
            add(date(entry.endDay))
            add(Money(fen: entry.expected).description)
            add(Money(fen: entry.booked).description)
            add(Money(fen: entry.loss).description)
            add(entry.adapted ? "1" : "0")
            add(entry.discoveredDay)
            text.appendDigits(entry.events, separator: " ")
            text.append(UInt8(ascii: ","))
            add(Money(fen: entry.recovered).description)
            add(Money(fen: entry.gain).description)
            text.append(Money(fen: entry.privateMoney).description)
            text.append(UInt8(ascii: "\n"))
            if text.count >= chunk {
                try take(text.bytes)
                text.removeAll()
            }
        }
        try take(text.bytes)
    }

    /// A problem reading a `cases.csv`.
    public struct ReadError: Error, CustomStringConvertible {
        public var line: Int
        public var message: String
        public var description: String { "line \(line): \(message)" }
    }

    /// Reads the table written by `text`; villages are given back as indices into `villageIDs`.
    public static func read(_ text: String, villageIDs: [String]) throws(ReadError) -> GroundTruth {
        let villages = Dictionary(villageIDs.enumerated().map { ($1, Int32($0)) }, uniquingKeysWith: { a, _ in a })
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true)
        guard let header = lines.first, header == columns.joined(separator: ",") else {
            throw ReadError(line: 1, message: "the header is not \(columns.joined(separator: ","))")
        }
        lines.removeFirst()
        var cases: [Case] = []
        for (index, line) in lines.enumerated() {
            let number = index + 2
            let fields = CSV.fields(of: line)
            guard fields.count == columns.count else {
                throw ReadError(line: number, message: "\(fields.count) fields, expected \(columns.count)")
            }
            func integer(_ column: Int) throws(ReadError) -> Int64 {
                guard let value = Int64(fields[column]) else {
                    throw ReadError(line: number, message: "\(columns[column]) is not an integer: \(fields[column])")
                }
                return value
            }
            func fen(_ column: Int) throws(ReadError) -> Int64 {
                guard let money = Money(yuanText: Substring(fields[column].replacing("-", with: ""))) else {
                    throw ReadError(line: number, message: "\(columns[column]) is not an amount: \(fields[column])")
                }
                return fields[column].hasPrefix("-") ? -money.fen : money.fen
            }
            guard let kind = Case.Kind(rawValue: fields[1]), let typology = Typology(rawValue: fields[2]),
                let village = villages[fields[3]]
            else {
                throw ReadError(line: number, message: "unknown kind, typology or village")
            }
            cases.append(
                Case(
                    id: Int(try integer(0)), kind: kind, typology: typology, village: village,
                    perpetrators: fields[4].split(separator: " ").compactMap { Int64($0) },
                    beneficiary: try integer(5), startDay: Int32(try integer(6)), endDay: Int32(try integer(8)),
                    expected: try fen(10), booked: try fen(11), adapted: fields[13] == "1",
                    discoveredDay: Int32(try integer(14)),
                    events: fields[15].split(separator: " ").compactMap { UInt64($0) }, recovered: try fen(16),
                    privateMoney: try fen(18)))
        }
        return GroundTruth(cases: cases)
    }
}
