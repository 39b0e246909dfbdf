import SanziEvents

/// What a report needs from the log to tell alerts in plain words: the kind and value of each
/// listing and contract, and who holds which office. Collected while the log streams, so no
/// second pass over `events.jsonl` is needed. Listing, contract and person ids count from 1 (0
/// for persons), so plain arrays hold them.
public final class DealContext: EventSink {
    struct Deal {
        var kind: UInt8
        var value: Int64
    }

    private var listings: [Deal?] = []
    private var contracts: [Deal?] = []
    /// Role code (`office` events) of each person who held an office, by person id.
    private var roles: [UInt8?] = []

    public init() {}

    public func accept(_ event: LoggedEvent) {
        let r = event.record
        switch r.type {
        case .listing: Self.store(Deal(kind: r.code, value: r.amount), at: r.subject, in: &listings)
        case .contract: Self.store(Deal(kind: r.code, value: r.amount2), at: r.subject, in: &contracts)
        case .office: Self.store(r.code, at: r.subject, in: &roles)
        default: break
        }
    }

    private static func store<Value>(_ value: Value, at id: Int64, in array: inout [Value?]) {
        guard id >= 0, id < 1 << 32 else { return }
        if array.count <= Int(id) { array.append(contentsOf: repeatElement(nil, count: Int(id) + 1 - array.count)) }
        array[Int(id)] = value
    }

    private static func lookUp<Value>(_ id: Int64, in array: [Value?]) -> Value? {
        id >= 0 && id < array.count ? array[Int(id)] : nil
    }

    func listing(_ id: Int64) -> Deal? { Self.lookUp(id, in: listings) }
    func contract(_ id: Int64) -> Deal? { Self.lookUp(id, in: contracts) }

    static let dealNames = ["lease", "sale", "works", "loan"]
    static let roleNames = ["secretary", "director", "accountant", "cashier", "committee member", "supervisor"]

    func deal(_ kind: UInt8) -> String { Int(kind) < Self.dealNames.count ? Self.dealNames[Int(kind)] : "deal" }

    /// The office a person holds or held, e.g. "director".
    func role(of person: Int64) -> String? { Self.lookUp(person, in: roles).map { Self.roleNames[min(Int($0), 5)] } }
}
