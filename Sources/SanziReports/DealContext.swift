import SanziEvents
import SanziOutput

/// What a report needs from the log to tell alerts in plain words: the kind and value of each
/// listing and contract it tells, and who holds which office. Collected while the log streams,
/// so no second pass over `events.jsonl` is needed.
///
/// Made with a folder, the context sets the deals aside in a `Spool` while the world runs and
/// takes in only those a report tells (`recall(_:)`, a dozen subjects): at 12,000 villages over
/// ten years the run makes some 3.6 million listings and contracts, which read back whole took
/// ~33 MB after the world was let go, when the run's memory peaks.
public final class DealContext: EventSink {
    struct Deal {
        var kind: UInt8
        var value: Int64
    }

    // One thread at a time uses a context (the rules', then the report's), so its state needs
    // no exclusivity check at run time: a deal set aside made five.
    /// The deals known, by id: every one when kept in memory, those recalled when set aside.
    @exclusivity(unchecked) private var listings: [Int64: Deal] = [:]
    @exclusivity(unchecked) private var contracts: [Int64: Deal] = [:]
    /// Role code (`office` events) of each person who held an office, by person id.
    @exclusivity(unchecked) private var roles = CompactIDTable<UInt8>()
    /// Where deals wait to be recalled, if anywhere.
    @exclusivity(unchecked) private var spool: Spool?
    /// The first error reading the spool back (`check()`).
    @exclusivity(unchecked) private var failure: OutputError?

    /// A context that keeps the deals in memory.
    public init() {}

    /// A context that sets the deals aside in a file in `folder`, which exists, until they are
    /// recalled.
    public init(spoolingIn folder: String) throws(OutputError) {
        spool = try Spool(in: folder, name: "deals.spool")
    }

    public func accept(_ event: LoggedEvent) {
        let r = event.record
        switch r.type {
        case .listing: keep(Deal(kind: r.code, value: r.amount), at: r.subject, contract: false)
        case .contract: keep(Deal(kind: r.code, value: r.amount2), at: r.subject, contract: true)
        case .office: roles[r.subject] = r.code
        default: break
        }
    }

    /// Takes in, of the deals set aside, those `subjects` name (nothing to do when the context
    /// keeps them in memory). A failure to read them back waits for `check()`.
    func recall(_ subjects: some Sequence<AlertSubject>) {
        guard spool != nil else { return }
        var wanted: (listings: Set<Int64>, contracts: Set<Int64>) = ([], [])
        for subject in subjects {
            switch subject {
            case .listing(let id): wanted.listings.insert(id)
            case .contract(let id): wanted.contracts.insert(id)
            case .bidder, .village: break
            }
        }
        do throws(OutputError) {
            try spool?.readBack { reader in
                guard let id = reader.next(Int64.self), let value = reader.next(Int64.self),
                    let kind = reader.next(UInt8.self), let contract = reader.next(UInt8.self), contract <= 1
                else { return false }
                if contract == 1 ? wanted.contracts.contains(id) : wanted.listings.contains(id) {
                    store(Deal(kind: kind, value: value), at: id, contract: contract == 1)
                }
                return true
            }
        } catch {
            failure = failure ?? error
        }
    }

    /// Throws the first failure to read the deals set aside back, if there was one.
    public func check() throws(OutputError) {
        if let failure { throw failure }
    }

    private func keep(_ deal: Deal, at id: Int64, contract: Bool) {
        guard spool != nil else { return store(deal, at: id, contract: contract) }
        spool?.append(id)
        spool?.append(deal.value)
        spool?.append(deal.kind)
        spool?.append(UInt8(contract ? 1 : 0))
        spool?.endItem()
    }

    private func store(_ deal: Deal, at id: Int64, contract: Bool) {
        if contract { contracts[id] = deal } else { listings[id] = deal }
    }

    func listing(_ id: Int64) -> Deal? { listings[id] }
    func contract(_ id: Int64) -> Deal? { contracts[id] }

    static let dealNames = ["lease", "sale", "works", "loan"]
    static let roleNames = ["secretary", "director", "accountant", "cashier", "committee member", "supervisor"]

    func deal(_ kind: UInt8) -> String { Int(kind) < Self.dealNames.count ? Self.dealNames[Int(kind)] : "deal" }

    /// The office a person holds or held, e.g. "director".
    func role(of person: Int64) -> String? { roles[person].map { Self.roleNames[min(Int($0), 5)] } }
}
