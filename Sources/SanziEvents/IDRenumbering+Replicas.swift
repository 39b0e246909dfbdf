extension IDRenumbering {
    /// A shard's replicas of shared things of a kind: their places, in order, and keys.
    struct Replicas: Sendable {
        var places: [Int64] = []
        var keys: [Int64] = []
        /// The replicas' places again, a bit each (in words of 64): most mentions are of no
        /// replica, and a bit says so without a search (a percent of a split run). Read inline:
        /// through `BitSet.contains`, a call the compiler kept, it copied the replicas out of
        /// their array first, retaining and releasing all four buffers at every mention.
        var marks: [UInt64] = []
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

        /// Whether `place` is a replica's (no place before the first is).
        @inline(__always)
        func isMarked(_ place: Int64) -> Bool {
            let word = Int(place >> 6)
            return marks.indices.contains(word) && marks[word] & 1 << (place & 63) != 0
        }

        /// The shared key of `place`, if it is a replica.
        func key(of place: Int64) -> Int64? {
            isMarked(place) ? keys[index(atOrAfter: place)] : nil
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
            let word = Int(place >> 6)
            if word >= marks.count { marks += repeatElement(0, count: word + 1 - marks.count) }
            marks[word] |= 1 << (place & 63)
        }
    }
}
