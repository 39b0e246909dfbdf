/// Rule state keyed by an id from the log (a bidder, person or asset). Sanzi numbers these
/// densely from 0 or 1, so small ids live in an array and need no hashing; any other id falls
/// back to a dictionary.
struct IDTable<Value: Sendable>: Sendable {
    private var dense: [Value?] = []
    private var sparse: [Int64: Value] = [:]
    static var denseLimit: Int64 { 1 << 22 }

    subscript(id: Int64) -> Value? {
        get {
            guard id >= 0, id < Self.denseLimit else { return sparse[id] }
            return id < dense.count ? dense[Int(id)] : nil
        }
        set {
            guard id >= 0, id < Self.denseLimit else {
                sparse[id] = newValue
                return
            }
            let index = Int(id)
            if index >= dense.count {
                guard newValue != nil else { return }
                dense.append(contentsOf: repeatElement(nil, count: index - dense.count + 1))
            }
            dense[index] = newValue
        }
    }
}
