/// Per-village rule state in an array indexed by the village's position: no hashing on the
/// hot path (rules read millions of events), and a village's value is changed in place. Villages
/// absent from the table read as `empty`.
struct VillageTable<Value: Sendable>: Sendable {
    private var values: [Value] = []
    private let empty: Value

    init(empty: Value) { self.empty = empty }

    subscript(village: Int32) -> Value {
        get { village >= 0 && Int(village) < values.count ? values[Int(village)] : empty }
        set {
            guard village >= 0 else { return }
            let index = Int(village)
            if index >= values.count {
                values.append(contentsOf: repeatElement(empty, count: index - values.count + 1))
            }
            values[index] = newValue
        }
        _modify {
            guard village >= 0 else {
                var discarded = empty
                yield &discarded
                return
            }
            let index = Int(village)
            if index >= values.count {
                values.append(contentsOf: repeatElement(empty, count: index - values.count + 1))
            }
            yield &values[index]
        }
    }
}
