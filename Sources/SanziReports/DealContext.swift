import SanziEvents
import SanziOutput

/// What a report needs from the log to tell alerts in plain words: the kind and value of each
/// listing and contract, and who holds which office. Collected while the log streams, so no
/// second pass over `events.jsonl` is needed. Listing, contract and person ids count from 1 (0
/// for persons), so plain arrays hold them.
///
/// Made with a folder, the context sets the deals aside in a `Spool` while the world runs
/// (1.3 million listings and contracts at 12,000 villages over five years: 23 MiB of the peak) and
/// takes them in with `readBack()`, once the run has let the world go.
public final class DealContext: EventSink {
    struct Deal {
        var kind: UInt8
        var value: Int64
    }

    /// Deals by id, in two plain arrays (an optional deal would take 24 bytes an id, these 9):
    /// the kind's code plus one, 0 where the log named no deal with that id, and the value.
    struct Deals {
        private var kinds: [UInt8] = []
        private var values: [Int64] = []

        mutating func store(_ deal: Deal, at id: Int64) {
            guard id >= 0, id < 1 << 32 else { return }
            if kinds.count <= Int(id) {
                kinds.append(contentsOf: repeatElement(0, count: Int(id) + 1 - kinds.count))
                values.append(contentsOf: repeatElement(0, count: Int(id) + 1 - values.count))
            }
            kinds[Int(id)] = deal.kind &+ 1
            values[Int(id)] = deal.value
        }

        subscript(id: Int64) -> Deal? {
            guard id >= 0, id < kinds.count, kinds[Int(id)] > 0 else { return nil }
            return Deal(kind: kinds[Int(id)] - 1, value: values[Int(id)])
        }
    }

    // One thread at a time uses a context (the rules', then the report's), so its state needs
    // no exclusivity check at run time: a deal set aside made five.
    @exclusivity(unchecked) private var listings = Deals()
    @exclusivity(unchecked) private var contracts = Deals()
    /// Role code (`office` events) of each person who held an office, by person id.
    @exclusivity(unchecked) private var roles: [UInt8?] = []
    /// Where deals wait until `readBack()`, if anywhere.
    @exclusivity(unchecked) private var spool: Spool?

    /// A context that keeps the deals in memory.
    public init() {}

    /// A context that sets the deals aside in a file in `folder`, which exists, until
    /// `readBack()`.
    public init(spoolingIn folder: String) throws(OutputError) {
        spool = try Spool(in: folder, name: "deals.spool")
    }

    public func accept(_ event: LoggedEvent) {
        let r = event.record
        switch r.type {
        case .listing: keep(Deal(kind: r.code, value: r.amount), at: r.subject, contract: false)
        case .contract: keep(Deal(kind: r.code, value: r.amount2), at: r.subject, contract: true)
        case .office: Self.store(r.code, at: r.subject, in: &roles)
        default: break
        }
    }

    /// Takes in the deals set aside (none when the context keeps them in memory).
    public func readBack() throws(OutputError) {
        try spool?.readBack { reader in
            guard let id = reader.next(Int64.self), let value = reader.next(Int64.self),
                let kind = reader.next(UInt8.self), let contract = reader.next(UInt8.self), contract <= 1
            else { return false }
            store(Deal(kind: kind, value: value), at: id, contract: contract == 1)
            return true
        }
        spool = nil
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
        if contract { contracts.store(deal, at: id) } else { listings.store(deal, at: id) }
    }

    private static func store<Value>(_ value: Value, at id: Int64, in array: inout [Value?]) {
        guard id >= 0, id < 1 << 32 else { return }
        if array.count <= Int(id) { array.append(contentsOf: repeatElement(nil, count: Int(id) + 1 - array.count)) }
        array[Int(id)] = value
    }

    private static func lookUp<Value>(_ id: Int64, in array: [Value?]) -> Value? {
        id >= 0 && id < array.count ? array[Int(id)] : nil
    }

    func listing(_ id: Int64) -> Deal? { listings[id] }
    func contract(_ id: Int64) -> Deal? { contracts[id] }

    static let dealNames = ["lease", "sale", "works", "loan"]
    static let roleNames = ["secretary", "director", "accountant", "cashier", "committee member", "supervisor"]

    func deal(_ kind: UInt8) -> String { Int(kind) < Self.dealNames.count ? Self.dealNames[Int(kind)] : "deal" }

    /// The office a person holds or held, e.g. "director".
    func role(of person: Int64) -> String? { Self.lookUp(person, in: roles).map { Self.roleNames[min(Int($0), 5)] } }
}
