/// State keyed by an id from the log (a bidder, person, asset or listing). Sanzi numbers these
/// densely from 0 or 1, so small ids live in an array and need no hashing; any other id falls
/// back to a dictionary. Inlinable, so that each module specializes it for its values.
public struct IDTable<Value: Sendable>: Sendable {
    @usableFromInline var dense: [Value?] = []
    @usableFromInline var sparse: [Int64: Value] = [:]
    @inlinable static var denseLimit: Int64 { 1 << 22 }

    @inlinable public init() {}

    @inlinable public subscript(id: Int64) -> Value? {
        get {
            guard id >= 0, id < Self.denseLimit else { return sparse[id] }
            return id < dense.count ? dense[Int(id)] : nil
        }
        set {
            let absent = id >= 0 && id < Self.denseLimit && id >= Int64(dense.count)
            if absent && newValue == nil { return }  // nothing to remove; the array need not grow
            self[slot: id] = newValue
        }
        _modify { yield &self[slot: id] }
    }

    /// The value for `id`, or `defaultValue` when there is none; changing it stores it.
    @inlinable public subscript(id: Int64, default defaultValue: @autoclosure () -> Value) -> Value {
        get { self[id] ?? defaultValue() }
        _modify {
            var value = self[slot: id].take() ?? defaultValue()
            defer { self[slot: id] = value }
            yield &value
        }
    }

    /// Removes the value for `id` and returns it.
    @discardableResult
    @inlinable public mutating func removeValue(forKey id: Int64) -> Value? {
        guard self[id] != nil else { return nil }
        return self[slot: id].take()
    }

    /// The place of `id`'s value, made in the array when the id is dense.
    @inlinable subscript(slot id: Int64) -> Value? {
        get { self[id] }
        _modify {
            if id >= 0, id < Self.denseLimit {
                let index = Int(id)
                if index >= dense.count { dense.append(contentsOf: repeatElement(nil, count: index - dense.count + 1)) }
                yield &dense[index]
            } else {
                yield &sparse[id]
            }
        }
    }
}
