/// Two sets of runs side by side (before/after an intervention, the warning system on/off, two
/// thresholds files): each measure's mean per side, the difference B − A, and its standard
/// error when several seeds are given, overall, by district and by month (`compare.json`).
public struct RunComparison: Sendable, Encodable {
    /// One measure on both sides: means over each side's runs.
    public struct Row: Sendable, Encodable {
        public var measure: String
        /// The district or month, or `all`.
        public var key: String
        public var a: Double
        public var b: Double
        public var difference: Double
        /// The standard error of the difference; `nil` with one run a side.
        public var standardError: Double?
    }

    public var a: [String]
    public var b: [String]
    /// Whether the runs were paired by position (the same number a side): the standard error
    /// is then that of the mean paired difference, else of the difference of two means.
    public var paired: Bool
    public var totals: [Row]
    public var districts: [Row]
    public var months: [Row]
    /// The monthly means, for charts: measure → side → months.
    public var monthly: [String: [String: [Double]]]
    public var monthNames: [String]

    /// Compares the runs; they must cover the same districts and months.
    public init(a: [RunTally], b: [RunTally]) throws(RunTally.ReadError) {
        guard let first = a.first, !b.isEmpty else {
            throw RunTally.ReadError(path: "compare", reason: "each side needs at least one run folder")
        }
        for tally in a + b where tally.districts != first.districts || tally.months != first.months {
            throw RunTally.ReadError(
                path: tally.folder,
                reason: "covers other districts or months than \(first.folder): compare runs of one scenario")
        }
        self.a = a.map(\.folder)
        self.b = b.map(\.folder)
        paired = a.count == b.count && a.count > 1
        var totals: [Row] = []
        var districts: [Row] = []
        var months: [Row] = []
        var monthly: [String: [String: [Double]]] = [:]
        for measure in RunTally.Measure.allCases {
            let name = measure.rawValue
            func values(_ side: [RunTally], district: Int?, month: Int?) -> [Double] {
                side.map { tally in
                    let grid = tally.counts[measure] ?? []
                    return Double(
                        grid.indices.filter { district == nil || $0 == district }.reduce(Int64(0)) { sum, row in
                            sum
                                + grid[row].indices.filter { month == nil || $0 == month }.reduce(0) {
                                    $0 + grid[row][$1]
                                }
                        })
                }
            }
            let paired = self.paired
            func row(_ key: String, district: Int? = nil, month: Int? = nil) -> Row {
                Self.row(
                    name, key, values(a, district: district, month: month), values(b, district: district, month: month),
                    paired: paired)
            }
            totals.append(row("all"))
            districts += first.districts.enumerated().map { row($1, district: $0) }
            let byMonth = first.months.indices.map { row(first.months[$0], month: $0) }
            months += byMonth
            monthly[name] = ["a": byMonth.map(\.a), "b": byMonth.map(\.b)]
        }
        (self.totals, self.districts, self.months, self.monthly, monthNames) = (
            totals, districts, months, monthly, first.months
        )
    }

    static func row(_ measure: String, _ key: String, _ a: [Double], _ b: [Double], paired: Bool) -> Row {
        let mean = { (values: [Double]) in values.reduce(0, +) / Double(max(values.count, 1)) }
        func variance(_ values: [Double]) -> Double {
            let m = mean(values)
            return values.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(max(values.count - 1, 1))
        }
        var error: Double?
        if paired {
            let differences = zip(b, a).map { $0 - $1 }
            error = (variance(differences) / Double(differences.count)).squareRoot()
        } else if a.count > 1, b.count > 1 {
            error = (variance(a) / Double(a.count) + variance(b) / Double(b.count)).squareRoot()
        }
        return Row(
            measure: measure, key: key, a: mean(a), b: mean(b), difference: mean(b) - mean(a), standardError: error)
    }
}
