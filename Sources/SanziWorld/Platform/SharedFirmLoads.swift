/// How each district sees the firms of the shared pool when news crosses districts only at the
/// start of each window (`Geography.newsWindowDays`): a firm's contracts in hand as they stood
/// when the window began, with those the district itself signed and ended since. A firm may so
/// hold more contracts than its capacity, for at most a window.
struct SharedFirmLoads: Sendable {
    private let districts: Int
    /// The row of each shared firm (by bidder index) in `seen`.
    private var rows: [Int32: Int32] = [:]
    /// The firms by row.
    private var firms: [Int32] = []
    /// Contracts in hand as seen from each district, at `row * districts + district`.
    private var seen: [Int32] = []

    init(districts: Int) { self.districts = districts }

    /// Starts following a shared firm that holds `active` contracts now.
    mutating func add(_ firm: Int32, holding active: Int32) {
        rows[firm] = Int32(firms.count)
        firms.append(firm)
        seen.append(contentsOf: repeatElement(active, count: districts))
    }

    /// The contracts in hand of `firm` as `district` sees them; nil for a firm not shared.
    func load(of firm: Int32, seenFrom district: Int) -> Int32? {
        rows[firm].map { seen[Int($0) * districts + district] }
    }

    /// A contract of `firm` signed (+1) or ended (-1) in `district`: that district sees it at
    /// once, the others at the next window.
    mutating func change(_ firm: Int32, by delta: Int32, in district: Int) {
        guard let row = rows[firm] else { return }
        seen[Int(row) * districts + district] += delta
    }

    /// A window begins in a shard: its district sees each shared firm (by position in the
    /// shared pool, the order they were added) with the contracts it holds in every district.
    mutating func settle(toLoads loads: [Int32]) {
        for (row, load) in loads.enumerated() where row < firms.count {
            for district in 0..<districts { seen[row * districts + district] = load }
        }
    }

    /// A window begins: every district sees every shared firm as it stands in `bidders`.
    mutating func settle(_ bidders: [Bidder]) {
        for (row, firm) in firms.enumerated() {
            let now = bidders[Int(firm)].active
            for district in 0..<districts { seen[row * districts + district] = now }
        }
    }
}
