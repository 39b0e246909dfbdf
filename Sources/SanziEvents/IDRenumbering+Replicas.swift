extension IDRenumbering {
    /// A shard's replicas of shared things of a kind: their places, in order, and keys.
    struct Replicas: Sendable {
        var places: [Int64] = []
        var keys: [Int64] = []
        /// The replicas' places again, a bit each: most mentions are of no replica, and a bit
        /// says so without a search (a percent of a split run).
        var marks = WordBits()
        /// Each key's replica, by key.
        var byKey: [Int64: Int64] = [:]

        /// Where the first replica at or after `place` is in `places`.
        func index(atOrAfter place: Int64) -> Int {
            var (low, high) = (0, places.count)
            while low < high {
                let middle = (low + high) / 2
                if places[middle] < place { low = middle + 1 } else { high = middle }
            }
            return low
        }

        /// The shared key of `place`, if it is a replica.
        func key(of place: Int64) -> Int64? {
            marks.contains(Int(place)) ? keys[index(atOrAfter: place)] : nil
        }

        /// Notes `place` as the replica of `key`.
        mutating func note(_ place: Int64, key: Int64) {
            let index = index(atOrAfter: place)
            if index < places.count, places[index] == place {
                keys[index] = key
            } else {
                places.insert(place, at: index)
                keys.insert(key, at: index)
            }
            byKey[key] = place
            marks.insert(Int(place))
        }
    }
}
