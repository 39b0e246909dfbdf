/// `IDTable` for values that hold no references (`BitwiseCopyable`): the values of dense ids
/// in one array and which of them are there in a bitset, so that an `Int64` takes 8 bytes and
/// a bit where an optional took 16, and an `Int32` 4 where it took 8. (At 12,000 villages the
/// rules keep some 400,000 such values per table.) An absent id's place holds a copy of some
/// value, never read. Any other id falls back to a dictionary, as in `IDTable`.
public struct CompactIDTable<Value: BitwiseCopyable & Sendable>: Sendable {
    @usableFromInline var values: [Value] = []
    @usableFromInline var present = WordBits()
    @usableFromInline var sparse: [Int64: Value] = [:]

    @inlinable public init() {}

    @inlinable public subscript(id: Int64) -> Value? {
        get {
            guard let index = Self.denseIndex(id) else { return sparse[id] }
            return index < values.count && present.contains(index) ? values[index] : nil
        }
        set {
            guard let index = Self.denseIndex(id) else {
                sparse[id] = newValue
                return
            }
            guard let newValue else { return present.remove(index) }
            if index >= values.count {
                values.append(contentsOf: repeatElement(newValue, count: index - values.count + 1))
            }
            values[index] = newValue
            present.insert(index)
        }
        _modify {
            var value = self[id]
            defer { self[id] = value }
            yield &value
        }
    }

    /// Removes the value for `id` and returns it.
    @discardableResult
    @inlinable public mutating func removeValue(forKey id: Int64) -> Value? {
        let value = self[id]
        if value != nil { self[id] = nil }
        return value
    }

    @inlinable static func denseIndex(_ id: Int64) -> Int? {
        id >= 0 && id < IDTable<Value>.denseLimit ? Int(id) : nil
    }

}
