import SanziEvents

/// Declared kinship ties: each person's relatives in the order declared, as a list per person
/// threaded through one array. A tie costs 24 bytes (a link each way, its relative and its
/// next link in two arrays: 32 as one array of pairs) and a person 12, where an array per
/// person with ties cost some 60 more (at 12,000 villages R01 and R02 each kept ~15 MB of
/// those arrays).
struct DeclaredTies {
    /// Per person, the first and last link of their list.
    private var ends = CompactIDTable<(first: Int32, last: Int32)>()
    /// Each link: a relative, and the next link of the same list or -1.
    private var relatives: [Int64] = []
    private var nextLinks: [Int32] = []

    /// Declares `a` and `b` relatives of each other.
    mutating func add(_ a: Int64, _ b: Int64) {
        append(b, to: a)
        append(a, to: b)
    }

    private mutating func append(_ relative: Int64, to person: Int64) {
        // Two billion links would take 24 GB: no log that large can be read into memory.
        guard relatives.count < Int(Int32.max) else { return }
        let link = Int32(relatives.count)
        relatives.append(relative)
        nextLinks.append(-1)
        if let known = ends[person] {
            nextLinks[Int(known.last)] = link
            ends[person] = (known.first, link)
        } else {
            ends[person] = (link, link)
        }
    }

    /// The relatives of `person`, in the order declared.
    func of(_ person: Int64) -> Relatives {
        Relatives(relatives: relatives, nextLinks: nextLinks, link: ends[person]?.first ?? -1)
    }

    struct Relatives: Sequence, IteratorProtocol {
        let relatives: [Int64]
        let nextLinks: [Int32]
        var link: Int32

        var isEmpty: Bool { link < 0 }

        mutating func next() -> Int64? {
            guard link >= 0 else { return nil }
            defer { link = nextLinks[Int(link)] }
            return relatives[Int(link)]
        }
    }
}
